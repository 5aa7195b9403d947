/**
 * Keeps the worker's history within the plotter's memory budget: what the rows, the shared
 * rings and the decimation summaries hold in memory is counted, and while it is over, the
 * oldest chunk of the dataset holding the most moves to a spill file. Exact rows stay
 * available (zooms and exports read them back); the kernel never runs out of memory for them.
 * The states fields keep for their step slider (`FieldMeta.history`) get at most half the
 * budget: beyond it, the oldest state of the field keeping the most is dropped (its card says
 * so).
 */
import type { Log } from '../log.js';
import type { PlotStore } from './plot-store.js';
import { SpillFolder } from './spill-file.js';

/**
 * Of the budget, what the counting cannot see is given this much room: the runtime's heaps,
 * rows read back from disk, memory freed but not yet collected (at most an eighth of it).
 */
const UNCOUNTED_BYTES = 64 * 2 ** 20;

export class MemoryBudget {
  private readonly folder: SpillFolder;
  private spilled = 0;
  private lastReported = 0;

  /**
   * @param bytes - the budget.
   * @param onFolder - told the spill folder's path when it is made (removed at exit).
   */
  constructor(
    private readonly store: PlotStore,
    readonly bytes: number,
    private readonly log: Log,
    onFolder: (path: string) => void
  ) {
    this.folder = new SpillFolder(onFolder);
  }

  /** Bytes held in memory now. */
  used(): number {
    return this.store.heldBytes();
  }

  /** Drops fields' oldest kept states beyond their share, then spills rows while over. */
  enforce(): void {
    this.limitFieldHistories();
    const limit = this.bytes - Math.min(UNCOUNTED_BYTES, this.bytes / 8);
    for (let used = this.used(); used > limit; used = this.used()) {
      const largest = this.store.largestAppendStore();
      if (largest === null) {
        break;
      }
      const before = largest.spilledBytes();
      if (!largest.spillOldest(() => this.folder.file(`${largest.id}-${largest.name}`))) {
        break; // nothing left to move: summaries and rings alone are over the budget
      }
      this.spilled += largest.spilledBytes() - before;
    }
    if (this.spilled - this.lastReported >= 256 * 2 ** 20) {
      this.lastReported = this.spilled;
      this.log.debug(
        `history beyond the memory budget (${Math.round(this.bytes / 2 ** 20)} MB) moved to ` +
          `${this.folder.location}: ${Math.round(this.spilled / 2 ** 20)} MB so far`
      );
    }
  }

  /** Keeps the states fields keep within half the budget, the largest history giving first. */
  private limitFieldHistories(): void {
    const share = this.bytes / 2;
    let held = this.store.fieldHistoryBytes();
    while (held > share) {
      const history = this.store.largestFieldHistory()?.history;
      const before = history?.heldBytes() ?? 0;
      if (history === undefined || history === null || !history.dropOldest()) {
        break;
      }
      held -= before - history.heldBytes();
    }
  }

  /** Deletes the spill files. */
  dispose(): void {
    this.folder.remove();
  }
}
