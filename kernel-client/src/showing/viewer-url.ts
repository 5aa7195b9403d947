/**
 * The addresses of a plot server: its base URL (what a viewer connects to) and the viewer page's
 * link, which carries the token in its query as Jupyter's own links do. The link is for the
 * person running the computation: print it or open it, never log it.
 */

/** `http://<host>:<port>` as a browser on this machine reaches a server bound to `host`. */
export function serverUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const name = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${name}:${port}`;
}

/** The viewer page of the server at `url`, with the token it needs. */
export function viewerUrl(url: string, token: string): string {
  return `${url}/?token=${encodeURIComponent(token)}`;
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
