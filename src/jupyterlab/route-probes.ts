import { ServerConnection } from '@jupyterlab/services';
import { ROUTE_HEADER } from 'async-plotter/protocol';
import type { ProbeAnswer, RouteContext, RouteProbes } from './route-finder';

/** How long a probe may take before it counts as unanswered. */
const PROBE_TIMEOUT_MS = 5000;

/** Where this page reaches its Jupyter server, from JupyterLab's server settings. */
export function routeContext(settings: ServerConnection.ISettings): RouteContext {
  return {
    place: {
      baseUrl: settings.baseUrl,
      wsUrl: settings.wsUrl,
      wsToken: settings.appendToken ? settings.token : ''
    },
    pageHost: location.hostname
  };
}

/**
 * The finder's requests from this page: GETs on the Jupyter server with its authentication
 * (`ServerConnection.makeRequest`: the login cookie, or the token JupyterLab knows), and a
 * no-cors GET to tell whether anything answers at an address of the browser's own machine.
 */
export function serverProbes(settings: ServerConnection.ISettings): RouteProbes {
  return {
    get: async (url, signal) => {
      // Not JupyterLab's default `no-store`, which adds a cache-busting query to the address:
      // the plot server answers its identity only at the exact path.
      const response = await ServerConnection.makeRequest(
        url,
        { cache: 'no-cache', signal: withTimeout(signal) },
        settings
      );
      return {
        status: response.status,
        routed: response.headers.get(ROUTE_HEADER) === '1',
        body: await jsonBody(response)
      };
    },
    reachable: async (url, signal) => {
      try {
        await fetch(url, { mode: 'no-cors', credentials: 'omit', signal: withTimeout(signal) });
        return true;
      } catch {
        return false;
      }
    }
  };
}

/** `signal`, or the probe's time running out, whichever comes first. */
function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function jsonBody(response: Response): Promise<ProbeAnswer['body']> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}
