import { ILayoutRestorer } from '@jupyterlab/application';
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import {
  ICommandPalette,
  IThemeManager,
  showErrorMessage,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import type { PlotterHandle, RowsRequest } from 'async-plotter/protocol';
import type { ChartCard } from './viewer/views/chart-card';
import { createChartTab } from './jupyterlab/chart-tab';
import { CommandIDs } from './jupyterlab/commands';
import { askForPlotter } from './jupyterlab/connect-dialog';
import { manualHandle } from './viewer/link/handle';
import { HandleRenderer } from './jupyterlab/handle-renderer';
import { HandleStore } from './jupyterlab/handle-store';
import { panelLinks } from './jupyterlab/panel-links';
import { PlotPanel } from './jupyterlab/plot-panel';
import type { PlotterModel } from './viewer/models/plotter-model';
import { PlotterRegistry } from './jupyterlab/plotter-registry';
import type { SectionInfo } from './viewer/views/section-info';
import { SettingsModel } from './jupyterlab/settings';
import type { Placement } from './jupyterlab/settings';
import { IAsyncPlotter } from './jupyterlab/tokens';

const PLUGIN_ID = 'jupyterlab-async-plotter:plugin';

/** Rank of the panel in its side bar. */
const PANEL_RANK = 900;

/** Whether JupyterLab shows a dark theme now. */
function isDarkTheme(themes: IThemeManager | null): boolean {
  if (themes?.theme) {
    return !themes.isLight(themes.theme);
  }
  return document.body.dataset.jpThemeLight === 'false';
}

/** The plot panel, the registry of plotters it follows, its settings and persistence. */
const panelPlugin: JupyterFrontEndPlugin<IAsyncPlotter> = {
  id: PLUGIN_ID,
  description: 'The live plot side panel: cards for every chart of the plotters it follows.',
  autoStart: true,
  provides: IAsyncPlotter,
  optional: [ISettingRegistry, ILayoutRestorer, IStateDB, IThemeManager, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    state: IStateDB | null,
    themes: IThemeManager | null,
    translator: ITranslator | null
  ): IAsyncPlotter => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_async_plotter');
    const settings = new SettingsModel();
    const viewOptions = {
      isDark: () => isDarkTheme(themes),
      maxFps: () => settings.current.maxFps
    };
    const registry = new PlotterRegistry({
      connect: panelLinks(app.serviceManager.serverSettings, () => settings.current.maxFps),
      rowLimit: () => settings.current.rowLimit
    });
    const tabs = new WidgetTracker<MainAreaWidget<ChartCard>>({ namespace: 'async-plotter-tab' });
    const stop = (plotter: PlotterModel) => registry.stop(plotter);
    const fetchRows = (plotter: PlotterModel, request: RowsRequest) =>
      registry.fetchRows(plotter, request);
    const panel = new PlotPanel({
      registry,
      translator: translator ?? nullTranslator,
      card: {
        view: viewOptions,
        trans,
        actions: {
          stop,
          fetchRows,
          openInMain: (plotter, chart) => {
            const existing = tabs.find(
              tab => tab.content.plotter === plotter && tab.content.chart === chart
            );
            if (existing) {
              app.shell.activateById(existing.id);
              return;
            }
            const tab = createChartTab(plotter, chart, viewOptions, { stop, fetchRows }, trans);
            void tabs.add(tab);
            app.shell.add(tab, 'main');
            app.shell.activateById(tab.id);
          }
        }
      }
    });
    panel.title.caption = trans.__('Live plots');

    let placement: Placement | null = null;
    const place = () => {
      if (settings.current.placement !== placement) {
        placement = settings.current.placement;
        app.shell.add(panel, placement, { rank: PANEL_RANK, type: 'Live Plots' });
      }
    };
    place();
    restorer?.add(panel, 'async-plotter-panel');

    const service: IAsyncPlotter = {
      registry,
      panel,
      settings,
      viewOptions,
      openPanel: (plotter?: PlotterModel) => {
        app.shell.activateById(panel.id);
        if (plotter) {
          requestAnimationFrame(() => panel.reveal(plotter));
        }
      }
    };
    themes?.themeChanged.connect(() => {
      // Let the new theme's CSS variables apply before reading them.
      requestAnimationFrame(() => {
        panel.refreshTheme();
        tabs.forEach(tab => tab.content.view.refreshTheme());
      });
    });

    // Open the panel the first time a new plotter actually streams.
    registry.changed.connect((_, change) => {
      if (change.type !== 'added') {
        return;
      }
      const onStatus = (model: PlotterModel) => {
        if (model.status === 'connected') {
          model.statusChanged.disconnect(onStatus);
          if (settings.current.autoOpen) {
            service.openPanel(model);
          }
        }
      };
      change.model.statusChanged.connect(onStatus);
    });

    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          const apply = () => {
            settings.update(loaded.composite as Record<string, unknown>);
            place();
          };
          apply();
          loaded.changed.connect(apply);
        })
        .catch(error => {
          console.error('async-plotter: could not load the settings, using defaults', error);
        });
    }
    if (state) {
      const store = new HandleStore(state, registry);
      void app.restored.then(() => store.restore());
    }
    return service;
  }
};

