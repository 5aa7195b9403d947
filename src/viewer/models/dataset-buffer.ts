import { readNumbers, readValue } from 'async-plotter/protocol';
import type { DatasetUpdate, FieldRaster, WireRows } from 'async-plotter/protocol';

/** One Vega datum. Vega tags the object with its tuple id, so rows are kept by reference. */
export type Row = Record<string, unknown>;

/** What one update did to a dataset, in the order a Vega changeset applies it. */
export interface DatasetChange {
  /** Everything held before was dropped (`removed` is then empty). */
  reset: boolean;
  removed: Row[];
  inserted: Row[];
}

/** Convert the columns of a wire message into Vega tuples (NaN and Infinity become null). */
export function wireRowsToTuples(rows: WireRows): Row[] {
  const names = Object.keys(rows.columns);
  const columns = names.map(name => {
    const column = rows.columns[name];
    const numbers = column.type === 'number' ? readNumbers(column.data) : null;
    return { name, column, numbers };
  });
  const tuples: Row[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const tuple: Row = {};
    for (const { name, column, numbers } of columns) {
      tuple[name] = readValue(column, numbers, i);
    }
    tuples[i] = tuple;
  }
  return tuples;
}

/** How a dataset reaches the viewer, as a card describes it. */
export type DatasetShape =
  /** Every row kept (append with or without a window, or a replaced state). */
  | { kind: 'all'; rows: number; reason: string | null }
  /** Only the rows the picture needs, representing `of` rows. */
  | { kind: 'decimated'; rows: number; of: number }
  /** Every row, but the viewer's row limit dropped the oldest. */
  | { kind: 'limited'; rows: number; of: number; reason: string | null }
  /** A field's cells: `rows` values sent for its `width` x `height` cells (`FieldRaster`). */
  | {
      kind: 'field';
      rows: number;
      width: number;
      height: number;
      block: [number, number];
      reduction: 'none' | 'mean' | 'max';
    };

/**
 * The rows one viewer holds for one named dataset: append updates insert rows and drop the
 * oldest beyond the window, decimated updates replace the rows after a kept prefix, replace
 * updates swap everything. Pure logic: no DOM, no Vega.
 */
export class DatasetBuffer {
  /**
   * @param name - the dataset name, as referenced by the chart spec.
   * @param rowLimit - most rows kept of a dataset sent whole (not decimated): a memory guard,
   *   announced by `shape`; null keeps everything.
   */
  constructor(
    readonly name: string,
    private _rowLimit: number | null = null
  ) {}

  /** Number of rows currently held. */
  get size(): number {
    return this._rows.length - this._head;
  }

  /**
   * Rows the data has that these rows stand for: the server's kept rows when decimated, else
   * the rows held (a window's, or all of them).
   */
  get represented(): number {
    const raster = this._raster;
    if (raster !== null) {
      return raster.width * raster.height;
    }
    return this._decimated ? this._kept : this.size;
  }

  /** How the last update sent the rows: each appended, decimated, or a replaced state. */
  get mode(): 'append' | 'decimated' | 'replace' {
    return this._mode;
  }

  /** How the rows held relate to the data, for the card. */
  get shape(): DatasetShape {
    const raster = this._raster;
    if (raster !== null) {
      const { width, height, block, reduction } = raster;
      return { kind: 'field', rows: raster.values.length, width, height, block, reduction };
    }
    if (this._decimated) {
      return { kind: 'decimated', rows: this.size, of: this._kept };
    }
    const server = this._serverWindow;
    const expected = server === null ? this._total : Math.min(this._total, server);
    if (this._limited && expected > this.size) {
      return { kind: 'limited', rows: this.size, of: expected, reason: this._undecimated };
    }
    return { kind: 'all', rows: this.size, reason: this._undecimated };
  }

  /** Column names seen on the wire, in first-seen order (derived fields Vega adds excluded). */
  get fields(): readonly string[] {
    return this._fields;
  }

  /** Rows pushed by the server since the last reset, including those dropped by the window. */
  get total(): number {
    return this._total;
  }

