/**
 * A field's colour map as a table of RGBA entries sampled from the Vega view's own colour scale
 * (its scheme, its domain, its midpoint, its log), so that the cells painted take the colours
 * the colour bar shows. Values between entries take the nearest: with 1024 entries that is
 * within a quarter of a percent of the range, finer than any colour bar can be read.
 */

/** Entries of the table. */
export const TABLE_SIZE = 1024;

type ColourScale = ((value: number) => unknown) & { domain(): unknown[]; type?: string };

export interface ColourTable {
  /** RGBA, `TABLE_SIZE` entries. */
  rgba: Uint8ClampedArray;
  /** The value of the first entry and of the last. */
  low: number;
  high: number;
  log: boolean;
}

/** `rgb(r, g, b)`, `rgba(…)` or `#rrggbb` (what d3's interpolators and Vega's schemes give). */
export function parseColour(text: string): [number, number, number, number] | null {
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/.exec(
    text
  );
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : Number(rgb[4]);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Math.round(alpha * 255)];
  }
  return null;
}

/** The table of the view's `color` scale over `[low, high]`, or null without such a scale. */
export function colourTable(scale: unknown, low: number, high: number): ColourTable | null {
  if (typeof scale !== 'function') {
    return null;
  }
  const colour = scale as ColourScale;
  const log = colour.type === 'log';
  const rgba = new Uint8ClampedArray(TABLE_SIZE * 4);
  for (let i = 0; i < TABLE_SIZE; i++) {
    const t = i / (TABLE_SIZE - 1);
    const value = log
      ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low)))
      : low + t * (high - low);
    const parsed = parseColour(String(colour(value)));
    if (parsed !== null) {
      rgba.set(parsed, i * 4);
    }
  }
  return { rgba, low, high, log };
}

/** The table entry of `value`; -1 when it has no colour (NaN, infinite, not above 0 on a log). */
export function tableIndex(table: ColourTable, value: number): number {
  if (!(value - value === 0) || (table.log && value <= 0)) {
    return -1;
  }
  const { low, high } = table;
  const t = table.log
    ? (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low))
    : (value - low) / (high - low);
  // A constant field (high = low) takes the middle of the map.
  const position = Number.isFinite(t) ? t : 0.5;
  return Math.round(Math.min(1, Math.max(0, position)) * (TABLE_SIZE - 1));
}
