/**
 * A plotter's charts as one static Vega-Lite spec: what a notebook keeps of a plot for readers
 * without the extension (GitHub, nbconvert, JupyterLab's own Vega renderer). Both ends build it
 * the same way: the kernel client when a plotter closes (worker/serving/static-figure.ts), the
 * extension when a notebook is saved (the rows its cards draw). Each chart's rows are inlined
 * under `datasets`, renamed `<chart>/<dataset>`, and the charts are stacked in a `vconcat`.
 *
 * A notebook file indents every JSON value on a line of its own, so rows are kept as columns:
 * each dataset is one datum whose fields are arrays, and a `flatten` transform where the spec
 * names the data turns it back into rows. Numbers are written to 1e-7 of their column's range,
 * which no picture of it can show.
 */

/** The plot size a figure's rows are decimated for, and each chart's default size (CSS px). */
export const FIGURE_SIZE = { width: 600, height: 250 };

/** The Vega-Lite schema of figures: the version JupyterLab's built-in renderer takes. */
export const FIGURE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Vega-Lite's MIME type as JupyterLab's, VS Code's and nteract's renderers take it. */
export const VEGA_LITE_MIME_TYPE = 'application/vnd.vegalite.v5+json';

/** One chart of a figure: its spec as the plotter declared it and the rows it draws. */
export interface FigureChart {
  name: string;
  spec: Readonly<Record<string, unknown>>;
  /** Rows by dataset name, as plain values (JSON). */
  datasets: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** Keys only a top-level Vega-Lite spec may have: dropped from each stacked chart. */
const TOP_LEVEL_ONLY = ['$schema', 'autosize', 'background', 'config', 'padding', 'usermeta'];

/** A dataset as the figure keeps it: one datum of columns (see `columnsOf`). */
export interface FigureColumns {
  fields: string[];
  /** `[ { field: values[] } ]`, or `[]` for no rows. */
  value: Record<string, unknown[]>[];
}

/** Share of a column's range its numbers are written to. */
const NUMBER_QUANTUM = 1e-7;

/** Non-integer numbers of `values` written to NUMBER_QUANTUM of their range (in place). */
function roundColumn(values: unknown[]): void {
  let least = Infinity;
  let greatest = -Infinity;
  for (const value of values) {
    if (typeof value === 'number' && Number.isFinite(value)) {
      least = Math.min(least, value);
      greatest = Math.max(greatest, value);
    }
  }
  const range = greatest - least;
  if (!(range > 0)) {
    return;
  }
  const digits = Math.min(20, Math.max(0, -Math.floor(Math.log10(range * NUMBER_QUANTUM))));
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) {
      values[i] = Number(value.toFixed(digits));
    }
  }
}

/** Rows as one datum of columns; a field missing from a row is null there. */
export function columnsOf(rows: readonly Record<string, unknown>[]): FigureColumns {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const field of Object.keys(row)) {
      if (!seen.has(field)) {
        seen.add(field);
        fields.push(field);
      }
    }
  }
  if (rows.length === 0) {
    return { fields, value: [] };
  }
  const columns: Record<string, unknown[]> = {};
  for (const field of fields) {
    const values = rows.map(row => row[field] ?? null);
    roundColumn(values);
    columns[field] = values;
  }
  return { fields, value: [columns] };
}

/** The rows a figure's dataset stands for (what `flatten` makes of it): for readers and tests. */
export function figureRows(value: unknown): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const datum of Array.isArray(value) ? (value as Record<string, unknown[]>[]) : []) {
    const fields = Object.keys(datum);
    const length = Math.max(0, ...fields.map(field => datum[field].length));
    for (let i = 0; i < length; i++) {
      rows.push(Object.fromEntries(fields.map(field => [field, datum[field][i] ?? null])));
    }
  }
  return rows;
}

/** A field name as Vega-Lite's field strings take it: dots and brackets escaped. */
function fieldName(field: string): string {
  return field.replace(/[.[\]\\]/g, char => `\\${char}`);
}

/**
 * `spec` with every `data: { name }` renamed by `rename` (layers may name their own) and, in
 * the same spec, a `flatten` of its dataset's columns before its own transforms.
 */
function renameData(
  value: unknown,
  rename: (name: string) => string,
  fieldsOf: (name: string) => string[]
): unknown {
  if (Array.isArray(value)) {
    return value.map(item => renameData(item, rename, fieldsOf));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  let flatten: string[] | null = null;
  for (const [key, item] of Object.entries(value)) {
    const data = item as { name?: unknown };
    if (key === 'data' && typeof data?.name === 'string') {
      const name = rename(data.name);
      copy[key] = { ...data, name };
      flatten = fieldsOf(name);
    } else {
      copy[key] = renameData(item, rename, fieldsOf);
    }
  }
  if (flatten !== null && flatten.length > 0) {
    const own = Array.isArray(copy.transform) ? (copy.transform as unknown[]) : [];
    copy.transform = [{ flatten: flatten.map(fieldName), as: flatten }, ...own];
  }
  return copy;
}

/** The names of every dataset `spec` reads. */
function namedData(spec: unknown): string[] {
  const names: string[] = [];
  JSON.stringify(spec, (key, value: unknown) => {
    const data = value as { name?: unknown };
    if (key === 'data' && typeof data?.name === 'string') {
      names.push(data.name);
    }
    return value;
  });
  return names;
}

/** The charts stacked in one static Vega-Lite spec titled `title`; null when there is none. */
export function stackFigure(
  title: string,
  charts: readonly FigureChart[]
): Record<string, unknown> | null {
  const stacked: Record<string, unknown>[] = [];
  const datasets: Record<string, unknown[]> = {};
  const fields = new Map<string, string[]>();
  for (const chart of charts) {
    const prefix = `${chart.name}/`;
    for (const [name, rows] of Object.entries(chart.datasets)) {
      const columns = columnsOf(rows);
      datasets[prefix + name] = columns.value;
      fields.set(prefix + name, columns.fields);
    }
    const spec = renameData(
      chart.spec,
      name => prefix + name,
      name => fields.get(name) ?? []
    ) as Record<string, unknown>;
    for (const key of TOP_LEVEL_ONLY) {
      delete spec[key];
    }
    // Every dataset the spec names exists, empty when nothing was pushed to it.
    for (const name of namedData(spec)) {
      datasets[name] ??= [];
    }
    if (typeof spec.width !== 'number') {
      spec.width = FIGURE_SIZE.width;
    }
    if (typeof spec.height !== 'number') {
      spec.height = FIGURE_SIZE.height;
    }
    spec.title ??= chart.name;
    stacked.push(spec);
  }
  if (stacked.length === 0) {
    return null;
  }
  return { $schema: FIGURE_SCHEMA, title, vconcat: stacked, datasets };
}

/**
 * What a figure holds, for its note: "3 charts, 1,200 rows as drawn at 600 px; not included
 * (fields): heat". `how` follows the row count.
 */
export function describeFigure(
  charts: number,
  rows: number,
  leftOut: readonly string[],
  how = ''
): string {
  const counted = `${charts} chart${charts === 1 ? '' : 's'}, ${rows.toLocaleString('en-US')} rows${how}`;
  return leftOut.length === 0
    ? counted
    : `${counted}; not included (fields): ${leftOut.join(', ')}`;
}
