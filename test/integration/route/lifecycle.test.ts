/**
 * Closing either side of a routed link closes the other, and nothing stays open afterwards: the
 * Jupyter server's file descriptors are counted in /proc before and after.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { line, open, type Plotter } from 'async-plotter';
import { connect, type ViewerRoute } from '../../support/socket-viewer.ts';
import { acceptedConnections, settle, startJupyter, steady, type Jupyter } from './jupyter.ts';
import { frame, upgrade } from './raw-websocket.ts';

let jupyter: Jupyter;
let plotter: Plotter;
let plotPort: number;
let route: ViewerRoute;

before(async () => {
  [jupyter, plotter] = await Promise.all([
    startJupyter(),
    open({ title: 'cycles', display: false })
  ]);
  plotPort = Number(new URL(plotter.handle.url).port);
  route = { url: jupyter.origin, path: jupyter.socketPath(plotPort), extraHeaders: jupyter.auth };
  plotter.chart('c', line()).push({ x: 0, y: 0 });
  const warmUp = await connect(plotter.handle, { via: route });
  await warmUp.waitFor(() => warmUp.snapshots === 1, 'the snapshot');
  warmUp.close();
  await settle(() => acceptedConnections(plotPort), 0);
});

after(async () => {
  await Promise.all([jupyter.stop(), plotter.close({ timeoutMs: 200 })]);
});

test("a viewer that disconnects closes the route's link to the plot server", async () => {
  const fds = await steady(jupyter.fds);
  const viewer = await connect(plotter.handle, { via: route });
  await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
  assert.equal(acceptedConnections(plotPort), 1, 'the route holds one link to the plot server');
  viewer.close();
  assert.equal(await settle(() => acceptedConnections(plotPort), 0), 0);
  assert.equal(await settle(() => jupyter.fds(), fds), fds);
});

test('a viewer that vanishes without a close frame closes the link too', async () => {
  const fds = await steady(jupyter.fds);
  const raw = await upgrade(
    jupyter.port,
    `/async-plotter/${plotPort}/async-plotter/socket.io/?EIO=4&transport=websocket`,
    jupyter.auth
  );
  assert.equal(raw.status, 101);
  raw.socket.write(frame(Buffer.from('40'), 0x1, true)); // socket.io CONNECT without a token
  assert.equal(await settle(() => acceptedConnections(plotPort), 1), 1);
  raw.socket.destroy();
  assert.equal(await settle(() => acceptedConnections(plotPort), 0), 0);
  assert.equal(await settle(() => jupyter.fds(), fds), fds);
});

test("a plot server that closes closes the viewer's link through the route", async () => {
  const fds = await steady(jupyter.fds);
  const closing = await open({ title: 'closing', display: false });
  const port = Number(new URL(closing.handle.url).port);
  const viewer = await connect(closing.handle, {
    via: { ...route, path: jupyter.socketPath(port) }
  });
  await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
  const disconnected = new Promise<string>(resolve => viewer.socket.once('disconnect', resolve));
  await closing.close({ timeoutMs: 200 });
  assert.equal(await disconnected, 'transport close');
  assert.equal(viewer.closedReason, 'the plotter was closed', 'the last message came through');
  assert.equal(await settle(() => jupyter.fds(), fds), fds);
});

test('200 connect/disconnect cycles leave no socket behind, nor anything that grows memory', async () => {
  const cycles = async (count: number) => {
    for (let cycle = 0; cycle < count; cycle++) {
      const viewer = await connect(plotter.handle, { via: route, name: `cycle${cycle}` });
      await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
      viewer.close();
    }
  };
  await cycles(50); // the server's allocations for a first burst of links are not a leak
  const fds = await steady(jupyter.fds);
  const rss = jupyter.rss();
  await cycles(200);
  assert.equal(
    await settle(() => acceptedConnections(plotPort), 0),
    0,
    'no link to the plot server'
  );
  assert.equal(await settle(() => jupyter.fds(), fds), fds, 'as many file descriptors as before');
  const growth = (jupyter.rss() - rss) / 2 ** 20;
  assert.ok(growth < 4, `the server's memory grew by ${growth.toFixed(1)} MB`);
});
