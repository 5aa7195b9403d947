import type { ServerConnection } from '@jupyterlab/services';
import { PlotterConnection } from '../viewer/link/plotter-connection';
import type { LinkFactory } from './plotter-registry';
import { findRoute } from './route-finder';
import { routeContext, serverProbes } from './route-probes';
import { RoutedLink } from './routed-link';

/**
 * The panel's links: each plotter is followed over the way the route finder picks from this
 * page (the Jupyter server's route, jupyter-server-proxy, or the handle's own address).
 */
export function panelLinks(server: ServerConnection.ISettings, maxFps: () => number): LinkFactory {
  const context = routeContext(server);
  const probes = serverProbes(server);
  return model =>
    new RoutedLink(model, {
      find: (handle, signal) => findRoute(handle, context, probes, signal),
      open: (target, endpoint) => new PlotterConnection(target, { endpoint, maxFps })
    });
}
