import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { problemText, statusText } from '../link/link-status';
import type { PlotterModel } from '../models/plotter-model';
import type { Translation } from '../translation';
import { iconElement } from './icons';
import { createRouteLabel, showRoute } from './route-label';

export interface PlotterCardOptions {
  plotter: PlotterModel;
  /** Stop following the plotter (drops it from the panel). */
  remove(plotter: PlotterModel): void;
  trans: Translation;
}

/**
 * Stands for a plotter that has no chart yet: its title, the state of the link and why it is
 * down (e.g. the server refused the token), and a button to stop following it. Without it, a
 * plotter that never connects would leave an empty section. The section replaces it with the
 * chart cards as soon as the first chart arrives.
 */
export class PlotterCard extends Widget {
  constructor(options: PlotterCardOptions) {
    super();
    this.plotter = options.plotter;
    this._remove = options.remove;
    const trans = (this._trans = options.trans);
    this.addClass('jp-AsyncPlotter-plotterCard');
    this.node.dataset.plotter = this.plotter.title;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this.plotter.title);

    const header = document.createElement('div');
    header.className = 'jp-AsyncPlotter-cardHeader';
    const title = this._title;
    title.className = 'jp-AsyncPlotter-cardTitle';
    title.textContent = this.plotter.title;
    this._status.className = 'jp-AsyncPlotter-status';
    this._status.setAttribute('role', 'status');
    const stats = document.createElement('div');
    stats.className = 'jp-AsyncPlotter-stats';
    stats.append(this._status, this._route);
    this._button.type = 'button';
    this._button.className = 'jp-AsyncPlotter-button';
    this._button.dataset.action = 'remove';
    const label = trans.__('Remove from the panel');
    this._button.setAttribute('aria-label', label);
    this._button.title = label;
    this._button.append(iconElement('close'));
    header.append(title, stats, this._button);

    this._message.className = 'jp-AsyncPlotter-plotterMessage';
    this._message.setAttribute('aria-live', 'polite');
    this.node.append(header, this._message);
    this.plotter.statusChanged.connect(this._refresh, this);
    this._refresh();
  }

  readonly plotter: PlotterModel;

  handleEvent(event: Event): void {
    if (event.type === 'click') {
      this._remove(this.plotter);
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    Signal.disconnectReceiver(this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._button.addEventListener('click', this);
  }

  protected onBeforeDetach(msg: Message): void {
    this._button.removeEventListener('click', this);
    super.onBeforeDetach(msg);
  }

  private _refresh(): void {
    if (this.isDisposed) {
      return;
    }
    const trans = this._trans;
    const { status, problem } = this.plotter;
    this._title.title = this.plotter.handle.url;
    this.node.dataset.status = status;
    this.node.dataset.problem = problem?.kind ?? '';
    this._status.dataset.status = status;
    this._status.textContent = statusText(status, trans);
    showRoute(this._route, this.plotter.route, trans);
    let message = problemText(problem, trans);
    if (!message) {
      message =
        status === 'connecting'
          ? trans.__('Waiting for the plot server at %1…', this.plotter.handle.url)
          : status === 'disconnected'
            ? trans.__('Disconnected from the plot server.')
            : trans.__('Connected; the plotter has no charts yet.');
    }
    this._message.textContent = message;
  }

  private _trans: Translation;
  private _remove: (plotter: PlotterModel) => void;
  private _title = document.createElement('div');
  private _status = document.createElement('span');
  private _route = createRouteLabel();
  private _message = document.createElement('p');
  private _button = document.createElement('button');
}
