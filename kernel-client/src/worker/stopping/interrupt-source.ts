/**
 * Where a plot worker hears the user stop the computation by signal: Kernel > Interrupt in a
 * notebook kernel (Jupyter sends SIGINT to the kernel's process group), Ctrl-C in a script (the
 * terminal sends SIGINT to the script's process group). The worker hears it even while the
 * computing thread spins.
 *
 * - Kernel started by the project's launcher (kernel-launcher.ts): the kernel ignores SIGINT;
 *   the launcher hears it and writes `interrupt` on the unix socket this worker connected to.
 * - Deno (kernel started by the stock kernelspec, or `deno run`): a SIGINT listener here runs
 *   while the computing thread spins (measured with Deno 2.9.6) and, once registered, keeps the
 *   signal from ending the process.
 * - Node scripts: signals reach the main thread only, so a helper process relays Ctrl-C
 *   (sigint-relay.ts).
 */
import { connect, type Socket } from 'node:net';
import { StopReason } from '../../kernel/stop-state.js';
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

/** Starts listening; returns a function that stops listening. */
export function listenForInterrupts(
  options: { kernel: boolean; launcher: string | null },
  log: Log,
  onStop: (reason: StopReason) => void
): () => void {
  if (options.kernel && options.launcher !== null) {
    return listenToLauncher(options.launcher, log, () => onStop(StopReason.Interrupt));
  }
  const reason = options.kernel ? StopReason.Interrupt : StopReason.CtrlC;
  const handler = (): void => onStop(reason);
  const signals = denoSignals();
  if (signals !== null) {
    signals.addSignalListener('SIGINT', handler);
    return () => signals.removeSignalListener('SIGINT', handler);
  }
  return options.kernel ? () => undefined : relaySigint(log, handler);
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
