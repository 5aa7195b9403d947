import { SOCKET_PATH } from 'async-plotter/protocol';
import type { Endpoint } from '../viewer/link/endpoint';

/**
 * The socket of the server that served this page: the page's own origin, and the socket.io
 * path taken relative to the page's location. So the page also works behind a port forward
 * (another port number) or a proxy that serves it under a path prefix
 * (`/async-plotter/<port>/` → the server's `/`).
 */
export function pageEndpoint(location: Location): Endpoint {
  const path = new URL(`.${SOCKET_PATH}`, location.href).pathname;
  return { url: location.origin, path, route: 'page' };
}
