/**
 * Records an append-mode dataset into a shared ring (ring.ts) that the worker drains while this
 * thread keeps running. A message only when the ring is replaced (no window, and the worker fell
 * a whole ring behind: it grows, never overwrites) or the dataset is cleared.
 */
import type { ColumnBatch } from './columns.js';
import type { FieldCoder } from './field-coder.js';
import type { Gate } from '../stopping/gate.js';
import type { ToWorker } from '../messages.js';
import { buildPush, type PushFunction, type RowSink } from './row-writer-code.js';
import { PlotInputError, PlotterClosedError, describe, place } from '../errors.js';
import {
  DRAINED,
  WRITTEN,
  allocateRing,
  ringRows,
  ringViews,
  windowRingRows,
  type RingSizes,
  type RingViews
} from './ring.js';

/** How long a write waits at a time for the worker when the largest ring is full. */
const WAIT_SLICE_MS = 20;
/** A worker that drains nothing for this long is considered gone (a write never hangs). */
const STALLED_WORKER_MS = 10_000;

export class AppendWriter implements RowSink {
  push: PushFunction;
  private readonly stride: number;
  private ring: RingViews;
  /** A windowed dataset's ring overwrites rows older than the window instead of filling. */
  private readonly overwrites: boolean;
  /** Rows of the largest ring a dataset without a window grows to. */
  private readonly largest: number;

  constructor(
    private readonly dataset: number,
    window: number | null,
    readonly coder: FieldCoder,
    private readonly gate: Gate,
    private readonly post: (message: ToWorker) => void,
    /** How large its rings are (within the plotter's memory budget). */
    sizes: RingSizes,
    /** Told each new `push` (a new ring, or fresh type feedback after a stop). */
    private readonly pushChanged: (push: PushFunction) => void = () => undefined
  ) {
    this.stride = Math.max(coder.fields.length, 1);
    this.largest = ringRows(sizes.largest, this.stride);
    this.overwrites = window !== null && !sizes.everyRow && windowRingRows(window) <= this.largest;
    const rows = this.overwrites
      ? windowRingRows(window as number)
      : ringRows(sizes.first, this.stride);
    this.ring = this.startRing(rows, 0);
    this.push = this.buildPush();
  }

  slow(row: unknown): void {
    try {
      this.gate.check();
      this.makeRoom(1);
    } finally {
      // Fresh type feedback: the guard that failed deoptimised the caller, and this push would
      // stay slower once the failure was recorded.
      this.renewPush();
    }
    this.push(row);
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
      if (this.makeRoom(1)) {
        this.renewPush();
      }
      const { header, values, capacity } = this.ring;
      const written = header[WRITTEN];
      const start = written & (capacity - 1);
      const free = this.overwrites ? capacity : capacity - ((written - header[DRAINED]) | 0);
      const take = Math.min(batch.length - done, free, capacity - start);
      batch.sources.forEach((source, k) => {
        let at = start * stride + k;
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
      header[WRITTEN] = (written + take) | 0;
      done += take;
    }
  }

  clear(): void {
    this.post({ type: 'clear', dataset: this.dataset, written: this.ring.header[WRITTEN] });
  }

  /** Returns once the ring has room for `rows` more (at most its capacity); true: a new ring. */
  private makeRoom(rows: number): boolean {
    const { header, capacity } = this.ring;
    const used = (): number => (header[WRITTEN] - Atomics.load(header, DRAINED)) | 0;
    if (this.overwrites || used() + rows <= capacity) {
      return false;
    }
    if (capacity < this.largest) {
      this.ring = this.startRing(Math.min(capacity * 4, this.largest), header[WRITTEN]);
      return true;
    }
    // The largest ring is full: the worker is that far behind; wait for it (a stop still ends
    // the wait: the worker sets the flag, and a closed plotter throws).
    let drained = Atomics.load(header, DRAINED);
    let since = Date.now();
    while (used() + Math.min(rows, capacity) > capacity) {
      Atomics.wait(header, DRAINED, drained, WAIT_SLICE_MS);
      this.gate.check();
      if (Atomics.load(header, DRAINED) !== drained) {
        drained = Atomics.load(header, DRAINED);
        since = Date.now();
      } else if (Date.now() - since > STALLED_WORKER_MS) {
        throw new PlotterClosedError(
          `${place(this.coder.chart, this.coder.dataset)}: the plot server took no data for ` +
            `${STALLED_WORKER_MS / 1000} s; open a new plotter`
        );
      }
    }
    return false;
  }

  private startRing(rows: number, written: number): RingViews {
    const buffer = allocateRing(rows, this.stride, written);
    this.post({ type: 'ring', dataset: this.dataset, buffer, overwrites: this.overwrites });
    return ringViews(buffer, this.stride);
  }

  private buildPush(): PushFunction {
    return buildPush(this.coder.fields, this.ring, this.overwrites, this, this.gate.flags);
  }

  private renewPush(): void {
    this.push = this.buildPush();
    this.pushChanged(this.push);
  }
}
