/**
 * Reading one dataset file of a run record (worker/records/): an Arrow IPC stream that a
 * recording process appends a batch to at a time, and that a killed process may leave with a
 * batch cut short. The complete messages are found first, from their lengths; what follows them
 * is ignored and said so, and only the complete part is decoded, so a torn file opens and its
 * rows are never misread.
 */
import { MessageReader, RecordBatchReader, type RecordBatch } from 'apache-arrow';

/** What a record file holds. */
export interface RecordFile {
  batches: RecordBatch[];
  rows: number;
  /** Why the file's end was ignored (a write cut short), or null when it is whole. */
  torn: string | null;
}

const CONTINUATION = 0xffffffff;

/** Bytes of the complete messages at the start of `bytes` (a stream's end marker included). */
function completeLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 8 <= bytes.length) {
    if (view.getUint32(at, true) !== CONTINUATION) {
      break;
    }
    const metadata = view.getInt32(at + 4, true);
    if (metadata === 0) {
      return at + 8; // the end-of-stream marker
    }
    if (metadata < 0 || at + 8 + metadata > bytes.length) {
      break;
    }
    const message = new MessageReader(bytes.subarray(at, at + 8 + metadata)).readMessage();
    const end = at + 8 + metadata + (message?.bodyLength ?? Infinity);
    if (message === null || end > bytes.length) {
      break;
    }
    at = end;
  }
  return at;
}

/** The bytes begin as an Arrow IPC stream message does (its continuation marker). */
function startsAsStream(bytes: Uint8Array): boolean {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === CONTINUATION;
}

/** The batches of a record file's bytes; `name` (the file) is what errors are about. */
export function readRecordFile(bytes: Uint8Array, name: string): RecordFile {
  const complete = completeLength(bytes);
  const batches: RecordBatch[] = [];
  if (complete > 0) {
    try {
      for (const batch of RecordBatchReader.from(bytes.subarray(0, complete))) {
        batches.push(batch);
      }
    } catch (error) {
      throw new Error(`${name} is not a run record's data file (${(error as Error).message})`);
    }
  } else if (bytes.length >= 4 && !startsAsStream(bytes)) {
    throw new Error(`${name} is not a run record's data file (no Arrow IPC stream at its start)`);
  }
  const rest = bytes.length - complete;
  return {
    batches,
    rows: batches.reduce((sum, batch) => sum + batch.numRows, 0),
    torn:
      rest === 0
        ? null
        : `the last ${rest} bytes of ${name} are a write cut short (the process was stopped mid-write); they are ignored`
  };
}
