/**
 * The stop/closed flags word shared with the worker, read with one plain load per data call.
 * A stop sets FLAG_STOPPED (from the worker, visible even while this thread spins): the next
 * data call throws PlotInterrupted once and clears it.
 */
import { PlotInterrupted, PlotterClosedError, PlotterFailedError } from '../errors.js';
import { readFailure, writeFailure } from './failure-note.js';
import { FLAG_CLOSED, FLAG_FAILED, FLAG_STOPPED } from './shared-flags.js';
import { CONSUMED, REASON, STOPS, StopReason, stopMessage } from '../kernel/stop-state.js';

export class Gate {
  readonly flags: Int32Array;

  constructor(
    readonly control: SharedArrayBuffer,
    private readonly title: string,
    /** The process-wide stop state (stop-state.ts), when a heartbeat runs. */
    private readonly stopSlots: Int32Array | null = null,
    /** Told the stop's reason just before a data call throws PlotInterrupted. */
    private readonly throwing: (reason: number) => void = () => undefined,
    /** Why the worker failed (failure-note.ts), when it did. */
    private readonly failure: SharedArrayBuffer | null = null
  ) {
    this.flags = new Int32Array(control, 0, 1);
  }

  check(): void {
    if (this.flags[0] !== 0) {
      this.refuse();
    }
  }

  refuse(): void {
    const flags = Atomics.load(this.flags, 0);
    if ((flags & FLAG_FAILED) !== 0) {
      const reason = (this.failure && readFailure(this.failure)) ?? 'its worker thread ended';
      throw new PlotterFailedError(
        `plotter "${this.title}": the plot server failed (${reason}); what the viewers received is kept, open a new plotter to plot more`
      );
    }
    if ((flags & FLAG_CLOSED) !== 0) {
      throw new PlotterClosedError(
        `plotter "${this.title}" is closed; open a new one to plot more`
      );
    }
    if ((flags & FLAG_STOPPED) !== 0) {
      Atomics.and(this.flags, 0, ~FLAG_STOPPED);
      let reason: number = StopReason.Viewer;
      if (this.stopSlots !== null) {
        reason = Atomics.load(this.stopSlots, REASON) || StopReason.Viewer;
        Atomics.store(this.stopSlots, CONSUMED, Atomics.load(this.stopSlots, STOPS));
      }
      this.throwing(reason);
      throw new PlotInterrupted(stopMessage(reason, this.title));
    }
  }

  /** Forgets a stop no data call consumed (the stopped computation ended otherwise). */
  clearStop(): void {
    Atomics.and(this.flags, 0, ~FLAG_STOPPED);
  }

  close(): void {
    Atomics.or(this.flags, 0, FLAG_CLOSED);
  }

  /** The plot server failed: every later data call throws PlotterFailedError. */
  fail(reason: string): void {
    if (this.failure !== null) {
      writeFailure(this.failure, reason);
    }
    Atomics.or(this.flags, 0, FLAG_FAILED);
  }

  get failed(): boolean {
    return (Atomics.load(this.flags, 0) & FLAG_FAILED) !== 0;
  }

  get closed(): boolean {
    return (Atomics.load(this.flags, 0) & FLAG_CLOSED) !== 0;
  }
}
