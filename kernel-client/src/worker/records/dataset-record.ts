/**
 * One dataset's rows in a run record: an Arrow IPC stream file that grows by a record batch per
 * flush. Rows handed over are copied at once (the store reuses its memory) and written at the
 * next flush; the schema message is written before the first batch, from the fields the
 * dataset had then.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Schema } from 'apache-arrow';
import type { FieldInfo } from '../../recording/fields.js';
import type { WireColumn, WireRows } from '../../protocol.js';
import { arrowSchema, recordBatch, streamMessages } from './arrow-rows.js';

export class DatasetRecord {
  private fd: number | null = null;
  private schema: Schema | null = null;
  private pending: WireRows[] = [];
  private pendingRows = 0;
  /** Rows written to the file. */
  written = 0;

  constructor(
    /** The file's path; created at the first flush with rows. */
    readonly path: string,
    private readonly fields: () => readonly FieldInfo[]
  ) {}

  /** Rows to write at the next flush (copied now). */
  add(rows: WireRows): void {
    if (rows.length === 0) {
      return;
    }
    const columns: Record<string, WireColumn> = {};
    for (const [name, column] of Object.entries(rows.columns)) {
      columns[name] =
        column.type === 'number'
          ? { type: 'number', data: column.data.slice() }
          : ({ type: column.type, data: column.data.slice() } as WireColumn);
    }
    this.pending.push({ length: rows.length, columns });
    this.pendingRows += rows.length;
  }

  /** Rows waiting for the next flush. */
  get waiting(): number {
    return this.pendingRows;
  }

  /** Writes the rows added since the last flush as one batch; throws what the file system threw. */
  flush(): void {
    if (this.pendingRows === 0) {
      return;
    }
    const rows = concat(this.pending, this.pendingRows);
    this.pending = [];
    this.pendingRows = 0;
    if (this.schema === null) {
      this.schema = arrowSchema(this.fields());
    }
    const messages = streamMessages(recordBatch(this.schema, rows));
    if (this.fd === null) {
      this.fd = openSync(this.path, 'wx', 0o600);
      writeAll(this.fd, messages.schema);
    }
    writeAll(this.fd, messages.batch);
    this.written += rows.length;
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) {
    at += writeSync(fd, bytes, at, bytes.length - at);
  }
}

/** Several wire rows of one dataset as one. */
function concat(parts: WireRows[], length: number): WireRows {
  if (parts.length === 1) {
    return parts[0];
  }
  const names = new Set(parts.flatMap(part => Object.keys(part.columns)));
  const columns: Record<string, WireColumn> = {};
  for (const name of names) {
    const kind = parts.find(part => part.columns[name])?.columns[name].type;
    if (kind === 'number') {
      const data = new Float64Array(length).fill(NaN);
      let at = 0;
      for (const part of parts) {
        const column = part.columns[name];
        if (column?.type === 'number') {
          data.set(column.data, at);
        }
        at += part.length;
      }
      columns[name] = { type: 'number', data };
    } else {
      const data: (string | boolean | null)[] = [];
      for (const part of parts) {
        const column = part.columns[name];
        for (let i = 0; i < part.length; i++) {
          data.push(column === undefined ? null : (column.data[i] as string | boolean | null));
        }
      }
      columns[name] = { type: kind, data } as WireColumn;
    }
  }
  return { length, columns };
}
