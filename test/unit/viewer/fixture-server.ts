// A tiny plot server speaking the protocol, for tests and benchmarks of the panel's connection.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import {
  IDENTITY_PATH,
  PLOT_SERVICE,
  PROTOCOL_VERSION,
  SOCKET_PATH,
  packFrame,
  type PackedFrame,
  packSnapshot
} from 'async-plotter/protocol';
import type {
  ChartUpdate,
  ClientToServerEvents,
  PlotterHandle,
  Refusal,
  ServerToClientEvents
} from 'async-plotter/protocol';

export type FixtureSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface FixtureServer {
  handle: PlotterHandle;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  /** Resolves with each viewer as it connects (after the token check). */
  nextViewer(): Promise<FixtureSocket>;
  stops: number;
  close(): Promise<void>;
}

export async function startFixtureServer(title = 'fixture'): Promise<FixtureServer> {
  // It answers the identity request as every plot server does, so that the Jupyter server's
  // route carries it (the panel's first choice).
  const http = createServer((request, response) => {
    if (request.method === 'GET' && request.url === IDENTITY_PATH) {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ service: PLOT_SERVICE, protocol: PROTOCOL_VERSION }));
      return;
    }
    response.writeHead(404).end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { path: SOCKET_PATH });
  const token = 'secret-token';
  // It refuses a wrong token as a plot server does: the reason as the error's `data`.
  const refusal: Refusal = { code: 'wrong-token', message: 'unauthorized' };
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: string };
    next(
      auth.token === token
        ? undefined
        : Object.assign(new Error(`async-plotter: ${refusal.message}`), { data: refusal })
    );
  });
  const waiting: ((socket: FixtureSocket) => void)[] = [];
  const server: FixtureServer = {
    handle: {
      version: PROTOCOL_VERSION,
      id: `id-${title}`,
      title,
      url: '',
      token,
      rate: 60,
      inline: false
    },
    io,
    stops: 0,
    nextViewer: () => new Promise(resolve => waiting.push(resolve)),
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>(resolve => io.close(() => resolve()));
    }
  };
  io.on('connection', socket => {
    socket.on('stop', ack => {
      server.stops++;
      ack(true);
    });
    waiting.shift()?.(socket);
  });
  await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve));
  server.handle.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}

/** Emit a snapshot and wait for the viewer's ack. */
export function sendSnapshot(socket: FixtureSocket, charts: ChartUpdate[]): Promise<void> {
  return new Promise(resolve =>
    socket.emit(
      'snapshot',
      packSnapshot({ plotter: { id: 'id', title: 'fixture', rate: 60, stopped: false }, charts }),
      () => resolve()
    )
  );
}

/** Emit a frame and wait for the viewer's ack. */
export function sendFrame(
  socket: FixtureSocket,
  seq: number,
  charts: ChartUpdate[]
): Promise<void> {
  // A rogue frame whose charts are not even shaped like updates is sent as it is.
  const message = packable(charts)
    ? packFrame({ seq, charts })
    : { seq, charts, numbers: new ArrayBuffer(0) };
  return new Promise(resolve => socket.emit('frame', message as PackedFrame, () => resolve()));
}

/** Whether every chart update has datasets with rows of columns (what packing reads). */
function packable(charts: unknown[]): boolean {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null;
  return charts.every(
    chart =>
      isRecord(chart) &&
      Array.isArray(chart.datasets) &&
      chart.datasets.every(
        (update: unknown) =>
          isRecord(update) && isRecord(update.rows) && isRecord(update.rows.columns)
      )
  );
}
