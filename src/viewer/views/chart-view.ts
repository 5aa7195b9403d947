import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import type { EmbedOptions, Result } from 'vega-embed';
import type { ChartDataChange, ChartModel, ChartSpec } from '../models/chart-model';
import { PendingChanges } from '../models/pending-changes';
import { RateMeter } from '../models/rate-meter';
import { releaseRemovedRelayTuples } from './vega-relay';
import { scaleReport } from './scale-report';
import { MARK_CONFIG, ZOOM_PARAM, fitsWidth, viewSpec } from './view-spec';

type VegaEmbedModule = typeof import('vega-embed');

let vegaEmbedModule: Promise<VegaEmbedModule> | null = null;

/** Lazy-load vega-embed (and Vega, Vega-Lite) the first time a chart is shown. */
function loadVegaEmbed(): Promise<VegaEmbedModule> {
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

export interface ChartViewOptions {
  /** Whether the current JupyterLab theme is dark. */
  isDark: () => boolean;
  /** Most draws per second. */
  maxFps: () => number;
}

/**
 * Renders one chart model with vega-embed: embeds once per spec (and per theme change), then
 * streams every dataset change with `view.change(name, changeset)`, drawing at most once per
 * animation frame. While the chart is paused changes pile up in per-dataset `PendingChanges`
 * and are drawn on resume. Finalizes the Vega view before any re-embed and on dispose.
 */
export class ChartView extends Widget {
  constructor(
    readonly model: ChartModel,
    options: ChartViewOptions
  ) {
    super();
    this._options = options;
    this.addClass('jp-AsyncPlotter-view');
    model.specChanged.connect(this._onSpecChanged, this);
    model.dataChanged.connect(this._onDataChanged, this);
    model.stateChanged.connect(this._scheduleDraw, this);
    for (const dataset of model.datasets.values()) {
      this._pending(dataset.name).resetAll();
    }
    if (model.spec) {
      void this._embed();
    }
  }

  /** The embedded Vega view result, once embedded. */
  get result(): Result | null {
    return this._result;
  }

  /** Draws per second actually made. */
  drawRate(now: number): number {
    return this._drawMeter.rate(now);
  }

  /** Draws made since the view was created (also exposed as `data-draws`). */
  get draws(): number {
    return this._draws;
  }

  /**
   * Vega views embedded since the view was created (also exposed as `data-embeds`): one per
   * spec and per theme change; resizing the chart does not embed again.
   */
  get embeds(): number {
    return this._embeds;
  }

  /** Whether the user zoomed or panned the x axis (then new data does not move it). */
  get zoomed(): boolean {
    return this._zoomed;
  }

  /** Emitted when the chart is zoomed or panned, or back to its whole x extent. */
  get zoomChanged(): ISignal<this, boolean> {
    return this._zoomChanged;
  }

  /** Show the whole x extent again (as a double-click on the chart does). */
  async resetZoom(): Promise<void> {
    const result = this._result;
    const step = this._zoomStep;
    if (result && step) {
      result.view.signal(step, null);
      await result.view.runAsync();
    }
  }

  /** Re-embed with the current theme, keeping the data and the element's height. */
  refreshTheme(): Promise<void> {
    return this.model.spec ? this._embed() : Promise.resolve();
  }

  /** The chart as a PNG or SVG data URL. */
  async imageURL(type: 'png' | 'svg'): Promise<string | null> {
    return this._result ? this._result.view.toImageURL(type, type === 'png' ? 2 : 1) : null;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._generation++;
    if (this._frame !== null) {
      cancelAnimationFrame(this._frame);
      this._frame = null;
    }
    if (this._reportFrame !== null) {
      cancelAnimationFrame(this._reportFrame);
      this._reportFrame = null;
    }
    this._finalize();
    this._resizeObserver?.disconnect();
    this._resizeObserver = null;
    Signal.clearData(this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._resizeObserver ??= new ResizeObserver(() => this._scheduleResize());
    this._resizeObserver.observe(this.node);
  }

  protected onBeforeDetach(msg: Message): void {
    this._resizeObserver?.disconnect();
    super.onBeforeDetach(msg);
  }

  private _onSpecChanged(_: ChartModel, _spec: ChartSpec): void {
    void this._embed();
  }

  private _onDataChanged(_: ChartModel, { dataset, change }: ChartDataChange): void {
    this._pending(dataset.name).add(change, dataset.size);
    this._scheduleDraw();
  }

  private _pending(name: string): PendingChanges {
    let pending = this._pendingByDataset.get(name);
    if (!pending) {
      pending = new PendingChanges(() => this.model.datasets.get(name)?.rows() ?? []);
      this._pendingByDataset.set(name, pending);
    }
    return pending;
  }

  private async _embed(): Promise<void> {
    const spec = this.model.spec;
    if (!spec) {
      return;
    }
    const generation = ++this._generation;
    const vegaEmbed = await loadVegaEmbed();
    if (generation !== this._generation || this.isDisposed) {
      return;
    }
    // Keep the card's height while the new view replaces the old one (no scroll jump).
    const height = this.node.offsetHeight;
    if (height > 0) {
      this.node.style.minHeight = `${height}px`;
    }
    this._finalize();
    const target = document.createElement('div');
    this.node.replaceChildren(target);
    const dark = this._options.isDark();
    const style = getComputedStyle(this.node);
    const options: EmbedOptions = {
      actions: false,
      renderer: 'canvas',
      theme: dark ? 'dark' : undefined,
      config: {
        ...MARK_CONFIG,
        background: style.getPropertyValue('--jp-layout-color0').trim() || undefined,
        // Labels that merely touch count as overlapping: in a narrow card "200" and "250" at
        // the end of an axis would otherwise read as "200250".
        axis: { labelSeparation: 4 }
      }
    };
    try {
      const result = await vegaEmbed.default(target, viewSpec(spec), options);
      if (generation !== this._generation || this.isDisposed) {
        result.finalize();
        return;
      }
      this._result = result;
      this._followZoom(result);
      this._embeds++;
      this.node.dataset.embeds = String(this._embeds);
      this._changeset = () => vegaEmbed.vega.changeset();
      for (const name of this.model.datasets.keys()) {
        this._pending(name).resetAll();
      }
      // A fresh view is empty: draw what the model holds even while the display is paused.
      this._draw(true);
      this._resize();
    } catch (error) {
      console.error(`async-plotter: could not embed chart "${this.model.name}"`, error);
      this.node.textContent = `This chart cannot be drawn: ${(error as Error).message}`;
    } finally {
      this.node.style.minHeight = '';
    }
  }

  private _scheduleDraw(): void {
    if (this._frame !== null || this.isDisposed) {
      return;
    }
    this._frame = requestAnimationFrame(() => {
      this._frame = null;
      const interval = 1000 / Math.max(1, this._options.maxFps());
      const wait = this._lastDraw + interval - performance.now();
      if (wait > 1) {
        setTimeout(() => this._scheduleDraw(), wait);
        return;
      }
      this._draw();
    });
  }

  private _draw(evenIfPaused = false): void {
    const result = this._result;
    const changeset = this._changeset;
    if (!result || !changeset || (this.model.paused && !evenIfPaused) || this.isDisposed) {
      return;
    }
    const started = performance.now();
    let changed = false;
    for (const [name, pending] of this._pendingByDataset) {
      if (!pending.dirty) {
        continue;
      }
      const net = pending.take();
      const change = changeset();
      if (net.reset) {
        change.remove(() => true);
      } else if (net.remove.length > 0) {
        change.remove(net.remove);
      }
      change.insert(net.insert);
      try {
        result.view.change(name, change);
        changed = true;
      } catch (error) {
        if (!this._warned.has(name)) {
          this._warned.add(name);
          console.warn(`async-plotter: chart "${this.model.name}" has no dataset "${name}"`, error);
        }
      }
    }
    if (changed) {
      const now = performance.now();
      this._lastDraw = now;
      this._drawMeter.record(now);
      this._draws++;
      this.node.dataset.draws = String(this._draws);
      result.view
        .runAsync()
        .then(() => {
          // How long the update took (changesets applied, view rendered): `data-draw-ms`.
          this.node.dataset.drawMs = (performance.now() - started).toFixed(1);
          this._showRows(result);
          this._reportViewport(result);
        })
        .catch(error => {
          console.error(`async-plotter: could not draw chart "${this.model.name}"`, error);
        });
    }
  }

  /** Expose the rows the Vega view holds (over all datasets) as `data-rows`. */
  private _showRows(result: Result): void {
    if (result !== this._result || this.isDisposed) {
      return;
    }
    let rows = 0;
    for (const name of this._pendingByDataset.keys()) {
      try {
        rows += result.view.data(name).length;
      } catch {
        // not a dataset of this spec (already warned about when drawing)
      }
    }
    this.node.dataset.rows = String(rows);
  }

  private _scheduleResize(): void {
    if (this._resizeFrame) {
      return;
    }
    this._resizeFrame = true;
    requestAnimationFrame(() => {
      this._resizeFrame = false;
      this._resize();
    });
  }

  /** Fit charts whose spec leaves the width to the container. */
  private _resize(): void {
    const result = this._result;
    const style = getComputedStyle(this.node);
    // The content box: the view's padding is not room for the chart (it would be clipped).
    const width = Math.floor(
      this.node.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    );
    if (!result || width <= 0 || this.isDisposed || !fitsWidth(this.model.spec)) {
      return;
    }
    if (result.view.width() !== width) {
      result.view.width(width);
      void result.view.runAsync().then(() => this._reportViewport(result));
    }
  }

  /**
   * Tell the model how the chart is drawn now (its x scale, and y for point marks), so that
   * the plot server sends the rows this picture needs. Only changes reach the server.
   */
  private _reportViewport(result: Result): void {
    if (result !== this._result || this.isDisposed) {
      return;
    }
    // The canvas renderer draws at the screen's pixel ratio: report device pixels.
    const ratio = window.devicePixelRatio || 1;
    const x = scaleReport(result.view, 'x', ratio);
    if (x === null) {
      return;
    }
    // The x domain drawn, also as `data-domain` (`[from, to]`, data units).
    this.node.dataset.domain = JSON.stringify(x.domain);
    const viewport = {
      chart: this.model.name,
      x,
      y: scaleReport(result.view, 'y', ratio),
      zoomed: this._zoomed
    };
    // Only this view's own changes: a chart shown twice (the panel and a tab) would otherwise
    // have its two views take turns, each realigning the server to itself on every frame.
    const key = JSON.stringify(viewport);
    if (key !== this._reported) {
      this._reported = key;
      this.model.reportViewport(viewport);
    }
  }

  /** Finds the zoom parameter's signals in a fresh view and follows its state. */
  private _followZoom(result: Result): void {
    const signals = (result.vgSpec.signals ?? []) as { name: string; on?: unknown }[];
    // `<param>_<x field>`: the signal holding the zoomed x extent (null: not zoomed).
    const step = signals.find(
      signal =>
        signal.name.startsWith(`${ZOOM_PARAM}_`) &&
        JSON.stringify(signal.on ?? '').includes('"dblclick"')
    );
    this._zoomStep = step?.name ?? null;
    this._setZoomed(false);
    if (this._zoomStep === null) {
      return;
    }
    this.node.title =
      'Drag to pan; Ctrl, ⌘, Alt or Shift with the wheel to zoom; double-click to show everything';
    result.view.addSignalListener(ZOOM_PARAM, (_name: string, value: unknown) => {
      const zoomed = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
      this._setZoomed(zoomed);
      this._scheduleReport(result);
    });
  }

  /** Reports the viewport once the view has drawn the zoom (at most once per frame). */
  private _scheduleReport(result: Result): void {
    if (this._reportFrame !== null) {
      return;
    }
    this._reportFrame = requestAnimationFrame(() => {
      this._reportFrame = null;
      void result.view.runAsync().then(() => this._reportViewport(result));
    });
  }

  private _setZoomed(zoomed: boolean): void {
    if (zoomed !== this._zoomed) {
      this._zoomed = zoomed;
      this._zoomChanged.emit(zoomed);
    }
  }

  private _finalize(): void {
    this._result?.finalize();
    this._result = null;
  }

  private _options: ChartViewOptions;
  private _result: Result | null = null;
  private _changeset: (() => ReturnType<VegaEmbedModule['vega']['changeset']>) | null = null;
  private _pendingByDataset = new Map<string, PendingChanges>();
  private _generation = 0;
  private _frame: number | null = null;
  private _lastDraw = -Infinity;
  private _resizeFrame = false;
  private _resizeObserver: ResizeObserver | null = null;
  private _drawMeter = new RateMeter();
  private _draws = 0;
  private _embeds = 0;
  private _warned = new Set<string>();
  private _zoomStep: string | null = null;
  private _reportFrame: number | null = null;
  /** The last viewport this view reported. */
  private _reported = '';
  private _zoomed = false;
  private _zoomChanged = new Signal<this, boolean>(this);
}
