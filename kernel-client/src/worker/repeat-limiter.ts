/**
 * Keeps a flood from flooding the log: a few lines of one kind per second, then one line saying
 * how many more there were. A worker's console goes through the computing thread, which may be
 * spinning: every line written there waits in memory until it is free.
 */

/** Lines of one kind written per period before the rest are only counted. */
const LINES_PER_PERIOD = 5;
const PERIOD_MS = 1000;

interface Tally {
  start: number;
  written: number;
  suppressed: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class RepeatLimiter {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly write: (line: string) => void) {}

  /** Writes `line` unless lines of `kind` are flooding; `kind` names them in the summary. */
  line(kind: string, line: string): void {
    const now = Date.now();
    let tally = this.tallies.get(kind);
    if (tally === undefined || now - tally.start >= PERIOD_MS) {
      if (tally !== undefined) {
        this.summarize(kind, tally);
      }
      tally = { start: now, written: 0, suppressed: 0, timer: null };
      this.tallies.set(kind, tally);
    }
    if (tally.written < LINES_PER_PERIOD) {
      tally.written++;
      this.write(line);
      return;
    }
    tally.suppressed++;
    if (tally.timer === null) {
      const current = tally;
      current.timer = setTimeout(
        () => {
          current.timer = null;
          this.summarize(kind, current);
          if (this.tallies.get(kind) === current) {
            this.tallies.delete(kind);
          }
        },
        PERIOD_MS - (now - tally.start)
      );
      current.timer.unref?.();
    }
  }

  private summarize(kind: string, tally: Tally): void {
    if (tally.timer !== null) {
      clearTimeout(tally.timer);
      tally.timer = null;
    }
    if (tally.suppressed > 0) {
      this.write(`… and ${tally.suppressed} more: ${kind} (within a second)`);
      tally.suppressed = 0;
    }
  }
}
