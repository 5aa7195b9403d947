import { Panel, Widget } from '@lumino/widgets';
import type { PlotterInfo, RowsRequest } from 'async-plotter/protocol';
import { PlotterConnection } from '../viewer/link/plotter-connection';
import { ChartCard } from '../viewer/views/chart-card';
import { PlotSection } from '../viewer/views/plot-section';
import { PlotterCard } from '../viewer/views/plotter-card';
import type { Translation } from '../viewer/translation';
import type { ColorScheme } from './color-scheme';
import type { FrameRate } from './frame-rate';
import { pageEndpoint } from './page-endpoint';
import { PageHeader } from './page-header';
import type { PageModel } from './page-model';
import { pageStatus } from './page-status';

export interface ViewerPageOptions {
  model: PageModel;
  scheme: ColorScheme;
  frameRate: FrameRate;
  trans: Translation;
  location: Location;
}

/**
 * The standalone viewer: one plotter, its link to the server that served the page, and the
 * same cards as the JupyterLab panel (pause, clear, export, stop), under a header with the
 * plotter's title and the state of the link in plain words. Disposing it closes the link.
 */
export class ViewerPage extends Panel {
  constructor(options: ViewerPageOptions) {
    super();
    this.addClass('jp-AsyncPlotter-page');
    const { model, scheme, frameRate, trans } = options;
    this.model = model;
    this._scheme = scheme;
    this._trans = trans;
    this._header = new PageHeader({ frameRate, trans });
    const view = { isDark: () => scheme.isDark, maxFps: () => frameRate.value };
    const actions = {
      stop: () => this.connection.stop(),
      fetchRows: (_: unknown, request: RowsRequest) => this.connection.fetchRows(request)
    };
    this._section = new PlotSection(
      { key: 'page', label: '' },
      {
        card: (plotter, chart) => new ChartCard({ plotter, chart, view, actions, trans }),
        plotter: plotter => new PlotterCard({ plotter, remove: () => undefined, trans })
      }
    );
    this.addWidget(this._header);
    this.addWidget(this._section);
    this.connection = new PlotterConnection(model, {
      endpoint: pageEndpoint(options.location),
      maxFps: () => frameRate.value,
      viewer: 'page'
    });
    this._section.addPlotter(model);
    model.statusChanged.connect(this._showStatus, this);
    model.infoChanged.connect(this._showInfo, this);
    scheme.changed.connect(this._refreshTheme, this);
    this._showStatus();
  }

  readonly model: PageModel;
  readonly connection: PlotterConnection;

  /** Every chart card of the page. */
  get cards(): ChartCard[] {
    return this._section.cards;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.statusChanged.disconnect(this._showStatus, this);
    this.model.infoChanged.disconnect(this._showInfo, this);
    this._scheme.changed.disconnect(this._refreshTheme, this);
    this.connection.dispose();
    super.dispose();
    this.model.dispose();
  }

  private _showStatus(): void {
    this._header.status = pageStatus(this.model, this._trans);
  }

  private _showInfo(_: PageModel, info: PlotterInfo): void {
    this._header.plotterTitle = info.title;
    document.title = info.title;
  }

  private _refreshTheme(): void {
    // Let the other scheme's CSS variables apply before the views read them.
    requestAnimationFrame(() => {
      for (const card of this.cards) {
        void card.view.refreshTheme();
      }
    });
  }

  private _scheme: ColorScheme;
  private _trans: Translation;
  private _header: PageHeader;
  private _section: PlotSection;
}

/** A page that cannot connect: only a message (no token was given). */
export function messagePage(title: string, text: string): Widget {
  const node = document.createElement('main');
  node.className = 'jp-AsyncPlotter-page jp-AsyncPlotter-pageMessage';
  const heading = document.createElement('h1');
  heading.className = 'jp-AsyncPlotter-pageTitle';
  heading.textContent = title;
  const message = document.createElement('p');
  message.className = 'jp-AsyncPlotter-pageStatus';
  message.dataset.tone = 'problem';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  node.append(heading, message);
  return new Widget({ node });
}
