/**
 * The vocabulary shared by the plot server (the kernel client's worker) and every viewer (the
 * JupyterLab panel, tests): the handle displayed in the notebook, the socket.io events in both
 * directions, and the wire format of columns. Both ends import this one module; it has no
 * imports and no runtime dependencies so that it bundles into the browser as well.
 *
 * Numbers travel packed: every number column of a message (snapshot, frame, rows answer) is
 * written, one after the other, into the message's single binary attachment `numbers` as
 * little-endian Float64, and the column says where its values start (`{ type: 'number', at }`,
 * in bytes). A message therefore has exactly one attachment however many charts and columns it
 * carries (socket.io-client refuses packets with more than ten). A viewer turns a message back
 * into columns of Float64Array with `unpackSnapshot`, `unpackFrame` or `unpackRowsAnswer`; in
 * another language, read `length` doubles at byte `at` of `numbers` (numpy:
 * `np.frombuffer(numbers, '<f8', length, at)`).
 */

// Generated from jupyterlab_async_plotter/wire.json by `node scripts/wire-constants.mjs --write`
// (`npm run lint` fails when they differ): names the Jupyter server's route uses too.

/** The `service` of every plot server's answer at `IDENTITY_PATH`. */
export const PLOT_SERVICE = 'async-plotter';

/**
 * Plain HTTP GET path every plot server answers with `PlotServerIdentity` (JSON, no token
 * needed, nothing secret): how a proxy tells a plot server from any other local service.
 */
export const IDENTITY_PATH = '/async-plotter/identity';

/**
 * The first path segment of the Jupyter server's route after its base URL:
 * `<base_url>async-plotter/<port>/` carries the plot server on that port.
 */
export const ROUTE_NAME = 'async-plotter';

/**
 * The segment after the route's name where the Jupyter server hands the logged-in user a
 * plotter's token: `<base_url>async-plotter/token/<port>` (JSON `{ token }`).
 */
export const TOKEN_SEGMENT = 'token';

/**
 * How the file holding a plotter's token in Jupyter's runtime directory is named:
 * `async-plotter-<port>.json`, owner-only (mode 0600).
 */
export const TOKEN_FILE_PREFIX = 'async-plotter-';

/** The header (value `1`) on every answer of the Jupyter server's route, refusals included. */
export const ROUTE_HEADER = 'X-Async-Plotter-Route';

// End of the part generated from wire.json.

/** MIME type of the handle that `open()` displays in the cell output. */
export const HANDLE_MIME_TYPE = 'application/vnd.async-plotter.handle+json';

/** socket.io path served by the plot server. */
export const SOCKET_PATH = '/async-plotter/socket.io';

/** Bumped on any incompatible change of the events below. */
export const PROTOCOL_VERSION = 2;

/** The body of `IDENTITY_PATH`. */
export interface PlotServerIdentity {
  service: typeof PLOT_SERVICE;
  protocol: number;
}

/**
 * Why the plot server refuses or ends something, as a code a program acts on and words a person
 * reads: a refused connection (socket.io's `connect_error` carries it as `err.data`), a `rows`
 * request it cannot answer, a link it closes.
 */
export interface Reason<C extends string = string> {
  code: C;
  message: string;
}

/** Why a connection is refused: no token, a wrong one, or a plotter that is closing. */
export const REFUSAL_CODES = ['missing-token', 'wrong-token', 'plotter-closing'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];
/** `err.data` of the `connect_error` a refused viewer gets (its `err.message` says the same). */
export type Refusal = Reason<RefusalCode>;

/**
 * Why a `rows` request gets no rows: it is malformed, names no chart or no append dataset, or
 * comes while the viewer has not read the previous answers (`busy`: ask again later).
 */
export const ROWS_ERROR_CODES = ['bad-request', 'no-chart', 'no-dataset', 'busy'] as const;
export type RowsErrorCode = (typeof ROWS_ERROR_CODES)[number];
export type RowsError = Reason<RowsErrorCode>;