  /** Window in effect (rows), or null when unbounded. */
  get window(): number | null {
    return this._window;
  }

  /** A field's cells as last sent (`field()` charts), or null. */
  get raster(): FieldRaster | null {
    return this._raster;
  }

  /** The rows held, oldest first (a copy). */
  rows(): Row[] {
    return this._rows.slice(this._head);
  }

  /** Apply one update from the wire; returns what changed, for the views to draw. */
  apply(update: DatasetUpdate): DatasetChange {
    this._learnFields(update.rows);
    this._mode = update.mode;
    const tuples = wireRowsToTuples(update.rows);
    let change: DatasetChange;
    if (update.mode === 'replace') {
      this._raster = update.raster ?? null;
      this._dropAll();
      this._window = null;
      this._decimated = false;
      this._undecimated = null;
      this._rows = tuples;
      this._total = tuples.length;
      change = { reset: true, removed: [], inserted: tuples };
    } else if (update.mode === 'decimated') {
      const keep = this._decimated ? Math.min(update.keep, this.size) : 0;
      if (!this._decimated) {
        this._dropAll();
      }
      this._decimated = true;
      this._undecimated = null;
      this._limited = false;
      this._window = update.window;
      this._kept = update.kept;
      this._total = update.total;
      const removed = this._rows.slice(this._head + keep);
      this._rows.length = this._head + keep;
      for (const tuple of tuples) {
        this._rows.push(tuple);
      }
      change = { reset: keep === 0, removed: keep === 0 ? [] : removed, inserted: tuples };
    } else {
      this._undecimated = update.undecimated ?? null;
      const server = update.window;
      this._serverWindow = server;
      this._limited = this._rowLimit !== null && (server === null || this._rowLimit < server);
      this._window = this._limited ? this._rowLimit : server;
      const reset = update.reset || this._decimated;
      this._decimated = false;
      if (reset) {
        this._dropAll();
      }
      this._total = reset ? update.total : Math.max(update.total, this._total + tuples.length);
      const incoming =
        this._window !== null && tuples.length > this._window
          ? tuples.slice(tuples.length - this._window)
          : tuples;
      const before = this.size;
      for (const tuple of incoming) {
        this._rows.push(tuple);
      }
      const excess = this._window === null ? 0 : Math.max(0, this.size - this._window);
      // The oldest rows go first; incoming rows trimmed at once never reach a view.
      const removed = this._rows.slice(this._head, this._head + Math.min(excess, before));
      const inserted = excess > before ? incoming.slice(excess - before) : incoming;
      this._trim(excess);
      change = { reset, removed, inserted };
    }
    return change;
  }

  /** Drop every row (the user's "clear"); the next update starts from empty. */
  clear(): DatasetChange {
    this._dropAll();
    this._raster = null;
    this._total = 0;
    this._kept = 0;
    return { reset: true, removed: [], inserted: [] };
  }

  private _learnFields(rows: WireRows): void {
    for (const name of Object.keys(rows.columns)) {
      if (!this._fieldSet.has(name)) {
        this._fieldSet.add(name);
        this._fields.push(name);
      }
    }
  }

  /** Drop `count` rows from the front. */
  private _trim(count: number): void {
    this._head += count;
    // Compact once the dead prefix outweighs the live rows, keeping pushes amortised O(1).
    if (this._head > 1024 && this._head > this.size) {
      this._rows = this._rows.slice(this._head);
      this._head = 0;
    }
  }

  private _dropAll(): void {
    this._rows = [];
    this._head = 0;
  }

  private _mode: 'append' | 'decimated' | 'replace' = 'append';
  private _raster: FieldRaster | null = null;
  private _decimated = false;
  private _kept = 0;
  private _undecimated: string | null = null;
  private _limited = false;
  private _serverWindow: number | null = null;
  private _rows: Row[] = [];
  private _head = 0;
  private _total = 0;
  private _window: number | null = null;
  private _fields: string[] = [];
  private _fieldSet = new Set<string>();
}
