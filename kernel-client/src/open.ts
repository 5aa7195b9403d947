/**
 * `open()`: starts a plot server on a worker thread and shows its handle. Opening a plotter
 * whose title is already open in this process (a re-run cell) closes the old one first.
 */
import { resolve as resolvePath } from 'node:path';
import { env } from 'node:process';
import { browserCommands, type BrowserOption } from './showing/browser-command.js';
import { displayHandle, updateDisplay } from './showing/display.js';
import { createFailureNote } from './stopping/failure-note.js';
import { Gate } from './stopping/gate.js';
import { heartbeat } from './stopping/heartbeat.js';
import type { FromWorker, ServerOptions } from './messages.js';
import { Plotter } from './plotter.js';
import { PROTOCOL_VERSION, type PlotterHandle } from './protocol.js';
import { ringSizes } from './recording/ring.js';
import { startWorker } from './runtime.js';
import { ScriptStop } from './stopping/script-stop.js';
import { LAUNCHER_SOCKET_ENV, StopReason } from './kernel/stop-state.js';
import { TokenFile } from './showing/token-file.js';
import { isLoopback, serverUrl, viewerUrl } from './showing/viewer-url.js';

export interface OpenOptions {
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Port; default 0 (a free port). */
  port?: number;
  /** Secret viewers must present; default 128 random bits. */
  token?: string;
  /** Most frames per second sent to each viewer; default 30. */
  rate?: number;
  /** Names the plotter; a plotter with the same title replaces this one. Default `plot`. */
  title?: string;
  /** Show the handle (notebook) or print the URL to stderr (script). Default true. */
  display?: boolean;
  /** Ask the panel to show the chart inline in the cell output too. Default false. */
  inline?: boolean;
  /** Log connections, frames, drops and errors to stderr. Default false. */
  debug?: boolean;
  /**
   * Open the viewer page in a browser: `true` for the system's browser (the `BROWSER`
   * variable, then `xdg-open` / `open` / `start`), or a command line of your choice where `%s`
   * is the page's link (appended when absent). Default false.
   */
  browser?: BrowserOption;
  /**
   * Bytes of memory the plotter's history may hold (rows, rings, decimation summaries); beyond
   * it the oldest rows move to a file in a private temporary folder, removed when the plotter
   * closes or the process exits. Every row stays exact (zooms, exports). Default 1 GiB.
   */
  memoryBudget?: number;
  /**
   * Records the run into a folder of its own under this folder (relative to the working
   * directory) as it streams: `run.json`, `charts.json` and an Arrow IPC stream file of every row
   * of each append dataset, which apache-arrow, pyarrow, polars and DuckDB read. Rows are written
   * every 250 ms off the computing thread, so a killed process loses at most that much. Default
   * false: nothing is recorded.
   */
  record?: string | false;
}

/** The default memory budget: 1 GiB. */
export const DEFAULT_MEMORY_BUDGET = 2 ** 30;
/** The smallest memory budget accepted: room for a few rings and chunks. */
const SMALLEST_MEMORY_BUDGET = 64 * 2 ** 20;

const REGISTRY = Symbol.for('async-plotter.open-plotters');
const SCRIPT_STOP = Symbol.for('async-plotter.script-stop');

function registry(): Map<string, Plotter> {
  const global = globalThis as { [REGISTRY]?: Map<string, Plotter> };
  global[REGISTRY] ??= new Map();
  return global[REGISTRY];
}

/** How a script (not a notebook kernel) ends on Ctrl-C; one per process. */
function scriptStop(): ScriptStop {
  const global = globalThis as { [SCRIPT_STOP]?: ScriptStop };
  global[SCRIPT_STOP] ??= new ScriptStop(() => registry().values());
  return global[SCRIPT_STOP];
}

