/** Counts events over a sliding window of time: frames per second, updates per second. */
export class RateMeter {
  /** @param spanMs - length of the sliding window. */
  constructor(private readonly _spanMs = 2000) {}

  /** Record one event at `now` (milliseconds, monotonic). */
  record(now: number): void {
    this._times.push(now);
    this._drop(now);
  }

  /** Events per second over the window ending at `now`. */
  rate(now: number): number {
    this._drop(now);
    return (this._times.length * 1000) / this._spanMs;
  }

  /** Forget all events. */
  reset(): void {
    this._times = [];
  }

  private _drop(now: number): void {
    let stale = 0;
    while (stale < this._times.length && this._times[stale] <= now - this._spanMs) {
      stale++;
    }
    if (stale > 0) {
      this._times.splice(0, stale);
    }
  }

  private _times: number[] = [];
}
