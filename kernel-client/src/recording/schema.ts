/** Fixes a dataset's fields and their kinds from the encoded fields and the first data given. */
import { PlotInputError, describe, place } from '../errors.js';
import { expectedOf, kindOf, type FieldInfo, type FieldKind } from './fields.js';

export function schemaFromRow(
  chart: string,
  dataset: string,
  required: Set<string>,
  row: Record<string, unknown>
): FieldInfo[] {
  const names = [...required, ...Object.keys(row).filter(name => !required.has(name))];
  return names.map(name => fieldFor(chart, dataset, name, required.has(name), row[name]));
}

export function schemaFromColumns(
  chart: string,
  dataset: string,
  required: Set<string>,
  columns: Record<string, unknown>
): FieldInfo[] {
  const names = [...required, ...Object.keys(columns).filter(name => !required.has(name))];
  return names.map(name => {
    const column = columns[name];
    let sample: unknown = column === undefined ? undefined : null;
    if (Array.isArray(column)) {
      sample = column.find(value => value !== null && value !== undefined) ?? null;
    } else if (ArrayBuffer.isView(column)) {
      sample = 0;
    }
    return fieldFor(chart, dataset, name, required.has(name), sample);
  });
}

function fieldFor(
  chart: string,
  dataset: string,
  name: string,
  required: boolean,
  sample: unknown
): FieldInfo {
  if (sample === undefined) {
    if (required) {
      throw new PlotInputError(
        `${place(chart, dataset, name)}: the data has no "${name}", which the spec encodes ` +
          `(expected ${expectedOf('number')}, a string, a boolean or a Date)`
      );
    }
    return { name, kind: 'number', required };
  }
  const kind: FieldKind | null = kindOf(sample);
  if (kind === null) {
    throw new PlotInputError(
      `${place(chart, dataset, name)}: expected a number, string, boolean or Date, got ${describe(sample)}`
    );
  }
  return { name, kind, required };
}
