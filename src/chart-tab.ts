import { MainAreaWidget } from '@jupyterlab/apputils';
import type { ITranslator } from '@jupyterlab/translation';
import { vegaIcon } from '@jupyterlab/ui-components';
import { ChartCard } from './chart-card';
import type { ChartCardActions } from './chart-card';
import type { ChartModel } from './chart-model';
import type { ChartViewOptions } from './chart-view';
import type { PlotterModel } from './plotter-model';

/** A chart of the panel opened as a dockable main-area tab (same model: same live data). */
export function createChartTab(
  plotter: PlotterModel,
  chart: ChartModel,
  view: ChartViewOptions,
  actions: Omit<ChartCardActions, 'openInMain'>,
  translator: ITranslator
): MainAreaWidget<ChartCard> {
  const content = new ChartCard({ plotter, chart, view, actions, translator });
  content.addClass('jp-AsyncPlotter-tabCard');
  const widget = new MainAreaWidget({ content });
  widget.id = `jp-async-plotter-tab-${encodeURIComponent(plotter.section)}-${encodeURIComponent(plotter.title)}-${encodeURIComponent(chart.name)}`;
  widget.title.label =
    chart.name === plotter.title ? chart.name : `${plotter.title} · ${chart.name}`;
  widget.title.icon = vegaIcon;
  widget.title.closable = true;
  widget.addClass('jp-AsyncPlotter-tab');
  return widget;
}
