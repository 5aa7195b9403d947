/**
 * Back-pressure through the route, both ways: whichever end stops reading, the route stops
 * reading from the other, so the Jupyter server holds about one message, not a queue.
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { line, open } from 'async-plotter';
import { connect } from '../../support/socket-viewer.ts';
import { startJupyter, steady, type Jupyter } from './jupyter.ts';
import { frame, FrameReader, upgrade } from './raw-websocket.ts';
import { startFakePlotServer, type FakePlotServer } from './services.ts';

const MB = 2 ** 20;
let jupyter: Jupyter;
let fake: FakePlotServer;

before(async () => {
  [jupyter, fake] = await Promise.all([startJupyter(), startFakePlotServer()]);
});

after(() => Promise.all([jupyter.stop(), fake.close()]));

/** A 1 MiB message numbered `n` (its bytes tell where it comes from and that it is whole). */
function message(n: number, size = MB): Buffer {
  const payload = Buffer.alloc(size, n & 0xff);
  payload.writeUInt32BE(n, 0);
  return payload;
}

/**
 * Writes `frames` to `socket` as long as it takes them; resolves with how many it took when it
 * stops taking any for `quietMs` (its peer stopped reading), or when all are written.
 */
async function flood(socket: Socket, frames: Buffer[], quietMs = 1000): Promise<number> {
  let written = 0;
  while (written < frames.length) {
    if (socket.write(frames[written++])) {
      continue;
    }
    const drained = await new Promise<boolean>(resolve => {
      const timer = setTimeout(() => resolve(false), quietMs);
      socket.once('drain', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!drained) {
      break;
    }
  }
  return written;
}

/** Reads frames from `socket` until `count` have arrived. */
function read(socket: Socket, count: number): Promise<Buffer[]> {
  const reader = new FrameReader();
  const payloads: Buffer[] = [];
  return new Promise((resolve, reject) => {
    socket.on('data', chunk => {
      for (const received of reader.push(chunk)) {
        payloads.push(received.payload);
      }
      if (payloads.length >= count) {
        resolve(payloads);
      }
    });
    socket.once('close', () =>
      reject(new Error(`closed after ${payloads.length} of ${count} frames`))
    );
    socket.resume();
  });
}

const routePath = (port: number) =>
  `/async-plotter/${port}/async-plotter/socket.io/?EIO=4&transport=websocket`;

test("a viewer that never acknowledges holds one frame; the server's memory does not grow", async () => {
  const plotter = await open({ title: 'stalled', display: false, rate: 100 });
  try {
    const chart = plotter.chart('c', line(), { mode: 'replace' });
    const port = Number(new URL(plotter.handle.url).port);
    const via = { url: jupyter.origin, path: jupyter.socketPath(port), extraHeaders: jupyter.auth };
    const stalled = await connect(plotter.handle, { name: 'stalled', stallAfter: 1, via });
    const live = await connect(plotter.handle, { name: 'live', via });
    const x = new Float64Array(MB / 8).map((_, i) => i);
    chart.replace({ x, y: x });
    await stalled.waitFor(() => stalled.messages === 2, 'the frame the stalled viewer keeps');
    const rss = await steady(jupyter.rss);
    for (let state = 1; state <= 60; state++) {
      chart.replace({ x, y: x.map(v => v + state) });
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await live.waitFor(() => live.rows('c')[0]?.y === 60, 'the last state', 20_000);
    assert.equal(stalled.messages, 2, 'nothing more was sent to the stalled viewer');
    const growth = ((await steady(jupyter.rss)) - rss) / MB;
    assert.ok(growth < 6, `the server's memory grew by ${growth.toFixed(1)} MB`);
    stalled.close();
    live.close();
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
});

test('a viewer whose socket is paused stops the route reading from the plot server; nothing is lost', async () => {
  const upstream = fake.nextSocket();
  const viewer = await upgrade(jupyter.port, routePath(fake.port), jupyter.auth);
  assert.equal(viewer.status, 101);
  const plotServer = await upstream;
  const frames = Array.from({ length: 200 }, (_, n) => frame(message(n)));
  const rss = await steady(jupyter.rss);
  const taken = await flood(plotServer, frames);
  const growth = ((await steady(jupyter.rss)) - rss) / MB;
  assert.ok(
    taken < 100,
    `the plot server wrote ${taken} of 200 MiB before the route stopped reading from it`
  );
  assert.ok(
    growth < 6,
    `the server's memory grew by ${growth.toFixed(1)} MB while the viewer was paused`
  );
  const arrived = read(viewer.socket, frames.length);
  assert.equal(await flood(plotServer, frames.slice(taken), 10_000), frames.length - taken);
  const payloads = await arrived;
  payloads.forEach((payload, n) =>
    assert.ok(payload.equals(message(n)), `message ${n} arrived whole, in order`)
  );
  viewer.socket.destroy();
});

test('a plot server that stops reading stops the route reading from the viewer; nothing is lost', async () => {
  const upstream = fake.nextSocket();
  const viewer = await upgrade(jupyter.port, routePath(fake.port), jupyter.auth);
  assert.equal(viewer.status, 101);
  const plotServer = await upstream;
  plotServer.pause();
  const size = MB / 2;
  const frames = Array.from({ length: 300 }, (_, n) => frame(message(n, size), 0x2, true));
  const rss = await steady(jupyter.rss);
  const taken = await flood(viewer.socket, frames);
  const growth = ((await steady(jupyter.rss)) - rss) / MB;
  assert.ok(
    taken < 150,
    `the viewer wrote ${taken} of 300 messages before the route stopped reading from it`
  );
  assert.ok(
    growth < 6,
    `the server's memory grew by ${growth.toFixed(1)} MB while the plot server was paused`
  );
  const arrived = read(plotServer, frames.length);
  assert.equal(await flood(viewer.socket, frames.slice(taken), 10_000), frames.length - taken);
  const payloads = await arrived;
  payloads.forEach((payload, n) =>
    assert.ok(payload.equals(message(n, size)), `message ${n} arrived whole, in order`)
  );
  viewer.socket.destroy();
});
