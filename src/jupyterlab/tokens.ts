import { Token } from '@lumino/coreutils';
import type { ChartViewOptions } from '../viewer/views/chart-view';
import type { PlotPanel } from './plot-panel';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { PlotterRegistry } from './plotter-registry';
import type { SettingsModel } from './settings';

/** The live plot service: plotters followed, the panel showing them, and the settings. */
export interface IAsyncPlotter {
  readonly registry: PlotterRegistry;
  readonly panel: PlotPanel;
  readonly settings: SettingsModel;
  /** Options for any extra chart view (inline, main area) so it draws like the panel. */
  readonly viewOptions: ChartViewOptions;
  /** Show the panel (expanding its side bar) and scroll to `plotter`'s cards. */
  openPanel(plotter?: PlotterModel): void;
}

export const IAsyncPlotter = new Token<IAsyncPlotter>(
  'jupyterlab-async-plotter:IAsyncPlotter',
  'The live plot panel and the plotters it follows.'
);
