/**
 * The page reached another way than the server's own address: through a port forward on
 * another port number (socat standing in for `ssh -L`), and under a path prefix (a proxy
 * route). Nothing in the page may point at the server's own port or root.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { startPrefixProxy } from './helpers/prefix-proxy';
import { killScripts, startScript } from '../support/stream-script';
import { drawnRows, expectLive, growthsBelow, sampleWhile } from './helpers/viewer-page';
import { cardPointsNow } from '../support/card-points';

const FORWARD_PORT = 8897;
const PROXY_PORT = 8898;

test.afterEach(() => killScripts());

function accepting(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('through a port forward on another port (as ssh -L)', async ({ page }) => {
  const script = await startScript('page forward', { options: { loopMs: 2000 } });
  const port = Number(new URL(script.handle.url).port);
  expect(port).not.toBe(FORWARD_PORT);
  const socat = spawn(
    'socat',
    [`TCP-LISTEN:${FORWARD_PORT},bind=127.0.0.1,reuseaddr,fork`, `TCP:127.0.0.1:${port}`],
    { stdio: 'ignore' }
  );
  try {
    await expect.poll(() => accepting(FORWARD_PORT)).toBe(true);
    const forwarded = script.viewerUrl.replace(`:${port}/`, `:${FORWARD_PORT}/`);
    await page.goto(forwarded);
    await expectLive(page);
    expect(page.url()).toBe(`http://127.0.0.1:${FORWARD_PORT}/`);
    const { samples, result: rows } = await sampleWhile(page, script.run());
    expect(growthsBelow(samples, rows), samples.join(' ')).toBeGreaterThanOrEqual(3);
    await expect.poll(() => cardPointsNow(page)).toBe(rows);
    await expect.poll(() => drawnRows(page)).toBe(rows);
  } finally {
    socat.kill();
  }
});

test('under a path prefix (/async-plotter/<port>/)', async ({ page }) => {
  const script = await startScript('page prefix', { options: { loopMs: 1000 } });
  const port = Number(new URL(script.handle.url).port);
  const proxy = await startPrefixProxy(PROXY_PORT);
  const requests: string[] = [];
  page.on('request', request => requests.push(new URL(request.url()).pathname));
  page.on('websocket', socket => requests.push(new URL(socket.url()).pathname));
  try {
    const base = `http://127.0.0.1:${PROXY_PORT}/async-plotter/${port}/`;
    await page.goto(`${base}?token=${script.handle.token}`);
    await expectLive(page);
    expect(page.url()).toBe(base);
    const rows = await script.run();
    await expect.poll(() => cardPointsNow(page)).toBe(rows);
    const prefix = `/async-plotter/${port}/`;
    expect(requests.filter(path => !path.startsWith(prefix))).toEqual([]);
    expect(requests).toContain(`${prefix}async-plotter/socket.io/`);
  } finally {
    await proxy.close();
  }
});
