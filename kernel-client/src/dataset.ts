/**
 * One named dataset of a chart, the object data goes into. Its schema (fields and kinds) is
 * fixed by the first data given; from then on `push` is the specialised writer itself, and so
 * is the chart's `push` when this is its only dataset (see `follow`): a loop's `chart.push`
 * call then goes straight to the generated function, which the compiler inlines.
 */
import { isColumnsObject, readColumns } from './recording/columns.js';
import { AppendWriter } from './recording/dataset-writer.js';
import { PlotInputError, PlotterClosedError, describe, place } from './errors.js';
import { FieldCoder } from './recording/field-coder.js';
import type { FieldInfo } from './recording/fields.js';
import type { Gate } from './stopping/gate.js';
import type { DatasetMode, ToWorker } from './messages.js';
import { ReplaceWriter } from './recording/replace-writer.js';
import { FieldWriter, type FieldState } from './recording/field-writer.js';
import type { RingSizes } from './recording/ring.js';
import { schemaFromColumns, schemaFromRow } from './recording/schema.js';

/** A row: field name to number, string, boolean, Date, or null (a gap). */
export type Row = Record<string, unknown>;

/** Columns of equal length: numeric typed arrays or plain arrays. */
export type Columns = Record<string, ArrayLike<unknown>>;

export class Dataset {
  /** Records one row (append mode). The fastest way in: no allocation, no message, no clock. */
  push: (row: Row) => void;
  private writer: AppendWriter | ReplaceWriter | FieldWriter | null = null;
  private coder: FieldCoder | null = null;
  private retiredBecause: string | null = null;
  private follower: ((push: (row: Row) => void) => void) | null = null;

  constructor(
    readonly chart: string,
    readonly name: string,
    readonly id: number,
    readonly mode: DatasetMode,
    readonly window: number | null,
    private required: Set<string>,
    private readonly gate: Gate,
    private readonly post: (message: ToWorker) => void,
    /** How large an append dataset's rings are. */
    private readonly rings: RingSizes
  ) {
    this.push = row => this.firstPush(row);
  }

  /**
   * Hands `push` to `follower` now and each time it changes (data fixing the schema, retirement);
   * `null` stops. Lets a chart expose the writer itself rather than a method forwarding to it.
   */
  follow(follower: ((push: (row: Row) => void) => void) | null): void {
    this.follower = follower;
    follower?.(this.push);
  }

  /** The fields and kinds fixed by the first data, or null before any data. */
  get fields(): FieldInfo[] | null {
    return this.coder === null ? null : this.coder.fields;
  }

  /** Appends rows (an array of row objects) or columns (`{x: Float64Array, y: [...]}`). */
  append(data: Row[] | Columns): void {
    this.enter('append');
    if (Array.isArray(data)) {
      for (let i = 0; i < data.length; i++) {
        this.push(data[i]);
      }
      return;
    }
    const columns = this.columnsOf(data);
    const writer = this.appendWriter(() =>
      schemaFromColumns(this.chart, this.name, this.required, columns)
    );
    writer.appendColumns(readColumns(writer.coder, columns));
  }

  /**
   * Replaces the whole state (replace mode): the latest state wins. A field's state is
   * `{ width, height, values }` (see `field()`).
   */
  replace(data: Row[] | Columns | FieldState): void {
    if (this.mode === 'field') {
      this.enter(null);
      this.writer ??= new FieldWriter(this.chart, this.name, this.id, this.post);
      (this.writer as FieldWriter).replace(data);
      return;
    }
    this.enter('replace');
    if (Array.isArray(data)) {
      if (data.length === 0 && this.writer === null) {
        return; // no state yet, and the empty one fixes no schema
      }
      const first = data.find(row => typeof row === 'object' && row !== null);
      const writer = this.replaceWriter(() =>
        schemaFromRow(this.chart, this.name, this.required, (first ?? {}) as Row)
      );
      writer.replaceRows(data);
      return;
    }
    const columns = this.columnsOf(data);
    const writer = this.replaceWriter(() =>
      schemaFromColumns(this.chart, this.name, this.required, columns)
    );
    writer.replaceColumns(readColumns(writer.coder, columns));
  }

