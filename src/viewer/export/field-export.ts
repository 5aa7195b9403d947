/**
 * Exports of a field's whole newest state, every cell at full resolution, read from the plot
 * server (the card holds only the reduced cells it draws): numpy's `.npy` (format 1.0, little
 * endian Float32, C order: `numpy.load` reads it as a `(height, width)` array), CSV (one line
 * per row of cells, empty where a cell has no value) and JSON (`{ width, height, values }`,
 * rows of numbers, null where a cell has no value).
 */
import type { FieldStateAnswer, RowsAnswer, RowsRequest } from 'async-plotter/protocol';

export type FieldState = FieldStateAnswer['field'];

/**
 * Reads a field's newest state, or the kept state of version `step`; throws with the server's
 * words when there is none.
 */
export async function fetchFieldState(
  chart: string,
  dataset: string,
  step: number | null,
  fetchRows: (request: RowsRequest) => Promise<RowsAnswer | null>
): Promise<FieldState> {
  const answer = await fetchRows({
    chart,
    dataset,
    from: 0,
    count: 1,
    ...(step === null ? {} : { step })
  });
  if (answer === null) {
    throw new Error('the plot server is not connected');
  }
  if ('error' in answer) {
    throw new Error(answer.error.message);
  }
  if (!('field' in answer) || !(answer.field.values instanceof Float32Array)) {
    throw new Error(`the plot server sent no cells for "${dataset}"`);
  }
  const { width, height, values } = answer.field;
  if (values.length !== width * height) {
    throw new Error(`the plot server sent ${values.length} cells of ${width} × ${height}`);
  }
  return answer.field;
}

/** The `.npy` file of a state: the header numpy's format 1.0 describes, then the cells. */
export function npyBlob(state: FieldState): Blob {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${state.height}, ${state.width}), }`;
  // Magic (6), version (2), header length (2), then the header padded with spaces to a
  // multiple of 64 bytes and ended by a line break.
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const start = new Uint8Array(10 + header.length);
  start.set([0x93, ...'NUMPY'.split('').map(c => c.charCodeAt(0)), 1, 0], 0);
  new DataView(start.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) {
    start[10 + i] = header.charCodeAt(i);
  }
  // Float32Array holds the platform's byte order: little endian in every browser there is.
  const { values } = state;
  // A received state owns its buffer; a view of a shared one is copied first.
  const cells =
    values.buffer instanceof ArrayBuffer
      ? (values as Float32Array<ArrayBuffer>)
      : Float32Array.from(values);
  return new Blob([start, cells], { type: 'application/octet-stream' });
}

function cellText(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** One CSV line per row of cells, row 0 first. */
export function fieldCSV(state: FieldState): Blob {
  const parts: string[] = [];
  for (let row = 0; row < state.height; row++) {
    const cells = state.values.subarray(row * state.width, (row + 1) * state.width);
    parts.push(Array.from(cells, cellText).join(',') + '\r\n');
  }
  return new Blob(parts, { type: 'text/csv' });
}

/** `{ "width", "height", "values": [[row 0], [row 1], …] }`, null where a cell has no value. */
export function fieldJSON(state: FieldState): Blob {
  const parts = [`{"width":${state.width},"height":${state.height},"values":[`];
  for (let row = 0; row < state.height; row++) {
    const cells = state.values.subarray(row * state.width, (row + 1) * state.width);
    const text = Array.from(cells, value => (Number.isFinite(value) ? String(value) : 'null'));
    parts.push(`${row > 0 ? ',' : ''}[${text.join(',')}]`);
  }
  parts.push(']}');
  return new Blob(parts, { type: 'application/json' });
}
