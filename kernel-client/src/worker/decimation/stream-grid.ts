/**
 * The grid a streaming chart is decimated on while rows arrive. A viewer fits its x domain to
 * the rows each time it draws, so its pixel columns move with every frame, and a grid aligned
 * with them (bucket-grid.ts) would send the whole picture again each frame. This grid does not
 * move: cells of a power-of-two width in the scale's transformed units, aligned on multiples of
 * it, at most one pixel column wide and more than half of one. New rows then touch only the
 * last cells, and the grid changes (cells twice as wide) only when the x extent doubles.
 * Each cell keeps its first, last, lowest and highest row, so every extreme is drawn within
 * one pixel column of where it is; once rows stop arriving, the viewer gets the exact
 * pixel-aligned grid again (decimated-feed.ts).
 */
import type { ChartViewport, ScaleReport } from '../../protocol.js';
import type { BucketGrid } from './bucket-grid.js';
import { pixelScale, scaleTransform } from './pixel-scale.js';

function finiteFloor(value: number): number {
  return value - value === 0 ? Math.floor(value) : -Infinity;
}

/**
 * The stable grid for a viewer that is not zoomed, over the union of its domain and the rows'
 * x extent; null when the scale gives no usable cell width (an empty or degenerate extent).
 */
export function streamGrid(
  viewport: ChartViewport,
  xExtent: [number, number],
  yScale: ScaleReport | null
): BucketGrid | null {
  const { x } = viewport;
  const forward = scaleTransform(x);
  const low = Math.min(forward(x.domain[0]), forward(xExtent[0]));
  const high = Math.max(forward(x.domain[1]), forward(xExtent[1]));
  const pixels = Math.abs(x.range[1] - x.range[0]);
  const perPixel = (high - low) / pixels;
  if (!(perPixel > 0) || perPixel === Infinity) {
    return null;
  }
  const cell = 2 ** Math.floor(Math.log2(perPixel));
  const cellPixel = yScale === null ? null : pixelScale(yScale);
  const transform = `${x.type}|${x.exponent ?? ''}|${x.constant ?? ''}`;
  return {
    key: `stream|${transform}|${cell}|${JSON.stringify(yScale)}`,
    bucketOf: value => finiteFloor(forward(value) / cell),
    cellOf: cellPixel === null ? null : y => finiteFloor(cellPixel(y)),
    visible: () => true
  };
}
