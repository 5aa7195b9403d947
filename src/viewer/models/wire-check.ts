import { MAX_FIELD_HISTORY } from 'async-plotter/protocol';
import type { ChartUpdate, DatasetUpdate, WireColumn } from 'async-plotter/protocol';

/**
 * What a viewer checks of every message from a plot server before a model uses it: the server
 * is a program on the network, and a buggy or hostile one must cost a chart (or a plotter) its
 * updates, never the page. Each check returns the update as the protocol types it, or a reason
 * in plain words.
 */

/** Charts one plotter may have in a viewer (more would make the page unusable). */
export const MAX_CHARTS = 200;
/** Rows of one dataset update (the binary columns are already in memory, the tuples not). */
export const MAX_UPDATE_ROWS = 1 << 20;
/** Characters of a chart's spec as JSON. */
export const MAX_SPEC_CHARS = 1 << 20;
/** Datasets of one chart update. */
const MAX_DATASETS = 100;

/** A chart update found usable, or why not (with the chart's name when it has one). */
export type CheckedChart =
  { chart: string; update: ChartUpdate } | { chart: string | null; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isWindow(value: unknown): value is number | null {
  return value === null || (isCount(value) && value > 0);
}

function columnProblem(name: string, column: unknown, length: number): string | null {
  if (!isRecord(column)) {
    return `column "${name}" is not an object`;
  }
  const { type, data } = column as Partial<WireColumn> & Record<string, unknown>;
  if (type === 'number') {
    const bytes =
      data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data.byteLength : undefined;
    return bytes === length * 8
      ? null
      : `number column "${name}" holds ${bytes === undefined ? 'no binary data' : `${bytes} bytes`}, not ${length} numbers`;
  }
  if (type === 'string' || type === 'boolean') {
    if (!Array.isArray(data) || data.length !== length) {
      return `${type} column "${name}" does not hold ${length} values`;
    }
    const bad = data.findIndex(value => value !== null && typeof value !== type);
    return bad < 0 ? null : `${type} column "${name}" holds a ${typeof data[bad]} at row ${bad}`;
  }
  return `column "${name}" is of unknown type ${JSON.stringify(String(type)).slice(0, 40)}`;
}

function rowsProblem(rows: unknown): string | null {
  if (!isRecord(rows) || !isRecord(rows.columns)) {
    return 'its rows are not columns';
  }
  if (!isCount(rows.length)) {
    return `its row count ${String(rows.length).slice(0, 40)} is not a count`;
  }
  if (rows.length > MAX_UPDATE_ROWS) {
    return `it sends ${rows.length} rows at once (at most ${MAX_UPDATE_ROWS})`;
  }
  for (const [name, column] of Object.entries(rows.columns)) {
    const problem = columnProblem(name, column, rows.length);
    if (problem !== null) {
      return problem;
    }
  }
  return null;
}

/** A dataset update found usable, or why not. */
export function checkDatasetUpdate(raw: unknown): DatasetUpdate | string {
  if (!isRecord(raw) || typeof raw.dataset !== 'string') {
    return 'a dataset update without a dataset name';
  }
  const where = `dataset "${raw.dataset.slice(0, 80)}"`;
  const rows = rowsProblem(raw.rows);
  if (rows !== null) {
    return `${where}: ${rows}`;
  }
  switch (raw.mode) {
    case 'append':
      return typeof raw.reset === 'boolean' &&
        isWindow(raw.window) &&
        isCount(raw.total) &&
        (raw.undecimated === undefined || typeof raw.undecimated === 'string')
        ? (raw as unknown as DatasetUpdate)
        : `${where}: an append update with a bad reset, window or total`;
    case 'decimated':
      return isCount(raw.keep) && isCount(raw.kept) && isCount(raw.total) && isWindow(raw.window)
        ? (raw as unknown as DatasetUpdate)
        : `${where}: a decimated update with a bad keep, kept, total or window`;
    case 'replace': {
      if (typeof raw.version !== 'number' || !Number.isFinite(raw.version)) {
        return `${where}: a replace update without a version`;
      }
      const raster = raw.raster === undefined ? null : rasterProblem(raw.raster);
      return raster === null ? (raw as unknown as DatasetUpdate) : `${where}: ${raster}`;
    }
    default:
      return `${where}: unknown mode ${JSON.stringify(String(raw.mode)).slice(0, 40)}`;
  }
}

/** Most cells of a field's raster a viewer takes (a 4096 x 4096 screen). */
const MAX_RASTER_CELLS = 1 << 24;

function isCountPair(value: unknown, positive: boolean): boolean {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every(v => isCount(v) && (!positive || (v as number) > 0))
  );
}

