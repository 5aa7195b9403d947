/**
 * Shows a new plotter: in a Deno notebook the handle MIME bundle (the panel connects from it),
 * elsewhere the viewer URL on stderr. The token is only ever in the MIME data, never printed.
 */
import { HANDLE_MIME_TYPE, type PlotterHandle } from './protocol.js';

interface DenoJupyter {
  display(bundle: Record<string, unknown>, options: { raw: boolean }): Promise<void> | void;
}

function notebook(): DenoJupyter | null {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  try {
    return deno?.jupyter ?? null;
  } catch {
    return null; // `deno run`: reading Deno.jupyter throws outside `deno jupyter`
  }
}

export function displayText(handle: PlotterHandle): string {
  return `Async Plotter "${handle.title}" at ${handle.url} (open the Async Plotter panel in JupyterLab)`;
}

export async function displayHandle(handle: PlotterHandle): Promise<void> {
  const jupyter = notebook();
  if (jupyter !== null) {
    await jupyter.display(
      { [HANDLE_MIME_TYPE]: handle, 'text/plain': displayText(handle) },
      { raw: true }
    );
    return;
  }
  console.error(displayText(handle));
}
