/**
 * Whether, and how, a chart's spec lets the worker send a dataset decimated: only the rows a
 * picture `width` pixels wide can show. Decided from the Vega-Lite spec and the dataset's fields;
 * anything the decimation does not understand falls back to sending every row, with the reason
 * the card shows.
 *
 * Understood: single views and layers (nested too) whose units draw the dataset as `line`,
 * `area` or `trail` (first, last, min and max per pixel column: M4) and/or `point`, `circle`,
 * `square` (one row per occupied pixel cell), with one quantitative or temporal x field shared
 * by every unit, quantitative y fields, and series split by the fields of the other channels
 * (color, detail, strokeDash, …). Not understood: transforms, aggregates, bins, time units,
 * stacking, x2/y2, `order`, a trail's `size` field, facets, concatenations and repeats.
 */
import type { FieldInfo } from '../../recording/fields.js';

type Json = Record<string, unknown>;

/** How a scale maps data to pixels (Vega's scale types a continuous x or y can have). */
export type ScaleKind = 'linear' | 'log' | 'pow' | 'sqrt' | 'symlog' | 'time' | 'utc';

export interface DecimationPlan {
  /** Index of the x field in the dataset's fields. */
  x: number;
  /** y fields drawn as lines or areas: first, last, min and max of each per pixel column. */
  lineYs: number[];
  /** y fields drawn as points: one row per occupied pixel cell. */
  pointYs: number[];
  /** Fields whose values split the rows into separately drawn series. */
  series: number[];
}

export type PlanResult = { plan: DecimationPlan } | { fallback: string };

const LINE_MARKS = new Set(['line', 'area', 'trail']);
const POINT_MARKS = new Set(['point', 'circle', 'square']);
/** Channels whose fields group a line's rows into series (Vega-Lite's path grouping). */
const SERIES_CHANNELS = [
  'color',
  'fill',
  'stroke',
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'strokeWidth',
  'strokeDash',
  'size',
  'shape',
  'detail'
];
/** Channels that only label rows: every row sent keeps them, nothing to decimate by. */
const LABEL_CHANNELS = new Set(['tooltip', 'href', 'description', 'url', 'text', 'key']);
const COMPOSITIONS = ['concat', 'hconcat', 'vconcat', 'repeat', 'facet'];
/** Position channel properties that change which values are drawn, and how a card says so. */
const TRANSFORMING_KEYS: Record<string, string> = {
  aggregate: 'an aggregated',
  bin: 'a binned',
  timeUnit: 'a time-unit',
  impute: 'an imputed'
};

interface Unit {
  mark: string;
  encoding: Json;
  /** The mark draws its points (`mark: {type: 'line', point: true}`). */
  withPoints: boolean;
}

class Fallback extends Error {}

/** The decimation plan for `dataset` in `spec`, or why its rows are all sent. */
export function planDecimation(
  spec: Json,
  dataset: string,
  fields: readonly FieldInfo[]
): PlanResult {
  try {
    const units: Unit[] = [];
    collectUnits(spec, null, dataset, units);
    if (units.length === 0) {
      return { fallback: 'no mark draws this dataset' };
    }
    return { plan: planUnits(units, fields) };
  } catch (error) {
    if (error instanceof Fallback) {
      return { fallback: error.message };
    }
    throw error;
  }
}

function collectUnits(node: Json, inherited: string | null, dataset: string, out: Unit[]): void {
  for (const key of COMPOSITIONS) {
    if (key in node) {
      throw new Fallback(`a ${key} view`);
    }
  }
  let data = inherited;
  if (isObject(node.data)) {
    data = typeof node.data.name === 'string' ? node.data.name : null;
  }
  const mine = data === dataset;
  if (mine && Array.isArray(node.transform) && node.transform.length > 0) {
    throw new Fallback('the spec transforms the rows');
  }
  if (Array.isArray(node.layer)) {
    for (const child of node.layer) {
      if (isObject(child)) {
        collectUnits(child, data, dataset, out);
      }
    }
    return;
  }
  if (!mine || node.mark === undefined) {
    return;
  }
  const mark = isObject(node.mark) ? node.mark : { type: node.mark };
  if (typeof mark.type !== 'string') {
    throw new Fallback('a mark without a type');
  }
  out.push({
    mark: mark.type,
    encoding: isObject(node.encoding) ? node.encoding : {},
    withPoints: mark.point === true || isObject(mark.point)
  });
}

