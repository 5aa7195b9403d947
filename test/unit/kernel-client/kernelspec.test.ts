/** async-plotter-kernelspec install/repair/uninstall against a temporary JUPYTER_DATA_DIR. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(
  new URL('../../../kernel-client/bin/async-plotter-kernelspec.js', import.meta.url)
);

interface Spec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: string;
  env?: Record<string, string>;
  metadata?: Record<string, unknown>;
}

function run(dataDir: string, ...args: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, JUPYTER_DATA_DIR: dataDir },
    encoding: 'utf8'
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

function withDataDir(body: (dataDir: string) => void): void {
  const dataDir = mkdtempSync(join(tmpdir(), 'kernelspec-test-'));
  try {
    body(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const readSpec = (dataDir: string): Spec =>
  JSON.parse(readFileSync(join(dataDir, 'kernels', 'deno', 'kernel.json'), 'utf8')) as Spec;

test('install writes a launcher kernelspec into JUPYTER_DATA_DIR', () =>
  withDataDir(dataDir => {
    const result = run(dataDir, 'install', '--deno', '/opt/deno/bin/deno', '--env', 'A=1');
    assert.equal(result.status, 0, result.out);
    assert.match(result.out, /installed/);
    const dir = join(dataDir, 'kernels', 'deno');
    const spec = readSpec(dataDir);
    assert.equal(spec.interrupt_mode, 'signal');
    assert.deepEqual(spec.argv, [
      '/opt/deno/bin/deno',
      'run',
      '--allow-all',
      '--no-config',
      '--no-lock',
      join(dir, 'kernel-launcher.js'),
      '{connection_file}'
    ]);
    assert.equal(spec.display_name, 'Deno');
    assert.equal(spec.language, 'typescript');
    assert.deepEqual(spec.env, { A: '1' });
    for (const file of ['kernel-launcher.js', 'jupyter-control.js', 'stop-state.js']) {
      assert.ok(existsSync(join(dir, file)), file);
    }
  }));

test('install repairs a stock Deno kernelspec and keeps its logos and names', () =>
  withDataDir(dataDir => {
    const dir = join(dataDir, 'kernels', 'deno');
    mkdirSync(dir, { recursive: true });
    const stock = {
      argv: ['/usr/bin/deno', 'jupyter', '--kernel', '--conn', '{connection_file}'],
      display_name: 'Deno (stock)',
      language: 'typescript',
      env: { NO_COLOR: '1' }
    };
    writeFileSync(join(dir, 'kernel.json'), JSON.stringify(stock));
    writeFileSync(join(dir, 'logo-64x64.png'), 'png');
    const result = run(dataDir, 'install', '--deno', '/usr/bin/deno');
    assert.equal(result.status, 0, result.out);
    assert.match(result.out, /repaired/);
    const spec = readSpec(dataDir);
    assert.equal(spec.interrupt_mode, 'signal');
    assert.equal(spec.argv[0], '/usr/bin/deno');
    assert.equal(spec.argv[5], join(dir, 'kernel-launcher.js'));
    assert.equal(spec.display_name, 'Deno (stock)');
    assert.deepEqual(spec.env, { NO_COLOR: '1' });
    assert.equal(readFileSync(join(dir, 'logo-64x64.png'), 'utf8'), 'png');
    // Installing again is idempotent.
    assert.equal(run(dataDir, 'install', '--deno', '/usr/bin/deno').status, 0);
    assert.deepEqual(readSpec(dataDir), spec);
  }));

test('uninstall removes its kernelspec and refuses a foreign one', () =>
  withDataDir(dataDir => {
    const dir = join(dataDir, 'kernels', 'deno');
    assert.equal(run(dataDir, 'install', '--deno', '/usr/bin/deno').status, 0);
    const removed = run(dataDir, 'uninstall');
    assert.equal(removed.status, 0, removed.out);
    assert.equal(existsSync(dir), false);
    assert.match(run(dataDir, 'uninstall').out, /no kernelspec/);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kernel.json'), JSON.stringify({ argv: ['deno'], display_name: 'x' }));
    const refused = run(dataDir, 'uninstall');
    assert.equal(refused.status, 1);
    assert.match(refused.out, /not installed by async-plotter/);
    assert.equal(existsSync(join(dir, 'kernel.json')), true);
  }));

test('without JUPYTER_DATA_DIR it installs under XDG_DATA_HOME/jupyter (Linux)', () =>
  withDataDir(home => {
    if (process.platform !== 'linux') {
      return;
    }
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: home };
    delete env.JUPYTER_DATA_DIR;
    execFileSync(process.execPath, [BIN, 'install', '--deno', '/usr/bin/deno'], { env });
    assert.ok(existsSync(join(home, 'jupyter', 'kernels', 'deno', 'kernel.json')));
  }));

test('the CLI runs under Deno too (deno run -A .../kernelspec-cli.js)', () =>
  withDataDir(dataDir => {
    const deno = fileURLToPath(new URL('../../../node_modules/.bin/deno', import.meta.url));
    const cli = fileURLToPath(
      new URL('../../../kernel-client/lib/kernel/kernelspec-cli.js', import.meta.url)
    );
    const out = execFileSync(deno, ['run', '-A', '--no-config', cli, 'install'], {
      env: { ...process.env, JUPYTER_DATA_DIR: dataDir },
      encoding: 'utf8'
    });
    assert.match(out, /installed/);
    // Under Deno the running Deno is the kernel's Deno.
    assert.match(readSpec(dataDir).argv[0], /deno$/);
  }));
