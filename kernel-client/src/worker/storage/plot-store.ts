/** Everything the worker knows about a plotter's charts, updated from the computing thread. */
import type { ToWorker } from '../../messages.js';
import { AppendStore } from './append-store.js';
import { DatasetDecimator } from '../decimation/dataset-decimator.js';
import { planDecimation } from '../decimation/plan.js';
import { ReplaceStore } from './replace-store.js';
import { FieldStore } from './field-store.js';
import type { DatasetDeclaration } from '../../messages.js';
import { readFieldMeta, type WireRows } from '../../protocol.js';

/**
 * Rows of one dataset a drain copies in one turn (well under a millisecond, even into memory
 * touched for the first time): the datasets take turns, so that a drain of a given time serves
 * all of them.
 */
const DRAIN_TURN_ROWS = 1 << 13;

export type DatasetStore = AppendStore | ReplaceStore | FieldStore;

/** @param spec - the chart's: a field's states to keep (`FieldMeta.history`). */
function isAppend(dataset: DatasetStore): dataset is AppendStore {
  return dataset instanceof AppendStore;
}

function newStore(declared: DatasetDeclaration, spec: Record<string, unknown>): DatasetStore {
  switch (declared.mode) {
    case 'append':
      return new AppendStore(declared.id, declared.name, declared.window);
    case 'field':
      return new FieldStore(declared.id, declared.name, readFieldMeta(spec)?.history ?? 0);
    default:
      return new ReplaceStore(declared.id, declared.name);
  }
}

export interface ChartState {
  name: string;
  /** Changes when a chart of the same name replaces this one: viewers start it over. */
  serial: number;
  spec: Record<string, unknown>;
  specVersion: number;
  datasets: DatasetStore[];
}

/** How a dataset is decimated for viewers that ask, or why its rows are all sent. */
export type Decimation = DatasetDecimator | string;

interface PlannedDecimation {
  spec: Record<string, unknown>;
  fields: AppendStore['fields'];
  decimation: Decimation;
}

/** Where a run record takes the charts and the rows of their append datasets (records/). */
export interface RunSink {
  chart(
    name: string,
    spec: Record<string, unknown>,
    datasets: { id: number; name: string }[]
  ): void;
  dataset(
    chart: string,
    name: string,
    id: number,
    fields: () => AppendStore['fields']
  ): (rows: WireRows) => void;
}

export class PlotStore {
  readonly charts = new Map<string, ChartState>();
  private run: RunSink | null = null;
  private readonly datasets = new Map<number, DatasetStore>();
  private readonly decimations = new Map<number, PlannedDecimation>();
  /** The dataset (among those `drain` copies) whose turn comes first in the next drain. */
  private nextTurn = 0;

  /**
   * How `dataset` of `chart` is decimated (planned again when the spec or the fields change),
   * or why it is sent whole; null before its first data fixed its fields.
   */
  decimation(chart: ChartState, dataset: AppendStore): Decimation | null {
    if (dataset.fields.length === 0) {
      return null;
    }
    const planned = this.decimations.get(dataset.id);
    if (planned !== undefined && planned.spec === chart.spec && planned.fields === dataset.fields) {
      return planned.decimation;
    }
    const plan = planDecimation(chart.spec, dataset.name, dataset.fields);
    const decimation = 'plan' in plan ? new DatasetDecimator(dataset, plan.plan) : plan.fallback;
    this.decimations.set(dataset.id, { spec: chart.spec, fields: dataset.fields, decimation });
    return decimation;
  }

  /** Records every chart and every row of its append datasets from now on into `run`. */
  recordTo(run: RunSink): void {
    this.run = run;
    for (const chart of this.charts.values()) {
      this.record(chart.name, chart.spec, chart.datasets);
    }
  }

  private record(chart: string, spec: Record<string, unknown>, datasets: DatasetStore[]): void {
    const run = this.run;
    if (run === null) {
      return;
    }
    // The chart's entry lists all its append datasets; only the new ones start recording.
    run.chart(chart, spec, (this.charts.get(chart)?.datasets ?? datasets).filter(isAppend));
    for (const dataset of datasets.filter(isAppend)) {
      dataset.recordTo(run.dataset(chart, dataset.name, dataset.id, () => dataset.fields));
    }
  }

