import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Panel } from '@lumino/widgets';
import type { CardStatus } from '../link/link-status';
import type { ChartModel } from '../models/chart-model';
import type { PlotterModel } from '../models/plotter-model';
import type { Translation } from '../translation';
import { CardActionRunner } from './card-actions';
import type { ChartCardActions } from './card-actions';
import { CardHeader } from './card-header';
import type { CardAction } from './card-header';
import { cardProblem, cardTitle } from './card-wording';
import { ChartView } from './chart-view';
import type { ChartViewOptions } from './chart-view';

/** How often a card shows its figures anew without a change (rates fall while idle), ms. */
const REFRESH_MS = 500;

export interface ChartCardOptions {
  plotter: PlotterModel;
  chart: ChartModel;
  view: ChartViewOptions;
  actions: ChartCardActions;
  trans: Translation;
}

export type { CardStatus } from '../link/link-status';
export type { ChartCardActions } from './card-actions';

/**
 * One chart as a card: the header (card-header.ts: title, live status, points held and updates
 * per second, the actions of card-actions.ts) and the chart itself, shown anew on each change
 * of the models (once per animation frame; new rows of a card off screen only every
 * REFRESH_MS) and every REFRESH_MS (rates fall while idle).
 */
export class ChartCard extends Panel {
  constructor(options: ChartCardOptions) {
    super();
    const { plotter, chart, actions, trans } = options;
    this.plotter = plotter;
    this.chart = chart;
    this._trans = trans;
    this.addClass('jp-AsyncPlotter-card');
    this.node.dataset.chart = chart.name;
    this.node.setAttribute('role', 'region');
    this._header = new CardHeader({ trans, openInMain: actions.openInMain !== undefined });
    this.node.setAttribute('aria-labelledby', this._header.titleId);
    this.view = new ChartView(chart, options.view);
    this._runner = new CardActionRunner({
      plotter,
      chart,
      view: this.view,
      header: this._header,
      actions,
      trans
    });
    this.addWidget(this._header);
    this.addWidget(this.view);
    this._header.actionRequested.connect(this._run, this);
    this.view.zoomChanged.connect(this._scheduleRefresh, this);
    plotter.statusChanged.connect(this._scheduleRefresh, this);
    chart.stateChanged.connect(this._scheduleRefresh, this);
    chart.dataChanged.connect(this._onDataChanged, this);
    this._refresh();
  }

  readonly plotter: PlotterModel;
  readonly chart: ChartModel;
  readonly view: ChartView;

  get status(): CardStatus {
    return this.chart.paused ? 'paused' : this.plotter.status;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._stopTimer();
    if (this._frame !== null) {
      cancelAnimationFrame(this._frame);
    }
    Signal.clearData(this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._timer = setInterval(() => this._refresh(), REFRESH_MS);
  }

  protected onBeforeDetach(msg: Message): void {
    this._stopTimer();
    super.onBeforeDetach(msg);
  }

  private async _run(_: CardHeader, action: CardAction): Promise<void> {
    await this._runner.run(action);
    this._refresh();
  }

  /**
   * New rows: a card on screen shows its figures in the next frame; one off screen only every
   * REFRESH_MS (the timer), so that a dashboard's hidden cards do not lay out its page at
   * every frame.
   */
  private _onDataChanged(): void {
    if (this.view.onScreen) {
      this._scheduleRefresh();
    }
  }

  private _scheduleRefresh(): void {
    if (this._frame === null && !this.isDisposed) {
      this._frame = requestAnimationFrame(() => {
        this._frame = null;
        this._refresh();
      });
    }
  }

  private _refresh(): void {
    const { chart, plotter } = this;
    const header = this._header;
    const status = this.status;
    header.showTitle(cardTitle(plotter.title, chart.name));
    this.node.dataset.status = status;
    header.showStatus(status, plotter.route);
    const problem = cardProblem(plotter.problem, chart.problem, this._trans);
    header.showProblem(problem.text, problem.kind);
    header.showPoints(chart.points, chart.shape);
    header.showZoomed(this.view.zoomed);
    header.showField(this.view.fieldDataset !== null);
    // The figures the card shows, also as data attributes: updates applied so far and per second.
    this.node.dataset.frames = String(chart.updates);
    this.node.dataset.applyMs = chart.applyMs.toFixed(1);
    const now = performance.now();
    header.showRate(chart.updateRate(now), chart.slowInterval(now), this.view.slowness);
    header.showPaused(chart.paused);
  }

  private _stopTimer(): void {
    if (this._timer !== null) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  private _trans: Translation;
  private _header: CardHeader;
  private _runner: CardActionRunner;
  private _timer: ReturnType<typeof setInterval> | null = null;
  private _frame: number | null = null;
}
