/**
 * Viewers that misbehave at the transport level, against a real plot server while the
 * computation runs: one that never reads (its TCP window fills) but acknowledges blindly, ones
 * that never acknowledge, and ones that vanish in the middle of a frame.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect, type TestViewer } from '../viewer.ts';
import { Computation } from './computation.ts';
import { RawViewer } from './raw-viewer.ts';
import { assertSurvived, besiege, describeSiege } from './siege.ts';

let computation: Computation;
before(async () => {
  computation = await Computation.start();
});
after(async () => {
  await computation.close();
});

/** Every row of the windowed chart, as an export asks for it. */
const ROWS_REQUEST = JSON.stringify({ chart: 'stream', dataset: 'data', from: 0, count: 1 << 17 });

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('viewers that never read but acknowledge every frame blindly and ask for every row', async t => {
  let acks = 0;
  let requests = 0;
  const result = await besiege(computation, 'never reads', async until => {
    // socket.io numbers acknowledgements per namespace: a first viewer reads the id of its
    // snapshot and leaves. The others never read anything (a socket that read fast has a
    // larger TCP window) and acknowledge every id a frame can have had by now, as if each had
    // been read (frames of 3 viewers and heartbeats: fewer than 200 ids a second).
    const scout = await RawViewer.open(computation.port, { token: computation.handle.token });
    const base = Number(/^45\d+-(\d+)\[/.exec((await scout.waitForText('45')) ?? '')?.[1]);
    scout.drop();
    assert.ok(Number.isSafeInteger(base), 'the snapshot carries its acknowledgement id');
    const viewers = await Promise.all(
      Array.from({ length: 3 }, () =>
        RawViewer.open(computation.port, { token: computation.handle.token, read: false })
      )
    );
    await sleep(300); // an acknowledgement before the CONNECT is accepted ends the connection
    const start = Date.now();
    while (Date.now() < until) {
      const last = base + Math.ceil(((Date.now() - start) / 1000) * 200) + 20;
      for (const viewer of viewers) {
        for (let id = base; id <= last; id++) {
          viewer.text(`43${id}[]`);
          acks++;
        }
        // Answers to `rows` are not paced like frames: 20 of up to 80 kB per viewer and tick.
        for (let k = 0; k < 20; k++, requests++) {
          viewer.text(`42${1e6 + requests}["rows",${ROWS_REQUEST}]`);
        }
      }
      await sleep(50);
    }
    viewers.forEach(viewer => viewer.drop(true));
  });
  t.diagnostic(
    `${acks} blind acknowledgements, ${requests} rows requests; ${describeSiege(result)}`
  );
  assertSurvived(computation, result, [
    /does not read what it acknowledges: waiting/,
    /asks for rows faster than it reads/
  ]);
});

test('viewers that never acknowledge', async t => {
  let viewers: TestViewer[] = [];
  const result = await besiege(computation, 'never acknowledge', async until => {
    viewers = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        connect(computation.handle, { name: `mute${k}`, stallAfter: 0 })
      )
    );
    await sleep(until - Date.now());
    for (const viewer of viewers) {
      assert.equal(viewer.messages, 1, 'nothing after the unacknowledged snapshot');
      viewer.close();
    }
  });
  t.diagnostic(describeSiege(result));
  assertSurvived(computation, result, [/snapshot to mute\d#\d+/, /mute\d#\d+ disconnected/]);
});

test('viewers that disconnect in the middle of a frame', async t => {
  let dropped = 0;
  const result = await besiege(computation, 'mid-frame', async until => {
    const one = async (k: number): Promise<void> => {
      const viewer = await RawViewer.open(computation.port, { token: computation.handle.token });
      // The snapshot (about 80 kB of attachments) is on its way once the CONNECT is answered.
      while (viewer.received < 2048 + (k % 7) * 4096 && !viewer.closed) {
        await sleep(1);
      }
      viewer.drop(k % 2 === 0);
      dropped++;
    };
    await Promise.all(
      Array.from({ length: 10 }, async (_, w) => {
        for (let k = w; Date.now() < until; k += 10) {
          await one(k);
        }
      })
    );
  });
  t.diagnostic(`${dropped} viewers dropped mid-frame; ${describeSiege(result)}`);
  assert.ok(dropped > 30, `enough drops in the time (${dropped})`);
  assertSurvived(computation, result, [/disconnected \(transport (close|error)\)/]);
});
