/**
 * Why a plotter's worker failed, in shared memory: the worker writes it before it ends, so that
 * the computing thread can say why at its next data call even while it spins (the worker's
 * 'error' event only arrives once the thread is free).
 */

/** Bytes of UTF-8 text kept (a longer reason is cut). */
const NOTE_BYTES = 508;

export function createFailureNote(): SharedArrayBuffer {
  return new SharedArrayBuffer(4 + NOTE_BYTES);
}

/** Records `reason` unless one is recorded already (the first failure is the cause). */
export function writeFailure(note: SharedArrayBuffer, reason: string): void {
  const length = new Int32Array(note, 0, 1);
  if (Atomics.load(length, 0) !== 0) {
    return;
  }
  const bytes = new TextEncoder().encode(reason).subarray(0, NOTE_BYTES);
  new Uint8Array(note, 4).set(bytes);
  Atomics.store(length, 0, Math.max(bytes.length, 1));
}

/** The recorded reason, or null. */
export function readFailure(note: SharedArrayBuffer): string | null {
  const length = Atomics.load(new Int32Array(note, 0, 1), 0);
  if (length === 0) {
    return null;
  }
  // TextDecoder refuses views of shared memory: copy first.
  const copy = new Uint8Array(note, 4, length).slice();
  return new TextDecoder().decode(copy) || 'no reason given';
}
