import type { View } from 'vega';
import type { Row } from '../../models/dataset-buffer';
import type { ChartSpec } from '../../models/chart-model';
import { hideLineMarks, type VegaSpec } from './hidden-line-marks';
import { extentRows, sameRows } from './line-extents';
import { planLineLayer, type LineLayerPlan } from './line-layer-plan';
import { LinePainter, type PaintedView } from './line-painter';

/** The parts of a Vega view the layer drives. */
export type LayeredView = PaintedView & Pick<View, 'change' | 'width' | 'getState'>;

/** What the layer needs of the `vega` module. */
export type VegaRuntime = Pick<typeof import('vega'), 'View' | 'parse' | 'changeset'>;

/**
 * Draws a plain line chart (see `planLineLayer`) with Vega's look at a cost that no longer
 * grows with its rows: Vega gets only each series' extent rows (axes, grid, legend, zoom) and
 * runs only when they change; the rows themselves are painted on a canvas over Vega's
 * (`LinePainter`). Exports render the full spec with every row, as Vega alone would.
 */
export class LineLayer {
  /** The layer for a chart's spec, or null when Vega draws the chart itself. */
  static for(spec: ChartSpec | null): LineLayer | null {
    const plan = planLineLayer(spec);
    return plan === null ? null : new LineLayer(plan);
  }

  private constructor(readonly plan: LineLayerPlan) {
    this._painter = new LinePainter(plan);
  }

  /** vega-embed's `patch` option: the line marks hidden, the spec as compiled kept. */
  get patch(): (spec: VegaSpec) => VegaSpec {
    return hideLineMarks(spec => (this._compiled = spec));
  }

  /** Rows the layer holds (drawn, or breaks in the line where a value is invalid). */
  get rows(): number {
    return this._rows.length;
  }

  /**
   * Takes the dataset's rows; gives Vega their extent rows when they changed. Returns whether
   * Vega has to run before `paint()`.
   */
  feed(view: LayeredView, rows: Row[], changeset: () => ReturnType<VegaRuntime['changeset']>) {
    this._rows = rows;
    const extents = extentRows(rows, this.plan);
    if (sameRows(extents, this._extents)) {
      return false;
    }
    this._extents = extents;
    const change = changeset();
    change.remove(() => true);
    change.insert(extents);
    view.change(this.plan.dataset, change);
    return true;
  }

  /** Paints the rows over the view (after it ran). */
  paint(view: LayeredView): void {
    this._painter.paint(view, this._rows);
  }

  /** The chart with every row as a PNG or SVG data URL, zoomed as the view is. */
  async imageURL(view: LayeredView, vega: VegaRuntime, type: 'png' | 'svg'): Promise<string> {
    if (this._compiled === null) {
      throw new Error('the chart has not been drawn yet');
    }
    const full = new vega.View(vega.parse(this._compiled), { renderer: 'none' });
    try {
      // The zoom: its signals and its selection's store.
      full.setState(view.getState({ data: (name?: string) => Boolean(name?.endsWith('_store')) }));
      full.width(view.width());
      full.change(this.plan.dataset, vega.changeset().insert(this._rows));
      await full.runAsync();
      return await full.toImageURL(type, type === 'png' ? 2 : 1);
    } finally {
      full.finalize();
    }
  }

  dispose(): void {
    this._painter.dispose();
    this._rows = [];
    this._extents = [];
    this._compiled = null;
  }

  private _painter: LinePainter;
  private _rows: Row[] = [];
  private _extents: Row[] = [];
  private _compiled: VegaSpec | null = null;
}
