/**
 * The pixel columns (buckets) a viewer's chart has, as a monotone map from x to an integer.
 * Aligned with the viewer's own x scale in device pixels, so that first/last/min/max per bucket
 * draw the same picture as every row. Where rows lie beyond the viewer's domain, buckets go on
 * (coarser when they would be too many); when zoomed in, the rows outside the domain are kept
 * only coarsely (their extremes keep the y axis the same), with the rows either side of the
 * domain exact.
 */
import type { ChartViewport, ScaleReport } from '../../protocol.js';
import { pixelScale } from './pixel-scale.js';

export interface BucketGrid {
  /** Changes whenever some x would map to another bucket. */
  key: string;
  /** Monotone non-decreasing in x; -Infinity for x that no pixel shows. */
  bucketOf(x: number): number;
  /** Point marks: the pixel row of a y value, null when there is no y scale. */
  cellOf: ((y: number) => number) | null;
  /** Whether the bucket is inside the viewer's domain (points are only thinned there). */
  visible(bucket: number): boolean;
}

/** Overview buckets across all rows when zoomed (for the y axis, and panning). */
const OVERVIEW_BUCKETS = 64;

/** The smallest power of two at least `value` (value > 0). */
function powerOfTwoAbove(value: number): number {
  return 2 ** Math.ceil(Math.log2(value));
}

function finiteFloor(pixel: number): number {
  return pixel - pixel === 0 ? Math.floor(pixel) : -Infinity;
}

/** The scale of a viewer that has not drawn yet: its plot size over the rows' extent. */
export function assumedScale(extent: [number, number], pixels: number): ScaleReport {
  const [lo, hi] = extent;
  return { type: 'linear', domain: [lo, hi > lo ? hi : lo + 1], range: [0, pixels] };
}

/**
 * The grid for `viewport` (or, before the viewer drew, for its plot size over the rows'
 * extent), given the x extent of the rows and, for point marks, the y scale.
 */
export function bucketGrid(
  viewport: ChartViewport,
  xExtent: [number, number],
  yScale: ScaleReport | null
): BucketGrid {
  // Along the axis, increasing with x (a reversed range counts pixels from the other end).
  const direction = viewport.x.range[1] >= viewport.x.range[0] ? 1 : -1;
  const scale = pixelScale(viewport.x);
  const pixel = (x: number): number => direction * scale(x);
  const start = direction * viewport.x.range[0];
  const end = direction * viewport.x.range[1];
  const width = end - start;
  const cellPixel = yScale === null ? null : pixelScale(yScale);
  const cellOf = cellPixel === null ? null : (y: number) => finiteFloor(cellPixel(y));
  const base = `${JSON.stringify(viewport.x)}|${JSON.stringify(yScale)}`;
  const low = pixel(xExtent[0]);
  const high = pixel(xExtent[1]);
  if (!viewport.zoomed) {
    // Rows beyond the domain (it lags the data while streaming): coarser buckets if needed.
    const span = Math.max(high, end) - Math.min(low, start);
    const factor = span - span === 0 && span > 1.5 * width ? powerOfTwoAbove(span / width) : 1;
    return {
      key: `fit|${base}|${factor}`,
      bucketOf: x => finiteFloor(pixel(x) / factor),
      cellOf,
      visible: () => true
    };
  }
  const extent = high - low;
  const step =
    extent - extent === 0 && extent > OVERVIEW_BUCKETS
      ? powerOfTwoAbove(extent / OVERVIEW_BUCKETS)
      : 1;
  const first = Math.floor(start);
  const last = Math.ceil(end);
  return {
    key: `zoom|${base}|${step}`,
    bucketOf: x => {
      const at = pixel(x);
      if (at < start) {
        return first + finiteFloor((at - start) / step); // coarse, ending at the domain
      }
      if (at < end) {
        return Math.floor(at);
      }
      return last + Math.floor((at - end) / step); // coarse, starting at the domain's end
    },
    cellOf,
    visible: bucket => bucket >= first && bucket < last
  };
}
