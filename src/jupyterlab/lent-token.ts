import type { DisplayedHandle, PlotterHandle } from 'async-plotter/protocol';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { JupyterServerPlace } from './route-addresses';
import type { RouteChoice, RouteProbes } from './route-finder';
import { askToken } from './handle-token';

/** The code of a route choice that cannot connect for want of a token (the card says why). */
export const NO_TOKEN = 'no-token';

/** Handles whose token the Jupyter server lent this page: never written anywhere. */
const lent = new WeakSet<PlotterHandle>();

/**
 * Completes a way found for a handle without a token: asks the Jupyter server for the token
 * and gives the model a handle with it (for this page only), or turns the way into a refusal
 * that says why there is no token. `handle` is the model's handle when the search started: a
 * handle that took its place meanwhile (a re-run cell) is left alone.
 */
export async function lendToken(
  model: PlotterModel,
  handle: PlotterHandle,
  choice: Extract<RouteChoice, { kind: 'use' }>,
  place: JupyterServerPlace,
  probes: RouteProbes,
  signal?: AbortSignal
): Promise<RouteChoice> {
  const answer = await askToken(handle.url, place, probes, signal);
  switch (answer.kind) {
    case 'token': {
      if (model.handle !== handle || model.isDisposed) {
        return { kind: 'unreachable', reason: 'the plotter was replaced' };
      }
      const withToken = { ...handle, token: answer.token };
      lent.add(withToken);
      model.handle = withToken;
      return choice;
    }
    case 'none':
      return {
        kind: 'refused',
        route: choice.endpoint.route,
        reason: answer.reason,
        code: NO_TOKEN
      };
    default:
      return answer;
  }
}

/** What may be kept of `handle` across reloads: without a token the Jupyter server lent. */
export function keptHandle(handle: PlotterHandle): PlotterHandle | DisplayedHandle {
  if (!lent.has(handle)) {
    return handle;
  }
  const { version, id, title, url, rate, inline } = handle;
  return { version, id, title, url, rate, inline };
}
