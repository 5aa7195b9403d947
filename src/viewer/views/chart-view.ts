import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import type { Message } from '@lumino/messaging';
import type { EmbedOptions, Result } from 'vega-embed';
import type { ChartViewport } from 'async-plotter/protocol';
import type { ChartDataChange, ChartModel, ChartSpec } from '../models/chart-model';
import { PendingChanges } from '../models/pending-changes';
import { DrawScheduler, type Drawable } from './draw-scheduler';
import { scaleReport } from './scale-report';
import { loadVegaEmbed, type VegaEmbedModule } from './vega-loader';
import { fitsWidth, viewConfig, viewSpec } from './view-spec';
import { LineLayer } from './line-layer/line-layer';
import { FieldLayer } from './field-layer/field-layer';
import { ZoomFollower } from './zoom-follower';

/** A slow chart asks for its rows at a pace rounded up to this step (ms). */
const PACE_STEP_MS = 250;

export interface ChartViewOptions {
  /** Whether the current JupyterLab theme is dark. */
  isDark: () => boolean;
  /** Most draws per second. */
  maxFps: () => number;
}

/** How far outside the visible area a chart counts as on screen (drawn ahead of a scroll). */
const ON_SCREEN_MARGIN = '200px';

/**
 * Renders one chart model with vega-embed: embeds once per spec (and per theme change) the
 * first time the chart is on screen, then streams every dataset change with
 * `view.change(name, changeset)` when the page's `DrawScheduler` gives it its turn. A plain
 * line chart's rows are painted by its `LineLayer` instead, Vega drawing the rest. Off screen
 * or paused, changes pile up in per-dataset `PendingChanges` and are drawn when shown or
 * resumed. `dispose()` finalizes the Vega view and cancels every observer and frame request.
 *
 * For tests and benchmarks the view exposes what it did as data attributes: `data-embeds`,
 * `data-draws`, `data-draw-ms` (the last draw), `data-rows` (rows the Vega view holds),
 * `data-domain` (the x domain drawn), `data-on-screen`, `data-slow-ms` (a slow chart's draw),
 * `data-line-layer` (whether the line layer paints the rows) and `data-field-layer` (whether
 * the chart is a field painted as an image).
 */
export class ChartView extends Widget implements Drawable {
  constructor(
    readonly model: ChartModel,
    options: ChartViewOptions
  ) {
    super();
    this._options = options;
    this.addClass('jp-AsyncPlotter-view');
    model.specChanged.connect(this._onSpecChanged, this);
    model.dataChanged.connect(this._onDataChanged, this);
    model.stateChanged.connect(this._requestDraw, this);
    for (const dataset of model.datasets.values()) {
      this._pending(dataset.name).resetAll();
    }
  }

  /** Whether the user zoomed or panned the x axis (then new data does not move it). */
  get zoomed(): boolean {
    return this._zoom?.zoomed ?? false;
  }

  /** Emitted when the chart is zoomed or panned, or back to its whole x extent. */
  get zoomChanged(): ISignal<this, boolean> {
    return this._zoomChanged;
  }

  /** How slow the chart is to draw, when it is: each draw's time and how often it comes. */
  get slowness(): { costMs: number; everyMs: number } | null {
    return this._scheduler.slowness(this);
  }

  /** Show the whole x extent again (as a double-click on the chart does). */
  async resetZoom(): Promise<void> {
    await this._zoom?.reset();
  }

  /**
   * Re-embed with the current theme, keeping the data and the element's height: every chart at
   * once, on screen or not, so that no card changes its size later while the user scrolls.
   */
  refreshTheme(): Promise<void> {
    return this._result !== null || this.onScreen ? this._embed() : Promise.resolve();
  }

  /** The chart as a PNG or SVG data URL (embedded first if it has not been shown yet). */
  async imageURL(type: 'png' | 'svg'): Promise<string | null> {
    if (this._result === null || this._stale) {
      await this._embed();
    }
    const result = this._result;
    if (result && this._layer) {
      return this._layer.imageURL(result.view, (await loadVegaEmbed()).vega, type);
    }
    if (result && this._field) {
      return this._field.imageURL(result.view, type);
    }
    return result ? result.view.toImageURL(type, type === 'png' ? 2 : 1) : null;
  }

