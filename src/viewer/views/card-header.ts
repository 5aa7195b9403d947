/**
 * The header of a chart card: its title, the stats line (status, route, rows, rate, a message
 * and the problem) and the toolbar of actions. It shows what the card gives it and tells which
 * action a click asks for.
 */
import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { Route } from '../link/endpoint';
import { statusText } from '../link/link-status';
import type { CardStatus } from '../link/link-status';
import type { DatasetShape } from '../models/dataset-buffer';
import type { Translation } from '../translation';
import { rateText, shapeText, slownessText } from './card-wording';
import { iconElement } from './icons';
import type { IconName } from './icons';
import { createRouteLabel, showRoute } from './route-label';
import { setText, setTitle } from './dom-writes';

export type CardAction =
  'pause' | 'clear' | 'zoom' | 'png' | 'svg' | 'cells' | 'npy' | 'csv' | 'json' | 'main' | 'stop';

export interface CardHeaderOptions {
  trans: Translation;
  /** Whether the toolbar has "Open in the main area". */
  openInMain: boolean;
}

export class CardHeader extends Widget {
  constructor(options: CardHeaderOptions) {
    super();
    this._trans = options.trans;
    this.addClass('jp-AsyncPlotter-cardHeader');
    this._title.className = 'jp-AsyncPlotter-cardTitle';
    this._title.id = `jp-AsyncPlotter-title-${nextId()}`;
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
    this.node.append(this._title, stats, this._createToolbar(options.openInMain));
  }

  /** The id of the title element, which names the card (`aria-labelledby`). */
  get titleId(): string {
    return this._title.id;
  }

  /** Emits the action of each toolbar button clicked. */
  get actionRequested(): ISignal<this, CardAction> {
    return this._actionRequested;
  }

  handleEvent(event: Event): void {
    if (event.type !== 'click') {
      return;
    }
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
    if (button && this.node.contains(button)) {
      this._actionRequested.emit(button.dataset.action as CardAction);
    }
  }

  /** Enables or disables an action's button (while it runs). */
  setEnabled(action: CardAction, enabled: boolean): void {
    const button = this._buttons.get(action);
    if (button) {
      button.disabled = !enabled;
    }
  }

  /** Shows `text` on the message line (an action's progress or outcome). */
  say(text: string): void {
    setText(this._message, text);
  }

  showTitle(label: string): void {
    setText(this._title, label);
  }

  showStatus(status: CardStatus, route: Route | null): void {
    this._status.dataset.status = status;
    setText(this._status, statusText(status, this._trans));
    showRoute(this._route, route, this._trans);
  }

  /** Shows why the card cannot show live data (`kind`: `data-problem`); hidden when empty. */
  showProblem(text: string, kind: string): void {
    if (this._problem.textContent !== text) {
      setText(this._problem, text);
      this._problem.hidden = !text;
      this._problem.dataset.problem = kind;
    }
  }

  /** Shows the rows drawn: `points` held, and how they stand for the rows recorded. */
  showPoints(points: number, shape: DatasetShape): void {
    this._points.dataset.points = String(points);
    this._points.dataset.shown = String(shape.rows);
    this._points.dataset.shape = shape.kind;
    const [text, why] = shapeText(shape, this._trans);
    setText(this._points, text);
    setTitle(this._points, why);
  }

  /**
   * Shows updates per second (`interval`: between the last ones while they come slowly), or,
   * for a chart slow to draw, what it costs.
   */
  showRate(
    rate: number,
    interval: number | null,
    slow: { costMs: number; everyMs: number } | null
  ): void {
    this._rate.dataset.rate = rate.toFixed(1);
    setText(this._rate, rateText(rate, interval, this._trans));
    this._rate.dataset.slow = String(slow !== null);
    if (slow !== null) {
      [this._rate.textContent, this._rate.title] = slownessText(slow, this._trans);
    } else {
      setTitle(this._rate, '');
    }
  }

  /** Whether "Reset zoom" has anything to reset. */
  showZoomed(zoomed: boolean): void {
    // Still focusable when there is nothing to reset: the toolbar keeps its Tab order.
    this._buttons.get('zoom')?.setAttribute('aria-disabled', String(!zoomed));
  }

  /** A field's toolbar: its cells' exports, and no SVG (an image of cells is no vector). */
  showField(field: boolean): void {
    for (const [action, shown] of [
      ['cells', field],
      ['npy', field],
      ['svg', !field]
    ] as const) {
      const button = this._buttons.get(action);
      if (button && button.hidden === shown) {
        button.hidden = !shown;
      }
    }
  }

  /** The pause button as a resume button while the display is paused. */
  showPaused(paused: boolean): void {
    const pause = this._buttons.get('pause');
    if (pause && pause.getAttribute('aria-pressed') !== String(paused)) {
      const text = paused ? this._trans.__('Resume display') : this._trans.__('Pause display');
      pause.setAttribute('aria-label', text);
      pause.setAttribute('aria-pressed', String(paused));
      pause.title = text;
      pause.replaceChildren(iconElement(paused ? 'run' : 'pause'));
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
    this.node.addEventListener('click', this);
  }

  protected onBeforeDetach(msg: Message): void {
    this.node.removeEventListener('click', this);
    super.onBeforeDetach(msg);
  }

  private _createToolbar(openInMain: boolean): HTMLElement {
    const trans = this._trans;
    const toolbar = document.createElement('div');
    toolbar.className = 'jp-AsyncPlotter-actions';
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', trans.__('Chart actions'));
    const add = (action: CardAction, label: string, icon: IconName) => {
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
    add('cells', trans.__('Export the cells as PNG, one pixel per cell'), 'cells');
    add('npy', trans.__('Download the cells as .npy (numpy.load reads it)'), 'download');
    add('csv', trans.__('Download the data as CSV'), 'table');
    add('json', trans.__('Download the data as JSON'), 'braces');
    this.showField(false);
    if (openInMain) {
      add('main', trans.__('Open in the main area'), 'launch');
    }
    add('stop', trans.__('Stop computation'), 'stop');
    return toolbar;
  }

  private _trans: Translation;
  private _title = document.createElement('div');
  private _status = document.createElement('span');
  private _route = createRouteLabel();
  private _points = document.createElement('span');
  private _rate = document.createElement('span');
  private _message = document.createElement('span');
  private _problem = document.createElement('span');
  private _buttons = new Map<CardAction, HTMLButtonElement>();
  private _actionRequested = new Signal<this, CardAction>(this);
}

let counter = 0;

function nextId(): number {
  return ++counter;
}
