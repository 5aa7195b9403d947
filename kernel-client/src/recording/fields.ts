/** How each field of a dataset is recorded as Float64 and restored on the wire. */

/** `number` as is; `date` as epoch ms; `string` as a dictionary code; `boolean` as 0/1. */
export type FieldKind = 'number' | 'date' | 'string' | 'boolean';

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** The spec encodes this field: a row without it is an error. */
  required: boolean;
}

/** The kind a first value fixes for its field, or null when the value cannot be recorded. */
export function kindOf(value: unknown): FieldKind | null {
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      if (value instanceof Date) {
        return 'date';
      }
      return value === null ? 'number' : null;
  }
}

export function expectedOf(kind: FieldKind): string {
  switch (kind) {
    case 'number':
      return 'a number';
    case 'date':
      return 'a Date or epoch milliseconds';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
  }
}
