import type { VisualizationSpec } from 'vega-embed';
import type { ChartSpec } from '../models/chart-model';

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
 * A copy of the server's spec with the viewer's defaults; the original is untouched. A chart
 * that follows the container's width fits in it, axes and all (`contains: 'padding'`), and fits
 * again on every update (`resize`): streamed values that widen the axis labels would otherwise
 * push the axis title out of the drawing.
 */
export function viewSpec(spec: ChartSpec): VisualizationSpec {
  const copy: Record<string, unknown> = { ...spec };
  if (fitsWidth(spec)) {
    copy.width = 'container';
    copy.autosize = spec.autosize ?? { type: 'fit-x', contains: 'padding', resize: true };
  }
  if (isVegaLite(spec) && !('height' in spec) && ('mark' in spec || 'layer' in spec)) {
    copy.height = DEFAULT_HEIGHT;
  }
  return copy as VisualizationSpec;
}
