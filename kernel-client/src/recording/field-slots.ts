/**
 * The slots of a field dataset's triple buffer (the exchange itself is replace-slots.ts): an
 * Int32 header [width, height, version, unused], then the cells row-major as Float32, the
 * precision a picture needs at half the bytes to copy and send.
 */

export const FIELD_HEADER_BYTES = 16;

/** Most cells of one state (a 16384 x 16384 field: 1 GiB of Float32). */
export const MAX_FIELD_CELLS = 1 << 28;

/** Most cells along one side. */
export const MAX_FIELD_SIDE = 1 << 20;

export interface FieldSlot {
  header: Int32Array;
  values: Float32Array;
}

export function allocateFieldSlot(cells: number): SharedArrayBuffer {
  return new SharedArrayBuffer(FIELD_HEADER_BYTES + Math.max(cells, 1) * 4);
}

export function fieldSlotViews(buffer: SharedArrayBuffer): FieldSlot {
  return {
    header: new Int32Array(buffer, 0, 4),
    values: new Float32Array(buffer, FIELD_HEADER_BYTES)
  };
}
