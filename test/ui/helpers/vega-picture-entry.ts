// vega-embed as one script for a blank test page (bundled by saved-figure.spec.ts): draws a
// Vega-Lite spec the way any reader of the notebook would, independently of the extension.
import embed from 'vega-embed';

/** The PNG data URL of `spec` drawn by vega-embed, on white, at CSS size. */
export async function picture(spec: object): Promise<string> {
  const element = document.createElement('div');
  document.body.append(element);
  const result = await embed(element, spec as Parameters<typeof embed>[1], {
    renderer: 'canvas',
    actions: false
  });
  result.view.background('white');
  const canvas = await result.view.toCanvas(1);
  result.finalize();
  return canvas.toDataURL('image/png');
}
