import type { VisualizationSpec } from 'vega-embed';
import type { ChartSpec } from '../models/chart-model';
import { readFieldMeta } from 'async-plotter/protocol';

/** Height (px) of the plot area of a Vega-Lite chart whose spec sets none. */
export const DEFAULT_HEIGHT = 180;

/** Single-view Vega-Lite specs (a mark or a layer) without a width follow the container. */
export function fitsWidth(spec: ChartSpec | null): boolean {
  if (!spec || 'width' in spec || !isVegaLite(spec)) {
    return false;
  }
  return 'mark' in spec || 'layer' in spec;
}

function isVegaLite(spec: ChartSpec): boolean {
  const schema = spec['$schema'];
  return typeof schema !== 'string' || schema.includes('vega-lite');
}

/**
 * Mark defaults of the viewer's charts (a spec's own config wins): round joins, because a
 * dense line's sharp turns would otherwise stick out as miter spikes past its extremes.
 */
export const MARK_CONFIG = {
  line: { strokeJoin: 'round' },
  trail: { strokeJoin: 'round' },
  area: { strokeJoin: 'round' }
} as const;

/**
 * The config of the viewer's charts (a spec's own config wins), given the page's background:
 * - the mark defaults above;
 * - no ARIA descriptions of marks (`aria: false`): the canvas renderer never shows them, and
 *   Vega-Lite's default description formats every field of every item into a text at each
 *   update, a third of a streaming line chart's cost;
 * - labels that merely touch count as overlapping: in a narrow card "200" and "250" at the end
 *   of an axis would otherwise read as "200250".
 */
export function viewConfig(background: string | undefined): Record<string, unknown> {
  return { ...MARK_CONFIG, aria: false, background, axis: { labelSeparation: 4 } };
}

/** The parameter the viewer adds for x zoom and pan (an interval selection bound to scales). */
export const ZOOM_PARAM = 'async_plotter_zoom';

/**
 * Wheel zoom needs Ctrl, ⌘, Alt or Shift: a plain wheel scrolls the panel or page past the
 * chart. Drag pans, double-click resets.
 */
const ZOOM_EVENTS = 'wheel![event.ctrlKey || event.metaKey || event.altKey || event.shiftKey]';

/** A JSON object of a spec. */
export type Json = Record<string, unknown>;

/** Whether a spec value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function continuousX(encoding: unknown): boolean {
  if (!isObject(encoding) || !isObject(encoding.x)) {
    return false;
  }
  const { type, field, scale } = encoding.x;
  return (
    field !== undefined &&
    (type === 'quantitative' || type === 'temporal') &&
    !(isObject(scale) && 'domain' in scale && scale.domain === 'unaggregated')
  );
}

/** Whether a spec already binds a selection to its scales (its own zoom: leave it alone). */
function bindsScales(node: unknown): boolean {
  if (Array.isArray(node)) {
    return node.some(bindsScales);
  }
  if (!isObject(node)) {
    return false;
  }
  return (node.bind === 'scales' && 'select' in node) || Object.values(node).some(bindsScales);
}

/**
 * The unit to carry the zoom parameter: the spec itself, or its first layer, when the x it
 * draws is continuous (inherited from the layer spec or its own). Null when x zoom does not
 * apply (compositions, discrete x, a spec with its own scale-bound selection).
 */
function zoomUnit(spec: Json): { unit: Json; path: 'self' | 'layer' } | null {
  if (!isVegaLite(spec) || bindsScales(spec)) {
    return null;
  }
  if ('mark' in spec) {
    return continuousX(spec.encoding) ? { unit: spec, path: 'self' } : null;
  }
  const first = Array.isArray(spec.layer) ? spec.layer[0] : undefined;
  if (isObject(first) && 'mark' in first) {
    const x =
      continuousX(first.encoding) ||
      ((!isObject(first.encoding) || !('x' in first.encoding)) && continuousX(spec.encoding));
    return x ? { unit: first, path: 'layer' } : null;
  }
  return null;
}

/**
 * A copy of the server's spec with the viewer's defaults; the original is untouched. A chart
 * that follows the container's width fits in it, axes and all (`contains: 'padding'`), and fits
 * again on every update (`resize`): streamed values that widen the axis labels would otherwise
 * push the axis title out of the drawing. A chart with a continuous x gets x zoom and pan
 * (`ZOOM_PARAM`).
 */
export function viewSpec(spec: ChartSpec): VisualizationSpec {
  const copy: Json = { ...spec };
  if (fitsWidth(spec)) {
    copy.width = 'container';
    copy.autosize = spec.autosize ?? { type: 'fit-x', contains: 'padding', resize: true };
  }
  if (isVegaLite(spec) && !('height' in spec) && ('mark' in spec || 'layer' in spec)) {
    copy.height = DEFAULT_HEIGHT;
  }
  const zoom = zoomUnit(copy);
  if (zoom !== null) {
    // A field zooms in both directions, as images do.
    const encodings = readFieldMeta(spec) === null ? ['x'] : ['x', 'y'];
    const param = {
      name: ZOOM_PARAM,
      select: { type: 'interval', encodings, zoom: ZOOM_EVENTS },
      bind: 'scales'
    };
    const unit = { ...zoom.unit };
    unit.params = [...(Array.isArray(unit.params) ? unit.params : []), param];
    if (zoom.path === 'self') {
      copy.params = unit.params;
    } else {
      copy.layer = [unit, ...(copy.layer as unknown[]).slice(1)];
    }
  }
  return copy as VisualizationSpec;
}