export async function open(options: OpenOptions = {}): Promise<Plotter> {
  const title = options.title ?? 'plot';
  const rate = options.rate ?? 30;
  if (!(rate > 0 && rate <= 1000)) {
    throw new RangeError(`async-plotter: rate must be in (0, 1000] frames/s, got ${rate}`);
  }
  const memoryBudget = options.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  if (!(memoryBudget >= SMALLEST_MEMORY_BUDGET)) {
    throw new RangeError(
      `async-plotter: memoryBudget is in bytes and must be at least ${SMALLEST_MEMORY_BUDGET} (64 MiB), got ${memoryBudget}`
    );
  }
  const record = options.record ?? false;
  if (record !== false && (typeof record !== 'string' || record === '')) {
    throw new TypeError(
      `async-plotter: record is the folder to record runs into (a non-empty string) or false, got ${JSON.stringify(record)}`
    );
  }
  const open = registry();
  await open.get(title)?.close();
  const control = new SharedArrayBuffer(8);
  const failure = createFailureNote();
  const beat = heartbeat();
  const server: ServerOptions = {
    id: crypto.randomUUID(),
    title,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    token: options.token ?? randomToken(),
    rate,
    debug: options.debug ?? false,
    browser: browserCommands(options.browser),
    memoryBudget,
    record: record === false ? null : resolvePath(record),
    control,
    failure,
    stop: { state: beat.state, kernel: beat.kernel, launcher: launcherSocket() }
  };
  let plotter: Plotter | null = null;
  let started: (port: number) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const ready = new Promise<number>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  const link = startWorker(
    server,
    (message: FromWorker) => {
      if (message.type === 'ready') {
        started(message.port);
      } else if (message.type === 'failed') {
        failed(new Error(`async-plotter: cannot start the plot server: ${message.message}`));
      } else {
        plotter?.receive(message);
      }
    },
    error => {
      console.error(`[async-plotter "${title}"] worker error: ${error.message}`);
      failed(error);
      plotter?.failed(error.message);
    },
    exitCode => {
      failed(new Error(`async-plotter: the plot server ended before it listened (${exitCode})`));
      plotter?.failed(`its worker thread ended (exit code ${exitCode})`);
    }
  );
  let port: number;
  try {
    port = await ready;
  } catch (error) {
    await link.terminate();
    throw error;
  }
  link.hold(false);
  // Where the JupyterLab panel gets the token from, since the notebook output does not hold it.
  const tokenFile = await TokenFile.write(port, server.token);
  const handle: PlotterHandle = {
    version: PROTOCOL_VERSION,
    id: server.id,
    title,
    url: serverUrl(server.host, port),
    token: server.token,
    rate,
    inline: options.inline ?? false
  };
  const script = beat.kernel ? null : scriptStop();
  const gate = new Gate(
    control,
    title,
    beat.slots,
    reason => {
      if (reason === StopReason.CtrlC) {
        script?.throwing();
      }
    },
    failure
  );
  plotter = new Plotter(
    handle,
    gate,
    link,
    server.debug,
    { ...ringSizes(memoryBudget), everyRow: record !== false },
    closed => {
      tokenFile?.remove();
      beat.remove(closed);
      if (open.get(title) === closed) {
        open.delete(title);
      }
      script?.update(open.size);
    }
  );
  if (!isLoopback(server.host)) {
    warnReachable(title, server.host, port, server.token);
  }
  beat.add(plotter);
  open.set(title, plotter);
  script?.update(open.size);
  if (options.display ?? true) {
    try {
      if (await displayHandle(handle)) {
        // When a streaming cell ends, and once closed, the output shows the charts as a figure.
        plotter.showFigures((figure, moment) => updateDisplay(handle, figure, moment));
      }
    } catch (error) {
      await plotter.close({ timeoutMs: 0 });
      throw error;
    }
  }
  return plotter;
}

/** A server other machines can reach is guarded by nothing but its token: say so. */
function warnReachable(title: string, host: string, port: number, token: string): void {
  console.error(
    `[async-plotter "${title}"] the plot server listens on ${host}:${port}, so other machines can reach it: the token is then the only protection. Give the link only to people you trust; from another machine: ${viewerUrl(`http://<this machine>:${port}`, token)}`
  );
}

/** The kernel launcher's socket (kernel-launcher.ts), when the kernel runs under it. */
function launcherSocket(): string | null {
  return env[LAUNCHER_SOCKET_ENV] ?? null;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
}
