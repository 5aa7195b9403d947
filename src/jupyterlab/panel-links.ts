import type { ServerConnection } from '@jupyterlab/services';
import { PlotterConnection } from '../viewer/link/plotter-connection';
import { lendToken } from './lent-token';
import type { LinkFactory } from './plotter-registry';
import { findRoute } from './route-finder';
import { routeContext, serverProbes } from './route-probes';
import { RoutedLink } from './routed-link';

/**
 * The panel's links: each plotter is followed over the way the route finder picks from this
 * page (the Jupyter server's route, jupyter-server-proxy, or the handle's own address), with
 * the token the Jupyter server lends when the handle has none (a notebook's).
 */
export function panelLinks(server: ServerConnection.ISettings, maxFps: () => number): LinkFactory {
  const context = routeContext(server);
  const probes = serverProbes(server);
  return model =>
    new RoutedLink(model, {
      find: async (handle, signal) => {
        const choice = await findRoute(handle, context, probes, signal);
        // A notebook's handle holds no token: the Jupyter server lends it to this page.
        return choice.kind === 'use' && !handle.token
          ? lendToken(model, handle, choice, context.place, probes, signal)
          : choice;
      },
      open: (target, endpoint) => new PlotterConnection(target, { endpoint, maxFps })
    });
}
