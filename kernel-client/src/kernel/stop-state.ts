/**
 * The process-wide stop state shared by the computing thread and every plot server worker: one
 * small Int32Array in a SharedArrayBuffer. The computing thread's heartbeat (heartbeat.ts)
 * writes BEAT every 20 ms whenever it is free, including while a cell awaits; a worker that
 * receives a stop (Kernel > Interrupt, a viewer's Stop) reads it to tell an awaiting
 * computation (fresh beat) from a synchronous one (stale beat), and asks the heartbeat to act
 * through the counters below (worker/stop-policy.ts).
 */

/** Milliseconds since `origin` (wrapping Int32) at the computing thread's last heartbeat. */
export const BEAT = 0;
/** Stops so far; the heartbeat aborts `plotter.signal` when it changes. */
export const STOPS = 1;
/** Requests to reject the pending promises of the computing thread (an awaiting cell). */
export const REJECTS = 2;
/** Requests to clear the leftover stop flags of every plotter once the computation ended. */
export const CLEARS = 3;
/** The stop a data call turned into a PlotInterrupted (the loop ended by itself). */
export const CONSUMED = 4;
/** Why the last stop happened (a `StopReason`). */
export const REASON = 5;
/** 1 while a worker runs the process-wide part of a stop (one at a time). */
export const POLICY = 6;
/** Interrupt requests a worker sent to its kernel (the heartbeat then prints the message). */
export const INTERRUPTS = 7;
/**
 * Scripts (script-stop.ts, worker/stopping/script-end.ts): the most SIGINTs any listener heard,
 * and when the first came (`beatNow() || 1`, 0 before any).
 */
export const SIGINTS = 8;
export const SIGINT_AT = 9;
/** 1 once the one-line Ctrl-C message is printed (whoever ends the script prints it). */
export const LINE = 10;
/** SIGINT listeners of the script itself on the computing thread: it decides when to end. */
export const SCRIPT_LISTENERS = 11;
/** Deliveries after a Ctrl-C that ended before every viewer had every row. */
export const LATE = 12;
/** Workers listening for SIGINT in this process (a SIGINT ends it once none does). */
export const LISTENING = 13;
/** 1 when a worker hears Ctrl-C only through a helper process: the computing thread listens too. */
export const RELAYED = 14;
const SLOTS = 15;

export const StopReason = { Viewer: 1, Interrupt: 2, CtrlC: 3 } as const;
export type StopReason = (typeof StopReason)[keyof typeof StopReason];

/** Set by the kernel launcher in the kernel's environment: the path of its socket. */
export const LAUNCHER_SOCKET_ENV = 'ASYNC_PLOTTER_LAUNCHER_SOCKET';

/** A stale heartbeat means the computing thread runs synchronously. */
export const BEAT_PERIOD_MS = 20;
export const STALE_AFTER_MS = 100;

export interface StopState {
  buffer: SharedArrayBuffer;
  /** `Date.now()` at creation: beats are stored relative to it (Int32 wraps after 24 days). */
  origin: number;
}

export function createStopState(): StopState {
  return { buffer: new SharedArrayBuffer(SLOTS * 4), origin: Date.now() };
}

export function stopSlots(state: StopState): Int32Array {
  return new Int32Array(state.buffer);
}

export function beatNow(state: StopState): number {
  return (Date.now() - state.origin) | 0;
}

/** Milliseconds since the computing thread last beat. */
export function beatAge(state: StopState, slots: Int32Array): number {
  return (beatNow(state) - Atomics.load(slots, BEAT)) | 0;
}

/** The one-line message a stopped cell shows. */
export function stopMessage(reason: number, title?: string): string {
  if (reason === StopReason.Interrupt) {
    return 'stopped by the user (Kernel > Interrupt)';
  }
  if (reason === StopReason.CtrlC) {
    return 'stopped by the user (Ctrl-C)';
  }
  return title === undefined
    ? 'stopped by the user (Stop in the Async Plotter panel)'
    : `stopped by the user (Stop in the Async Plotter panel, plotter "${title}")`;
}
