/**
 * A dataset's fields, the words of its string fields as they arrive from the computing thread,
 * and stored rows turned into the protocol's columns with them (row-columns.ts).
 */
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import { decodableEnd, encodeRowList, encodeRows, type RowRun } from './row-columns.js';

export class RowSchema {
  private current: readonly FieldInfo[] = [];
  private words: string[][] = [];

  /** The fields, as the computing thread fixed them on the first data; replaced, never changed. */
  get fields(): readonly FieldInfo[] {
    return this.current;
  }

  /** Values per stored row (one per field). */
  get stride(): number {
    return Math.max(this.current.length, 1);
  }

  set(fields: readonly FieldInfo[]): void {
    this.current = fields;
    this.words = fields.map(() => []);
  }

  addWord(field: number, code: number, value: string): void {
    this.words[field][code] = value;
  }

  /** Runs of stored rows as wire columns. */
  encode(runs: RowRun[]): WireRows {
    return encodeRows(this.current, this.words, runs);
  }

  /** The rows `rows` (in that order) read through `valueAt(row, field)`, as wire columns. */
  encodeList(rows: readonly number[], valueAt: (row: number, field: number) => number): WireRows {
    return encodeRowList(this.current, this.words, rows, valueAt);
  }

  /** The first row in [from, to) of `values` holding a string whose word has not arrived, or `to`. */
  decodableEnd(values: Float64Array, from: number, to: number): number {
    return decodableEnd(this.current, this.words, values, from, to);
  }
}
