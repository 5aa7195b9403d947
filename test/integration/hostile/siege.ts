/**
 * One attack on the plot server while the computation runs, and what must hold after it: a
 * well-behaved viewer gets the exact final state, the worker's heap is back within
 * `HEAP_BOUND_BYTES`, the log names what was refused, and never holds the token. The computing
 * thread's time per block with and without the attack is measured here too; bench/hostile
 * asserts it (`CPU_BOUND`), the tests do not: on a shared machine it moves with the load.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../../support/socket-viewer.ts';
import type { Computation } from './computation.ts';
import { rowOf, stateOf, WINDOW } from './streaming-protocol.ts';

/**
 * The worker's memory in use (JavaScript heap and external memory, after a full collection)
 * after the attack, over before it, at most; measured again for up to `SETTLE_MS`.
 */
export const HEAP_BOUND_BYTES = 6 * 1024 * 1024;
const SETTLE_MS = 8000;
/**
 * On-CPU time of the computing thread per block (what it does between blocks included) under
 * attack over the same without it (before and after the attack): at most this ratio, the
 * median of bench/hostile's runs.
 */
export const CPU_BOUND = 1.25;
const BEFORE_MS = 1500;
const AFTER_MS = 1000;

export interface SiegeResult {
  name: string;
  /** On-CPU ms of the computing thread per block without / under attack. */
  baselineMs: number;
  attackMs: number;
  heapBefore: number;
  heapAfter: number;
  /** The log written from the start of the attack until the state was checked. */
  log: string;
  interrupts: number;
}

function perBlock(...tallies: { cpuMs: number; blocks: number }[]): number {
  const cpuMs = tallies.reduce((sum, tally) => sum + tally.cpuMs, 0);
  const blocks = tallies.reduce((sum, tally) => sum + tally.blocks, 0);
  return blocks === 0 ? NaN : cpuMs / blocks;
}

/** A viewer that connects now gets exactly what the paused computation pushed. */
async function assertExactState(
  computation: Computation,
  final: { next: number; version: number }
): Promise<void> {
  const viewer = await connect(computation.handle, { name: 'well-behaved' });
  try {
    const first = Math.max(0, final.next - WINDOW);
    await viewer.waitFor(
      () => viewer.rows('stream').at(-1)?.x === final.next - 1,
      `the last row (${final.next - 1})`
    );
    const expected = Array.from({ length: final.next - first }, (_, k) => rowOf(first + k));
    assert.deepEqual(viewer.rows('stream'), expected, 'the window holds exactly the last rows');
    const state = stateOf(final.version);
    const rows = state.x.map((x, k) => ({ x, y: state.y[k] }));
    assert.deepEqual(viewer.rows('state'), rows, 'the replaced state is the last one');
  } finally {
    viewer.close();
  }
}

/**
 * Runs `attack` between two stretches without it, then checks the final state; the caller
 * asserts the figures with `assertSurvived`.
 */
export async function besiege(
  computation: Computation,
  name: string,
  attack: () => Promise<unknown>
): Promise<SiegeResult> {
  const heapBefore = await computation.workerHeap();
  computation.phase(`${name}:before`);
  await sleep(BEFORE_MS);
  const mark = computation.log.length;
  computation.phase(`${name}:attack`);
  await attack();
  computation.phase(`${name}:after`);
  await sleep(AFTER_MS);
  const final = await computation.pause();
  await assertExactState(computation, final);
  await sleep(200); // the well-behaved viewer's disconnection reaches the worker
  // Connections the attack left are torn down within moments (longer on a loaded machine):
  // the heap must be back within the bound within SETTLE_MS.
  let heapAfter = await computation.workerHeap();
  for (const settle = Date.now() + SETTLE_MS; Date.now() < settle;) {
    if (heapAfter - heapBefore <= HEAP_BOUND_BYTES) {
      break;
    }
    await sleep(500);
    heapAfter = Math.min(heapAfter, await computation.workerHeap());
  }
  const baseline = perBlock(
    await computation.samples(`${name}:before`),
    await computation.samples(`${name}:after`)
  );
  const attacked = perBlock(await computation.samples(`${name}:attack`));
  computation.resume();
  return {
    name,
    baselineMs: baseline,
    attackMs: attacked,
    heapBefore,
    heapAfter,
    log: computation.log.slice(mark),
    interrupts: final.interrupts
  };
}

/** The figures of a siege, for the test's output. */
export function describeSiege(result: SiegeResult): string {
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  return (
    `${result.name}: block ${result.baselineMs.toFixed(2)} ms without, ` +
    `${result.attackMs.toFixed(2)} ms under attack; worker heap ${mb(result.heapBefore)} → ` +
    `${mb(result.heapAfter)} MB`
  );
}

export function assertSurvived(
  computation: Computation,
  result: SiegeResult,
  logged: RegExp[]
): void {
  assert.ok(
    result.heapAfter - result.heapBefore <= HEAP_BOUND_BYTES,
    `worker heap back within ${HEAP_BOUND_BYTES} bytes: ${describeSiege(result)}`
  );
  for (const pattern of logged) {
    assert.match(result.log, pattern);
  }
  assert.ok(!computation.log.includes(computation.handle.token), 'the log never holds the token');
}
