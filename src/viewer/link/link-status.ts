import type { ConnectionStatus, LinkProblem } from '../models/plotter-model';
import type { Translation } from '../translation';
import type { Route } from './endpoint';

/** What a card shows as its status: the link's, or "paused" while the display is paused. */
export type CardStatus = ConnectionStatus | 'paused';

/** The status word of a card. */
export function statusText(status: CardStatus, trans: Translation): string {
  switch (status) {
    case 'connecting':
      return trans.__('connecting');
    case 'connected':
      return trans.__('connected');
    case 'stalled':
      return trans.__('stalled');
    case 'paused':
      return trans.__('paused');
    case 'disconnected':
      return trans.__('disconnected');
  }
}

/** Why the link is down, in a sentence; empty when all is well. */
export function problemText(problem: LinkProblem | null, trans: Translation): string {
  if (!problem) {
    return '';
  }
  switch (problem.kind) {
    case 'refused':
      return trans.__('Refused by the plot server: %1', problem.detail);
    case 'unreachable':
      return trans.__('Cannot reach the plot server (%1); retrying', problem.detail);
    case 'gave-up':
      return trans.__('Could not reach the plot server (%1); no more attempts', problem.detail);
    case 'closed':
      return trans.__('The plot server ended the link: %1', problem.detail);
    case 'lost':
      return trans.__('Lost the link: %1', disconnectText(problem.detail, trans));
    case 'invalid':
      return trans.__('The plot server sent what the panel cannot use: %1', problem.detail);
    case 'unreadable':
      return trans.__(
        'Stopped: %1. Update the async-plotter package or the extension so that both match.',
        problem.detail
      );
    case 'route':
      return trans.__('The Jupyter server refused to carry the link: %1', problem.detail);
    case 'token':
      return trans.__("Cannot connect without the plotter's token: %1", problem.detail);
  }
}

/** The way a card's link goes, in a word or two; empty for none and for the viewer page. */
export function routeText(route: Route | null, trans: Translation): string {
  switch (route) {
    case 'jupyter':
      return trans.__('via Jupyter server');
    case 'proxy':
      return trans.__('via jupyter-server-proxy');
    case 'direct':
      return trans.__('direct');
    default:
      return '';
  }
}

/** What the way of `routeText` means for the person looking at the card. */
export function routeDescription(route: Route | null, trans: Translation): string {
  switch (route) {
    case 'jupyter':
      return trans.__(
        "The link goes through the Jupyter server (its async-plotter route): it works wherever JupyterLab's own page does."
      );
    case 'proxy':
      return trans.__('The link goes through jupyter-server-proxy on the Jupyter server.');
    case 'direct':
      return trans.__(
        "The link goes straight to the plot server's own address: only a browser that reaches that address gets the plots."
      );
    default:
      return '';
  }
}

/** The reasons socket.io-client gives for a disconnection (its `disconnect` event). */
export const SOCKET_REASONS = {
  transportClose: 'transport close',
  pingTimeout: 'ping timeout',
  transportError: 'transport error',
  serverDisconnect: 'io server disconnect',
  clientClosed: 'io client disconnect',
  parseError: 'parse error'
} as const;

/**
 * Why socket.io dropped a link that was up, in plain words: its reasons (`SOCKET_REASONS`) are
 * jargon. An unknown reason is shown as it is.
 */
export function disconnectText(reason: string, trans: Translation): string {
  const words: Record<string, string> = {
    [SOCKET_REASONS.transportClose]: trans.__(
      'the plot server went away (kernel restarted or stopped)'
    ),
    [SOCKET_REASONS.pingTimeout]: trans.__('the plot server stopped answering'),
    [SOCKET_REASONS.transportError]: trans.__('the connection to the plot server failed'),
    [SOCKET_REASONS.serverDisconnect]: trans.__('the plot server dropped this viewer'),
    [SOCKET_REASONS.clientClosed]: trans.__('the panel closed the connection'),
    [SOCKET_REASONS.parseError]: trans.__('the plot server sent a message the panel could not read')
  };
  return Object.hasOwn(words, reason) ? words[reason] : reason;
}
