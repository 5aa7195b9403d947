import { IDENTITY_PATH, ROUTE_NAME, SOCKET_PATH } from 'async-plotter/protocol';
import type { Endpoint } from '../viewer/link/endpoint';

/** Where the panel's page reaches its Jupyter server (from JupyterLab's server settings). */
export interface JupyterServerPlace {
  /** The server's base URL, absolute, with its trailing slash: `http://host/user/alice/`. */
  baseUrl: string;
  /** Its websocket URL: `ws://host/user/alice/`. */
  wsUrl: string;
  /** Jupyter's token when JupyterLab appends it to its own websockets, else empty. */
  wsToken: string;
}

/** A way through the Jupyter server: this project's route, or jupyter-server-proxy's. */
export type ServerRoute = 'jupyter' | 'proxy';

/** The addresses of one plot server through one of the Jupyter server's routes. */
export interface RoutedAddresses {
  /** The plot server's identity (`GET`, plain JSON). */
  identity: string;
  /** What the socket connects to. */
  endpoint: Endpoint;
}

/** The first path segment after the base URL, per route (docs/route.md). */
const ROUTE_PREFIX: Record<ServerRoute, string> = {
  jupyter: ROUTE_NAME,
  proxy: 'proxy'
};

/** Whether a URL's host name (brackets and all, as `URL.hostname` gives it) is this machine's. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The port a handle's URL names (its scheme's default when it names none). */
export function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The plot server on `port` of the Jupyter server's machine, through `route`. */
export function routedAddresses(
  place: JupyterServerPlace,
  route: ServerRoute,
  port: string
): RoutedAddresses {
  const base = new URL(`${ROUTE_PREFIX[route]}/${port}`, withSlash(place.baseUrl));
  const socketOrigin = new URL(place.wsUrl);
  socketOrigin.protocol = socketOrigin.protocol === 'wss:' ? 'https:' : 'http:';
  return {
    identity: `${base.href}${IDENTITY_PATH}`,
    endpoint: {
      url: socketOrigin.origin,
      path: `${base.pathname}${SOCKET_PATH}`,
      query: place.wsToken ? { token: place.wsToken } : undefined,
      route
    }
  };
}

/** The identity address of a plot server reached directly at `url`. */
export function directIdentity(url: URL): string {
  return `${url.origin}${IDENTITY_PATH}`;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
