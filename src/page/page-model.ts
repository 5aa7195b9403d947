import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { PlotterInfo, Snapshot } from 'async-plotter/protocol';
import { PlotterModel } from '../viewer/models/plotter-model';

/**
 * The plotter of the page. The page has no handle to learn the title from, only the token: the
 * title is the one the plot server gives in its snapshot, known before the first card is made.
 */
export class PageModel extends PlotterModel {
  get title(): string {
    return this.info?.title ?? '';
  }

  /** Emitted after each snapshot, with what the server said about itself. */
  get infoChanged(): ISignal<this, PlotterInfo> {
    return this._infoChanged;
  }

  applySnapshot(snapshot: Snapshot, now: number): void {
    super.applySnapshot(snapshot, now);
    if (this.info) {
      this._infoChanged.emit(this.info); // checked: a malformed description is not passed on
    }
  }

  private _infoChanged = new Signal<this, PlotterInfo>(this);
}
