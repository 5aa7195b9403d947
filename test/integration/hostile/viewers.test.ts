/**
 * Viewers that misbehave at the transport level, against a real plot server while the
 * computation runs: one that never reads (its TCP window fills) but acknowledges blindly, ones
 * that never acknowledge, and ones that vanish in the middle of a frame.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { blindAcknowledgements, counted, midFrameDrops, silentViewers, timed } from './attacks.ts';
import { Computation } from './computation.ts';
import { assertSurvived, besiege, describeSiege } from './siege.ts';

let computation: Computation;
before(async () => {
  computation = await Computation.start();
});
after(async () => {
  await computation.close();
});

test('viewers that never read but acknowledge every frame blindly and ask for every row', async t => {
  let tally = { acks: 0, requests: 0 };
  // The attack goes on until the server has said what it does about both (at most 30 s).
  const noticed = [
    /does not read what it acknowledges: waiting/,
    /asks for rows faster than it reads/
  ];
  const result = await besiege(computation, 'never reads', async () => {
    const from = computation.log.length;
    const enough = () => noticed.every(pattern => pattern.test(computation.log.slice(from)));
    tally = await blindAcknowledgements(computation, { until: Date.now() + 30_000, enough });
  });
  t.diagnostic(
    `${tally.acks} blind acknowledgements, ${tally.requests} rows requests; ${describeSiege(result)}`
  );
  assertSurvived(computation, result, noticed);
});

test('viewers that never acknowledge', async t => {
  // Nothing may follow an unacknowledged snapshot for as long as the viewers are watched.
  const result = await besiege(computation, 'never acknowledge', () =>
    silentViewers(computation, timed(3000))
  );
  t.diagnostic(describeSiege(result));
  assertSurvived(computation, result, [/snapshot to mute\d#\d+/, /mute\d#\d+ disconnected/]);
});

test('viewers that disconnect in the middle of a frame', async t => {
  let dropped = 0;
  const result = await besiege(computation, 'mid-frame', async () => {
    ({ dropped } = await midFrameDrops(computation, counted(60)));
  });
  t.diagnostic(`${dropped} viewers dropped mid-frame; ${describeSiege(result)}`);
  assert.equal(dropped, 60, 'every viewer was dropped mid-frame');
  assertSurvived(computation, result, [/disconnected \(transport (close|error)\)/]);
});