/** Renders the plotter handle in cell outputs and makes the panel follow it. */
const rendererPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-async-plotter:renderer',
  description: 'Renders the async-plotter handle in cell outputs (status line, inline charts).',
  autoStart: true,
  requires: [IAsyncPlotter, IRenderMimeRegistry],
  optional: [INotebookTracker, ITranslator],
  activate: (
    _app: JupyterFrontEnd,
    plotter: IAsyncPlotter,
    rendermime: IRenderMimeRegistry,
    notebooks: INotebookTracker | null,
    translator: ITranslator | null
  ): void => {
    const sectionOf = (widget: Widget): SectionInfo | null => {
      for (let w: Widget | null = widget; w; w = w.parent) {
        const notebook = notebooks?.find(panel => panel === w);
        if (notebook) {
          const path = notebook.context.path;
          return { key: path, label: PathExt.basename(path) };
        }
      }
      return null;
    };
    rendermime.addFactory(
      {
        safe: true,
        mimeTypes: [HANDLE_MIME_TYPE],
        createRenderer: () =>
          new HandleRenderer({ plotter, translator: translator ?? nullTranslator, sectionOf })
      },
      0
    );
  }
};

/** Commands: open the panel, connect by URL and token, pause/resume all, clear all. */
const commandsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-async-plotter:commands',
  description: 'Command palette entries of the live plot panel.',
  autoStart: true,
  requires: [IAsyncPlotter],
  optional: [ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    plotter: IAsyncPlotter,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_async_plotter');
    const { commands } = app;
    const category = trans.__('Live Plots');
    commands.addCommand(CommandIDs.open, {
      label: trans.__('Open Live Plot Panel'),
      caption: trans.__('Show the side panel with the live charts of every plotter.'),
      describedBy: { args: { type: 'object', properties: {} } },
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
      execute: async args => {
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
    });
    commands.addCommand(CommandIDs.pauseAll, {
      label: trans.__('Pause All Live Plots'),
      caption: trans.__('Pause the display of every chart; data keeps arriving.'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => plotter.registry.models.forEach(model => model.setPaused(true))
    });
    commands.addCommand(CommandIDs.resumeAll, {
      label: trans.__('Resume All Live Plots'),
      caption: trans.__('Resume the display of every chart.'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => plotter.registry.models.forEach(model => model.setPaused(false))
    });
    commands.addCommand(CommandIDs.clearAll, {
      label: trans.__('Clear All Live Plots'),
      caption: trans.__('Drop the data every chart holds.'),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: () => plotter.registry.models.forEach(model => model.clear())
    });
    if (palette) {
      for (const command of Object.values(CommandIDs)) {
        palette.addItem({ command, category });
      }
    }
  }
};

export default [panelPlugin, rendererPlugin, commandsPlugin];
