/**
 * The socket.io test viewer: a real socket.io-client that applies snapshots and frames the way
 * the panel does (reset, append within window, replace, decimated) and can be slow or stalled
 * on purpose, for the node tests (test/integration), the page and soak tests that watch the
 * wire beside a browser (test/page, test/soak) and the decimation benchmarks. `connect` resolves
 * once the plot server accepted it; `rows(chart, dataset)` is what it holds. Node modules only,
 * no Playwright.
 */
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH,
  readNumbers,
  readValue,
  type ChartUpdate,
  type ClientToServerEvents,
  type PlotterHandle,
  type ServerToClientEvents,
  type Snapshot,
  type WireRows,
  unpackFrame,
  unpackSnapshot
} from 'async-plotter/protocol';

export type Datum = Record<string, unknown>;

export interface DatasetView {
  rows: Datum[];
  total: number;
  version: number;
  /** Decimated: rows the server keeps (all represented by `rows`). */
  kept?: number;
  /** Why the server sends every row to a viewer that asked for decimation. */
  undecimated?: string;
}

export interface ChartView {
  spec: Record<string, unknown> | undefined;
  datasets: Map<string, DatasetView>;
}

export interface ViewerOptions {
  name?: string;
  token?: string;
  /** Delay before acknowledging each message (a slow viewer). */
  ackDelayMs?: number;
  /** Never acknowledge after the first `stallAfter` messages (a stalled viewer). */
  stallAfter?: number;
  /** Called with every received message and its arrival time. */
  onMessage?: (kind: 'snapshot' | 'frame', charts: ChartUpdate[], at: number) => void;
  /** Ask for decimated datasets, drawn at this size (as the panel does). */
  plotSize?: { width: number; height: number };
  /** Keep at most this many rows of a dataset sent whole (as the panel's row limit). */
  rowLimit?: number;
  /** Connect elsewhere than the handle's URL (e.g. through the Jupyter server's route). */
  via?: ViewerRoute;
}

/** Where a viewer connects instead of the handle's own URL and socket.io path. */
export interface ViewerRoute {
  /** Origin to connect to, e.g. `http://127.0.0.1:8888`. */
  url: string;
  /** socket.io path, e.g. `/async-plotter/40123/async-plotter/socket.io`. */
  path: string;
  query?: Record<string, string>;
  extraHeaders?: Record<string, string>;
}

export class TestViewer {
  readonly charts = new Map<string, ChartView>();
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  messages = 0;
  snapshots = 0;
  closedReason: string | null = null;
  snapshot: Snapshot | null = null;

  constructor(
    handle: Pick<PlotterHandle, 'url' | 'token'>,
    private readonly options: ViewerOptions = {}
  ) {
    this.socket = io(options.via?.url ?? handle.url, {
      path: options.via?.path ?? SOCKET_PATH,
      query: options.via?.query,
      extraHeaders: options.via?.extraHeaders,
      transports: ['websocket'],
      auth: {
        token: options.token ?? handle.token,
        viewer: options.name ?? 'test',
        plotSize: options.plotSize,
        ...(options.rowLimit === undefined ? {} : { rowLimit: options.rowLimit })
      },
      reconnection: false,
      forceNew: true
    });
    this.socket.on('snapshot', (packed, ack) => {
      const snapshot = unpackSnapshot(packed);
      this.snapshot = snapshot;
      this.snapshots++;
      this.charts.clear();
      this.receive('snapshot', snapshot.charts, ack);
    });
    this.socket.on('frame', (frame, ack) => this.receive('frame', unpackFrame(frame).charts, ack));
    this.socket.on('closed', reason => (this.closedReason = reason.message));
  }

  /** Resolves on connection, rejects with the server's refusal. */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) {
        resolve();
        return;
      }
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', error => reject(error));
    });
  }

  rows(chart: string, dataset = 'data'): Datum[] {
    return this.charts.get(chart)?.datasets.get(dataset)?.rows ?? [];
  }

  /** Polls `predicate` until true, or rejects after `timeoutMs` with `what`. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`viewer ${this.options.name ?? 'test'}: timed out waiting for ${what}`);
      }
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private receive(kind: 'snapshot' | 'frame', charts: ChartUpdate[], ack: () => void): void {
    this.messages++;
    this.options.onMessage?.(kind, charts, Date.now());
    for (const update of charts) {
      this.apply(update);
    }
    if (this.options.stallAfter !== undefined && this.messages > this.options.stallAfter) {
      return;
    }
    if (this.options.ackDelayMs) {
      setTimeout(ack, this.options.ackDelayMs);
    } else {
      ack();
    }
  }

  private apply(update: ChartUpdate): void {
    let chart = this.charts.get(update.chart);
    if (chart === undefined || (update.spec !== undefined && chart.spec === undefined)) {
      chart = { spec: update.spec, datasets: new Map() };
      this.charts.set(update.chart, chart);
    }
    if (update.spec !== undefined) {
      chart.spec = update.spec;
    }
    for (const change of update.datasets) {
      let view = chart.datasets.get(change.dataset);
      if (view === undefined) {
        view = { rows: [], total: 0, version: 0 };
        chart.datasets.set(change.dataset, view);
      }
      const rows = decode(change.rows);
      if (change.mode === 'replace') {
        view.rows = rows;
        view.version = change.version;
        continue;
      }
      if (change.mode === 'decimated') {
        view.rows = [...view.rows.slice(0, change.keep), ...rows];
        view.total = change.total;
        view.kept = change.kept;
        view.undecimated = undefined;
        continue;
      }
      view.undecimated = change.undecimated;
      if (change.reset) {
        view.rows = [];
      }
      for (const row of rows) {
        view.rows.push(row);
      }
      if (change.window !== null && view.rows.length > change.window) {
        view.rows.splice(0, view.rows.length - change.window);
      }
      view.total = change.total;
    }
  }
}

export function decode(rows: WireRows): Datum[] {
  const out: Datum[] = Array.from({ length: rows.length }, () => ({}));
  for (const [name, column] of Object.entries(rows.columns)) {
    const numbers = column.type === 'number' ? readNumbers(column.data) : null;
    for (let i = 0; i < rows.length; i++) {
      out[i][name] = readValue(column, numbers, i);
    }
  }
  return out;
}

export async function connect(handle: PlotterHandle, options?: ViewerOptions): Promise<TestViewer> {
  const viewer = new TestViewer(handle, options);
  await viewer.connected();
  return viewer;
}
