import type { View } from 'vega';
import type { Row } from '../../models/dataset-buffer';
import type { LineLayerPlan } from './line-layer-plan';
import { OverlayCanvas, plotOrigin } from '../overlay-canvas';

/** The parts of a Vega view the painter reads. */
export type PaintedView = Pick<View, 'scale' | 'origin' | 'padding' | 'scenegraph' | 'container'>;

/** A node of Vega's scenegraph (marks hold items, group items hold marks). */
interface SceneNode {
  marktype?: string;
  items?: SceneNode[];
  clip?: unknown;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  datum?: Row;
  stroke?: string;
  strokeWidth?: number;
  strokeOpacity?: number;
  /** The hidden mark's own opacity (`LAYER_OPACITY`). */
  layerOpacity?: number;
  strokeCap?: CanvasLineCap;
  strokeJoin?: CanvasLineJoin;
  strokeMiterLimit?: number;
  strokeDash?: number[];
  strokeDashOffset?: number;
}

/** How Vega styles one series' line, and where its group puts it. */
interface SeriesStyle {
  item: SceneNode;
  /** The group's offset from the plot origin and its size (the clip). */
  x: number;
  y: number;
  width: number;
  height: number;
  clip: boolean;
}

type Scale = (value: number) => number;

/** The style Vega gives each series' line, in the order Vega draws them. */
function seriesStyles(root: SceneNode, plan: LineLayerPlan): Map<unknown, SeriesStyle> {
  const styles = new Map<unknown, SeriesStyle>();
  const visit = (node: SceneNode, x: number, y: number, width: number, height: number) => {
    for (const item of node.items ?? []) {
      if (node.marktype === 'line') {
        const series = plan.color === null ? null : item.datum?.[plan.color];
        styles.set(series, { item, x, y, width, height, clip: Boolean(node.clip) });
        return;
      }
      if (node.marktype === 'group') {
        const gx = x + (item.x ?? 0);
        const gy = y + (item.y ?? 0);
        for (const mark of item.items ?? []) {
          visit(mark, gx, gy, item.width ?? width, item.height ?? height);
        }
      }
    }
  };
  visit(root, 0, 0, 0, 0);
  return styles;
}

/**
 * Draws a line chart's rows onto a canvas over Vega's own, as Vega's canvas renderer would draw
 * its line mark: the same scales, the same pixel ratio and origin, the same stroke per series,
 * points sorted by x, breaks at invalid values, clipped to the plot. Vega draws the axes, the
 * legend and the grid from a few rows (`extentRows`) and no longer runs over every row.
 */
export class LinePainter {
  constructor(private readonly _plan: LineLayerPlan) {}

  /** Rows drawn by the last paint. */
  get painted(): number {
    return this._painted;
  }

  /** Paints `rows` over the view's canvas (kept for `repaint`). */
  paint(view: PaintedView, rows: readonly Row[]): void {
    this._rows = rows;
    this.repaint(view);
  }

  /** Paints the last rows again, for a view whose scales or size changed (zoom, resize). */
  repaint(view: PaintedView): void {
    const overlay = this._overlay.clear(view);
    if (overlay !== null) {
      this.paintOnto(overlay.context, view, overlay.ratio);
    }
  }

  /**
   * Paints the last rows onto `context` at `ratio` device pixels per CSS pixel, the view's
   * origin at the context's (0, 0) before the ratio: for the overlay, and for exports drawn
   * onto Vega's own `toCanvas()`.
   */
  paintOnto(context: CanvasRenderingContext2D, view: PaintedView, ratio: number): void {
    const origin = plotOrigin(view);
    const x = view.scale('x') as Scale | undefined;
    const y = view.scale('y') as Scale | undefined;
    this._painted = 0;
    if (!x || !y) {
      return;
    }
    const styles = seriesStyles(
      (view.scenegraph() as unknown as { root: SceneNode }).root,
      this._plan
    );
    const bySeries = this._pointsBySeries(x, y);
    context.save();
    context.setTransform(ratio, 0, 0, ratio, ratio * origin[0], ratio * origin[1]);
    for (const [series, style] of styles) {
      const points = bySeries.get(series);
      if (points !== undefined) {
        this._painted += points.length / 2;
        this._stroke(context, style, points);
      }
    }
    context.restore();
  }

  dispose(): void {
    this._overlay.dispose();
    this._rows = [];
  }

  /** Each series' points in pixels, as flat [x, y, …] sorted by x; y NaN where it is invalid. */
  private _pointsBySeries(x: Scale, y: Scale): Map<unknown, Float64Array> {
    const plan = this._plan;
    const grouped = new Map<unknown, number[]>();
    for (const row of this._rows) {
      const xValue = plan.xValue(row);
      if (xValue === null) {
        continue;
      }
      const series = plan.color === null ? null : row[plan.color];
      let list = grouped.get(series);
      if (list === undefined) {
        grouped.set(series, (list = []));
      }
      const yValue = plan.yValue(row);
      list.push(x(xValue), yValue === null ? NaN : y(yValue));
    }
    const sorted = new Map<unknown, Float64Array>();
    for (const [series, list] of grouped) {
      sorted.set(series, sortByX(list));
    }
    return sorted;
  }

  private _stroke(context: CanvasRenderingContext2D, style: SeriesStyle, points: Float64Array) {
    const item = style.item;
    const width = item.strokeWidth ?? 1;
    const opacity = (item.layerOpacity ?? 1) * (item.strokeOpacity ?? 1);
    if (!item.stroke || width <= 0 || opacity <= 0) {
      return;
    }
    context.save();
    context.translate(style.x, style.y);
    if (style.clip) {
      context.beginPath();
      context.rect(0, 0, style.width, style.height);
      context.clip();
    }
    context.beginPath();
    // d3-shape's line with Vega's `defined`: a run of valid points is one subpath; a lone point
    // is a closed empty subpath (a dot only with round caps).
    let run = 0;
    for (let i = 0; i < points.length; i += 2) {
      const px = points[i];
      const py = points[i + 1];
      if (Number.isNaN(py)) {
        if (run === 1) {
          context.closePath();
        }
        run = 0;
        continue;
      }
      if (run === 0) {
        context.moveTo(px, py);
      } else {
        context.lineTo(px, py);
      }
      run++;
    }
    if (run === 1) {
      context.closePath();
    }
    context.globalAlpha = opacity;
    context.strokeStyle = item.stroke;
    context.lineWidth = width;
    context.lineCap = item.strokeCap || 'butt';
    context.lineJoin = item.strokeJoin || 'miter';
    context.miterLimit = item.strokeMiterLimit ?? 4;
    context.setLineDash(item.strokeDash ?? []);
    context.lineDashOffset = item.strokeDashOffset ?? 0;
    context.stroke();
    context.restore();
  }

  private _overlay = new OverlayCanvas('jp-AsyncPlotter-lineLayer');
  private _rows: readonly Row[] = [];
  private _painted = 0;
}

/** Points [x, y, …] in order of x (stable: equal x keep their order), as Vega sorts line items. */
function sortByX(list: number[]): Float64Array {
  const count = list.length / 2;
  let sorted = true;
  for (let i = 2; i < list.length && sorted; i += 2) {
    sorted = list[i - 2] <= list[i];
  }
  if (sorted) {
    return Float64Array.from(list);
  }
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => list[2 * a] - list[2 * b] || a - b
  );
  const out = new Float64Array(list.length);
  order.forEach((from, i) => {
    out[2 * i] = list[2 * from];
    out[2 * i + 1] = list[2 * from + 1];
  });
  return out;
}
