/**
 * Starts the plot server worker. `node:worker_threads` in both runtimes: Deno implements it
 * (measured with Deno 2.9.6) including `unref()`, so a script that never closes its plotter
 * still exits by itself in Deno as in Node. The worker is referenced only while the computing
 * thread awaits it (open, close).
 */
import { Worker } from 'node:worker_threads';
import type { FromWorker, ServerOptions, ToWorker } from './messages.js';

export interface WorkerLink {
  post(message: ToWorker): void;
  /** Keeps the process alive while `true` (an awaited open/close). */
  hold(held: boolean): void;
  terminate(): Promise<void>;
}

export function startWorker(
  options: ServerOptions,
  onMessage: (message: FromWorker) => void,
  onError: (error: Error) => void,
  /** The worker ended; `exitCode` 1 when it threw. */
  onExit: (exitCode: number) => void = () => undefined
): WorkerLink {
  const worker = new Worker(new URL('./worker/main.js', import.meta.url), {
    workerData: options,
    stderr: false,
    stdout: false
  });
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  return {
    post: message => worker.postMessage(message),
    hold: held => (held ? worker.ref() : worker.unref()),
    terminate: async () => {
      await worker.terminate();
    }
  };
}
