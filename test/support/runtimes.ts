/**
 * Starting test fixtures (scripts that open a plotter) under Node or Deno and talking to them
 * over stdin/stdout, for the node tests (test/integration) and the page tests' stream script
 * (stream-script.ts). `command` is how a script runs under each runtime, `startFixture` starts
 * one that prints `{ handle }` first, `startScenario` one scenario of
 * test/integration/fixtures/scenario.ts, and `jsonLines` reads what a child prints, a JSON line
 * a call. Node modules only, no Playwright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import type { PlotterHandle } from 'async-plotter/protocol';
import { ROOT } from './repo-root.ts';

export type Runtime = 'deno' | 'node';
export const RUNTIMES: Runtime[] = ['node', 'deno'];

const SCENARIO = `${ROOT}test/integration/fixtures/scenario.ts`;

export interface Fixture {
  child: ChildProcess;
  handle: PlotterHandle;
  /** Next JSON line printed by the fixture. */
  next<T>(): Promise<T>;
  go(): void;
  exited(): Promise<number | null>;
  stderr(): string;
}

export function command(runtime: Runtime, script: string, args: string[]): [string, string[]] {
  return runtime === 'deno'
    ? [`${ROOT}node_modules/.bin/deno`, ['run', '-A', script, ...args]]
    : [process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args]];
}

export function startScenario(runtime: Runtime, scenario: string): Promise<Fixture> {
  return startFixture(runtime, SCENARIO, [scenario], scenario);
}

/** Runs the fixture `script` (which prints `{handle}` first) under `runtime`. */
export async function startFixture(
  runtime: Runtime,
  script: string,
  scriptArgs: string[],
  name: string
): Promise<Fixture> {
  const [file, args] = command(runtime, script, scriptArgs);
  const child = spawn(file, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', chunk => (errors += String(chunk)));
  const exit = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const next = jsonLines(
    child,
    exit,
    () => `${runtime} ${name}`,
    () => errors
  );
  const first = await next<{ handle: PlotterHandle }>();
  return {
    child,
    handle: first.handle,
    next,
    go: () => child.stdin?.write('go\n'),
    exited: () => exit,
    stderr: () => errors
  };
}

/**
 * Reads the JSON lines a child prints, one per call of the returned function; rejects when the
 * child exits first, with `name()` and its stderr.
 */
export function jsonLines(
  child: ChildProcess,
  exit: Promise<number | null>,
  name: () => string,
  stderr: () => string
): <T>() => Promise<T> {
  const lines: Interface = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', line => {
    const waiter = waiting.shift();
    if (waiter) {
      waiter(line);
    } else {
      queue.push(line);
    }
  });
  return <T>() =>
    new Promise<T>((resolve, reject) => {
      const line = queue.shift();
      if (line !== undefined) {
        resolve(JSON.parse(line) as T);
        return;
      }
      waiting.push(text => resolve(JSON.parse(text) as T));
      void exit.then(code => reject(new Error(`${name()} exited (${code}): ${stderr()}`)));
    });
}
