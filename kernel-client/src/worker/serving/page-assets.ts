/**
 * The viewer page's files, built into the package as one generated module
 * (`viewer/assets.js`, written by the page build): loaded on the first request and kept in
 * memory. A module rather than files read from disk because Deno lets a package load its own
 * modules without `--allow-read`. Gzip copies are made once, off the worker's thread.
 */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export interface PageAsset {
  /** The Content-Type header. */
  type: string;
  body: Buffer;
  /** The body gzipped, made on first use. */
  gzipped: Promise<Buffer> | null;
}

/** The files the page is made of, by name; nothing else is ever served. */
export const PAGE_FILES = ['index.html', 'viewer.js', 'viewer.css', 'favicon.svg'] as const;
export type PageFile = (typeof PAGE_FILES)[number];

const ASSETS_MODULE = new URL('../../../viewer/assets.js', import.meta.url);

const compress = promisify(gzip);

let loading: Promise<Map<PageFile, PageAsset> | null> | null = null;

/** The page's files, or null when the package was built without them. */
export function pageAssets(): Promise<Map<PageFile, PageAsset> | null> {
  loading ??= load();
  return loading;
}

/** The gzipped body of `asset`, compressed once. */
export function gzipped(asset: PageAsset): Promise<Buffer> {
  asset.gzipped ??= compress(asset.body);
  return asset.gzipped;
}

async function load(): Promise<Map<PageFile, PageAsset> | null> {
  let module: { assets?: unknown };
  try {
    module = (await import(ASSETS_MODULE.href)) as { assets?: unknown };
  } catch {
    return null;
  }
  const found = new Map<PageFile, PageAsset>();
  const assets = (module.assets ?? {}) as Record<string, { type?: unknown; body?: unknown }>;
  for (const name of PAGE_FILES) {
    const asset = assets[name];
    if (typeof asset?.type !== 'string' || typeof asset.body !== 'string') {
      return null;
    }
    found.set(name, { type: asset.type, body: Buffer.from(asset.body, 'utf8'), gzipped: null });
  }
  return found;
}
