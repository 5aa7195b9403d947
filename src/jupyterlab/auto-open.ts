import type { PlotterModel } from '../viewer/models/plotter-model';
import type { PlotterRegistry } from './plotter-registry';

/**
 * Calls `open` the first time each new plotter of `registry` connects (actually streams), when
 * `enabled()` says so then.
 */
export function openOnFirstConnect(
  registry: PlotterRegistry,
  enabled: () => boolean,
  open: (plotter: PlotterModel) => void
): void {
  registry.changed.connect((_, change) => {
    if (change.type !== 'added') {
      return;
    }
    const onStatus = (model: PlotterModel) => {
      if (model.status === 'connected') {
        model.statusChanged.disconnect(onStatus);
        if (enabled()) {
          open(model);
        }
      }
    };
    change.model.statusChanged.connect(onStatus);
  });
}
