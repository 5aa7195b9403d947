import type { Spec } from 'vega';
import { isObject, type Json } from '../view-spec';

/** The compiled Vega spec, as vega-embed's `patch` option receives and returns it. */
export type VegaSpec = Spec;

/** The item property that carries a hidden line mark's own opacity. */
export const LAYER_OPACITY = 'layerOpacity';

function hideMarks(marks: unknown): void {
  if (!Array.isArray(marks)) {
    return;
  }
  for (const mark of marks) {
    if (!isObject(mark)) {
      continue;
    }
    if (mark.type === 'line') {
      const encode = isObject(mark.encode) ? mark.encode : (mark.encode = {});
      const update = isObject(encode.update) ? encode.update : (encode.update = {});
      // Opacity 0: Vega skips drawing the path, yet computes the items' style. The mark's own
      // opacity goes to a channel Vega only copies onto the items, for the layer.
      update[LAYER_OPACITY] = update.opacity ?? { value: 1 };
      update.opacity = { value: 0 };
    }
    hideMarks(mark.marks);
  }
}

/**
 * vega-embed's `patch` for a chart whose line the line layer draws: the compiled spec's line
 * marks keep their encodings (stroke, width, dash per series: the layer reads them from the
 * items) but are not painted. The spec as compiled is kept by `compiled`, for exports.
 */
export function hideLineMarks(compiled: (spec: VegaSpec) => void): (spec: VegaSpec) => VegaSpec {
  return spec => {
    compiled(structuredClone(spec));
    hideMarks((spec as Json).marks);
    return spec;
  };
}
