import { PROTOCOL_VERSION } from 'async-plotter/protocol';
import type { PlotterHandle } from 'async-plotter/protocol';

/** Why a handle cannot be followed. */
export class HandleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandleError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check the data of a handle MIME bundle; throws a `HandleError` saying what is wrong. */
export function parseHandle(data: unknown): PlotterHandle {
  if (!isRecord(data)) {
    throw new HandleError('The plotter handle is not an object.');
  }
  const { version, id, title, url, token, rate, inline } = data;
  if (version !== PROTOCOL_VERSION) {
    throw new HandleError(
      `The plotter speaks protocol version ${String(version)}, this panel version ${PROTOCOL_VERSION}: update the async-plotter package or the JupyterLab extension so they match.`
    );
  }
  if (typeof id !== 'string' || typeof url !== 'string') {
    throw new HandleError('The plotter handle lacks its id or url.');
  }
  if (token !== undefined && typeof token !== 'string') {
    throw new HandleError('The plotter handle has a token that is not text.');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HandleError(`The plotter URL "${url}" is not a valid URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new HandleError(`The plotter URL "${url}" must use http or https.`);
  }
  return {
    version,
    id,
    title: typeof title === 'string' && title ? title : id,
    url,
    // A notebook's handle has none (protocol.ts, DisplayedHandle): the panel asks for it.
    token: token ?? '',
    rate: typeof rate === 'number' ? rate : 0,
    inline: inline === true
  };
}

/** A handle for a plotter reached by URL and token (started outside any notebook here). */
export function manualHandle(url: string, token: string, title?: string): PlotterHandle {
  return parseHandle({
    version: PROTOCOL_VERSION,
    id: `${url}#${token.slice(0, 8)}`,
    title: title || url,
    url,
    token,
    rate: 0,
    inline: false
  });
}
