/** Messages between the computing thread and the plot server worker (never on the network). */
import type { FieldInfo } from './recording/fields.js';
import type { StopState } from './kernel/stop-state.js';

/** `field`: a 2D state of numbers (the `field()` builder), replaced as a whole. */
export type DatasetMode = 'append' | 'replace' | 'field';

export interface ServerOptions {
  id: string;
  title: string;
  host: string;
  port: number;
  token: string;
  rate: number;
  debug: boolean;
  /** Browser commands to try, in order, on the viewer page once listening (browser-command.ts). */
  browser: string[];
  /** Bytes the history may hold in memory before the oldest rows move to disk. */
  memoryBudget: number;
  /** The folder runs are recorded into (absolute), or null (records/run-record.ts). */
  record: string | null;
  /** Shared flags word (see shared-flags.ts): the worker sets FLAG_STOPPED and FLAG_FAILED. */
  control: SharedArrayBuffer;
  /** Where the worker writes why it failed (failure-note.ts). */
  failure: SharedArrayBuffer;
  /** How this process stops (worker/stop-policy.ts). */
  stop: {
    state: StopState;
    /** Inside a Jupyter kernel: stops end the cell; otherwise Ctrl-C ends the script. */
    kernel: boolean;
    /** Path of the kernel launcher's socket, when the kernel runs under it. */
    launcher: string | null;
  };
}

export interface DatasetDeclaration {
  id: number;
  name: string;
  mode: DatasetMode;
  window: number | null;
}

export type ToWorker =
  | {
      type: 'chart';
      chart: string;
      serial: number;
      spec: Record<string, unknown>;
      datasets: DatasetDeclaration[];
    }
  | { type: 'spec'; chart: string; spec: Record<string, unknown> }
  | { type: 'datasets'; chart: string; datasets: DatasetDeclaration[] }
  | { type: 'schema'; dataset: number; fields: FieldInfo[] }
  /**
   * A new ring (ring.ts): the worker drains the previous one to its end first. `overwrites`: the
   * dataset's window is at most half the ring, whose writer never waits.
   */
  | { type: 'ring'; dataset: number; buffer: SharedArrayBuffer; overwrites: boolean }
  | { type: 'slots'; dataset: number; state: SharedArrayBuffer }
  | { type: 'slot'; dataset: number; slot: number; serial: number; buffer: SharedArrayBuffer }
  | { type: 'word'; dataset: number; field: number; code: number; value: string }
  /** Drops the rows before the ring's `written` count at the time of the clear. */
  | { type: 'clear'; dataset: number; written: number }
  /** `figure`: reply with the charts as a static figure (a notebook output keeps it). */
  | { type: 'close'; timeoutMs: number; figure: boolean }
  /** A notebook shows the handle: send the figure each time the data goes quiet (quiet-figure.ts). */
  | { type: 'quiet-figures' }
  /**
   * Diagnostics for tests, not part of the API: `heap` answers the worker's heap in use (after
   * a garbage collection when the runtime exposes one), `throw` makes the worker fail.
   */
  | { type: 'debug'; action: 'heap' | 'throw'; id: number };

export type FromWorker =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'stop' }
  /** The worker made a temporary folder for history beyond the memory budget. */
  | { type: 'spill-folder'; path: string }
  /** The plotter closed; `figure`: its charts as a static Vega-Lite spec (static-figure.ts). */
  | { type: 'closed'; figure?: StaticFigure }
  /** The data went quiet (a streaming cell ended): the figure its notebook output shows. */
  | { type: 'figure'; figure: StaticFigure }
  | { type: 'debug'; id: number; heapBytes: number };

/** A plotter's charts as one static Vega-Lite spec (worker/serving/static-figure.ts). */
export interface StaticFigure {
  /** The Vega-Lite spec, every row it draws inlined; null when no chart could be included. */
  spec: Record<string, unknown> | null;
  /** What the figure holds, in a sentence: charts, rows, what was left out. */
  note: string;
}
