import type { ChartSpec } from '../../models/chart-model';
import type { Row } from '../../models/dataset-buffer';
import { isObject, type Json } from '../view-spec';

/**
 * What the line layer needs to know of a chart it draws: the dataset and the fields of x, y and
 * the series colour, and how Vega-Lite reads their values.
 */
export interface LineLayerPlan {
  /** The named dataset the line is drawn from. */
  dataset: string;
  x: string;
  y: string;
  /** The field that splits the rows into series, or null for one line. */
  color: string | null;
  /** The x value as Vega-Lite parses it (a number, epoch ms for dates), or null when invalid. */
  xValue(row: Row): number | null;
  /** The y value, or null when invalid (a break in the line, as Vega's `defined`). */
  yValue(row: Row): number | null;
}

/** Top-level keys of a single-view spec that do not change what the mark draws. */
const TOP_LEVEL = new Set([
  '$schema',
  'title',
  'description',
  'name',
  'data',
  'mark',
  'encoding',
  'width',
  'height',
  'autosize',
  'padding',
  'background',
  'config',
  'usermeta'
]);

/** Constant mark properties the layer draws as Vega does (read from the hidden mark's items). */
const MARK_PROPERTIES = new Set([
  'type',
  'clip',
  'color',
  'stroke',
  'strokeWidth',
  'strokeOpacity',
  'opacity',
  'strokeCap',
  'strokeJoin',
  'strokeMiterLimit',
  'strokeDash',
  'strokeDashOffset',
  'style'
]);

/** Properties of a field's encoding that only change scales, axes or legends. */
const FIELD_PROPERTIES = new Set(['field', 'type', 'scale', 'axis', 'legend', 'title']);

function fieldOf(channel: unknown, types: string[]): string | null {
  if (!isObject(channel) || typeof channel.field !== 'string' || channel.field.includes('.')) {
    return null;
  }
  if (!types.includes(String(channel.type))) {
    return null;
  }
  return Object.keys(channel).every(key => FIELD_PROPERTIES.has(key)) ? channel.field : null;
}

function lineMark(mark: unknown): boolean {
  if (mark === 'line') {
    return true;
  }
  if (!isObject(mark) || mark.type !== 'line') {
    return false;
  }
  if ('interpolate' in mark && mark.interpolate !== 'linear') {
    return false;
  }
  return Object.keys(mark).every(key => MARK_PROPERTIES.has(key) || key === 'interpolate');
}

/** Vega's `toNumber`: null and '' are invalid. */
function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const number = +(value as number);
  return Number.isFinite(number) ? number : null;
}

/** Vega's `toDate` as the x scale reads it: epoch ms. */
function toTime(value: unknown): number | null {
  if (typeof value === 'string') {
    return value === '' ? null : toNumber(Date.parse(value));
  }
  return toNumber(value instanceof Date ? value.getTime() : value);
}

/**
 * The plan for drawing a chart's line on a canvas under Vega's axes, or null when the chart is
 * not a plain line: one `line` mark (straight segments) of a named dataset, with a
 * quantitative or temporal x field, a quantitative y field, at most a nominal or ordinal colour
 * field, and nothing that transforms, aggregates, selects or adds marks (those stay Vega's).
 */
export function planLineLayer(spec: ChartSpec | null): LineLayerPlan | null {
  if (!spec || !Object.keys(spec).every(key => TOP_LEVEL.has(key))) {
    return null;
  }
  const schema = spec.$schema;
  if ((typeof schema === 'string' && !schema.includes('vega-lite')) || !lineMark(spec.mark)) {
    return null;
  }
  const data = spec.data;
  const encoding = spec.encoding;
  if (!isObject(data) || typeof data.name !== 'string' || Object.keys(data).length !== 1) {
    return null;
  }
  if (
    !isObject(encoding) ||
    !Object.keys(encoding).every(key => ['x', 'y', 'color'].includes(key))
  ) {
    return null;
  }
  const x = fieldOf(encoding.x, ['quantitative', 'temporal']);
  const y = fieldOf(encoding.y, ['quantitative']);
  let color: string | null = null;
  if ('color' in encoding) {
    const constant = isObject(encoding.color) && Object.keys(encoding.color).join() === 'value';
    color = constant ? null : fieldOf(encoding.color, ['nominal', 'ordinal']);
    if (!constant && color === null) {
      return null;
    }
  }
  if (x === null || y === null) {
    return null;
  }
  const temporal = (encoding.x as Json).type === 'temporal';
  return {
    dataset: data.name,
    x,
    y,
    color,
    xValue: temporal ? row => toTime(row[x]) : row => toNumber(row[x]),
    yValue: row => toNumber(row[y])
  };
}
