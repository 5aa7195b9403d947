/** Builds a worker-side AppendStore holding given rows, as the computing thread would fill it. */
import type { FieldInfo } from '../../../../kernel-client/src/recording/fields.ts';
import { WRITTEN, allocateRing, ringViews } from '../../../../kernel-client/src/recording/ring.ts';
import { AppendStore } from '../../../../kernel-client/src/worker/storage/append-store.ts';

export const numberFields = (...names: string[]): FieldInfo[] =>
  names.map(name => ({ name, kind: 'number', required: true }));

/** A store with `fields` (all numbers) and the given rows appended; `append` adds more. */
export function storeOf(
  fields: FieldInfo[],
  rows: number[][] = [],
  window: number | null = null
): { store: AppendStore; append: (more: number[][]) => void } {
  const store = new AppendStore(1, 'data', window);
  store.setSchema(fields);
  const stride = fields.length;
  const capacity = 1 << 16;
  const buffer = allocateRing(capacity, stride, 0);
  const ring = ringViews(buffer, stride);
  store.addRing(buffer, false);
  const append = (more: number[][]): void => {
    let done = 0;
    while (done < more.length) {
      const take = Math.min(more.length - done, capacity / 2);
      for (let i = 0; i < take; i++) {
        const at = ((ring.header[WRITTEN] + i) & (capacity - 1)) * stride;
        more[done + i].forEach((value, k) => (ring.values[at + k] = value));
      }
      Atomics.store(ring.header, WRITTEN, (ring.header[WRITTEN] + take) | 0);
      store.drain();
      done += take;
    }
  };
  append(rows);
  return { store, append };
}

/** A pseudo-random generator (mulberry32), so that failures repeat. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
