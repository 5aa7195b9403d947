/**
 * The latest picture of one plotter, kept ready for a notebook save (which cannot wait):
 * redrawn off screen while its data changes: at most every `minIntervalMs`, taking no more
 * than 1/`costShare` of the main thread, but at least every `maxIntervalMs` as long as that
 * takes no more than a tenth of it (the live cards come first). A chart the user zoomed keeps
 * the rows it had before the zoom, so that a save writes the whole chart, not the zoomed view.
 */
import type { ChartViewport } from 'async-plotter/protocol';
import type { ChartModel } from '../models/chart-model';
import type { PlotterModel } from '../models/plotter-model';
import { cardFigure, chartSnapshot } from './card-figure';
import type { CardFigure, ChartSnapshot } from './card-figure';
import { figureImage } from './figure-image';

/** The most of the main thread drawing takes to stay within `maxIntervalMs`: a tenth. */
const MOST_SHARE = 10;
import type { FigureImage } from './figure-image';

/** A figure and its picture, taken at the same moment. */
export interface CachedFigure {
  figure: CardFigure;
  /** Null when the figure has no chart to draw, or drawing it failed (`problem` says why). */
  image: FigureImage | null;
  problem: string | null;
}

export interface FigureCacheOptions {
  /** Draws a figure's spec; `figureImage` by default. */
  draw?: (spec: Record<string, unknown>) => Promise<FigureImage>;
  /** Shortest time between two drawings (ms). */
  minIntervalMs?: number;
  /** Drawing takes at most 1/costShare of the time: a 50 ms drawing waits 50 x costShare ms. */
  costShare?: number;
  /** Longest time between two drawings while data changes (ms): a save is at most this stale. */
  maxIntervalMs?: number;
  now?: () => number;
  /** Device pixels per CSS pixel, in which cards report their size; the window's by default. */
  pixelRatio?: () => number;
}

/** How a chart's rows relate to the whole chart, for the figure. */
type Extent = 'whole' | 'zoomed' | 'awaiting-whole';

export class FigureCache {
  constructor(plotter: PlotterModel, options: FigureCacheOptions = {}) {
    this._plotter = plotter;
    this._draw = options.draw ?? figureImage;
    this._minIntervalMs = options.minIntervalMs ?? 1000;
    this._costShare = options.costShare ?? 20;
    this._maxIntervalMs = options.maxIntervalMs ?? 3000;
    this._now = options.now ?? Date.now;
    this._pixelRatio = options.pixelRatio ?? (() => globalThis.devicePixelRatio || 1);
    for (const chart of plotter.charts.values()) {
      this._watch(plotter, chart);
    }
    plotter.chartAdded.connect(this._watch, this);
  }

  /** The latest figure drawn, or null before the first drawing ends. */
  get latest(): CachedFigure | null {
    return this._latest;
  }

  /** Whether the data changed after the latest figure was taken. */
  get stale(): boolean {
    return this._changed;
  }

  /** Resolves when no drawing is due or under way (for tests and for a save that can wait). */
  async settled(): Promise<void> {
    while ((this._changed || this._drawing !== null) && !this._isDisposed) {
      this._schedule(0);
      await (this._drawing ?? new Promise(resolve => setTimeout(resolve, 10)));
    }
  }