/** Why the plot server ended a link (`closed`): the plotter was closed. */
export const CLOSE_CODES = ['plotter-closed'] as const;
export type CloseCode = (typeof CLOSE_CODES)[number];
export type CloseReason = Reason<CloseCode>;

/**
 * `value` as a `Reason` when it has that shape (a string code and a string message), else null:
 * what a viewer received from a server is checked before it is shown.
 */
export function readReason(value: unknown): Reason | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
}

/**
 * A viewer hears from the server at least this often: when nothing changed for this long the
 * server sends a frame without charts (a heartbeat). Silence for several periods means the
 * link or the server is stalled, not that the computation is idle.
 */
export const HEARTBEAT_MS = 1000;

/** Largest message a viewer may send to the plot server (bytes). */
export const MAX_VIEWER_MESSAGE_BYTES = 16 * 1024;

/**
 * Everything a viewer needs to connect. A notebook output holds it without the token
 * (`DisplayedHandle`): a viewer then gets the token from the Jupyter server
 * (`<base_url>async-plotter/token/<port>`), which reads it from the plotter's file in Jupyter's
 * runtime directory; `token` is empty until then.
 */
export interface PlotterHandle {
  version: number;
  /** Unique per `open()` call. */
  id: string;
  /** Stable across re-runs of the same cell: a new plotter with the same title takes the card over. */
  title: string;
  /** Base URL of the plot server, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Secret every viewer presents in the socket.io handshake (`auth.token`). */
  token: string;
  /** Frames per second the server sends at most, per viewer. */
  rate: number;
  /** Whether the cell output shows the live chart inline as well. */
  inline: boolean;
}

/**
 * The data of the handle MIME bundle in a notebook output: the handle without its token, so
 * that a saved notebook holds no secret. (Handles of older kernel clients still carry one.)
 */
export type DisplayedHandle = Omit<PlotterHandle, 'token'>;

/** What a viewer passes as socket.io `auth` when connecting. */
export interface ViewerAuth {
  token: string;
  /** Free-form name used in the server's debug log. */
  viewer?: string;
  /**
   * The viewer draws charts about this many pixels wide and high: from the snapshot on, the
   * server may send decimated datasets (see `ChartViewport`). Without it, every row is sent.
   */
  plotSize?: { width: number; height: number };
  /**
   * The viewer keeps at most this many rows of a dataset sent whole (not decimated): of a
   * longer backlog the server sends only the newest this many, the older ones being those the
   * viewer would drop on arrival. Without it, every row is sent.
   */
  rowLimit?: number;
}

/** Vega's continuous scale types, as a viewer reports them. */
export type ScaleType = 'linear' | 'log' | 'pow' | 'sqrt' | 'symlog' | 'time' | 'utc';

/** One continuous scale of a drawn chart, as the viewer's Vega view holds it. */
export interface ScaleReport {
  type: ScaleType;
  /** In data units (epoch milliseconds for time scales); `domain[0] < domain[1]`. */
  domain: [number, number];
  /** In pixels, e.g. `[0, width]` for x, `[height, 0]` for y. */
  range: [number, number];
  /** Of a `pow` scale. */
  exponent?: number;
  /** Of a `symlog` scale. */
  constant?: number;
}

/**
 * What a viewer shows of a chart (sent after each draw that changed it, a resize or a zoom):
 * the server then sends its decimated datasets as at most a few rows per pixel column, aligned
 * with these scales.
 */
export interface ChartViewport {
  chart: string;
  x: ScaleReport;
  /** Needed for charts drawn with points (one row per occupied pixel cell); null otherwise. */
  y: ScaleReport | null;
  /** The user zoomed or panned: the x domain is the viewer's, not the data's extent. */
  zoomed: boolean;
  /**
   * The chart is slow to draw and the viewer draws it at most this often (ms): the server
   * sends its datasets no more often, so that its rows do not weigh on every frame of the
   * charts beside it. Absent or 0: in every frame.
   */
  everyMs?: number;
  /**
   * Of a field that keeps a history (`FieldMeta.history`): the version of the kept state the
   * viewer's step slider shows. Absent: the newest state, live.
   */
  step?: number;
}

