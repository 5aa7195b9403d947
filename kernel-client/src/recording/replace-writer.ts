/**
 * Records a replace-mode dataset: each state is written into the back slot of a triple buffer
 * and published with one atomic exchange (see replace-slots.ts). A bad row throws before the
 * state is published, so the previous state stays.
 */
import type { ColumnBatch } from './columns.js';
import type { FieldCoder } from './field-coder.js';
import type { ToWorker } from '../messages.js';
import { PlotInputError, describe, place } from '../errors.js';
import { allocateSlot, packWord, slotViews, wordSlot, type SlotViews } from './replace-slots.js';

export class ReplaceWriter {
  private readonly word: Int32Array;
  private readonly slots: (SlotViews | null)[] = [null, null, null];
  private readonly capacities = [0, 0, 0];
  private readonly serials = [0, 0, 0];
  private back = 1;
  private version = 0;
  private nextSerial = 1;
  private readonly stride: number;

  constructor(
    private readonly dataset: number,
    readonly coder: FieldCoder,
    private readonly post: (message: ToWorker) => void
  ) {
    this.stride = coder.fields.length;
    const state = new SharedArrayBuffer(8);
    this.word = new Int32Array(state, 0, 1);
    // The worker starts with slot 0 in front; slot 2 is the middle one, not dirty.
    this.word[0] = packWord(2, 0, false);
    post({ type: 'slots', dataset, state });
  }

  replaceRows(rows: unknown[]): void {
    const stride = this.stride;
    const slot = this.reserve(rows.length);
    const fields = this.coder.fields;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (typeof row !== 'object' || row === null) {
        throw new PlotInputError(
          `${place(this.coder.chart, this.coder.dataset)}: expected row objects, got ` +
            `${describe(row)} at index ${i}`
        );
      }
      const record = row as Record<string, unknown>;
      for (let k = 0; k < fields.length; k++) {
        const value = record[fields[k].name];
        slot.values[i * stride + k] =
          typeof value === 'number' && fields[k].kind === 'number'
            ? value
            : this.coder.encode(k, value);
      }
    }
    this.publish(slot, rows.length);
  }

  replaceColumns(batch: ColumnBatch): void {
    const stride = this.stride;
    const slot = this.reserve(batch.length);
    batch.sources.forEach((source, k) => {
      for (let i = 0; i < batch.length; i++) {
        slot.values[i * stride + k] = source === null ? NaN : source[i];
      }
    });
    this.publish(slot, batch.length);
  }

  private reserve(rows: number): SlotViews {
    const back = this.back;
    const current = this.slots[back];
    if (current !== null && this.capacities[back] >= rows) {
      return current;
    }
    const capacity = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(rows, 1))));
    const buffer = allocateSlot(capacity, this.stride);
    const serial = this.nextSerial++;
    this.slots[back] = slotViews(buffer);
    this.capacities[back] = capacity;
    this.serials[back] = serial;
    this.post({ type: 'slot', dataset: this.dataset, slot: back, serial, buffer });
    return this.slots[back] as SlotViews;
  }

  private publish(slot: SlotViews, rows: number): void {
    slot.header[0] = rows;
    slot.header[1] = ++this.version;
    const previous = Atomics.exchange(
      this.word,
      0,
      packWord(this.back, this.serials[this.back], true)
    );
    this.back = wordSlot(previous);
  }
}
