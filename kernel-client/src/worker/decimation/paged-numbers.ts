/**
 * A growing list of numbers stored in fixed-size typed-array pages, addressed by an absolute
 * index that never shifts: dropping the front (a dataset's window moving on) frees whole pages
 * without copying the rest.
 */
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

type PageArray = Float64Array | Uint32Array;

export class PagedNumbers<T extends PageArray = Float64Array> {
  private pages: (T | null)[] = [];
  /** Index of the first page still held. */
  private firstPage = 0;
  /** Number of values ever pushed (the next index). */
  length = 0;

  constructor(private readonly createPage: (size: number) => T) {}

  push(value: number): void {
    const page = this.length >>> PAGE_BITS;
    if (page - this.firstPage >= this.pages.length) {
      this.pages.push(this.createPage(PAGE_SIZE));
    }
    (this.pages[page - this.firstPage] as T)[this.length & PAGE_MASK] = value;
    this.length++;
  }

  /** The value at `index` (which must be pushed and not dropped). */
  get(index: number): number {
    return (this.pages[(index >>> PAGE_BITS) - this.firstPage] as T)[index & PAGE_MASK];
  }

  set(index: number, value: number): void {
    (this.pages[(index >>> PAGE_BITS) - this.firstPage] as T)[index & PAGE_MASK] = value;
  }

  /** Frees the pages holding only indexes below `index`; later indexes are unchanged. */
  dropBefore(index: number): void {
    const page = Math.min(index, this.length) >>> PAGE_BITS;
    if (page > this.firstPage) {
      this.pages.splice(0, page - this.firstPage);
      this.firstPage = page;
    }
  }

  /** Bytes of the pages held. */
  byteSize(): number {
    return this.pages.reduce((sum, page) => sum + (page?.byteLength ?? 0), 0);
  }
}

export const float64Pages = (): PagedNumbers<Float64Array> =>
  new PagedNumbers(size => new Float64Array(size));

export const uint32Pages = (): PagedNumbers<Uint32Array> =>
  new PagedNumbers(size => new Uint32Array(size));
