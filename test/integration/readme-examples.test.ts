/**
 * Every `ts` block of kernel-client/README.md runs as a script under Node and Deno, from a
 * scratch directory inside the repository where `async-plotter` resolves to the built package.
 *
 * A block passes when it exits 0 within RUN_TIMEOUT_MS, prints nothing that looks like an error
 * or a warning, and its stdout holds, in order, one line per expectation comment:
 *
 * - `// prints: <text>`: the line `<text>`; `<...>` stands for any text (`<port>`);
 * - `// throws <Name>: <message>`: the line `<Name>: <message>`, as `String(error)` prints the
 *   error the commented call throws; a message ending in `...` is a prefix.
 *
 * A block with `// not standalone: <reason>` is skipped with that reason. In Node the `npm:`
 * prefix of import specifiers is dropped, as the README says. The Node forms of the blocks also
 * type-check (strict) against the package's declarations, so that no example uses a stale API
 * the runtimes would let pass.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { command, RUNTIMES, type Runtime } from '../support/runtimes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = join(ROOT, 'kernel-client/README.md');
/** Longest a block may run (the machine may be shared and loaded). */
const RUN_TIMEOUT_MS = 45_000;
/** Scripts running at once (each is mostly runtime start-up). */
const PARALLEL = 3;
/** Output lines that betray a failure, unless an expectation comment accounts for them. */
const ERROR_TEXT = /error|exception|uncaught|warning|interrupted|panic|deprecat/i;

interface Expectation {
  comment: string;
  pattern: RegExp;
}

interface Block {
  index: number;
  line: number;
  section: string;
  code: string;
  expected: Expectation[];
  notStandalone: string | null;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line pattern from an expectation's text: `<...>` is any text, a final `...` a prefix. */
function linePattern(text: string): RegExp {
  const prefix = text.endsWith('...');
  const body = prefix ? text.slice(0, -3) : text;
  const parts = body.split(/<[^<>\s]+>/).map(escape);
  return new RegExp(`^${parts.join('.+?')}${prefix ? '' : '$'}`);
}

function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let section = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const heading = /^#{1,6} (.+)$/.exec(lines[i]);
    if (heading) {
      section = heading[1];
      continue;
    }
    if (!/^```ts\s*$/.test(lines[i])) {
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) {
      end++;
    }
    assert.ok(end < lines.length, `README line ${start}: unterminated ts block`);
    const body = lines.slice(start, end);
    const expected: Expectation[] = [];
    let notStandalone: string | null = null;
    for (const text of body) {
      const prints = /\/\/ prints: (.+)$/.exec(text);
      const throws = /\/\/ throws (\w+: .+)$/.exec(text);
      const skip = /\/\/ not standalone: (.+)$/.exec(text);
      if (prints) {
        expected.push({ comment: prints[0], pattern: linePattern(prints[1].trim()) });
      } else if (throws) {
        expected.push({ comment: throws[0], pattern: linePattern(throws[1].trim()) });
      }
      if (skip) {
        notStandalone = skip[1].trim();
      }
    }
    blocks.push({
      index: blocks.length + 1,
      line: start,
      section,
      code: body.join('\n') + '\n',
      expected,
      notStandalone
    });
    i = end;
  }
  return blocks;
}

/** The block as Node runs it: `npm:` specifiers become bare package names. */
function forNode(code: string): string {
  return code.replace(/(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])npm:/g, '$1$2');
}

/** Runs at most PARALLEL scripts at once. */
const queue: (() => void)[] = [];
let running = 0;
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) {
    await new Promise<void>(resolve => queue.push(resolve));
  }
  running++;
  try {
    return await work();
  } finally {
    running--;
    queue.shift()?.();
  }
}

/**
 * Plain output: Deno colours even a pipe when FORCE_COLOR is set (as node --test sets it).
 * Examples that open the viewer in the system's browser (`browser: true`) run `true` instead.
 */
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', BROWSER: 'true' };
delete env.FORCE_COLOR;

/** Output without terminal colour codes, in case a runtime adds them anyway. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function runScript(runtime: Runtime, script: string, cwd: string): Promise<Run> {
  const [file, args] = command(runtime, script, []);
  return runCommand(file, args, cwd);
}

function runCommand(file: string, args: string[], cwd: string): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', chunk => (stdout += String(chunk)));
    child.stderr.on('data', chunk => (stderr += String(chunk)));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, RUN_TIMEOUT_MS);
    child.on('error', error => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        timedOut,
        stdout: plain(stdout),
        stderr: plain(stderr),
        ms: Date.now() - started
      });
    });
  });
}

function report(block: Block, runtime: Runtime, run: Run): string {
  return [
    `README block ${block.index} (line ${block.line}, "${block.section}") under ${runtime}:`,
    `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.timedOut ? ', timed out' : ''} after ${run.ms} ms`,
    `--- stdout\n${run.stdout}--- stderr\n${run.stderr}---`
  ].join('\n');
}

/** Checks one run against the block's comments; returns the problems found. */
function problems(block: Block, run: Run): string[] {
  const found: string[] = [];
  if (run.timedOut) {
    found.push(`did not end within ${RUN_TIMEOUT_MS} ms`);
  } else if (run.code !== 0) {
    found.push(`exited with ${run.code ?? run.signal}`);
  }
  const lines = run.stdout.split('\n').map(text => text.trimEnd());
  const accounted = new Set<number>();
  let next = 0;
  for (const expectation of block.expected) {
    let at = next;
    while (at < lines.length && !expectation.pattern.test(lines[at])) {
      at++;
    }
    if (at === lines.length) {
      found.push(`no stdout line (in order) for \`${expectation.comment}\``);
      continue;
    }
    accounted.add(at);
    next = at + 1;
  }
  lines.forEach((text, at) => {
    if (!accounted.has(at) && ERROR_TEXT.test(text)) {
      found.push(`stdout line ${at + 1} looks like an error: ${text}`);
    }
  });
  for (const text of run.stderr.split('\n')) {
    if (ERROR_TEXT.test(text)) {
      found.push(`stderr looks like an error: ${text}`);
    }
  }
  return found;
}

