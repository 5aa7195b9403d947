/**
 * Ctrl-C (SIGINT) in a script, the part both threads share (stop-state.ts slots): the computing
 * thread (script-stop.ts) ends the script when it is free, a plot worker
 * (worker/stopping/script-end.ts) when it is busy. Whoever ends it keeps to the same deadline,
 * counted from the first SIGINT, and prints the same one line.
 */
import {
  LATE,
  LINE,
  SIGINTS,
  SIGINT_AT,
  StopReason,
  beatNow,
  stopMessage,
  type StopState
} from '../kernel/stop-state.js';

/** Viewers receive what they lack until this long after the first SIGINT, never longer. */
export const DELIVERY_MS = 500;
/** The script ends at the latest this long after the first SIGINT. */
export const EXIT_MS = 600;
/** 128 + SIGINT, as shells report a process that Ctrl-C ended. */
export const EXIT_CODE = 130;

/**
 * Records that a listener heard its `count`th SIGINT (counting from the process's total when it
 * started listening); returns the process's total. Every listener hears every SIGINT, so the
 * total is the largest count.
 */
export function recordSigint(state: StopState, slots: Int32Array, count: number): number {
  Atomics.compareExchange(slots, SIGINT_AT, 0, beatNow(state) || 1);
  for (;;) {
    const total = Atomics.load(slots, SIGINTS);
    if (total >= count || Atomics.compareExchange(slots, SIGINTS, total, count) === total) {
      return Math.max(total, count);
    }
  }
}

/** Milliseconds left until the delivery deadline (at least `floorMs`). */
export function deliveryLeft(state: StopState, slots: Int32Array, floorMs = 0): number {
  const first = Atomics.load(slots, SIGINT_AT);
  const left = first === 0 ? DELIVERY_MS : first + DELIVERY_MS - beatNow(state);
  return Math.max(left, floorMs);
}

/** A delivery after a Ctrl-C ended; `delivered`: every viewer had every row. */
export function noteDelivery(slots: Int32Array, delivered: boolean): void {
  if (!delivered && Atomics.load(slots, SIGINTS) > 0) {
    Atomics.add(slots, LATE, 1);
  }
}

/** Whether some delivery after the Ctrl-C ended before its viewers had everything. */
export function someLate(slots: Int32Array): boolean {
  return Atomics.load(slots, LATE) > 0;
}

/**
 * The one line a script stopped by Ctrl-C prints, or null when it is printed already (once per
 * process, whichever thread ends the script). `late`: the rows pushed last may not all have
 * reached the viewers.
 */
export function claimLine(slots: Int32Array, late: boolean): string | null {
  if (Atomics.compareExchange(slots, LINE, 0, 1) !== 0) {
    return null;
  }
  const line = `PlotInterrupted: ${stopMessage(StopReason.CtrlC)}`;
  return late ? `${line}; the viewers may lack the rows pushed last (not delivered in time)` : line;
}
