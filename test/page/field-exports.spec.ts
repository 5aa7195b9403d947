/**
 * A field's exports from the viewer page, each read back by a real reader: the `.npy` by
 * numpy.load (Debian's python3-numpy) equals the pushed state cell for cell, NaN included; the
 * cells' PNG (pngjs) has one pixel per cell, row 0 on top; CSV and JSON hold every cell, empty
 * or null where a cell has no value; the picture shown is a PNG of the card's size. The state
 * is larger than the card, so the card holds only reduced cells: the exports are read from the
 * plot server.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { field, open, type Plotter } from 'async-plotter';
import { download } from '../support/download';

const [WIDTH, HEIGHT] = [700, 500];

/** A state with every cell different, a few without a value. */
function state(): Float32Array {
  const values = Float32Array.from(
    { length: WIDTH * HEIGHT },
    (_, i) => Math.sin(i / 997) * 3 + i / 1e5
  );
  values[0] = NaN;
  values[WIDTH * 7 + 3] = Infinity;
  values[WIDTH * HEIGHT - 1] = 50;
  return values;
}

let plotter: Plotter;

test.beforeEach(async () => {
  plotter = await open({ title: 'field exports', display: false, browser: false });
});

test.afterEach(async () => {
  await plotter.close({ timeoutMs: 500 });
});

test('every export of a field holds the whole state, read back by real readers', async ({
  page
}) => {
  const values = state();
  plotter
    .chart('phi', field({ title: 'phi', range: [-3, 3] }))
    .replace({ width: WIDTH, height: HEIGHT, values });
  await page.goto(plotter.viewerUrl);
  const card = page.locator('.jp-AsyncPlotter-card', { has: page.getByText('· phi') });
  await expect(card.locator('.jp-AsyncPlotter-fieldReadout')).toHaveText(/mean of each/);
  await expect(card.getByRole('button', { name: 'Export as SVG' })).toBeHidden();

  const npy = await download(page, card, 'Download the cells as .npy (numpy.load reads it)');
  expect(npy).toMatch(/field_exports-phi\.npy$/);
  const check = execFileSync('/usr/bin/python3', [
    '-c',
    [
      'import sys, numpy',
      'a = numpy.load(sys.argv[1])',
      "b = numpy.fromfile(sys.argv[2], dtype='<f4').reshape(a.shape)",
      'print(a.dtype, a.shape, bool(numpy.array_equal(a, b, equal_nan=True)))'
    ].join('\n'),
    npy,
    writeRaw(values)
  ]).toString();
  expect(check.trim()).toBe(`float32 (${HEIGHT}, ${WIDTH}) True`);

  const cells = PNG.sync.read(
    readFileSync(await download(page, card, 'Export the cells as PNG, one pixel per cell'))
  );
  expect([cells.width, cells.height]).toEqual([WIDTH, HEIGHT]);
  // No value (row 0, column 0): transparent; the last cell, above the range: its top colour.
  expect(cells.data[3]).toBe(0);
  const last = (WIDTH * HEIGHT - 1) * 4;
  expect([...cells.data.subarray(last, last + 4)]).toEqual([253, 231, 37, 255]);

  const csv = readFileSync(await download(page, card, 'Download the data as CSV'), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(HEIGHT);
  expect(lines[0].split(',')).toHaveLength(WIDTH);
  expect(lines[0].split(',')[0]).toBe('');
  expect(Number(lines[3].split(',')[9])).toBe(values[WIDTH * 3 + 9]);

  const json = JSON.parse(
    readFileSync(await download(page, card, 'Download the data as JSON'), 'utf8')
  ) as {
    width: number;
    height: number;
    values: (number | null)[][];
  };
  expect([json.width, json.height, json.values.length]).toEqual([WIDTH, HEIGHT, HEIGHT]);
  expect(json.values[7][3]).toBeNull();
  expect(json.values[HEIGHT - 1][WIDTH - 1]).toBe(50);

  const picture = PNG.sync.read(readFileSync(await download(page, card, 'Export as PNG')));
  const canvas = (await card.locator('canvas.marks').boundingBox())!;
  expect(Math.abs(picture.width - 2 * canvas.width)).toBeLessThanOrEqual(2);
  await expect(card.locator('.jp-AsyncPlotter-message')).toHaveText(/Exported|PNG/);
});

/** The state as raw little-endian Float32, for numpy to compare with. */
function writeRaw(values: Float32Array): string {
  const file = test.info().outputPath('state.f32');
  writeFileSync(file, Buffer.from(values.buffer));
  return file;
}
