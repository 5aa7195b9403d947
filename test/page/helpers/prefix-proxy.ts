/**
 * A stand-in for a Jupyter server route that serves plot servers under a path prefix:
 * `/async-plotter/<port>/<rest>` → `http://127.0.0.1:<port>/<rest>`, plain requests and
 * websocket upgrades alike. Test code only: no checks a real server would make.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

const ROUTE = /^\/async-plotter\/(\d+)(\/.*)$/;

export interface PrefixProxy {
  close(): Promise<void>;
}

export async function startPrefixProxy(port: number): Promise<PrefixProxy> {
  const tunnels = new Set<Duplex>();
  const server = createServer((request, response) => {
    const target = route(request);
    if (!target) {
      response.writeHead(404).end();
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: request.method,
        headers: request.headers
      },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      }
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = route(request);
    if (!target) {
      socket.destroy();
      return;
    }
    const upstream = connect(target.port, '127.0.0.1', () => {
      tunnels.add(socket).add(upstream);
      const lines = [`${request.method} ${target.path} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      }
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>(resolve => {
        tunnels.forEach(socket => socket.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

function route(request: IncomingMessage): { port: number; path: string } | null {
  const match = ROUTE.exec(request.url ?? '');
  return match ? { port: Number(match[1]), path: match[2] } : null;
}
