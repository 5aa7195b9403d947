import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { ChartUpdate, ChartViewport } from 'async-plotter/protocol';
import { DatasetBuffer } from './dataset-buffer';
import type { DatasetChange, DatasetShape } from './dataset-buffer';
import { RateMeter } from './rate-meter';

/** A change of one dataset of a chart. */
export interface ChartDataChange {
  dataset: DatasetBuffer;
  change: DatasetChange;
}

/** Updates further apart than this are not a stream any more (the card shows 0 frames/s). */
const SLOW_UPDATES_MS = 15_000;

/** A Vega-Lite (or Vega) specification as sent by the plot server; never mutated. */
export type ChartSpec = Readonly<Record<string, unknown>>;

/**
 * One chart of a plotter: its spec, its named datasets and the viewer-side state a card shows
 * (paused, update rate). Views subscribe to its signals; it knows nothing about the DOM.
 */
export class ChartModel {
  /** @param rowLimit - most rows kept of a dataset sent whole (see `DatasetBuffer`). */
  constructor(
    readonly name: string,
    private _rowLimit: number | null = null
  ) {}

  get spec(): ChartSpec | null {
    return this._spec;
  }

  /** Emitted when the spec changes (views re-embed). */
  get specChanged(): ISignal<this, ChartSpec> {
    return this._specChanged;
  }

  /** Emitted for every change of every dataset, in order. */
  get dataChanged(): ISignal<this, ChartDataChange> {
    return this._dataChanged;
  }

  /** Emitted when pause or removal state changes. */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  get datasets(): ReadonlyMap<string, DatasetBuffer> {
    return this._datasets;
  }

  /** Rows of the data the chart stands for, over all datasets (see `DatasetBuffer.represented`). */
  get points(): number {
    let points = 0;
    for (const dataset of this._datasets.values()) {
      points += dataset.represented;
    }
    return points;
  }

  /** How the rows held relate to the data, over all datasets, for the card. */
  get shape(): DatasetShape {
    const shapes = [...this._datasets.values()].map(dataset => dataset.shape);
    const field = shapes.find(shape => shape.kind === 'field');
    if (field !== undefined) {
      return field;
    }
    const rows = shapes.reduce((sum, shape) => sum + shape.rows, 0);
    const of = shapes.reduce((sum, shape) => sum + ('of' in shape ? shape.of : shape.rows), 0);
    const reason = shapes.map(shape => ('reason' in shape ? shape.reason : null)).find(Boolean);
    if (shapes.some(shape => shape.kind === 'limited')) {
      return { kind: 'limited', rows, of, reason: reason ?? null };
    }
    if (shapes.some(shape => shape.kind === 'decimated')) {
      return { kind: 'decimated', rows, of };
    }
    return { kind: 'all', rows, reason: reason ?? null };
  }

  /** How a view of this chart draws it now; the link tells the plot server. */
  get viewport(): ChartViewport | null {
    return this._viewport;
  }

  /** Emitted when a view reports a new viewport (a draw that changed its scales, a zoom). */
  get viewportChanged(): ISignal<this, ChartViewport> {
    return this._viewportChanged;
  }

  /**
   * A view drew the chart with new scales. With several views of one chart (the panel, a
   * tab, inline), the server follows the one that changed last.
   */
  reportViewport(viewport: ChartViewport): void {
    this._viewport = viewport;
    this._viewportChanged.emit(viewport);
  }

  /** Display paused: updates still go into the buffers, views do not draw them. */
  get paused(): boolean {
    return this._paused;
  }

  set paused(value: boolean) {
    if (value !== this._paused) {
      this._paused = value;
      this._stateChanged.emit();
    }
  }

  /**
   * Why the last update of this chart could not be used (the plot server sent something
   * malformed), in plain words; null when all is well. Changes emit `stateChanged`.
   */
  get problem(): string | null {
    return this._problem;
  }

  set problem(problem: string | null) {
    if (problem !== this._problem) {
      this._problem = problem;
      this._stateChanged.emit();
    }
  }

  /** The plotter removed this chart; the card keeps the last data. */
  get removed(): boolean {
    return this._removed;
  }

  /** Updates per second that reached this chart. */
  updateRate(now: number): number {
    return this._meter.rate(now);
  }

  /**
   * Milliseconds between the last two updates with data while updates still come (the last
   * one less than `SLOW_UPDATES_MS` ago), else null: how slow a slow stream is.
   */
  slowInterval(now: number): number | null {
    const last = this._lastUpdate;
    if (last === null || this._previousUpdate === null || now - last > SLOW_UPDATES_MS) {
      return null;
    }
    return Math.max(last - this._previousUpdate, now - last);
  }

  /** Updates with data applied since the chart appeared (snapshot and frames; never reset). */
  get updates(): number {
    return this._updates;
  }

  /**
   * Main-thread time spent applying this chart's updates so far (ms): its rows turned into
   * tuples and handed to its views (drawing not included).
   */
  get applyMs(): number {
    return this._applyMs;
  }

  /** Apply one chart update from a snapshot or frame. */
  apply(update: ChartUpdate, now: number): void {
    const started = performance.now();
    try {
      this._apply(update, now);
    } finally {
      this._applyMs += performance.now() - started;
    }
  }

  private _apply(update: ChartUpdate, now: number): void {
    if (update.removed !== undefined && update.removed !== this._removed) {
      this._removed = update.removed;
      this._stateChanged.emit();
    }
    if (update.spec) {
      this._spec = update.spec;
      this._specChanged.emit(update.spec);
    }
    for (const datasetUpdate of update.datasets) {
      let dataset = this._datasets.get(datasetUpdate.dataset);
      if (!dataset) {
        dataset = new DatasetBuffer(datasetUpdate.dataset, this._rowLimit);
        this._datasets.set(dataset.name, dataset);
      }
      const change = dataset.apply(datasetUpdate);
      this._dataChanged.emit({ dataset, change });
    }
    if (update.datasets.length > 0) {
      this._updates++;
      this._previousUpdate = this._lastUpdate;
      this._lastUpdate = now;
      this._meter.record(now);
    }
  }

  /** Emitted when the user clears the chart (the link asks for later rows only). */
  get cleared(): ISignal<this, void> {
    return this._cleared;
  }

  /** Drop all rows of every dataset (the user's "clear"): only rows pushed later show. */
  clear(): void {
    for (const dataset of this._datasets.values()) {
      this._dataChanged.emit({ dataset, change: dataset.clear() });
    }
    this._meter.reset();
    this._cleared.emit();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._datasets.clear();
    Signal.clearData(this);
  }

  private _spec: ChartSpec | null = null;
  private _viewport: ChartViewport | null = null;
  private _viewportChanged = new Signal<this, ChartViewport>(this);
  private _cleared = new Signal<this, void>(this);
  private _datasets = new Map<string, DatasetBuffer>();
  private _paused = false;
  private _removed = false;
  private _problem: string | null = null;
  private _isDisposed = false;
  private _meter = new RateMeter();
  private _updates = 0;
  private _applyMs = 0;
  private _lastUpdate: number | null = null;
  private _previousUpdate: number | null = null;
  private _specChanged = new Signal<this, ChartSpec>(this);
  private _dataChanged = new Signal<this, ChartDataChange>(this);
  private _stateChanged = new Signal<this, void>(this);
}
