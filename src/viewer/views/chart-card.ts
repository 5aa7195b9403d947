import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import type { ChartModel } from '../models/chart-model';
import { ChartView } from './chart-view';
import type { ChartViewOptions } from './chart-view';
import { downloadBlob, downloadURL } from '../export/download';
import { exportFileName } from '../export/export';
import { exportChart } from '../export/full-export';
import type { ExportFormat } from '../export/full-export';
import { problemText, statusText } from '../link/link-status';
import type { CardStatus } from '../link/link-status';
import type { RowsAnswer, RowsRequest } from 'async-plotter/protocol';
import type { DatasetShape } from '../models/dataset-buffer';
import type { PlotterModel } from '../models/plotter-model';
import type { Translation } from '../translation';
import { iconElement } from './icons';
import { createRouteLabel, showRoute } from './route-label';
import type { IconName } from './icons';

/** What a card asks of its surroundings. */
export interface ChartCardActions {
  /** Ask the computation to stop. */
  stop(plotter: PlotterModel): Promise<boolean>;
  /** Rows straight from the plot server (every row, for exports); null without a link. */
  fetchRows(plotter: PlotterModel, request: RowsRequest): Promise<RowsAnswer | null>;
  /** Show the chart in a main-area tab; absent where that makes no sense (the tab itself). */
  openInMain?(plotter: PlotterModel, chart: ChartModel): void;
}

export interface ChartCardOptions {
  plotter: PlotterModel;
  chart: ChartModel;
  view: ChartViewOptions;
  actions: ChartCardActions;
  trans: Translation;
}

type Action = 'pause' | 'clear' | 'zoom' | 'png' | 'svg' | 'csv' | 'json' | 'main' | 'stop';

export type { CardStatus } from '../link/link-status';

/**
 * One chart as a card: title, live status, points held and updates per second, the actions
 * (pause/resume, clear, export, open in the main area, stop) and the chart itself.
 */
export class ChartCard extends Panel {
  constructor(options: ChartCardOptions) {
    super();
    const { plotter, chart } = options;
    this.plotter = plotter;
    this.chart = chart;
    this._actions = options.actions;
    this._trans = options.trans;
    this.addClass('jp-AsyncPlotter-card');
    this.node.dataset.chart = chart.name;
    this.node.setAttribute('role', 'region');
    this._header = new Widget({ node: this._createHeader() });
    this._header.addClass('jp-AsyncPlotter-cardHeader');
    this.view = new ChartView(chart, options.view);
    this.addWidget(this._header);
    this.addWidget(this.view);
    this.view.zoomChanged.connect(this._scheduleRefresh, this);
    plotter.statusChanged.connect(this._scheduleRefresh, this);
    chart.stateChanged.connect(this._scheduleRefresh, this);
    chart.dataChanged.connect(this._scheduleRefresh, this);
    this._refresh();
  }

  readonly plotter: PlotterModel;
  readonly chart: ChartModel;
  readonly view: ChartView;

  get status(): CardStatus {
    return this.chart.paused ? 'paused' : this.plotter.status;
  }

  handleEvent(event: Event): void {
    if (event.type !== 'click') {
      return;
    }
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (button && this._header.node.contains(button)) {
      void this._run(button.dataset.action as Action);
    }
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
    this._header.node.addEventListener('click', this);
    this._timer = setInterval(() => this._refresh(), 500);
  }

  protected onBeforeDetach(msg: Message): void {
    this._header.node.removeEventListener('click', this);
    this._stopTimer();
    super.onBeforeDetach(msg);
  }

  private async _run(action: Action): Promise<void> {
    const { chart, plotter } = this;
    switch (action) {
      case 'pause':
        chart.paused = !chart.paused;
        break;
      case 'clear':
        chart.clear();
        break;
      case 'zoom':
        await this.view.resetZoom();
        break;
      case 'png':
      case 'svg': {
        const url = await this.view.imageURL(action);
        if (url) {
          downloadURL(url, exportFileName(plotter.title, chart.name, action));
        }
        break;
      }
      case 'csv':
      case 'json':
        await this._export(action);
        break;
      case 'main':
        this._actions.openInMain?.(plotter, chart);
        break;
      case 'stop':
        await this._stop();
        break;
    }
    this._refresh();
  }

