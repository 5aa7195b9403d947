import type { View } from 'vega';

/** Where a painter draws on an overlay: its context, and device pixels per CSS pixel. */
export interface OverlayContext {
  context: CanvasRenderingContext2D;
  ratio: number;
}

/**
 * A canvas laid exactly over a Vega view's own canvas (same size, same pixel ratio, no pointer
 * events), for the layers that paint what Vega would be too slow to draw: the line layer's rows,
 * the field layer's cells.
 */
export class OverlayCanvas {
  constructor(className: string) {
    this._canvas.className = className;
    this._canvas.style.position = 'absolute';
    this._canvas.style.pointerEvents = 'none';
  }

  get canvas(): HTMLCanvasElement {
    return this._canvas;
  }

  /** Places the overlay on the view's canvas and clears it; null before the view drew. */
  clear(view: Pick<View, 'container'>): OverlayContext | null {
    const under = view.container()?.querySelector('canvas');
    if (!under) {
      return null;
    }
    const canvas = this._canvas;
    if (canvas.parentElement !== under.parentElement) {
      under.after(canvas);
    }
    if (canvas.width !== under.width || canvas.height !== under.height) {
      canvas.width = under.width;
      canvas.height = under.height;
    }
    // Its place is read again only when Vega's canvas changed: reading it on every paint would
    // force a layout of the page each time anything else on it changed.
    const place = `${under.width},${under.height},${under.style.width},${under.style.height}`;
    if (under !== this._under || place !== this._place) {
      this._under = under;
      this._place = place;
      canvas.style.width = under.style.width;
      canvas.style.height = under.style.height;
      canvas.style.left = `${under.offsetLeft}px`;
      canvas.style.top = `${under.offsetTop}px`;
    }
    const context = canvas.getContext('2d');
    if (!context) {
      return null;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    const cssWidth = parseFloat(under.style.width) || under.width;
    return { context, ratio: under.width / cssWidth };
  }

  dispose(): void {
    this._canvas.remove();
    this._under = null;
  }

  private _canvas = document.createElement('canvas');
  /** Vega's canvas the overlay was last placed on, and its size then. */
  private _under: HTMLCanvasElement | null = null;
  private _place = '';
}

/** Where Vega draws the plot area in its canvas (CSS pixels): the origin plus the padding. */
export function plotOrigin(view: Pick<View, 'origin' | 'padding'>): [number, number] {
  const padding = view.padding();
  const [left, top] =
    typeof padding === 'number' ? [padding, padding] : [padding.left ?? 0, padding.top ?? 0];
  return [view.origin()[0] + left, view.origin()[1] + top];
}
