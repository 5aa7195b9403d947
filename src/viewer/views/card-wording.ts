/** What a chart card says in words: its title, rows, rate, slowness, problem and actions' outcome. */
import type { LinkProblem } from '../models/plotter-model';
import type { DatasetShape } from '../models/dataset-buffer';
import type { ExportResult } from '../export/full-export';
import { problemText } from '../link/link-status';
import type { Translation } from '../translation';

/** A text and the tooltip that says why. */
export type Explained = [text: string, why: string];

/** The card's title: the chart's name, after the plotter's when they differ. */
export function cardTitle(plotter: string, chart: string): string {
  return chart === plotter ? chart : `${plotter} · ${chart}`;
}

/** Why the card cannot show live data, and its `data-problem` kind; empty when all is well. */
export function cardProblem(
  link: LinkProblem | null,
  chartProblem: string | null,
  trans: Translation
): { text: string; kind: string } {
  const chart = chartProblem && trans.__('This chart cannot be updated: %1', chartProblem);
  return {
    text: problemText(link, trans) || chart || '',
    kind: link?.kind ?? (chart ? 'chart' : '')
  };
}

/** What the card says of the rows drawn, and why in its tooltip. */
export function shapeText(shape: DatasetShape, trans: Translation): Explained {
  const count = (n: number) => n.toLocaleString('en-US');
  switch (shape.kind) {
    case 'decimated':
      if (shape.rows >= shape.of) {
        return [trans._n('%2 row', 'all %2 rows', shape.rows, count(shape.rows)), ''];
      }
      return [
        trans.__('decimated: %1 of %2 rows', count(shape.rows), count(shape.of)),
        trans.__(
          'The plot server sends the rows this picture needs (first, last, lowest and highest per pixel column): the same picture as every row.'
        )
      ];
    case 'limited':
      return [
        trans.__('showing the last %1 of %2 rows', count(shape.rows), count(shape.of)),
        trans.__(
          'Drawn from every row (%1), so the viewer keeps only the newest (its row limit).',
          shape.reason ?? trans.__('not a chart the plot server decimates')
        )
      ];
    case 'all':
      return [
        trans._n('%2 row', 'all %2 rows', shape.rows, count(shape.rows)),
        shape.reason ? trans.__('Drawn from every row: %1.', shape.reason) : ''
      ];
    case 'field': {
      const size = trans.__('%1 × %2 cells', count(shape.width), count(shape.height));
      if (shape.reduction === 'none') {
        return [size, trans.__('Every cell is drawn.')];
      }
      const [bx, by] = shape.block;
      return [
        trans.__('%1, %2 of %3 × %4', size, shape.reduction, bx, by),
        trans.__(
          'The field is larger than its pixels: the plot server sends the %1 of each block of %2 × %3 cells (%4 values). Zoom in for finer cells.',
          shape.reduction === 'max' ? trans.__('largest value') : trans.__('mean'),
          bx,
          by,
          count(shape.rows)
        )
      ];
    }
  }
}

/**
 * Updates per second, honest when they are slow: over the last two seconds, or, while updates
 * come less often, one per so many seconds ("1 frame per 3.4 s") rather than "0.0".
 */
export function rateText(rate: number, interval: number | null, trans: Translation): string {
  if (rate >= 1 || interval === null) {
    return trans.__('%1 frames/s', rate.toFixed(1));
  }
  return trans.__('1 frame per %1 s', (interval / 1000).toFixed(1));
}

/** A chart slow to draw takes turns with the other slow ones: what it costs, and why so. */
export function slownessText(
  slow: { costMs: number; everyMs: number },
  trans: Translation
): Explained {
  return [
    trans.__(
      'slow: %1 ms a picture, every %2 s',
      slow.costMs.toFixed(0),
      (slow.everyMs / 1000).toFixed(1)
    ),
    trans.__(
      'This chart takes long to draw, so it is drawn less often and the other charts keep their rate.'
    )
  ];
}

/** The message line while an export runs: started (`percent` null) or so far. */
export function exportProgressText(
  label: string,
  percent: number | null,
  trans: Translation
): string {
  return percent === null
    ? trans.__('Exporting %1…', label)
    : trans.__('Exporting %1: %2%', label, percent);
}

/** The message line once an export is saved: the rows, and what it could not include. */
export function exportDoneText(result: ExportResult, trans: Translation): string {
  const rows = result.rows.toLocaleString('en-US');
  return result.notes.length > 0
    ? trans.__('Exported %1 rows; %2', rows, result.notes.join('; '))
    : trans.__('Exported %1 rows', rows);
}

export function exportFailedText(error: unknown, trans: Translation): string {
  return trans.__('Export failed: %1', (error as Error).message);
}

/** The message line after the stop button: whether the plot server took the request. */
export function stopText(accepted: boolean, trans: Translation): string {
  return accepted
    ? trans.__('Stop requested')
    : trans.__('Stop not delivered: the plotter is not connected');
}
