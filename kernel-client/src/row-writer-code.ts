/**
 * Builds, once per dataset, a `push(row)` specialised for its fields: each field is a constant
 * property load (monomorphic), checked with one `typeof`, and stored into the current segment.
 * No allocation, clock read, message or closure per call.
 *
 * Written for what the optimising compiler does with it once the call is inlined into the
 * caller's loop: `sink` and `flags` are never-assigned closure variables, so both fold to
 * constants (the stop-flag test becomes one load from a fixed address, the sink's fields need
 * no map check); the row object is never stored or passed on the fast path, so escape
 * analysis removes it; number values go to the Float64Array unboxed; index arithmetic is
 * int32 (`Math.imul`, `| 0`) so it needs no overflow checks, and the row index stays an
 * untagged int32 (the segment switch, the only call, returns nothing).
 */
import type { FieldInfo } from './fields.js';

/** What the generated function reads and writes besides the row (see AppendWriter). */
export interface RowSink {
  /** Rows written in the current segment (its committed count, kept unshared). */
  n: number;
  capacity: number;
  values: Float64Array;
  count: Int32Array;
  /** Starts the next segment (`n` back to 0). */
  nextSegment(): void;
  refuse(): void;
  badRow(row: unknown): void;
  coder: { encode(index: number, value: unknown): number };
}

export type PushFunction = (row: unknown) => void;

function pushSource(fields: FieldInfo[]): string {
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
  lines.push('  if (i === sink.capacity) {');
  lines.push('    sink.nextSegment();');
  lines.push('    i = 0;');
  lines.push('  }');
  lines.push('  const values = sink.values;');
  lines.push(`  const at = Math.imul(i, ${stride});`);
  fields.forEach((_field, k) =>
    lines.push(k === 0 ? `  values[at] = v0;` : `  values[(at + ${k}) | 0] = v${k};`)
  );
  lines.push('  i = (i + 1) | 0;');
  lines.push('  sink.n = i;');
  lines.push('  sink.count[0] = i;');
  lines.push('};');
  return lines.join('\n');
}

export function buildPush(fields: FieldInfo[], sink: RowSink, flags: Int32Array): PushFunction {
  const factory = new Function('sink', 'flags', pushSource(fields)) as (
    sink: RowSink,
    flags: Int32Array
  ) => PushFunction;
  return factory(sink, flags);
}
