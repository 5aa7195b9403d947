/**
 * Builds a `push(row)` specialised for one dataset's fields and one ring: each field is a
 * constant property load (monomorphic), checked with one `typeof`, and stored into the ring.
 * No allocation, clock read, message, branch with an effect or closure per call.
 *
 * Written for what the optimising compiler does with it once the call is inlined into the
 * caller's loop. The ring, its header and the flags word are constants of the closure. The
 * only per-row checks that can fail are folded into one typed-array read whose index is 0 while
 * the ring has room and no stop or close is flagged: `guard[((written - drained) >>> log2
 * capacity) | flags] === undefined` (without the room term when the dataset has a window,
 * whose ring may overwrite rows older than the window). Compiled code turns that read into a
 * bounds check that deoptimises, with no branch, so V8 keeps the caller's loop variables unboxed (a conditional
 * call or store inside an inlined function makes Deno's V8 box the loop's doubles, ~9 ns per
 * row). When it fails, the unoptimised code calls `sink.slow(row)`, which throws for a stop or
 * close, or starts a larger ring, and builds a new `push` (fresh type feedback) to write the
 * row. A row's values are stored before the row count, so the worker never reads a half row.
 */
import type { FieldInfo } from './fields.js';
import { DRAINED, WRITTEN, type RingViews } from './ring.js';

/** What the generated function calls besides the ring (see AppendWriter). */
export interface RowSink {
  /** The guard failed: throws for a stop or close, or moves to a new ring and writes `row`. */
  slow(row: unknown): void;
  badRow(row: unknown): void;
  coder: { encode(index: number, value: unknown): number };
}

export type PushFunction = (row: unknown) => void;

let builds = 0;

function pushSource(fields: FieldInfo[], capacity: number, overwrites: boolean): string {
  const stride = fields.length;
  const shift = Math.log2(capacity);
  const room = overwrites ? '' : `(((at - header[${DRAINED}]) | 0) >>> ${shift}) | `;
  const lines: string[] = [
    'const guard = new Uint8Array(1);',
    'return function push(row) {',
    // A source of its own: V8 caches compiled `new Function` sources, and closures of one
    // cached source share type feedback (another dataset's rows, a failed guard).
    `  // push ${++builds}`,
    `  const at = header[${WRITTEN}];`,
    `  if (guard[${room}flags[0]] === undefined) return sink.slow(row);`,
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
  lines.push(`  const k = Math.imul(at & ${capacity - 1}, ${stride});`);
  fields.forEach((_field, k) =>
    lines.push(k === 0 ? `  values[k] = v0;` : `  values[(k + ${k}) | 0] = v${k};`)
  );
  lines.push(`  header[${WRITTEN}] = (at + 1) | 0;`);
  lines.push('};');
  return lines.join('\n');
}

/** `overwrites`: the dataset has a window the ring holds twice (ring.ts): no room check. */
export function buildPush(
  fields: FieldInfo[],
  ring: RingViews,
  overwrites: boolean,
  sink: RowSink,
  flags: Int32Array
): PushFunction {
  const source = pushSource(fields, ring.capacity, overwrites);
  const factory = new Function('sink', 'flags', 'header', 'values', source) as (
    sink: RowSink,
    flags: Int32Array,
    header: Int32Array,
    values: Float64Array
  ) => PushFunction;
  return factory(sink, flags, ring.header, ring.values);
}
