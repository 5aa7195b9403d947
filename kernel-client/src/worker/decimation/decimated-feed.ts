/**
 * What one viewer holds of one decimated dataset, and the update that brings it up to date:
 * the whole selection when the grid (its scales, a zoom) or the kept rows' start changed, else
 * only the columns from the last one it holds (where new rows arrive) on. While rows arrive
 * into a chart the viewer has not zoomed (drawn or not yet), the grid is the stable one of
 * stream-grid.ts, so that each frame carries only the newest cells; once no row has arrived
 * for REST_MS, the grid aligned with the viewer's pixel columns (exact) again.
 */
import type { ChartViewport, DecimatedUpdate, ScaleReport } from '../../protocol.js';
import { assumedScale, bucketGrid } from './bucket-grid.js';
import type { DatasetDecimator } from './dataset-decimator.js';
import { selectRows } from './select-rows.js';
import { streamGrid } from './stream-grid.js';
import type { PlotSize } from './viewport.js';

interface Held {
  key: string;
  epoch: number;
  firstKept: number;
  /** Rows indexed when the viewer got its last update. */
  indexed: number;
  /** The last column it holds rows of (rows arriving may still join it), or null. */
  lastBucket: number | null;
  /** Rows it holds before that column's. */
  lastBucketStart: number;
  /** Rows it holds. */
  held: number;
}

/** How long after the last row arrived the picture turns exact (pixel-aligned) again. */
export const REST_MS = 400;

export class DecimatedFeed {
  private held: Held | null = null;
  /** Rows indexed, and when that count last grew. */
  private indexed = 0;
  private grewAt = -Infinity;

  /**
   * The update the viewer needs (null: it has everything) of the rows from `fromRow` on (the
   * viewer cleared the chart); `viewport` null before it drew.
   */
  next(
    decimator: DatasetDecimator,
    viewport: ChartViewport | null,
    size: PlotSize,
    fromRow = 0,
    now = Date.now()
  ): DecimatedUpdate | null {
    const store = decimator.store;
    const extent = decimator.xExtent();
    if (decimator.indexed !== this.indexed) {
      this.indexed = decimator.indexed;
      this.grewAt = now;
    }
    const xScale = viewport ?? assumedViewport(extent, size);
    const yScale = yScaleOf(decimator, viewport, size);
    // Also before the chart is drawn (a card off screen): its frames stay small.
    const streaming = !xScale.zoomed && now - this.grewAt < REST_MS;
    const grid =
      (streaming ? streamGrid(xScale, extent ?? [0, 0], yScale) : null) ??
      bucketGrid(xScale, extent ?? [0, 0], yScale);
    const firstKept = Math.max(store.firstKept(), fromRow);
    const held = this.held;
    const same =
      held !== null &&
      held.key === grid.key &&
      held.epoch === store.epoch &&
      held.firstKept === firstKept;
    if (same && held.indexed === decimator.indexed) {
      return null;
    }
    const from = same && held.lastBucket !== null ? held.lastBucket : -Infinity;
    const keep = same ? (held.lastBucket === null ? held.held : held.lastBucketStart) : 0;
    const selection = selectRows(decimator, grid, from, firstKept);
    this.held = {
      key: grid.key,
      epoch: store.epoch,
      firstKept,
      indexed: decimator.indexed,
      lastBucket: selection.lastBucket ?? (same ? held.lastBucket : null),
      lastBucketStart:
        selection.lastBucket === null && same
          ? held.lastBucketStart
          : keep + selection.lastBucketStart,
      held: keep + selection.rows.length
    };
    return {
      dataset: store.name,
      mode: 'decimated',
      keep,
      rows: store.readRows(selection.rows),
      kept: store.total() - firstKept,
      total: store.total(),
      window: store.window
    };
  }
}

/** Before the viewer drew the chart: its plot size over the rows' x extent. */
function assumedViewport(extent: [number, number] | null, size: PlotSize): ChartViewport {
  return {
    chart: '',
    x: assumedScale(extent ?? [0, 1], size.width),
    y: null,
    zoomed: false
  };
}

/** The y scale points are thinned by: the viewer's, or its plot height over the rows' extent. */
function yScaleOf(
  decimator: DatasetDecimator,
  viewport: ChartViewport | null,
  size: PlotSize
): ScaleReport | null {
  const { pointYs } = decimator.plan;
  if (pointYs.length === 0) {
    return null;
  }
  if (viewport?.y) {
    return viewport.y;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const field of pointYs) {
    const extent = decimator.yExtent(field);
    if (extent !== null) {
      low = Math.min(low, extent[0]);
      high = Math.max(high, extent[1]);
    }
  }
  const scale = assumedScale(low <= high ? [low, high] : [0, 1], size.height);
  return { ...scale, range: [size.height, 0] };
}
