import type { TranslationBundle } from '@jupyterlab/translation';
import type { ConnectionStatus, LinkProblem } from './plotter-model';

/** What a card shows as its status: the link's, or "paused" while the display is paused. */
export type CardStatus = ConnectionStatus | 'paused';

/** The status word of a card. */
export function statusText(status: CardStatus, trans: TranslationBundle): string {
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
export function problemText(problem: LinkProblem | null, trans: TranslationBundle): string {
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
      return trans.__('Lost the link to the plot server (%1)', problem.detail);
  }
}
