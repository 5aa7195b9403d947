/**
 * Empties the computing thread's rings (recording/ring.ts) in the background, often enough that
 * a loop never fills one, in turns short enough that viewers get their frames meanwhile.
 *
 * While rows keep arriving, a turn lasts twice as long as the worker spent on other work (frames,
 * acknowledgements, housekeeping) since the previous one, within [MIN_TURN_MS, MAX_TURN_MS]: a
 * backlog then gets at least two thirds of a busy worker, and a frame waits at most one turn.
 */
import type { PlotStore } from './storage/plot-store.js';

/** The shortest turn: long enough that the per-turn costs (indexing) stay small. */
const MIN_TURN_MS = 8;
/** The longest turn: what a frame waits at most behind a backlog. */
const MAX_TURN_MS = 60;
/** How much of the worker draining gets, against the rest, while it has a backlog. */
const DRAIN_SHARE = 2;
/** Between looks at rings that had nothing new. */
const IDLE_MS = 8;

export class RingDrainer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the last turn ended (performance.now()). */
  private lastEnded = 0;

  /** @param afterMoving - called after each turn that copied rows (the memory budget). */
  constructor(
    private readonly store: PlotStore,
    private readonly afterMoving: () => void
  ) {}

  start(): void {
    this.lastEnded = performance.now();
    this.turn();
  }

  /** Cancels the next turn. */
  dispose(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private turn(): void {
    this.timer = null;
    const otherWork = performance.now() - this.lastEnded;
    const budget = Math.min(MAX_TURN_MS, Math.max(MIN_TURN_MS, DRAIN_SHARE * otherWork));
    const moved = this.store.drain(budget);
    if (moved) {
      this.afterMoving();
    }
    // A timer, not setImmediate: Deno runs immediates before the sockets' I/O, and a backlog
    // would then hold back every frame.
    this.timer = setTimeout(() => this.turn(), moved ? 0 : IDLE_MS);
    this.lastEnded = performance.now();
  }
}
