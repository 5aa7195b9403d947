/**
 * The socket.io plot server: loopback by default, websocket only, every viewer authenticated
 * by token before it receives anything, incoming messages capped. Plain HTTP: the identity of
 * the server and the viewer page's files (page-routes.ts).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { ServerOptions } from '../../messages.js';
import {
  IDENTITY_PATH,
  MAX_VIEWER_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  SOCKET_PATH,
  PLOT_SERVICE,
  type CloseReason,
  type PlotServerIdentity,
  type ClientToServerEvents,
  type ServerToClientEvents
} from '../../protocol.js';
import { FLAG_STOPPED } from '../../stopping/shared-flags.js';
import { CLOSING_REFUSAL, refusalError, tokenMatches, tokenRefusal } from './auth.js';
import type { Log } from '../log.js';
import { servePage } from './page-routes.js';
import type { PlotStore } from '../storage/plot-store.js';
import { Subscription, type ViewerSocket } from './subscription.js';
import { parsePlotSize, parseRowLimit } from '../decimation/viewport.js';
import { logText } from '../log-text.js';

/**
 * A stop within this long of the previous one adds nothing (it is answered as accepted): a
 * flood of stops would otherwise throw PlotInterrupted into a loop that catches it, again and
 * again.
 */
const STOP_REPEAT_MS = 1000;

/** What every viewer hears when the plotter closes. */
const CLOSED: CloseReason = { code: 'plotter-closed', message: 'the plotter was closed' };

/** The events a viewer may send (protocol.ts); anything else is logged and ignored. */
const VIEWER_EVENTS = new Set(['stop', 'viewport', 'clear', 'rows']);

export class PlotServer {
  private readonly http: HttpServer;
  private readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly subscriptions = new Set<Subscription>();
  private readonly flags: Int32Array;
  private closing = false;
  /** Set by flush(): frames go out as soon as the previous one is acknowledged. */
  private urgent = false;
  private viewerCount = 0;
  private lastStop = -Infinity;

  constructor(
    private readonly options: ServerOptions,
    private readonly store: PlotStore,
    private readonly log: Log,
    private readonly onStop: () => void
  ) {
    this.flags = new Int32Array(options.control, 0, 1);
    this.http = createServer((request, response) => {
      if (request.method === 'GET' && request.url === IDENTITY_PATH) {
        const identity: PlotServerIdentity = {
          service: PLOT_SERVICE,
          protocol: PROTOCOL_VERSION
        };
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(identity));
        return;
      }
      if (servePage(request, response)) {
        return;
      }
      response.writeHead(404).end();
    });
    this.io = new Server(this.http, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      cors: { origin: true },
      maxHttpBufferSize: MAX_VIEWER_MESSAGE_BYTES,
      serveClient: false
    });
    this.io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      if (this.closing || !tokenMatches(options.token, auth?.token)) {
        const refusal = this.closing ? CLOSING_REFUSAL : tokenRefusal(auth?.token);
        this.log.notice(
          `refused viewer from ${socket.handshake.address}: ${refusal.message}`,
          'refused viewers'
        );
        next(refusalError(refusal));
        return;
      }
      next();
    });
    this.io.on('connection', socket => this.accept(socket));
    // Requests engine.io refuses before socket.io sees them (a bad handshake, a malformed packet).
    this.io.engine.on('connection_error', (error: { code?: unknown; message?: unknown }) => {
      this.log.debug(
        `refused a request: ${logText(String(error.message), 80, options.token)}`,
        'refused requests'
      );
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => {
        this.http.off('error', reject);
        resolve((this.http.address() as AddressInfo).port);
      });
    });
  }

  /**
   * Sends every viewer what it has not received, without waiting for the frame rate; resolves
   * once all are up to date or after `timeoutMs`.
   */
  async flush(timeoutMs: number): Promise<void> {
    this.urgent = true;
    const deadline = Date.now() + timeoutMs;
    for (const subscription of this.subscriptions) {
      subscription.hurry();
    }
    while (
      Date.now() < deadline &&
      [...this.subscriptions].some(subscription => !subscription.upToDate)
    ) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  }

  /** Delivers what viewers have not received (at most `timeoutMs`), then frees the port. */
  async close(timeoutMs: number): Promise<void> {
    this.closing = true;
    await this.flush(timeoutMs);
    for (const subscription of this.subscriptions) {
      subscription.stop();
      subscription.socket.emit('closed', CLOSED);
    }
    await new Promise<void>(resolve => {
      this.io.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private accept(socket: ViewerSocket): void {
    const auth = socket.handshake.auth as {
      viewer?: unknown;
      plotSize?: unknown;
      rowLimit?: unknown;
    };
    const label =
      typeof auth.viewer === 'string' ? logText(auth.viewer, 64, this.options.token) : 'viewer';
    const name = `${label}#${++this.viewerCount}`;
    const size = auth.plotSize === undefined ? null : parsePlotSize(auth.plotSize);
    if (typeof size === 'string') {
      this.log.debug(`${name} sends every row: ${size}`);
    }
    const rowLimit = auth.rowLimit === undefined ? null : parseRowLimit(auth.rowLimit);
    if (typeof rowLimit === 'string') {
      this.log.debug(`${name} gets every row of a backlog: ${rowLimit}`);
    }
    const subscription = new Subscription(
      socket,
      name,
      {
        store: this.store,
        log: this.log,
        info: () => ({
          id: this.options.id,
          title: this.options.title,
          rate: this.options.rate,
          stopped: (Atomics.load(this.flags, 0) & FLAG_STOPPED) !== 0,
          protocol: PROTOCOL_VERSION
        }),
        period: () => (this.urgent ? 0 : 1000 / this.options.rate)
      },
      typeof size === 'string' ? null : size,
      typeof rowLimit === 'string' ? null : rowLimit
    );
    this.subscriptions.add(subscription);
    this.log.debug(`${name} connected from ${socket.handshake.address}`);
    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !VIEWER_EVENTS.has(event)) {
        const what = typeof event === 'string' ? logText(event, 32, this.options.token) : '?';
        this.log.debug(`ignored an unknown event "${what}" from ${name}`, `unknown events`);
      }
    });
    socket.on('stop', ack => {
      this.log.debug(`${name} asked to stop`, `stop requests from ${name}`);
      if (Date.now() - this.lastStop >= STOP_REPEAT_MS) {
        this.lastStop = Date.now();
        Atomics.or(this.flags, 0, FLAG_STOPPED);
        this.onStop();
      }
      if (typeof ack === 'function') {
        ack(true);
      }
    });
    socket.on('viewport', viewport => subscription.setViewport(viewport));
    socket.on('clear', chart => subscription.clearChart(chart));
    socket.on('rows', (request, reply) => {
      if (typeof reply === 'function') {
        reply(subscription.answerRows(request));
      }
    });
    socket.on('disconnect', reason => {
      subscription.stop();
      this.subscriptions.delete(subscription);
      this.log.debug(`${name} disconnected (${reason})`, 'disconnections');
    });
    socket.on('error', error =>
      this.log.error(`${name}: ${logText(error.message, 120, this.options.token)}`, 'viewer errors')
    );
    subscription.start();
  }
}
