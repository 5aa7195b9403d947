import type { Message } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { Translation } from '../viewer/translation';
import { FRAME_RATES } from './frame-rate';
import type { FrameRate } from './frame-rate';
import type { PageStatus } from './page-status';

export interface PageHeaderOptions {
  frameRate: FrameRate;
  trans: Translation;
}

/** The top of the page: the plotter's title, the status line, the frame-rate cap. */
export class PageHeader extends Widget {
  constructor(options: PageHeaderOptions) {
    super({ node: document.createElement('header') });
    this.addClass('jp-AsyncPlotter-pageHeader');
    const { trans, frameRate } = options;
    this._frameRate = frameRate;
    this._title.className = 'jp-AsyncPlotter-pageTitle';
    this._status.className = 'jp-AsyncPlotter-pageStatus';
    this._status.setAttribute('role', 'status');
    this._status.setAttribute('aria-live', 'polite');
    const label = document.createElement('label');
    label.className = 'jp-AsyncPlotter-pageRate';
    label.append(trans.__('Most frames/s'), ' ', this._select);
    for (const rate of FRAME_RATES) {
      const option = document.createElement('option');
      option.value = String(rate);
      option.textContent = String(rate);
      this._select.append(option);
    }
    this._select.value = String(frameRate.value);
    this.node.append(this._title, this._status, label);
    this.plotterTitle = '';
  }

  /** The plotter's title ('' while unknown). */
  set plotterTitle(title: string) {
    this._title.textContent = title || 'Async Plotter';
  }

  set status(status: PageStatus) {
    this._status.textContent = status.text;
    this._status.dataset.tone = status.tone;
  }

  handleEvent(event: Event): void {
    if (event.type === 'change') {
      this._frameRate.value = Number(this._select.value);
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
    this._select.addEventListener('change', this);
  }

  protected onBeforeDetach(msg: Message): void {
    this._select.removeEventListener('change', this);
    super.onBeforeDetach(msg);
  }

  private _frameRate: FrameRate;
  private _title = document.createElement('h1');
  private _status = document.createElement('p');
  private _select = document.createElement('select');
}
