/** Runs `body` with a plotter of the real package (no handle shown), closed afterwards. */
import { open, type OpenOptions, type Plotter } from 'async-plotter';

export async function withPlotter(
  title: string,
  body: (plotter: Plotter) => Promise<void>,
  options: OpenOptions = {}
): Promise<void> {
  const plotter = await open({ title, display: false, ...options });
  try {
    await body(plotter);
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
}
