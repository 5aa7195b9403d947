/**
 * Turns field values into the Float64 that is recorded, with the checks the hot path leaves to
 * it: anything that is not already a plain number for a number field comes here. Strings are
 * dictionary-coded; each new distinct string is posted to the worker once.
 */
import { PlotInputError, describe, place } from '../errors.js';
import { expectedOf, type FieldInfo } from './fields.js';

export class FieldCoder {
  private readonly words: Map<string, number>[];

  constructor(
    readonly chart: string,
    readonly dataset: string,
    readonly fields: FieldInfo[],
    private readonly postWord: (field: number, code: number, value: string) => void
  ) {
    this.words = fields.map(() => new Map());
  }

  /** The recorded number for `value` of field `index`, or a PlotInputError naming the field. */
  encode(index: number, value: unknown): number {
    const field = this.fields[index];
    if (value === undefined) {
      if (field.required) {
        throw new PlotInputError(
          `${place(this.chart, this.dataset, field.name)}: the row has no "${field.name}", ` +
            `which the spec encodes (expected ${expectedOf(field.kind)})`
        );
      }
      return NaN;
    }
    if (value === null) {
      return NaN;
    }
    switch (field.kind) {
      case 'number':
        if (typeof value === 'number') {
          return value;
        }
        break;
      case 'date':
        if (value instanceof Date) {
          return value.getTime();
        }
        if (typeof value === 'number') {
          return value;
        }
        break;
      case 'boolean':
        if (typeof value === 'boolean') {
          return value ? 1 : 0;
        }
        break;
      case 'string':
        if (typeof value === 'string') {
          return this.code(index, value);
        }
        break;
    }
    throw new PlotInputError(
      `${place(this.chart, this.dataset, field.name)}: expected ${expectedOf(field.kind)}, ` +
        `got ${describe(value)}`
    );
  }

  private code(index: number, value: string): number {
    const words = this.words[index];
    let code = words.get(value);
    if (code === undefined) {
      code = words.size;
      words.set(value, code);
      this.postWord(index, code, value);
    }
    return code;
  }
}