  /** Removes all rows (append) or the state (replace); viewers clear too. */
  clear(): void {
    this.enter(null);
    if (this.writer instanceof AppendWriter) {
      this.writer.clear();
    } else if (this.writer instanceof ReplaceWriter) {
      this.writer.replaceRows([]);
    } else if (this.writer instanceof FieldWriter) {
      this.writer.clear();
    }
  }

  /** Fields a new spec encodes: checked against the fixed schema, if any. */
  requireFields(required: Set<string>): void {
    const fields = this.fields;
    if (fields !== null) {
      for (const name of required) {
        if (!fields.some(field => field.name === name)) {
          throw new PlotInputError(
            `${place(this.chart, this.name, name)}: the new spec encodes "${name}", which the ` +
              `data recorded so far does not have (fields: ${fields.map(f => f.name).join(', ')})`
          );
        }
      }
    }
    this.required = required;
  }

  /** Makes every later call throw (chart replaced or plotter closed). */
  retire(reason: string): void {
    this.retiredBecause = reason;
    this.setPush(() => this.enter(null));
  }

  private firstPush(row: Row): void {
    this.enter('append');
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new PlotInputError(
        `${place(this.chart, this.name)}: expected a row object, got ${describe(row)}`
      );
    }
    const writer = this.appendWriter(() =>
      schemaFromRow(this.chart, this.name, this.required, row)
    );
    this.setPush(writer.push as (row: Row) => void);
    writer.push(row);
  }

  private setPush(push: (row: Row) => void): void {
    this.push = push;
    this.follower?.(push);
  }

  private enter(mode: DatasetMode | null): void {
    if (this.retiredBecause !== null) {
      throw new PlotterClosedError(`${place(this.chart, this.name)}: ${this.retiredBecause}`);
    }
    this.gate.check();
    if (mode !== null && mode !== this.mode) {
      const where = place(this.chart, this.name);
      if (this.mode === 'field') {
        throw new PlotInputError(
          `${where}: ${mode}() on a field() chart; give each state with ` +
            `replace({ width, height, values })`
        );
      }
      const use = this.mode === 'append' ? 'push() or append()' : 'replace()';
      throw new PlotInputError(
        `${where}: ${mode}() on a dataset in ${this.mode} mode; use ${use}, ` +
          `or declare the dataset with {mode: '${mode}'} in chart options`
      );
    }
  }

  private columnsOf(data: unknown): Columns {
    if (!isColumnsObject(data) || ArrayBuffer.isView(data)) {
      throw new PlotInputError(
        `${place(this.chart, this.name)}: expected rows (an array of objects) or columns (an ` +
          `object of arrays), got ${describe(data)}`
      );
    }
    return data as Columns;
  }

  private makeCoder(schema: () => FieldInfo[]): FieldCoder {
    if (this.coder === null) {
      const fields = schema();
      this.post({ type: 'schema', dataset: this.id, fields });
      this.coder = new FieldCoder(this.chart, this.name, fields, (field, code, value) =>
        this.post({ type: 'word', dataset: this.id, field, code, value })
      );
    }
    return this.coder;
  }

  private appendWriter(schema: () => FieldInfo[]): AppendWriter {
    if (this.writer === null) {
      this.writer = new AppendWriter(
        this.id,
        this.window,
        this.makeCoder(schema),
        this.gate,
        this.post,
        this.rings,
        push => {
          if (this.retiredBecause === null) {
            this.setPush(push as (row: Row) => void);
          }
        }
      );
    }
    return this.writer as AppendWriter;
  }

  private replaceWriter(schema: () => FieldInfo[]): ReplaceWriter {
    if (this.writer === null) {
      this.writer = new ReplaceWriter(this.id, this.makeCoder(schema), this.post);
    }
    return this.writer as ReplaceWriter;
  }
}
