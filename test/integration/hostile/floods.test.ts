/**
 * Floods against a real plot server while the computation runs: 30,000 `stop`s at 10,000 a
 * second from an authenticated viewer, and 1,000 handshakes with a wrong or no token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { badHandshakes, counted, stopFlood } from './attacks.ts';
import { Computation } from './computation.ts';
import { assertSurvived, besiege, describeSiege } from './siege.ts';

let computation: Computation;
before(async () => {
  computation = await Computation.start();
});
after(async () => {
  await computation.close();
});

test('a stop flood: 10,000 stops a second from an authenticated viewer', async t => {
  let flood = { sent: 0, answered: 0, seconds: 0 };
  const result = await besiege(computation, 'stop flood', async () => {
    flood = await stopFlood(computation, counted(30_000));
  });
  const { sent, answered, seconds } = flood;
  t.diagnostic(
    `${sent} stops in ${seconds.toFixed(1)} s, ${result.interrupts} reached the loop; ${describeSiege(result)}`
  );
  // 10 stops per elapsed millisecond: the flood's pace is its own, whatever the machine's load.
  assert.equal(sent, 30_000, 'every stop was sent');
  assert.ok(answered > 0, 'stops asking for an answer are answered');
  assert.ok(
    result.interrupts <= seconds + 2,
    `a stop a second at most reaches the loop (${result.interrupts} in ${seconds.toFixed(1)} s)`
  );
  assertSurvived(computation, result, [
    /asked to stop/,
    /… and \d+ more: stop requests from viewer#\d+/
  ]);
});

test('1,000 handshakes with a wrong or no token', async t => {
  let handshakes = { tries: 0, refused: 0 };
  const result = await besiege(computation, 'handshakes', async () => {
    handshakes = await badHandshakes(computation, counted(1000));
  });
  const { tries, refused } = handshakes;
  t.diagnostic(`${refused} of ${tries} refused; ${describeSiege(result)}`);
  assert.equal(tries, 1000, 'every handshake was tried');
  assert.equal(refused, 1000, 'every handshake is refused with its reason');
  assertSurvived(computation, result, [
    /refused viewer from [^:]+: wrong token/,
    /refused viewer from [^:]+: missing token/,
    /… and \d+ more: refused viewers/
  ]);
  const lines = result.log.split('\n').filter(line => line.includes('refused viewer')).length;
  assert.ok(lines < 100, `the log is not flooded (${lines} lines for 1,000 refusals)`);
});
