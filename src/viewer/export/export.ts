import type { DatasetBuffer } from '../models/dataset-buffer';

/** One CSV field: quoted when it holds a separator, a quote or a line break; null is empty. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A dataset as CSV: a header of the wire columns, then one line per row held. */
export function datasetToCSV(dataset: DatasetBuffer): string {
  const fields = dataset.fields;
  const lines = [fields.map(csvField).join(',')];
  for (const row of dataset.rows()) {
    lines.push(fields.map(field => csvField(row[field])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Several datasets as one CSV: one block per dataset, preceded by a `# dataset: <name>` line
 * when there is more than one.
 */
export function datasetsToCSV(datasets: Iterable<DatasetBuffer>): string {
  const all = [...datasets];
  if (all.length === 1) {
    return datasetToCSV(all[0]);
  }
  return all.map(dataset => `# dataset: ${dataset.name}\r\n${datasetToCSV(dataset)}`).join('\r\n');
}

/** Datasets as JSON: `{ "<name>": [ {field: value}, ... ] }`, wire columns only. */
export function datasetsToJSON(datasets: Iterable<DatasetBuffer>): string {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const dataset of datasets) {
    out[dataset.name] = dataset.rows().map(row => {
      const clean: Record<string, unknown> = {};
      for (const field of dataset.fields) {
        clean[field] = row[field] ?? null;
      }
      return clean;
    });
  }
  return JSON.stringify(out);
}

/** A file name made of the chart and plotter names, safe on every platform. */
export function exportFileName(title: string, chart: string, extension: string): string {
  const base = `${title}-${chart}`.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '');
  return `${base || 'chart'}.${extension}`;
}
