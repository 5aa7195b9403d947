/**
 * Lock-free triple buffer for replace-mode datasets: the computing thread writes a whole state
 * into its back slot, then swaps it with the middle one; the worker swaps the middle slot with
 * its front slot when the dirty bit is set. Neither thread ever waits, superseded states are
 * overwritten in place and never reach the network.
 *
 * The shared word: bit 0 dirty, bits 1-2 slot index, bits 3+ serial of the slot's buffer (a slot
 * grows by getting a new buffer, which is posted to the worker before it is published).
 * A slot buffer: Int32 header [rows, version], then rows row-major as Float64.
 */

export const SLOT_HEADER_BYTES = 8;

export function packWord(slot: number, serial: number, dirty: boolean): number {
  return (serial << 3) | (slot << 1) | (dirty ? 1 : 0);
}

export function wordSlot(word: number): number {
  return (word >> 1) & 3;
}

export function wordSerial(word: number): number {
  return word >>> 3;
}

export function wordDirty(word: number): boolean {
  return (word & 1) === 1;
}

export interface SlotViews {
  header: Int32Array;
  values: Float64Array;
}

export function allocateSlot(rows: number, stride: number): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOT_HEADER_BYTES + Math.max(rows, 1) * Math.max(stride, 1) * 8);
}

export function slotViews(buffer: SharedArrayBuffer): SlotViews {
  return {
    header: new Int32Array(buffer, 0, 2),
    values: new Float64Array(buffer, SLOT_HEADER_BYTES)
  };
}
