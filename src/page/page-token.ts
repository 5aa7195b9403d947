/**
 * The plotter's token as the page receives it: in its address (`?token=…`, as the script
 * prints it), taken out of the address bar at once, and kept for this tab so that a reload
 * still works (sessionStorage: per tab, gone when the tab closes).
 */

const STORAGE_KEY = 'async-plotter.token';

/** The token of this page; empty when it was given none. */
export function takeToken(location: Location, history: History, storage: Storage | null): string {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (given !== null) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    if (given) {
      store(storage, given);
    }
    return given;
  }
  return read(storage) ?? '';
}

function store(storage: Storage | null, token: string): void {
  try {
    storage?.setItem(STORAGE_KEY, token);
  } catch {
    // storage disabled: a reload will ask for the link again
  }
}

function read(storage: Storage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
