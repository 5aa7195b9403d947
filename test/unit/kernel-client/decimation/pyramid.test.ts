import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BLOCK,
  MinMaxPyramid,
  emptyExtremes,
  foldValue,
  type Extremes
} from '../../../../kernel-client/src/worker/decimation/min-max-pyramid.ts';
import { random } from './stored-rows.ts';

function scan(values: number[], from: number, to: number, out: Extremes): void {
  for (let i = from; i < to; i++) {
    foldValue(values[i], i, out);
  }
}

function bruteForce(values: number[], from: number, to: number) {
  const out = emptyExtremes();
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out.gaps++;
    } else {
      if (v < out.min) [out.min, out.minAt] = [v, i];
      if (v > out.max) [out.max, out.maxAt] = [v, i];
    }
  }
  return out;
}

test('min-max pyramid: extremes of any range equal a scan of every value, gaps counted', () => {
  const next = random(7);
  const values: number[] = [];
  const pyramid = new MinMaxPyramid((from, to, out) => scan(values, from, to, out));
  const n = BLOCK * 16 * 16 * 3 + 77; // three level-2 blocks and an open tail
  for (let i = 0; i < n; i++) {
    const r = next();
    const value = r < 0.01 ? NaN : r < 0.012 ? Infinity : Math.round(next() * 1000);
    values.push(value);
    pyramid.add(value);
  }
  for (let trial = 0; trial < 2000; trial++) {
    const a = Math.floor(next() * n);
    const b = a + Math.floor(next() * (n - a + 1));
    const got = emptyExtremes();
    pyramid.extremes(a, b, got);
    const want = bruteForce(values, a, b);
    assert.equal(got.min, want.min, `min of [${a}, ${b})`);
    assert.equal(got.max, want.max, `max of [${a}, ${b})`);
    assert.equal(got.gaps, want.gaps, `gaps of [${a}, ${b})`);
    assert.equal(values[got.minAt] ?? Infinity, want.min, 'minAt points at the minimum');
    assert.equal(values[got.maxAt] ?? -Infinity, want.max, 'maxAt points at the maximum');
  }
});

test('min-max pyramid: a long range reads few values (the summaries do the rest)', () => {
  const values = Array.from({ length: BLOCK * 16 * 16 * 16 }, (_, i) => Math.sin(i));
  let reads = 0;
  const pyramid = new MinMaxPyramid((from, to, out) => {
    reads += to - from;
    scan(values, from, to, out);
  });
  values.forEach(value => pyramid.add(value));
  const out = emptyExtremes();
  pyramid.extremes(5, values.length - 5, out);
  assert.ok(reads <= 2 * BLOCK, `read ${reads} values for a range of ${values.length}`);
  assert.equal(out.max, bruteForce(values, 5, values.length - 5).max);
});