/** A number column as viewers and the plot server hold it: one Float64 per row. */
export interface NumberColumn {
  type: 'number';
  data: Float64Array;
}

/**
 * A number column as it crosses the wire: its values are the `length` little-endian Float64s
 * starting at byte `at` (a multiple of 8) of the message's `numbers` attachment.
 */
export interface PackedNumberColumn {
  type: 'number';
  at: number;
}

/**
 * One column of rows: numbers (`N`: in memory or packed), or strings and booleans as JSON
 * arrays (null for a missing value).
 */
export type WireColumn<N = NumberColumn> =
  N | { type: 'string'; data: (string | null)[] } | { type: 'boolean'; data: (boolean | null)[] };

/** Rows of one dataset, column by column; every column holds `length` values. */
export interface WireRows<N = NumberColumn> {
  length: number;
  columns: Record<string, WireColumn<N>>;
}

/** The one binary attachment of a snapshot, frame or rows answer: all its numbers. */
export interface PackedNumbers {
  /** An ArrayBuffer in browsers, a Buffer in Node, bytes in Python. */
  numbers: ArrayBuffer | ArrayBufferView;
}

/** New rows of an append-mode dataset. */
export interface AppendUpdate<N = NumberColumn> {
  dataset: string;
  mode: 'append';
  /** Drop everything the viewer holds for this dataset before inserting `rows`. */
  reset: boolean;
  /** The viewer keeps at most this many rows (oldest removed first); null keeps all. */
  window: number | null;
  rows: WireRows<N>;
  /** Rows pushed since the last reset (including those never sent because of the window). */
  total: number;
  /**
   * Sent to a viewer that asked for decimation (`ViewerAuth.plotSize`) when this dataset is
   * sent whole instead: why, in a few words (e.g. "a bar mark", "x values out of order").
   */
  undecimated?: string;
}

/**
 * The rows of an append-mode dataset a viewer needs to draw it at its size (`ChartViewport`):
 * per pixel column and series the first, last, lowest and highest row, and for points one row
 * per occupied pixel cell. Rows are in x order, column after column; a new update replaces the
 * rows after the first `keep` (the columns that new rows or a new viewport changed).
 */
export interface DecimatedUpdate<N = NumberColumn> {
  dataset: string;
  mode: 'decimated';
  /** Keep this many of the rows held from earlier decimated updates; 0 starts over. */
  keep: number;
  rows: WireRows<N>;
  /** Rows the server keeps for the dataset (within its window): all are represented. */
  kept: number;
  /** Rows pushed since the last clear (including those that left the window). */
  total: number;
  window: number | null;
}

/** The whole current state of a replace-mode dataset; superseded states are never sent. */
export interface ReplaceUpdate<N = NumberColumn, F = Float32Array> {
  dataset: string;
  mode: 'replace';
  /** Of a field (`FieldMeta`): its two corner rows (x, y, value), from which Vega draws axes. */
  rows: WireRows<N>;
  /** Number of replace calls since the plotter opened (states dropped = versions - states sent). */
  version: number;
  /** Of a field: its cells, reduced to what the viewer's pixels show. */
  raster?: FieldRaster<F>;
}

/**
 * What the `usermeta` of a field chart's spec says (under `FIELD_META_KEY`), written by the
 * `field()` builder: how the plot server turns a state into cells for the viewer's pixels, and
 * how the viewer maps them to its axes.
 */
