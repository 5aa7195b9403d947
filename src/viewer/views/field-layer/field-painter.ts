import type { View } from 'vega';
import type { FieldMeta, FieldRaster } from 'async-plotter/protocol';
import { OverlayCanvas, plotOrigin } from '../overlay-canvas';
import { colourTable, type ColourTable } from './colour-table';
import { cellPixels, colourCells } from './field-cells';

/** The parts of a Vega view the painter reads. */
export type FieldView = Pick<View, 'scale' | 'origin' | 'padding' | 'container'>;

type Scale = ((value: number) => number) & { range(): number[] };

/** Where a field's cell edges lie on its axes, in data units. */
export function cellEdges(
  meta: FieldMeta,
  raster: Pick<FieldRaster, 'width' | 'height'>
): { x: (col: number) => number; y: (row: number) => number } {
  const [x0, x1] = meta.x ?? [0, raster.width];
  const [y0, y1] = meta.y ?? [0, raster.height];
  return {
    x: col => x0 + (col * (x1 - x0)) / raster.width,
    y: row => y0 + (row * (y1 - y0)) / raster.height
  };
}

/**
 * Paints a field's cells over a Vega view whose axes and colour bar were drawn from the
 * field's corner rows: one image of the raster, stretched over the cells' place on the axes
 * without smoothing (square, sharp cells), clipped to the plot, in the colours of the view's
 * own colour scale. Cells without a value show a hatching.
 */
export class FieldPainter {
  constructor(private readonly _meta: FieldMeta) {}

  /** Paints `raster` (null: nothing) over the view, after it ran. */
  paint(view: FieldView, raster: FieldRaster | null): void {
    this._raster = raster;
    const overlay = this._overlay.clear(view);
    if (overlay !== null) {
      this.paintOnto(overlay.context, view, overlay.ratio);
    }
  }

  /** Paints the last raster onto `context` (the view's canvas origin at 0, 0), for exports too. */
  paintOnto(context: CanvasRenderingContext2D, view: FieldView, ratio: number): void {
    const raster = this._raster;
    const x = view.scale('x') as Scale | undefined;
    const y = view.scale('y') as Scale | undefined;
    if (raster === null || !x || !y || raster.range === null) {
      return;
    }
    const table = this._table(view, raster.range);
    if (table === null) {
      return;
    }
    const { image, missing } = colourCells(raster, table, this._image ?? undefined);
    this._image = image;
    const source = this._source;
    if (source.width !== raster.grid.cols || source.height !== raster.grid.rows) {
      source.width = raster.grid.cols;
      source.height = raster.grid.rows;
    }
    source.getContext('2d')?.putImageData(this._image, 0, 0);
    const edges = cellEdges(this._meta, raster);
    const { region, block, grid } = raster;
    const left = x(edges.x(region.col));
    const top = y(edges.y(region.row));
    // The image's far edges: whole blocks, the last one cut by the region's clip below.
    const right = x(edges.x(region.col + grid.cols * block[0]));
    const bottom = y(edges.y(region.row + grid.rows * block[1]));
    const endX = x(edges.x(region.col + region.cols));
    const endY = y(edges.y(region.row + region.rows));
    const [ox, oy] = plotOrigin(view);
    const [xa, xb] = x.range();
    const [ya, yb] = y.range();
    context.save();
    context.setTransform(ratio, 0, 0, ratio, ratio * ox, ratio * oy);
    context.beginPath();
    context.rect(Math.min(xa, xb), Math.min(ya, yb), Math.abs(xb - xa), Math.abs(yb - ya));
    context.clip();
    context.beginPath();
    context.rect(
      Math.min(left, endX),
      Math.min(top, endY),
      Math.abs(endX - left),
      Math.abs(endY - top)
    );
    context.clip();
    if (missing > 0) {
      // Under the image: cells without a value are transparent and show it.
      context.fillStyle = this._hatching(context);
      context.fillRect(
        Math.min(left, endX),
        Math.min(top, endY),
        Math.abs(endX - left),
        Math.abs(endY - top)
      );
    }
    context.imageSmoothingEnabled = false;
    context.transform((right - left) / grid.cols, 0, 0, (bottom - top) / grid.rows, left, top);
    context.drawImage(source, 0, 0);
    context.restore();
  }

  /**
   * A whole state as an image of one pixel per cell, in the colours and range drawn now, row 0
   * where the card shows it; null before the card drew a state.
   */
  cellsImage(view: FieldView, state: Pick<FieldRaster, 'width' | 'height' | 'values'>) {
    const range = this._raster?.range ?? null;
    const table = range === null ? null : this._table(view, range);
    if (table === null || range === null) {
      return null;
    }
    const { width, height } = state;
    const whole: FieldRaster = {
      width,
      height,
      region: { col: 0, row: 0, cols: width, rows: height },
      block: [1, 1],
      grid: { cols: width, rows: height },
      reduction: 'none',
      range,
      values: state.values
    };
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) {
      return null;
    }
    const image = cellPixels(whole, table);
    if (this._meta.origin === 'lower') {
      const flipped = document.createElement('canvas');
      flipped.width = width;
      flipped.height = height;
      flipped.getContext('2d')?.putImageData(image, 0, 0);
      context.setTransform(1, 0, 0, -1, 0, height);
      context.drawImage(flipped, 0, 0);
    } else {
      context.putImageData(image, 0, 0);
    }
    return canvas;
  }

  dispose(): void {
    this._overlay.dispose();
    this._raster = null;
    this._image = null;
    this._table = tableCache();
  }

  private _hatching(context: CanvasRenderingContext2D): CanvasPattern | string {
    if (this._pattern === null) {
      const tile = document.createElement('canvas');
      tile.width = tile.height = 8;
      const draw = tile.getContext('2d');
      if (draw) {
        draw.fillStyle = '#9e9e9e';
        draw.fillRect(0, 0, 8, 8);
        draw.strokeStyle = '#d0d0d0';
        draw.lineWidth = 2;
        draw.beginPath();
        draw.moveTo(-2, 10);
        draw.lineTo(10, -2);
        draw.stroke();
      }
      this._pattern = context.createPattern(tile, 'repeat');
    }
    return this._pattern ?? '#9e9e9e';
  }

  private _overlay = new OverlayCanvas('jp-AsyncPlotter-fieldLayer');
  private _source = document.createElement('canvas');
  private _raster: FieldRaster | null = null;
  private _image: ImageData | null = null;
  private _pattern: CanvasPattern | null = null;
  private _table = tableCache();
}

/** The colour table of a view's scale over a range, made again only when either changes. */
function tableCache(): (view: FieldView, range: [number, number]) => ColourTable | null {
  let scale: unknown = null;
  let key = '';
  let table: ColourTable | null = null;
  return (view, range) => {
    const current = view.scale('color');
    const currentKey = range.join(',');
    if (current !== scale || currentKey !== key) {
      scale = current;
      key = currentKey;
      table = colourTable(current, range[0], range[1]);
    }
    return table;
  };
}
