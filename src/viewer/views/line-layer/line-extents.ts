import type { Row } from '../../models/dataset-buffer';
import type { LineLayerPlan } from './line-layer-plan';

/**
 * The rows Vega gets in place of a line's rows: for each series, the rows of its least and
 * greatest x and y. Scale domains are extents, so Vega's axes, legend and zoom are the same as
 * with every row, and Vega's own work no longer grows with the rows.
 */
export function extentRows(rows: readonly Row[], plan: LineLayerPlan): Row[] {
  const bySeries = new Map<unknown, Row[]>();
  const least = new Map<unknown, [number, number, number, number]>();
  for (const row of rows) {
    const x = plan.xValue(row);
    const y = plan.yValue(row);
    if (x === null || y === null) {
      continue;
    }
    const series = plan.color === null ? null : row[plan.color];
    const held = bySeries.get(series);
    const bounds = least.get(series);
    if (held === undefined || bounds === undefined) {
      bySeries.set(series, [row, row, row, row]);
      least.set(series, [x, x, y, y]);
      continue;
    }
    if (x < bounds[0]) {
      bounds[0] = x;
      held[0] = row;
    }
    if (x > bounds[1]) {
      bounds[1] = x;
      held[1] = row;
    }
    if (y < bounds[2]) {
      bounds[2] = y;
      held[2] = row;
    }
    if (y > bounds[3]) {
      bounds[3] = y;
      held[3] = row;
    }
  }
  const extents: Row[] = [];
  for (const held of bySeries.values()) {
    extents.push(...new Set(held));
  }
  return extents;
}

/** Whether two lists of extent rows are the same rows (then Vega's picture is unchanged). */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}
