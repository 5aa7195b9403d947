/**
 * Records an append-mode dataset into shared segments. The worker reads committed rows while
 * this thread keeps running; a full segment is handed over once (one message per 4k-64k rows).
 */
import type { ColumnBatch } from './columns.js';
import type { FieldCoder } from './field-coder.js';
import type { Gate } from './gate.js';
import type { ToWorker } from './messages.js';
import { buildPush, type PushFunction, type RowSink } from './row-writer-code.js';
import { PlotInputError, describe, place } from './errors.js';
import {
  FIRST_SEGMENT_ROWS,
  RELEASED,
  allocateSegment,
  nextSegmentRows,
  segmentViews
} from './segment.js';

export class AppendWriter implements RowSink {
  n = 0;
  capacity = 0;
  values: Float64Array = new Float64Array(0);
  count: Int32Array = new Int32Array(0);
  readonly push: PushFunction;
  private readonly stride: number;
  /** Segments handed to the worker, oldest first; reused once the worker released them. */
  private readonly handed: SharedArrayBuffer[] = [];

  constructor(
    private readonly dataset: number,
    readonly coder: FieldCoder,
    private readonly gate: Gate,
    private readonly post: (message: ToWorker) => void
  ) {
    this.stride = coder.fields.length;
    this.startSegment(FIRST_SEGMENT_ROWS);
    this.push = buildPush(coder.fields, this, gate.flags);
  }

  nextSegment(): void {
    this.startSegment(nextSegmentRows(this.capacity));
  }

  refuse(): void {
    this.gate.refuse();
  }

  badRow(row: unknown): void {
    throw new PlotInputError(
      `${place(this.coder.chart, this.coder.dataset)}: expected a row object, got ${describe(row)}`
    );
  }

  appendColumns(batch: ColumnBatch): void {
    const stride = this.stride;
    let done = 0;
    while (done < batch.length) {
      if (this.n === this.capacity) {
        this.nextSegment();
      }
      const take = Math.min(batch.length - done, this.capacity - this.n);
      const values = this.values;
      batch.sources.forEach((source, k) => {
        let at = this.n * stride + k;
        if (source === null) {
          for (let j = 0; j < take; j++, at += stride) {
            values[at] = NaN;
          }
        } else {
          for (let j = done; j < done + take; j++, at += stride) {
            values[at] = source[j];
          }
        }
      });
      this.n += take;
      this.count[0] = this.n;
      done += take;
    }
  }

  clear(): void {
    this.post({ type: 'clear', dataset: this.dataset });
    this.startSegment(FIRST_SEGMENT_ROWS);
  }

  private startSegment(rows: number): void {
    let buffer: SharedArrayBuffer;
    let views;
    const oldest = this.handed[0];
    if (oldest !== undefined && Atomics.load(segmentViews(oldest).count, RELEASED) === 1) {
      buffer = this.handed.shift() as SharedArrayBuffer;
      views = segmentViews(buffer);
      views.count[0] = 0;
      Atomics.store(views.count, RELEASED, 0);
    } else {
      buffer = allocateSegment(rows, this.stride);
      views = segmentViews(buffer);
    }
    this.handed.push(buffer);
    this.values = views.values;
    this.count = views.count;
    this.capacity = views.values.length / Math.max(this.stride, 1);
    this.n = 0;
    this.post({ type: 'segment', dataset: this.dataset, buffer });
  }
}
