/**
 * The line layer draws what Vega draws: a chart drawn by the viewer's line layer (Vega with the
 * extent rows and the line mark hidden, the rows painted on the canvas over it) and the same
 * chart drawn by Vega from every row are rendered in Chromium at the same size and compared
 * pixel by pixel, for one line, coloured series given in any order, gaps, dates, a styled mark
 * in the dark theme, a log scale and a zoomed x axis.
 */
import { expect, test } from '@playwright/test';
import { buildSync } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const ENTRY = fileURLToPath(new URL('./line-layer-entry.ts', import.meta.url));

/** Channel difference (0-255) still counted as the same pixel: rounding where series cross. */
const SAME = 2;

type Row = Record<string, unknown>;

interface Case {
  name: string;
  spec: Row;
  rows: Row[];
  theme?: 'dark';
  /** An x interval to zoom both pictures to. */
  zoom?: [number, number];
}

function noise(n: number, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  });
}

const line = (encoding: Row, mark: Row = {}): Row => ({
  data: { name: 'data' },
  mark: { type: 'line', clip: true, ...mark },
  encoding
});
const xy = { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } };
const walk = noise(3000).map((v, i, all) => ({
  x: i * 10,
  y: all.slice(0, i).reduce((a, b) => a + b, v)
}));

const cases: Case[] = [
  { name: 'one line', spec: line(xy), rows: walk },
  {
    name: 'three series, rows in any order',
    spec: line({ ...xy, color: { field: 's', type: 'nominal' } }),
    rows: noise(2400, 7).map((v, i) => ({
      x: (i * 7919) % 2400,
      y: v + (i % 3),
      s: `layer${i % 3}`
    }))
  },
  {
    name: 'gaps and a lone point',
    spec: line(xy),
    rows: walk.map((row, i) =>
      (i > 1000 && i < 1100) || i === 1500 || i === 1502 ? { ...row, y: null } : row
    )
  },
  {
    name: 'dates',
    spec: line({ ...xy, x: { field: 't', type: 'temporal' } }),
    rows: walk.map((row, i) => ({ t: Date.UTC(2026, 0, 1) + i * 3_600_000, y: row.y }))
  },
  {
    name: 'styled mark, dark theme',
    spec: line(xy, { strokeWidth: 3, opacity: 0.6, strokeDash: [6, 3], color: '#e45756' }),
    rows: walk,
    theme: 'dark'
  },
  {
    name: 'log y',
    spec: line({ ...xy, y: { field: 'y', type: 'quantitative', scale: { type: 'log' } } }),
    rows: walk.map(row => ({ x: row.x, y: Math.exp((row.y as number) / 4) }))
  },
  { name: 'zoomed x', spec: line(xy), rows: walk, zoom: [8000, 12000] }
];

test.describe.configure({ timeout: 60_000 });

let bundle = '';
test.beforeAll(() => {
  bundle = buildSync({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    globalName: 'LineLayer',
    write: false
  }).outputFiles[0].text;
});

for (const testCase of cases) {
  test(`line layer: ${testCase.name}`, async ({ page }, testInfo) => {
    await page.setContent(
      '<style>body{margin:0}.card{width:620px;padding:4px}</style>' +
        '<div class="card" id="vega"></div><div class="card" id="layer"></div>'
    );
    for (const module of [
      'vega/build/vega.min.js',
      'vega-lite/build/vega-lite.min.js',
      'vega-embed/build/vega-embed.min.js'
    ]) {
      await page.addScriptTag({ path: NODE_MODULES + module });
    }
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate(drawBoth, { ...testCase, same: SAME });
    const description = `${result.differing} of ${result.pixels} pixels differ (largest channel difference ${result.largest}); ${result.painted} rows painted; plan: ${result.planned}`;
    console.log(`${testCase.name}: ${description}`);
    testInfo.annotations.push({ type: 'pixels', description });
    const picture = testInfo.outputPath('vega-and-layer.png');
    await writeFile(picture, Buffer.from(result.image.split(',')[1], 'base64'));
    await testInfo.attach('Vega from every row (top), the line layer (bottom)', {
      path: picture,
      contentType: 'image/png'
    });
    expect(result.planned, 'the chart is drawn by the line layer').toBe(true);
    expect(result.painted).toBe(
      testCase.rows.filter(row => row.x !== undefined || row.t !== undefined).length
    );
    expect(result.inked, 'the line is drawn at all').toBeGreaterThan(1000);
    expect(result.differing, description).toBe(0);
  });
}