export interface FieldMeta {
  /** The field's dataset. */
  dataset: string;
  /** `upper`: row 0 at the top, as images are; `lower`: row 0 at the bottom. */
  origin: 'upper' | 'lower';
  /** x of the left edge of column 0 and of the right edge of the last; null: cell indices. */
  x: [number, number] | null;
  /** y of the edge of row 0 and of the far edge of the last row; null: cell indices. */
  y: [number, number] | null;
  /** How cells are combined when the field is larger than the pixels: mean, or the largest. */
  reduce: 'mean' | 'max';
  /**
   * The colour range: each state's own, every state's so far (both rounded outward to three
   * significant digits), or fixed.
   */
  range: 'state' | 'running' | [number, number];
  /** The colour scale is logarithmic (cells of zero or less have no value). */
  log: boolean;
  /**
   * States the plot server keeps for the card's step slider (0 or absent: only the newest),
   * within the plotter's `memoryBudget`.
   */
  history?: number;
}

/** Most states a field's history may keep (`FieldMeta.history`). */
export const MAX_FIELD_HISTORY = 100_000;

/** The key of `FieldMeta` in a spec's `usermeta`. */
export const FIELD_META_KEY = 'asyncPlotterField';

/** The `FieldMeta` of a spec, or null when it is not a field chart. */
export function readFieldMeta(spec: unknown): FieldMeta | null {
  if (!isRecord(spec) || !isRecord(spec.usermeta)) {
    return null;
  }
  const meta = spec.usermeta[FIELD_META_KEY];
  return isRecord(meta) && typeof meta.dataset === 'string' ? (meta as unknown as FieldMeta) : null;
}

/**
 * A field's cells as sent: `grid.cols` x `grid.rows` values, row-major, row 0 the field's row
 * `region.row`. Each value stands for `block` x `block` cells of the state (fewer at the
 * region's far edges), their mean or largest value (`reduction`), NaN where none has a value.
 */
export interface FieldRaster<F = Float32Array> {
  /** The state's own size, in cells. */
  width: number;
  height: number;
  /** The cells of the state these values cover (the whole state, or what a zoom shows). */
  region: { col: number; row: number; cols: number; rows: number };
  /** State cells per value along each axis: 1 when the pixels show every cell. */
  block: [number, number];
  grid: { cols: number; rows: number };
  reduction: 'none' | 'mean' | 'max';
  /** Least and greatest value of the colour range (`FieldMeta.range`); null: no finite cell. */
  range: [number, number] | null;
  values: F;
  /** Of a field that keeps a history: the states kept, and which one these cells are of. */
  history?: FieldHistoryInfo;
}

/** The states a field's history holds (`FieldMeta.history`), for the viewer's step slider. */
export interface FieldHistoryInfo {
  /** Versions of the states kept, oldest first (gaps: states replaced before they were kept). */
  versions: number[];
  /** The version these cells are of. */
  shown: number;
  /** The cells are of the newest state, and follow each new one. */
  live: boolean;
  /** States the spec asks to keep. */
  wanted: number;
  /** Older states were dropped before `wanted` were kept, to stay within the memory budget. */
  budgetLimited: boolean;
}

/** Float32 values packed in a message's `numbers`: `length` of them from byte `at`. */
export interface PackedFloat32 {
  type: 'float32';
  at: number;
  length: number;
}

export type DatasetUpdate<N = NumberColumn, F = Float32Array> =
  AppendUpdate<N> | DecimatedUpdate<N> | ReplaceUpdate<N, F>;

/** Changes to one chart. A `spec` is present when the chart is new or its look changed. */
export interface ChartUpdate<N = NumberColumn, F = Float32Array> {
  chart: string;
  spec?: Record<string, unknown>;
  /** The chart was removed from the plotter. */
  removed?: boolean;
  datasets: DatasetUpdate<N, F>[];
}

export interface PlotterInfo {
  id: string;
  title: string;
  rate: number;
  /** A stop was requested (panel Stop button or kernel interrupt). */
  stopped: boolean;
  /** `PROTOCOL_VERSION` of the plot server (absent before version 2). */
  protocol?: number;
}

