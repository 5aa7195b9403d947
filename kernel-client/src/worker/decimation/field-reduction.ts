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
  const sums = new Float64Array(cols);
  const counts = new Int32Array(cols);
  const lastCol = region.col + region.cols;
  for (let gy = 0; gy < rows; gy++) {
    sums.fill(kind === 'max' ? -Infinity : 0);
    counts.fill(0);
    const rowEnd = Math.min(region.row + region.rows, region.row + (gy + 1) * by);
    for (let r = region.row + gy * by; r < rowEnd; r++) {
      const base = r * width;
      let c = region.col;
      for (let gx = 0; gx < cols; gx++) {
        const end = Math.min(lastCol, c + bx);
        let sum = sums[gx];
        let count = counts[gx];
        if (kind === 'max') {
          for (; c < end; c++) {
            const v = values[base + c];
            // Finite: v - v is 0 (NaN for NaN and the infinities).
            if (v - v === 0) {
              count++;
              if (v > sum) {
                sum = v;
              }
            }
          }
        } else {
          for (; c < end; c++) {
            const v = values[base + c];
            if (v - v === 0) {
              count++;
              sum += v;
            }
          }
        }
        sums[gx] = sum;
        counts[gx] = count;
      }
    }
    const at = gy * cols;
    for (let gx = 0; gx < cols; gx++) {
      const count = counts[gx];
      out[at + gx] = count === 0 ? NaN : kind === 'max' ? sums[gx] : sums[gx] / count;
    }
  }
  return { region, block: [bx, by], grid: { cols, rows }, reduction: kind, values: out };
}
