import type { PlotterHandle } from 'async-plotter/protocol';

/**
 * Whether a handle in a cell output may be followed without the person's say: JupyterLab's
 * trust model for outputs (an output from a notebook opened from disk is untrusted until the
 * person trusts the notebook; outputs this session's kernels produce are trusted), and never a
 * host other than this machine without an explicit click.
 */
export type Consent =
  /** Follow it now. */
  | 'granted'
  /** A saved output of an untrusted notebook: someone else's, or one not signed here. */
  | 'untrusted'
  /** The plot server is not on this machine: a connection tells that host the page is open. */
  | 'remote';

/** Whether `url` names this machine (loopback addresses and `localhost`). */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function consentFor(handle: PlotterHandle, trusted: boolean): Consent {
  if (!trusted) {
    return 'untrusted';
  }
  return isLoopbackUrl(handle.url) ? 'granted' : 'remote';
}