/** Runs in the page: both pictures, composed, and their difference. */
async function drawBoth(testCase: Case & { same?: number }) {
  const SAME_CHANNEL = testCase.same ?? 8;
  interface View {
    change(name: string, changeset: unknown): View;
    runAsync(): Promise<View>;
    signal(name: string, value?: unknown): unknown;
    getState(): unknown;
    container(): HTMLElement | null;
  }
  const global = window as unknown as {
    vegaEmbed: (el: HTMLElement, spec: unknown, options: unknown) => Promise<{ view: View }>;
    vega: { changeset(): { insert(rows: unknown[]): unknown } };
    LineLayer: {
      planLineLayer(spec: unknown): { dataset: string } | null;
      extentRows(rows: Row[], plan: unknown): Row[];
      hideLineMarks(compiled: (spec: unknown) => void): (spec: unknown) => unknown;
      LinePainter: new (plan: unknown) => {
        paint(view: View, rows: Row[]): void;
        painted: number;
      };
      viewSpec(spec: unknown): unknown;
      viewConfig(background: string | undefined): unknown;
    };
  };
  const { LineLayer, vegaEmbed, vega } = global;
  const plan = LineLayer.planLineLayer(testCase.spec);
  const options = (patch?: unknown) => ({
    actions: false,
    renderer: 'canvas',
    theme: testCase.theme,
    config: LineLayer.viewConfig(testCase.theme ? '#111111' : '#ffffff'),
    ...(patch ? { patch } : {})
  });
  const spec = LineLayer.viewSpec(testCase.spec);
  const full = await vegaEmbed(document.getElementById('vega')!, spec, options());
  await full.view.change('data', vega.changeset().insert(testCase.rows)).runAsync();
  const layered = await vegaEmbed(
    document.getElementById('layer')!,
    spec,
    options(plan ? LineLayer.hideLineMarks(() => {}) : undefined)
  );
  const painter = plan ? new LineLayer.LinePainter(plan) : null;
  const extents = plan ? LineLayer.extentRows(testCase.rows, plan) : testCase.rows;
  await layered.view.change('data', vega.changeset().insert(extents)).runAsync();
  if (testCase.zoom) {
    const field = 'x' in testCase.rows[0] ? 'x' : 't';
    for (const view of [full.view, layered.view]) {
      view.signal(`async_plotter_zoom_${field}`, testCase.zoom);
      await view.runAsync();
    }
  }
  painter?.paint(layered.view, testCase.rows);
  const canvases = (view: View) => [...view.container()!.querySelectorAll('canvas')];
  const [a] = canvases(full.view);
  const layers = canvases(layered.view);
  const w = a.width;
  const h = a.height;
  const composed = document.createElement('canvas');
  composed.width = w;
  composed.height = h;
  const cc = composed.getContext('2d')!;
  for (const layer of layers) {
    cc.drawImage(layer, 0, 0);
  }
  const pa = a.getContext('2d')!.getImageData(0, 0, w, h).data;
  const pb = cc.getImageData(0, 0, w, h).data;
  let differing = 0;
  let largest = 0;
  let inked = 0;
  const background = [pa[0], pa[1], pa[2]];
  for (let i = 0; i < pa.length; i += 4) {
    let delta = 0;
    let ink = 0;
    for (let c = 0; c < 4; c++) {
      delta = Math.max(delta, Math.abs(pa[i + c] - pb[i + c]));
      if (c < 3) {
        ink = Math.max(ink, Math.abs(pa[i + c] - background[c]));
      }
    }
    largest = Math.max(largest, delta);
    if (delta > SAME_CHANNEL) {
      differing++;
    }
    if (ink > 64) {
      inked++;
    }
  }
  const both = document.createElement('canvas');
  both.width = w;
  both.height = 2 * h;
  const bc = both.getContext('2d')!;
  bc.drawImage(a, 0, 0);
  bc.drawImage(composed, 0, h);
  return {
    planned: plan !== null,
    painted: painter?.painted ?? 0,
    differing,
    largest,
    inked,
    pixels: w * h,
    image: both.toDataURL('image/png')
  };
}
