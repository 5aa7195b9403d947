/** The route is for logged-in Jupyter users only, from Jupyter's own site (real jupyter_server). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { open, type Plotter } from 'async-plotter';
import { connect } from '../../support/socket-viewer.ts';
import { startJupyter, type Jupyter } from './jupyter.ts';
import { upgrade } from './raw-websocket.ts';
import { startFakePlotServer, type FakePlotServer } from './services.ts';
import { PROTOCOL_VERSION } from 'async-plotter/protocol';

let jupyter: Jupyter;
let plotter: Plotter;
let fake: FakePlotServer;
let plotPort: number;

before(async () => {
  [jupyter, plotter, fake] = await Promise.all([
    startJupyter(),
    open({ title: 'auth', display: false }),
    startFakePlotServer()
  ]);
  plotPort = Number(new URL(plotter.handle.url).port);
});

after(async () => {
  await Promise.all([jupyter.stop(), plotter.close({ timeoutMs: 200 }), fake.close()]);
});

const IDENTITY = '/async-plotter/identity';

async function message(response: Response): Promise<string> {
  return ((await response.json()) as { message: string }).message;
}

test('a GET without Jupyter authentication is refused before the port is even probed', async () => {
  const attempts: Record<string, string>[] = [{}, { Authorization: 'token wrong' }];
  for (const headers of attempts) {
    const response = await fetch(jupyter.route(fake.port, IDENTITY), { headers });
    assert.equal(response.status, 403);
    assert.equal(await message(response), 'not logged in to this Jupyter server');
  }
  const wrongQuery = await fetch(jupyter.route(fake.port, `${IDENTITY}?token=wrong`));
  assert.equal(wrongQuery.status, 403);
  assert.deepEqual(fake.requests, [], 'nothing reached the port');
  assert.doesNotMatch(jupyter.log(), /wrong/, 'the tokens tried are not logged');
});

test('a websocket without Jupyter authentication is refused (socket.io and raw upgrade)', async () => {
  const viewer = connect(plotter.handle, {
    via: { url: jupyter.origin, path: jupyter.socketPath(plotPort) }
  });
  await assert.rejects(viewer, /websocket error/);
  const raw = await upgrade(jupyter.port, `/async-plotter/${fake.port}/async-plotter/socket.io/`);
  raw.socket.destroy();
  assert.equal(raw.status, 403);
  assert.deepEqual(fake.requests, [], 'nothing reached the port');
});

test('the Jupyter token authenticates as a header or a query parameter; the latter is not passed on', async () => {
  const byHeader = await fetch(jupyter.route(plotPort, IDENTITY), { headers: jupyter.auth });
  assert.equal(byHeader.status, 200);
  assert.deepEqual(await byHeader.json(), { service: 'async-plotter', protocol: PROTOCOL_VERSION });
  const byQuery = await fetch(
    jupyter.route(fake.port, `${IDENTITY}?a=1&token=${jupyter.token}&b=%20`)
  );
  assert.equal(byQuery.status, 200);
  assert.deepEqual(
    fake.requests.map(request => request.url),
    [IDENTITY, `${IDENTITY}?a=1&b=%20`],
    'the identity probe, then the request without the token'
  );
  for (const request of fake.requests) {
    assert.equal(request.headers.authorization, undefined);
    assert.equal(request.headers.cookie, undefined);
  }
  assert.doesNotMatch(jupyter.log(), new RegExp(jupyter.token), 'the token is never logged');
});

test("the login cookie opens the websocket from Jupyter's own site only, without an XSRF token", async () => {
  const login = await fetch(`${jupyter.origin}/api/status?token=${jupyter.token}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  assert.match(cookie, /^username-/);
  const path = `/async-plotter/${plotPort}/async-plotter/socket.io/?EIO=4&transport=websocket`;
  const sameSite = await upgrade(jupyter.port, path, { Cookie: cookie, Origin: jupyter.origin });
  sameSite.socket.destroy();
  assert.equal(sameSite.status, 101);
  const crossSite = await upgrade(jupyter.port, path, {
    Cookie: cookie,
    Origin: 'http://attacker.example'
  });
  crossSite.socket.destroy();
  assert.equal(crossSite.status, 403);
  const get = await fetch(jupyter.route(plotPort, IDENTITY), { headers: { Cookie: cookie } });
  assert.equal(get.status, 200);
});
