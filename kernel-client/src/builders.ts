/** Builders for the commonest charts. Each returns an ordinary Vega-Lite spec to adjust freely. */

type Spec = Record<string, unknown>;
type FieldType = 'quantitative' | 'temporal' | 'ordinal' | 'nominal';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface XYOptions {
  /** Field on x; default `x`. */
  x?: string;
  /** Field on y; default `y`. */
  y?: string;
  /** Field that splits the data into coloured series (nominal). */
  color?: string;
  /** Name of the dataset; default `data`. */
  dataset?: string;
  title?: string;
  xType?: FieldType;
  yType?: FieldType;
}

export interface HeatmapOptions {
  x?: string;
  y?: string;
  /** Field mapped to colour; default `value`. */
  value?: string;
  dataset?: string;
  title?: string;
}

function xy(mark: Spec, options: XYOptions): Spec {
  const encoding: Spec = {
    x: { field: options.x ?? 'x', type: options.xType ?? 'quantitative' },
    y: { field: options.y ?? 'y', type: options.yType ?? 'quantitative' }
  };
  if (options.color !== undefined) {
    encoding.color = { field: options.color, type: 'nominal' };
  }
  return {
    $schema: SCHEMA,
    ...(options.title === undefined ? {} : { title: options.title }),
    data: { name: options.dataset ?? 'data' },
    mark,
    encoding
  };
}

/** A line chart of `y` against `x` (one line per `color` value). */
export function line(options: XYOptions = {}): Spec {
  return xy({ type: 'line', clip: true }, options);
}

/** A scatter plot of `y` against `x`. */
export function scatter(options: XYOptions = {}): Spec {
  return xy({ type: 'point', clip: true }, options);
}

/**
 * A heatmap of `value` on an `x` by `y` grid of categories (a confusion matrix), one rect per
 * cell; usually fed with `replace()`. A large numeric field is `field()`'s: drawn as an image.
 */
export function heatmap(options: HeatmapOptions = {}): Spec {
  return {
    $schema: SCHEMA,
    ...(options.title === undefined ? {} : { title: options.title }),
    data: { name: options.dataset ?? 'data' },
    mark: 'rect',
    encoding: {
      // Many rows: labels that would overlap are left out (every other, then more).
      x: { field: options.x ?? 'x', type: 'ordinal', axis: { labelOverlap: true } },
      y: { field: options.y ?? 'y', type: 'ordinal', axis: { labelOverlap: true } },
      color: { field: options.value ?? 'value', type: 'quantitative' }
    }
  };
}
