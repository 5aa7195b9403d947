/**
 * The computing thread's side of stopping (one per process): a 20 ms unreferenced interval that
 * beats into the shared stop state (see stop-state.ts) and carries out what a plot worker asks
 * for. It runs whenever the thread is free, including while a cell awaits, when messages from
 * the worker are not delivered: it aborts `plotter.signal`, rejects the pending promises of an
 * awaiting cell (notebook kernels: tracked-promises.ts), clears leftover stop flags and, in a
 * script, tells script-stop.ts of the SIGINTs the workers heard.
 */
import { PlotInterrupted } from '../errors.js';
import {
  BEAT,
  BEAT_PERIOD_MS,
  CLEARS,
  INTERRUPTS,
  REASON,
  REJECTS,
  SIGINTS,
  STOPS,
  beatNow,
  createStopState,
  stopMessage,
  stopSlots,
  type StopState
} from '../kernel/stop-state.js';
import { installTrackedPromises, rejectPendingPromises } from './tracked-promises.js';

/** What the heartbeat needs from an open plotter. */
export interface StopTarget {
  readonly title: string;
  /** A stop happened: abort the plotter's signal. */
  interrupted(reason: PlotInterrupted): void;
  /** The stopped computation ended: forget the plotter's leftover stop flag. */
  clearStop(): void;
}

export interface Heartbeat {
  readonly state: StopState;
  readonly slots: Int32Array;
  /** Inside a Jupyter kernel (Deno's `Deno.jupyter` exists). */
  readonly kernel: boolean;
  add(target: StopTarget): void;
  remove(target: StopTarget): void;
  /** Called with the process's SIGINT count whenever it changed (one watcher, or null). */
  watchSigints(watcher: ((total: number) => void) | null): void;
}

const KEY = Symbol.for('async-plotter.heartbeat');

export function inKernel(): boolean {
  const deno = (globalThis as { Deno?: { jupyter?: unknown } }).Deno;
  try {
    return deno?.jupyter !== undefined;
  } catch {
    return false; // Deno outside `deno jupyter`: the getter throws
  }
}

/** The process's heartbeat, started on first use. */
export function heartbeat(): Heartbeat {
  const global = globalThis as { [KEY]?: Heartbeat };
  global[KEY] ??= startHeartbeat(inKernel());
  return global[KEY];
}

function startHeartbeat(kernel: boolean): Heartbeat {
  const state = createStopState();
  const slots = stopSlots(state);
  const targets = new Set<StopTarget>();
  let sigintWatcher: ((total: number) => void) | null = null;
  if (kernel) {
    installTrackedPromises();
  }
  let stops = 0;
  let rejects = 0;
  let clears = 0;
  let interrupts = 0;
  let sigints = 0;
  const tick = (): void => {
    Atomics.store(slots, BEAT, beatNow(state));
    const reason = Atomics.load(slots, REASON);
    if (Atomics.load(slots, REJECTS) !== rejects) {
      rejects = Atomics.load(slots, REJECTS);
      rejectPendingPromises(new PlotInterrupted(stopMessage(reason)));
    }
    if (Atomics.load(slots, STOPS) !== stops) {
      stops = Atomics.load(slots, STOPS);
      for (const target of targets) {
        target.interrupted(new PlotInterrupted(stopMessage(reason, target.title)));
      }
    }
    if (Atomics.load(slots, INTERRUPTS) !== interrupts) {
      interrupts = Atomics.load(slots, INTERRUPTS);
      // The kernel ended the synchronous cell without output: say why in it.
      console.error(`PlotInterrupted: ${stopMessage(reason)}`);
    }
    if (Atomics.load(slots, CLEARS) !== clears) {
      clears = Atomics.load(slots, CLEARS);
      targets.forEach(target => target.clearStop());
    }
    if (Atomics.load(slots, SIGINTS) !== sigints) {
      sigints = Atomics.load(slots, SIGINTS);
      sigintWatcher?.(sigints);
    }
  };
  tick();
  unref(setInterval(tick, BEAT_PERIOD_MS));
  return {
    state,
    slots,
    kernel,
    add: target => {
      targets.add(target);
    },
    remove: target => {
      targets.delete(target);
    },
    watchSigints: watcher => {
      sigintWatcher = watcher;
    }
  };
}

/** Lets the process exit while the interval runs (Node timers and Deno timer ids). */
function unref(timer: ReturnType<typeof setInterval>): void {
  if (typeof timer === 'object' && timer !== null && 'unref' in timer) {
    timer.unref();
    return;
  }
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  deno?.unrefTimer?.(timer as unknown as number);
}
