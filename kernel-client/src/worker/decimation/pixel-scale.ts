/** A viewer's scale as a function from data values to (fractional) pixels, as Vega maps them. */
import type { ScaleReport } from '../../protocol.js';

export type PixelScale = (value: number) => number;

/** Vega's transform of each continuous scale type (before the linear map to the range). */
export function scaleTransform(report: ScaleReport): (value: number) => number {
  switch (report.type) {
    case 'log':
      return Math.log;
    case 'sqrt':
      return value => Math.sign(value) * Math.sqrt(Math.abs(value));
    case 'pow': {
      const exponent = report.exponent ?? 1;
      return value => Math.sign(value) * Math.abs(value) ** exponent;
    }
    case 'symlog': {
      const constant = report.constant ?? 1;
      return value => Math.sign(value) * Math.log1p(Math.abs(value) / constant);
    }
    default:
      return value => value;
  }
}

/**
 * The pixel a value is drawn at: `range[0]` at `domain[0]`, `range[1]` at `domain[1]`, and on
 * past both ends. Viewers report ranges in device pixels of their canvas, so that the integer
 * part is the pixel column (or row) the value lands in. NaN where the scale has no value (a
 * log scale at 0).
 */
export function pixelScale(report: ScaleReport): PixelScale {
  const forward = scaleTransform(report);
  const start = forward(report.domain[0]);
  const [from, to] = report.range;
  const factor = (to - from) / (forward(report.domain[1]) - start);
  return value => from + (forward(value) - start) * factor;
}
