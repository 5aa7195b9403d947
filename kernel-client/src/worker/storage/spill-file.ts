/**
 * Rows the worker moved out of memory to stay within its memory budget: appended to a file of
 * the dataset's own in the plotter's private temporary folder, read back a page at a time
 * through a small cache (a zoom into old history, an export). Removed when the plotter closes.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Pages kept read back at a time, per file. */
const CACHED_PAGES = 256;

export class SpillFile {
  private readonly fd: number;
  private size = 0;
  private readonly cache = new Map<number, Float64Array>();

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w+', 0o600);
  }

  /** Bytes written. */
  get byteSize(): number {
    return this.size;
  }

  /** Appends the values; returns their byte offset in the file. */
  append(values: Float64Array): number {
    const offset = this.size;
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    let written = 0;
    while (written < bytes.byteLength) {
      written += writeSync(this.fd, bytes, written, bytes.byteLength - written, offset + written);
    }
    this.size += bytes.byteLength;
    return offset;
  }

  /** `length` values from byte offset `offset` (a page: read once, then from the cache). */
  read(offset: number, length: number): Float64Array {
    const cached = this.cache.get(offset);
    if (cached !== undefined && cached.length >= length) {
      this.cache.delete(offset);
      this.cache.set(offset, cached); // most recently used last
      return cached;
    }
    const values = this.readRange(offset, length);
    this.cache.set(offset, values);
    if (this.cache.size > CACHED_PAGES) {
      this.cache.delete(this.cache.keys().next().value as number);
    }
    return values;
  }

  /** `length` values from byte offset `offset`, read now (not cached). */
  readRange(offset: number, length: number): Float64Array {
    const values = new Float64Array(length);
    const bytes = new Uint8Array(values.buffer);
    let done = 0;
    while (done < bytes.byteLength) {
      const read = readSync(this.fd, bytes, done, bytes.byteLength - done, offset + done);
      if (read === 0) {
        throw new Error(`async-plotter: the history file ${this.path} ended early`);
      }
      done += read;
    }
    return values;
  }

  close(): void {
    this.cache.clear();
    closeSync(this.fd);
  }
}

/** The plotter's private temporary folder of spill files, made on first use. */
export class SpillFolder {
  private path: string | null = null;
  private readonly files: SpillFile[] = [];

  /** @param onCreated - told the folder's path when it is made (to remove it at exit). */
  constructor(private readonly onCreated: (path: string) => void = () => undefined) {}

  /** The folder, if made. */
  get location(): string | null {
    return this.path;
  }

  /** A new spill file named after `name`. */
  file(name: string): SpillFile {
    if (this.path === null) {
      this.path = mkdtempSync(join(tmpdir(), 'async-plotter-'));
      this.onCreated(this.path);
    }
    const file = new SpillFile(join(this.path, `${name.replace(/[^\w-]/g, '_')}.f64`));
    this.files.push(file);
    return file;
  }

  /** Closes and deletes every file and the folder. */
  remove(): void {
    for (const file of this.files.splice(0)) {
      try {
        file.close();
      } catch {
        // already closed
      }
    }
    if (this.path !== null) {
      rmSync(this.path, { recursive: true, force: true });
      this.path = null;
    }
  }
}
