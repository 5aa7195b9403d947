/**
 * The worker's side of a field dataset: takes the newest published state out of the triple
 * buffer (replace-slots.ts, field-slots.ts) and reads it in place, never copying it: the front
 * slot is the worker's own until it takes the next state. Superseded states are overwritten by
 * the computing thread before this thread ever sees them.
 */
import { fieldSlotViews } from '../../recording/field-slots.js';
import { FieldHistory } from './field-history.js';
import { SlotFront } from './slot-front.js';

/** The newest state taken: its cells are valid until the next `poll()` that returns true. */
export interface FieldView {
  width: number;
  height: number;
  version: number;
  values: Float32Array;
}

/** Least and greatest finite value (and least above zero, for log scales); null when none. */
export interface FieldStats {
  min: number;
  max: number;
  minPositive: number;
}

export class FieldStore {
  readonly mode = 'field';
  private readonly slots = new SlotFront(fieldSlotViews);
  private newest: FieldView | null = null;
  private stats: FieldStats | null = null;
  private statsVersion = -1;
  private running: FieldStats | null = null;
  /** The stats of the last earlier state asked for (`statsOf`), by version. */
  private earlier: { version: number; stats: FieldStats | null } | null = null;
  /** The kept states, when the spec asks for a history. */
  readonly history: FieldHistory | null;

  /** @param history - states to keep (`FieldMeta.history`); 0 keeps only the newest. */
  constructor(
    readonly id: number,
    readonly name: string,
    history = 0
  ) {
    this.history = history > 0 ? new FieldHistory(history) : null;
  }

  /** The newest state, or null before the first (or after a clear). */
  get latest(): FieldView | null {
    return this.newest;
  }

  /** The kept state a viewer's step slider asks for (`ChartViewport.step`), else the newest. */
  shown(step: number | undefined): FieldView | null {
    if (step === undefined || this.history === null || this.newest === null) {
      return this.newest;
    }
    return this.history.at(step);
  }

  /** Bytes of the kept states (the newest alone lives in the computing thread's slots). */
  heldBytes(): number {
    return this.history?.heldBytes() ?? 0;
  }

  /** Fields have no schema or words; these keep the store interchangeable with the others. */
  setSchema(): void {}
  addWord(): void {}

  setState(buffer: SharedArrayBuffer): void {
    this.slots.setState(buffer);
  }

  addSlot(slot: number, serial: number, buffer: SharedArrayBuffer): void {
    this.slots.addSlot(slot, serial, buffer);
  }

  /** Takes a newly published state, if any; true when `latest` changed. */
  poll(): boolean {
    const views = this.slots.newState();
    if (views === null) {
      return false;
    }
    this.slots.taken();
    const [width, height, version] = views.header;
    this.newest =
      width * height === 0
        ? null
        : { width, height, version, values: views.values.subarray(0, width * height) };
    if (this.newest === null) {
      this.running = null;
      this.history?.clear();
    } else {
      this.history?.add(this.newest);
    }
    return true;
  }

  /** The finite extremes of a state: the newest (`stateStats`) or a kept earlier one. */
  statsOf(state: FieldView): FieldStats | null {
    if (state === this.newest || state.version === this.newest?.version) {
      return this.stateStats();
    }
    if (this.earlier?.version !== state.version) {
      this.earlier = { version: state.version, stats: finiteStats(state.values) };
    }
    return this.earlier.stats;
  }

  /** The finite extremes of the newest state (computed once per state). */
  stateStats(): FieldStats | null {
    const state = this.newest;
    if (state === null) {
      return null;
    }
    if (this.statsVersion !== state.version) {
      this.statsVersion = state.version;
      this.stats = finiteStats(state.values);
      const { stats, running } = this;
      if (stats !== null) {
        this.running =
          running === null
            ? { ...stats }
            : {
                min: Math.min(running.min, stats.min),
                max: Math.max(running.max, stats.max),
                minPositive: Math.min(running.minPositive, stats.minPositive)
              };
      }
    }
    return this.stats;
  }

  /** The finite extremes of every state taken since the first (or the last clear). */
  runningStats(): FieldStats | null {
    this.stateStats();
    return this.running;
  }
}

export function finiteStats(values: Float32Array): FieldStats | null {
  let min = Infinity;
  let max = -Infinity;
  let minPositive = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN fails both comparisons; infinities are excluded below.
    if (v < min && v !== -Infinity) {
      min = v;
    }
    if (v > max && v !== Infinity) {
      max = v;
    }
    if (v > 0 && v < minPositive) {
      minPositive = v;
    }
  }
  return min <= max ? { min, max, minPositive } : null;
}
