// What a hostile plot server sends to a viewer, as fast-check arbitraries: dataset updates
// that are well formed or broken in one of the ways a buggy server breaks them.
import fc from 'fast-check';

/** A well-formed dataset update of `length` rows (numbers, strings and booleans). */
export function goodDataset(
  name: string,
  length: number,
  mode: 'append' | 'decimated' | 'replace',
  keep = 0
): Record<string, unknown> {
  const rows = {
    length,
    columns: {
      x: { type: 'number', data: new Float64Array(Array.from({ length }, (_, i) => i)) },
      s: { type: 'string', data: Array.from({ length }, (_, i) => (i % 3 === 0 ? null : `s${i}`)) },
      b: { type: 'boolean', data: Array.from({ length }, (_, i) => i % 2 === 0) }
    }
  };
  if (mode === 'append') {
    return { dataset: name, mode, reset: false, window: 50, rows, total: length };
  }
  if (mode === 'decimated') {
    return { dataset: name, mode, keep, rows, kept: length, total: length, window: null };
  }
  return { dataset: name, mode, rows, version: 1 };
}

/** Values that are not what a field expects. */
const wrong = fc.oneof(
  fc.constantFrom(
    NaN,
    -1,
    -Infinity,
    Infinity,
    1e300,
    2 ** 53,
    0.5,
    '12',
    null,
    undefined,
    true,
    [],
    {}
  ),
  fc.double(),
  fc.string({ maxLength: 8 })
);

/** One way of breaking a dataset update. */
export const breakage = fc.oneof(
  fc.record({ field: fc.constant('length'), value: wrong }),
  fc.record({ field: fc.constant('mode'), value: fc.oneof(wrong, fc.string({ maxLength: 12 })) }),
  fc.record({
    field: fc.constantFrom('keep', 'kept', 'total', 'window', 'version', 'reset'),
    value: wrong
  }),
  fc.record({
    field: fc.constant('columnType'),
    value: fc.oneof(wrong, fc.constantFrom('int', 'date', 'Number'))
  }),
  fc.record({
    field: fc.constant('columnData'),
    value: fc.oneof(wrong, fc.constant(new Uint8Array(3)))
  }),
  fc.record({ field: fc.constant('unequal'), value: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    field: fc.constant('dataset'),
    value: fc.oneof(fc.constant(undefined), fc.integer(), fc.constant(null))
  }),
  fc.record({ field: fc.constant('rows'), value: wrong })
);

export type Breakage = { field: string; value: unknown };

/** Breaks `update` as `how` says (a field this mode lacks is added: ignored by a viewer). */
export function breakDataset(update: Record<string, unknown>, how: Breakage): void {
  const rows = update.rows as { length: unknown; columns: Record<string, Record<string, unknown>> };
  switch (how.field) {
    case 'length':
      rows.length = how.value;
      break;
    case 'columnType':
      rows.columns.x.type = how.value;
      break;
    case 'columnData':
      rows.columns.x.data = how.value;
      break;
    case 'unequal':
      rows.columns.s.data = (rows.columns.s.data as unknown[]).slice(how.value as number);
      break;
    default:
      update[how.field] = how.value;
  }
}
