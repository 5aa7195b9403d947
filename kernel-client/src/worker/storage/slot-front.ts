/**
 * The worker's end of a triple buffer (recording/replace-slots.ts): the slot it reads (the
 * front), swapped with the middle one when the computing thread published a state there. Used
 * by the replace and field stores, which differ only in what a slot holds.
 */
import { packWord, wordDirty, wordSerial, wordSlot } from '../../recording/replace-slots.js';

interface KnownSlot<V> {
  serial: number;
  views: V;
}

export class SlotFront<V> {
  private word: Int32Array | null = null;
  private readonly slots: (KnownSlot<V> | null)[] = [null, null, null];
  private front = 0;
  private frontSerial = 0;
  private pending = false;

  /** @param views - what a slot's buffer holds, as the store reads it. */
  constructor(private readonly views: (buffer: SharedArrayBuffer) => V) {}

  setState(buffer: SharedArrayBuffer): void {
    this.word = new Int32Array(buffer, 0, 1);
  }

  addSlot(slot: number, serial: number, buffer: SharedArrayBuffer): void {
    this.slots[slot] = { serial, views: this.views(buffer) };
  }

  /**
   * The front slot while it holds a state not yet taken (swapped in now or earlier), else null;
   * null too while its buffer is still on its way to this thread. Call `taken()` once read.
   */
  newState(): V | null {
    const word = this.word;
    if (word === null) {
      return null;
    }
    if (wordDirty(Atomics.load(word, 0))) {
      const previous = Atomics.exchange(word, 0, packWord(this.front, this.frontSerial, false));
      this.front = wordSlot(previous);
      this.frontSerial = wordSerial(previous);
      this.pending = true;
    }
    if (!this.pending) {
      return null;
    }
    const known = this.slots[this.front];
    return known === null || known.serial !== this.frontSerial ? null : known.views;
  }

  /** The state `newState()` gave was read. */
  taken(): void {
    this.pending = false;
  }
}
