import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';

/** Where the plot panel docks. */
export type Placement = 'left' | 'right';

/** The user settings of the plot panel (see `schema/plugin.json`). */
export interface PlotterSettings {
  placement: Placement;
  autoOpen: boolean;
  maxFps: number;
  /**
   * Most rows the panel keeps of a dataset it draws from every row (a chart the plot server
   * cannot decimate): the newest are kept and the card says so; null keeps all.
   */
  rowLimit: number | null;
  inline: boolean;
}

export const DEFAULT_SETTINGS: Readonly<PlotterSettings> = {
  placement: 'right',
  autoOpen: true,
  maxFps: 30,
  rowLimit: 100000,
  inline: false
};

/** Read settings from the raw composite value, falling back to defaults field by field. */
export function parseSettings(raw: Readonly<Record<string, unknown>>): PlotterSettings {
  const maxFps = Number(raw.maxFps);
  const limit = raw.rowLimit;
  return {
    placement: raw.placement === 'left' ? 'left' : 'right',
    autoOpen: typeof raw.autoOpen === 'boolean' ? raw.autoOpen : DEFAULT_SETTINGS.autoOpen,
    maxFps:
      Number.isFinite(maxFps) && maxFps >= 1 ? Math.min(maxFps, 240) : DEFAULT_SETTINGS.maxFps,
    rowLimit:
      limit === null
        ? null
        : typeof limit === 'number' && limit >= 1
          ? Math.floor(limit)
          : DEFAULT_SETTINGS.rowLimit,
    inline: typeof raw.inline === 'boolean' ? raw.inline : DEFAULT_SETTINGS.inline
  };
}

/** The current settings, with a signal when they change. */
export class SettingsModel {
  get current(): Readonly<PlotterSettings> {
    return this._current;
  }

  get changed(): ISignal<this, Readonly<PlotterSettings>> {
    return this._changed;
  }

  update(raw: Readonly<Record<string, unknown>>): void {
    this._current = parseSettings(raw);
    this._changed.emit(this._current);
  }

  private _current: PlotterSettings = { ...DEFAULT_SETTINGS };
  private _changed = new Signal<this, Readonly<PlotterSettings>>(this);
}

/**
 * Loads the settings of plugin `pluginId` into `settings` and keeps them in step with every
 * change; when they cannot be loaded, the defaults stay (and the console says why).
 */
export function loadSettings(
  registry: ISettingRegistry,
  pluginId: string,
  settings: SettingsModel
): void {
  registry
    .load(pluginId)
    .then(loaded => {
      const apply = () => settings.update(loaded.composite as Record<string, unknown>);
      apply();
      loaded.changed.connect(apply);
    })
    .catch(error => {
      console.error('async-plotter: could not load the settings, using defaults', error);
    });
}