  /** The field chart's dataset when the chart is a `field()`, else null. */
  get fieldDataset(): string | null {
    return this._field?.dataset ?? null;
  }

  /** Of a field with a history: the kept state its step slider shows; null while live. */
  get fieldStep(): number | null {
    return this._field?.step ?? null;
  }

  /** A field's whole state as a PNG of one pixel per cell (null: not a drawn field). */
  fieldCellsURL(state: { width: number; height: number; values: Float32Array }): string | null {
    const result = this._result;
    return result && this._field ? this._field.cellsURL(result.view, state) : null;
  }

  // Drawable

  get wantsDraw(): boolean {
    return (
      this._result !== null &&
      !this.model.paused &&
      [...this._pendingByDataset.values()].some(pending => pending.dirty)
    );
  }

  get onScreen(): boolean {
    return this._onScreen;
  }

  get maxFps(): number {
    return this._options.maxFps();
  }

  async draw(): Promise<number> {
    return this._draw();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._generation++;
    this._scheduler.remove(this);
    for (const frame of [this._reportFrame, this._resizeFrame]) {
      if (frame !== null) {
        cancelAnimationFrame(frame);
      }
    }
    this._reportFrame = this._resizeFrame = null;
    this._finalize();
    this._resizeObserver?.disconnect();
    this._resizeObserver = null;
    this._screenObserver?.disconnect();
    this._screenObserver = null;
    Signal.clearData(this);
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._resizeObserver ??= new ResizeObserver(() => this._scheduleResize());
    this._resizeObserver.observe(this.node);
    this._screenObserver ??= new IntersectionObserver(entries => this._onScreenChanged(entries), {
      rootMargin: ON_SCREEN_MARGIN
    });
    this._screenObserver.observe(this.node);
  }

  protected onBeforeDetach(msg: Message): void {
    this._resizeObserver?.disconnect();
    this._screenObserver?.disconnect();
    this._setOnScreen(false);
    super.onBeforeDetach(msg);
  }

  private _onScreenChanged(entries: IntersectionObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    // A hidden tab or a collapsed section has no size: not on screen, whatever it intersects.
    const shown = entry.isIntersecting && entry.boundingClientRect.height > 0;
    this._setOnScreen(shown);
  }

  private _setOnScreen(shown: boolean): void {
    if (shown === this._onScreen) {
      return;
    }
    this._onScreen = shown;
    this.node.dataset.onScreen = String(shown);
    if (shown) {
      if (this.model.spec && (this._result === null || this._stale)) {
        void this._embed();
      } else {
        this._requestDraw();
      }
    }
  }

  private _onSpecChanged(_: ChartModel, _spec: ChartSpec): void {
    this._stale = true;
    if (this.onScreen) {
      void this._embed();
    }
  }

  private _onDataChanged(_: ChartModel, { dataset, change }: ChartDataChange): void {
    this._pending(dataset.name).add(change, dataset.size);
    this._requestDraw();
  }

  private _requestDraw(): void {
    if (!this.isDisposed && this._result !== null && this._onScreen) {
      this._scheduler.request(this);
    }
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
    this._stale = false;
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
    const layer = LineLayer.for(spec);
    this._layer = layer;
    this.node.dataset.lineLayer = String(layer !== null);
    const field = FieldLayer.for(spec);
    this._field = field;
    this.node.dataset.fieldLayer = String(field !== null);
    const options: EmbedOptions = {
      actions: false,
      renderer: 'canvas',
      theme: dark ? 'dark' : undefined,
      config: viewConfig(style.getPropertyValue('--jp-layout-color0').trim() || undefined),
      ...(layer ? { patch: layer.patch } : {})
    };
    // The layer's canvas lies over Vega's, placed within this element.
    target.style.position = 'relative';
    try {
      const result = await vegaEmbed.default(target, viewSpec(spec), options);
      if (generation !== this._generation || this.isDisposed) {
        result.finalize();
        layer?.dispose();
        field?.dispose();
        return;
      }
      this._result = result;
      field?.attach(result.view, this.node);
      if (field) {
        // The step slider chose another kept state: the plot server sends its cells.
        field.stepChanged = () => this._reportViewport(result);
      }
      this._followZoom(result);
      this._embeds++;
      this.node.dataset.embeds = String(this._embeds);
      this._changeset = () => vegaEmbed.vega.changeset();
      for (const name of this.model.datasets.keys()) {
        this._pending(name).resetAll();
      }
      // A fresh view is empty: draw what the model holds even while the display is paused.
      await this._draw(true);
      this._resize();
    } catch (error) {
      console.error(`async-plotter: could not embed chart "${this.model.name}"`, error);
      this.node.textContent = `This chart cannot be drawn: ${(error as Error).message}`;
    } finally {
      this.node.style.minHeight = '';
    }
  }

