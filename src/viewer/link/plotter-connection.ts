import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import {
  HEARTBEAT_MS,
  PROTOCOL_VERSION,
  readReason,
  unpackFrame,
  unpackRowsAnswer,
  unpackSnapshot
} from 'async-plotter/protocol';
import type {
  ChartViewport,
  ClientToServerEvents,
  RowsAnswer,
  RowsRequest,
  ServerToClientEvents,
  ViewerAuth
} from 'async-plotter/protocol';
import type { ChartModel } from '../models/chart-model';
import type { PlotterModel } from '../models/plotter-model';
import { directEndpoint } from './endpoint';
import type { Endpoint } from './endpoint';
import { SOCKET_REASONS } from './link-status';

type PlotterSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectionOptions {
  /** Where to connect; the handle's own URL by default. A promise while the way is found. */
  endpoint?: Endpoint | Promise<Endpoint>;
  /** Most frames per second the viewer accepts (the ack is delayed to hold this rate). */
  maxFps: () => number;
  /** Name shown in the server's debug log. */
  viewer?: string;
  /**
   * The size charts are drawn at before they report their own (see `ChartViewport`): the
   * plot server then sends decimated datasets from the snapshot on. Default 800 × 200.
   */
  plotSize?: { width: number; height: number };
  /** Attempts to reach the server (after a failure) before giving up; default 30. */
  reconnectionAttempts?: number;
  /** Connected without any message for this long counts as stalled. */
  stallAfterMs?: number;
  /** Monotonic clock in milliseconds. */
  now?: () => number;
}

/**
 * The socket.io link from one viewer to one plot server: applies the snapshot and every frame
 * to the model as soon as it arrives, then acknowledges it (at most one message is in flight;
 * the ack is delayed to keep under `maxFps`). Tracks connected / stalled (no message, not even
 * the server's heartbeat, for `stallAfterMs`) / disconnected.
 */
export class PlotterConnection {
  constructor(
    readonly model: PlotterModel,
    options: ConnectionOptions
  ) {
    this._options = options;
    this._now = options.now ?? (() => performance.now());
    const endpoint = options.endpoint ?? directEndpoint(model.handle);
    if (endpoint instanceof Promise) {
      endpoint.then(
        found => this._open(found),
        (error: unknown) => {
          console.warn(
            `async-plotter: no way found to "${model.title}"; connecting directly`,
            error
          );
          this._open(directEndpoint(model.handle));
        }
      );
    } else {
      this._open(endpoint);
    }
    this._stallTimer = setInterval(() => this._checkStall(), 1000);
    for (const chart of model.charts.values()) {
      this._followChart(model, chart);
    }
    model.chartAdded.connect(this._followChart, this);
  }

  /** Rows of an append dataset straight from the plot server (exports); null when not connected. */
  async fetchRows(request: RowsRequest, timeoutMs = 30_000): Promise<RowsAnswer | null> {
    const socket = this._socket;
    if (!socket?.connected) {
      return null;
    }
    return unpackRowsAnswer(await socket.timeout(timeoutMs).emitWithAck('rows', request));
  }

  /** Ask the computation to stop; resolves whether the server accepted. */
  async stop(timeoutMs = 5000): Promise<boolean> {
    const socket = this._socket;
    if (!socket?.connected) {
      return false;
    }
    return socket.timeout(timeoutMs).emitWithAck('stop');
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Close the socket; the model keeps its data and shows "disconnected". */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    clearInterval(this._stallTimer);
    if (this._ackTimer !== null) {
      clearTimeout(this._ackTimer);
    }
    this.model.chartAdded.disconnect(this._followChart, this);
    for (const chart of this.model.charts.values()) {
      chart.viewportChanged.disconnect(this._sendViewport, this);
      chart.cleared.disconnect(this._sendClear, this);
    }
    this._socket?.removeAllListeners();
    this._socket?.io.removeAllListeners();
    this._socket?.disconnect();
    if (!this.model.isDisposed) {
      this.model.status = 'disconnected';
    }
  }

