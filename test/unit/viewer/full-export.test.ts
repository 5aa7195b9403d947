import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RowsAnswer, RowsRequest } from 'async-plotter/protocol';
import { exportFileName } from '../../../src/viewer/export/export';
import { exportChart } from '../../../src/viewer/export/full-export';
import { DatasetBuffer } from '../../../src/viewer/models/dataset-buffer';
import { decimated, range, replace, wireRows } from './wire';

/** A plot server's rows 0..total-1 (`x`, `y = 2x`), keeping those from `firstKept`. */
function server(total: number, firstKept = 0, options: { grow?: number; dropAfter?: number } = {}) {
  const asked: RowsRequest[] = [];
  let rows = total;
  const fetch = async (request: RowsRequest): Promise<RowsAnswer | null> => {
    asked.push(request);
    if (options.dropAfter !== undefined && asked.length > options.dropAfter) {
      return null;
    }
    const from = Math.max(request.from, firstKept);
    const to = Math.min(rows, from + Math.min(request.count, 1000));
    const xs = range(from, to);
    const answer = {
      rows: wireRows({ x: xs, y: xs.map(x => x * 2) }),
      from,
      firstKept,
      total: rows
    };
    rows += options.grow ?? 0;
    return answer;
  };
  return { fetch, asked };
}

function decimatedBuffer(name = 'points'): DatasetBuffer {
  const buffer = new DatasetBuffer(name);
  buffer.apply(decimated(name, [0, 10, 20], { kept: 2500 }));
  return buffer;
}

describe('exportChart', () => {
  it('CSV of a decimated dataset holds every row the server kept, read slice by slice, with progress', async () => {
    const { fetch, asked } = server(2500);
    const seen: [number, number][] = [];
    const result = await exportChart('csv', 'c', [decimatedBuffer()], fetch, (w, e) =>
      seen.push([w, e])
    );
    const lines = (await result.blob.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'x,y');
    assert.equal(lines.length, 2501);
    assert.equal(lines[2500], '2499,4998');
    assert.equal(result.rows, 2500);
    assert.deepEqual(result.notes, []);
    assert.ok(asked.length >= 3, 'several slices');
    assert.deepEqual(seen.at(-1), [2500, 2500]);
  });

  it('JSON: rows pushed during the export are left out; a replace dataset comes from the view', async () => {
    const { fetch } = server(1500, 0, { grow: 700 });
    const state = new DatasetBuffer('hist');
    state.apply(replace('hist', [1, 2, 3]));
    const result = await exportChart('json', 'c', [decimatedBuffer(), state], fetch);
    const parsed = JSON.parse(await result.blob.text());
    assert.equal(parsed.points.length, 1500);
    assert.deepEqual(parsed.points[1499], { x: 1499, y: 2998 });
    assert.deepEqual(parsed.hist, [{ x: 1 }, { x: 2 }, { x: 3 }]);
  });

  it('says what is missing: rows that left a window, a lost link, no plot server', async () => {
    const windowed = await exportChart('csv', 'c', [decimatedBuffer()], server(2500, 400).fetch);
    assert.equal(windowed.rows, 2100, 'the rows still kept when the export started');
    const lost = await exportChart(
      'csv',
      'c',
      [decimatedBuffer()],
      server(2500, 0, { dropAfter: 1 }).fetch
    );
    assert.match(lost.notes[0], /link to the plot server was lost after 1000 rows/);
    const gone = await exportChart('csv', 'c', [decimatedBuffer()], null);
    assert.equal(gone.rows, 3);
    assert.match(gone.notes[0], /only the 3 rows drawn of 2500/);
  });

  it('writes CSV with quoting and gaps, JSON with wire fields only', async () => {
    const buffer = new DatasetBuffer('p');
    buffer.apply({
      dataset: 'p',
      mode: 'append',
      reset: true,
      window: null,
      rows: wireRows({ x: [1, NaN], label: ['a,"b"', null] }),
      total: 2
    });
    buffer.rows()[0].derived = 'vega adds me';
    // Without a plot server to ask, the export holds the rows the view has.
    const csv = await exportChart('csv', 'c', [buffer], null);
    assert.equal(await csv.blob.text(), 'x,label\r\n1,"a,""b"""\r\n,\r\n');
    const json = await exportChart('json', 'c', [buffer], null);
    assert.equal(
      await json.blob.text(),
      '{"p":[{"x":1,"label":"a,\\"b\\""},{"x":null,"label":null}]}'
    );
    assert.equal(exportFileName('my plot', 'loss/val', 'png'), 'my_plot-loss_val.png');
  });
});
