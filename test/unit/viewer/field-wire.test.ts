/**
 * A field's raster across the wire: packed as Float32 into the frame's one attachment,
 * unpacked, checked on arrival (a bad raster is refused with words, never drawn), and held by
 * the viewer's dataset buffer with the shape the card describes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  packFrame,
  unpackFrame,
  type Frame,
  type PackedFrame
} from '../../../kernel-client/src/protocol';
import { checkChartUpdate } from '../../../src/viewer/models/wire-check';
import { DatasetBuffer } from '../../../src/viewer/models/dataset-buffer';

function frame(values: Float32Array, cols = 3, rows = 2): Frame {
  const corner = (a: number, b: number) => ({
    type: 'number' as const,
    data: Float64Array.from([a, b])
  });
  return {
    seq: 1,
    charts: [
      {
        chart: 'phi',
        datasets: [
          {
            dataset: 'line',
            mode: 'append',
            reset: true,
            window: null,
            total: 1,
            rows: { length: 1, columns: { v: corner(5, 5) } }
          },
          {
            dataset: 'field',
            mode: 'replace',
            version: 4,
            rows: {
              length: 2,
              columns: { x: corner(0, 6), y: corner(0, 4), value: corner(-1, 9) }
            },
            raster: {
              width: 6,
              height: 4,
              region: { col: 0, row: 0, cols: 6, rows: 4 },
              block: [2, 2],
              grid: { cols, rows },
              reduction: 'mean',
              range: [-1, 9],
              values
            }
          }
        ]
      }
    ]
  };
}

/** Through the wire as socket.io delivers it in Node: the attachment as a Buffer. */
function carried(packed: PackedFrame): PackedFrame {
  const bytes = Buffer.from(packed.numbers as ArrayBuffer);
  return JSON.parse(JSON.stringify({ ...packed, numbers: null }), (key, value) =>
    key === 'numbers' ? bytes : value
  ) as PackedFrame;
}

describe('field rasters on the wire', () => {
  it('arrive as the same Float32 values beside the other columns', () => {
    const values = Float32Array.from([1.5, NaN, -1, 9, Infinity, 0.1]);
    const received = unpackFrame(carried(packFrame(frame(values))));
    const checked = checkChartUpdate(received.charts[0]);
    assert.ok('update' in checked, JSON.stringify(checked));
    const [line, field] = checked.update.datasets;
    assert.deepEqual([...(line.rows.columns.v as { data: Float64Array }).data], [5]);
    assert.ok(field.mode === 'replace' && field.raster !== undefined);
    assert.deepEqual([...field.raster.values], [...values]);
    const buffer = new DatasetBuffer('field');
    buffer.apply(field);
    assert.equal(buffer.size, 2);
    assert.equal(buffer.represented, 24);
    assert.deepEqual(buffer.shape, {
      kind: 'field',
      rows: 6,
      width: 6,
      height: 4,
      block: [2, 2],
      reduction: 'mean'
    });
    buffer.clear();
    assert.equal(buffer.raster, null);
  });

  it('are refused when they do not add up, saying why', () => {
    const short = unpackFrame(carried(packFrame(frame(new Float32Array(5)))));
    const checked = checkChartUpdate(short.charts[0]);
    assert.ok('problem' in checked);
    assert.match(String(checked.problem), /field's values are not 6 Float32 numbers/);
    const grid = unpackFrame(carried(packFrame(frame(new Float32Array(8), 4, 2))));
    assert.match(
      String((checkChartUpdate(grid.charts[0]) as { problem: string }).problem),
      /grid does not match/
    );
  });
});
