/**
 * Checks what a viewer says about its charts (the plot size in its handshake, a chart's
 * viewport) before the worker relies on it: anything malformed, absurd or inconsistent is
 * refused with a reason for the debug log, never used for a frame.
 */
import type { ChartViewport, ScaleReport, ScaleType } from '../../protocol.js';

/** Widths and heights the worker accepts, in pixels (a 16k screen at most). */
const MAX_PIXELS = 16384;
const SCALE_TYPES: ScaleType[] = ['linear', 'log', 'pow', 'sqrt', 'symlog', 'time', 'utc'];
/** The slowest pace a viewer may ask of a chart's datasets (ms). */
const MAX_EVERY_MS = 60_000;
/** The largest row limit a handshake may give (rows). */
const MAX_ROW_LIMIT = 2 ** 31;

export interface PlotSize {
  width: number;
  height: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pixels(value: unknown): number | null {
  return typeof value === 'number' && value >= 1 && value <= MAX_PIXELS ? value : null;
}

function finitePair(value: unknown): [number, number] | null {
  return Array.isArray(value) &&
    value.length === 2 &&
    value.every(item => typeof item === 'number' && Number.isFinite(item))
    ? [value[0] as number, value[1] as number]
    : null;
}

/** The plot size of a handshake, or a reason to decimate nothing for this viewer. */
export function parsePlotSize(raw: unknown): PlotSize | string {
  if (!isObject(raw)) {
    return 'no plot size';
  }
  const width = pixels(raw.width);
  const height = pixels(raw.height);
  if (width === null || height === null) {
    return `plot size out of range (1 to ${MAX_PIXELS} pixels)`;
  }
  return { width, height };
}

function parseScale(raw: unknown, axis: string): ScaleReport | string {
  if (!isObject(raw)) {
    return `no ${axis} scale`;
  }
  const type = raw.type as ScaleType;
  if (!SCALE_TYPES.includes(type)) {
    return `${axis} scale of unknown type ${JSON.stringify(raw.type)}`;
  }
  const domain = finitePair(raw.domain);
  if (domain === null || !(domain[0] < domain[1])) {
    return `${axis} domain is not two increasing finite numbers`;
  }
  if (type === 'log' && domain[0] <= 0) {
    return `${axis} log domain is not positive`;
  }
  const range = finitePair(raw.range);
  if (range === null || pixels(Math.abs(range[1] - range[0])) === null) {
    return `${axis} range is not 1 to ${MAX_PIXELS} pixels`;
  }
  const scale: ScaleReport = { type, domain, range };
  for (const key of ['exponent', 'constant'] as const) {
    const value = raw[key];
    if (value !== undefined) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        return `${axis} scale ${key} is not a positive number`;
      }
      scale[key] = value;
    }
  }
  return scale;
}

/** A chart's viewport as the worker uses it, or why it is ignored. */
export function parseViewport(raw: unknown): ChartViewport | string {
  if (!isObject(raw) || typeof raw.chart !== 'string') {
    return 'not a chart viewport';
  }
  const x = parseScale(raw.x, 'x');
  if (typeof x === 'string') {
    return x;
  }
  let y: ScaleReport | null = null;
  if (raw.y !== null && raw.y !== undefined) {
    const parsed = parseScale(raw.y, 'y');
    if (typeof parsed === 'string') {
      return parsed;
    }
    y = parsed;
  }
  const viewport: ChartViewport = { chart: raw.chart, x, y, zoomed: raw.zoomed === true };
  if (raw.everyMs !== undefined) {
    const every = raw.everyMs;
    if (typeof every !== 'number' || !(every >= 0 && every <= MAX_EVERY_MS)) {
      return `everyMs is not 0 to ${MAX_EVERY_MS} milliseconds`;
    }
    viewport.everyMs = every;
  }
  if (raw.step !== undefined) {
    if (!Number.isSafeInteger(raw.step) || (raw.step as number) < 0) {
      return 'step is not the version of a kept state';
    }
    viewport.step = raw.step as number;
  }
  return viewport;
}

/** The row limit of a handshake (a whole number of rows), or a reason to ignore it. */
export function parseRowLimit(raw: unknown): number | string {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= MAX_ROW_LIMIT
    ? raw
    : `row limit is not a whole number of rows from 1 to ${MAX_ROW_LIMIT}`;
}
