/**
 * The worker's side of a replace-mode dataset: takes the newest published state out of the
 * triple buffer (see replace-slots.ts) and keeps it encoded, once for all viewers.
 */
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import {
  packWord,
  slotViews,
  wordDirty,
  wordSerial,
  wordSlot,
  type SlotViews
} from '../../recording/replace-slots.js';
import { RowSchema } from './row-schema.js';

interface KnownSlot {
  serial: number;
  views: SlotViews;
}

export interface ReplaceState {
  version: number;
  rows: WireRows;
}

export class ReplaceStore {
  readonly mode = 'replace';
  private readonly schema = new RowSchema();
  private newest: ReplaceState | null = null;
  private word: Int32Array | null = null;
  private readonly slots: (KnownSlot | null)[] = [null, null, null];
  private front = 0;
  private frontSerial = 0;
  private pending = false;

  constructor(
    readonly id: number,
    readonly name: string
  ) {}

  /** The newest state taken, encoded once for every viewer; null before the first. */
  get latest(): ReplaceState | null {
    return this.newest;
  }

  setSchema(fields: readonly FieldInfo[]): void {
    this.schema.set(fields);
  }

  addWord(field: number, code: number, value: string): void {
    this.schema.addWord(field, code, value);
  }

  setState(buffer: SharedArrayBuffer): void {
    this.word = new Int32Array(buffer, 0, 1);
  }

  addSlot(slot: number, serial: number, buffer: SharedArrayBuffer): void {
    this.slots[slot] = { serial, views: slotViews(buffer) };
  }

  /** Takes a newly published state, if any; true when `latest` changed. */
  poll(): boolean {
    const word = this.word;
    if (word === null) {
      return false;
    }
    if (wordDirty(Atomics.load(word, 0))) {
      const previous = Atomics.exchange(word, 0, packWord(this.front, this.frontSerial, false));
      this.front = wordSlot(previous);
      this.frontSerial = wordSerial(previous);
      this.pending = true;
    }
    if (!this.pending) {
      return false;
    }
    const known = this.slots[this.front];
    if (known === null || known.serial !== this.frontSerial) {
      return false; // its buffer is still on its way to this thread
    }
    const length = known.views.header[0];
    if (this.schema.decodableEnd(known.views.values, 0, length) < length) {
      return false; // a string of this state is still on its way
    }
    this.pending = false;
    this.newest = {
      version: known.views.header[1],
      rows: this.schema.encode([{ values: known.views.values, from: 0, to: length }])
    };
    return true;
  }
}
