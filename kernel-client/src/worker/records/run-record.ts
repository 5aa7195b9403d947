/**
 * A run recorded to disk as it streams: a folder of its own under the `record` folder, named
 * after the title, the start time and the process (two processes never share one), holding
 * - `run.json`: title, plotter id, process, start, and once it ends, when and how;
 * - `charts.json`: each chart's spec and the file of each of its datasets;
 * - one Arrow IPC stream file per append dataset (dataset-record.ts), every row it was given.
 * Rows are written every `FLUSH_MS` (a killed process loses at most that much) on the worker,
 * never on the computing thread. The first failure (a full disk, an unwritable folder) is
 * reported once and ends the recording; the live plot goes on.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import type { FieldInfo } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';
import { DatasetRecord } from './dataset-record.js';

/** How often rows are written (ms). */
export const FLUSH_MS = 250;

/** The version of the record's layout, in `run.json`. */
export const RECORD_VERSION = 1;

interface ChartEntry {
  spec: Record<string, unknown>;
  datasets: Record<string, string>;
}

/** A file or folder name for any text: letters, digits, '-', '_' and '.' kept, the rest %XX. */
function safeName(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*~]/g,
    char => `%${char.charCodeAt(0).toString(16)}`
  );
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export class RunRecord {
  readonly folder: string;
  private readonly started = new Date();
  private readonly charts = new Map<string, ChartEntry>();
  private readonly datasets = new Map<number, DatasetRecord>();
  private readonly timer: ReturnType<typeof setInterval>;
  private failed = false;

  constructor(
    root: string,
    private readonly title: string,
    private readonly id: string,
    private readonly warn: (message: string) => void
  ) {
    this.folder = join(root, `${safeName(title)}-${stamp(this.started)}-${process.pid}`);
    this.guard(() => {
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      this.writeRun(null);
    });
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
  }

  /** A chart (new or replacing one of the same name) and its append datasets, by id. */
  chart(
    name: string,
    spec: Record<string, unknown>,
    datasets: { id: number; name: string }[]
  ): void {
    const entry: ChartEntry = { spec, datasets: {} };
    for (const dataset of datasets) {
      entry.datasets[dataset.name] =
        `${safeName(name)}.${safeName(dataset.name)}.${dataset.id}.arrows`;
    }
    this.charts.set(name, entry);
    this.guard(() => this.writeJson('charts.json', Object.fromEntries(this.charts)));
  }

  /** The record of append dataset `id` of chart `chart`, whose fields `fields` gives. */
  dataset(
    chart: string,
    name: string,
    id: number,
    fields: () => readonly FieldInfo[]
  ): (rows: WireRows) => void {
    const file =
      this.charts.get(chart)?.datasets[name] ?? `${safeName(chart)}.${safeName(name)}.${id}.arrows`;
    const record = new DatasetRecord(join(this.folder, file), fields);
    this.datasets.set(id, record);
    return rows => {
      if (!this.failed) {
        record.add(rows);
      }
    };
  }

  /** Writes every row given so far. */
  flush(): void {
    this.guard(() => {
      for (const record of this.datasets.values()) {
        record.flush();
      }
    });
  }

  /** Writes what is left and says how the run ended. */
  close(ended: 'closed' | 'failed'): void {
    clearInterval(this.timer);
    this.flush();
    this.guard(() => this.writeRun({ at: new Date().toISOString(), how: ended }));
    for (const record of this.datasets.values()) {
      record.close();
    }
  }

  private writeRun(ended: { at: string; how: string } | null): void {
    this.writeJson('run.json', {
      version: RECORD_VERSION,
      title: this.title,
      plotter: this.id,
      pid: process.pid,
      started: this.started.toISOString(),
      ended
    });
  }

  /** Replaces a JSON file whole (written aside, then renamed): never half written. */
  private writeJson(name: string, value: unknown): void {
    const path = join(this.folder, name);
    writeFileSync(`${path}.part`, JSON.stringify(value, null, 1), { mode: 0o600 });
    renameSync(`${path}.part`, path);
  }

  private guard(action: () => void): void {
    if (this.failed) {
      return;
    }
    try {
      action();
    } catch (error) {
      this.failed = true;
      clearInterval(this.timer);
      this.warn(
        `recording stopped (${(error as Error).message}); the live plot goes on. Record folder: ${this.folder}`
      );
    }
  }
}
