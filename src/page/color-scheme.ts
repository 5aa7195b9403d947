import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';

/** The system's light or dark preference (`prefers-color-scheme`), followed live. */
export class ColorScheme {
  constructor(private readonly _query = matchMedia('(prefers-color-scheme: dark)')) {
    this._query.addEventListener('change', this);
  }

  get isDark(): boolean {
    return this._query.matches;
  }

  /** Emitted when the preference changed. */
  get changed(): ISignal<this, boolean> {
    return this._changed;
  }

  handleEvent(): void {
    this._changed.emit(this.isDark);
  }

  dispose(): void {
    this._query.removeEventListener('change', this);
    Signal.clearData(this);
  }

  private _changed = new Signal<this, boolean>(this);
}
