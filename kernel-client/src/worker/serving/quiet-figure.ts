/**
 * The figure a notebook output is updated to when the data has gone quiet: a cell that
 * streamed has ended (or paused for `QUIET_MS`), so frontends without the extension show the
 * plot as it is then, not a dead link (see showing/display.ts). Checked every `CHECK_MS` on the
 * worker, from counts only; a figure is built once per quiet state. The computing thread,
 * busy in its loop, receives the figure when it is free again: when the cell has ended.
 */
import type { StaticFigure } from '../../messages.js';
import { AppendStore } from '../storage/append-store.js';
import { FieldStore } from '../storage/field-store.js';
import type { PlotStore } from '../storage/plot-store.js';
import { ReplaceStore } from '../storage/replace-store.js';
import { staticFigure } from './static-figure.js';

/** How long the data stays unchanged before its figure is sent (ms). */
export const QUIET_MS = 1000;

const CHECK_MS = 250;

/** What has been pushed, in counts: equal when nothing was pushed in between. */
export function dataSignature(store: PlotStore): string {
  const parts: (string | number)[] = [];
  for (const chart of store.charts.values()) {
    parts.push(chart.name);
    for (const dataset of chart.datasets) {
      if (dataset instanceof AppendStore) {
        parts.push(dataset.epoch, dataset.total());
      } else if (dataset instanceof ReplaceStore || dataset instanceof FieldStore) {
        parts.push(dataset.latest?.version ?? -1);
      }
    }
  }
  return JSON.stringify(parts);
}

export class QuietFigure {
  constructor(
    private readonly store: PlotStore,
    private readonly title: string,
    private readonly send: (figure: StaticFigure) => void,
    private readonly now: () => number = Date.now
  ) {
    this.timer = setInterval(() => this.check(), CHECK_MS);
  }

  /** Looks once: sends the figure when the data changed since the last and is quiet now. */
  check(): void {
    const signature = dataSignature(this.store);
    if (signature !== this.seen) {
      this.seen = signature;
      this.changedAt = this.now();
      return;
    }
    if (signature === this.sent || this.now() - this.changedAt < QUIET_MS) {
      return;
    }
    this.sent = signature;
    if (this.store.charts.size > 0) {
      this.send(staticFigure(this.store, this.title));
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private readonly timer: ReturnType<typeof setInterval>;
  private seen = '';
  private sent = '';
  private changedAt = 0;
}