  /** Applies the pending changes and runs the view; resolves with the time it took (ms). */
  private async _draw(evenIfPaused = false): Promise<number> {
    const result = this._result;
    const changeset = this._changeset;
    if (!result || !changeset || (this.model.paused && !evenIfPaused) || this.isDisposed) {
      return 0;
    }
    const started = performance.now();
    const layer = this._layer;
    let changed = false;
    let run = false;
    for (const [name, pending] of this._pendingByDataset) {
      if (!pending.dirty) {
        continue;
      }
      const net = pending.take();
      if (layer?.plan.dataset === name || this._field?.dataset === name) {
        const rows = this.model.datasets.get(name)?.rows() ?? [];
        const feeder = layer ?? (this._field as FieldLayer);
        run = feeder.feed(result.view, rows, changeset) || run;
        changed = true;
        continue;
      }
      const change = changeset();
      if (net.reset) {
        change.remove(() => true);
      } else if (net.remove.length > 0) {
        change.remove(net.remove);
      }
      change.insert(net.insert);
      try {
        result.view.change(name, change);
        changed = run = true;
      } catch (error) {
        if (!this._warned.has(name)) {
          this._warned.add(name);
          console.warn(`async-plotter: chart "${this.model.name}" has no dataset "${name}"`, error);
        }
      }
    }
    if (!changed) {
      return 0;
    }
    this._draws++;
    this.node.dataset.draws = String(this._draws);
    try {
      if (run) {
        await result.view.runAsync();
      }
      layer?.paint(result.view);
      await this._paintField(result);
    } catch (error) {
      console.error(`async-plotter: could not draw chart "${this.model.name}"`, error);
      return performance.now() - started;
    }
    const took = performance.now() - started;
    // How long the update took (changesets applied, view rendered): `data-draw-ms`.
    this.node.dataset.drawMs = took.toFixed(1);
    const slow = this.slowness;
    if (slow === null) {
      delete this.node.dataset.slowMs;
    } else {
      this.node.dataset.slowMs = slow.costMs.toFixed(0);
    }
    this._showRows(result);
    this._reportViewport(result);
    return took;
  }

  /** Expose the rows the Vega view holds (over all datasets) as `data-rows`. */
  private _showRows(result: Result): void {
    if (result !== this._result || this.isDisposed) {
      return;
    }
    let rows = 0;
    for (const name of this._pendingByDataset.keys()) {
      if (this._layer?.plan.dataset === name) {
        rows += this._layer.rows;
        continue;
      }
      try {
        rows += result.view.data(name).length;
      } catch {
        // not a dataset of this spec (already warned about when drawing)
      }
    }
    this.node.dataset.rows = String(rows);
  }

  private _scheduleResize(): void {
    if (this._resizeFrame !== null) {
      return;
    }
    this._resizeFrame = requestAnimationFrame(() => {
      this._resizeFrame = null;
      this._resize();
    });
  }

