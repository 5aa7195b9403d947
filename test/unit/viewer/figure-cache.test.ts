// The figure a notebook save writes: taken from the cards' rows, redrawn while data changes,
// the whole chart kept through a zoom, written into an output and read back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame, Snapshot } from 'async-plotter/protocol';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import { figureRows } from 'async-plotter/figure';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';
import { FigureCache } from '../../../src/viewer/figure/figure-cache';
import { readSavedFigure, withSavedFigure } from '../../../src/viewer/figure/saved-figure';
import { append, handle, range } from './wire';

const SPEC = {
  data: { name: 'd' },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
};

function plotter(rows: number): PlotterModel {
  const model = new PlotterModel('s', handle('p1', 'run'));
  const snapshot = {
    charts: [{ chart: 'loss', spec: SPEC, datasets: [append('d', range(0, rows))] }]
  };
  model.applySnapshot(snapshot as unknown as Snapshot, 0);
  return model;
}

function push(model: PlotterModel, from: number, to: number, reset = false): void {
  const frame = {
    seq: 1,
    charts: [{ chart: 'loss', datasets: [append('d', range(from, to), { reset })] }]
  };
  model.applyFrame(frame as unknown as Frame, 1);
}

/** A cache that "draws" instantly, counting its drawings. */
function cache(model: PlotterModel): { cache: FigureCache; draws: () => number } {
  let draws = 0;
  const figures = new FigureCache(model, {
    draw: () => {
      draws++;
      return Promise.resolve({ base64: 'iVBORw0KGgo=', width: 600, height: 290 });
    },
    minIntervalMs: 0
  });
  return { cache: figures, draws: () => draws };
}

function datasetRows(figures: FigureCache): number {
  const spec = figures.latest?.figure.spec as { datasets: Record<string, unknown> };
  return figureRows(spec.datasets['loss/d']).length;
}

const viewport = (zoomed: boolean) =>
  ({ chart: 'loss', x: { domain: [0, 1], range: [0, 600] }, y: null, zoomed }) as never;

describe('FigureCache', () => {
  it('draws the cards rows, and again when they change', async () => {
    const model = plotter(50);
    const { cache: figures, draws } = cache(model);
    await figures.settled();
    assert.equal(datasetRows(figures), 50);
    assert.equal(figures.latest?.figure.rows, 50);
    assert.deepEqual(figures.latest?.figure.charts, ['loss']);
    const before = draws();
    push(model, 50, 80);
    assert.equal(figures.stale, true);
    await figures.settled();
    assert.equal(datasetRows(figures), 80);
    assert.equal(draws(), before + 1);
    // Nothing changed: no drawing.
    await figures.settled();
    assert.equal(draws(), before + 1);
    figures.dispose();
  });

  it('draws again when a card draws at another width, at that width', async () => {
    const model = plotter(20);
    const { cache: figures, draws } = cache(model);
    await figures.settled();
    const before = draws();
    const chart = model.charts.get('loss');
    chart?.reportViewport({
      chart: 'loss',
      x: { type: 'linear', domain: [0, 19], range: [0, 240] },
      y: null,
      zoomed: false
    } as never);
    await figures.settled();
    assert.equal(draws(), before + 1);
    const spec = figures.latest?.figure.spec as { vconcat: { width: number }[] };
    assert.equal(spec.vconcat[0].width, 240);
    figures.dispose();
  });

  it('a zoomed chart keeps the rows it had before the zoom until the whole chart is back', async () => {
    const model = plotter(100);
    const { cache: figures } = cache(model);
    await figures.settled();
    const chart = model.charts.get('loss');
    chart?.reportViewport(viewport(true));
    push(model, 40, 60, true); // the zoomed window's rows replace the whole chart's
    await figures.settled();
    assert.equal(datasetRows(figures), 100, 'the figure is the whole chart');
    chart?.reportViewport(viewport(false));
    await figures.settled();
    assert.equal(datasetRows(figures), 100, 'still the whole chart until its rows arrive');
    push(model, 0, 120, true);
    await figures.settled();
    assert.equal(datasetRows(figures), 120);
    figures.dispose();
  });

  it('waits costShare times as long as a drawing took before the next', async () => {
    let now = 0;
    const model = plotter(10);
    const figures = new FigureCache(model, {
      draw: () => {
        now += 50; // each drawing takes 50 ms
        return Promise.resolve({ base64: '', width: 1, height: 1 });
      },
      minIntervalMs: 0,
      costShare: 20,
      maxIntervalMs: 5000,
      now: () => now
    });
    await figures.settled();
    push(model, 10, 20);
    const wait = () => (figures as unknown as { _wait(): number })._wait();
    // 1000 ms must pass after a 50 ms drawing: the drawing is not due yet.
    assert.ok(wait() >= 999 && wait() <= 1000, `${wait()} ms`);
    figures.dispose();
  });

  it('redraws at least every maxIntervalMs, unless that takes more than a tenth', async () => {
    for (const [costMs, expected] of [
      [100, 2000], // 1/20 of the time: within 3000
      [400, 4000], // 1/20 would wait 8000, past 3000; a tenth of the time waits 4000
      [1000, 10_000]
    ]) {
      let now = 0;
      const model = plotter(10);
      const figures = new FigureCache(model, {
        draw: () => {
          now += costMs;
          return Promise.resolve({ base64: '', width: 1, height: 1 });
        },
        minIntervalMs: 0,
        costShare: 20,
        maxIntervalMs: 3000,
        now: () => now
      });
      await figures.settled();
      assert.equal((figures as unknown as { _wait(): number })._wait(), expected, `${costMs} ms`);
      figures.dispose();
    }
  });
});

