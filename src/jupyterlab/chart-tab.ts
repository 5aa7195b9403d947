import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { vegaIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';
import { ChartCard } from '../viewer/views/chart-card';
import type { ChartCardActions } from '../viewer/views/chart-card';
import type { ChartModel } from '../viewer/models/chart-model';
import type { ChartViewOptions } from '../viewer/views/chart-view';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { Translation } from '../viewer/translation';

export interface ChartTabsOptions {
  shell: JupyterFrontEnd.IShell;
  view: ChartViewOptions;
  actions: Omit<ChartCardActions, 'openInMain'>;
  trans: Translation;
}

/**
 * Adds `tab` to the main area or, in a shell whose main area holds one document and refuses a
 * second (Jupyter Notebook 7), to the area below it. False when neither took it.
 */
function addTab(shell: JupyterFrontEnd.IShell, tab: Widget): boolean {
  shell.add(tab, 'main');
  if (!tab.isAttached) {
    shell.add(tab, 'down');
  }
  return tab.isAttached;
}

/**
 * The charts of the panel opened as dockable main-area tabs (same model: same live data), below
 * the notebook in Notebook 7. A chart has at most one tab: opening it again brings its tab
 * forward.
 */
export class ChartTabs {
  constructor(options: ChartTabsOptions) {
    this._options = options;
  }

  /** Show `chart` of `plotter` in its tab, opening the tab the first time. */
  open(plotter: PlotterModel, chart: ChartModel): void {
    const { shell } = this._options;
    const existing = this._tracker.find(
      tab => tab.content.plotter === plotter && tab.content.chart === chart
    );
    if (existing) {
      shell.activateById(existing.id);
      return;
    }
    const tab = this._create(plotter, chart);
    if (!addTab(shell, tab)) {
      tab.dispose();
      return;
    }
    void this._tracker.add(tab);
    shell.activateById(tab.id);
  }

  /** Re-embed the chart of every tab with the current theme. */
  refreshTheme(): void {
    this._tracker.forEach(tab => tab.content.view.refreshTheme());
  }

  private _create(plotter: PlotterModel, chart: ChartModel): MainAreaWidget<ChartCard> {
    const { view, actions, trans } = this._options;
    const content = new ChartCard({ plotter, chart, view, actions, trans });
    content.addClass('jp-AsyncPlotter-tabCard');
    const widget = new MainAreaWidget({ content });
    widget.id = `jupyterlab-async-plotter-tab-${encodeURIComponent(plotter.section)}-${encodeURIComponent(plotter.title)}-${encodeURIComponent(chart.name)}`;
    widget.title.label =
      chart.name === plotter.title ? chart.name : `${plotter.title} · ${chart.name}`;
    widget.title.icon = vegaIcon;
    widget.title.closable = true;
    widget.addClass('jp-AsyncPlotter-tab');
    return widget;
  }

  private _options: ChartTabsOptions;
  private _tracker = new WidgetTracker<MainAreaWidget<ChartCard>>({
    namespace: 'jupyterlab-async-plotter-tab'
  });
}