/** First message to every viewer: every chart's spec and all kept data (`reset` is true). */
export interface Snapshot<N = NumberColumn, F = Float32Array> {
  plotter: PlotterInfo;
  charts: ChartUpdate<N, F>[];
}

/**
 * Live changes since the previous frame or snapshot this viewer acknowledged; `charts` is empty
 * for a heartbeat (see HEARTBEAT_MS).
 */
export interface Frame<N = NumberColumn, F = Float32Array> {
  seq: number;
  charts: ChartUpdate<N, F>[];
}

/** Rows of an append dataset a viewer asks for, e.g. to export every row. */
export interface RowsRequest {
  chart: string;
  dataset: string;
  /** Index of the first row wanted, counted since the dataset's last clear. */
  from: number;
  /** Rows wanted at most (the server sends at most `MAX_ROWS_PER_REQUEST`). */
  count: number;
  /** Of a field with a history: the version of the kept state wanted; absent: the newest. */
  step?: number;
}

/**
 * The answer to a `RowsRequest` on a field dataset (`from` and `count` are then unused): its
 * newest state (or the kept state `step` asks for) whole, every cell at full resolution.
 */
export interface FieldStateAnswer<F = Float32Array> {
  field: { width: number; height: number; version: number; values: F };
}

/**
 * The answer to a `RowsRequest`: rows [from, from + rows.length), a field's whole state, or
 * why there are none.
 */
export type RowsAnswer<N = NumberColumn, F = Float32Array> =
  | {
      rows: WireRows<N>;
      /** Index of the first row sent (later than asked when older rows left the window). */
      from: number;
      /** Index of the first row still kept, and one past the last row recorded. */
      firstKept: number;
      total: number;
    }
  | FieldStateAnswer<F>
  | { error: RowsError };

/** A snapshot as it crosses the wire. */
export type PackedSnapshot = Snapshot<PackedNumberColumn, PackedFloat32> & PackedNumbers;
/** A frame as it crosses the wire. */
export type PackedFrame = Frame<PackedNumberColumn, PackedFloat32> & PackedNumbers;
/** A rows answer as it crosses the wire (an error carries no numbers). */
export type PackedRowsAnswer =
  | (Extract<RowsAnswer<PackedNumberColumn>, { rows: unknown }> & PackedNumbers)
  | (FieldStateAnswer<PackedFloat32> & PackedNumbers)
  | { error: RowsError };

/** Most rows one `rows` request is answered with. */
export const MAX_ROWS_PER_REQUEST = 1 << 17;

export interface ServerToClientEvents {
  /** Acknowledge to receive the next frame: at most one message is in flight per viewer. */
  snapshot: (snapshot: PackedSnapshot, ack: () => void) => void;
  frame: (frame: PackedFrame, ack: () => void) => void;
  /** The plotter closed; no more frames will come. */
  closed: (reason: CloseReason) => void;
}

export interface ClientToServerEvents {
  /** Ask the computation to stop (cooperative stop). */
  stop: (ack: (accepted: boolean) => void) => void;
  /** How a chart is drawn now (after a draw that changed it, a resize, a zoom or pan). */
  viewport: (viewport: ChartViewport) => void;
  /** The viewer cleared the chart: send it only rows pushed from now on. */
  clear: (chart: string) => void;
  /** Every row, a slice at a time (exports): decimated frames carry only what is drawn. */
  rows: (request: RowsRequest, reply: (answer: PackedRowsAnswer) => void) => void;
}

/** The numbers of a binary attachment as a Float64Array, whatever form the socket delivered. */
export function readNumbers(data: ArrayBuffer | ArrayBufferView): Float64Array {
  if (data instanceof Float64Array) {
    return data;
  }
  if (ArrayBuffer.isView(data)) {
    const length = Math.floor(data.byteLength / 8);
    if (data.byteOffset % 8 === 0) {
      return new Float64Array(data.buffer, data.byteOffset, length);
    }
    const copy = new Uint8Array(length * 8);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, copy.byteLength));
    return new Float64Array(copy.buffer);
  }
  return new Float64Array(data, 0, Math.floor(data.byteLength / 8));
}

