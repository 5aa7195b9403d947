/**
 * Shows a new plotter: in a Deno notebook the handle MIME bundle (the JupyterLab panel connects
 * from it), with the viewer page's link as its plain-text and HTML forms for frontends without
 * the extension; elsewhere one line on stderr with that link. The link carries the token, as
 * Jupyter's own links do: it is for the person, and no log line ever holds it.
 */
import { HANDLE_MIME_TYPE, type PlotterHandle } from '../protocol.js';
import { viewerUrl } from './viewer-url.js';

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

/** The line a script prints, and a notebook's plain-text form of the handle. */
export function displayText(handle: PlotterHandle): string {
  return `Async Plotter "${handle.title}": live plots at ${viewerUrl(handle.url, handle.token)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** The handle as HTML: a link to the viewer page, for frontends that cannot render the handle. */
export function displayHtml(handle: PlotterHandle): string {
  const href = escapeHtml(viewerUrl(handle.url, handle.token));
  const title = escapeHtml(handle.title);
  return `<div class="async-plotter-link">Async Plotter "${title}": <a href="${href}" target="_blank" rel="noopener noreferrer">open the live plots</a></div>`;
}

export async function displayHandle(handle: PlotterHandle): Promise<void> {
  const jupyter = notebook();
  if (jupyter !== null) {
    await jupyter.display(
      {
        [HANDLE_MIME_TYPE]: handle,
        'text/html': displayHtml(handle),
        'text/plain': displayText(handle)
      },
      { raw: true }
    );
    return;
  }
  console.error(displayText(handle));
}
