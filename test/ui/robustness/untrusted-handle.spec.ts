import { expect, test } from '@jupyterlab/galata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { HANDLE_MIME_TYPE, PROTOCOL_VERSION } from 'async-plotter/protocol';
import type { DisplayedHandle, PlotterHandle } from 'async-plotter/protocol';
import { createPlotNotebook } from '../helpers/panel-notebook';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';
import { ROOT } from '../../support/repo-root';

// JupyterLab's trust model for the handle: a notebook opened from disk whose saved outputs hold
// a plotter handle connects nowhere by itself (its outputs are untrusted); a handle the
// kernel displays in this session is trusted and connects; a handle of a plot server on
// another machine waits for a click even when trusted.

/**
 * Jupyter's runtime directory of the host (as test/support/stream-script.ts gives it): a
 * plotter opened with it keeps its token where the host's Jupyter server looks.
 */
const HOST_RUNTIME_DIR = `${ROOT}.scratch/jupyter/runtime`;

let script: ChildProcess | null = null;
test.afterEach(() => {
  script?.kill('SIGKILL');
  script = null;
});

/**
 * Starts the page tests' stream fixture under Node, a script of the same user as the host's
 * Jupyter server; resolves with its plotter's handle. (Not through
 * test/support/stream-script.ts, an ES module that these CommonJS tests cannot load in a run
 * beside the page tests.)
 */
function startStream(title: string): Promise<PlotterHandle> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/page/fixtures/stream.ts', title, '{"display":false}'],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, JUPYTER_RUNTIME_DIR: HOST_RUNTIME_DIR }
    }
  );
  script = child;
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', text =>
      resolve((JSON.parse(text) as { handle: PlotterHandle }).handle)
    );
    child.once('exit', code => reject(new Error(`the stream fixture ended (${code})`)));
  });
}

/** Every websocket the page opens, by URL. */
function watchWebsockets(page: Page): string[] {
  const opened: string[] = [];
  page.on('websocket', socket => opened.push(socket.url()));
  return opened;
}

/**
 * Whether a websocket URL goes to the plot server on `port`: directly, or through the Jupyter
 * server's route (`<base_url>async-plotter/<port>/…`).
 */
function toPlotServer(url: string, port: string): boolean {
  return url.includes(`:${port}/`) || url.includes(`/async-plotter/${port}/`);
}

/** The handle as the kernel client displays it in a notebook: no token. */
function withoutToken(handle: PlotterHandle): DisplayedHandle {
  const { version, id, title, url, rate, inline } = handle;
  return { version, id, title, url, rate, inline };
}

/** A notebook as saved to disk by someone else: one output holding `handle`, no signature. */
function savedNotebook(handle: DisplayedHandle): string {
  return JSON.stringify({
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'plot',
        metadata: {},
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: { [HANDLE_MIME_TYPE]: handle, 'text/plain': `Async Plotter "${handle.title}"` }
          }
        ],
        source: ['// a cell that opened a plotter']
      }
    ],
    metadata: { kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test('a saved handle of an untrusted notebook opens no socket until Connect is clicked', async ({
  page,
  tmpPath
}) => {
  const handle = await startStream('saved plot');
  const port = new URL(handle.url).port;
  const opened = watchWebsockets(page);
  // Nor is the plotter's token asked of the Jupyter server before the click.
  const tokenAsked: string[] = [];
  page.on('request', request => {
    if (request.url().includes(`/async-plotter/token/${port}`)) {
      tokenAsked.push(request.url());
    }
  });
  // As a notebook output holds it: without the token, which the Jupyter server lends.
  await page.contents.uploadContent(
    savedNotebook(withoutToken(handle)),
    'text',
    `${tmpPath}/saved.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/saved.ipynb`);
  const output = page.locator('.jp-AsyncPlotter-handle');
  await expect(output).toHaveAttribute('data-consent', 'untrusted');
  await expect(output).toContainText('not trusted');
  await page.waitForTimeout(2000);
  expect(opened.filter(url => toPlotServer(url, port))).toEqual([]);
  expect(tokenAsked).toEqual([]);
  await expect(chartCard(page, 'wave')).toHaveCount(0);

  await output.getByRole('button', { name: /Connect to the plot server/ }).click();
  await expect(plotPanel(page)).toBeVisible();
  await expect(chartCard(page, 'wave')).toHaveAttribute('data-status', 'connected');
  expect(
    opened.some(url => toPlotServer(url, port) && url.includes('/async-plotter/socket.io'))
  ).toBe(true);
  await expect(output).toHaveAttribute('data-status', 'connected');
  expect(tokenAsked.length).toBeGreaterThan(0);
});

test('a handle displayed by the kernel in this session connects by itself', async ({ page }) => {
  const opened = watchWebsockets(page);
  await createPlotNotebook(page, 'trusted.ipynb', openPlotterCode('trusted plot', 10));
  await expect(chartCard(page, 'loss')).toHaveAttribute('data-status', 'connected', {
    timeout: 30_000
  });
  expect(opened.some(url => url.includes('/async-plotter/socket.io'))).toBe(true);
  await expect(page.locator('.jp-AsyncPlotter-handle')).not.toHaveAttribute('data-consent', /./);
});

test('a trusted handle of another host waits for an explicit Connect', async ({ page }) => {
  // A name that never resolves: even a bug here would send nothing anywhere.
  const remote = 'http://plotter.invalid:8893';
  let routed = 0;
  await (page as unknown as { page: Page }).page.routeWebSocket(/plotter\.invalid/, socket => {
    routed++;
    void socket.close();
  });
  await page.reload(); // a websocket route applies to documents loaded after it
  const opened = watchWebsockets(page);
  const handle = {
    version: PROTOCOL_VERSION,
    id: 'remote-1',
    title: 'remote',
    url: remote,
    token: 't',
    rate: 30,
    inline: false
  };
  await createPlotNotebook(
    page,
    'remote.ipynb',
    `Deno.jupyter.display(${JSON.stringify({ [HANDLE_MIME_TYPE]: handle, 'text/plain': 'remote' })}, { raw: true });`
  );
  const output = page.locator('.jp-AsyncPlotter-handle');
  await expect(output).toHaveAttribute('data-consent', 'remote');
  await expect(output).toContainText('plotter.invalid:8893');
  await expect(output.getByRole('button', { name: /Connect to the plot server/ })).toBeVisible();
  await page.waitForTimeout(2000);
  expect(opened.filter(url => url.includes('plotter.invalid'))).toEqual([]);
  expect(routed).toBe(0);
});
