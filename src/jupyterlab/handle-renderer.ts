import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import type { PlotterHandle } from 'async-plotter/protocol';
import type { ChartModel } from '../viewer/models/chart-model';
import { ChartView } from '../viewer/views/chart-view';
import { parseHandle } from '../viewer/link/handle';
import { problemText } from '../viewer/link/link-status';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { SectionInfo } from '../viewer/views/section-info';
import { readSavedFigure } from '../viewer/figure/saved-figure';
import type { SavedFigure } from '../viewer/figure/saved-figure';
import { SavedFigureView } from '../viewer/views/saved-figure-view';
import { consentFor } from './handle-consent';
import type { Consent } from './handle-consent';
import type { IAsyncPlotter } from './tokens';

export interface HandleRendererOptions {
  plotter: IAsyncPlotter;
  translator: ITranslator;
  /** The section (notebook) an output widget belongs to, once it has a parent. */
  sectionOf: (widget: Widget) => SectionInfo | null;
}

/** Section of handles whose notebook cannot be found (e.g. an output in a console). */
const FALLBACK_SECTION: SectionInfo = { key: 'outputs', label: 'Outputs' };

/**
 * The handle in a cell output: a status line for the plotter (and, in inline mode, its live
 * charts). Rendering it makes the panel follow the plotter; a re-run with the same title takes
 * the existing cards over. A handle the person has not vouched for (an untrusted output, a
 * plot server on another machine, see handle-consent.ts) is shown with a Connect button
 * instead, and nothing connects until it is clicked.
 */
export class HandleRenderer extends Panel implements IRenderMime.IRenderer {
  constructor(options: HandleRendererOptions) {
    super();
    this._options = options;
    this._trans = options.translator.load('jupyterlab_async_plotter');
    this.addClass('jp-AsyncPlotter-handle');
    this._line.className = 'jp-AsyncPlotter-handleLine';
    this._line.setAttribute('role', 'status');
    this._show.type = 'button';
    this._show.className = 'jp-AsyncPlotter-button jp-mod-styled';
    this._show.textContent = this._trans.__('Show in panel');
    this._show.setAttribute('aria-label', this._trans.__('Show the live plot panel'));
    this._connect.type = 'button';
    this._connect.className = 'jp-AsyncPlotter-button jp-mod-styled';
    this._connect.textContent = this._trans.__('Connect');
    this._connect.dataset.action = 'connect';
    this._connect.hidden = true;
    const header = document.createElement('div');
    header.className = 'jp-AsyncPlotter-handleHeader';
    header.append(this._line, this._connect, this._show);
    this.addWidget(new Widget({ node: header }));
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._showSaved(readSavedFigure(model.data, model.metadata));
    let handle: PlotterHandle;
    try {
      handle = parseHandle(model.data[HANDLE_MIME_TYPE]);
    } catch (error) {
      this._line.textContent = (error as Error).message;
      this._show.hidden = true;
      this._saved?.setStatus(this._trans.__('not connected'));
      return;
    }
    if (this._plotter !== null && this._plotter.handle.id === handle.id) {
      // The same plot rendered again (a save wrote its figure in): nothing to reconnect.
      this._update();
      return;
    }
    this._handle = handle;
    this._consent = consentFor(this._handle, model.trusted);
    if (this._consent !== 'granted') {
      this._askConsent(this._handle, this._consent);
      return;
    }
    this._line.textContent = this._trans.__('Live plot "%1": connecting…', this._handle.title);
    // The output area parents this widget right after rendering: find the notebook then.
    await Promise.resolve();
    this._follow();
  }

