import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { ChartUpdate } from 'async-plotter/protocol';
import { DatasetBuffer } from './dataset-buffer';
import type { DatasetChange } from './dataset-buffer';
import { RateMeter } from './rate-meter';

/** A change of one dataset of a chart. */
export interface ChartDataChange {
  dataset: DatasetBuffer;
  change: DatasetChange;
}

/** A Vega-Lite (or Vega) specification as sent by the plot server; never mutated. */
export type ChartSpec = Readonly<Record<string, unknown>>;

/**
 * One chart of a plotter: its spec, its named datasets and the viewer-side state a card shows
 * (paused, update rate). Views subscribe to its signals; it knows nothing about the DOM.
 */
export class ChartModel {
  constructor(
    readonly name: string,
    private _defaultWindow: number | null = null
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

  /** Rows held over all datasets. */
  get points(): number {
    let points = 0;
    for (const dataset of this._datasets.values()) {
      points += dataset.size;
    }
    return points;
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

  /** The plotter removed this chart; the card keeps the last data. */
  get removed(): boolean {
    return this._removed;
  }

  /** Updates per second that reached this chart. */
  updateRate(now: number): number {
    return this._meter.rate(now);
  }

  /** Updates with data applied since the chart appeared (snapshot and frames; never reset). */
  get updates(): number {
    return this._updates;
  }

  /** Apply one chart update from a snapshot or frame. */
  apply(update: ChartUpdate, now: number): void {
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
        dataset = new DatasetBuffer(datasetUpdate.dataset, this._defaultWindow);
        this._datasets.set(dataset.name, dataset);
      }
      const change = dataset.apply(datasetUpdate);
      this._dataChanged.emit({ dataset, change });
    }
    if (update.datasets.length > 0) {
      this._updates++;
      this._meter.record(now);
    }
  }

  /** Drop all rows of every dataset (the user's "clear"). */
  clear(): void {
    for (const dataset of this._datasets.values()) {
      this._dataChanged.emit({ dataset, change: dataset.clear() });
    }
    this._meter.reset();
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
  private _datasets = new Map<string, DatasetBuffer>();
  private _paused = false;
  private _removed = false;
  private _isDisposed = false;
  private _meter = new RateMeter();
  private _updates = 0;
  private _specChanged = new Signal<this, ChartSpec>(this);
  private _dataChanged = new Signal<this, ChartDataChange>(this);
  private _stateChanged = new Signal<this, void>(this);
}
