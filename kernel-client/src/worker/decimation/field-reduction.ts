/**
 * Reduces a field's state to the cells a viewer's pixels can show, before anything crosses the
 * network: the region of the state the viewer's axes show is cut into blocks of `block` cells,
 * each sent as one value, the mean of its finite cells (or the largest, which keeps a single
 * hot cell visible); NaN when none is finite. A region no larger than the pixels is sent cell
 * for cell.
 */
import type { FieldRaster } from '../../protocol.js';
import type { FieldView } from '../storage/field-store.js';

export interface FieldRegion {
  col: number;
  row: number;
  cols: number;
  rows: number;
}

/** How many pixels show the region, along each axis (device pixels). */
export interface FieldPixels {
  cols: number;
  rows: number;
}

export type FieldCells = Omit<FieldRaster, 'range' | 'width' | 'height'>;

/** The block size along one axis: the fewest cells per value that fit `pixels`. */
export function blockSize(cells: number, pixels: number): number {
  return Math.max(1, Math.ceil(cells / Math.max(1, Math.floor(pixels))));
}

export function reduceField(
  state: FieldView,
  region: FieldRegion,
  pixels: FieldPixels,
  kind: 'mean' | 'max'
): FieldCells {
  const bx = blockSize(region.cols, pixels.cols);
  const by = blockSize(region.rows, pixels.rows);
  const cols = Math.ceil(region.cols / bx);
  const rows = Math.ceil(region.rows / by);
  const out = new Float32Array(cols * rows);
  const { values, width } = state;
  if (bx === 1 && by === 1) {
    for (let r = 0; r < rows; r++) {
      const from = (region.row + r) * width + region.col;
      out.set(values.subarray(from, from + cols), r * cols);
    }
    return { region, block: [1, 1], grid: { cols, rows }, reduction: 'none', values: out };
  }
  // Per column of the region, its band of `by` rows (a tight loop over contiguous cells), then
  // the columns of each block; a block whose result is not finite (it holds a cell without a
  // value) is done again cell by cell.
  const columns = new Float64Array(region.cols);
  const lastRow = region.row + region.rows;
  const max = kind === 'max';
  for (let gy = 0; gy < rows; gy++) {
    const rowStart = region.row + gy * by;
    const rowEnd = Math.min(lastRow, rowStart + by);
    columns.fill(max ? -Infinity : 0);
    for (let r = rowStart; r < rowEnd; r++) {
      const base = r * width + region.col;
      if (max) {
        for (let j = 0; j < region.cols; j++) {
          const v = values[base + j];
          if (!(v <= columns[j])) {
            columns[j] = v; // also takes NaN, which sends the block to the exact pass
          }
        }
      } else {
        for (let j = 0; j < region.cols; j++) {
          columns[j] += values[base + j];
        }
      }
    }
    const at = gy * cols;
    for (let gx = 0; gx < cols; gx++) {
      const from = gx * bx;
      const to = Math.min(region.cols, from + bx);
      let acc = max ? -Infinity : 0;
      for (let j = from; j < to; j++) {
        const v = columns[j];
        acc = max ? (v <= acc ? acc : v) : acc + v;
      }
      out[at + gx] =
        acc - acc === 0
          ? max
            ? acc
            : acc / ((rowEnd - rowStart) * (to - from))
          : exactBlock(values, width, rowStart, rowEnd, region.col + from, region.col + to, kind);
    }
  }
  return { region, block: [bx, by], grid: { cols, rows }, reduction: kind, values: out };
}

/** A block's mean or largest value over its finite cells only; NaN when none is finite. */
function exactBlock(
  values: Float32Array,
  width: number,
  rowStart: number,
  rowEnd: number,
  colStart: number,
  colEnd: number,
  kind: 'mean' | 'max'
): number {
  let acc = kind === 'max' ? -Infinity : 0;
  let count = 0;
  for (let r = rowStart; r < rowEnd; r++) {
    for (let i = r * width + colStart, end = r * width + colEnd; i < end; i++) {
      const v = values[i];
      // Finite: v - v is 0 (NaN for NaN and the infinities).
      if (v - v === 0) {
        count++;
        acc = kind === 'max' ? (v > acc ? v : acc) : acc + v;
      }
    }
  }
  return count === 0 ? NaN : kind === 'max' ? acc : acc / count;
}
