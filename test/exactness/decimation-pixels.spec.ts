/**
 * A line chart drawn from the decimated rows is the picture drawn from every row: both are
 * rendered by Vega in Chromium at the same size and compared pixel by pixel. The rows come from
 * the worker's own decimation (store, index, pyramid, M4 selection), aligned with the scale the
 * decimated chart itself reports, as the panel reports it to the plot server.
 */
import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ChartViewport, ScaleReport } from '../../kernel-client/src/protocol.ts';
import { createRequire } from 'node:module';
import { assumedScale, bucketGrid } from '../../kernel-client/src/worker/decimation/bucket-grid.ts';
import { DatasetDecimator } from '../../kernel-client/src/worker/decimation/dataset-decimator.ts';
import { selectRows } from '../../kernel-client/src/worker/decimation/select-rows.ts';
import { numberFields, storeOf } from '../unit/kernel-client/decimation/stored-rows.ts';
import { signal, type SignalName } from './signals.ts';

// The extension's sources are CommonJS to Node (the root package is not a module package).
const require = createRequire(import.meta.url);
const { scaleReport } =
  require('../../src/viewer/views/scale-report.ts') as typeof import('../../src/viewer/views/scale-report');
// The charts are drawn with the viewer's own mark defaults, as in the panel.
const { MARK_CONFIG } =
  require('../../src/viewer/views/view-spec.ts') as typeof import('../../src/viewer/views/view-spec');
const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const WIDTH = 800;
const HEIGHT = 300;
/**
 * Pixels may differ by antialiasing only: pixels inked in one picture and blank in the other
 * are at most this share of the plot's pixels, and none of them far from the other's ink (a
 * missing extreme, gap or end would be).
 */
const MOST_DIFFERING = 0.005;

test.describe.configure({ timeout: 180_000 });

const cases: [SignalName, number][] = [
  ['noise', 1e5],
  ['steps', 1e5],
  ['spikes', 1e5],
  ['gaps', 1e5],
  ['noise', 1e6],
  ['steps', 1e6],
  ['spikes', 1e6],
  ['gaps', 1e6]
];

test.beforeEach(async ({ page }) => {
  await page.setContent('<div id="all"></div><div id="decimated"></div>');
  for (const module of [
    'vega/build/vega.min.js',
    'vega-lite/build/vega-lite.min.js',
    'vega-embed/build/vega-embed.min.js'
  ]) {
    await page.addScriptTag({ path: NODE_MODULES + module });
  }
});

for (const [shape, n] of cases) {
  test(`${shape}, ${n.toExponential(0)} rows: decimated and full pictures match`, async ({
    page
  }, testInfo) => {
    const rows = signal(shape, n);
    const { store } = storeOf(numberFields('x', 'y'), rows);
    const decimator = new DatasetDecimator(store, { x: 0, lineYs: [1], pointYs: [], series: [] });
    decimator.update();
    const extent = decimator.xExtent() as [number, number];
    const columns = (selected: number[]) => ({
      x: selected.map(row => rows[row][0]),
      y: selected.map(row => (Number.isFinite(rows[row][1]) ? rows[row][1] : null))
    });
    // Before the chart reports its scale: the plot size over the rows' extent.
    const first: ChartViewport = {
      chart: 'c',
      x: assumedScale(extent, WIDTH),
      y: null,
      zoomed: false
    };
    const firstRows = selectRows(decimator, bucketGrid(first, extent, null)).rows;
    const raw = await page.evaluate(drawDecimated, {
      columns: columns(firstRows),
      width: WIDTH,
      height: HEIGHT,
      config: MARK_CONFIG
    });
    // Then aligned with the scale the decimated chart reports, by the panel's own report.
    const reported = scaleReport(
      {
        scale: () => ({ ...raw, domain: () => raw.domain, range: () => raw.range }),
        origin: () => raw.origin
      },
      'x',
      1
    ) as ScaleReport;
    const viewport: ChartViewport = { chart: 'c', x: reported, y: null, zoomed: false };
    const selected = selectRows(decimator, bucketGrid(viewport, extent, null)).rows;
    expect(selected.length).toBeLessThanOrEqual(4 * WIDTH + 50);
    const all = columns(rows.map((_, index) => index));
    const result = await page.evaluate(comparePictures, {
      decimated: columns(selected),
      all,
      width: WIDTH,
      height: HEIGHT,
      config: MARK_CONFIG
    });
    const description =
      `${result.differing} of ${result.plotPixels} plot pixels inked in one picture only, ` +
      `${result.fringe} more inked in one only but beside ink in the other, ` +
      `${result.shaded} inked in both with another darkness (antialiasing); ` +
      `${selected.length} of ${n} rows drawn`;
    console.log(`${shape} ${n}: ${description}`);
    testInfo.annotations.push({
      type: 'pixels',
      description
    });
    const inkedInOne = result.differing + result.fringe;
    if (inkedInOne > MOST_DIFFERING * result.plotPixels || result.differing > 0) {
      const path = testInfo.outputPath('difference.png');
      await writeFile(path, Buffer.from(result.diffImage.split(',')[1], 'base64'));
      await testInfo.attach(
        'difference (red: inked in one only; orange: beside ink in the other)',
        {
          path,
          contentType: 'image/png'
        }
      );
      const crop = testInfo.outputPath('difference-zoomed.png');
      await writeFile(crop, Buffer.from(result.crop.split(',')[1], 'base64'));
      await testInfo.attach('every row | decimated | difference, 6x', {
        path: crop,
        contentType: 'image/png'
      });
    }
    expect(inkedInOne, `${inkedInOne} pixels inked in one picture only`).toBeLessThanOrEqual(
      MOST_DIFFERING * result.plotPixels
    );
    expect(result.differing, 'pixels inked in one picture, far from ink in the other').toBe(0);
  });
}

