/**
 * Rows as Arrow IPC stream messages (apache-arrow): a dataset's fields as an Arrow schema
 * (numbers Float64, dates TimestampMillisecond, strings Utf8, booleans Bool, all nullable, each
 * field's kind in its metadata), and wire rows as one record batch. A stream file is the schema
 * message once, then a batch message per write, so that it can grow by appending and a reader
 * stops at a torn last batch with every earlier batch intact.
 */
import {
  Bool,
  Field,
  Float64,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  TimestampMillisecond,
  Utf8,
  makeData,
  vectorFromArray,
  type DataType
} from 'apache-arrow';
import type { FieldInfo, FieldKind } from '../../recording/fields.js';
import type { WireRows } from '../../protocol.js';

const TYPES: Record<FieldKind, () => DataType> = {
  number: () => new Float64(),
  date: () => new TimestampMillisecond(),
  string: () => new Utf8(),
  boolean: () => new Bool()
};

/** The Arrow schema of a dataset whose rows have `fields`. */
export function arrowSchema(fields: readonly FieldInfo[]): Schema {
  return new Schema(
    fields.map(
      field => new Field(field.name, TYPES[field.kind](), true, new Map([['kind', field.kind]]))
    )
  );
}

/**
 * The rows as a record batch of `schema` (the dataset's fields, in order). A number column
 * without gaps becomes the batch's memory as it is: the rows must be the caller's own (a
 * dataset record copies what the store hands over).
 */
export function recordBatch(schema: Schema, rows: WireRows): RecordBatch {
  const children = schema.fields.map(field => {
    const column = rows.columns[field.name];
    if (
      column?.type === 'number' &&
      field.type instanceof Float64 &&
      !column.data.some(Number.isNaN)
    ) {
      return makeData({ type: field.type, length: rows.length, nullCount: 0, data: column.data });
    }
    const values: unknown[] =
      column === undefined
        ? new Array<null>(rows.length).fill(null)
        : column.type === 'number'
          ? Array.from(column.data, value => (Number.isNaN(value) ? null : value))
          : column.data;
    return vectorFromArray(values, field.type).data[0];
  });
  const data = makeData({
    type: new Struct(schema.fields),
    length: rows.length,
    nullCount: 0,
    children
  });
  return new RecordBatch(schema, data);
}

/** Length of the first message of an Arrow IPC stream (the schema: metadata, no body). */
function firstMessageLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A message: the continuation marker 0xFFFFFFFF, its metadata length, the metadata.
  return 8 + view.getInt32(4, true);
}

/** Bytes of the stream's schema message, and of the batch's message (with any padding). */
export function streamMessages(batch: RecordBatch): { schema: Uint8Array; batch: Uint8Array } {
  const whole = RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true);
  const schemaEnd = firstMessageLength(whole);
  // The stream ends with an end-of-stream marker (8 bytes) that later batches must not follow.
  return {
    schema: whole.subarray(0, schemaEnd),
    batch: whole.subarray(schemaEnd, whole.length - 8)
  };
}
