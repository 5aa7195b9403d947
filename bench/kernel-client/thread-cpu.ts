/**
 * CPU time of the calling thread in ms (Linux: /proc/thread-self/schedstat, in ns), or null
 * elsewhere. Unlike wall time it leaves out the time other processes hold the core, so on a
 * shared machine it shows what the loop itself costs; the worker and the viewer, which run on
 * other threads, are not in it.
 */
import { readFileSync } from 'node:fs';

export function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}
