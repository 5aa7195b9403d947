/**
 * What a saved notebook keeps of its plots. One cell opens a plotter and loops; the notebook
 * is saved while it runs and after it ends, and each file read from disk holds, beside the
 * handle, the figure as shown then: a PNG (decoded here), a static Vega-Lite spec with the
 * rows inlined that vega-embed draws into the same picture, an HTML form that nbconvert
 * (Debian's) turns into a page showing it, and no token. Then the kernel is shut down and the
 * notebook reopened in a fresh page: the saved figure shows at once, marked as saved and not
 * connected, and no plot socket opens. A malformed saved figure says "unreadable".
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture, JupyterLabPage } from '@jupyterlab/galata';
import type { Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { HANDLE_MIME_TYPE, PROTOCOL_VERSION } from 'async-plotter/protocol';
import { cardPoints } from '../support/card-points';
import { openPlotterCode } from '../support/plotter-cell';
import { chartView, createPlotNotebook, runStreamingCell } from './helpers/panel-notebook';
import { chartCard, isCellRunning, plotPanel, waitForCellToFinish } from './helpers/plot-panel';
import { handleOutputs, savedBytes } from './helpers/saved-notebook';
import type { SavedOutput } from './helpers/saved-notebook';

test.describe.configure({ timeout: 240_000 });

const ROOT = resolve(__dirname, '../..');
const SERVER_ROOT = join(ROOT, 'test/ui/workspace');
const RUNTIME_DIR = join(ROOT, '.scratch/jupyter/runtime');
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

interface FigureInfo {
  version: number;
  savedAt: string;
  takenAt: string;
  rows: number;
  charts: string[];
}

/** The one handle output of a saved notebook, with its figure's parts. */
function savedFigure(bytes: Buffer): {
  output: SavedOutput;
  info: FigureInfo;
  png: PNG;
  spec: { datasets: Record<string, unknown[]> };
} {
  const outputs = handleOutputs(bytes);
  expect(outputs, 'one handle output').toHaveLength(1);
  const output = outputs[0];
  const data = output.data ?? {};
  const info = (output.metadata?.[HANDLE_MIME_TYPE] as { figure?: FigureInfo } | undefined)?.figure;
  expect(info, 'the output describes its figure').toBeTruthy();
  expect(typeof data['image/png'], 'the output holds a PNG').toBe('string');
  const png = PNG.sync.read(Buffer.from(data['image/png'] as string, 'base64'));
  const spec = data[VEGA_LITE] as { datasets: Record<string, unknown[]> };
  expect(spec?.datasets, 'the output holds the Vega-Lite form with its rows').toBeTruthy();
  return { output, info: info as FigureInfo, png, spec };
}

/** Pixels that are not (near) white: a picture with something drawn in it. */
function inkedPixels(png: PNG): number {
  let inked = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] < 200 || png.data[i + 1] < 200 || png.data[i + 2] < 200) {
      inked++;
    }
  }
  return inked;
}

/** The pixels of a picture where Vega's default line colour (#4c78a8) dominates. */
function lineMask(png: PNG): { width: number; height: number; on: Set<number> } {
  const points: [number, number][] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
      if (b - r > 50 && b - g > 20) {
        points.push([x, y]);
      }
    }
  }
  const left = Math.min(...points.map(([x]) => x));
  const top = Math.min(...points.map(([, y]) => y));
  const width = Math.max(...points.map(([x]) => x)) - left + 1;
  const height = Math.max(...points.map(([, y]) => y)) - top + 1;
  return { width, height, on: new Set(points.map(([x, y]) => (y - top) * width + (x - left))) };
}

/**
 * How far two pictures' lines differ, aligned on their bounding boxes: the share of line
 * pixels in one and not the other (0: the same line, drawn the same; 1 for lines of another
 * size).
 */
function lineDifference(a: PNG, b: PNG): number {
  const [first, second] = [lineMask(a), lineMask(b)];
  if (Math.abs(first.width - second.width) > 1 || Math.abs(first.height - second.height) > 1) {
    return 1; // not drawn at the same size
  }
  let differing = 0;
  for (const pixel of first.on) {
    if (!second.on.has(pixel)) {
      differing++;
    }
  }
  for (const pixel of second.on) {
    if (!first.on.has(pixel)) {
      differing++;
    }
  }
  return differing / (first.on.size + second.on.size);
}

/** Share of pixels whose channels differ by more than 2 between two pictures of one size. */
function differingShare(a: PNG, b: PNG): number {
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(a.data[i + c] - b.data[i + c]) > 2) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

