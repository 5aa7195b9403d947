import type { Row } from '../models/dataset-buffer';

/** One CSV field: quoted when it holds a separator, a quote or a line break; null is empty. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV header line of a dataset's wire columns. */
export function csvHeader(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** CSV lines of `rows`, one per row, in the order of `fields`. */
export function csvLines(fields: readonly string[], rows: readonly Row[]): string {
  let text = '';
  for (const row of rows) {
    text += fields.map(field => csvField(row[field])).join(',') + '\r\n';
  }
  return text;
}

/** The `# dataset: <name>` line that starts each dataset's block when a chart has several. */
export function csvDatasetLine(name: string): string {
  return `# dataset: ${name}\r\n`;
}

/** A row as JSON with the dataset's wire columns only (missing ones as null). */
export function jsonRow(fields: readonly string[], row: Row): string {
  const clean: Record<string, unknown> = {};
  for (const field of fields) {
    clean[field] = row[field] ?? null;
  }
  return JSON.stringify(clean);
}

/** A file name made of the chart and plotter names, safe on every platform. */
export function exportFileName(title: string, chart: string, extension: string): string {
  const base = `${title}-${chart}`.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '');
  return `${base || 'chart'}.${extension}`;
}