function planUnits(units: Unit[], fields: readonly FieldInfo[]): DecimationPlan {
  const index = (name: unknown, role: string): number => {
    if (typeof name !== 'string' || /[.[\]\\]/.test(name)) {
      throw new Fallback(`the ${role} is not a plain field`);
    }
    const at = fields.findIndex(field => field.name === name);
    if (at === -1) {
      throw new Fallback(`the ${role} "${name}" is not in the data`);
    }
    return at;
  };
  let x: number | null = null;
  const lineYs = new Set<number>();
  const pointYs = new Set<number>();
  const series = new Set<number>();
  for (const unit of units) {
    const isLine = LINE_MARKS.has(unit.mark);
    if (!isLine && !POINT_MARKS.has(unit.mark)) {
      throw new Fallback(`a ${unit.mark} mark`);
    }
    const { encoding } = unit;
    for (const channel of ['x2', 'y2', 'order', 'theta', 'radius', 'latitude', 'longitude']) {
      if (channel in encoding) {
        throw new Fallback(`the ${channel} channel`);
      }
    }
    const xDef = positionDef(encoding.x, 'x', ['quantitative', 'temporal']);
    const yDef = positionDef(encoding.y, 'y', ['quantitative']);
    const xAt = index(xDef.field, 'x field');
    if (x !== null && x !== xAt) {
      throw new Fallback('layers with different x fields');
    }
    x = xAt;
    if (!['number', 'date'].includes(fields[xAt].kind)) {
      throw new Fallback('x values that are not numbers or dates');
    }
    const yAt = index(yDef.field, 'y field');
    if (!['number', 'date'].includes(fields[yAt].kind)) {
      throw new Fallback('y values that are not numbers');
    }
    if (unit.mark === 'area' && isStacked(yDef, encoding)) {
      throw new Fallback('stacked areas');
    }
    (isLine ? lineYs : pointYs).add(yAt);
    if (isLine && unit.withPoints) {
      pointYs.add(yAt);
    }
    for (const channel of SERIES_CHANNELS) {
      const def = encoding[channel];
      if (def === undefined) {
        continue;
      }
      if (unit.mark === 'trail' && channel === 'size' && hasField(def)) {
        throw new Fallback("a trail's size field");
      }
      for (const one of Array.isArray(def) ? def : [def]) {
        if (isObject(one) && one.field !== undefined) {
          if ('aggregate' in one || 'bin' in one || 'timeUnit' in one) {
            throw new Fallback(`an aggregated ${channel} field`);
          }
          series.add(index(one.field, `${channel} field`));
        }
      }
    }
    for (const channel of Object.keys(encoding)) {
      if (
        !['x', 'y', ...SERIES_CHANNELS].includes(channel) &&
        !LABEL_CHANNELS.has(channel) &&
        hasField(encoding[channel])
      ) {
        throw new Fallback(`the ${channel} channel`);
      }
    }
  }
  return {
    x: x as number,
    lineYs: [...lineYs],
    pointYs: [...pointYs],
    series: [...series]
  };
}

/** The definition of a position channel, checked to be a plain continuous field. */
function positionDef(def: unknown, channel: string, types: string[]): Json {
  if (!isObject(def) || def.field === undefined) {
    throw new Fallback(`no ${channel} field`);
  }
  for (const [key, words] of Object.entries(TRANSFORMING_KEYS)) {
    if (def[key] !== undefined && def[key] !== null && def[key] !== false) {
      throw new Fallback(`${words} ${channel}`);
    }
  }
  if (typeof def.type !== 'string' || !types.includes(def.type)) {
    throw new Fallback(`a ${String(def.type ?? 'untyped')} ${channel}`);
  }
  if (isObject(def.scale) && typeof def.scale.type === 'string') {
    const kinds: string[] = ['linear', 'log', 'pow', 'sqrt', 'symlog', 'time', 'utc'];
    if (!kinds.includes(def.scale.type)) {
      throw new Fallback(`a ${def.scale.type} ${channel} scale`);
    }
  }
  return def;
}

/**
 * Whether an area's y is stacked: Vega-Lite stacks areas by default, which changes the drawn
 * values only when several series share an x (or when the stack normalises or centres).
 */
function isStacked(yDef: Json, encoding: Json): boolean {
  if (yDef.stack === null || yDef.stack === false) {
    return false;
  }
  if (typeof yDef.stack === 'string' && yDef.stack !== 'zero') {
    return true;
  }
  return SERIES_CHANNELS.some(channel => hasField(encoding[channel]));
}

function hasField(def: unknown): boolean {
  return (Array.isArray(def) ? def : [def]).some(one => isObject(one) && one.field !== undefined);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
