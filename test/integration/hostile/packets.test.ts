/**
 * Malformed engine.io/socket.io packets, stray binary attachments, oversized messages, unknown
 * events and malformed arguments of known events, sent to a real plot server (a worker of a
 * computation that keeps pushing) by raw websockets and by a socket.io client.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { counted, malformedEvents, malformedPackets } from './attacks.ts';
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

test('malformed packets, stray attachments and oversized messages over raw websockets', async t => {
  let connections = 0;
  const result = await besiege(computation, 'packets', async () => {
    ({ connections } = await malformedPackets(computation, counted(150)));
    // The fuzzed connections drop after 2 ms, often before the server answers their handshake
    // on a busy machine: one wrong token waits for its refusal, so that the log has one.
    const probe = await RawViewer.open(computation.port, { token: 'wrong' });
    assert.match((await probe.waitForText('44', 15_000)) ?? 'no answer', /wrong token/);
    probe.drop();
  });
  t.diagnostic(`${connections} hostile connections; ${describeSiege(result)}`);
  assert.equal(connections, 150, 'every hostile connection was made');
  assertSurvived(computation, result, [
    /refused viewer from [^:]+: wrong token/,
    /disconnected \(/
  ]);
});

test('unknown events and malformed arguments of stop, viewport, clear and rows', async t => {
  let events = 0;
  const result = await besiege(computation, 'events', async () => {
    ({ events } = await malformedEvents(computation, counted(5000)));
  });
  t.diagnostic(`${events} events; ${describeSiege(result)}`);
  assert.equal(events, 5000, 'every event was sent');
  assertSurvived(computation, result, [/ignored an unknown event ".*" from fuzzer#\d+/]);
});