/** The value at `index` of a column, as a Vega datum field (NaN becomes null: a gap). */
export function readValue(
  column: WireColumn,
  numbers: Float64Array | null,
  index: number
): unknown {
  if (column.type === 'number') {
    const value = (numbers ?? column.data)[index];
    return Number.isFinite(value) ? value : null;
  }
  return column.data[index];
}

/** Collects the number columns of one message into its `numbers` attachment. */
class NumberPacker {
  private readonly parts: Float64Array[] = [];
  private values = 0;

  rows(rows: WireRows): WireRows<PackedNumberColumn> {
    const columns: Record<string, WireColumn<PackedNumberColumn>> = {};
    for (const [name, column] of Object.entries(rows.columns)) {
      if (column.type === 'number') {
        columns[name] = { type: 'number', at: this.values * 8 };
        this.parts.push(column.data);
        this.values += column.data.length;
      } else {
        columns[name] = column;
      }
    }
    return { length: rows.length, columns };
  }

  /** Float32 values after the numbers so far, padded to a whole number of Float64 slots. */
  float32(values: Float32Array): PackedFloat32 {
    const slots = Math.ceil(values.length / 2);
    const part = new Float64Array(slots);
    new Float32Array(part.buffer, 0, values.length).set(values);
    const packed: PackedFloat32 = { type: 'float32', at: this.values * 8, length: values.length };
    this.parts.push(part);
    this.values += slots;
    return packed;
  }

  numbers(): ArrayBuffer {
    const all = new Float64Array(this.values);
    let at = 0;
    for (const part of this.parts) {
      all.set(part, at);
      at += part.length;
    }
    return all.buffer;
  }
}

function packUpdate(
  update: DatasetUpdate,
  packer: NumberPacker
): DatasetUpdate<PackedNumberColumn, PackedFloat32> {
  const rows = packer.rows(update.rows);
  if (update.mode === 'replace' && update.raster !== undefined) {
    const raster = { ...update.raster, values: packer.float32(update.raster.values) };
    return { ...update, rows, raster };
  }
  return { ...update, rows } as DatasetUpdate<PackedNumberColumn, PackedFloat32>;
}

function packCharts(
  charts: ChartUpdate[],
  packer: NumberPacker
): ChartUpdate<PackedNumberColumn, PackedFloat32>[] {
  return charts.map(chart => ({
    ...chart,
    datasets: chart.datasets.map(update => packUpdate(update, packer))
  }));
}

/** A snapshot as the plot server sends it: one binary attachment for all its numbers. */
export function packSnapshot(snapshot: Snapshot): PackedSnapshot {
  const packer = new NumberPacker();
  const charts = packCharts(snapshot.charts, packer);
  return { ...snapshot, charts, numbers: packer.numbers() };
}

/** A frame as the plot server sends it: one binary attachment for all its numbers. */
export function packFrame(frame: Frame): PackedFrame {
  const packer = new NumberPacker();
  const charts = packCharts(frame.charts, packer);
  return { ...frame, charts, numbers: packer.numbers() };
}

