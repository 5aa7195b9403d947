import { MainAreaWidget } from '@jupyterlab/apputils';
import { vegaIcon } from '@jupyterlab/ui-components';
import { ChartCard } from '../viewer/views/chart-card';
import type { ChartCardActions } from '../viewer/views/chart-card';
import type { ChartModel } from '../viewer/models/chart-model';
import type { ChartViewOptions } from '../viewer/views/chart-view';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { Translation } from '../viewer/translation';

/** A chart of the panel opened as a dockable main-area tab (same model: same live data). */
export function createChartTab(
  plotter: PlotterModel,
  chart: ChartModel,
  view: ChartViewOptions,
  actions: Omit<ChartCardActions, 'openInMain'>,
  trans: Translation
): MainAreaWidget<ChartCard> {
  const content = new ChartCard({ plotter, chart, view, actions, trans });
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
