/**
 * Test diagnostics of the worker (the `debug` message): its heap in use, and a forced failure
 * that exercises what a plotter does when its worker throws. Not part of the API.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FromWorker, ToWorker } from '../messages.js';

type DebugMessage = Extract<ToWorker, { type: 'debug' }>;

let collector: (() => void) | null = null;

/** V8's garbage collection: `--expose-gc`'s, or one exposed now (test diagnostics only). */
function collectGarbage(): void {
  if (collector === null) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) {
      collector = exposed;
    } else {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    }
  }
  collector();
}

/**
 * The worker's JavaScript heap in use plus the external memory it holds (buffers of sockets and
 * frames), after a full garbage collection.
 */
function heapInUse(): number {
  collectGarbage();
  const statistics = getHeapStatistics() as { used_heap_size: number; external_memory?: number };
  return statistics.used_heap_size + (statistics.external_memory ?? 0);
}

export function runDiagnostic(message: DebugMessage, reply: (message: FromWorker) => void): void {
  if (message.action === 'throw') {
    // Outside any handler, as a bug in a timer would: the worker's failure path must catch it.
    setTimeout(() => {
      throw new Error('forced failure of the plot server (diagnostics)');
    });
    return;
  }
  reply({ type: 'debug', id: message.id, heapBytes: heapInUse() });
}
