import { PLOT_SERVICE } from 'async-plotter/protocol';
import type { PlotServerIdentity, PlotterHandle } from 'async-plotter/protocol';
import { directEndpoint } from '../viewer/link/endpoint';
import type { Endpoint, Route } from '../viewer/link/endpoint';
import { directIdentity, isLoopbackHost, portOf, routedAddresses } from './route-addresses';
import type { JupyterServerPlace } from './route-addresses';

/** An answer to a GET on the Jupyter server's site. */
export interface ProbeAnswer {
  status: number;
  /** Whether this project's route answered (`X-Async-Plotter-Route: 1`), refusals included. */
  routed: boolean;
  /** The parsed JSON body; null when it is not JSON. */
  body: unknown;
}

/** The requests the finder makes; the panel's use JupyterLab's server connection (route-probes.ts). */
export interface RouteProbes {
  /** GET an address of the Jupyter server, authenticated; rejects when the server does not answer. */
  get(url: string, signal?: AbortSignal): Promise<ProbeAnswer>;
  /** Whether anything answers HTTP at `url` from this browser (it is not read). */
  reachable(url: string, signal?: AbortSignal): Promise<boolean>;
}

/** Where the panel runs: its Jupyter server, and the host name of the page itself. */
export interface RouteContext {
  place: JupyterServerPlace;
  pageHost: string;
}

/**
 * What to do about one handle: connect over `endpoint` (`why`: the reason for this way, for the
 * log); or not at all for now, because a route refused (`refused`: its plain reason, and its
 * code from docs/route.md) or the Jupyter server did not answer (`unreachable`). The last two
 * are worth asking again later.
 */
export type RouteChoice =
  | { kind: 'use'; endpoint: Endpoint; why: string }
  | { kind: 'refused'; route: Route; reason: string; code: string }
  | { kind: 'unreachable'; reason: string };

/**
 * Refusals saying there is no plot server on that port of the Jupyter server's machine (any
 * more): then one on the browser's own machine is worth trying.
 */
export const NO_PLOT_SERVER = new Set(['nothing-listening', 'not-a-plot-server']);

/**
 * Finds the way from this browser to the plot server of `handle`:
 *
 * - a handle on another machine (not loopback) is reached at its own address;
 * - else the Jupyter server's route (this project's server extension) when it answers with the
 *   plot server's identity. When it refuses, its reason is the answer, except that a page itself
 *   on loopback whose Jupyter server has no plot server on that port tries the browser's own
 *   machine (e.g. a local script while JupyterLab comes through an SSH tunnel);
 * - else, when the Jupyter server has no such route (a 404 without the route's header),
 *   jupyter-server-proxy's `<base>proxy/<port>/` when it answers with the identity;
 * - else the handle's own address.
 */
export async function findRoute(
  handle: PlotterHandle,
  context: RouteContext,
  probes: RouteProbes,
  signal?: AbortSignal
): Promise<RouteChoice> {
  const url = new URL(handle.url);
  const direct = directEndpoint(handle);
  if (!isLoopbackHost(url.hostname)) {
    return use(direct, 'the plot server listens on a network address');
  }
  const port = portOf(url);
  const routed = routedAddresses(context.place, 'jupyter', port);
  const answer = await ask(probes, routed.identity, signal);
  if (typeof answer === 'string') {
    return { kind: 'unreachable', reason: answer };
  }
  if (answer.routed) {
    if (answer.status === 200 && isIdentity(answer.body)) {
      return use(routed.endpoint, "the Jupyter server's route answers");
    }
    const refusal = refusalOf(answer);
    if (
      NO_PLOT_SERVER.has(refusal.code) &&
      isLoopbackHost(context.pageHost) &&
      (await probes.reachable(directIdentity(url), signal))
    ) {
      return use(direct, `the Jupyter server has no plot server there (${refusal.reason})`);
    }
    return { kind: 'refused', route: 'jupyter', ...refusal };
  }
  if (answer.status >= 500) {
    return { kind: 'unreachable', reason: `the Jupyter server answered HTTP ${answer.status}` };
  }
  const proxied = routedAddresses(context.place, 'proxy', port);
  const proxyAnswer = await ask(probes, proxied.identity, signal);
  if (typeof proxyAnswer === 'string') {
    return { kind: 'unreachable', reason: proxyAnswer };
  }
  if (proxyAnswer.status === 200 && isIdentity(proxyAnswer.body)) {
    return use(proxied.endpoint, 'jupyter-server-proxy answers');
  }
  return use(direct, 'the Jupyter server has no route to plot servers');
}

function use(endpoint: Endpoint, why: string): RouteChoice {
  return { kind: 'use', endpoint, why };
}

/** The probe's answer, or why the Jupyter server did not give one. */
async function ask(
  probes: RouteProbes,
  url: string,
  signal: AbortSignal | undefined
): Promise<ProbeAnswer | string> {
  try {
    return await probes.get(url, signal);
  } catch {
    return 'the Jupyter server does not answer';
  }
}

function isIdentity(body: unknown): body is PlotServerIdentity {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const { service, protocol } = body as Record<string, unknown>;
  return service === PLOT_SERVICE && typeof protocol === 'number';
}

/** The route's reason and code (docs/route.md), or what can be said without them. */
function refusalOf(answer: ProbeAnswer): { reason: string; code: string } {
  const body = (typeof answer.body === 'object' && answer.body) || {};
  const { message, code } = body as Record<string, unknown>;
  if (answer.status === 200) {
    return { reason: 'the route answered, but not with a plot server', code: '' };
  }
  return {
    reason: typeof message === 'string' && message ? message : `HTTP ${answer.status}`,
    code: typeof code === 'string' ? code : ''
  };
}
