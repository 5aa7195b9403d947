import type { View } from 'vega';
import type { Row } from '../../models/dataset-buffer';
import { readFieldMeta, type FieldMeta, type FieldRaster } from 'async-plotter/protocol';
import type { ChartSpec } from '../../models/chart-model';
import { FieldPainter } from './field-painter';
import { FieldReadout } from './field-readout';
import { StepSlider } from './step-slider';

/** Plot heights a field's square cells may ask for (CSS pixels). */
const MIN_HEIGHT = 80;
const MAX_HEIGHT = 480;

/**
 * Draws a `field()` chart: Vega draws the axes and the colour bar from the field's two corner
 * rows (an ordinary dataset of the chart); the cells, reduced by the plot server to the
 * card's pixels, are painted over the plot as one image (`FieldPainter`), in the colours of
 * Vega's own colour scale; a line under the plot says which reduction is in effect and reads
 * out the cell under the pointer (`FieldReadout`). The plot's height keeps cells square. A field
 * that keeps a history gets a step slider under it (`StepSlider`).
 */
export class FieldLayer {
  /** The layer for a chart's spec, or null when it is not a field. */
  static for(spec: ChartSpec | null): FieldLayer | null {
    const meta = readFieldMeta(spec);
    return meta === null ? null : new FieldLayer(meta);
  }

  private constructor(readonly meta: FieldMeta) {
    this._painter = new FieldPainter(meta);
    this._readout = new FieldReadout(meta);
    this._slider = new StepSlider(() => this.stepChanged?.());
  }

  /** Called when the user chose another kept state (or live) with the step slider. */
  stepChanged: (() => void) | null = null;

  /** The version of the kept state the step slider shows, or null while live. */
  get step(): number | null {
    return this._slider.step;
  }

  /** The dataset whose raster the layer paints. */
  get dataset(): string {
    return this.meta.dataset;
  }

  /** The readout line's element (for tests: its text). */
  get readout(): FieldReadout {
    return this._readout;
  }

  /** Follows a freshly embedded view: the readout goes under it, into `host`. */
  attach(view: View, host: HTMLElement): void {
    this._readout.attach(view, host);
    host.appendChild(this._slider.node);
  }

  /**
   * Gives Vega the field's corner rows (axes and colour bar) when they changed; true when the
   * view must then run. A new state in the same extents and colour range only repaints cells.
   */
  feed(
    view: Pick<View, 'change'>,
    rows: Row[],
    changeset: () => ReturnType<(typeof import('vega'))['changeset']>
  ): boolean {
    const corners = JSON.stringify(rows);
    if (corners === this._corners) {
      return false;
    }
    this._corners = corners;
    const change = changeset();
    change.remove(() => true);
    change.insert(rows);
    view.change(this.meta.dataset, change);
    return true;
  }

  /** Paints the cells over the view (after it ran) and says how they were reduced. */
  paint(view: View, raster: FieldRaster | null): void {
    this._raster = raster;
    this._painter.paint(view, raster);
    this._readout.show(raster);
    this._slider.show(raster?.history);
  }

  /** Paints the last cells again (after a zoom or resize). */
  repaint(view: View): void {
    this.paint(view, this._raster);
  }

  /**
   * The plot height (CSS pixels) at which the view's cells are square, and, when that height
   * would pass `MAX_HEIGHT` at the `available` total width, the narrower total width (axes and
   * colour bar included) that keeps them square at it; null before there is a state.
   */
  squareFit(view: View, available: number): { height: number; width: number | null } | null {
    const raster = this._raster;
    const x = view.scale('x') as { range(): number[] } | undefined;
    const canvas = view.container()?.querySelector('canvas');
    if (raster === null || !x || !canvas) {
      return null;
    }
    const [x0, x1] = this.meta.x ?? [0, raster.width];
    const [y0, y1] = this.meta.y ?? [0, raster.height];
    const aspect = Math.abs(y1 - y0) / Math.abs(x1 - x0);
    const [a, b] = x.range();
    const plot = Math.abs(b - a);
    const decorations = (parseFloat(canvas.style.width) || canvas.width) - plot;
    const height = (available - decorations) * aspect;
    if (height <= MAX_HEIGHT) {
      return { height: Math.round(Math.max(MIN_HEIGHT, plot * aspect)), width: null };
    }
    return { height: MAX_HEIGHT, width: Math.floor(MAX_HEIGHT / aspect + decorations) };
  }

  /** The picture shown, as a PNG or SVG data URL: Vega's axes and legend with the cells. */
  async imageURL(view: View, type: 'png' | 'svg'): Promise<string> {
    if (type === 'svg') {
      // Vega's SVG of the axes and legend, with the cells as an embedded PNG image.
      throw new Error('a field exports as PNG (the picture) or as its cells (.npy, CSV)');
    }
    const scale = 2;
    const canvas = (await view.toCanvas(scale)) as unknown as HTMLCanvasElement;
    const context = canvas.getContext('2d');
    if (context) {
      this._painter.paintOnto(context, view, scale);
    }
    return canvas.toDataURL('image/png');
  }

  /** A whole state as a PNG data URL of one pixel per cell, in the colours drawn now. */
  cellsURL(view: View, state: Pick<FieldRaster, 'width' | 'height' | 'values'>): string | null {
    return this._painter.cellsImage(view, state)?.toDataURL('image/png') ?? null;
  }

  dispose(): void {
    this._painter.dispose();
    this._readout.dispose();
    this._slider.dispose();
    this.stepChanged = null;
    this._raster = null;
  }

  private _painter: FieldPainter;
  private _readout: FieldReadout;
  private _slider: StepSlider;
  private _raster: FieldRaster | null = null;
  /** The corner rows Vega has, as JSON. */
  private _corners = '';
}
