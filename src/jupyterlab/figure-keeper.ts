import { FigureCache } from '../viewer/figure/figure-cache';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { PlotterRegistry, RegistryChange } from './plotter-registry';

/**
 * A figure cache for every plotter the panel follows (figure-cache.ts), so that a notebook
 * save finds each plotter's picture ready. Caches come and go with the registry's models.
 */
export class FigureKeeper {
  constructor(registry: PlotterRegistry) {
    this._registry = registry;
    for (const model of registry.models) {
      this._caches.set(model, new FigureCache(model));
    }
    registry.changed.connect(this._onChange, this);
  }

  /** The cache of the plotter that handle id belongs to, if the panel follows it. */
  cacheOf(handleId: string): FigureCache | null {
    const model = this._registry.following(handleId);
    return model ? (this._caches.get(model) ?? null) : null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._registry.changed.disconnect(this._onChange, this);
    for (const cache of this._caches.values()) {
      cache.dispose();
    }
    this._caches.clear();
  }

  private _onChange(_: PlotterRegistry, change: RegistryChange): void {
    if (change.type === 'added') {
      this._caches.set(change.model, new FigureCache(change.model));
    } else if (change.type === 'removed') {
      this._caches.get(change.model)?.dispose();
      this._caches.delete(change.model);
    }
  }

  private _registry: PlotterRegistry;
  private _caches = new Map<PlotterModel, FigureCache>();
  private _isDisposed = false;
}
