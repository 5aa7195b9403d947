import { Widget } from '@lumino/widgets';
import type { SavedFigure } from '../figure/saved-figure';
import type { Translation } from '../translation';

/** "14:02" today, "8 Dec 2026, 14:02" on another day, in the reader's locale. */
function savedWhen(iso: string, now: Date): string {
  const saved = new Date(iso);
  const sameDay = saved.toDateString() === now.toDateString();
  return sameDay
    ? saved.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : saved.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The figure a notebook saved for a plot (saved-figure.ts), shown in its output until the
 * plot is live again: the picture and what it is ("saved 14:02, 1,000,000 rows; not
 * connected"). A figure that cannot be read says so instead of breaking the output.
 */
export class SavedFigureView extends Widget {
  constructor(figure: SavedFigure, trans: Translation) {
    super({ node: document.createElement('figure') });
    this._trans = trans;
    this.addClass('jp-AsyncPlotter-savedFigure');
    this.node.append(this._caption);
    this._figure = figure;
    if (figure.kind === 'figure' && figure.png !== null) {
      const image = document.createElement('img');
      image.src = `data:image/png;base64,${figure.png}`;
      if (figure.width > 0 && figure.height > 0) {
        image.width = figure.width;
        image.height = figure.height;
      }
      image.alt = trans.__('Saved figure of charts %1', figure.info.charts.join(', '));
      image.addEventListener('error', () => this._unreadable('its picture does not decode'));
      this.node.prepend(image);
    }
    this.setStatus('');
  }

  /** Ends the caption with the plot's connection state, e.g. "not connected". */
  setStatus(status: string): void {
    const figure = this._figure;
    const trans = this._trans;
    if (figure.kind === 'unreadable') {
      this._caption.textContent = trans.__('Saved figure unreadable: %1.', figure.reason);
      this.node.dataset.saved = 'unreadable';
      return;
    }
    if (figure.kind === 'none') {
      return;
    }
    this.node.dataset.saved = 'figure';
    const rows = figure.info.rows.toLocaleString();
    const when = savedWhen(figure.info.savedAt, new Date());
    // %1 is the count itself; %3 the count as the reader's locale writes it.
    const line = trans._n('saved %2, %3 row', 'saved %2, %3 rows', figure.info.rows, when, rows);
    this._caption.textContent = status ? `${line}; ${status}` : line;
    this._status = status;
  }

  private _unreadable(reason: string): void {
    this._figure = { kind: 'unreadable', reason };
    this.node.querySelector('img')?.remove();
    this.setStatus(this._status);
  }

  private _trans: Translation;
  private _figure: SavedFigure;
  private _status = '';
  private _caption = document.createElement('figcaption');
}
