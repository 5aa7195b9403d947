/**
 * The one launcher of the page fixtures' scripts (test/page/fixtures: stream.ts, one chart;
 * dashboard.ts, many) under Node or Deno, for the page tests and the page benchmarks.
 * `startScript` resolves once the script has opened its plotter, with its handle and the viewer
 * link it printed; the script's loop starts on `run`, and `killScripts` ends every script still
 * running after a test. Node modules only, no Playwright. An ES module whose imports are TypeScript files: the
 * JupyterLab tests (CommonJS) cannot load it in a run beside the page tests, which compile it
 * first as an ES module, so they start the fixtures themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { PlotterHandle } from 'async-plotter/protocol';
import { ROOT } from './repo-root.ts';
import { command, jsonLines, type Runtime } from './runtimes.ts';

const FIXTURES = `${ROOT}test/page/fixtures/`;

/**
 * Jupyter's runtime directory of the JupyterLab tests' host: a script given it as
 * `JUPYTER_RUNTIME_DIR` is one of the same user beside the host's Jupyter server, its plotter
 * keeping its token where that server looks (host/async_plotter_host/scratch.py).
 */
export const HOST_RUNTIME_DIR = `${ROOT}.scratch/jupyter/runtime`;

/** The line a script prints to stderr when it opens a plotter. */
export const PRINTED_LINE = /^Async Plotter "(.*)": live plots at (http\S+)$/m;

export interface Script<Done extends { rows: number } = { rows: number }> {
  child: ChildProcess;
  handle: PlotterHandle;
  /** `plotter.viewerUrl` as the script sees it. */
  viewerUrl: string;
  /** Next JSON line the script prints. */
  next<T>(): Promise<T>;
  /** Starts the loop; resolves with the rows it pushed once it ended. */
  run(): Promise<number>;
  /** Starts the loop; resolves with all the script says of it once it ended. */
  runFully(): Promise<Done>;
  /** Lets the script close its plotter and end. */
  close(): void;
  stderr(): string;
  exited(): Promise<number | null>;
}

export interface ScriptOptions {
  runtime?: Runtime;
  /** The script in test/page/fixtures; default `stream.ts`. */
  fixture?: string;
  /** `open()` options, plus the fixture's own (`loopMs`, the length of the synchronous loop). */
  options?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

const running = new Set<ChildProcess>();

/** Starts a fixture (stream.ts unless told) with plotter `title`; resolves once it is open. */
export async function startScript<Done extends { rows: number } = { rows: number }>(
  title: string,
  given: ScriptOptions = {}
): Promise<Script<Done>> {
  const runtime = given.runtime ?? 'node';
  const script = FIXTURES + (given.fixture ?? 'stream.ts');
  const [file, args] = command(runtime, script, [title, JSON.stringify(given.options ?? {})]);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...given.env };
  delete env.FORCE_COLOR;
  const child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env });
  running.add(child);
  let errors = '';
  child.stderr?.on('data', chunk => (errors += String(chunk)));
  const exit = new Promise<number | null>(resolve =>
    child.on('exit', code => {
      running.delete(child);
      resolve(code);
    })
  );
  const next = jsonLines(
    child,
    exit,
    () => `${runtime} ${title}`,
    () => errors
  );
  const first = await next<{ handle: PlotterHandle; viewerUrl: string }>();
  const runFully = async (): Promise<Done> => {
    child.stdin?.write('go\n');
    return (await next<{ done: Done }>()).done;
  };
  return {
    child,
    handle: first.handle,
    viewerUrl: first.viewerUrl,
    next,
    run: async () => (await runFully()).rows,
    runFully,
    close: () => child.stdin?.end('close\n'),
    stderr: () => errors,
    exited: () => exit
  };
}

/** Ends every script still running (after each test). */
export function killScripts(): void {
  for (const child of running) {
    child.kill('SIGKILL');
  }
  running.clear();
}
