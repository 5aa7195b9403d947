/** A viewer's scale as a function from data values to (fractional) pixels, as Vega maps them. */
import type { ScaleReport } from '../../protocol.js';

export type PixelScale = (value: number) => number;

/** Vega's transform of each continuous scale type (before the linear map to the range). */
function transform(report: ScaleReport): (value: number) => number {
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
 * Pixels from the start of the range: 0 at `domain[0]`, the range's length at `domain[1]`,
 * continuing past both ends. NaN where the scale has no value (e.g. a log scale at 0).
 */
export function pixelScale(report: ScaleReport): PixelScale {
  const forward = transform(report);
  const start = forward(report.domain[0]);
  const factor = Math.abs(report.range[1] - report.range[0]) / (forward(report.domain[1]) - start);
  return value => (forward(value) - start) * factor;
}
