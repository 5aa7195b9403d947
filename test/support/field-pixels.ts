/**
 * Reading a field card's painted cells in Chromium, and the colours they should have from an
 * independent mapping: Vega's own scheme, evaluated here through `vega`'s `scheme`, not the
 * viewer's colour table.
 */
import type { Locator } from '@playwright/test';
import { scheme } from 'vega';

export type RGBA = [number, number, number, number];

/** viridis at t in [0, 1], as Vega's scheme gives it. */
export function viridis(t: number): RGBA {
  const text = String((scheme('viridis') as unknown as (t: number) => string)(t));
  const match = /rgb\((\d+), (\d+), (\d+)\)/.exec(text) ?? /#(..)(..)(..)/.exec(text);
  if (!match) {
    throw new Error(`unexpected colour ${text}`);
  }
  const base = text.startsWith('#') ? 16 : 10;
  return [parseInt(match[1], base), parseInt(match[2], base), parseInt(match[3], base), 255];
}

/** What the field overlay holds: its painted box and a reader of its pixels. */
export interface Painted {
  box: { left: number; top: number; width: number; height: number };
  pixel(x: number, y: number): RGBA;
  colours(): number;
}

/** The field layer's canvas pixels, and the box its cells cover (the non-transparent ones). */
export async function painted(card: Locator): Promise<Painted> {
  const { width, height, data } = await card
    .locator('canvas.jp-AsyncPlotter-fieldLayer')
    .evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: canvas.width, height: canvas.height, data: [...image.data] };
    });
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3] > 0) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  const pixel = (x: number, y: number): RGBA => {
    const at = (Math.floor(y) * width + Math.floor(x)) * 4;
    return [data[at], data[at + 1], data[at + 2], data[at + 3]];
  };
  const colours = () => {
    const seen = new Set<number>();
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        const [r, g, b] = pixel(x, y);
        seen.add((r << 16) | (g << 8) | b);
      }
    }
    return seen.size;
  };
  return { box: { left, top, width: right - left + 1, height: bottom - top + 1 }, pixel, colours };
}

/** The centre of cell (row, col) of a `cols` x `rows` field filling the box. */
export function cellCentre(p: Painted, row: number, col: number, rows: number, cols: number) {
  return p.pixel(
    p.box.left + ((col + 0.5) * p.box.width) / cols,
    p.box.top + ((row + 0.5) * p.box.height) / rows
  );
}

export function near(actual: RGBA, expected: RGBA, tolerance = 3): boolean {
  return actual.every((value, i) => Math.abs(value - expected[i]) <= tolerance);
}

/**
 * The colours at the centres of a `cols` x `rows` field's cells, read inside the page (a cheap
 * read, for polling while the card streams): row-major, one per cell.
 */
export async function cellColours(card: Locator, rows: number, cols: number): Promise<RGBA[]> {
  return card.locator('canvas.jp-AsyncPlotter-fieldLayer').evaluate(
    (canvas: HTMLCanvasElement, [rows, cols]) => {
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
      let [left, top, right, bottom] = [width, height, -1, -1];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          if (data[(y * width + x) * 4 + 3] > 0) {
            left = Math.min(left, x);
            right = Math.max(right, x);
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        }
      }
      const colours: [number, number, number, number][] = [];
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < cols; col++) {
          const x = Math.floor(left + ((col + 0.5) * (right - left + 1)) / cols);
          const y = Math.floor(top + ((row + 0.5) * (bottom - top + 1)) / rows);
          const at = (y * width + x) * 4;
          colours.push([data[at], data[at + 1], data[at + 2], data[at + 3]]);
        }
      }
      return colours;
    },
    [rows, cols]
  );
}
