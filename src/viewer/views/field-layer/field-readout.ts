import type { View } from 'vega';
import type { FieldMeta, FieldRaster } from 'async-plotter/protocol';
import { plotOrigin } from '../overlay-canvas';
import { cellEdges } from './field-painter';

type Invertible = { invert(pixel: number): number };

/** `value` in a few significant digits, as a readout shows it. */
function short(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : 'no value';
}

/** What the card says of the cells it shows: their count, and the reduction in effect. */
export function reductionText(raster: FieldRaster): string {
  const size = `${raster.width} × ${raster.height} cells`;
  if (raster.reduction === 'none') {
    return `${size}, each drawn`;
  }
  const [bx, by] = raster.block;
  const kind = raster.reduction === 'max' ? 'largest' : 'mean';
  return `${size}, ${kind} of each ${bx} × ${by} block`;
}

/**
 * The line under a field: the reduction in effect, and under the pointer the x, y and value of
 * the cell there (the block's mean or largest when reduced). Reads Vega's scales; owns its
 * element and its listeners.
 */
export class FieldReadout {
  constructor(private readonly _meta: FieldMeta) {
    this.node.className = 'jp-AsyncPlotter-fieldReadout';
  }

  readonly node = document.createElement('div');

  /** Follows the pointer over `view` (a fresh view after each embed). */
  attach(view: View, host: HTMLElement): void {
    this.detach();
    this._view = view;
    host.appendChild(this.node);
    const container = view.container();
    if (container) {
      container.addEventListener('pointermove', this._onMove);
      container.addEventListener('pointerleave', this._onLeave);
      this._container = container;
    }
  }

  /** The raster drawn now. */
  show(raster: FieldRaster | null): void {
    this._raster = raster;
    if (!this._hovering) {
      this.node.textContent = raster === null ? 'no state yet' : reductionText(raster);
    }
  }

  detach(): void {
    this._container?.removeEventListener('pointermove', this._onMove);
    this._container?.removeEventListener('pointerleave', this._onLeave);
    this._container = null;
    this._view = null;
  }

  dispose(): void {
    this.detach();
    this.node.remove();
    this._raster = null;
  }

  /** The cell under a point of the view's canvas (CSS pixels), as text; null outside. */
  describe(px: number, py: number): string | null {
    const view = this._view;
    const raster = this._raster;
    if (view === null || raster === null) {
      return null;
    }
    const [ox, oy] = plotOrigin(view);
    const x = (view.scale('x') as Invertible).invert(px - ox);
    const y = (view.scale('y') as Invertible).invert(py - oy);
    const edges = cellEdges(this._meta, raster);
    const col = Math.floor((x - edges.x(0)) / (edges.x(1) - edges.x(0)));
    const row = Math.floor((y - edges.y(0)) / (edges.y(1) - edges.y(0)));
    const { region, block, grid } = raster;
    const gx = Math.floor((col - region.col) / block[0]);
    const gy = Math.floor((row - region.row) / block[1]);
    if (gx < 0 || gy < 0 || gx >= grid.cols || gy >= grid.rows || col >= region.col + region.cols) {
      return null;
    }
    const value = raster.values[gy * grid.cols + gx];
    const of = raster.reduction === 'none' ? '' : ` (${raster.reduction} of its block)`;
    return `x ${short(x)}, y ${short(y)}: cell (${row}, ${col}), value ${short(value)}${of}`;
  }

  private _onMove = (event: PointerEvent): void => {
    const canvas = this._container?.querySelector('canvas');
    if (!canvas) {
      return;
    }
    const box = canvas.getBoundingClientRect();
    const text = this.describe(event.clientX - box.left, event.clientY - box.top);
    this._hovering = text !== null;
    this.node.textContent = text ?? (this._raster ? reductionText(this._raster) : '');
  };

  private _onLeave = (): void => {
    this._hovering = false;
    this.show(this._raster);
  };

  private _view: View | null = null;
  private _container: HTMLElement | null = null;
  private _raster: FieldRaster | null = null;
  private _hovering = false;
}
