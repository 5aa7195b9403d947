import type { IStateDB } from '@jupyterlab/statedb';
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import { parseHandle } from '../viewer/link/handle';
import { isLoopbackUrl } from './handle-consent';
import { keptHandle } from './lent-token';
import type { SectionInfo } from '../viewer/views/section-info';
import type { PlotterRegistry } from './plotter-registry';

const STATE_KEY = 'jupyterlab-async-plotter:handles';

/**
 * Keeps the handles the panel follows in the state database, so that after a page reload the
 * panel re-attaches to plotters that are still running (the others show "disconnected").
 *
 * What trust means for them: only handles the person followed are saved (trusted outputs and
 * explicit connections), but the state database can also be filled from a workspace file
 * someone else wrote. So a saved handle reconnects by itself only to this machine; one of
 * another host is not restored (the person connects again from its output or by URL).
 *
 * No token the Jupyter server lent for a notebook's handle is saved (the state database ends up
 * in workspace files): a restored handle without one gets it lent again.
 */
export class HandleStore {
  constructor(
    private _state: IStateDB,
    private _registry: PlotterRegistry
  ) {}

  /** Follow every saved handle again, then keep the saved list up to date. */
  async restore(): Promise<void> {
    try {
      const saved = await this._state.fetch(STATE_KEY);
      if (Array.isArray(saved)) {
        for (const entry of saved) {
          this._restoreOne(entry);
        }
      }
    } catch (error) {
      console.warn('async-plotter: could not restore the plotters of the last session', error);
    }
    this._registry.changed.connect(this._save, this);
  }

  dispose(): void {
    this._registry.changed.disconnect(this._save, this);
  }

  private _restoreOne(entry: unknown): void {
    if (typeof entry !== 'object' || entry === null) {
      return;
    }
    const { section, handle } = entry as { section?: SectionInfo; handle?: unknown };
    if (!section || typeof section.key !== 'string' || typeof section.label !== 'string') {
      return;
    }
    try {
      const parsed = parseHandle(handle);
      if (!isLoopbackUrl(parsed.url)) {
        console.info(
          `async-plotter: not reconnecting by itself to "${parsed.title}" on ${new URL(parsed.url).host}`
        );
        return;
      }
      this._registry.open(parsed, { key: section.key, label: section.label });
    } catch (error) {
      console.warn('async-plotter: skipped a saved plotter handle', error);
    }
  }

  private _save(): void {
    // Tokens the Jupyter server lent stay in this page: after a reload it lends them again.
    const handles = this._registry
      .handles()
      .map(({ section, handle }) => ({ section, handle: keptHandle(handle) }));
    const value = handles as unknown as ReadonlyPartialJSONValue;
    this._state.save(STATE_KEY, value).catch(error => {
      console.warn('async-plotter: could not save the followed plotters', error);
    });
  }
}
