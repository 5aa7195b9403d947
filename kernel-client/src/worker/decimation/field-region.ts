/**
 * Which cells of a field a viewer shows, and on how many pixels: from the scales it reported
 * (`ChartViewport`, device pixels) and the field's extent (`FieldMeta.x`, `.y`: cell edges in
 * data units, cell indices by default). Without a report, the viewer's plot size (or, for a
 * viewer that asked for every row, the whole state cell for cell).
 */
import type { ChartViewport, FieldMeta, ScaleReport } from '../../protocol.js';
import type { FieldPixels, FieldRegion } from './field-reduction.js';
import type { PlotSize } from './viewport.js';

export interface FieldWindow {
  region: FieldRegion;
  pixels: FieldPixels;
}

/** The cells [first, end) of one axis a scale shows, and how many pixels they take. */
function axisWindow(
  cells: number,
  edges: [number, number] | null,
  scale: ScaleReport | null,
  fallbackPixels: number
): { first: number; count: number; pixels: number } {
  if (scale === null) {
    return { first: 0, count: cells, pixels: fallbackPixels };
  }
  const [e0, e1] = edges ?? [0, cells];
  const step = (e1 - e0) / cells;
  const [d0, d1] = scale.domain;
  // Cell indices at the domain's ends (in either direction of the extent).
  const a = (d0 - e0) / step;
  const b = (d1 - e0) / step;
  const first = Math.max(0, Math.min(cells - 1, Math.floor(Math.min(a, b))));
  const end = Math.max(first + 1, Math.min(cells, Math.ceil(Math.max(a, b))));
  const pixelsPerCell = Math.abs(scale.range[1] - scale.range[0]) / Math.abs(b - a);
  return { first, count: end - first, pixels: (end - first) * pixelsPerCell };
}

export function fieldWindow(
  meta: FieldMeta,
  width: number,
  height: number,
  viewport: ChartViewport | null,
  size: PlotSize | null
): FieldWindow {
  const x = axisWindow(width, meta.x, viewport?.x ?? null, size?.width ?? width);
  const y = axisWindow(height, meta.y, viewport?.y ?? null, size?.height ?? height);
  return {
    region: { col: x.first, row: y.first, cols: x.count, rows: y.count },
    pixels: { cols: x.pixels, rows: y.pixels }
  };
}
