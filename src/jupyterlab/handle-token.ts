import { ROUTE_NAME, TOKEN_SEGMENT } from 'async-plotter/protocol';
import type { Route } from '../viewer/link/endpoint';
import type { JupyterServerPlace } from './route-addresses';
import { portOf } from './route-addresses';
import type { ProbeAnswer, RouteProbes } from './route-finder';
import { NO_PLOT_SERVER } from './route-finder';

/**
 * Where a handle without a token gets one: from the Jupyter server (its async-plotter server
 * extension, `<base>async-plotter/token/<port>`), which hands a plotter's token only to its
 * logged-in user (docs/security.md). A notebook output holds no token, so that a saved notebook
 * keeps no secret.
 */
export type TokenAnswer =
  | { kind: 'token'; token: string }
  /** The Jupyter server gives none: `reason` says why and what to do instead. */
  | { kind: 'none'; reason: string }
  /** The route says there is no plot server on that port (any more): as the route finder's. */
  | { kind: 'refused'; route: Route; reason: string; code: string }
  | { kind: 'unreachable'; reason: string };

/** What to do when the Jupyter server cannot hand the token over. */
const CONNECT_BY_HAND =
  'use the command "Connect to a Plotter…" with its URL and token (the plotter\'s viewerUrl in the notebook has both)';

/** The token address of the plot server on `port` of the Jupyter server's machine. */
export function tokenAddress(place: JupyterServerPlace, port: string): string {
  const base = place.baseUrl.endsWith('/') ? place.baseUrl : `${place.baseUrl}/`;
  return new URL(`${ROUTE_NAME}/${TOKEN_SEGMENT}/${port}`, base).href;
}

/** Asks the Jupyter server for the token of the plot server at `url` (a loopback address). */
export async function askToken(
  url: string,
  place: JupyterServerPlace,
  probes: RouteProbes,
  signal?: AbortSignal
): Promise<TokenAnswer> {
  let answer: ProbeAnswer;
  try {
    answer = await probes.get(tokenAddress(place, portOf(new URL(url))), signal);
  } catch {
    return { kind: 'unreachable', reason: 'the Jupyter server does not answer' };
  }
  const body = (typeof answer.body === 'object' && answer.body) || {};
  const { token, message, code } = body as Record<string, unknown>;
  if (answer.status === 200 && answer.routed && typeof token === 'string' && token) {
    return { kind: 'token', token };
  }
  if (answer.status >= 500 && !answer.routed) {
    return { kind: 'unreachable', reason: `the Jupyter server answered HTTP ${answer.status}` };
  }
  if (!answer.routed || code === 'not-a-port') {
    // No extension (a 404 of the Jupyter server itself), or one older than the token handler.
    return {
      kind: 'none',
      reason: `notebooks do not keep it, and this Jupyter server has no async-plotter server extension that hands it over; ${CONNECT_BY_HAND}`
    };
  }
  const reason = typeof message === 'string' && message ? message : `HTTP ${answer.status}`;
  if (typeof code === 'string' && NO_PLOT_SERVER.has(code)) {
    return { kind: 'refused', route: 'jupyter', reason, code };
  }
  return {
    kind: 'none',
    reason: `the Jupyter server does not hand it over (${reason}); ${CONNECT_BY_HAND}`
  };
}
