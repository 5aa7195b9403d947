import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';

/** Choices of the page's frame-rate cap (frames per second). */
export const FRAME_RATES = [5, 10, 30, 60] as const;
const DEFAULT_RATE = 30;
const STORAGE_KEY = 'async-plotter.maxFps';

/**
 * Most frames per second the page accepts and draws (the panel's `maxFps` setting): acks are
 * delayed to hold it. Remembered in the browser for the next page.
 */
export class FrameRate {
  constructor(private readonly _storage: Storage | null) {
    const stored = Number(this._read());
    this._value = (FRAME_RATES as readonly number[]).includes(stored) ? stored : DEFAULT_RATE;
  }

  get value(): number {
    return this._value;
  }

  set value(value: number) {
    if (value > 0 && value !== this._value) {
      this._value = value;
      try {
        this._storage?.setItem(STORAGE_KEY, String(value));
      } catch {
        // storage disabled: the choice lasts for this page only
      }
      this._changed.emit(value);
    }
  }

  get changed(): ISignal<this, number> {
    return this._changed;
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _read(): string | null {
    try {
      return this._storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private _value: number;
  private _changed = new Signal<this, number>(this);
}
