/**
 * Never an open proxy: only ports where a plot server answers, on 127.0.0.1; anything else is
 * refused with a plain reason, logged without secrets, and nothing is forwarded.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { connect } from '../../support/socket-viewer.ts';
import { freePort, startJupyter, type Jupyter } from './jupyter.ts';
import { upgrade } from './raw-websocket.ts';
import { startHttpService, startTcpService } from './services.ts';

let jupyter: Jupyter;

before(async () => {
  jupyter = await startJupyter();
});

after(() => jupyter.stop());

/** The status, plain reason and code (docs/route.md) of a refused request. */
async function refusal(address: string): Promise<[number, string, string]> {
  const response = await fetch(address, { headers: jupyter.auth });
  assert.equal(response.headers.get('x-async-plotter-route'), '1', 'the route answered');
  const body = (await response.json()) as { message: string; code: string };
  return [response.status, body.message, body.code];
}

test('a malformed port is refused, and so is any attempt to name another host', async () => {
  const malformed = [
    '0',
    '65536',
    '99999',
    '-1',
    '08080',
    '1e3',
    '0x50',
    '%38%30',
    '80.0',
    'localhost:80',
    '1@example.com',
    ''
  ];
  for (const port of malformed) {
    const [status, message, code] = await refusal(jupyter.route(port, '/async-plotter/identity'));
    assert.equal(status, 404, port);
    assert.equal(code, 'not-a-port', port);
    assert.match(message, /is not a port number \(1-65535\)$/, port);
  }
  // A Host header other than the server's own is Jupyter's to refuse; the target never uses it.
  const status = await new Promise<number>((resolve, reject) =>
    get(
      jupyter.route(jupyter.port, '/'),
      { headers: { ...jupyter.auth, Host: 'example.com' } },
      response => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }
    ).once('error', reject)
  );
  assert.equal(status, 403);
  assert.match(jupyter.log(), /refused GET to port '1@example\.com' from 127\.0\.0\.1: /);
});

test('a port where nothing listens is refused', async () => {
  const port = await freePort();
  assert.deepEqual(await refusal(jupyter.route(port, '/async-plotter/identity')), [
    404,
    `nothing listens on port ${port}`,
    'nothing-listening'
  ]);
  const viewer = connect(
    { version: 1, id: 'x', title: 'x', url: '', token: 't', rate: 30, inline: false },
    { via: { url: jupyter.origin, path: jupyter.socketPath(port), extraHeaders: jupyter.auth } }
  );
  await assert.rejects(viewer, /websocket error/);
  assert.match(
    jupyter.log(),
    new RegExp(`refused websocket to port '${port}' from 127\\.0\\.0\\.1: nothing listens`)
  );
});

test('another HTTP service is refused; it sees the identity probe and nothing else', async () => {
  const service = await startHttpService();
  try {
    const secret = jupyter.route(service.port, '/secret?user=alice');
    assert.deepEqual(await refusal(secret), [
      404,
      `no plot server on port ${service.port}: its answer to the identity request is not JSON`,
      'not-a-plot-server'
    ]);
    const raw = await upgrade(
      jupyter.port,
      `/async-plotter/${service.port}/async-plotter/socket.io/?EIO=4&transport=websocket`,
      jupyter.auth
    );
    raw.socket.destroy();
    assert.equal(raw.status, 404);
    assert.ok(service.requests.length >= 1);
    for (const request of service.requests) {
      assert.equal(request.method, 'GET');
      assert.equal(request.url, '/async-plotter/identity');
      assert.equal(request.headers.authorization, undefined);
      assert.equal(request.headers.cookie, undefined);
    }
    assert.doesNotMatch(jupyter.log(), /user=alice|EIO=4/, 'no query string is logged');
  } finally {
    await service.close();
  }
});

test('a TCP service that does not speak HTTP is refused; it sees the identity probe only', async () => {
  const silent = await startTcpService();
  const ssh = await startTcpService('SSH-2.0-OpenSSH_9.2\r\n');
  try {
    const started = Date.now();
    assert.deepEqual(await refusal(jupyter.route(silent.port, '/x')), [
      404,
      `no plot server on port ${silent.port}: it does not answer HTTP`,
      'not-a-plot-server'
    ]);
    assert.ok(Date.now() - started < 4000, 'the probe gives up within seconds');
    assert.deepEqual(await refusal(jupyter.route(ssh.port, '/x')), [
      404,
      `no plot server on port ${ssh.port}: it does not answer HTTP`,
      'not-a-plot-server'
    ]);
    for (const service of [silent, ssh]) {
      const received = service.received();
      assert.match(received, /^GET \/async-plotter\/identity HTTP\/1\.1\r\n/);
      assert.doesNotMatch(received, /\/x|token|Cookie|Authorization/i);
    }
  } finally {
    await Promise.all([silent.close(), ssh.close()]);
  }
});

test(
  "another user's service is refused without being sent a byte",
  { skip: process.getuid?.() !== 0 && 'needs root, to listen as another user' },
  async () => {
    const listener = spawn(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', '/usr/bin/python3', '-c', OTHER_USER],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    try {
      const lines = createInterface({ input: listener.stdout })[Symbol.asyncIterator]();
      const port = Number((await lines.next()).value);
      assert.deepEqual(await refusal(jupyter.route(port, '/async-plotter/identity')), [
        403,
        `port ${port} is served by another user's process`,
        'other-user'
      ]);
      listener.kill();
      assert.equal((await lines.next()).value, undefined, 'no connection reached it');
    } finally {
      listener.kill();
    }
  }
);

/** Listens on a free loopback port, prints it, and prints "connected" if anything connects. */
const OTHER_USER = [
  'import socket',
  's = socket.socket()',
  "s.bind(('127.0.0.1', 0))",
  's.listen()',
  'print(s.getsockname()[1], flush=True)',
  's.accept()',
  "print('connected', flush=True)"
].join('\n');

test('the Jupyter server itself is not a plot server', async () => {
  const [status, message] = await refusal(jupyter.route(jupyter.port, '/api/contents'));
  assert.equal(status, 404);
  assert.match(message, new RegExp(`^no plot server on port ${jupyter.port}: `));
});
