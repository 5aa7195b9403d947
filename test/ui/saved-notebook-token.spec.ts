/**
 * No secret in saved files: a Deno cell opens a plotter and loops, the panel draws it live
 * (with the token the Jupyter server lends it, since the output holds none), the notebook is
 * saved, and the .ipynb read from disk as bytes holds no trace of the token, the real one read
 * from the plotter's token file in Jupyter's runtime directory; neither do JupyterLab's
 * workspace files. Reloading the page reconnects the card by itself.
 */
import { expect, test } from '@jupyterlab/galata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import {
  createPlotNotebook,
  reloadKeepingKernel,
  runNewCell,
  runStreamingCell
} from './helpers/panel-notebook';
import { cardPoints } from '../support/card-points';
import { cellOutputText, chartCard, isCellRunning, plotPanel } from './helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../support/plotter-cell';
import { handleOutputs, savedBytes } from './helpers/saved-notebook';

test.describe.configure({ timeout: 180_000 });

const ROOT = resolve(__dirname, '../..');
/** The host's server root and Jupyter runtime directory (host/async_plotter_host). */
const SERVER_ROOT = join(ROOT, 'test/ui/workspace');
const RUNTIME_DIR = join(ROOT, '.scratch/jupyter/runtime');
const LAB_STATE = join(ROOT, '.scratch/jupyter/lab-tests');

/** The handle URL the saved notebook's output holds. */
function savedHandleUrl(bytes: Buffer): string {
  const handle = handleOutputs(bytes)[0]?.data?.[HANDLE_MIME_TYPE] as
    { url: string; token?: unknown } | undefined;
  expect(handle, 'the saved notebook holds the handle').toBeTruthy();
  expect(handle?.token, 'the handle has no token field').toBeUndefined();
  return handle?.url ?? '';
}

/** Every way the token could show in a file: whole, or either half. */
function traces(token: string): string[] {
  return [token, token.slice(0, token.length / 2), token.slice(token.length / 2)];
}

function expectNoToken(bytes: Buffer, token: string, what: string): void {
  for (const trace of traces(token)) {
    expect(bytes.includes(Buffer.from(trace, 'utf8')), `${what} holds "${trace}"`).toBe(false);
  }
}

/** Every file under `dir` (JupyterLab's settings and workspaces). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map(name => join(dir, name))
    .filter(path => statSync(path).isFile());
}

test('a live plot saved in a notebook leaves no token in the file; a reload reconnects', async ({
  page,
  tmpPath
}) => {
  const name = 'no-secret.ipynb';
  const file = join(SERVER_ROOT, tmpPath, name);
  await createPlotNotebook(page, name, openPlotterCode('no secret', 10));
  const card = chartCard(page, 'loss');
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });

  // The real token, from the plotter's token file, owner-only.
  const port = new URL(savedHandleUrl(await savedBytes(page, file))).port;
  const tokenFile = join(RUNTIME_DIR, `async-plotter-${port}.json`);
  expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
  const token = (JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string }).token;
  expect(token).toMatch(/^[0-9a-f]{32}$/);

  // Live while a synchronous loop runs; saved in the middle of it.
  const index = await runStreamingCell(page, 10, 8);
  const seen: number[] = [];
  let savedMidRun = false;
  while (await isCellRunning(page, index)) {
    seen.push(await cardPoints(card));
    if (!savedMidRun && seen.length >= 3) {
      expectNoToken(await savedBytes(page, file), token, `${name} saved mid-run`);
      savedMidRun = (await isCellRunning(page, index)) || savedMidRun;
    }
    await page.waitForTimeout(400);
  }
  expect(savedMidRun, 'saved while the loop ran').toBe(true);
  const rises = seen.filter((points, k) => k > 0 && points > seen[k - 1]);
  expect(rises.length, `points seen while the loop ran: ${seen}`).toBeGreaterThanOrEqual(3);

  // It is the plotter's own token: the kernel agrees on its hash (the token stays out of the cell).
  const digest = createHash('sha256').update(token).digest('hex');
  await runNewCell(
    page,
    `const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(plot.handle.token));
console.log("digest", Array.from(new Uint8Array(d), b => b.toString(16).padStart(2, "0")).join(""));`
  );
  const digestCell = (await page.notebook.getCellCount()) - 1;
  await expect.poll(() => cellOutputText(page, digestCell)).toContain(`digest ${digest}`);

  const bytes = await savedBytes(page, file);
  expect(bytes.includes(Buffer.from(`digest ${digest}`)), 'the file is the latest save').toBe(true);
  expectNoToken(bytes, token, name);
  expect(bytes.includes(Buffer.from('token=')), 'no link with a token').toBe(false);

  // Reloading the page: the panel reconnects the card by itself, with the token lent again.
  const points = await cardPoints(card);
  await reloadKeepingKernel(page, name);
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect.poll(() => cardPoints(card)).toBe(points);
  await page.notebook.activate(name);
  await runNewCell(page, pushRowsCode(points, points + 15));
  await expect.poll(() => cardPoints(card)).toBe(points + 15);

  // Saved again after the reload; JupyterLab's own saved state keeps no token either.
  expectNoToken(await savedBytes(page, file), token, name);
  for (const path of filesUnder(LAB_STATE)) {
    expectNoToken(readFileSync(path), token, path);
  }
});
