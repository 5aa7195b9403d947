// A run record's data file cut at any byte (as a killed process leaves it) still opens: every
// complete batch is read as written, the rest is ignored and said so, nothing is misread.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DatasetRecord } from '../../../kernel-client/src/worker/records/dataset-record.ts';
import { readRecordFile } from '../../../kernel-client/src/records/record-file.ts';
import type { FieldInfo } from '../../../kernel-client/src/recording/fields.ts';

const FIELDS: FieldInfo[] = [
  { name: 'i', kind: 'number', required: true },
  { name: 'label', kind: 'string', required: false },
  { name: 'ok', kind: 'boolean', required: false }
];

function rows(from: number, length: number) {
  return {
    length,
    columns: {
      i: { type: 'number' as const, data: Float64Array.from({ length }, (_, k) => from + k) },
      label: {
        type: 'string' as const,
        data: Array.from({ length }, (_, k) => ((from + k) % 4 === 0 ? null : `row ${from + k} é`))
      },
      ok: { type: 'boolean' as const, data: Array.from({ length }, (_, k) => (from + k) % 2 === 0) }
    }
  };
}

test('a record file cut anywhere opens with its complete batches, read as written', () => {
  const folder = mkdtempSync(join(tmpdir(), 'record-file-test-'));
  try {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sizes, where) => {
          const path = join(folder, `d-${Math.random().toString(36).slice(2)}.arrows`);
          const record = new DatasetRecord(path, () => FIELDS);
          const ends: number[] = [];
          let written = 0;
          for (const size of sizes) {
            record.add(rows(written, size));
            record.flush();
            written += size;
            ends.push(readFileSync(path).length);
          }
          record.close();
          const whole = readFileSync(path).length;
          const cut = Math.floor(where * whole);
          truncateSync(path, cut);
          const read = readRecordFile(readFileSync(path), 'd.arrows');
          const kept = ends.filter(end => end <= cut).length;
          const expected = sizes.slice(0, kept).reduce((a, b) => a + b, 0);
          assert.equal(read.rows, expected, `cut at ${cut} of ${whole}`);
          assert.equal(read.torn === null, ends.includes(cut) || cut === 0, `torn at ${cut}`);
          let k = 0;
          for (const batch of read.batches) {
            for (const row of batch) {
              const value = row!.toJSON();
              assert.equal(value.i, k);
              assert.equal(value.label, k % 4 === 0 ? null : `row ${k} é`);
              assert.equal(value.ok, k % 2 === 0);
              k++;
            }
          }
          rmSync(path);
        }
      ),
      { numRuns: 300, examples: [[[1], 0.010101010101010102]] }
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a file that is no record says so, naming it', () => {
  assert.throws(
    () => readRecordFile(new TextEncoder().encode('{"not": "arrow at all"}'), 'notes.arrows'),
    /notes\.arrows is not a run record's data file/
  );
});