  /** Downloads every row (read from the plot server), with progress in the card. */
  private async _export(format: ExportFormat): Promise<void> {
    const { chart, plotter } = this;
    const trans = this._trans;
    const button = this._buttons.get(format);
    if (button) {
      button.disabled = true;
    }
    const label = format.toUpperCase();
    this._message.textContent = trans.__('Exporting %1…', label);
    try {
      const result = await exportChart(
        format,
        chart.name,
        [...chart.datasets.values()],
        request => this._actions.fetchRows(plotter, request),
        (written, expected) => {
          const percent =
            expected > 0 ? Math.min(100, Math.floor((written / expected) * 100)) : 100;
          this._message.textContent = trans.__('Exporting %1: %2%', label, percent);
        }
      );
      downloadBlob(result.blob, exportFileName(plotter.title, chart.name, format));
      this._message.textContent =
        result.notes.length > 0
          ? trans.__(
              'Exported %1 rows; %2',
              result.rows.toLocaleString('en-US'),
              result.notes.join('; ')
            )
          : trans.__('Exported %1 rows', result.rows.toLocaleString('en-US'));
    } catch (error) {
      console.error(`async-plotter: export of "${chart.name}" failed`, error);
      this._message.textContent = trans.__('Export failed: %1', (error as Error).message);
    } finally {
      if (button) {
        button.disabled = false;
      }
    }
  }

  private async _stop(): Promise<void> {
    const button = this._buttons.get('stop');
    if (button) {
      button.disabled = true;
    }
    let accepted = false;
    try {
      accepted = await this._actions.stop(this.plotter);
    } catch (error) {
      console.warn(`async-plotter: stop of "${this.plotter.title}" got no answer`, error);
    }
    this._message.textContent = accepted
      ? this._trans.__('Stop requested')
      : this._trans.__('Stop not delivered: the plotter is not connected');
    if (button) {
      button.disabled = false;
    }
  }

