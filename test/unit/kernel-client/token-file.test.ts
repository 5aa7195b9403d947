/**
 * Where the token is kept instead of the notebook: Jupyter's runtime directory (jupyter_core's
 * rules), a file per plotter, owner-only, removed when the plotter closes; a directory that
 * cannot be written gives one warning and no file, never an error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jupyterRuntimeDir } from '../../../kernel-client/src/showing/runtime-dir.ts';
import { TokenFile, tokenFileName } from '../../../kernel-client/src/showing/token-file.ts';

const scratch = mkdtempSync(join(tmpdir(), 'token-file-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("the runtime directory follows jupyter_core's jupyter_runtime_dir()", () => {
  const home = (): string => '/home/ada';
  assert.equal(
    jupyterRuntimeDir({ JUPYTER_RUNTIME_DIR: '/r', JUPYTER_DATA_DIR: '/d' }, 'linux', home),
    '/r'
  );
  assert.equal(
    jupyterRuntimeDir({ JUPYTER_DATA_DIR: '/d', XDG_DATA_HOME: '/x' }, 'linux', home),
    '/d/runtime'
  );
  assert.equal(jupyterRuntimeDir({ XDG_DATA_HOME: '/x' }, 'linux', home), '/x/jupyter/runtime');
  assert.equal(
    jupyterRuntimeDir({ XDG_DATA_HOME: '' }, 'linux', home),
    '/home/ada/.local/share/jupyter/runtime'
  );
  assert.equal(jupyterRuntimeDir({}, 'darwin', home), '/home/ada/Library/Jupyter/runtime');
});

test('a file per plotter, created owner-only, holding the port and token, removed on close', async () => {
  const dir = join(scratch, 'runtime');
  process.env.JUPYTER_RUNTIME_DIR = dir;
  const previous = process.umask(0); // the mode must not depend on a kind umask
  let file: TokenFile | null;
  try {
    file = await TokenFile.write(40123, 'secret-token');
  } finally {
    process.umask(previous);
  }
  assert.ok(file);
  assert.equal(file.path, join(dir, tokenFileName(40123)));
  assert.equal(tokenFileName(40123), 'async-plotter-40123.json');
  assert.equal(statSync(file.path).mode & 0o777, 0o600);
  assert.equal(statSync(dir).mode & 0o777, 0o700, 'a directory it creates is private too');
  const content = JSON.parse(readFileSync(file.path, 'utf8')) as Record<string, unknown>;
  assert.deepEqual(content, {
    port: 40123,
    token: 'secret-token',
    pid: process.pid,
    host: hostname()
  });
  assert.deepEqual(readdirSync(dir), ['async-plotter-40123.json'], 'no temporary file left');
  file.remove();
  file.remove();
  assert.deepEqual(readdirSync(dir), []);
});

test('files left by killed processes of this machine are removed, no others', async () => {
  const dir = join(scratch, 'stale');
  mkdirSync(dir, { recursive: true });
  process.env.JUPYTER_RUNTIME_DIR = dir;
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const deadPid = Number(String(dead.stdout));
  const write = (port: number, content: object): void =>
    writeFileSync(join(dir, tokenFileName(port)), JSON.stringify(content), { mode: 0o600 });
  write(40124, { port: 40124, token: 'old', pid: deadPid, host: hostname() }); // same port: replaced
  write(40130, { port: 40130, token: 'old', pid: deadPid, host: hostname() }); // stale
  write(40131, { port: 40131, token: 'x', pid: deadPid, host: 'another-machine' });
  write(40132, { port: 40132, token: 'x', pid: process.ppid, host: hostname() }); // alive
  writeFileSync(join(dir, 'async-plotter-40133.json'), 'not json', { mode: 0o600 });
  writeFileSync(join(dir, 'kernel-1.json'), JSON.stringify({ pid: deadPid, host: hostname() }));
  const file = await TokenFile.write(40124, 'new');
  assert.ok(file);
  assert.equal((JSON.parse(readFileSync(file.path, 'utf8')) as { token: string }).token, 'new');
  assert.deepEqual(readdirSync(dir).sort(), [
    'async-plotter-40124.json',
    'async-plotter-40131.json',
    'async-plotter-40132.json',
    'async-plotter-40133.json',
    'kernel-1.json'
  ]);
  file.remove();
});

test('a runtime directory that cannot be made gives one warning, no file and no error', async () => {
  const blocker = join(scratch, 'a-file');
  writeFileSync(blocker, '');
  process.env.JUPYTER_RUNTIME_DIR = join(blocker, 'runtime');
  const warnings: string[] = [];
  const warn = console.error;
  console.error = (message: string) => warnings.push(message);
  try {
    assert.equal(await TokenFile.write(40125, 'tok-40125'), null);
    assert.equal(await TokenFile.write(40126, 'tok-40126'), null);
  } finally {
    console.error = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /cannot keep the plotter's token in Jupyter's runtime directory/);
  assert.doesNotMatch(warnings[0], /tok-/, 'no token in the warning');
});