/** The parts of a Vega view the page functions use. */
interface PageView {
  scale(name: string): { type: string; domain(): unknown[]; range(): unknown[] };
  origin(): [number, number];
  toCanvas(pixelRatio: number): Promise<HTMLCanvasElement>;
}

interface Columns {
  x: number[];
  y: (number | null)[];
}

/** Runs in the page: draws the decimated rows and returns the x scale the chart reports. */
async function drawDecimated(options: {
  columns: Columns;
  width: number;
  height: number;
  config: unknown;
}) {
  const { columns, width, height } = options;
  const embed = (
    window as unknown as {
      vegaEmbed: (el: string, spec: unknown, opts: unknown) => Promise<{ view: PageView }>;
    }
  ).vegaEmbed;
  const values = columns.x.map((x, i) => ({ x, y: columns.y[i] }));
  const result = await embed(
    '#decimated',
    {
      width,
      height,
      data: { values },
      mark: 'line',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
    },
    { actions: false, renderer: 'canvas', config: options.config }
  );
  const scale = result.view.scale('x');
  return {
    type: scale.type as string,
    domain: scale.domain().map(Number) as number[],
    range: scale.range().map(Number) as number[],
    origin: result.view.origin() as [number, number]
  };
}

/** Runs in the page: renders both row sets alike and counts the pixels that differ. */
async function comparePictures(options: {
  decimated: Columns;
  all: Columns;
  width: number;
  height: number;
  config: unknown;
}) {
  const { width, height } = options;
  const INK = 16;
  const embed = (
    window as unknown as {
      vegaEmbed: (
        el: string,
        spec: unknown,
        opts: unknown
      ) => Promise<{ view: PageView; finalize(): void }>;
    }
  ).vegaEmbed;
  const render = async (target: string, columns: Columns) => {
    const values = columns.x.map((x, i) => ({ x, y: columns.y[i] }));
    const result = await embed(
      target,
      {
        width,
        height,
        data: { values },
        mark: 'line',
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' }
        }
      },
      { actions: false, renderer: 'canvas', config: options.config }
    );
    const canvas: HTMLCanvasElement = await result.view.toCanvas(1);
    const origin = result.view.origin();
    result.finalize();
    return { canvas, origin };
  };
  const a = await render('#all', options.all);
  const b = await render('#decimated', options.decimated);
  const w = a.canvas.width;
  const h = a.canvas.height;
  const pa = a.canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
  const pb = b.canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
  const diff = document.createElement('canvas');
  diff.width = w;
  diff.height = h;
  const dc = diff.getContext('2d')!;
  dc.drawImage(a.canvas, 0, 0);
  dc.globalAlpha = 0.3;
  const out = dc.getImageData(0, 0, w, h);
  // A pixel is inked when it differs clearly from the background (the chart's white);
  // antialiasing and overdraw change how dark an inked pixel is, a wrong picture inks other
  // pixels. `differing` counts pixels inked in one picture and blank in the other; `shaded`,
  // for the record, pixels inked in both but of clearly different darkness.
  const inked = (p: Uint8ClampedArray, i: number) =>
    Math.max(
      Math.abs(p[i] - pa[0]),
      Math.abs(p[i + 1] - pa[1]),
      Math.abs(p[i + 2] - pa[2]),
      Math.abs(p[i + 3] - pa[3])
    ) > INK;
  const inkA = new Uint8Array(w * h);
  const inkB = new Uint8Array(w * h);
  for (let p = 0; p < w * h; p++) {
    inkA[p] = inked(pa, p * 4) ? 1 : 0;
    inkB[p] = inked(pb, p * 4) ? 1 : 0;
  }
  /** Whether `ink` has an inked pixel at or next to (x, y). */
  const near = (ink: Uint8Array, x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < w && yy < h && ink[yy * w + xx]) {
          return true;
        }
      }
    }
    return false;
  };
  let differing = 0;
  let fringe = 0;
  let shaded = 0;
  for (let i = 0; i < pa.length; i += 4) {
    const a = inkA[i / 4] === 1;
    const b = inkB[i / 4] === 1;
    if (a && b) {
      const delta = Math.max(
        Math.abs(pa[i] - pb[i]),
        Math.abs(pa[i + 1] - pb[i + 1]),
        Math.abs(pa[i + 2] - pb[i + 2])
      );
      shaded += delta > INK ? 1 : 0;
    }
    if (a !== b) {
      const x = (i / 4) % w;
      const y = Math.floor(i / 4 / w);
      // Inked in one only, but the other inks the pixel beside it: the fringe antialiasing
      // leaves (dense columns saturate their neighbours; a few segments only tint them).
      const beside = a ? near(inkB, x, y) : near(inkA, x, y);
      if (beside) {
        fringe++;
      } else {
        differing++;
      }
      out.data[i] = 255;
      out.data[i + 1] = beside ? 170 : 0;
      out.data[i + 2] = 0;
      out.data[i + 3] = 255;
    }
  }
  dc.putImageData(out, 0, 0);
  // Side by side, 6x: a stretch of the plot where pixels differ most (every row | decimated | difference).
  const band = 60;
  let best = 0;
  let bestCount = -1;
  for (let x0 = 0; x0 + band <= w; x0 += 10) {
    let count = 0;
    for (let y = 0; y < h; y++) {
      for (let x = x0; x < x0 + band; x++) {
        const i = (y * w + x) * 4;
        count += out.data[i] === 255 && out.data[i + 2] === 0 && out.data[i + 3] === 255 ? 1 : 0;
      }
    }
    if (count > bestCount) {
      bestCount = count;
      best = x0;
    }
  }
  const zoom = 6;
  const crop = document.createElement('canvas');
  crop.width = band * zoom * 3 + 20;
  crop.height = h * 2;
  const cc = crop.getContext('2d')!;
  cc.imageSmoothingEnabled = false;
  cc.fillStyle = '#888';
  cc.fillRect(0, 0, crop.width, crop.height);
  const rowsShown = Math.floor(h / 3);
  let y0 = 0;
  let densest = -1;
  for (let y = 0; y + rowsShown <= h; y += 5) {
    let count = 0;
    for (let yy = y; yy < y + rowsShown; yy++) {
      for (let x = best; x < best + band; x++) {
        const at = (yy * w + x) * 4;
        count += out.data[at] === 255 && out.data[at + 2] === 0 ? 1 : 0;
      }
    }
    if (count > densest) {
      densest = count;
      y0 = y;
    }
  }
  [a.canvas, b.canvas, diff].forEach((source, k) =>
    cc.drawImage(
      source,
      best,
      y0,
      band,
      rowsShown,
      k * (band * zoom + 10),
      0,
      band * zoom,
      rowsShown * zoom
    )
  );
  return {
    crop: crop.toDataURL('image/png'),
    differing,
    fringe,
    shaded,
    plotPixels: width * height,
    sameSize: a.canvas.width === b.canvas.width && a.canvas.height === b.canvas.height,
    origin: [a.origin, b.origin],
    diffImage: diff.toDataURL('image/png')
  };
}