  private _open(endpoint: Endpoint): void {
    if (this._isDisposed) {
      return;
    }
    const auth: ViewerAuth = {
      token: this.model.handle.token,
      viewer: this._options.viewer ?? 'jupyterlab',
      plotSize: this._options.plotSize ?? DEFAULT_PLOT_SIZE,
      ...(this.model.rowLimit === null ? {} : { rowLimit: this.model.rowLimit })
    };
    this.model.route = endpoint.route;
    const socket: PlotterSocket = io(endpoint.url, {
      path: endpoint.path,
      query: endpoint.query,
      auth,
      transports: ['websocket'],
      reconnectionDelayMax: 5000,
      reconnectionAttempts: this._options.reconnectionAttempts ?? 30
    });
    socket.io.on('reconnect_failed', () => {
      const last = this.model.problem;
      if (last?.kind === 'unreachable') {
        this.model.problem = { kind: 'gave-up', detail: last.detail };
      }
      this.model.status = 'disconnected';
    });
    socket.on('connect', () => {
      this._lastMessage = this._now();
      this._wasConnected = true;
      this.model.problem = null;
      this.model.status = 'connected';
      // A plot server that restarted knows nothing of how the charts are drawn.
      for (const chart of this.model.charts.values()) {
        if (chart.viewport) {
          this._sendViewport(chart, chart.viewport);
        }
      }
    });
    // Once connected, losing the link means the plot server went away (the kernel restarted or
    // died): show "disconnected" while socket.io keeps retrying, not an endless "connecting".
    socket.on('disconnect', reason => {
      if (reason === SOCKET_REASONS.parseError && ++this._unreadable >= UNREADABLE_RETRIES) {
        this._giveUp(
          socket,
          'the plot server keeps sending messages this viewer cannot read (socket.io parse error)'
        );
        return;
      }
      if (!this._closed && reason !== SOCKET_REASONS.clientClosed) {
        this.model.problem = { kind: 'lost', detail: reason };
      }
      this.model.status =
        this._closed || this._wasConnected || !socket.active ? 'disconnected' : 'connecting';
    });
    socket.on('connect_error', error => {
      // The plot server refuses a handshake (a wrong token, a closing plotter) with its reason
      // as `data` (protocol.ts), and socket.io does not retry a refusal; a transport error is
      // retried. A server of another kind may refuse without a reason: socket.io stops all the
      // same (`active` turns false).
      const refusal = readReason((error as Error & { data?: unknown }).data);
      if (refusal !== null) {
        this.model.problem = { kind: 'refused', detail: words(refusal.message) };
      } else {
        this.model.problem = {
          kind: socket.active ? 'unreachable' : 'refused',
          detail: words(error.message)
        };
      }
      this.model.status = socket.active && !this._wasConnected ? 'connecting' : 'disconnected';
    });
    socket.on('snapshot', (snapshot, ack) => {
      const protocol: unknown = (snapshot as Partial<typeof snapshot> | null)?.plotter?.protocol;
      if (typeof protocol === 'number' && protocol !== PROTOCOL_VERSION) {
        this._giveUp(
          socket,
          `the plot server speaks protocol version ${protocol}, this viewer version ${PROTOCOL_VERSION}`
        );
        return;
      }
      this._receive(() => this.model.applySnapshot(unpackSnapshot(snapshot), this._now()), ack);
    });
    socket.on('frame', (frame, ack) => {
      this._receive(() => this.model.applyFrame(unpackFrame(frame), this._now()), ack);
    });
    socket.on('closed', (reason: unknown) => {
      this._closed = true;
      this.model.problem = { kind: 'closed', detail: words(readReason(reason)?.message) };
      socket.disconnect();
      this.model.status = 'disconnected';
    });
    this._socket = socket;
  }

  /** Stops the link for good: retrying would meet the same unreadable messages. */
  private _giveUp(socket: PlotterSocket, detail: string): void {
    this._closed = true;
    socket.disconnect();
    this.model.problem = { kind: 'unreadable', detail };
    this.model.status = 'disconnected';
  }

  private _followChart(_: PlotterModel, chart: ChartModel): void {
    chart.viewportChanged.connect(this._sendViewport, this);
    chart.cleared.connect(this._sendClear, this);
  }

  private _sendClear(chart: ChartModel): void {
    if (this._socket?.connected) {
      this._socket.emit('clear', chart.name);
    }
  }

  private _sendViewport(_: ChartModel, viewport: ChartViewport): void {
    if (this._socket?.connected) {
      this._socket.emit('viewport', viewport);
    }
  }

  private _receive(apply: () => void, given: unknown): void {
    // A server that speaks the protocol badly may send no acknowledgement function.
    const ack = typeof given === 'function' ? (given as () => void) : () => undefined;
    this._lastMessage = this._now();
    this._unreadable = 0;
    if (this.model.status === 'stalled') {
      this.model.status = 'connected';
    }
    try {
      apply();
    } catch (error) {
      console.error(`async-plotter: could not apply a message of "${this.model.title}"`, error);
    }
    const interval = 1000 / Math.max(1, this._options.maxFps());
    const wait = this._lastAck + interval - this._now();
    if (wait <= 0) {
      this._ack(ack);
    } else {
      this._ackTimer = setTimeout(() => {
        this._ackTimer = null;
        this._ack(ack);
      }, wait);
    }
  }

  private _ack(ack: () => void): void {
    if (this._isDisposed) {
      return;
    }
    this._lastAck = this._now();
    ack();
  }

  private _checkStall(): void {
    const stallAfter = this._options.stallAfterMs ?? 5 * HEARTBEAT_MS;
    const quiet = this._now() - this._lastMessage > stallAfter;
    if (this.model.status === 'connected' && quiet) {
      this.model.status = 'stalled';
    }
  }

  private _options: ConnectionOptions;
  private _now: () => number;
  private _socket: PlotterSocket | null = null;
  private _closed = false;
  /** The link was up once: a later loss is a disconnection, not a slow start. */
  private _wasConnected = false;
  private _isDisposed = false;
  /** Links lost to a message socket.io could not parse, since the last message read. */
  private _unreadable = 0;
  private _lastMessage = 0;
  private _lastAck = -Infinity;
  private _ackTimer: ReturnType<typeof setTimeout> | null = null;
  private _stallTimer: ReturnType<typeof setInterval>;
}

/** Links lost in a row to unparsable messages before the viewer stops retrying. */
const UNREADABLE_RETRIES = 2;

/** A chart's size before it is drawn: about a side panel's card, or a page's. */
const DEFAULT_PLOT_SIZE = { width: 800, height: 200 };

/** The words of a server's reason or a transport error as a card shows them. */
function words(message: string | undefined): string {
  return message || 'no reason given';
}
