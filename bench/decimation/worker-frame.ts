/**
 * The worker's CPU per frame for one decimating viewer, with the worker's own code in this
 * process: rows arrive (1% of the dataset per frame), are indexed, and the viewer's update is
 * selected and encoded — incrementally (the same scales), and re-bucketed (a new x domain, as a
 * zoom or a growing axis gives).
 */
import type { ChartViewport } from '../../kernel-client/src/protocol.ts';
import { DatasetDecimator } from '../../kernel-client/src/worker/decimation/dataset-decimator.ts';
import { DecimatedFeed } from '../../kernel-client/src/worker/decimation/decimated-feed.ts';
import { numberFields, storeOf } from '../../test/unit/kernel-client/decimation/stored-rows.ts';
import { median, spread } from '../kernel-client/stats.ts';

export interface WorkerFrameResult {
  rows: number;
  /** Index new rows + select + encode, same scales (ms per frame). */
  incrementalMs: number;
  incrementalSpread: string;
  /** The same with a new x domain every frame (ms per frame). */
  rebucketMs: number;
  rebucketSpread: string;
  /** Rows and bytes of one incremental and one re-bucketed update. */
  incrementalRows: number;
  rebucketRows: number;
  rebucketBytes: number;
}

function signalRows(from: number, count: number): number[][] {
  const rows: number[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const x = from + i;
    rows[i] = [x, Math.sin(x / 1e4) + ((x * 2654435761) % 1000) / 5000];
  }
  return rows;
}

export function workerFrame(rows: number, frames = 30): WorkerFrameResult {
  const { store, append } = storeOf(numberFields('x', 'y'), []);
  for (let done = 0; done < rows; done += 1_000_000) {
    append(signalRows(done, Math.min(1_000_000, rows - done)));
  }
  const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
  decimator.update();
  const size = { width: 800, height: 200 };
  const viewport = (to: number): ChartViewport => ({
    chart: 'c',
    x: { type: 'linear', domain: [0, to], range: [0, 800] },
    y: null,
    zoomed: false
  });
  const feed = new DecimatedFeed();
  feed.next(decimator, viewport(rows * 2), size);
  const step = Math.floor(rows / 100);
  let total = rows;
  const incremental: number[] = [];
  let incrementalRows = 0;
  for (let frame = 0; frame < frames; frame++) {
    const arriving = signalRows(total, step);
    append(arriving); // the drain's copy: not part of the frame
    total += step;
    const start = performance.now();
    decimator.update();
    const update = feed.next(decimator, viewport(rows * 2), size);
    incremental.push(performance.now() - start);
    incrementalRows = update?.rows.length ?? 0;
  }
  const rebucket: number[] = [];
  let rebucketRows = 0;
  let rebucketBytes = 0;
  for (let frame = 0; frame < frames; frame++) {
    const start = performance.now();
    const update = feed.next(decimator, viewport(total * (1 + frame / 1000)), size);
    rebucket.push(performance.now() - start);
    rebucketRows = update?.rows.length ?? 0;
    rebucketBytes = Object.values(update?.rows.columns ?? {}).reduce(
      (sum, column) =>
        sum + (column.type === 'number' ? (column.data as ArrayBufferView).byteLength : 0),
      0
    );
  }
  return {
    rows,
    incrementalMs: median(incremental),
    incrementalSpread: spread(incremental, 2),
    rebucketMs: median(rebucket),
    rebucketSpread: spread(rebucket, 2),
    incrementalRows,
    rebucketRows,
    rebucketBytes
  };
}
