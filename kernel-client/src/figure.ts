/**
 * A plotter's charts as one static Vega-Lite spec: what a notebook keeps of a plot for readers
 * without the extension (GitHub, nbconvert, JupyterLab's own Vega renderer). Both ends build it
 * the same way: the kernel client when a plotter closes (worker/serving/static-figure.ts), the
 * extension when a notebook is saved (the rows its cards draw). Each chart's rows are inlined
 * under `datasets`, renamed `<chart>/<dataset>`, and the charts are stacked in a `vconcat`.
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

/** `spec` with every `data: { name }` renamed by `rename` (layers may name their own). */
function renameData(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) {
    return value.map(item => renameData(item, rename));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const data = item as { name?: unknown };
    copy[key] =
      key === 'data' && typeof data?.name === 'string'
        ? { ...data, name: rename(data.name) }
        : renameData(item, rename);
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
  for (const chart of charts) {
    const prefix = `${chart.name}/`;
    for (const [name, rows] of Object.entries(chart.datasets)) {
      datasets[prefix + name] = [...rows];
    }
    const spec = renameData(chart.spec, name => prefix + name) as Record<string, unknown>;
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
