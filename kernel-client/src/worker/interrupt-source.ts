/**
 * Where a plot worker in a Deno notebook kernel hears Kernel > Interrupt (Jupyter sends SIGINT
 * to the kernel's process group). Measured with Deno 2.9.6: in `deno jupyter` started with SIGINT
 * ignored, a listener on a worker runs even while the computing thread spins; in `deno run` a
 * worker's listener did not run and SIGINT ended the process, so scripts keep the default
 * Ctrl-C (as in Node, which delivers signals to the main thread only).
 *
 * - Kernel started by the project's launcher (kernel-launcher.ts): the kernel ignores SIGINT;
 *   the launcher hears it and writes `interrupt` on the unix socket this worker connected to.
 * - Kernel started by the stock kernelspec (SIGINT would end the kernel): a listener here
 *   keeps the kernel alive and turns the signal into a stop.
 */
import { connect, type Socket } from 'node:net';
import { StopReason } from '../stop-state.js';
import type { Log } from './log.js';

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
  const signals = denoSignals();
  if (!options.kernel || signals === null) {
    return () => undefined;
  }
  const handler = (): void => onStop(StopReason.Interrupt);
  signals.addSignalListener('SIGINT', handler);
  return () => signals.removeSignalListener('SIGINT', handler);
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
