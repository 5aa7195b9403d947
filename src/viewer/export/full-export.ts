/**
 * CSV and JSON exports of every row of a chart, however few rows the view holds: append
 * datasets are read from the plot server a slice at a time (decimated frames carry only what
 * is drawn), replace datasets from the view. Built as a Blob from parts, with progress.
 */
import {
  MAX_ROWS_PER_REQUEST,
  readReason,
  type RowsAnswer,
  type RowsRequest
} from 'async-plotter/protocol';
import type { DatasetBuffer, Row } from '../models/dataset-buffer';
import { wireRowsToTuples } from '../models/dataset-buffer';
import { csvDatasetLine, csvHeader, csvLines, jsonRow } from './export';

/** Asks the plot server for rows; null when it cannot be asked (no link). */
export type FetchRows = (request: RowsRequest) => Promise<RowsAnswer | null>;

export type ExportFormat = 'csv' | 'json';

export interface ExportResult {
  blob: Blob;
  /** Rows written over all datasets. */
  rows: number;
  /** What the export could not include, in plain words (empty when it holds every row). */
  notes: string[];
}

/** Rows written so far, and the rows the export will hold (grows as datasets are asked). */
export type ExportProgress = (written: number, expected: number) => void;

const MIME_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json'
};

export async function exportChart(
  format: ExportFormat,
  chart: string,
  datasets: readonly DatasetBuffer[],
  fetchRows: FetchRows | null,
  progress: ExportProgress = () => undefined
): Promise<ExportResult> {
  const parts: string[] = [];
  const notes: string[] = [];
  let written = 0;
  let expected = datasets.reduce((sum, dataset) => sum + dataset.represented, 0);
  if (format === 'json') {
    parts.push('{');
  }
  for (const [index, dataset] of datasets.entries()) {
    const fields = dataset.fields;
    if (format === 'csv') {
      parts.push(
        (datasets.length > 1 ? (index > 0 ? '\r\n' : '') + csvDatasetLine(dataset.name) : '') +
          csvHeader(fields)
      );
    } else {
      parts.push(`${index > 0 ? ',' : ''}${JSON.stringify(dataset.name)}:[`);
    }
    let first = true;
    const write = (rows: Row[]): void => {
      if (format === 'csv') {
        parts.push(csvLines(fields, rows));
      } else if (rows.length > 0) {
        parts.push((first ? '' : ',') + rows.map(row => jsonRow(fields, row)).join(','));
        first = false;
      }
      written += rows.length;
      progress(written, expected);
    };
    const reader = dataset.mode === 'replace' || fetchRows === null ? null : fetchRows;
    if (reader === null) {
      write(dataset.rows());
      if (dataset.mode !== 'replace' && dataset.size < dataset.represented) {
        notes.push(
          `dataset "${dataset.name}": the plot server cannot be reached, so only the ${dataset.size} rows drawn of ${dataset.represented} are in the file`
        );
      }
    } else {
      const before = expected - dataset.represented;
      const outcome = await readAll(chart, dataset.name, reader, write, all => {
        expected = before + all;
      });
      if (outcome !== null) {
        notes.push(`dataset "${dataset.name}": ${outcome}`);
      }
    }
    if (format === 'json') {
      parts.push(']');
    }
  }
  if (format === 'json') {
    parts.push('}');
  }
  return { blob: new Blob(parts, { type: MIME_TYPES[format] }), rows: written, notes };
}

/**
 * Reads every row the plot server kept when the export started, slice after slice; returns
 * what was missed (rows that left a window meanwhile, a lost link), or null.
 */
async function readAll(
  chart: string,
  dataset: string,
  fetchRows: FetchRows,
  write: (rows: Row[]) => void,
  expect: (rows: number) => void
): Promise<string | null> {
  let from = 0;
  let end: number | null = null;
  let missed = 0;
  let stuck = 0;
  while (end === null || from < end) {
    const answer = await fetchRows({ chart, dataset, from, count: MAX_ROWS_PER_REQUEST });
    if (answer === null) {
      return `the link to the plot server was lost after ${from} rows`;
    }
    if ('error' in answer) {
      const reason = readReason(answer.error)?.message ?? 'no reason given';
      return `the plot server could not send the rows (${reason})`;
    }
    if ('field' in answer) {
      return 'the plot server sent a field where rows were asked for';
    }
    if (end === null) {
      end = answer.total;
      from = answer.firstKept;
      expect(end - from);
    }
    missed += Math.max(0, answer.from - from);
    // Rows pushed since the export started are not part of it.
    const wanted = Math.min(answer.rows.length, Math.max(0, end - answer.from));
    const rows = wireRowsToTuples(answer.rows);
    write(wanted < rows.length ? rows.slice(0, wanted) : rows);
    from = answer.from + answer.rows.length;
    stuck = answer.rows.length === 0 ? stuck + 1 : 0;
    if (stuck > 20) {
      return `the plot server sent no more rows after ${from}`;
    }
    if (answer.rows.length === 0) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
  return missed > 0 ? `${missed} rows left the window while exporting` : null;
}
