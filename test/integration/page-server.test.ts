/**
 * The plot server's plain HTTP side: the viewer page and its few files (security headers,
 * gzip), nothing else on disk reachable; what a script prints; the errors and warnings of
 * `open()` about where it listens.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { open } from 'async-plotter';
import { command, RUNTIMES } from '../support/runtimes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OPEN_ONCE = fileURLToPath(new URL('./fixtures/open-once.ts', import.meta.url));
const run = promisify(execFile);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with `path` sent as it is (no normalisation of dots or escapes). */
function get(url: string, path: string, options: { method?: string; gzip?: boolean } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<Answer>((resolve, reject) => {
    const sent = request(
      {
        host: hostname,
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.gzip ? { 'accept-encoding': 'gzip' } : {}
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', chunk => chunks.push(chunk as Buffer));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks)
          })
        );
      }
    );
    sent.on('error', reject);
    sent.end();
  });
}

test('the page and its files, with security headers; gzip when asked', async () => {
  await using plotter = await open({ title: 'page server', display: false });
  const page = await get(plotter.url, '/');
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /\*|https?:/, 'nothing from elsewhere');
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  const html = page.body.toString();
  assert.match(html, /src="viewer\.js"/, 'assets relative to the page');
  assert.doesNotMatch(html, /(src|href)="\//, 'no path from the server root');
  assert.ok(!html.includes(plotter.handle.token));

  for (const [path, type] of [
    ['/viewer.js', /^text\/javascript/],
    ['/viewer.css', /^text\/css/],
    ['/favicon.svg', /^image\/svg\+xml/],
    ['/index.html', /^text\/html/],
    ['/?token=abc', /^text\/html/]
  ] as const) {
    const answer = await get(plotter.url, path);
    assert.equal(answer.status, 200, path);
    assert.match(String(answer.headers['content-type']), type, path);
  }
  const plain = await get(plotter.url, '/viewer.js');
  const zipped = await get(plotter.url, '/viewer.js', { gzip: true });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.ok(zipped.body.length < plain.body.length / 2);
  assert.deepEqual(gunzipSync(zipped.body), plain.body);
  const head = await get(plotter.url, '/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
});

test('nothing outside the viewer files: 404 for every other path', async () => {
  await using plotter = await open({ title: 'page paths', display: false });
  const paths = [
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2fpackage.json',
    '/viewer.js/../../package.json',
    '/./viewer.js',
    '//etc/passwd',
    '/etc/passwd',
    '/package.json',
    '/lib/index.js',
    '/viewer/assets.js',
    '/assets.js',
    '/index.html/',
    '/viewer.js%00',
    '/VIEWER.JS',
    'http://127.0.0.1/etc/passwd',
    '/async-plotter/socket.io.js'
  ];
  for (const path of paths) {
    const answer = await get(plotter.url, path);
    assert.equal(
      answer.status,
      404,
      `${path}: ${answer.status} ${answer.body.toString().slice(0, 80)}`
    );
  }
  assert.equal((await get(plotter.url, '/', { method: 'POST' })).status, 404);
  assert.equal((await get(plotter.url, '/viewer.js', { method: 'DELETE' })).status, 404);
});

test('a busy port: open() fails naming the port', async () => {
  const busy = createServer();
  await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as { port: number }).port;
  try {
    await assert.rejects(
      open({ title: 'busy', port, display: false }),
      new RegExp(`cannot start the plot server: port ${port} on 127\\.0\\.0\\.1 is already in use`)
    );
    // The title is free again: nothing of the failed plotter is left.
    const next = await open({ title: 'busy', display: false });
    await next.close();
  } finally {
    busy.close();
  }
});

for (const runtime of RUNTIMES) {
  test(`${runtime}: a script whose port is busy gets the error and still exits by itself`, async () => {
    const busy = createServer();
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const [file, args] = command(runtime, OPEN_ONCE, [JSON.stringify({ port, display: false })]);
      const { stdout } = await run(file, args, { cwd: ROOT, timeout: 20_000 });
      const printed = JSON.parse(stdout) as { error: string };
      assert.match(printed.error, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      busy.close();
    }
  });

  test(`${runtime}: a script prints one line with the page's link; debug lines never hold the token`, async () => {
    const [file, args] = command(runtime, OPEN_ONCE, [
      JSON.stringify({ title: 'printed', debug: true })
    ]);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const { stdout, stderr } = await run(file, args, { cwd: ROOT, timeout: 20_000, env });
    const { viewerUrl } = JSON.parse(stdout) as { viewerUrl: string };
    const token = new URL(viewerUrl).searchParams.get('token') ?? '';
    assert.equal(token.length, 32);
    const withToken = stderr.split('\n').filter(text => text.includes(token));
    assert.deepEqual(withToken, [`Async Plotter "printed": live plots at ${viewerUrl}`]);
    assert.ok(stderr.includes('[async-plotter "printed"]'), 'debug lines were written');
  });
}

test('listening on every interface warns that the token is the only protection', async () => {
  const written: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => written.push(args.join(' '));
  try {
    await using plotter = await open({ title: 'everywhere', host: '0.0.0.0', display: false });
    const port = new URL(plotter.url).port;
    assert.equal(plotter.url, `http://127.0.0.1:${port}`);
    assert.equal((await get(plotter.url, '/')).status, 200);
    assert.equal(written.length, 1);
    assert.match(
      written[0],
      new RegExp(
        `listens on 0\\.0\\.0\\.0:${port}, so other machines can reach it: the token is then the only protection`
      )
    );
  } finally {
    console.error = original;
  }
});
