/**
 * Local services the route must tell apart from plot servers: an HTTP service and a raw TCP
 * service that record what reaches them, and a fake plot server (it answers the identity
 * request) whose websocket sends and reads at a pace the test sets.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket
} from 'node:net';
import type { Duplex } from 'node:stream';
import { acceptUpgrade } from './raw-websocket.ts';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Service {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  );
}

function closer(server: Server, sockets: Set<Duplex>): () => Promise<void> {
  return () =>
    new Promise(resolve => {
      for (const socket of sockets) {
        socket.destroy();
      }
      server.close(() => resolve());
    });
}

function track(server: Server, sockets: Set<Duplex>): void {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
}

/** An HTTP service that is not a plot server: it answers everything with 200 "hello". */
export async function startHttpService(): Promise<Service & { requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const sockets = new Set<Duplex>();
  const server = createHttpServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers
    });
    response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
  });
  track(server, sockets);
  server.on('upgrade', (request, socket) => {
    requests.push({ method: 'UPGRADE', url: request.url ?? '', headers: request.headers });
    socket.destroy();
  });
  const port = await listen(server);
  return { port, requests, close: closer(server, sockets) };
}

/** A TCP service that does not speak HTTP: it records the bytes it receives, sends `banner`. */
export async function startTcpService(banner = ''): Promise<Service & { received: () => string }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Duplex>();
  const server = createTcpServer(socket => {
    socket.on('data', chunk => chunks.push(chunk));
    socket.on('error', () => undefined);
    if (banner) {
      socket.write(banner);
    }
  });
  track(server, sockets);
  const port = await listen(server);
  return {
    port,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: closer(server, sockets)
  };
}

export interface FakePlotServer extends Service {
  /** Every request that reached it (identity probes and websocket upgrades). */
  requests: Recorded[];
  /** Resolves with the socket of the next websocket the route opens to it. */
  nextSocket(): Promise<Socket>;
}

/** Answers the identity request like a plot server and accepts any websocket (raw bytes). */
export async function startFakePlotServer(): Promise<FakePlotServer> {
  const sockets = new Set<Duplex>();
  const waiting: ((socket: Socket) => void)[] = [];
  const requests: Recorded[] = [];
  const server = createHttpServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers
    });
    if (request.url?.split('?')[0] === '/async-plotter/identity') {
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ service: 'async-plotter', protocol: 1 }));
      return;
    }
    response.writeHead(404).end();
  });
  track(server, sockets);
  server.on('upgrade', (request, socket: Socket) => {
    requests.push({ method: 'UPGRADE', url: request.url ?? '', headers: request.headers });
    acceptUpgrade(request, socket);
    socket.on('error', () => undefined);
    waiting.shift()?.(socket);
  });
  const port = await listen(server);
  return {
    port,
    requests,
    nextSocket: () => new Promise(resolve => waiting.push(resolve)),
    close: closer(server, sockets)
  };
}
