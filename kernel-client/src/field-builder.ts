/**
 * The `field()` builder: a 2D field (a simulation's state, an image of numbers) drawn as an
 * image with axes and a colour bar, after matplotlib's `imshow`. It returns an ordinary
 * Vega-Lite spec whose `usermeta` tells the plot server and the viewer that it is a field
 * (`FieldMeta`); Vega draws its axes and legend from two corner rows, the viewer paints the
 * cells, and the plot server reduces a state larger than the card's pixels before sending it.
 */
import { PlotInputError, describe } from './errors.js';
import { FIELD_META_KEY, MAX_FIELD_HISTORY, type FieldMeta } from './protocol.js';
import { VEGA_SCHEMES } from './vega-schemes.js';

export interface FieldOptions {
  title?: string;
  /** Name of the dataset; default `field`. */
  dataset?: string;
  /** `upper` (default): row 0 at the top, as images are; `lower`: at the bottom. */
  origin?: 'upper' | 'lower';
  /**
   * x of the left edge of the first column and of the right edge of the last (matplotlib's
   * `extent`); default: column indices, 0 to the width.
   */
  x?: [number, number];
  /** y of the edge of the first row and of the far edge of the last; default: row indices. */
  y?: [number, number];
  /** Axis titles and the colour bar's; defaults `x`, `y`, `value`. */
  xTitle?: string;
  yTitle?: string;
  valueTitle?: string;
  /**
   * A Vega colour scheme: default `viridis` (perceptually uniform); `diverging: true` picks
   * `blueorange` centred on zero.
   */
  scheme?: string;
  /** Signed data: a diverging scheme, its midpoint at zero. */
  diverging?: boolean;
  /** The colour range: `state` (default) each state's own, `running` all so far, or fixed. */
  range?: 'state' | 'running' | [number, number];
  /** A logarithmic colour scale. */
  log?: boolean;
  /** A field larger than the card: `mean` (default) of each block of cells, or `max`. */
  reduce?: 'mean' | 'max';
  /**
   * Keep the last this many states (within the plotter's `memoryBudget`): the card gets a step
   * slider that scrubs back through them and returns to live at its end. Default 0: only the
   * newest state is kept.
   */
  history?: number;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function fail(title: string | undefined, problem: string): never {
  throw new PlotInputError(`field(${title === undefined ? '' : `"${title}"`}): ${problem}`);
}

function extent(
  title: string | undefined,
  name: 'x' | 'y',
  value: unknown
): [number, number] | null {
  if (value === undefined) {
    return null;
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every(v => typeof v === 'number' && Number.isFinite(v)) ||
    value[0] === value[1]
  ) {
    fail(title, `${name} must be [first edge, last edge], two different finite numbers`);
  }
  return [value[0], value[1]];
}

function choice<T extends string>(
  title: string | undefined,
  name: string,
  value: unknown,
  allowed: readonly T[]
): T {
  if (!allowed.includes(value as T)) {
    fail(title, `${name} must be ${allowed.map(a => `'${a}'`).join(' or ')}, got ${String(value)}`);
  }
  return value as T;
}

function historyLength(title: string | undefined, value: unknown): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_FIELD_HISTORY
  ) {
    fail(
      title,
      `history must be a whole number of states from 0 to ${MAX_FIELD_HISTORY}, got ${describe(value)}`
    );
  }
  return value;
}

function colourRange(title: string | undefined, value: unknown): FieldMeta['range'] {
  if (value === 'state' || value === 'running') {
    return value;
  }
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every(v => typeof v === 'number' && Number.isFinite(v)) &&
    value[0] < value[1]
  ) {
    return [value[0], value[1]];
  }
  return fail(
    title,
    `range must be 'state', 'running' or [least, greatest] finite numbers, got ${describe(value)}`
  );
}

/** A field chart: feed it with `chart.replace({ width, height, values })`. */
export function field(options: FieldOptions = {}): Record<string, unknown> {
  const title = options.title;
  const scheme = options.scheme ?? (options.diverging === true ? 'blueorange' : 'viridis');
  if (typeof scheme !== 'string' || !VEGA_SCHEMES.has(scheme.toLowerCase())) {
    fail(
      title,
      `Vega knows no colour scheme "${String(scheme)}" (e.g. viridis, magma, blueorange)`
    );
  }
  const log = options.log === true;
  if (log && options.diverging === true) {
    fail(title, 'a log scale cannot be diverging around zero');
  }
  const range = colourRange(title, options.range ?? 'state');
  if (log && Array.isArray(range) && range[0] <= 0) {
    fail(title, `a log scale needs a range above zero, got [${range.join(', ')}]`);
  }
  const meta: FieldMeta = {
    dataset: options.dataset ?? 'field',
    origin: choice(title, 'origin', options.origin ?? 'upper', ['upper', 'lower']),
    x: extent(title, 'x', options.x),
    y: extent(title, 'y', options.y),
    reduce: choice(title, 'reduce', options.reduce ?? 'mean', ['mean', 'max']),
    range,
    log,
    history: historyLength(title, options.history ?? 0)
  };
  const colourScale: Record<string, unknown> = {
    scheme,
    type: log ? 'log' : 'linear',
    nice: false,
    zero: false
  };
  if (options.diverging === true) {
    colourScale.domainMid = 0;
  }
  const axis = (name: string, reverse: boolean) => ({
    field: name,
    type: 'quantitative',
    title: name === 'x' ? (options.xTitle ?? 'x') : (options.yTitle ?? 'y'),
    scale: { nice: false, zero: false, ...(reverse ? { reverse: true } : {}) },
    axis: { grid: false, tickCount: 5 }
  });
  // Row 0 at the top: y grows downward unless the extent says otherwise.
  const yExtent = meta.y ?? [0, 1];
  const reverseY = (meta.origin === 'upper') === yExtent[0] < yExtent[1];
  return {
    $schema: SCHEMA,
    ...(title === undefined ? {} : { title }),
    usermeta: { [FIELD_META_KEY]: meta },
    data: { name: meta.dataset },
    // The cells are painted as an image; this invisible mark gives Vega the corners.
    mark: { type: 'point', opacity: 0, tooltip: false },
    encoding: {
      x: axis('x', meta.x !== null && meta.x[0] > meta.x[1]),
      y: axis('y', reverseY),
      color: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle ?? 'value',
        scale: colourScale
      }
    }
  };
}
