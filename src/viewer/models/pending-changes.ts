import type { DatasetChange, Row } from './dataset-buffer';

/** The net change a view still has to draw for one dataset. */
export interface NetChange {
  /** Remove everything the view shows first; `insert` then holds every row to show. */
  reset: boolean;
  remove: Row[];
  insert: Row[];
}

/**
 * Folds the changes a dataset goes through between two draws of one view into one net
 * changeset: rows inserted and removed in between never reach the view. When the pending work
 * outgrows the dataset itself (a long pause, a tiny window) it degrades to "reset and insert
 * all", so a paused view holds no more than the dataset does.
 */
export class PendingChanges {
  /**
   * @param current - the rows the dataset holds now (read when a reset must be drawn).
   */
  constructor(private _current: () => Row[]) {}

  /** Whether anything is waiting to be drawn. */
  get dirty(): boolean {
    return this._reset || this._insert.size > 0 || this._remove.length > 0;
  }

  /** Record one dataset change. */
  add(change: DatasetChange, datasetSize: number): void {
    if (this._reset) {
      return; // the next draw re-reads the whole dataset anyway
    }
    if (change.reset) {
      this.resetAll();
      return;
    }
    for (const row of change.removed) {
      if (!this._insert.delete(row)) {
        this._remove.push(row);
      }
    }
    for (const row of change.inserted) {
      this._insert.add(row);
    }
    if (this._remove.length + this._insert.size > Math.max(1024, 2 * datasetSize)) {
      this.resetAll();
    }
  }

  /** Forget the details: the next draw replaces everything the view shows. */
  resetAll(): void {
    this._reset = true;
    this._insert.clear();
    this._remove = [];
  }

  /** The net change since the last call, and start over. */
  take(): NetChange {
    const net: NetChange = this._reset
      ? { reset: true, remove: [], insert: this._current() }
      : { reset: false, remove: this._remove, insert: [...this._insert] };
    this._reset = false;
    this._insert.clear();
    this._remove = [];
    return net;
  }

  private _reset = false;
  private _insert = new Set<Row>();
  private _remove: Row[] = [];
}
