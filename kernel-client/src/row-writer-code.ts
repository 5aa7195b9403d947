/**
 * Builds, once per dataset, a `push(row)` specialised for its fields: each field is a constant
 * property load (monomorphic), checked with one `typeof`, and stored into the current segment.
 * No allocation, clock read, message or closure per call.
 */
import type { FieldInfo } from './fields.js';

/** What the generated function reads and writes besides the row (see AppendWriter). */
export interface RowSink {
  n: number;
  capacity: number;
  values: Float64Array;
  count: Int32Array;
  nextSegment(): number;
  refuse(): void;
  badRow(row: unknown): void;
  coder: { encode(index: number, value: unknown): number };
}

export type PushFunction = (row: unknown) => void;

export function buildPush(fields: FieldInfo[], sink: RowSink, flags: Int32Array): PushFunction {
  const stride = fields.length;
  const lines: string[] = [
    'return function push(row) {',
    '  if (flags[0] !== 0) sink.refuse();',
    '  if (typeof row !== "object" || row === null) sink.badRow(row);'
  ];
  fields.forEach((field, k) => {
    const load = `row[${JSON.stringify(field.name)}]`;
    if (field.kind === 'number') {
      lines.push(`  let v${k} = ${load};`);
      lines.push(`  if (typeof v${k} !== "number") v${k} = sink.coder.encode(${k}, v${k});`);
    } else if (field.kind === 'boolean') {
      lines.push(`  const b${k} = ${load};`);
      lines.push(
        `  const v${k} = b${k} === true ? 1 : b${k} === false ? 0 : sink.coder.encode(${k}, b${k});`
      );
    } else {
      lines.push(`  const v${k} = sink.coder.encode(${k}, ${load});`);
    }
  });
  lines.push('  let i = sink.n;');
  lines.push('  if (i === sink.capacity) i = sink.nextSegment();');
  lines.push('  const values = sink.values;');
  lines.push(`  const at = i * ${stride};`);
  fields.forEach((_field, k) => lines.push(`  values[at + ${k}] = v${k};`));
  lines.push('  i++;');
  lines.push('  sink.n = i;');
  lines.push('  sink.count[0] = i;');
  lines.push('};');
  const factory = new Function('sink', 'flags', lines.join('\n')) as (
    sink: RowSink,
    flags: Int32Array
  ) => PushFunction;
  return factory(sink, flags);
}
