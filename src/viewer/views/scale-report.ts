import type { ScaleReport, ScaleType } from 'async-plotter/protocol';

/** The parts of a Vega scale a report reads (`view.scale(name)`). */
interface VegaScale {
  type: string;
  domain(): unknown[];
  range(): unknown[];
  exponent?: () => number;
  constant?: () => number;
}

/** The parts of a Vega view a report reads. */
export interface ScaledView {
  scale(name: string): unknown;
  /** Where the plot area starts in the view's canvas, in CSS pixels. */
  origin(): [number, number];
}

const CONTINUOUS: ScaleType[] = ['linear', 'log', 'pow', 'sqrt', 'symlog', 'time', 'utc'];

/**
 * The continuous scale `name` (`x` or `y`) of a Vega view as the plot server wants it: dates
 * as epoch milliseconds, the range in device pixels of the canvas (the plot's origin and the
 * screen's pixel ratio applied), so that the server's columns are the screen's. Null when the
 * view has no such scale, it is not continuous, or its domain is a single value.
 */
export function scaleReport(view: ScaledView, name: 'x' | 'y', pixelRatio = 1): ScaleReport | null {
  let scale: VegaScale | undefined;
  try {
    scale = view.scale(name) as VegaScale | undefined;
  } catch {
    return null;
  }
  if (!scale || !CONTINUOUS.includes(scale.type as ScaleType)) {
    return null;
  }
  const domain = scale.domain().map(Number);
  const offset = view.origin()[name === 'x' ? 0 : 1];
  const range = scale.range().map(value => (Number(value) + offset) * pixelRatio);
  if (domain.length !== 2 || range.length !== 2) {
    return null;
  }
  if (domain[0] > domain[1]) {
    domain.reverse();
    range.reverse();
  }
  if (!(domain[0] < domain[1])) {
    return null;
  }
  const report: ScaleReport = {
    type: scale.type as ScaleType,
    domain: [domain[0], domain[1]],
    range: [range[0], range[1]]
  };
  if (scale.type === 'pow' && scale.exponent) {
    report.exponent = scale.exponent();
  }
  if (scale.type === 'symlog' && scale.constant) {
    report.constant = scale.constant();
  }
  return report;
}
