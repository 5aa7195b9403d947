import type { JupyterFrontEnd } from '@jupyterlab/application';
import { showErrorMessage } from '@jupyterlab/apputils';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { PlotterHandle } from 'async-plotter/protocol';
import { manualHandle } from '../viewer/link/handle';
import { askForPlotter } from './connect-dialog';
import type { IAsyncPlotter } from './tokens';

/** Ids of the commands of the live plot panel. */
export const CommandIDs = {
  open: 'jupyterlab-async-plotter:open',
  connect: 'jupyterlab-async-plotter:connect',
  pauseAll: 'jupyterlab-async-plotter:pause-all',
  resumeAll: 'jupyterlab-async-plotter:resume-all',
  clearAll: 'jupyterlab-async-plotter:clear-all'
} as const;

/** Commands without arguments. */
const NO_ARGS = { args: { type: 'object', properties: {} } };

/**
 * Adds the panel's commands (open the panel, connect by URL and token, pause, resume and clear
 * every chart) to `app`, and to the command palette when there is one.
 */
export function addCommands(
  app: JupyterFrontEnd,
  plotter: IAsyncPlotter,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const { commands } = app;
  commands.addCommand(CommandIDs.open, {
    label: trans.__('Open Live Plot Panel'),
    caption: trans.__('Show the side panel with the live charts of every plotter.'),
    describedBy: NO_ARGS,
    execute: () => plotter.openPanel()
  });
  commands.addCommand(CommandIDs.connect, {
    label: trans.__('Connect to a Plotter…'),
    caption: trans.__('Follow a plotter started outside this notebook, given its URL and token.'),
    describedBy: {
      args: {
        type: 'object',
        properties: {
          url: { type: 'string', description: trans.__('Base URL of the plot server') },
          token: { type: 'string', description: trans.__('Token of the plot server') },
          title: { type: 'string', description: trans.__('Title of the plotter') }
        }
      }
    },
    execute: args => connect(plotter, trans, args)
  });
  commands.addCommand(CommandIDs.pauseAll, {
    label: trans.__('Pause All Live Plots'),
    caption: trans.__('Pause the display of every chart; data keeps arriving.'),
    describedBy: NO_ARGS,
    execute: () => plotter.registry.models.forEach(model => model.setPaused(true))
  });
  commands.addCommand(CommandIDs.resumeAll, {
    label: trans.__('Resume All Live Plots'),
    caption: trans.__('Resume the display of every chart.'),
    describedBy: NO_ARGS,
    execute: () => plotter.registry.models.forEach(model => model.setPaused(false))
  });
  commands.addCommand(CommandIDs.clearAll, {
    label: trans.__('Clear All Live Plots'),
    caption: trans.__('Drop the data every chart holds.'),
    describedBy: NO_ARGS,
    execute: () => plotter.registry.models.forEach(model => model.clear())
  });
  if (palette) {
    const category = trans.__('Live Plots');
    for (const command of Object.values(CommandIDs)) {
      palette.addItem({ command, category });
    }
  }
}

/**
 * The connect command: follow the plotter at `args.url` with `args.token`, or the one the
 * person gives in the dialog when the arguments lack either.
 */
async function connect(
  plotter: IAsyncPlotter,
  trans: TranslationBundle,
  args: Readonly<Record<string, unknown>>
): Promise<void> {
  const given =
    typeof args.url === 'string' && typeof args.token === 'string'
      ? {
          url: args.url,
          token: args.token,
          title: typeof args.title === 'string' ? args.title : ''
        }
      : await askForPlotter(trans);
  if (!given) {
    return;
  }
  const title = trans.__('Cannot connect to the plotter');
  if (!given.url || !given.token) {
    await showErrorMessage(title, trans.__('Both the URL and the token are needed.'));
    return;
  }
  let handle: PlotterHandle;
  try {
    handle = manualHandle(given.url, given.token, given.title);
  } catch (error) {
    await showErrorMessage(title, error as Error);
    return;
  }
  const model = plotter.registry.open(handle, {
    key: 'connected',
    label: trans.__('Connected by URL')
  });
  plotter.openPanel(model);
}
