/**
 * Shows a new plotter: in a Deno notebook the handle MIME bundle (the JupyterLab panel connects
 * from it), with the viewer page's address as its plain-text and HTML forms for frontends
 * without the extension; elsewhere one line on stderr with the viewer page's link.
 *
 * Nothing a notebook output holds carries the token, since a saved notebook is a document people
 * share: the panel gets the token from the Jupyter server (token-file.ts). The line a script
 * prints does carry it, as Jupyter's own links do: it is for the person at the terminal, and no
 * log line ever holds it.
 */
import { HANDLE_MIME_TYPE, type DisplayedHandle, type PlotterHandle } from '../protocol.js';
import { viewerUrl } from './viewer-url.js';
import { VEGA_LITE_MIME_TYPE } from '../figure.js';

interface DenoJupyter {
  display(
    bundle: Record<string, unknown>,
    options: { raw: boolean; display_id?: string; update?: boolean }
  ): Promise<void> | void;
}

function notebook(): DenoJupyter | null {
  const deno = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno;
  try {
    return deno?.jupyter ?? null;
  } catch {
    return null; // `deno run`: reading Deno.jupyter throws outside `deno jupyter`
  }
}

/** The handle as a notebook output holds it: everything but the token. */
export function displayedHandle(handle: PlotterHandle): DisplayedHandle {
  const { version, id, title, url, rate, inline } = handle;
  return { version, id, title, url, rate, inline };
}

/** What the notebook's text forms say of the token: where to find the link that has it. */
const TOKEN_HINT = "the link with its token is the plotter's viewerUrl; notebooks do not keep it";

/** The line a script prints on stderr: the viewer page's link, token included. */
export function scriptLine(handle: PlotterHandle): string {
  return `Async Plotter "${handle.title}": live plots at ${viewerUrl(handle.url, handle.token)}`;
}

/** A notebook's plain-text form of the handle: the viewer page's address, without the token. */
export function displayText(handle: DisplayedHandle): string {
  return `Async Plotter "${handle.title}": live plots at ${handle.url}/ (${TOKEN_HINT})`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** The handle as HTML, for frontends that cannot render it: the viewer page, without the token. */
export function displayHtml(handle: DisplayedHandle): string {
  const href = escapeHtml(`${handle.url}/`);
  const title = escapeHtml(handle.title);
  return `<div class="async-plotter-link">Async Plotter "${title}": <a href="${href}" target="_blank" rel="noopener noreferrer">the live plots' page</a> (${escapeHtml(TOKEN_HINT)})</div>`;
}

/** The display bundle of a notebook output: the handle, its text and HTML forms; no token. */
export function displayBundle(handle: PlotterHandle): Record<string, unknown> {
  const shown = displayedHandle(handle);
  return {
    [HANDLE_MIME_TYPE]: shown,
    'text/html': displayHtml(shown),
    'text/plain': displayText(shown)
  };
}

/**
 * Shows the handle: in a notebook as an output whose display id is the plotter's id (for
 * `updateDisplay`; true), elsewhere as the script's line on stderr (false).
 */
export async function displayHandle(handle: PlotterHandle): Promise<boolean> {
  const jupyter = notebook();
  if (jupyter !== null) {
    await jupyter.display(displayBundle(handle), { raw: true, display_id: handle.id });
    return true;
  }
  console.error(scriptLine(handle));
  return false;
}

/** When a figure shows the plot: the plotter closed, or the data went quiet (a cell ended). */
export type FigureMoment = 'closed' | 'quiet';

/** What the output of a plotter's figure says of it, in plain text. */
export function figureText(handle: DisplayedHandle, note: string, moment: FigureMoment): string {
  if (moment === 'closed') {
    return `Async Plotter "${handle.title}" closed: ${note}.`;
  }
  const when = new Date().toISOString().slice(11, 19);
  return `Async Plotter "${handle.title}" as of ${when} UTC: ${note}. Live plots at ${handle.url}/ (${TOKEN_HINT})`;
}

/**
 * The bundle a plotter's output is updated to (`update_display_data`) when it closes or its
 * data goes quiet: the handle still (the extension shows what its panel holds), the charts as
 * a static Vega-Lite spec with their rows inlined, which frontends without the extension draw,
 * and text forms saying so.
 */
export function figureBundle(
  handle: PlotterHandle,
  figure: { spec: Record<string, unknown> | null; note: string },
  moment: FigureMoment
): Record<string, unknown> {
  const shown = displayedHandle(handle);
  const text = figureText(shown, figure.note, moment);
  return {
    [HANDLE_MIME_TYPE]: shown,
    ...(figure.spec === null ? {} : { [VEGA_LITE_MIME_TYPE]: figure.spec }),
    'text/html': `<div class="async-plotter-${moment}">${escapeHtml(text)}</div>`,
    'text/plain': text
  };
}

/** Replaces a notebook's handle output with the plotter's figure (`figureBundle`). */
export async function updateDisplay(
  handle: PlotterHandle,
  figure: { spec: Record<string, unknown> | null; note: string },
  moment: FigureMoment
): Promise<void> {
  await notebook()?.display(figureBundle(handle, figure, moment), {
    raw: true,
    display_id: handle.id,
    update: true
  });
}
