/**
 * The last states of a field that keeps a history (`FieldMeta.history`): copies of the states
 * the worker took, oldest first, for the viewer's step slider and for exports of an earlier
 * state. Once full, the oldest state's memory takes the next one of the same size: keeping a
 * steady stream allocates nothing. The memory budget may drop the oldest (`dropOldest`).
 */
import type { FieldView } from './field-store.js';

export class FieldHistory {
  private readonly states: FieldView[] = [];
  private bytes = 0;
  /** States dropped to keep within the memory budget (not by the length asked for). */
  private dropped = false;

  /** @param wanted - states to keep at most. */
  constructor(readonly wanted: number) {}

  /** Keeps a copy of `state` (the newest), dropping the oldest beyond `wanted`. */
  add(state: FieldView): void {
    if (this.states.at(-1)?.version === state.version) {
      return;
    }
    const cells = state.width * state.height;
    let values: Float32Array | null = null;
    while (this.states.length >= this.wanted) {
      const oldest = this.states.shift() as FieldView;
      this.bytes -= oldest.values.byteLength;
      if (oldest.values.length === cells) {
        values = oldest.values;
      }
    }
    values ??= new Float32Array(cells);
    values.set(state.values);
    this.states.push({ width: state.width, height: state.height, version: state.version, values });
    this.bytes += values.byteLength;
  }

  /** The kept state of this version, else the first kept after it, else the newest. */
  at(version: number): FieldView | null {
    return this.states.find(state => state.version >= version) ?? this.states.at(-1) ?? null;
  }

  get newest(): FieldView | null {
    return this.states.at(-1) ?? null;
  }

  /** Versions of the states kept, oldest first. */
  versions(): number[] {
    return this.states.map(state => state.version);
  }

  get length(): number {
    return this.states.length;
  }

  /** True when the memory budget dropped states the length asked for would keep. */
  get budgetLimited(): boolean {
    return this.dropped && this.states.length < this.wanted;
  }

  heldBytes(): number {
    return this.bytes;
  }

  /** Drops the oldest state (the memory budget); false when only the newest is left. */
  dropOldest(): boolean {
    if (this.states.length <= 1) {
      return false;
    }
    this.bytes -= (this.states.shift() as FieldView).values.byteLength;
    this.dropped = true;
    return true;
  }

  clear(): void {
    this.states.length = 0;
    this.bytes = 0;
    this.dropped = false;
  }
}
