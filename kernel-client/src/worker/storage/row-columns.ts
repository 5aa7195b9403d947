/** Turns recorded Float64 rows (row-major, one value per field) into columns (`WireRows`). */
import type { WireColumn, WireRows } from '../../protocol.js';
import type { FieldInfo } from '../../recording/fields.js';

/** A run of recorded rows: `values` row-major with `fields.length` values per row. */
export interface RowRun {
  values: Float64Array;
  from: number;
  to: number;
}

export function encodeRows(
  fields: readonly FieldInfo[],
  words: string[][],
  runs: RowRun[]
): WireRows {
  const stride = fields.length;
  let length = 0;
  for (const run of runs) {
    length += run.to - run.from;
  }
  const columns: Record<string, WireColumn> = {};
  fields.forEach((field, k) => {
    const numbers = new Float64Array(length);
    let out = 0;
    for (const run of runs) {
      for (let i = run.from, at = run.from * stride + k; i < run.to; i++, at += stride) {
        numbers[out++] = run.values[at];
      }
    }
    columns[field.name] = column(field, words[k], numbers);
  });
  return { length, columns };
}

/** The rows `rows` (in that order) of a store read through `valueAt(row, field)`, as wire columns. */
export function encodeRowList(
  fields: readonly FieldInfo[],
  words: string[][],
  rows: readonly number[],
  valueAt: (row: number, field: number) => number
): WireRows {
  const columns: Record<string, WireColumn> = {};
  fields.forEach((field, k) => {
    const numbers = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      numbers[i] = valueAt(rows[i], k);
    }
    columns[field.name] = column(field, words[k], numbers);
  });
  return { length: rows.length, columns };
}

function column(field: FieldInfo, words: string[], numbers: Float64Array): WireColumn {
  switch (field.kind) {
    case 'string':
      return {
        type: 'string',
        data: Array.from(numbers, code => (Number.isNaN(code) ? null : (words[code] ?? null)))
      };
    case 'boolean':
      return {
        type: 'boolean',
        data: Array.from(numbers, value => (Number.isNaN(value) ? null : value === 1))
      };
    default:
      return { type: 'number', data: numbers };
  }
}

/** The first row in [from, to) holding a string code whose word has not arrived yet, or `to`. */
export function decodableEnd(
  fields: readonly FieldInfo[],
  words: string[][],
  values: Float64Array,
  from: number,
  to: number
): number {
  const stride = fields.length;
  for (let k = 0; k < stride; k++) {
    if (fields[k].kind !== 'string') {
      continue;
    }
    const known = words[k].length;
    for (let i = from; i < to; i++) {
      const code = values[i * stride + k];
      if (code >= known) {
        to = i;
        break;
      }
    }
  }
  return to;
}
