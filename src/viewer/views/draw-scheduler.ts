/**
 * One animation-frame loop for every chart of a page: each frame draws every chart on screen
 * that has something new and whose pace allows it, all in that one frame. A chart off screen
 * (scrolled away, in a hidden tab or a collapsed section) is not drawn at all: it keeps its
 * changes until it is shown.
 *
 * A chart's pace is the viewer's frame rate, unless drawing it takes longer than `SLOW_MS`: while
 * faster charts are on screen, such slow charts take turns within `SLOW_SHARE` of the main
 * thread, so that one chart of 100,000 rows never holds back the decimated charts beside it.
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

/** A draw longer than this makes a chart slow: it then waits for its turn (ms). */
export const SLOW_MS = 50;
/** The part of the main thread slow charts get together. */
export const SLOW_SHARE = 0.15;

interface Pace {
  /** When it last drew (performance.now()). */
  last: number;
  /** Its draw time, smoothed (ms). */
  cost: number;
}

export class DrawScheduler {
  /** The scheduler of this page. */
  static readonly shared = new DrawScheduler();

  /** Asks for `item` to be drawn in the next frame its pace allows. */
  request(item: Drawable): void {
    if (!this._paces.has(item)) {
      this._paces.set(item, { last: -Infinity, cost: 0 });
    }
    this._waiting.add(item);
    this._schedule();
  }

  /** Forgets `item` (a disposed view). */
  remove(item: Drawable): void {
    this._waiting.delete(item);
    this._paces.delete(item);
  }

  /** Whether `item` draws slowly, and if so how long each draw takes and how often it comes. */
  slowness(item: Drawable): { costMs: number; everyMs: number } | null {
    const pace = this._paces.get(item);
    if (!pace || pace.cost <= SLOW_MS || !this._fastOnScreen()) {
      return null;
    }
    const slow = [...this._paces.values()].filter(other => other.cost > SLOW_MS);
    const total = slow.reduce((sum, other) => sum + other.cost, 0);
    return { costMs: pace.cost, everyMs: total / SLOW_SHARE };
  }

  private _schedule(): void {
    if (this._frame === null && !this._drawing && this._waiting.size > 0) {
      this._frame = requestAnimationFrame(now => this._run(now));
    }
  }

  private _run(now: number): void {
    this._frame = null;
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
    const slow = due
      .filter(([, pace]) => pace.cost > SLOW_MS)
      .sort((a, b) => a[1].last - b[1].last);
    const drawn = due.filter(([, pace]) => pace.cost <= SLOW_MS);
    if (slow.length > 0 && (now >= this._slowAllowedAt || !this._fastOnScreen())) {
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
      this._measured(item, pace, cost);
    }
    this._drawing = false;
    this._schedule();
  }

  /** Whether a chart that draws quickly is on screen (then slow charts keep to their share). */
  private _fastOnScreen(): boolean {
    for (const [item, pace] of this._paces) {
      if (item.onScreen && pace.cost <= SLOW_MS) {
        return true;
      }
    }
    return false;
  }

  private _measured(item: Drawable, pace: Pace, cost: number): void {
    pace.cost = pace.cost === 0 ? cost : pace.cost * 0.7 + cost * 0.3;
    if (cost > SLOW_MS) {
      // The next slow draw waits until this one is within the slow charts' share.
      this._slowAllowedAt = performance.now() + cost * (1 / SLOW_SHARE - 1);
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
}
