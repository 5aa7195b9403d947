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
}

const CONTINUOUS: ScaleType[] = ['linear', 'log', 'pow', 'sqrt', 'symlog', 'time', 'utc'];

/**
 * The continuous scale `name` of a Vega view as the plot server wants it (dates as epoch
 * milliseconds); null when the view has no such scale, it is not continuous, or its domain is
 * a single value (nothing to decimate by yet).
 */
export function scaleReport(view: ScaledView, name: string): ScaleReport | null {
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
  const range = scale.range().map(Number);
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
