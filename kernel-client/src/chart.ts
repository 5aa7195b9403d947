/**
 * A chart: a Vega-Lite spec and the named datasets it draws. With a single dataset, the data
 * methods of the chart go to it; otherwise use `chart.dataset(name)`.
 */
import { Dataset, type Columns, type Row } from './dataset.js';
import type { FieldState } from './recording/field-writer.js';
import { readFieldMeta } from './protocol.js';
import { PlotInputError, place } from './errors.js';
import type { Gate } from './stopping/gate.js';
import type { DatasetDeclaration, DatasetMode, ToWorker } from './messages.js';
import type { RingSizes } from './recording/ring.js';
import { analyseSpec } from './spec.js';

export interface DatasetOptions {
  /** `append` (default): rows stream in. `replace`: the latest state wins. */
  mode?: Exclude<DatasetMode, 'field'>;
  /** Append mode: keep only the last `window` rows (viewers too). Default: keep all. */
  window?: number;
}

export interface ChartOptions extends DatasetOptions {
  /** Per dataset options, overriding `mode`/`window` above. */
  datasets?: Record<string, DatasetOptions>;
}

/** What a chart needs from its plotter. */
export interface ChartContext {
  gate: Gate;
  post(message: ToWorker): void;
  /** How large append datasets' rings are (within the plotter's memory budget). */
  rings: RingSizes;
  nextDatasetId(): number;
  debug(message: string): void;
}

export class Chart {
  private readonly byName = new Map<string, Dataset>();
  private single: Dataset | null = null;
  private readonly options: ChartOptions;
  /** The dataset a `field()` spec draws as an image, if any. */
  private readonly field: string | null;

  constructor(
    readonly name: string,
    spec: unknown,
    options: ChartOptions | undefined,
    serial: number,
    private readonly context: ChartContext
  ) {
    this.options = options ?? {};
    const analysed = analyseSpec(name, spec);
    analysed.warnings.forEach(warning => context.debug(`chart "${name}": Vega-Lite: ${warning}`));
    for (const key of Object.keys(this.options.datasets ?? {})) {
      if (!analysed.datasets.has(key)) {
        throw new PlotInputError(
          `${place(name, key)}: chart options name a dataset absent from the spec ` +
            `(the spec has: ${[...analysed.datasets.keys()].join(', ')})`
        );
      }
    }
    this.field = readFieldMeta(analysed.spec)?.dataset ?? null;
    const declarations = this.declare(analysed.datasets);
    context.post({
      type: 'chart',
      chart: name,
      serial,
      spec: analysed.spec,
      datasets: declarations
    });
  }

  /** Names of the datasets the spec draws. */
  get datasets(): string[] {
    return [...this.byName.keys()];
  }

  /** The named dataset; throws naming the chart if the spec has no such dataset. */
  dataset(name: string): Dataset {
    const dataset = this.byName.get(name);
    if (dataset === undefined) {
      throw new PlotInputError(
        `${place(this.name, name)}: no such dataset in the spec (it has: ${this.datasets.join(', ')})`
      );
    }
    return dataset;
  }

  /**
   * Records one row into the chart's only dataset. This is the dataset's own writer (set by
   * `declare`, kept current through `Dataset.follow`): the call does not go through a method.
   */
  push: (row: Row) => void = () => this.ambiguous();

  append(data: Row[] | Columns): void {
    (this.single ?? this.ambiguous()).append(data);
  }

  replace(data: Row[] | Columns | FieldState): void {
    (this.single ?? this.ambiguous()).replace(data);
  }

  /** Clears every dataset of the chart. */
  clear(): void {
    this.byName.forEach(dataset => dataset.clear());
  }

  /** Changes the look; recorded data stays. New datasets in the spec are added. */
  setSpec(spec: unknown): void {
    this.context.gate.check();
    const analysed = analyseSpec(this.name, spec);
    for (const [name, fields] of analysed.datasets) {
      this.byName.get(name)?.requireFields(fields);
    }
    const added = new Map([...analysed.datasets].filter(([name]) => !this.byName.has(name)));
    if (added.size > 0) {
      this.context.post({ type: 'datasets', chart: this.name, datasets: this.declare(added) });
    }
    this.context.post({ type: 'spec', chart: this.name, spec: analysed.spec });
  }

  /** Makes every later data call throw. */
  retire(reason: string): void {
    this.byName.forEach(dataset => dataset.retire(reason));
  }

  private declare(datasets: Map<string, Set<string>>): DatasetDeclaration[] {
    const declarations: DatasetDeclaration[] = [];
    for (const [name, required] of datasets) {
      const options = { ...this.options, ...this.options.datasets?.[name] };
      const mode = name === this.field ? 'field' : (options.mode ?? 'append');
      if (mode !== 'append' && mode !== 'replace' && mode !== 'field') {
        throw new PlotInputError(
          `${place(this.name, name)}: mode must be 'append' or 'replace', got ${String(mode)}`
        );
      }
      const window = options.window ?? null;
      if (window !== null && (!Number.isInteger(window) || window < 1)) {
        throw new PlotInputError(
          `${place(this.name, name)}: window must be a positive integer, got ${String(window)}`
        );
      }
      const id = this.context.nextDatasetId();
      const { gate, post, rings } = this.context;
      this.byName.set(
        name,
        new Dataset(
          this.name,
          name,
          id,
          mode,
          mode === 'append' ? window : null,
          required,
          gate,
          post,
          rings
        )
      );
      declarations.push({ id, name, mode, window: mode === 'append' ? window : null });
    }
    this.single?.follow(null);
    this.single = this.byName.size === 1 ? [...this.byName.values()][0] : null;
    if (this.single === null) {
      this.push = () => this.ambiguous();
    } else {
      this.single.follow(push => (this.push = push));
    }
    return declarations;
  }

  private ambiguous(): Dataset {
    throw new PlotInputError(
      `${place(this.name)}: the spec has several datasets (${this.datasets.join(', ')}); ` +
        `use chart.dataset(name)`
    );
  }
}
