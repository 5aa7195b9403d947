/** Checks a columns object (`{x: Float64Array, y: [...]}`) against a schema before any write. */
import { PlotInputError, describe, place } from '../errors.js';
import { expectedOf } from './fields.js';
import type { FieldCoder } from './field-coder.js';

/** Per schema field, numbers ready to copy (null: the field is absent, recorded as NaN). */
export interface ColumnBatch {
  length: number;
  sources: (ArrayLike<number> | null)[];
}

type NumericArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

export function isColumnsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readColumns(coder: FieldCoder, columns: Record<string, unknown>): ColumnBatch {
  const { chart, dataset } = coder;
  let length = -1;
  let first = '';
  for (const [name, column] of Object.entries(columns)) {
    if (!Array.isArray(column) && !isNumericArray(column)) {
      throw new PlotInputError(
        `${place(chart, dataset, name)}: expected an array or a numeric typed array of values ` +
          `for column "${name}", got ${describe(column)}`
      );
    }
    if (length === -1) {
      length = column.length;
      first = name;
    } else if (column.length !== length) {
      throw new PlotInputError(
        `${place(chart, dataset, name)}: columns of unequal length: "${first}" has ${length} ` +
          `values, "${name}" has ${column.length}`
      );
    }
  }
  const sources = coder.fields.map((field, k) => {
    const column = columns[field.name] as unknown[] | NumericArray | undefined;
    if (column === undefined) {
      if (field.required) {
        throw new PlotInputError(
          `${place(chart, dataset, field.name)}: the columns have no "${field.name}", which the ` +
            `spec encodes (expected ${expectedOf(field.kind)} per row)`
        );
      }
      return null;
    }
    if (isNumericArray(column)) {
      if (field.kind !== 'number' && field.kind !== 'date') {
        throw new PlotInputError(
          `${place(chart, dataset, field.name)}: expected ${expectedOf(field.kind)} per row, got ` +
            `${describe(column)}`
        );
      }
      return column;
    }
    const encoded = new Float64Array(column.length);
    for (let i = 0; i < column.length; i++) {
      const value = column[i];
      encoded[i] =
        typeof value === 'number' && field.kind === 'number' ? value : coder.encode(k, value);
    }
    return encoded;
  });
  return { length: Math.max(length, 0), sources };
}

function isNumericArray(value: unknown): value is NumericArray {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}
