/**
 * Under Node and Deno: a plotter keeps its token in Jupyter's runtime directory, in a file of
 * its own that only its user can read, and removes it when it closes, or when the script ends
 * without closing it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { RUNTIMES, startScenario, type Fixture } from '../support/runtimes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'token-file-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts `scenario` with `dir` as its Jupyter runtime directory. */
async function startIn(dir: string, runtime: (typeof RUNTIMES)[number], scenario: string) {
  const previous = process.env.JUPYTER_RUNTIME_DIR;
  process.env.JUPYTER_RUNTIME_DIR = dir;
  try {
    return await startScenario(runtime, scenario);
  } finally {
    process.env.JUPYTER_RUNTIME_DIR = previous;
  }
}

function tokenFile(dir: string, fixture: Fixture): string {
  return join(dir, `async-plotter-${new URL(fixture.handle.url).port}.json`);
}

function expectKept(path: string, fixture: Fixture): void {
  assert.equal(statSync(path).mode & 0o777, 0o600, 'owner-only');
  const content = JSON.parse(readFileSync(path, 'utf8')) as { token: string; port: number };
  assert.equal(content.token, fixture.handle.token);
  assert.equal(content.port, Number(new URL(fixture.handle.url).port));
}

for (const runtime of RUNTIMES) {
  test(`${runtime}: the token file is owner-only and removed by close()`, async () => {
    const dir = join(scratch, `${runtime}-close`, 'runtime'); // made by the plotter
    const fixture = await startIn(dir, runtime, 'flush');
    const path = tokenFile(dir, fixture);
    expectKept(path, fixture);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    fixture.go();
    await fixture.next(); // printed after close()
    assert.equal(existsSync(path), false, 'removed by close()');
    assert.equal(await fixture.exited(), 0, fixture.stderr());
    assert.doesNotMatch(fixture.stderr(), /cannot keep the plotter's token/);
  });

  test(`${runtime}: the token file is removed when a script ends without close()`, async () => {
    const dir = join(scratch, `${runtime}-exit`);
    const fixture = await startIn(dir, runtime, 'exit');
    const path = tokenFile(dir, fixture);
    expectKept(path, fixture);
    fixture.go();
    assert.equal(await fixture.exited(), 0, fixture.stderr());
    assert.equal(existsSync(path), false, 'removed at exit');
  });
}
