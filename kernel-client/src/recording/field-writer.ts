/**
 * Records a field dataset: each state's cells are copied into the back slot of a triple buffer
 * (field-slots.ts, exchanged as replace-slots.ts describes) and published with one atomic
 * exchange. The computing thread never waits and allocates nothing once the slots are large
 * enough; a superseded state is overwritten in place and never reaches the network. Bad input
 * throws before anything is published, so the previous state stays.
 */
import type { ToWorker } from '../messages.js';
import { PlotInputError, describe, place } from '../errors.js';
import { packWord, wordSlot } from './replace-slots.js';
import {
  MAX_FIELD_CELLS,
  MAX_FIELD_SIDE,
  allocateFieldSlot,
  fieldSlotViews,
  type FieldSlot
} from './field-slots.js';

/** One state of a field: `width * height` numbers, row-major, row 0 first. */
export interface FieldState {
  width: number;
  height: number;
  values: Float32Array | Float64Array | ArrayLike<number>;
}

export class FieldWriter {
  private readonly word: Int32Array;
  private readonly slots: (FieldSlot | null)[] = [null, null, null];
  private readonly serials = [0, 0, 0];
  private back = 1;
  private version = 0;
  private nextSerial = 1;

  constructor(
    private readonly chart: string,
    private readonly dataset: string,
    private readonly id: number,
    private readonly post: (message: ToWorker) => void
  ) {
    const state = new SharedArrayBuffer(8);
    this.word = new Int32Array(state, 0, 1);
    this.word[0] = packWord(2, 0, false);
    post({ type: 'slots', dataset: id, state });
  }

  replace(state: unknown): void {
    const { width, height, values } = this.check(state);
    const cells = width * height;
    const slot = this.reserve(cells);
    const target = slot.values;
    if (values instanceof Float32Array || values instanceof Float64Array) {
      target.set(values);
    } else {
      for (let i = 0; i < cells; i++) {
        const value = values[i];
        target[i] = typeof value === 'number' ? value : NaN;
      }
    }
    this.publish(slot, width, height);
  }

  /** Publishes an empty state: viewers show no cells until the next one. */
  clear(): void {
    this.publish(this.reserve(0), 0, 0);
  }

  private publish(slot: FieldSlot, width: number, height: number): void {
    slot.header[0] = width;
    slot.header[1] = height;
    slot.header[2] = ++this.version;
    const previous = Atomics.exchange(
      this.word,
      0,
      packWord(this.back, this.serials[this.back], true)
    );
    this.back = wordSlot(previous);
  }

  private check(state: unknown): FieldState {
    const where = place(this.chart, this.dataset);
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new PlotInputError(
        `${where}: a field's replace() takes { width, height, values }, got ${describe(state)}`
      );
    }
    const { width, height, values } = state as Record<string, unknown>;
    for (const [name, side] of [
      ['width', width],
      ['height', height]
    ] as const) {
      if (
        typeof side !== 'number' ||
        !Number.isInteger(side) ||
        side < 1 ||
        side > MAX_FIELD_SIDE
      ) {
        throw new PlotInputError(
          `${where}: ${name} must be a whole number of cells from 1 to ${MAX_FIELD_SIDE}, got ` +
            `${typeof side === 'number' ? String(side) : describe(side)}`
        );
      }
    }
    const cells = (width as number) * (height as number);
    if (cells > MAX_FIELD_CELLS) {
      throw new PlotInputError(
        `${where}: ${String(width)} x ${String(height)} is ${cells} cells, more than the ` +
          `${MAX_FIELD_CELLS} a field may have`
      );
    }
    const isNumbers =
      values instanceof Float32Array || values instanceof Float64Array || Array.isArray(values);
    if (!isNumbers) {
      throw new PlotInputError(
        `${where}: values must be a Float32Array, a Float64Array or an array of numbers, got ` +
          describe(values)
      );
    }
    const length = (values as ArrayLike<number>).length;
    if (length !== cells) {
      throw new PlotInputError(
        `${where}: values has ${length} numbers; width x height is ${String(width)} x ` +
          `${String(height)} = ${cells}`
      );
    }
    return {
      width: width as number,
      height: height as number,
      values: values as FieldState['values']
    };
  }

  private reserve(cells: number): FieldSlot {
    const back = this.back;
    const current = this.slots[back];
    if (current !== null && current.values.length >= cells) {
      return current;
    }
    const buffer = allocateFieldSlot(cells);
    const serial = this.nextSerial++;
    const views = fieldSlotViews(buffer);
    this.slots[back] = views;
    this.serials[back] = serial;
    this.post({ type: 'slot', dataset: this.id, slot: back, serial, buffer });
    return views;
  }
}
