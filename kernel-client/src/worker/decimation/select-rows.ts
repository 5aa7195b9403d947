/**
 * The rows one viewer needs to draw a decimated dataset exactly: per bucket (pixel column) and
 * series, the first and last row, the rows of each line's minimum and maximum (M4), the rows
 * around each gap, and for point marks one row per occupied pixel cell.
 */
import type { BucketGrid } from './bucket-grid.js';
import type { DatasetDecimator } from './dataset-decimator.js';
import type { DecimationPlan } from './plan.js';
import { emptyExtremes } from './min-max-pyramid.js';
import type { Series } from './series-index.js';

export interface Selection {
  /** Rows (counted since the last clear), bucket after bucket; unordered within a bucket. */
  rows: number[];
  /** The last bucket with rows (new rows may still join it), or null when there are none. */
  lastBucket: number | null;
  /** Where the last bucket's rows begin in `rows`. */
  lastBucketStart: number;
}

/** Gaps drawn exactly per bucket and line; beyond, a bucket's later gaps are not shown. */
const GAPS_PER_BUCKET = 2;

/** The selection for the buckets from `fromBucket` on, of the rows from `fromRow` on. */
export function selectRows(
  decimator: DatasetDecimator,
  grid: BucketGrid,
  fromBucket = -Infinity,
  fromRow = 0
): Selection {
  const buckets: number[] = [];
  const rows: number[] = [];
  let seriesCount = 0;
  for (const series of decimator.series) {
    seriesCount++;
    const start = series.positionOfRow(fromRow);
    collect(series, start, decimator.plan, grid, fromBucket, buckets, rows);
  }
  const order = rows.map((_, index) => index);
  if (seriesCount > 1) {
    order.sort((a, b) => buckets[a] - buckets[b] || rows[a] - rows[b]);
  }
  const selection: Selection = { rows: [], lastBucket: null, lastBucketStart: 0 };
  for (const index of order) {
    if (buckets[index] !== selection.lastBucket) {
      selection.lastBucket = buckets[index];
      selection.lastBucketStart = selection.rows.length;
    }
    selection.rows.push(rows[index]);
  }
  return selection;
}

function collect(
  series: Series,
  start: number,
  { lineYs, pointYs }: DecimationPlan,
  grid: BucketGrid,
  fromBucket: number,
  buckets: number[],
  rows: number[]
): void {
  const { bucketOf } = grid;
  const picked = new Set<number>();
  let from = series.seek(start, fromBucket, bucketOf);
  while (from < series.length) {
    const bucket = bucketOf(series.xAt(from));
    const to = series.seek(
      from + 1,
      bucket === -Infinity ? -Number.MAX_VALUE : bucket + 1,
      bucketOf
    );
    picked.clear();
    // Points are thinned to one row per pixel cell where they are seen; lines (and points
    // outside a zoomed domain, kept only for the axes) get their column's M4 rows.
    const cells = pointYs.length > 0 && grid.cellOf !== null && grid.visible(bucket);
    if (lineYs.length > 0 || !cells) {
      picked.add(from);
      picked.add(to - 1);
    }
    series.pyramids.forEach((pyramid, k) => {
      if (cells && !lineYs.includes(series.ys[k])) {
        return;
      }
      const extremes = emptyExtremes();
      pyramid.extremes(from, to, extremes);
      if (extremes.minAt >= 0) {
        const field = series.ys[k];
        // Of an extreme held over several rows (a step), the last row before the other
        // extreme: the path then climbs or falls where the rows do, not across the column.
        if (extremes.minAt < extremes.maxAt) {
          picked.add(lastBefore(series, field, extremes.min, extremes.minAt, extremes.maxAt));
          picked.add(extremes.maxAt);
        } else {
          picked.add(extremes.minAt);
          picked.add(lastBefore(series, field, extremes.max, extremes.maxAt, extremes.minAt));
        }
      }
      if (extremes.gaps > 0 && lineYs.includes(series.ys[k])) {
        pickGaps(series, from, to, series.ys[k], picked);
      }
    });
    if (cells) {
      pickCells(series, from, to, pointYs, grid.cellOf as (y: number) => number, picked);
    }
    const start = rows.length;
    for (const position of picked) {
      rows.push(series.rowOf(position));
      buckets.push(bucket);
    }
    if (picked.size > 1) {
      sortTail(rows, start);
    }
    from = to;
  }
}

/**
 * The row just before `before` when it holds `value` too (the extreme found at `first`, held
 * until the other extreme: a step), else `first`.
 */
function lastBefore(
  series: Series,
  field: number,
  value: number,
  first: number,
  before: number
): number {
  return before - 1 > first && series.lineValue(before - 1, field) === value ? before - 1 : first;
}

/** Adds, for the first gaps in [from, to), the last value before, the gap, the first after. */
function pickGaps(
  series: Series,
  from: number,
  to: number,
  field: number,
  picked: Set<number>
): void {
  let runs = 0;
  let previousFinite = -1;
  let inGap = false;
  for (let position = from; position < to; position++) {
    const value = series.lineValue(position, field);
    const finite = value - value === 0;
    if (!finite && !inGap) {
      if (runs === GAPS_PER_BUCKET) {
        return;
      }
      runs++;
      inGap = true;
      picked.add(position);
      if (previousFinite >= 0) {
        picked.add(previousFinite);
      }
    } else if (finite && inGap) {
      inGap = false;
      picked.add(position);
    }
    if (finite) {
      previousFinite = position;
    }
  }
}

/** Adds the first position of each pixel cell (bucket × y pixel) a point in [from, to) falls in. */
function pickCells(
  series: Series,
  from: number,
  to: number,
  fields: readonly number[],
  cellOf: (y: number) => number,
  picked: Set<number>
): void {
  const seen = new Set<number>();
  for (const field of fields) {
    seen.clear();
    for (let position = from; position < to; position++) {
      const y = series.lineValue(position, field);
      if (y - y !== 0) {
        continue;
      }
      const cell = cellOf(y);
      if (!seen.has(cell)) {
        seen.add(cell);
        picked.add(position);
      }
    }
  }
}

/** Sorts `rows` from `start` on, in place (a handful of rows). */
function sortTail(rows: number[], start: number): void {
  for (let i = start + 1; i < rows.length; i++) {
    const row = rows[i];
    let j = i - 1;
    while (j >= start && rows[j] > row) {
      rows[j + 1] = rows[j];
      j--;
    }
    rows[j + 1] = row;
  }
}