/** A rows answer as the plot server sends it. */
export function packRowsAnswer(answer: RowsAnswer): PackedRowsAnswer {
  if ('error' in answer) {
    return answer;
  }
  if ('field' in answer) {
    const packer = new NumberPacker();
    const values = packer.float32(answer.field.values);
    return { field: { ...answer.field, values }, numbers: packer.numbers() };
  }
  const packer = new NumberPacker();
  const rows = packer.rows(answer.rows);
  return { ...answer, rows, numbers: packer.numbers() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Gives the number columns of a received message their values. Whatever a server sent, this
 * never throws: a column whose `at` does not point into the attachment is left without `data`,
 * and one the attachment holds fewer than `length` numbers of gets those, for the viewer's
 * checks to report.
 */
class NumberUnpacker {
  private readonly all: Float64Array | null;

  constructor(numbers: unknown) {
    this.all =
      numbers instanceof ArrayBuffer || ArrayBuffer.isView(numbers) ? readNumbers(numbers) : null;
  }

  rows(raw: unknown): unknown {
    if (!isRecord(raw) || !isRecord(raw.columns)) {
      return raw;
    }
    const length = raw.length;
    const columns: Record<string, unknown> = {};
    for (const [name, column] of Object.entries(raw.columns)) {
      columns[name] =
        isRecord(column) && column.type === 'number' ? this.column(column.at, length) : column;
    }
    return { ...raw, columns };
  }

  /**
   * The Float32 `values` of a raster or field state (a copy), or the object unchanged for the
   * checks to refuse.
   */
  raster(raw: unknown): unknown {
    const all = this.all;
    if (!isRecord(raw) || !isRecord(raw.values) || all === null) {
      return raw;
    }
    const { at, length } = raw.values;
    if (
      typeof at !== 'number' ||
      typeof length !== 'number' ||
      !Number.isSafeInteger(at) ||
      !Number.isSafeInteger(length) ||
      at < 0 ||
      length < 0 ||
      at % 8 !== 0 ||
      at + length * 4 > all.byteLength
    ) {
      return { ...raw, values: null };
    }
    const values = new Float32Array(length);
    values.set(new Float32Array(all.buffer, all.byteOffset + at, length));
    return { ...raw, values };
  }

  private column(at: unknown, length: unknown): { type: 'number'; data?: Float64Array } {
    const all = this.all;
    if (
      all === null ||
      typeof at !== 'number' ||
      typeof length !== 'number' ||
      !Number.isSafeInteger(at) ||
      !Number.isSafeInteger(length) ||
      at < 0 ||
      length < 0 ||
      at % 8 !== 0 ||
      at / 8 > all.length
    ) {
      return { type: 'number' };
    }
    // Fewer than `length` when the attachment ends first: the viewer's checks say so.
    return { type: 'number', data: all.subarray(at / 8, at / 8 + length) };
  }

  charts(raw: unknown): unknown {
    if (!Array.isArray(raw)) {
      return raw;
    }
    return raw.map((chart: unknown) =>
      isRecord(chart) && Array.isArray(chart.datasets)
        ? {
            ...chart,
            datasets: chart.datasets.map((update: unknown) =>
              isRecord(update)
                ? {
                    ...update,
                    rows: this.rows(update.rows),
                    ...('raster' in update ? { raster: this.raster(update.raster) } : {})
                  }
                : update
            )
          }
        : chart
    );
  }
}

function unpackMessage(raw: unknown): unknown {
  if (!isRecord(raw)) {
    return raw;
  }
  const { numbers, ...rest } = raw;
  const unpacker = new NumberUnpacker(numbers);
  if ('rows' in rest) {
    return { ...rest, rows: unpacker.rows(rest.rows) };
  }
  if ('field' in rest) {
    return { ...rest, field: unpacker.raster(rest.field) };
  }
  return 'charts' in rest ? { ...rest, charts: unpacker.charts(rest.charts) } : rest;
}

/**
 * A received snapshot with its number columns as Float64Arrays (views of the attachment).
 * Never throws; what a bad server sent is left for the viewer's checks.
 */
export function unpackSnapshot(snapshot: PackedSnapshot): Snapshot {
  return unpackMessage(snapshot) as Snapshot;
}

/** A received frame with its number columns as Float64Arrays (see `unpackSnapshot`). */
export function unpackFrame(frame: PackedFrame): Frame {
  return unpackMessage(frame) as Frame;
}

/** A received rows answer with its number columns as Float64Arrays (see `unpackSnapshot`). */
export function unpackRowsAnswer(answer: PackedRowsAnswer): RowsAnswer {
  return unpackMessage(answer) as RowsAnswer;
}
