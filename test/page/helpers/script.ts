/** Runs test/page/fixtures/stream.ts under Node or Deno and talks to it over stdin/stdout. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlotterHandle } from 'async-plotter/protocol';
import { command, jsonLines, type Runtime } from '../../integration/runtimes';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STREAM = fileURLToPath(new URL('../fixtures/stream.ts', import.meta.url));

/** The line a script prints to stderr when it opens a plotter. */
export const PRINTED_LINE = /^Async Plotter "(.*)": live plots at (http\S+)$/m;

export interface Script {
  child: ChildProcess;
  handle: PlotterHandle;
  /** `plotter.viewerUrl` as the script sees it. */
  viewerUrl: string;
  /** Next JSON line the script prints. */
  next<T>(): Promise<T>;
  /** Starts the loop; resolves with the rows it pushed once it ended. */
  run(): Promise<number>;
  /** Lets the script close its plotter and end. */
  close(): void;
  stderr(): string;
  exited(): Promise<number | null>;
}

export interface ScriptOptions {
  runtime?: Runtime;
  /** `open()` options, plus `loopMs`, the length of the synchronous loop. */
  options?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}

const running = new Set<ChildProcess>();

/** Starts the stream fixture with plotter `title`; resolves once its plotter is open. */
export async function startScript(title: string, given: ScriptOptions = {}): Promise<Script> {
  const runtime = given.runtime ?? 'node';
  const [file, args] = command(runtime, STREAM, [title, JSON.stringify(given.options ?? {})]);
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
  return {
    child,
    handle: first.handle,
    viewerUrl: first.viewerUrl,
    next,
    run: async () => {
      child.stdin?.write('go\n');
      return (await next<{ done: { rows: number } }>()).done.rows;
    },
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