const markdown = await readFile(README, 'utf8');
const blocks = parseBlocks(markdown);
const scratch = join(ROOT, '.scratch');
await mkdir(scratch, { recursive: true });
const dir = await mkdtemp(join(scratch, 'readme-examples-'));
// `type: module` lets tsx run the blocks' top-level await; Deno resolves through the root.
await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
let failed = false;
after(async () => {
  if (!failed) {
    await rm(dir, { recursive: true, force: true });
  } else {
    console.log(`README example scripts kept in ${dir}`);
  }
});

/** The Node forms of the blocks are type-checked by tsc against the built declarations. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'ESNext.Disposable', 'DOM'],
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    strict: true,
    noEmit: true,
    skipLibCheck: true
  },
  include: ['block-*-node.ts']
};
const script = (block: Block, runtime: Runtime): string =>
  join(dir, `block-${block.index}-${runtime}.ts`);
await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2) + '\n');
for (const block of blocks) {
  for (const runtime of RUNTIMES) {
    await writeFile(script(block, runtime), runtime === 'node' ? forNode(block.code) : block.code);
  }
}

/** Every runnable block under every runtime, started at once and throttled by `slot`. */
const runs = new Map<string, Promise<Run>>();
for (const block of blocks) {
  if (block.notStandalone !== null) {
    continue;
  }
  for (const runtime of RUNTIMES) {
    const run = slot(() => runScript(runtime, script(block, runtime), dir));
    run.catch(() => undefined); // awaited by the test below
    runs.set(`${block.index}/${runtime}`, run);
  }
}
const tsc = join(ROOT, 'node_modules/.bin/tsc');
const typeCheck = slot(() => runCommand(tsc, ['-p', join(dir, 'tsconfig.json')], dir));
typeCheck.catch(() => undefined);

test('kernel-client/README.md has TypeScript examples', () => {
  assert.ok(blocks.length > 0, 'no ```ts block found');
  for (const block of blocks) {
    assert.match(
      block.code,
      /from ['"]npm:async-plotter['"]/,
      `block ${block.index} (line ${block.line}) does not import npm:async-plotter`
    );
  }
});

for (const block of blocks) {
  const name = `README block ${block.index} (line ${block.line}, ${block.section})`;
  if (block.notStandalone !== null) {
    const reason = `not standalone: ${block.notStandalone}`;
    test(name, { skip: reason }, () => undefined);
    console.log(`${name} skipped: ${reason}`);
    continue;
  }
  for (const runtime of RUNTIMES) {
    test(`${name} under ${runtime}`, async () => {
      const run = await (runs.get(`${block.index}/${runtime}`) as Promise<Run>);
      const found = problems(block, run);
      if (found.length > 0) {
        failed = true;
      }
      assert.deepEqual(found, [], report(block, runtime, run));
    });
  }
}

test('README examples type-check (their Node form, strict)', async () => {
  const run = await typeCheck;
  if (run.code !== 0) {
    failed = true;
  }
  assert.equal(run.code, 0, `tsc:\n${run.stdout}${run.stderr}`);
});
