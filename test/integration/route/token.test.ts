/**
 * The token handler (`<base_url>async-plotter/token/<port>`, real jupyter_server): a plotter's
 * token only for a logged-in Jupyter user from Jupyter's own site, only from a token file that
 * is this user's and owner-only, only for a port whose listener is this user's plot server;
 * answers never cached, the token never logged.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { open, type Plotter } from 'async-plotter';
import { SCRATCH, freePort, startJupyter, type Jupyter } from './jupyter.ts';
import { startHttpService, type Service } from './services.ts';

let jupyter: Jupyter;
let plotter: Plotter;
let plotPort: number;
const otherRuntime = `${SCRATCH}/token-test-other-runtime`;

/** Opens a plotter whose token file goes to `runtimeDir`. */
async function openIn(runtimeDir: string, title: string): Promise<Plotter> {
  const previous = process.env.JUPYTER_RUNTIME_DIR;
  process.env.JUPYTER_RUNTIME_DIR = runtimeDir;
  try {
    return await open({ title, display: false });
  } finally {
    process.env.JUPYTER_RUNTIME_DIR = previous;
  }
}

function portOf(p: Plotter): number {
  return Number(new URL(p.url).port);
}

function tokenUrl(port: number | string): string {
  return `${jupyter.origin}${jupyter.base}async-plotter/token/${port}`;
}

function tokenFile(port: number, dir = jupyter.runtimeDir): string {
  return `${dir}/async-plotter-${port}.json`;
}

/** Writes a token file as the kernel client would (mode 0600) for `port`. */
function writeTokenFile(port: number, token: string): void {
  writeFileSync(tokenFile(port), JSON.stringify({ port, token, pid: process.pid }), {
    mode: 0o600
  });
}

interface Answer {
  status: number;
  body: { token?: string; message?: string; code?: string };
  headers: Headers;
}

async function ask(port: number | string, headers = jupyter.auth): Promise<Answer> {
  const response = await fetch(tokenUrl(port), { headers });
  return {
    status: response.status,
    body: (await response.json()) as Answer['body'],
    headers: response.headers
  };
}

before(async () => {
  jupyter = await startJupyter();
  plotter = await openIn(jupyter.runtimeDir, 'token-handler');
  plotPort = portOf(plotter);
});

after(async () => {
  await plotter.close({ timeoutMs: 200 });
  await jupyter.stop();
});

test("the logged-in user gets the plotter's token, never cached, never logged", async () => {
  const answer = await ask(plotPort);
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body, { token: plotter.handle.token });
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  assert.equal(answer.headers.get('x-async-plotter-route'), '1');
  assert.ok(!jupyter.log().includes(plotter.handle.token), 'the token is not logged');
});

test('refused without Jupyter authentication, or from another site', async () => {
  const attempts: Record<string, string>[] = [{}, { Authorization: 'token wrong' }];
  for (const headers of attempts) {
    const answer = await ask(plotPort, headers);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'not-logged-in');
    assert.equal(answer.body.token, undefined);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  }
  // The login cookie, as a browser sends it with any request, from a page of another site.
  const login = await fetch(`${jupyter.origin}${jupyter.base}api/status?token=${jupyter.token}`);
  const cookie = login.headers
    .getSetCookie()
    .map(line => line.split(';')[0])
    .join('; ');
  assert.ok(cookie, 'the server set its login cookie');
  const own = await ask(plotPort, { Cookie: cookie, Origin: jupyter.origin });
  assert.equal(own.status, 200, 'the cookie from the server’s own site works');
  const other = await ask(plotPort, { Cookie: cookie, Origin: 'http://evil.example' });
  assert.equal(other.status, 403);
  assert.equal(other.body.code, 'other-site');
  assert.equal(other.body.token, undefined);
});

test('refused for a plot server that keeps no token file here', async () => {
  mkdirSync(otherRuntime, { recursive: true });
  const elsewhere = await openIn(otherRuntime, 'token-elsewhere');
  try {
    const answer = await ask(portOf(elsewhere));
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 'no-token-file');
    assert.match(answer.body.message ?? '', /no plotter of this Jupyter user keeps a token/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  } finally {
    await elsewhere.close({ timeoutMs: 200 });
  }
});

test('refused for a token file others could read, or that is not this user’s', async () => {
  const other = await openIn(jupyter.runtimeDir, 'token-mode');
  const port = portOf(other);
  try {
    assert.equal((await ask(port)).status, 200);
    for (const mode of [0o644, 0o640, 0o604, 0o700, 0o400]) {
      chmodSync(tokenFile(port), mode);
      const answer = await ask(port);
      assert.equal(answer.status, 403, mode.toString(8));
      assert.equal(answer.body.code, 'unsafe-token-file');
      assert.match(answer.body.message ?? '', new RegExp(`has mode ${mode.toString(8)}, not 600`));
      assert.equal(answer.body.token, undefined);
    }
    chmodSync(tokenFile(port), 0o600);
    if (process.getuid?.() === 0) {
      chownSync(tokenFile(port), 65534, 65534); // nobody's
      const answer = await ask(port);
      assert.equal(answer.status, 403);
      assert.match(answer.body.message ?? '', /belongs to another user/);
      chownSync(tokenFile(port), 0, 0);
    }
    assert.equal((await ask(port)).body.token, other.handle.token);
    assert.ok(!jupyter.log().includes(other.handle.token), 'the token is not logged');
  } finally {
    await other.close({ timeoutMs: 200 });
  }
  assert.throws(() => readFileSync(tokenFile(port)), /ENOENT/, 'close() removed the file');
  assert.equal((await ask(port)).status, 404);
});

test('refused for a port whose listener is not a plot server, or where nothing listens', async () => {
  const service: Service = await startHttpService();
  try {
    writeTokenFile(service.port, 'planted-token');
    const answer = await ask(service.port);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.code, 'not-a-plot-server');
    assert.equal(answer.body.token, undefined);
  } finally {
    await service.close();
  }
  const idle = await freePort();
  writeTokenFile(idle, 'planted-token');
  const answer = await ask(idle);
  assert.equal(answer.status, 404);
  assert.equal(answer.body.code, 'nothing-listening');
  assert.ok(!jupyter.log().includes('planted-token'));
});

test('a malformed port is refused as the route refuses it', async () => {
  for (const port of ['0', '65536', '08080', 'x', '1e3']) {
    const answer = await ask(port);
    assert.equal(answer.status, 404, port);
    assert.equal(answer.body.code, 'not-a-port', port);
  }
});