  apply(message: ToWorker): void {
    switch (message.type) {
      case 'chart': {
        const old = this.charts.get(message.chart);
        old?.datasets.forEach(dataset => {
          this.datasets.delete(dataset.id);
          this.decimations.delete(dataset.id);
        });
        const datasets = message.datasets.map(declared => newStore(declared, message.spec));
        datasets.forEach(dataset => this.datasets.set(dataset.id, dataset));
        this.charts.set(message.chart, {
          name: message.chart,
          serial: message.serial,
          spec: message.spec,
          specVersion: 0,
          datasets
        });
        this.record(message.chart, message.spec, datasets);
        break;
      }
      case 'spec': {
        const chart = this.charts.get(message.chart);
        if (chart !== undefined) {
          chart.spec = message.spec;
          chart.specVersion++;
          this.run?.chart(chart.name, chart.spec, chart.datasets.filter(isAppend));
        }
        break;
      }
      case 'datasets': {
        const chart = this.charts.get(message.chart);
        if (chart !== undefined) {
          const added = message.datasets.map(declared => newStore(declared, chart.spec));
          for (const dataset of added) {
            this.datasets.set(dataset.id, dataset);
            chart.datasets.push(dataset);
          }
          this.record(chart.name, chart.spec, added);
        }
        break;
      }
      case 'schema':
        this.datasets.get(message.dataset)?.setSchema(message.fields);
        break;
      case 'word':
        this.datasets.get(message.dataset)?.addWord(message.field, message.code, message.value);
        break;
      case 'ring': {
        const dataset = this.datasets.get(message.dataset);
        if (dataset instanceof AppendStore) {
          dataset.addRing(message.buffer, message.overwrites);
        }
        break;
      }
      case 'clear': {
        const dataset = this.datasets.get(message.dataset);
        if (dataset instanceof AppendStore) {
          dataset.clear(message.written);
        }
        break;
      }
      case 'slots': {
        const dataset = this.datasets.get(message.dataset);
        if (dataset instanceof ReplaceStore || dataset instanceof FieldStore) {
          dataset.setState(message.state);
        }
        break;
      }
      case 'slot': {
        const dataset = this.datasets.get(message.dataset);
        if (dataset instanceof ReplaceStore || dataset instanceof FieldStore) {
          dataset.addSlot(message.slot, message.serial, message.buffer);
        }
        break;
      }
      case 'close':
        break;
    }
  }

  /** Bytes the history holds in memory: rows, rings, decimation summaries, fields' states. */
  heldBytes(): number {
    let bytes = 0;
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof AppendStore) {
        bytes += dataset.heldBytes() + dataset.ringBytes();
      } else if (dataset instanceof FieldStore) {
        bytes += dataset.heldBytes();
      }
    }
    for (const { decimation } of this.decimations.values()) {
      if (decimation instanceof DatasetDecimator) {
        bytes += decimation.byteSize();
      }
    }
    return bytes;
  }

  /** Bytes of the states fields keep for their step sliders. */
  fieldHistoryBytes(): number {
    let bytes = 0;
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof FieldStore) {
        bytes += dataset.heldBytes();
      }
    }
    return bytes;
  }

  /** The field whose kept states hold the most memory, or null when none keeps any. */
  largestFieldHistory(): FieldStore | null {
    return this.largest(FieldStore);
  }

  /** The append dataset holding the most rows in memory, or null. */
  largestAppendStore(): AppendStore | null {
    return this.largest(AppendStore);
  }

  /** The dataset of a kind holding the most bytes in memory, or null when none holds any. */
  private largest<T extends AppendStore | FieldStore>(
    kind: abstract new (...args: never[]) => T
  ): T | null {
    let largest: T | null = null;
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof kind && dataset.heldBytes() > (largest?.heldBytes() ?? 0)) {
        largest = dataset;
      }
    }
    return largest;
  }

  /**
   * Takes new replace states and the rows of rings that overwrite their oldest rows, drops
   * history outside windows; before each frame. Other rings are the background drain's
   * (`drain`, worker/ring-drainer.ts): a frame never waits for a backlog.
   */
  refresh(): void {
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof ReplaceStore || dataset instanceof FieldStore) {
        dataset.poll();
      } else {
        if (dataset.overwrites) {
          dataset.drain();
        }
        dataset.trim();
      }
    }
    this.index();
  }

  /** True while some computing thread's ring holds rows not copied yet. */
  backlogged(): boolean {
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof AppendStore && dataset.backlogged()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Brings every decimation index up to date with the rows drained: each row is indexed once,
   * while it is still in memory (before the memory budget may move it to disk).
   */
  private index(): void {
    for (const chart of this.charts.values()) {
      for (const dataset of chart.datasets) {
        if (dataset instanceof AppendStore) {
          const decimation = this.decimation(chart, dataset);
          if (decimation instanceof DatasetDecimator) {
            decimation.update();
          }
        }
      }
    }
  }

  /**
   * Copies new rows out of the computing thread's rings, DRAIN_TURN_ROWS of a dataset at a time
   * (the datasets take turns, from where the last drain stopped), until none has more or
   * `budgetMs` is spent (at least one turn; everything by default); true if any had new rows.
   * Rings that overwrite rows older than their window are left to `refresh`: reading the lines
   * the computing thread is about to write again would slow it. Fields that keep a history
   * take their new state here too (true when one did).
   */
  drain(budgetMs = Infinity): boolean {
    const started = performance.now();
    const appends: AppendStore[] = [];
    let moved = false;
    for (const dataset of this.datasets.values()) {
      if (dataset instanceof AppendStore && !dataset.overwrites) {
        appends.push(dataset);
      } else if (dataset instanceof FieldStore && dataset.history !== null) {
        // A field's history keeps the states taken between frames too.
        moved = dataset.poll() || moved;
      }
    }
    // Turns in a row that found nothing: once every dataset had one, all are drained.
    let empty = 0;
    for (let turn = 0; empty < appends.length; turn++) {
      const dataset = appends[(this.nextTurn + turn) % appends.length];
      if (dataset.drain(DRAIN_TURN_ROWS)) {
        moved = true;
        empty = 0;
      } else {
        empty++;
      }
      if (performance.now() - started >= budgetMs) {
        this.nextTurn = (this.nextTurn + turn + 1) % appends.length;
        break;
      }
    }
    if (moved) {
      this.index();
    }
    return moved;
  }
}