let vegaEmbed = '';
test.beforeAll(() => {
  vegaEmbed = buildSync({
    entryPoints: [join(__dirname, 'helpers/vega-picture-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'VegaPicture',
    write: false
  }).outputFiles[0].text;
});

/** The spec drawn by vega-embed on a blank page, as a reader without the extension would. */
async function drawnByVegaEmbed(page: Page, spec: unknown): Promise<PNG> {
  const blank = await page.context().newPage();
  await blank.setContent('<body style="margin:0"></body>');
  await blank.addScriptTag({ content: vegaEmbed });
  const url = await blank.evaluate(
    spec =>
      (
        window as unknown as { VegaPicture: { picture: (s: unknown) => Promise<string> } }
      ).VegaPicture.picture(spec),
    spec
  );
  await blank.close();
  return PNG.sync.read(Buffer.from(url.split(',')[1], 'base64'));
}

function expectNoToken(bytes: Buffer, port: string): void {
  const tokenFile = join(RUNTIME_DIR, `async-plotter-${port}.json`);
  const token = (JSON.parse(readFileSync(tokenFile, 'utf8')) as { token: string }).token;
  expect(bytes.includes(Buffer.from(token)), 'the file holds the token').toBe(false);
}

async function shutDownKernels(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(async () => {
    const app = (
      window as unknown as {
        jupyterapp: { serviceManager: { sessions: { shutdownAll(): Promise<void> } } };
      }
    ).jupyterapp;
    await app.serviceManager.sessions.shutdownAll();
  });
}

test('a saved notebook keeps the figure, mid-stream and after; reopened without its kernel it shows at once', async ({
  page,
  tmpPath
}, testInfo) => {
  const name = 'saved-figure.ipynb';
  const file = join(SERVER_ROOT, tmpPath, name);
  await createPlotNotebook(page, name, openPlotterCode('saved figure', 10));
  const card = chartCard(page, 'loss');
  await expect(plotPanel(page)).toBeVisible({ timeout: 30_000 });
  await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });

  // Saved while the loop runs: the figure of that moment, its two forms drawing the same.
  const index = await runStreamingCell(page, 10, 10);
  await expect.poll(() => cardPoints(card), { timeout: 20_000 }).toBeGreaterThan(1500);
  const savedAt = Date.now();
  const midBytes = await savedBytes(page, file);
  expect(await isCellRunning(page, index), 'saved while the loop ran').toBe(true);
  const mid = savedFigure(midBytes);
  const taken = Date.parse(mid.info.takenAt);
  expect(savedAt - taken, 'the figure is at most 3 s older than the save').toBeLessThan(3000);
  expect(mid.info.rows).toBeGreaterThan(1000);
  expect(inkedPixels(mid.png), 'the PNG shows a chart').toBeGreaterThan(2000);
  const drawn = await drawnByVegaEmbed(page, mid.output.data?.[VEGA_LITE]);
  expect(differingShare(mid.png, drawn), 'vega-embed draws the saved spec as the PNG').toBeLessThan(
    0.001
  );
  const port = new URL((mid.output.data?.[HANDLE_MIME_TYPE] as { url: string }).url).port;
  expectNoToken(midBytes, port);

  // Saved after the loop: every row the card stands for, a figure under 200 KB.
  await waitForCellToFinish(page, index, 30_000);
  // The card's count settles once the last frame is drawn; the saved figure then holds it.
  let points = -1;
  let last = mid;
  let lastBytes = midBytes;
  await expect
    .poll(
      async () => {
        lastBytes = await savedBytes(page, file);
        last = savedFigure(lastBytes);
        points = await cardPoints(card);
        return last.info.rows === points ? 'the same' : `${last.info.rows} saved, ${points} shown`;
      },
      { timeout: 20_000, intervals: [1000] }
    )
    .toBe('the same');
  expect(last.info.rows).toBeGreaterThan(mid.info.rows);
  expect(lastBytes.length - midBytes.length).toBeLessThan(200_000);
  expect(lastBytes.length, 'the whole notebook').toBeLessThan(300_000);
  expectNoToken(lastBytes, port);
  await testInfo.attach('saved-figure.png', {
    body: Buffer.from(last.output.data?.['image/png'] as string, 'base64'),
    contentType: 'image/png'
  });

  // The saved spec of the chart, drawn by vega-embed, draws the card's line: same rows, same size.
  const lite = last.output.data?.[VEGA_LITE] as {
    vconcat: Record<string, unknown>[];
    datasets: unknown;
  };
  const alone = { ...lite.vconcat[0], datasets: lite.datasets, title: null };
  const cardPicture = PNG.sync.read(await chartView(card).screenshot());
  const savedPicture = await drawnByVegaEmbed(page, alone);
  writeFileSync(testInfo.outputPath('card.png'), PNG.sync.write(cardPicture));
  writeFileSync(testInfo.outputPath('saved-chart.png'), PNG.sync.write(savedPicture));
  expect(lineDifference(cardPicture, savedPicture), 'the card and the saved spec').toBeLessThan(
    0.05
  );

  // nbconvert's HTML shows the picture.
  const html = execFileSync(
    '/usr/bin/python3',
    ['-m', 'nbconvert', '--to', 'html', '--stdout', file],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  expect(html).toContain(
    `src="data:image/png;base64,${(last.output.data?.['image/png'] as string).slice(0, 64)}`
  );
  expect(html).not.toContain('token=');

  // Kernel gone, a fresh page: the saved figure at once, and no plot socket.
  await shutDownKernels(page);
  const sockets: string[] = [];
  page.on('websocket', socket => sockets.push(socket.url()));
  page.on('request', request => {
    if (request.url().includes('socket.io')) {
      sockets.push(request.url());
    }
  });
  // The reload restores the open notebook, as JupyterLab does: that is its reopening.
  await (page as unknown as Pick<JupyterLabPage, 'reload'>).reload({ waitForIsReady: false });
  await page.waitForSelector('.jp-LabShell');
  if (!(await page.notebook.isOpen(name))) {
    await page.notebook.openByPath(`${tmpPath}/${name}`);
  }
  const saved = page.locator('.jp-AsyncPlotter-savedFigure');
  await expect(saved.locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(saved.locator('figcaption')).toContainText(
    `${points.toLocaleString('en-US')} rows; not connected`
  );
  expect(
    await saved.locator('img').evaluate(image => (image as HTMLImageElement).naturalWidth)
  ).toBe(last.png.width);
  await page.waitForTimeout(3000);
  expect(
    sockets.filter(url => /socket\.io|async-plotter/.test(url)),
    'plot sockets opened'
  ).toEqual([]);
  await page
    .locator('.jp-OutputArea')
    .first()
    .screenshot({
      path: testInfo.outputPath('reopened-output.png')
    });
});

test('a saved figure that cannot be read says so in its output', async ({ page, tmpPath }) => {
  const handle = {
    version: PROTOCOL_VERSION,
    id: 'p0123456789abcdef',
    title: 'old',
    url: 'http://127.0.0.1:9/',
    rate: 30
  };
  const output = (figure: unknown, png: unknown) => ({
    output_type: 'display_data',
    data: { [HANDLE_MIME_TYPE]: handle, 'image/png': png, 'text/plain': 'old plot' },
    metadata: { [HANDLE_MIME_TYPE]: { figure } }
  });
  const cells = [
    output({ version: 99, savedAt: '2026-01-01T00:00:00Z' }, 'iVBORw0KGgo='),
    output({ version: 1, savedAt: 'yesterday', rows: 'many' }, 'iVBORw0KGgo='),
    output(
      {
        version: 1,
        savedAt: '2026-01-01T00:00:00Z',
        takenAt: '2026-01-01T00:00:00Z',
        rows: 5,
        charts: ['a'],
        leftOut: []
      },
      'bm90IGEgcG5n'
    )
  ].map(out => ({
    cell_type: 'code',
    source: '',
    metadata: {},
    execution_count: 1,
    outputs: [out]
  }));
  const notebook = { cells, metadata: {}, nbformat: 4, nbformat_minor: 5 };
  writeFileSync(join(SERVER_ROOT, tmpPath, 'unreadable.ipynb'), JSON.stringify(notebook));
  await page.notebook.openByPath(`${tmpPath}/unreadable.ipynb`);
  const captions = page.locator('.jp-AsyncPlotter-savedFigure figcaption');
  await expect(captions).toHaveCount(3);
  await expect(captions.nth(0)).toContainText(
    'Saved figure unreadable: written by another version'
  );
  await expect(captions.nth(1)).toContainText(
    'Saved figure unreadable: its description is malformed'
  );
  await expect(captions.nth(2)).toContainText(
    'Saved figure unreadable: its picture does not decode'
  );
  await expect(page.locator('.jp-AsyncPlotter-savedFigure img')).toHaveCount(0);
});

test('ten charts of a million noisy rows each add under 3 MB to the saved notebook', async ({
  page,
  tmpPath
}, testInfo) => {
  const name = 'ten-charts.ipynb';
  const file = join(SERVER_ROOT, tmpPath, name);
  const code = `import { line, open } from "npm:async-plotter";
const plot = await open({ title: "ten charts" });
const charts = Array.from({ length: 10 }, (_, k) => plot.chart("c" + k, line({ x: "step", y: "v" })));
let seed = 1;
for (let step = 0; step < 1_000_000; step++) {
  for (const chart of charts) {
    seed = (seed * 16807) % 2147483647;
    chart.push({ step, v: Math.sin(step / 20000) + seed / 2147483647 });
  }
}`;
  await createPlotNotebook(page, name, code);
  const before = (await savedBytes(page, file)).length;
  for (let k = 0; k < 10; k++) {
    await expect
      .poll(() => cardPoints(chartCard(page, `c${k}`)), { timeout: 60_000 })
      .toBe(1_000_000);
  }
  await expect
    .poll(async () => savedFigure(await savedBytes(page, file)).info.rows, {
      timeout: 30_000,
      intervals: [1000]
    })
    .toBe(10_000_000);
  const bytes = await savedBytes(page, file);
  const saved = savedFigure(bytes);
  expect(saved.info.charts).toHaveLength(10);
  const outputBytes = JSON.stringify(saved.output).length;
  testInfo.annotations.push({
    type: 'size',
    description: `notebook ${before} -> ${bytes.length} bytes; the plot's output ${outputBytes} (${Math.round(outputBytes / 10 / 1024)} KB per chart)`
  });
  expect(bytes.length - before, 'the notebook grows by').toBeLessThan(3_000_000);
  expect(outputBytes / 10, 'per chart').toBeLessThan(200_000);
  expect(inkedPixels(saved.png)).toBeGreaterThan(10 * 2000);
  // The first card, on screen, and its chart in the saved spec draw the same noisy line, once
  // the figure has followed the card's size (a redraw a few seconds after the card's first draw).
  const c0Difference = async (): Promise<number> => {
    const lite = savedFigure(await savedBytes(page, file)).output.data?.[VEGA_LITE] as {
      vconcat: Record<string, unknown>[];
      datasets: unknown;
    };
    const cardPicture = PNG.sync.read(await chartView(chartCard(page, 'c0')).screenshot());
    const savedPicture = await drawnByVegaEmbed(page, {
      ...lite.vconcat[0],
      datasets: lite.datasets,
      title: null
    });
    writeFileSync(testInfo.outputPath('card-c0.png'), PNG.sync.write(cardPicture));
    writeFileSync(testInfo.outputPath('saved-c0.png'), PNG.sync.write(savedPicture));
    return lineDifference(cardPicture, savedPicture);
  };
  await expect
    .poll(c0Difference, {
      timeout: 30_000,
      intervals: [2000],
      message: 'card c0 and its saved spec'
    })
    .toBeLessThan(0.05);
  await testInfo.attach('ten-charts.png', {
    body: Buffer.from(saved.output.data?.['image/png'] as string, 'base64'),
    contentType: 'image/png'
  });
});

test('a huge saved spec in an untrusted notebook stays inert: only its picture shows', async ({
  page,
  tmpPath
}) => {
  const picture = new PNG({ width: 40, height: 20 });
  picture.data.fill(128);
  const rows = Array.from({ length: 200_000 }, (_, step) => step);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    datasets: { 'loss/d': [{ step: rows, v: rows }] },
    vconcat: [{ data: { name: 'loss/d' }, mark: 'line', transform: [{ flatten: ['step', 'v'] }] }]
  };
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        source: '',
        metadata: {},
        execution_count: 1,
        outputs: [
          {
            output_type: 'display_data',
            data: {
              [HANDLE_MIME_TYPE]: {
                version: PROTOCOL_VERSION,
                id: 'p00000000000000aa',
                title: 'huge',
                url: 'http://127.0.0.1:9/',
                rate: 30
              },
              'image/png': PNG.sync.write(picture).toString('base64'),
              [VEGA_LITE]: spec,
              'text/html': '<figure><img src="x" onerror="window.__ran = true"></figure>',
              'text/plain': 'huge'
            },
            metadata: {
              [HANDLE_MIME_TYPE]: {
                figure: {
                  version: 1,
                  savedAt: '2026-01-01T00:00:00Z',
                  takenAt: '2026-01-01T00:00:00Z',
                  rows: 200_000,
                  charts: ['loss'],
                  leftOut: []
                }
              }
            }
          }
        ]
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  writeFileSync(join(SERVER_ROOT, tmpPath, 'huge.ipynb'), JSON.stringify(notebook));
  await page.notebook.openByPath(`${tmpPath}/huge.ipynb`);
  const output = page.locator('.jp-AsyncPlotter-handle');
  await expect(output.locator('.jp-AsyncPlotter-savedFigure img')).toBeVisible();
  await expect(output.locator('figcaption')).toContainText('200,000 rows; not connected');
  await expect(output.getByRole('button', { name: 'Connect' })).toBeVisible();
  // Nothing of the spec or the HTML was rendered: no Vega view, no script, no canvas.
  expect(await page.locator('.jp-OutputArea .vega-embed, .jp-OutputArea canvas').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran ?? false)).toBe(false);
});
