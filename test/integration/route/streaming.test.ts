/**
 * Plots through the route: a real plot server, real socket.io viewers, a real Jupyter server.
 * What a viewer receives through the route is what a direct viewer receives, byte for byte.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { line, open, type Plotter } from 'async-plotter';
import { PROTOCOL_VERSION, type ChartUpdate } from 'async-plotter/protocol';
import { connect, type TestViewer, type ViewerRoute } from '../../support/socket-viewer.ts';
import { startJupyter, type Jupyter } from './jupyter.ts';

let jupyter: Jupyter;
let alice: Jupyter;

before(async () => {
  [jupyter, alice] = await Promise.all([startJupyter(), startJupyter({ baseUrl: '/user/alice/' })]);
});

after(() => Promise.all([jupyter.stop(), alice.stop()]));

function via(server: Jupyter, plotter: Plotter): ViewerRoute {
  const port = Number(new URL(plotter.handle.url).port);
  return { url: server.origin, path: server.socketPath(port), extraHeaders: server.auth };
}

/** Every binary column a viewer receives, concatenated per chart/dataset/column. */
class ColumnBytes {
  readonly columns = new Map<string, Buffer[]>();

  record = (_kind: string, charts: ChartUpdate[]): void => {
    for (const chart of charts) {
      for (const update of chart.datasets) {
        for (const [name, column] of Object.entries(update.rows.columns)) {
          if (column.type !== 'number') {
            continue;
          }
          const data = column.data as ArrayBufferView;
          const key = `${chart.chart}/${update.dataset}/${name}`;
          const list = this.columns.get(key) ?? [];
          list.push(Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
          this.columns.set(key, list);
        }
      }
    }
  };

  bytes(key: string): Buffer {
    return Buffer.concat(this.columns.get(key) ?? []);
  }
}

/** Doubles that exercise every part of the encoding: signs, zero signs, extremes, subnormals. */
function value(i: number): number {
  const special = [-0, 5e-324, -1.7976931348623157e308, 2 ** -1074 * 3, 0.1 + 0.2, -Math.PI];
  return i % 7 === 0 ? special[(i / 7) % special.length] : Math.sin(i) * 10 ** ((i % 40) - 20);
}

test('a viewer through the route gets the snapshot and the frames of a loop, byte-identical to a direct viewer', async () => {
  const plotter = await open({ title: 'route-bytes', display: false });
  const viewers: TestViewer[] = [];
  try {
    const chart = plotter.chart('c', line({ x: 'i', y: 'v' }));
    const expected: number[][] = [[], []];
    const push = (i: number) => {
      const v = value(i);
      chart.push({ i, v });
      expected[0].push(i);
      expected[1].push(v);
    };
    for (let i = 0; i < 1000; i++) {
      push(i);
    }
    const direct = new ColumnBytes();
    const routed = new ColumnBytes();
    viewers.push(await connect(plotter.handle, { name: 'direct', onMessage: direct.record }));
    viewers.push(
      await connect(plotter.handle, {
        name: 'routed',
        onMessage: routed.record,
        via: via(jupyter, plotter)
      })
    );
    for (const viewer of viewers) {
      await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    }
    assert.deepEqual(viewers[1].snapshot, viewers[0].snapshot, 'the same snapshot');
    for (let round = 0; round < 20; round++) {
      const start = Date.now();
      for (let i = expected[0].length; Date.now() - start < 25; i++) {
        push(i); // a synchronous loop: the viewers hear nothing until it ends
      }
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    const total = expected[0].length;
    for (const viewer of viewers) {
      await viewer.waitFor(() => viewer.rows('c').length === total, `${total} rows`, 20_000);
      assert.ok(viewer.messages > 5, 'the rows came in several frames');
    }
    for (const [k, key] of ['c/data/i', 'c/data/v'].entries()) {
      const want = Buffer.from(new Float64Array(expected[k]).buffer);
      assert.ok(
        direct.bytes(key).equals(want),
        `${key}: the direct viewer got every pushed double`
      );
      assert.ok(routed.bytes(key).equals(want), `${key}: the routed viewer got the same bytes`);
    }
  } finally {
    viewers.forEach(viewer => viewer.close());
    await plotter.close({ timeoutMs: 200 });
  }
});

test("the plotter's own token is still checked by the plot server through the route", async () => {
  const plotter = await open({ title: 'route-token', display: false });
  try {
    await assert.rejects(
      connect(plotter.handle, { token: 'not-the-token', via: via(jupyter, plotter) }),
      /async-plotter: wrong token/
    );
    await assert.rejects(
      connect(plotter.handle, { token: '', via: via(jupyter, plotter) }),
      /async-plotter: /
    );
    const viewer = await connect(plotter.handle, { via: via(jupyter, plotter) });
    await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    viewer.close();
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
});

test('the route works under a base URL prefix (/user/alice/)', async () => {
  const plotter = await open({ title: 'route-prefix', display: false });
  try {
    const chart = plotter.chart('c', line());
    const port = new URL(plotter.handle.url).port;
    const identity = await fetch(alice.route(port, '/async-plotter/identity'), {
      headers: alice.auth
    });
    assert.equal(identity.status, 200);
    assert.equal(identity.headers.get('x-async-plotter-route'), '1');
    assert.deepEqual(await identity.json(), {
      service: 'async-plotter',
      protocol: PROTOCOL_VERSION
    });
    const outside = await fetch(`${alice.origin}/async-plotter/${port}/async-plotter/identity`, {
      headers: alice.auth
    });
    assert.equal(outside.status, 404, 'nothing is served outside the prefix');
    assert.equal(outside.headers.get('x-async-plotter-route'), null, "Jupyter's own 404");
    const viewer = await connect(plotter.handle, { via: via(alice, plotter) });
    await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    chart.push({ x: 1, y: 2 });
    await viewer.waitFor(() => viewer.rows('c').length === 1, 'a frame');
    assert.deepEqual(viewer.rows('c'), [{ x: 1, y: 2 }]);
    viewer.close();
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
});
