/**
 * The vocabulary shared by the plot server (the kernel client's worker) and every viewer (the
 * JupyterLab panel, tests): the handle displayed in the notebook, the socket.io events in both
 * directions, and the wire format of columns. Both ends import this one module; it has no
 * imports and no runtime dependencies so that it bundles into the browser as well.
 */

/** MIME type of the handle that `open()` displays in the cell output. */
export const HANDLE_MIME_TYPE = 'application/vnd.async-plotter.handle+json';

/** socket.io path served by the plot server. */
export const SOCKET_PATH = '/async-plotter/socket.io';

/** Bumped on any incompatible change of the events below. */
export const PROTOCOL_VERSION = 1;

/**
 * Plain HTTP GET path every plot server answers with `PlotServerIdentity` (JSON, no token
 * needed, nothing secret): how a proxy tells a plot server from any other local service.
 */
export const IDENTITY_PATH = '/async-plotter/identity';

/** The body of `IDENTITY_PATH`. */
export interface PlotServerIdentity {
  service: 'async-plotter';
  protocol: number;
}

/**
 * A viewer hears from the server at least this often: when nothing changed for this long the
 * server sends a frame without charts (a heartbeat). Silence for several periods means the
 * link or the server is stalled, not that the computation is idle.
 */
export const HEARTBEAT_MS = 1000;

/** Largest message a viewer may send to the plot server (bytes). */
export const MAX_VIEWER_MESSAGE_BYTES = 16 * 1024;

/** The data of the handle MIME bundle: everything a viewer needs to connect. */
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
}

/**
 * One column on the wire. Numbers travel as little-endian Float64 binary attachments; socket.io
 * delivers them as an ArrayBuffer (browser) or a Buffer (Node): read them with `readNumbers`.
 */
export type WireColumn =
  | { type: 'number'; data: ArrayBuffer | ArrayBufferView }
  | { type: 'string'; data: (string | null)[] }
  | { type: 'boolean'; data: (boolean | null)[] };

/** Rows of one dataset, column by column; every column holds `length` values. */
export interface WireRows {
  length: number;
  columns: Record<string, WireColumn>;
}

/** New rows of an append-mode dataset. */
export interface AppendUpdate {
  dataset: string;
  mode: 'append';
  /** Drop everything the viewer holds for this dataset before inserting `rows`. */
  reset: boolean;
  /** The viewer keeps at most this many rows (oldest removed first); null keeps all. */
  window: number | null;
  rows: WireRows;
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
export interface DecimatedUpdate {
  dataset: string;
  mode: 'decimated';
  /** Keep this many of the rows held from earlier decimated updates; 0 starts over. */
  keep: number;
  rows: WireRows;
  /** Rows the server keeps for the dataset (within its window): all are represented. */
  kept: number;
  /** Rows pushed since the last clear (including those that left the window). */
  total: number;
  window: number | null;
}

/** The whole current state of a replace-mode dataset; superseded states are never sent. */
export interface ReplaceUpdate {
  dataset: string;
  mode: 'replace';
  rows: WireRows;
  /** Number of replace calls since the plotter opened (states dropped = versions - states sent). */
  version: number;
}

export type DatasetUpdate = AppendUpdate | DecimatedUpdate | ReplaceUpdate;

/** Changes to one chart. A `spec` is present when the chart is new or its look changed. */
export interface ChartUpdate {
  chart: string;
  spec?: Record<string, unknown>;
  /** The chart was removed from the plotter. */
  removed?: boolean;
  datasets: DatasetUpdate[];
}

export interface PlotterInfo {
  id: string;
  title: string;
  rate: number;
  /** A stop was requested (panel Stop button or kernel interrupt). */
  stopped: boolean;
}

/** First message to every viewer: every chart's spec and all kept data (`reset` is true). */
export interface Snapshot {
  plotter: PlotterInfo;
  charts: ChartUpdate[];
}

/**
 * Live changes since the previous frame or snapshot this viewer acknowledged; `charts` is empty
 * for a heartbeat (see HEARTBEAT_MS).
 */
export interface Frame {
  seq: number;
  charts: ChartUpdate[];
}

/** Rows of an append dataset a viewer asks for, e.g. to export every row. */
export interface RowsRequest {
  chart: string;
  dataset: string;
  /** Index of the first row wanted, counted since the dataset's last clear. */
  from: number;
  /** Rows wanted at most (the server sends at most `MAX_ROWS_PER_REQUEST`). */
  count: number;
}

/** The answer to a `RowsRequest`: rows [from, from + rows.length), or why there are none. */
export type RowsAnswer =
  | {
      rows: WireRows;
      /** Index of the first row sent (later than asked when older rows left the window). */
      from: number;
      /** Index of the first row still kept, and one past the last row recorded. */
      firstKept: number;
      total: number;
    }
  | { error: string };

/** Most rows one `rows` request is answered with. */
export const MAX_ROWS_PER_REQUEST = 1 << 17;

export interface ServerToClientEvents {
  /** Acknowledge to receive the next frame: at most one message is in flight per viewer. */
  snapshot: (snapshot: Snapshot, ack: () => void) => void;
  frame: (frame: Frame, ack: () => void) => void;
  /** The plotter closed; no more frames will come. */
  closed: (reason: string) => void;
}

export interface ClientToServerEvents {
  /** Ask the computation to stop (cooperative stop). */
  stop: (ack: (accepted: boolean) => void) => void;
  /** How a chart is drawn now (after a draw that changed it, a resize, a zoom or pan). */
  viewport: (viewport: ChartViewport) => void;
  /** The viewer cleared the chart: send it only rows pushed from now on. */
  clear: (chart: string) => void;
  /** Every row, a slice at a time (exports): decimated frames carry only what is drawn. */
  rows: (request: RowsRequest, reply: (answer: RowsAnswer) => void) => void;
}

/** The numbers of a `number` column as a Float64Array, whatever binary form socket.io delivered. */
export function readNumbers(data: ArrayBuffer | ArrayBufferView): Float64Array {
  if (data instanceof Float64Array) {
    return data;
  }
  if (ArrayBuffer.isView(data)) {
    if (data.byteOffset % 8 === 0) {
      return new Float64Array(data.buffer, data.byteOffset, data.byteLength / 8);
    }
    const copy = new Uint8Array(data.byteLength);
    copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return new Float64Array(copy.buffer);
  }
  return new Float64Array(data);
}

/** The value at `index` of a wire column, as a Vega datum field (NaN becomes null: a gap). */
export function readValue(
  column: WireColumn,
  numbers: Float64Array | null,
  index: number
): unknown {
  if (column.type === 'number') {
    const value = (numbers as Float64Array)[index];
    return Number.isFinite(value) ? value : null;
  }
  return column.data[index];
}
