import { releaseRemovedRelayTuples } from './vega-relay';

export type VegaEmbedModule = typeof import('vega-embed');

let vegaEmbedModule: Promise<VegaEmbedModule> | null = null;

/** Lazy-loads vega-embed (and Vega, Vega-Lite) the first time a chart is shown. */
export function loadVegaEmbed(): Promise<VegaEmbedModule> {
  vegaEmbedModule ??= import('vega-embed').then(module => {
    // Streaming with a fixed window otherwise grows the heap (see vega-relay.ts).
    if (!releaseRemovedRelayTuples(module.vega)) {
      console.warn(
        'async-plotter: unexpected Vega relay transform; memory may grow while streaming'
      );
    }
    return module;
  });
  return vegaEmbedModule;
}
