import { SOCKET_PATH } from 'async-plotter/protocol';
import type { PlotterHandle } from 'async-plotter/protocol';

/** The ways a viewer can reach a plot server. */
export type Route = 'direct' | 'jupyter' | 'proxy' | 'page';

/** Where a viewer's socket reaches a plot server, and by which way. */
export interface Endpoint {
  /** The origin the socket connects to (socket.io ignores any path in it). */
  url: string;
  /** The socket.io path on that origin. */
  path: string;
  /** Query parameters the way itself needs (never the plotter's token: that goes in `auth`). */
  query?: Record<string, string>;
  /**
   * `direct`: the handle's URL; `jupyter`: through this project's Jupyter server extension;
   * `proxy`: through jupyter-server-proxy; `page`: the origin that served the viewer page.
   */
  route: Route;
}

/** The handle's own URL, as a browser on the kernel's machine reaches it. */
export function directEndpoint(handle: PlotterHandle): Endpoint {
  return { url: handle.url, path: SOCKET_PATH, route: 'direct' };
}
