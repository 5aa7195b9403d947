/**
 * The figure a notebook save writes into a plotter's output, beside the handle that
 * reconnects it, and how it is read back:
 * - `image/png`, for GitHub and nbviewer (its size under `metadata['image/png']`);
 * - the static Vega-Lite spec with the rows the cards drew, for JupyterLab's own renderer;
 * - `text/html` showing the picture, which nbconvert prefers, and `text/plain`;
 * - what the figure holds under `metadata[HANDLE_MIME_TYPE].figure` (`SavedFigureInfo`).
 */
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import { VEGA_LITE_MIME_TYPE } from 'async-plotter/figure';
import type { CachedFigure } from './figure-cache';

/** The version of the saved form this viewer writes and reads. */
export const SAVED_FIGURE_VERSION = 1;

export const PNG_MIME_TYPE = 'image/png';

/** What a saved figure holds, kept in the output's metadata. */
export interface SavedFigureInfo {
  version: number;
  /** When the notebook was saved, and when the figure's rows were taken (ISO 8601). */
  savedAt: string;
  takenAt: string;
  /** Rows of the data the charts stand for. */
  rows: number;
  charts: string[];
  /** Charts not in the figure (fields), by name. */
  leftOut: string[];
}

/** A saved figure as read back from an output. */
export type SavedFigure =
  | { kind: 'none' }
  | { kind: 'figure'; info: SavedFigureInfo; png: string | null; width: number; height: number }
  | { kind: 'unreadable'; reason: string };

type Bundle = Record<string, unknown>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** 'Async Plotter "loss", saved 2026-12-08 14:02 UTC: 2 charts, 1,200 rows'. */
function caption(title: string, savedAt: Date, note: string): string {
  const when = savedAt.toISOString().slice(0, 16).replace('T', ' ');
  return `Async Plotter "${title}", saved ${when} UTC: ${note}`;
}

/**
 * `data` and `metadata` of a handle output with `cached` written in; the handle itself, and
 * any metadata not this viewer's, are kept.
 */
export function withSavedFigure(
  data: Bundle,
  metadata: Bundle,
  title: string,
  cached: CachedFigure,
  savedAt: Date
): { data: Bundle; metadata: Bundle } {
  const { figure, image } = cached;
  const text = caption(title, savedAt, figure.note);
  const info: SavedFigureInfo = {
    version: SAVED_FIGURE_VERSION,
    savedAt: savedAt.toISOString(),
    takenAt: new Date(figure.takenAt).toISOString(),
    rows: figure.rows,
    charts: figure.charts,
    leftOut: figure.leftOut
  };
  const next: Bundle = { [HANDLE_MIME_TYPE]: data[HANDLE_MIME_TYPE] };
  const nextMetadata: Bundle = { ...metadata, [HANDLE_MIME_TYPE]: { figure: info } };
  delete nextMetadata[PNG_MIME_TYPE];
  if (image !== null) {
    next[PNG_MIME_TYPE] = image.base64;
    nextMetadata[PNG_MIME_TYPE] = { width: image.width, height: image.height };
  }
  if (figure.spec !== null) {
    next[VEGA_LITE_MIME_TYPE] = figure.spec;
  }
  const picture =
    image === null
      ? ''
      : `<img src="data:image/png;base64,${image.base64}" width="${image.width}" height="${image.height}" alt="${escapeHtml(text)}">`;
  next['text/html'] =
    `<figure class="async-plotter-saved">${picture}<figcaption>${escapeHtml(text)}</figcaption></figure>`;
  next['text/plain'] = text;
  return { data: next, metadata: nextMetadata };
}

function isInfo(value: unknown): value is SavedFigureInfo {
  const info = value as Partial<SavedFigureInfo> | null;
  return (
    typeof info === 'object' &&
    info !== null &&
    typeof info.savedAt === 'string' &&
    !Number.isNaN(Date.parse(info.savedAt)) &&
    typeof info.takenAt === 'string' &&
    typeof info.rows === 'number' &&
    Array.isArray(info.charts) &&
    Array.isArray(info.leftOut)
  );
}

/** The saved figure of a handle output, if it has one. */
export function readSavedFigure(data: Bundle, metadata: Bundle): SavedFigure {
  const png = data[PNG_MIME_TYPE];
  const info = (metadata[HANDLE_MIME_TYPE] as { figure?: unknown } | undefined)?.figure;
  if (png === undefined && info === undefined) {
    return { kind: 'none' };
  }
  const version = (info as { version?: unknown } | undefined)?.version;
  if (version !== SAVED_FIGURE_VERSION) {
    return {
      kind: 'unreadable',
      reason:
        typeof version === 'number'
          ? `written by another version of the extension (figure version ${version})`
          : 'its description is missing'
    };
  }
  if (!isInfo(info)) {
    return { kind: 'unreadable', reason: 'its description is malformed' };
  }
  if (png !== undefined && (typeof png !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(png))) {
    return { kind: 'unreadable', reason: 'its picture is not a PNG in base64' };
  }
  const size = metadata[PNG_MIME_TYPE] as { width?: unknown; height?: unknown } | undefined;
  const width = typeof size?.width === 'number' ? size.width : 0;
  const height = typeof size?.height === 'number' ? size.height : 0;
  return { kind: 'figure', info, png: png?.replace(/\s/g, '') ?? null, width, height };
}
