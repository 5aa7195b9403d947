/**
 * The worker's side of a replace-mode dataset: takes the newest published state out of the
 * triple buffer (see replace-slots.ts) and keeps it encoded, once for all viewers.
 */
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import { slotViews } from '../../recording/replace-slots.js';
import { RowSchema } from './row-schema.js';
import { SlotFront } from './slot-front.js';

export interface ReplaceState {
  version: number;
  rows: WireRows;
}

export class ReplaceStore {
  readonly mode = 'replace';
  private readonly schema = new RowSchema();
  private newest: ReplaceState | null = null;
  private readonly slots = new SlotFront(slotViews);

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
    this.slots.setState(buffer);
  }

  addSlot(slot: number, serial: number, buffer: SharedArrayBuffer): void {
    this.slots.addSlot(slot, serial, buffer);
  }

  /** Takes a newly published state, if any; true when `latest` changed. */
  poll(): boolean {
    const views = this.slots.newState();
    if (views === null) {
      return false;
    }
    const length = views.header[0];
    if (this.schema.decodableEnd(views.values, 0, length) < length) {
      return false; // a string of this state is still on its way
    }
    this.slots.taken();
    this.newest = {
      version: views.header[1],
      rows: this.schema.encode([{ values: views.values, from: 0, to: length }])
    };
    return true;
  }
}
