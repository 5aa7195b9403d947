/**
 * The stop/closed flags word shared with the worker, read with one plain load per data call.
 * A stop sets FLAG_STOPPED (from the worker, visible even while this thread spins): the next
 * data call throws PlotInterrupted once and clears it.
 */
import { PlotInterrupted, PlotterClosedError } from './errors.js';
import { FLAG_CLOSED, FLAG_STOPPED } from './shared-flags.js';
import { CONSUMED, REASON, STOPS, StopReason, stopMessage } from './stop-state.js';

export class Gate {
  readonly flags: Int32Array;

  constructor(
    readonly control: SharedArrayBuffer,
    private readonly title: string,
    /** The process-wide stop state (stop-state.ts), when a heartbeat runs. */
    private readonly stopSlots: Int32Array | null = null,
    /** Told the stop's reason just before a data call throws PlotInterrupted. */
    private readonly throwing: (reason: number) => void = () => undefined
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

  get closed(): boolean {
    return (Atomics.load(this.flags, 0) & FLAG_CLOSED) !== 0;
  }
}
