/**
 * Where a plot worker hears the user stop the computation by signal: Kernel > Interrupt in a
 * notebook kernel (Jupyter sends SIGINT to the kernel's process group), Ctrl-C in a script (the
 * terminal sends SIGINT to the script's process group; `kill -INT <pid>`, supervisors and
 * `subprocess.send_signal` send it to the process alone). The worker hears it even while the
 * computing thread spins.
 *
 * - Kernel started by the project's launcher (kernel-launcher.ts): the kernel ignores SIGINT;
 *   the launcher hears it and writes `interrupt` on the unix socket this worker connected to.
 * - Deno (kernel started by the stock kernelspec, or `deno run`): a SIGINT listener here runs
 *   while the computing thread spins (measured with Deno 2.9.6) and, once registered, keeps the
 *   signal from ending the process.
 * - Node scripts: `process.on('SIGINT')` is not delivered on worker threads, but the signal
 *   handler libuv installs is process-wide and wakes every event loop that watches the signal,
 *   so this worker watches SIGINT on its own loop with the handle `process.on` uses
 *   (`process.binding('signal_wrap')`, measured with Node 20: the listener runs within
 *   milliseconds while the main thread spins). Where that handle is missing, a helper process
 *   relays the group's Ctrl-C (sigint-relay.ts) and the computing thread listens too (RELAYED).
 *
 * In-process listeners are counted (LISTENING): once the last stops, SIGINT has the runtime's
 * default action again, which script-end.ts relies on.
 */
import { connect, type Socket } from 'node:net';
import { constants } from 'node:os';
import process from 'node:process';
import {
  LISTENING,
  RELAYED,
  StopReason,
  stopSlots,
  type StopState
} from '../../kernel/stop-state.js';
import type { Log } from '../log.js';
import { relaySigint } from './sigint-relay.js';

interface DenoSignals {
  addSignalListener(signal: 'SIGINT', handler: () => void): void;
  removeSignalListener(signal: 'SIGINT', handler: () => void): void;
}

function denoSignals(): DenoSignals | null {
  const deno = (globalThis as { Deno?: Partial<DenoSignals> }).Deno;
  return typeof deno?.addSignalListener === 'function' ? (deno as DenoSignals) : null;
}

/** The handle behind Node's `process.on(signal)` (lib/internal/process/signal in Node). */
interface SignalHandle {
  onsignal: ((signal: number) => void) | null;
  start(signal: number): number;
  unref(): void;
  close(): void;
}

/** Node's signal handle class, or null (Deno, or a Node without it). */
function nodeSignalHandle(): (new () => SignalHandle) | null {
  const binding = (process as { binding?: (name: string) => unknown }).binding;
  if (typeof binding !== 'function') {
    return null;
  }
  // process.binding is deprecated (DEP0111) and warns once for this module; the warning would
  // be the script's stderr, about a choice that is not the script's.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const { Signal } = binding.call(process, 'signal_wrap') as { Signal?: unknown };
    return typeof Signal === 'function' ? (Signal as new () => SignalHandle) : null;
  } catch {
    return null;
  } finally {
    process.noDeprecation = quiet;
  }
}

/** Watches SIGINT on this worker's event loop; returns a function that stops, or null. */
function watchNodeSigint(onSigint: () => void): (() => void) | null {
  const Signal = nodeSignalHandle();
  if (Signal === null) {
    return null;
  }
  const handle = new Signal();
  handle.onsignal = () => onSigint();
  if (handle.start(constants.signals.SIGINT) !== 0) {
    handle.close();
    return null;
  }
  handle.unref();
  return () => handle.close();
}

/** Starts listening; returns a function that stops listening (it may be called again). */
export function listenForInterrupts(
  options: { kernel: boolean; launcher: string | null; state: StopState },
  log: Log,
  onStop: (reason: StopReason) => void
): () => void {
  if (options.kernel && options.launcher !== null) {
    return listenToLauncher(options.launcher, log, () => onStop(StopReason.Interrupt));
  }
  const slots = stopSlots(options.state);
  const reason = options.kernel ? StopReason.Interrupt : StopReason.CtrlC;
  const handler = (): void => onStop(reason);
  const signals = denoSignals();
  if (signals !== null) {
    signals.addSignalListener('SIGINT', handler);
    return counted(slots, () => signals.removeSignalListener('SIGINT', handler));
  }
  if (options.kernel) {
    return () => undefined;
  }
  const stop = watchNodeSigint(handler);
  if (stop !== null) {
    return counted(slots, stop);
  }
  Atomics.store(slots, RELAYED, 1);
  return relaySigint(log, handler);
}

/** Counts an in-process listener until `stop` (once). */
function counted(slots: Int32Array, stop: () => void): () => void {
  Atomics.add(slots, LISTENING, 1);
  let stopped = false;
  return () => {
    if (!stopped) {
      stopped = true;
      stop();
      Atomics.sub(slots, LISTENING, 1);
    }
  };
}

function listenToLauncher(path: string, log: Log, onInterrupt: () => void): () => void {
  const socket: Socket = connect({ path });
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    text += chunk;
    let end: number;
    while ((end = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, end);
      text = text.slice(end + 1);
      if (line === 'interrupt') {
        onInterrupt();
      }
    }
  });
  socket.on('error', error => log.error(`kernel launcher socket ${path}: ${error.message}`));
  socket.unref();
  return () => socket.destroy();
}
