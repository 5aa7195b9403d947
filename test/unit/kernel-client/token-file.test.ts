/**
 * Where the token is kept instead of the notebook: Jupyter's runtime directory (jupyter_core's
 * rules), a file per plotter, owner-only, removed when the plotter closes; a directory that
 * cannot be written gives one warning and no file, never an error.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  assert.deepEqual(content, { port: 40123, token: 'secret-token', pid: process.pid });
  assert.deepEqual(readdirSync(dir), ['async-plotter-40123.json'], 'no temporary file left');
  file.remove();
  file.remove();
  assert.deepEqual(readdirSync(dir), []);
});

test('a file of the same port left by a killed process is replaced', async () => {
  const dir = join(scratch, 'stale');
  process.env.JUPYTER_RUNTIME_DIR = dir;
  const first = await TokenFile.write(40124, 'old');
  assert.ok(first);
  writeFileSync(first.path, '{"port": 40124, "token": "old", "pid": 1}');
  const second = await TokenFile.write(40124, 'new');
  assert.ok(second);
  assert.equal((JSON.parse(readFileSync(second.path, 'utf8')) as { token: string }).token, 'new');
  second.remove();
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