  private _createHeader(): HTMLElement {
    const trans = this._trans;
    const header = document.createElement('div');
    const title = document.createElement('div');
    title.className = 'jp-AsyncPlotter-cardTitle';
    const titleId = `jp-AsyncPlotter-title-${nextId()}`;
    title.id = titleId;
    this.node.setAttribute('aria-labelledby', titleId);
    this._title = title;

    const stats = document.createElement('div');
    stats.className = 'jp-AsyncPlotter-stats';
    this._status.className = 'jp-AsyncPlotter-status';
    this._status.setAttribute('role', 'status');
    this._points.className = 'jp-AsyncPlotter-points';
    this._rate.className = 'jp-AsyncPlotter-rate';
    this._message.className = 'jp-AsyncPlotter-message';
    this._message.setAttribute('aria-live', 'polite');
    this._problem.className = 'jp-AsyncPlotter-problem';
    this._problem.hidden = true;
    this._problem.setAttribute('aria-live', 'polite');
    stats.append(this._status, this._route, this._points, this._rate, this._message, this._problem);

    const toolbar = document.createElement('div');
    toolbar.className = 'jp-AsyncPlotter-actions';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', trans.__('Chart actions'));
    const add = (action: Action, label: string, icon: IconName) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'jp-AsyncPlotter-button';
      button.dataset.action = action;
      button.setAttribute('aria-label', label);
      button.title = label;
      button.append(iconElement(icon));
      this._buttons.set(action, button);
      toolbar.append(button);
    };
    add('pause', trans.__('Pause display'), 'pause');
    add('clear', trans.__('Clear the chart data'), 'clear');
    add('zoom', trans.__('Reset zoom (show everything)'), 'zoomReset');
    add('png', trans.__('Export as PNG'), 'image');
    add('svg', trans.__('Export as SVG'), 'vector');
    add('csv', trans.__('Download the data as CSV'), 'table');
    add('json', trans.__('Download the data as JSON'), 'braces');
    if (this._actions.openInMain) {
      add('main', trans.__('Open in the main area'), 'launch');
    }
    add('stop', trans.__('Stop computation'), 'stop');
    header.append(title, stats, toolbar);
    return header;
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
    const trans = this._trans;
    const { chart, plotter } = this;
    const status = this.status;
    const label = chart.name === plotter.title ? chart.name : `${plotter.title} · ${chart.name}`;
    this._title.textContent = label;
    this.node.dataset.status = status;
    this._status.dataset.status = status;
    this._status.textContent = statusText(status, trans);
    showRoute(this._route, plotter.route, trans);
    const chartProblem =
      chart.problem && trans.__('This chart cannot be updated: %1', chart.problem);
    const problem = problemText(plotter.problem, trans) || chartProblem || '';
    if (this._problem.textContent !== problem) {
      this._problem.textContent = problem;
      this._problem.hidden = !problem;
      this._problem.dataset.problem = plotter.problem?.kind ?? (chartProblem ? 'chart' : '');
    }
    const shape = chart.shape;
    this._points.dataset.points = String(chart.points);
    this._points.dataset.shown = String(shape.rows);
    this._points.dataset.shape = shape.kind;
    const [text, why] = shapeText(shape, trans);
    this._points.textContent = text;
    this._points.title = why;
    // Still focusable when there is nothing to reset: the toolbar keeps its Tab order.
    this._buttons.get('zoom')?.setAttribute('aria-disabled', String(!this.view.zoomed));
    // The figures the card shows, also as data attributes: updates applied so far and per second.
    this.node.dataset.frames = String(chart.updates);
    const rate = chart.updateRate(performance.now());
    this._rate.dataset.rate = rate.toFixed(1);
    this._rate.textContent = rateText(rate, chart.slowInterval(performance.now()), trans);
    // A chart slow to draw takes turns with the other slow ones: say so, and why.
    const slow = this.view.slowness;
    this._rate.dataset.slow = String(slow !== null);
    if (slow !== null) {
      this._rate.textContent = trans.__(
        'slow to draw: %1 ms a picture, drawn every %2 s',
        slow.costMs.toFixed(0),
        (slow.everyMs / 1000).toFixed(1)
      );
      this._rate.title = trans.__(
        'This chart takes long to draw, so it is drawn less often and the other charts keep their rate.'
      );
    } else {
      this._rate.title = '';
    }
    const pause = this._buttons.get('pause');
    if (pause && pause.getAttribute('aria-pressed') !== String(chart.paused)) {
      const text = chart.paused ? trans.__('Resume display') : trans.__('Pause display');
      pause.setAttribute('aria-label', text);
      pause.setAttribute('aria-pressed', String(chart.paused));
      pause.title = text;
      pause.replaceChildren(iconElement(chart.paused ? 'run' : 'pause'));
    }
  }

  private _stopTimer(): void {
    if (this._timer !== null) {
      clearInterval(this._timer);
      this._timer = null;
    }
  }

  private _actions: ChartCardActions;
  private _trans: Translation;
  private _header: Widget;
  private _title!: HTMLElement;
  private _status = document.createElement('span');
  private _route = createRouteLabel();
  private _points = document.createElement('span');
  private _rate = document.createElement('span');
  private _message = document.createElement('span');
  private _problem = document.createElement('span');
  private _buttons = new Map<Action, HTMLButtonElement>();
  private _timer: ReturnType<typeof setInterval> | null = null;
  private _frame: number | null = null;
}

/** What the card says of the rows drawn, and why in its tooltip. */
function shapeText(shape: DatasetShape, trans: Translation): [string, string] {
  const count = (n: number) => n.toLocaleString('en-US');
  switch (shape.kind) {
    case 'decimated':
      if (shape.rows >= shape.of) {
        return [trans._n('%2 row', 'all %2 rows', shape.rows, count(shape.rows)), ''];
      }
      return [
        trans.__('decimated: %1 of %2 rows', count(shape.rows), count(shape.of)),
        trans.__(
          'The plot server sends the rows this picture needs (first, last, lowest and highest per pixel column): the same picture as every row.'
        )
      ];
    case 'limited':
      return [
        trans.__('showing the last %1 of %2 rows', count(shape.rows), count(shape.of)),
        trans.__(
          'Drawn from every row (%1), so the viewer keeps only the newest (its row limit).',
          shape.reason ?? trans.__('not a chart the plot server decimates')
        )
      ];
    case 'all':
      return [
        trans._n('%2 row', 'all %2 rows', shape.rows, count(shape.rows)),
        shape.reason ? trans.__('Drawn from every row: %1.', shape.reason) : ''
      ];
  }
}

/**
 * Updates per second, honest when they are slow: over the last two seconds, or, while updates
 * come less often, one per so many seconds ("1 frame per 3.4 s") rather than "0.0".
 */
function rateText(rate: number, interval: number | null, trans: Translation): string {
  if (rate >= 1 || interval === null) {
    return trans.__('%1 frames/s', rate.toFixed(1));
  }
  return trans.__('1 frame per %1 s', (interval / 1000).toFixed(1));
}

let counter = 0;

function nextId(): number {
  return ++counter;
}
