import type { FieldRaster } from 'async-plotter/protocol';
import { TABLE_SIZE, type ColourTable } from './colour-table';

/**
 * A raster's cells as RGBA pixels, one per value, through a colour table: the image the
 * painter stretches over the cells' place on the axes. Cells without a value (NaN, infinite,
 * not above zero on a log scale) are transparent, over the painter's "no value" hatching.
 */
export function cellPixels(raster: FieldRaster, table: ColourTable, out?: ImageData): ImageData {
  return colourCells(raster, table, out).image;
}

/** `cellPixels`, and how many cells have no value (transparent: the hatching shows). */
export function colourCells(
  raster: FieldRaster,
  table: ColourTable,
  out?: ImageData
): { image: ImageData; missing: number } {
  const { cols, rows } = raster.grid;
  const image =
    out !== undefined && out.width === cols && out.height === rows
      ? out
      : new ImageData(cols, rows);
  const pixels = new Uint32Array(image.data.buffer);
  const colours = new Uint32Array(table.rgba.buffer);
  const values = raster.values;
  const last = TABLE_SIZE - 1;
  const log = table.log;
  const low = log ? Math.log(table.low) : table.low;
  const span = (log ? Math.log(table.high) : table.high) - low;
  // A constant field (no span) takes the middle of the map.
  const scale = span > 0 ? last / span : 0;
  const middle = span > 0 ? 0 : last / 2;
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    if (!(raw - raw === 0) || (log && raw <= 0)) {
      pixels[i] = 0;
      missing++;
      continue;
    }
    const position = ((log ? Math.log(raw) : raw) - low) * scale + middle;
    const index = position <= 0 ? 0 : position >= last ? last : Math.round(position);
    pixels[i] = colours[index];
  }
  return { image, missing };
}
