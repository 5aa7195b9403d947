/**
 * A static figure as a PNG: the Vega-Lite spec compiled and drawn by Vega off screen, on a
 * white background, at CSS size. What GitHub, nbviewer and nbconvert show of a saved plot.
 */
import { loadVegaEmbed } from '../views/vega-loader';

/** The PNG's bytes in base64 (as notebooks hold images), with its size in CSS pixels. */
export interface FigureImage {
  base64: string;
  width: number;
  height: number;
}

const DATA_URL_PREFIX = 'data:image/png;base64,';

/** Draws `spec` (static Vega-Lite, data inlined) into a PNG. */
export async function figureImage(spec: Record<string, unknown>): Promise<FigureImage> {
  const { vega, vegaLite } = await loadVegaEmbed();
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    view.background('white');
    const canvas = await view.toCanvas(1);
    const url = canvas.toDataURL('image/png');
    if (!url.startsWith(DATA_URL_PREFIX)) {
      throw new Error('the browser could not encode the figure as PNG');
    }
    return {
      base64: url.slice(DATA_URL_PREFIX.length),
      width: canvas.width,
      height: canvas.height
    };
  } finally {
    view.finalize();
  }
}
