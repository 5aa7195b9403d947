/**
 * One animation-frame loop for every chart of a page: each frame draws every chart on screen
 * that has something new and whose pace allows it, all in that one frame. A chart off screen
 * (scrolled away, in a hidden tab or a collapsed section) is not drawn at all: it keeps its
 * changes until it is shown.
 *
 * A chart's pace is the viewer's frame rate, unless it is slow: drawing it takes longer than
 * `SLOW_MS` and `SLOW_FACTOR` times the typical chart on screen (a busy machine slows every
 * chart alike, and makes none slow). While faster charts are on screen, slow charts take turns
 * within `SLOW_SHARE` of the main thread, so that one chart of 100,000 rows never holds back
 * the decimated charts beside it.
 */

/** What the scheduler draws: a chart view. */
export interface Drawable {
  /** Something new to draw, and the view can draw it (embedded, not paused). */
  readonly wantsDraw: boolean;
  /** On screen (or about to be). */
  readonly onScreen: boolean;
  /** Most draws per second the viewer wants. */
  readonly maxFps: number;
  /** Applies the pending changes; resolves with the main-thread time it took (ms). */
  draw(): Promise<number>;
}

/** A chart drawn faster than this is never slow (ms). */
export const SLOW_MS = 50;
/** A chart slower than this many times the median chart on screen is slow. */
export const SLOW_FACTOR = 4;
/** The part of the main thread slow charts get together. */
export const SLOW_SHARE = 0.15;
/**
 * A chart's draw time is the median of this many of its last draws: one draw that the machine
 * held up (a collection, the thread preempted on busy cores) does not make a fast chart slow.
 */
export const COST_DRAWS = 3;

interface Pace {
  /** When it last drew (performance.now()). */
  last: number;
  /** Its draw time (ms): the median of its last `COST_DRAWS` draws; 0 before its first. */
  cost: number;
  /** Its last draws' times (ms), oldest first. */
  costs: number[];
}

export class DrawScheduler {
  /** The scheduler of this page. */
  static readonly shared = new DrawScheduler();

  /** Asks for `item` to be drawn in the next frame its pace allows. */
  request(item: Drawable): void {
    if (!this._paces.has(item)) {
      this._paces.set(item, { last: -Infinity, cost: 0, costs: [] });
    }
    this._waiting.add(item);
    this._schedule();
  }

  /** Forgets `item` (a disposed view). */
  remove(item: Drawable): void {
    this._waiting.delete(item);
    this._paces.delete(item);
    this._typical = null;
  }

  /** Whether `item` draws slowly, and if so how long each draw takes and how often it comes. */
  slowness(item: Drawable): { costMs: number; everyMs: number } | null {
    const pace = this._paces.get(item);
    if (!pace || !this._isSlow(pace)) {
      return null;
    }
    const slow = [...this._paces.values()].filter(other => this._isSlow(other));
    const total = slow.reduce((sum, other) => sum + other.cost, 0);
    return { costMs: pace.cost, everyMs: Math.max(1000 / item.maxFps, total / SLOW_SHARE) };
  }

  /**
   * The draw time of the median chart on screen that has drawn (ms), 0 for none; computed once
   * per frame and after each draw (every chart asks after its own draw).
   */
  private _typicalCost(): number {
    this._typical ??= this._medianCost();
    return this._typical;
  }

  private _medianCost(): number {
    const costs: number[] = [];
    for (const [item, pace] of this._paces) {
      if (item.onScreen && pace.cost > 0) {
        costs.push(pace.cost);
      }
    }
    costs.sort((a, b) => a - b);
    return costs.length > 0 ? costs[Math.floor((costs.length - 1) / 2)] : 0;
  }

  private _isSlow(pace: Pace): boolean {
    return pace.cost > SLOW_MS && pace.cost > SLOW_FACTOR * this._typicalCost();
  }

  private _schedule(): void {
    if (this._frame === null && !this._drawing && this._waiting.size > 0) {
      this._frame = requestAnimationFrame(now => this._run(now));
    }
  }

  private _run(now: number): void {
    this._frame = null;
    this._typical = null; // charts came on or went off screen since
    const due: [Drawable, Pace][] = [];
    for (const item of this._waiting) {
      const pace = this._paces.get(item);
      if (!pace || !item.wantsDraw || !item.onScreen) {
        // Nothing to draw, or off screen: the view asks again when that changes.
        this._waiting.delete(item);
        continue;
      }
      const interval = 1000 / Math.max(1, item.maxFps);
      // A frame early is on time: animation frames do not land exactly on the interval.
      if (now - pace.last >= interval - 8) {
        due.push([item, pace]);
      }
    }
    // Slow charts: the one that waited longest, once the slow ones' share allows it.
    const slow = due.filter(([, pace]) => this._isSlow(pace)).sort((a, b) => a[1].last - b[1].last);
    const drawn = due.filter(([, pace]) => !this._isSlow(pace));
    if (slow.length > 0 && now >= this._slowAllowedAt) {
      drawn.push(slow[0]);
    }
    for (const [item] of drawn) {
      this._waiting.delete(item);
    }
    void this._drawAll(now, drawn);
  }

  /**
   * Draws one chart after the other, each timed alone: Vega's runs are promises, but their work
   * is done in microtasks of this same animation frame.
   */
  private async _drawAll(now: number, drawn: [Drawable, Pace][]): Promise<void> {
    this._drawing = true;
    for (const [item, pace] of drawn) {
      pace.last = now;
      let cost = 0;
      try {
        cost = await item.draw();
      } catch {
        // the view reports its own failures
      }
      this._measured(item, pace, cost, now);
    }
    this._drawing = false;
    this._schedule();
  }

  /** `now`: the time of the frame the draw ran in (the clock of the frames). */
  private _measured(item: Drawable, pace: Pace, cost: number, now: number): void {
    pace.costs.push(cost);
    if (pace.costs.length > COST_DRAWS) {
      pace.costs.shift();
    }
    const sorted = [...pace.costs].sort((a, b) => a - b);
    pace.cost = sorted[(sorted.length - 1) >> 1];
    this._typical = null;
    if (this._isSlow(pace)) {
      // The next slow draw waits until this one is within the slow charts' share: it ended
      // about `cost` after the frame began, and the rest of the thread gets the remainder.
      this._slowAllowedAt = now + cost / SLOW_SHARE;
    }
    if (item.wantsDraw && this._paces.has(item)) {
      this._waiting.add(item);
    }
  }

  private _paces = new Map<Drawable, Pace>();
  private _waiting = new Set<Drawable>();
  private _frame: number | null = null;
  /** Draws of the last frame still running. */
  private _drawing = false;
  private _slowAllowedAt = 0;
  private _typical: number | null = null;
}