describe('saved figures', () => {
  it('round-trip through an output, keeping the handle and other metadata', async () => {
    const model = plotter(30);
    const { cache: figures } = cache(model);
    await figures.settled();
    const latest = figures.latest;
    assert.ok(latest);
    const handleData = { version: 1, id: 'p1', title: 'run', url: 'http://127.0.0.1:1', rate: 30 };
    const saved = withSavedFigure(
      { [HANDLE_MIME_TYPE]: handleData, 'text/html': '<a href="x">link</a>' },
      { scrolled: false },
      'run',
      latest,
      new Date('2026-12-08T14:02:00Z')
    );
    assert.deepEqual(saved.data[HANDLE_MIME_TYPE], handleData);
    assert.equal(saved.metadata.scrolled, false);
    assert.match(
      saved.data['text/html'] as string,
      /<img src="data:image\/png;base64,iVBORw0KGgo="/
    );
    assert.equal(
      saved.data['text/plain'],
      'Async Plotter "run", saved 2026-12-08 14:02 UTC: 1 chart, 30 rows'
    );
    const read = readSavedFigure(saved.data, saved.metadata);
    assert.equal(read.kind, 'figure');
    assert.equal(read.kind === 'figure' && read.info.rows, 30);
    assert.equal(read.kind === 'figure' && read.png, 'iVBORw0KGgo=');
    figures.dispose();
  });

  it('an output without a figure has none; a malformed one is unreadable, with the reason', () => {
    assert.deepEqual(readSavedFigure({ [HANDLE_MIME_TYPE]: {} }, {}), { kind: 'none' });
    const reasons = [
      readSavedFigure({ 'image/png': 'iVBO' }, {}),
      readSavedFigure({ 'image/png': 'iVBO' }, { [HANDLE_MIME_TYPE]: { figure: { version: 7 } } }),
      readSavedFigure({}, { [HANDLE_MIME_TYPE]: { figure: { version: 1, savedAt: 'x' } } }),
      readSavedFigure(
        { 'image/png': '<script>' },
        {
          [HANDLE_MIME_TYPE]: {
            figure: {
              version: 1,
              savedAt: '2026-01-01T00:00:00Z',
              takenAt: '2026-01-01T00:00:00Z',
              rows: 1,
              charts: [],
              leftOut: []
            }
          }
        }
      )
    ].map(read => (read.kind === 'unreadable' ? read.reason : read.kind));
    assert.deepEqual(reasons, [
      'its description is missing',
      'written by another version of the extension (figure version 7)',
      'its description is malformed',
      'its picture is not a PNG in base64'
    ]);
  });
});