/** Why a field's raster is unusable, or null. */
function rasterProblem(raw: unknown): string | null {
  if (!isRecord(raw)) {
    return 'its field cells are not an object';
  }
  const { width, height, region, grid, block, reduction, range, values } = raw;
  if (!isCount(width) || !isCount(height) || !isRecord(region) || !isRecord(grid)) {
    return "its field's size, region or grid is missing";
  }
  if (!isCountPair(block, true) || !['none', 'mean', 'max'].includes(reduction as string)) {
    return "its field's block or reduction is not one the viewer knows";
  }
  const { col, row, cols, rows } = region;
  if (
    !isCount(col) ||
    !isCount(row) ||
    !isCount(cols) ||
    !isCount(rows) ||
    col + cols > width ||
    row + rows > height
  ) {
    return "its field's region is not inside the field";
  }
  const [bx, by] = block as [number, number];
  if (grid.cols !== Math.ceil(cols / bx) || grid.rows !== Math.ceil(rows / by)) {
    return "its field's grid does not match its region and block";
  }
  if (grid.cols * grid.rows > MAX_RASTER_CELLS) {
    return `its field sends ${grid.cols * grid.rows} cells (at most ${MAX_RASTER_CELLS})`;
  }
  if (!(values instanceof Float32Array) || values.length !== grid.cols * grid.rows) {
    return `its field's values are not ${grid.cols * grid.rows} Float32 numbers`;
  }
  const goodRange =
    range === null ||
    (Array.isArray(range) &&
      range.length === 2 &&
      range.every(Number.isFinite) &&
      (range[0] as number) <= (range[1] as number));
  if (!goodRange) {
    return "its field's colour range is not two ordered numbers";
  }
  return raw.history === undefined ? null : historyProblem(raw.history);
}

/** Why a field's kept states (`FieldHistoryInfo`) are unusable, or null. */
function historyProblem(raw: unknown): string | null {
  if (!isRecord(raw)) {
    return "its field's history is not an object";
  }
  const { versions, shown, live, wanted, budgetLimited } = raw;
  if (
    !Array.isArray(versions) ||
    versions.length > MAX_FIELD_HISTORY ||
    !versions.every((version, i) => isCount(version) && (i === 0 || version > versions[i - 1]))
  ) {
    return "its field's kept states are not increasing versions";
  }
  if (!isCount(shown) || !isCount(wanted) || typeof live !== 'boolean') {
    return "its field's history does not say which state it shows";
  }
  return typeof budgetLimited === 'boolean' ? null : "its field's history is malformed";
}

function specProblem(spec: unknown): string | null {
  if (spec === undefined) {
    return null;
  }
  if (!isRecord(spec)) {
    return 'its spec is not an object';
  }
  let text: string;
  try {
    text = JSON.stringify(spec);
  } catch {
    return 'its spec cannot be read (nested too deeply)';
  }
  return text.length > MAX_SPEC_CHARS
    ? `its spec is ${text.length} characters long (at most ${MAX_SPEC_CHARS})`
    : null;
}

/** A chart update found usable as a whole (every dataset update too), or why not. */
export function checkChartUpdate(raw: unknown): CheckedChart {
  if (!isRecord(raw) || typeof raw.chart !== 'string') {
    return { chart: null, problem: 'a chart update without a chart name' };
  }
  const chart = raw.chart;
  const spec = specProblem(raw.spec);
  if (spec !== null) {
    return { chart, problem: spec };
  }
  if (raw.removed !== undefined && typeof raw.removed !== 'boolean') {
    return { chart, problem: 'its removal flag is not true or false' };
  }
  if (!Array.isArray(raw.datasets) || raw.datasets.length > MAX_DATASETS) {
    return { chart, problem: `its datasets are not a list of at most ${MAX_DATASETS}` };
  }
  for (const dataset of raw.datasets) {
    const checked = checkDatasetUpdate(dataset);
    if (typeof checked === 'string') {
      return { chart, problem: checked };
    }
  }
  return { chart, update: raw as unknown as ChartUpdate };
}

/** The chart updates of a snapshot or frame, or why the message is unusable as a whole. */
export function messageCharts(raw: unknown, kind: 'snapshot' | 'frame'): unknown[] | string {
  if (!isRecord(raw) || !Array.isArray(raw.charts)) {
    return `a ${kind} without a list of charts`;
  }
  return raw.charts;
}
