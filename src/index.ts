import { ILayoutRestorer } from '@jupyterlab/application';
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, IThemeManager } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import type { RowsRequest } from 'async-plotter/protocol';
import type { PlotterModel } from './viewer/models/plotter-model';
import type { ChartViewOptions } from './viewer/views/chart-view';
import { openOnFirstConnect } from './jupyterlab/auto-open';
import { ChartTabs } from './jupyterlab/chart-tab';
import { addCommands } from './jupyterlab/commands';
import { HandleRenderer } from './jupyterlab/handle-renderer';
import { HandleStore } from './jupyterlab/handle-store';
import { FigureKeeper } from './jupyterlab/figure-keeper';
import { writeFiguresOnSave } from './jupyterlab/save-figures';
import { notebookSection } from './jupyterlab/notebook-section';
import { panelLinks } from './jupyterlab/panel-links';
import { PlotPanel } from './jupyterlab/plot-panel';
import { followPlacement, showPanel } from './jupyterlab/panel-placement';
import { PlotterRegistry } from './jupyterlab/plotter-registry';
import { loadSettings, SettingsModel } from './jupyterlab/settings';
import { followTheme, isDarkTheme } from './jupyterlab/theme';
import { IAsyncPlotter } from './jupyterlab/tokens';

const PLUGIN_ID = 'jupyterlab-async-plotter:plugin';

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
    const viewOptions: ChartViewOptions = {
      isDark: () => isDarkTheme(themes),
      maxFps: () => settings.current.maxFps
    };
    const registry = new PlotterRegistry({
      connect: panelLinks(app.serviceManager.serverSettings, () => settings.current.maxFps),
      rowLimit: () => settings.current.rowLimit
    });
    const actions = {
      stop: (plotter: PlotterModel) => registry.stop(plotter),
      fetchRows: (plotter: PlotterModel, request: RowsRequest) =>
        registry.fetchRows(plotter, request)
    };
    const tabs = new ChartTabs({ shell: app.shell, view: viewOptions, actions, trans });
    const panel = new PlotPanel({
      registry,
      translator: translator ?? nullTranslator,
      card: {
        view: viewOptions,
        trans,
        actions: { ...actions, openInMain: (plotter, chart) => tabs.open(plotter, chart) }
      }
    });
    followPlacement(app.shell, panel, settings);
    restorer?.add(panel, 'jupyterlab-async-plotter-panel');
    const service: IAsyncPlotter = {
      registry,
      panel,
      settings,
      viewOptions,
      openPanel: plotter => showPanel(app.shell, panel, plotter)
    };
    followTheme(themes, () => {
      panel.refreshTheme();
      tabs.refreshTheme();
    });
    openOnFirstConnect(registry, () => settings.current.autoOpen, service.openPanel);
    if (settingRegistry) {
      loadSettings(settingRegistry, PLUGIN_ID, settings);
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
    const sectionOf = notebookSection(notebooks);
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

/** Saving a notebook writes each plotter's figure into its output (saved-figure.ts). */
const savedFiguresPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-async-plotter:saved-figures',
  description:
    'Writes the figure of every plot into its notebook output when the notebook is saved.',
  autoStart: true,
  requires: [IAsyncPlotter, INotebookTracker],
  activate: (_app: JupyterFrontEnd, plotter: IAsyncPlotter, notebooks: INotebookTracker): void => {
    writeFiguresOnSave(notebooks, new FigureKeeper(plotter.registry));
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
    addCommands(
      app,
      plotter,
      (translator ?? nullTranslator).load('jupyterlab_async_plotter'),
      palette
    );
  }
};

export default [panelPlugin, rendererPlugin, savedFiguresPlugin, commandsPlugin];