  /** The figure as it is now, rows taken at once (no picture). */
  takeFigure(): CardFigure {
    return cardFigure(
      this._plotter.title,
      [...this._plotter.charts.values()],
      chart => this._rowsOf(chart),
      this._now()
    );
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._timer !== null) {
      clearTimeout(this._timer);
    }
    this._kept.clear();
    this._plotter.chartAdded.disconnect(this._watch, this);
    for (const chart of this._plotter.charts.values()) {
      chart.dataChanged.disconnect(this._onData, this);
      chart.specChanged.disconnect(this._onData, this);
      chart.viewportChanged.disconnect(this._onViewport, this);
    }
  }

  private _watch(_: PlotterModel, chart: ChartModel): void {
    chart.dataChanged.connect(this._onData, this);
    chart.specChanged.connect(this._onData, this);
    chart.viewportChanged.connect(this._onViewport, this);
    this._onData(chart);
  }

  private _onData(chart: ChartModel): void {
    if (this._extent.get(chart) === 'awaiting-whole') {
      this._extent.set(chart, 'whole');
    }
    this._changed = true;
    this._schedule(this._wait());
  }

  private _onViewport(chart: ChartModel, viewport: ChartViewport): void {
    // A card drawn at another width (its first draw, a resize): the figure follows its size.
    const width = Math.abs(viewport.x.range[1] - viewport.x.range[0]);
    if (!viewport.zoomed && this._widths.get(chart) !== width) {
      this._widths.set(chart, width);
      this._changed = true;
      this._schedule(this._wait());
    }
    const before = this._extent.get(chart) ?? 'whole';
    if (viewport.zoomed) {
      if (before === 'whole') {
        // The rows before the zoom are the whole chart: keep them.
        const snapshot = chartSnapshot(chart, this._pixelRatio());
        if (snapshot !== null) {
          this._kept.set(chart, snapshot);
        }
      }
      this._extent.set(chart, 'zoomed');
    } else if (before === 'zoomed') {
      // The zoomed rows are still held until the whole chart's arrive.
      this._extent.set(chart, 'awaiting-whole');
    }
  }

  private _rowsOf(chart: ChartModel): ChartSnapshot | null {
    if ((this._extent.get(chart) ?? 'whole') === 'whole') {
      const snapshot = chartSnapshot(chart, this._pixelRatio());
      this._kept.delete(chart);
      return snapshot;
    }
    return this._kept.get(chart) ?? chartSnapshot(chart, this._pixelRatio());
  }

  /** How long the next drawing waits after the last one ended. */
  private _wait(): number {
    const since = this._now() - this._lastEnd;
    const cost = this._lastCostMs;
    const interval = Math.max(
      this._minIntervalMs,
      Math.min(this._maxIntervalMs, cost * this._costShare),
      cost * MOST_SHARE
    );
    return Math.max(0, interval - since);
  }

  private _schedule(delay: number): void {
    if (this._isDisposed || this._drawing !== null || !this._changed) {
      return;
    }
    if (this._timer !== null) {
      if (delay > 0) {
        return;
      }
      clearTimeout(this._timer);
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      this._drawing = this._drawNow().finally(() => {
        this._drawing = null;
        this._schedule(this._wait());
      });
    }, delay);
  }

  private async _drawNow(): Promise<void> {
    this._changed = false;
    const started = this._now();
    const figure = this.takeFigure();
    let image: FigureImage | null = null;
    let problem: string | null = null;
    if (figure.spec !== null) {
      try {
        image = await this._draw(figure.spec);
      } catch (error) {
        problem = `the figure could not be drawn: ${(error as Error).message}`;
      }
    }
    if (!this._isDisposed) {
      this._latest = { figure, image, problem };
    }
    this._lastEnd = this._now();
    this._lastCostMs = this._lastEnd - started;
  }

  private _plotter: PlotterModel;
  private _draw: (spec: Record<string, unknown>) => Promise<FigureImage>;
  private _minIntervalMs: number;
  private _costShare: number;
  private _maxIntervalMs: number;
  private _now: () => number;
  private _pixelRatio: () => number;
  private _latest: CachedFigure | null = null;
  private _changed = false;
  private _drawing: Promise<void> | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _lastEnd = -Infinity;
  private _lastCostMs = 0;
  private _extent = new WeakMap<ChartModel, Extent>();
  private _widths = new WeakMap<ChartModel, number>();
  private _kept = new Map<ChartModel, ChartSnapshot>();
  private _isDisposed = false;
}
