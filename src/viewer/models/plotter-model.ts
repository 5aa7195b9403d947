import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { Frame, PlotterHandle, PlotterInfo, Snapshot } from 'async-plotter/protocol';
import type { Route } from '../link/endpoint';
import { ChartModel } from './chart-model';
import { checkChartUpdate, MAX_CHARTS, messageCharts } from './wire-check';

/** State of the link to the plot server, as a card shows it. */
export type ConnectionStatus = 'connecting' | 'connected' | 'stalled' | 'disconnected';

/**
 * Why the link is not up, as the cards explain it: the server refused the viewer (e.g. a wrong
 * token), cannot be reached (socket.io keeps trying), could not be reached in all the attempts
 * (no more tries), closed the plotter, or went away; it sent what the viewer cannot use
 * (`invalid`: a malformed message, too many charts); or the Jupyter server's route refused to
 * carry the link (`route`, e.g. nothing listens on the port any more); or the viewer has no
 * token to present (`token`: a notebook's handle holds none and the Jupyter server gives none).
 */
export interface LinkProblem {
  kind:
    | 'refused'
    | 'unreachable'
    | 'gave-up'
    | 'closed'
    | 'lost'
    | 'invalid'
    | 'unreadable'
    | 'route'
    | 'token';
  /** The server's or the transport's words, without the `async-plotter: ` prefix. */
  detail: string;
}

/**
 * The charts of one plotter as a viewer holds them. Identified by its section and `title`, so a
 * re-run of the cell (a new plotter, same title) takes the same model — and cards — over.
 */
export class PlotterModel {
  constructor(
    readonly section: string,
    handle: PlotterHandle,
    private _rowLimit: number | null = null
  ) {
    this._handle = handle;
  }

  get title(): string {
    return this._handle.title;
  }

  /** The most rows a chart keeps of a dataset sent whole (not decimated); null: no limit. */
  get rowLimit(): number | null {
    return this._rowLimit;
  }

  /** The handle currently feeding this model. */
  get handle(): PlotterHandle {
    return this._handle;
  }

  set handle(handle: PlotterHandle) {
    this._handle = handle;
    this._info = null;
    this._problem = null;
  }

  /** The way the link reaches the plot server, once chosen; changes emit `statusChanged`. */
  get route(): Route | null {
    return this._route;
  }

  set route(route: Route | null) {
    if (route !== this._route) {
      this._route = route;
      this._statusChanged.emit(this._status);
    }
  }

  /** What the server said about itself in the last snapshot. */
  get info(): PlotterInfo | null {
    return this._info;
  }

  get status(): ConnectionStatus {
    return this._status;
  }

  set status(status: ConnectionStatus) {
    if (status !== this._status) {
      this._status = status;
      this._statusChanged.emit(status);
    }
  }

  /** Why the link is down or failing; null once connected. Changes emit `statusChanged`. */
  get problem(): LinkProblem | null {
    return this._problem;
  }

  set problem(problem: LinkProblem | null) {
    const same =
      problem === this._problem ||
      (problem !== null &&
        this._problem !== null &&
        problem.kind === this._problem.kind &&
        problem.detail === this._problem.detail);
    if (!same) {
      this._problem = problem;
      this._statusChanged.emit(this._status);
    }
  }

  get statusChanged(): ISignal<this, ConnectionStatus> {
    return this._statusChanged;
  }

  /** Emitted when a chart appears (first spec or data for its name). */
  get chartAdded(): ISignal<this, ChartModel> {
    return this._chartAdded;
  }

  get charts(): ReadonlyMap<string, ChartModel> {
    return this._charts;
  }

  /**
   * Apply the first message of a connection: every chart's spec and data (datasets reset).
   * Whatever the server sent is checked first (wire-check.ts): a malformed chart update costs
   * that chart its update (the chart says why), a malformed message the plotter's.
   */
  applySnapshot(snapshot: Snapshot, now: number): void {
    const info: unknown = (snapshot as Partial<Snapshot> | null)?.plotter;
    this._info = isPlotterInfo(info) ? info : null;
    this._applyCharts(messageCharts(snapshot, 'snapshot'), now, true);
  }

  applyFrame(frame: Frame, now: number): void {
    this._applyCharts(messageCharts(frame, 'frame'), now, false);
  }

  /** Pause or resume the display of every chart. */
  setPaused(paused: boolean): void {
    for (const chart of this._charts.values()) {
      chart.paused = paused;
    }
  }

  clear(): void {
    for (const chart of this._charts.values()) {
      chart.clear();
    }
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const chart of this._charts.values()) {
      chart.dispose();
    }
    this._charts.clear();
    Signal.clearData(this);
  }

  private _applyCharts(charts: unknown[] | string, now: number, snapshot: boolean): void {
    if (typeof charts === 'string') {
      this.problem = { kind: 'invalid', detail: charts };
      return;
    }
    for (const raw of charts) {
      const checked = checkChartUpdate(raw);
      if (checked.chart === null) {
        this.problem = { kind: 'invalid', detail: 'a chart update without a chart name' };
        continue;
      }
      if (!this._charts.has(checked.chart) && this._charts.size >= MAX_CHARTS) {
        this.problem = {
          kind: 'invalid',
          detail: `more than ${MAX_CHARTS} charts; the others are not shown`
        };
        continue;
      }
      const chart = this._chart(checked.chart);
      if ('problem' in checked) {
        chart.problem = checked.problem;
        continue;
      }
      if (snapshot) {
        chart.problem = null; // a snapshot starts the chart over
      }
      chart.apply(checked.update, now);
    }
  }

  private _chart(name: string): ChartModel {
    let chart = this._charts.get(name);
    if (!chart) {
      chart = new ChartModel(name, this._rowLimit);
      this._charts.set(name, chart);
      this._chartAdded.emit(chart);
    }
    return chart;
  }

  private _handle: PlotterHandle;
  private _info: PlotterInfo | null = null;
  private _route: Route | null = null;
  private _status: ConnectionStatus = 'connecting';
  private _problem: LinkProblem | null = null;
  private _charts = new Map<string, ChartModel>();
  private _isDisposed = false;
  private _statusChanged = new Signal<this, ConnectionStatus>(this);
  private _chartAdded = new Signal<this, ChartModel>(this);
}

function isPlotterInfo(value: unknown): value is PlotterInfo {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { id, title, rate, stopped } = value as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    typeof title === 'string' &&
    typeof rate === 'number' &&
    typeof stopped === 'boolean'
  );
}
