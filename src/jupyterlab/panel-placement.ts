import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { PlotPanel } from './plot-panel';
import type { Placement, SettingsModel } from './settings';

/** Rank of the panel in its side bar. */
const PANEL_RANK = 900;

/** Docks `panel` in the side bar the settings name, and moves it when they name the other. */
export function followPlacement(
  shell: JupyterFrontEnd.IShell,
  panel: PlotPanel,
  settings: SettingsModel
): void {
  let placement: Placement | null = null;
  const place = () => {
    if (settings.current.placement !== placement) {
      placement = settings.current.placement;
      shell.add(panel, placement, { rank: PANEL_RANK, type: 'Live Plots' });
    }
  };
  place();
  settings.changed.connect(place);
}

/** Shows `panel` (expanding its side bar) and scrolls to `plotter`'s cards. */
export function showPanel(
  shell: JupyterFrontEnd.IShell,
  panel: PlotPanel,
  plotter?: PlotterModel
): void {
  shell.activateById(panel.id);
  if (plotter) {
    requestAnimationFrame(() => panel.reveal(plotter));
  }
}