  /** The content box's width: the view's padding is not room for the chart (it would be clipped). */
  private _contentWidth(): number {
    const style = getComputedStyle(this.node);
    return this.node.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  /** Fit charts whose spec leaves the width to the container. */
  private _resize(): void {
    const result = this._result;
    // A field keeps square cells: it may ask for less than the whole width.
    this._available = this._contentWidth();
    const width = Math.floor(Math.min(this._fieldWidth ?? Infinity, this._available));
    if (!result || width <= 0 || this.isDisposed || !fitsWidth(this.model.spec)) {
      return;
    }
    if (result.view.width() !== width) {
      result.view.width(width);
      void result.view.runAsync().then(() => this._redrawn(result));
    }
  }

  /** After Vega ran on its own (resize, zoom): the layer follows, the server is told. */
  private _redrawn(result: Result): void {
    if (result === this._result && !this.isDisposed) {
      this._layer?.paint(result.view);
      void this._paintField(result).then(() => this._reportViewport(result));
    }
  }

  /** Paints a field's newest cells, first giving the plot the height of square cells. */
  private async _paintField(result: Result): Promise<void> {
    const field = this._field;
    if (field === null) {
      return;
    }
    const raster = this.model.datasets.get(field.dataset)?.raster ?? null;
    field.paint(result.view, raster);
    // The width measured at the last resize: reading it on every draw would force a layout.
    const fit = field.squareFit(result.view, (this._available ??= this._contentWidth()));
    if (fit === null) {
      return;
    }
    const widthChanged = fit.width !== this._fieldWidth;
    this._fieldWidth = fit.width;
    if (widthChanged) {
      this._resize();
    }
    if (Math.abs(result.view.height() - fit.height) > 1) {
      result.view.height(fit.height);
      await result.view.runAsync();
      if (result === this._result && !this.isDisposed) {
        field.repaint(result.view);
      }
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
    const viewport: ChartViewport = {
      chart: this.model.name,
      x,
      y: scaleReport(result.view, 'y', ratio),
      zoomed: this.zoomed
    };
    // A slow chart's rows need come no more often than it draws (in steps, not every change).
    const slow = this.slowness;
    if (slow !== null) {
      viewport.everyMs = Math.min(60_000, Math.ceil(slow.everyMs / PACE_STEP_MS) * PACE_STEP_MS);
    }
    const step = this._field?.step ?? null;
    if (step !== null) {
      viewport.step = step;
    }
    // Only this view's own changes: a chart shown twice (the panel and a tab) would otherwise
    // have its two views take turns, each realigning the server to itself on every frame.
    const key = JSON.stringify(viewport);
    if (key !== this._reported) {
      this._reported = key;
      this.model.reportViewport(viewport);
    }
  }

  /** Follows the zoom of a fresh view: its state, and the viewport once the view drew it. */
  private _followZoom(result: Result): void {
    this._zoom?.dispose();
    const zoom = new ZoomFollower(result, zoomed => {
      this._zoomChanged.emit(zoomed);
      this._scheduleReport(result);
    });
    this._zoom = zoom;
    this._zoomChanged.emit(false);
    if (zoom.zoomable) {
      this.node.title =
        'Drag to pan; Ctrl, ⌘, Alt or Shift with the wheel to zoom; double-click to show everything';
    }
  }

  /** Reports the viewport once the view has drawn the zoom (at most once per frame). */
  private _scheduleReport(result: Result): void {
    if (this._reportFrame !== null) {
      return;
    }
    this._reportFrame = requestAnimationFrame(() => {
      this._reportFrame = null;
      void result.view.runAsync().then(() => this._redrawn(result));
    });
  }

  private _finalize(): void {
    this._zoom?.dispose();
    this._zoom = null;
    this._result?.finalize();
    this._result = null;
    this._layer?.dispose();
    this._layer = null;
    this._field?.dispose();
    this._field = null;
    this._fieldWidth = null;
  }

  private _options: ChartViewOptions;
  private _scheduler = DrawScheduler.shared;
  private _result: Result | null = null;
  /** The line layer of the embedded view, when it draws the chart's rows. */
  private _layer: LineLayer | null = null;
  /** The field layer of the embedded view, when the chart is a `field()`. */
  private _field: FieldLayer | null = null;
  /** The total width that keeps a tall field's cells square, when less than the card's. */
  private _fieldWidth: number | null = null;
  /** The content box's width at the last resize (CSS pixels). */
  private _available: number | null = null;
  private _changeset: (() => ReturnType<VegaEmbedModule['vega']['changeset']>) | null = null;
  private _pendingByDataset = new Map<string, PendingChanges>();
  private _generation = 0;
  /** The embedded view is of an older spec or theme: embed again when shown. */
  private _stale = true;
  private _onScreen = false;
  private _resizeFrame: number | null = null;
  private _reportFrame: number | null = null;
  private _resizeObserver: ResizeObserver | null = null;
  private _screenObserver: IntersectionObserver | null = null;
  private _draws = 0;
  private _embeds = 0;
  private _warned = new Set<string>();
  private _zoom: ZoomFollower | null = null;
  /** The last viewport this view reported. */
  private _reported = '';
  private _zoomChanged = new Signal<this, boolean>(this);
}