  handleEvent(event: Event): void {
    if (event.type !== 'click') {
      return;
    }
    if (event.currentTarget === this._connect) {
      this._consent = 'granted';
      this._connect.hidden = true;
      this._show.hidden = false;
      this._follow();
      if (this._plotter) {
        this._options.plotter.openPanel(this._plotter);
      }
    } else if (this._plotter) {
      this._options.plotter.openPanel(this._plotter);
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    Signal.clearData(this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._show.addEventListener('click', this);
    this._connect.addEventListener('click', this);
    this._follow();
  }

  protected onBeforeDetach(msg: Message): void {
    this._show.removeEventListener('click', this);
    this._connect.removeEventListener('click', this);
    super.onBeforeDetach(msg);
  }

  /** Says why the handle is not followed and offers to connect. */
  private _askConsent(handle: PlotterHandle, consent: Exclude<Consent, 'granted'>): void {
    const trans = this._trans;
    this.node.dataset.status = 'not-connected';
    this.node.dataset.consent = consent;
    this._line.textContent =
      consent === 'untrusted'
        ? trans.__(
            'Live plot "%1": saved in a notebook that is not trusted, so the panel does not connect by itself. Connect if you know where it comes from.',
            handle.title
          )
        : trans.__(
            'Live plot "%1" is served by %2, not by this machine: the panel does not connect by itself.',
            handle.title,
            new URL(handle.url).host
          );
    this._connect.setAttribute(
      'aria-label',
      trans.__('Connect to the plot server of "%1" at %2', handle.title, new URL(handle.url).host)
    );
    this._connect.hidden = false;
    this._show.hidden = true;
    this._saved?.setStatus(trans.__('not connected'));
  }

  /** Shows the figure the notebook saved, in place of an earlier one. */
  private _showSaved(figure: SavedFigure): void {
    this._saved?.dispose();
    this._saved = null;
    if (figure.kind !== 'none') {
      this._saved = new SavedFigureView(figure, this._trans);
      this.insertWidget(1, this._saved);
    }
  }

  private _follow(): void {
    const handle = this._handle;
    if (
      !handle ||
      this._consent !== 'granted' ||
      this._plotter?.handle.id === handle.id ||
      this.isDisposed
    ) {
      return;
    }
    const registry = this._options.plotter.registry;
    const section =
      this._options.sectionOf(this) ?? registry.sectionFollowing(handle.id) ?? FALLBACK_SECTION;
    const plotter = registry.open(handle, section);
    this._plotter = plotter;
    plotter.statusChanged.connect(this._update, this);
    plotter.chartAdded.connect(this._update, this);
    if (handle.inline || this._options.plotter.settings.current.inline) {
      for (const chart of plotter.charts.values()) {
        this._addInline(plotter, chart);
      }
      plotter.chartAdded.connect(this._addInline, this);
      this._options.plotter.panel.themeChanged.connect(this._refreshTheme, this);
    }
    this._update();
  }

  private _addInline(_: PlotterModel, chart: ChartModel): void {
    const view = new ChartView(chart, this._options.plotter.viewOptions);
    view.addClass('jp-AsyncPlotter-inline');
    view.node.dataset.chart = chart.name;
    view.node.setAttribute('role', 'img');
    view.node.setAttribute('aria-label', this._trans.__('Live chart %1', chart.name));
    this.addWidget(view);
  }

  private _refreshTheme(): void {
    for (const widget of this.widgets) {
      if (widget instanceof ChartView) {
        widget.refreshTheme();
      }
    }
  }

  private _update(): void {
    const plotter = this._plotter;
    if (!plotter) {
      return;
    }
    const trans = this._trans;
    const status = {
      connecting: trans.__('connecting…'),
      connected: trans.__('streaming'),
      stalled: trans.__('plot server not responding'),
      disconnected: trans.__('disconnected')
    }[plotter.status];
    this.node.dataset.status = plotter.status;
    delete this.node.dataset.consent;
    // Down with a reason (nothing listens on its port): the reason, as its card says it.
    const problem = plotter.status === 'connected' ? '' : problemText(plotter.problem, trans);
    this._line.textContent = trans.__('Live plot "%1": %2', plotter.title, problem || status);
    const saved = this._saved;
    if (saved) {
      // The saved figure stands in until the plot is live again.
      const live = plotter.status === 'connected' && plotter.charts.size > 0;
      saved.setHidden(live);
      saved.setStatus(plotter.status === 'connected' ? status : trans.__('not connected'));
    }
  }

  private _options: HandleRendererOptions;
  private _trans: TranslationBundle;
  private _handle: PlotterHandle | null = null;
  private _consent: Consent = 'untrusted';
  private _plotter: PlotterModel | null = null;
  private _saved: SavedFigureView | null = null;
  private _line = document.createElement('span');
  private _show = document.createElement('button');
  private _connect = document.createElement('button');
}
