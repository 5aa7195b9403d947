import { disconnectText } from '../viewer/link/link-status';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { Translation } from '../viewer/translation';

/**
 * How the page's status line looks: live, waiting, ended (the script is gone, its last data
 * shown), or a problem the person must act on.
 */
export type PageTone = 'ok' | 'waiting' | 'ended' | 'problem';

export interface PageStatus {
  tone: PageTone;
  text: string;
}

/** The page's status line for someone watching a script run: where the plots come from now. */
export function pageStatus(model: PlotterModel, trans: Translation): PageStatus {
  const { status, problem } = model;
  if (problem?.kind === 'refused') {
    return {
      tone: 'problem',
      text: trans.__(
        'The plot server refused this page (%1). Open the link the script printed: it carries the token.',
        problem.detail
      )
    };
  }
  if (problem?.kind === 'closed') {
    return {
      tone: 'ended',
      text: trans.__('The script has finished. The charts keep the last data it sent.')
    };
  }
  if (problem && status !== 'connected' && status !== 'stalled') {
    const why = problem.kind === 'lost' ? disconnectText(problem.detail, trans) : problem.detail;
    if (problem.kind === 'gave-up') {
      return {
        tone: 'ended',
        text: trans.__(
          'The script has ended or cannot be reached (%1). The charts keep the last data; reload the page to try again.',
          why
        )
      };
    }
    if (model.charts.size > 0 || problem.kind === 'lost') {
      return {
        tone: 'ended',
        text: trans.__(
          'The script has ended or the connection was lost. The charts keep the last data; trying to reconnect.'
        )
      };
    }
    return { tone: 'waiting', text: trans.__('Cannot reach the plot server (%1); retrying.', why) };
  }
  switch (status) {
    case 'connecting':
      return { tone: 'waiting', text: trans.__('Connecting to the plot server…') };
    case 'connected':
      return { tone: 'ok', text: trans.__('Live: receiving the plots as the script runs.') };
    case 'stalled':
      return {
        tone: 'waiting',
        text: trans.__('Connected, but no news from the plot server for a few seconds.')
      };
    case 'disconnected':
      return { tone: 'problem', text: trans.__('Disconnected from the plot server.') };
  }
}
