/**
 * Floods against a real plot server while the computation runs: `stop` 10,000 times a second
 * from an authenticated viewer, and 1,000 handshakes with a wrong or no token.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

test('a stop flood: 10,000 stops a second from an authenticated viewer', async t => {
  let sent = 0;
  let answered = 0;
  let seconds = 0;
  const result = await besiege(computation, 'stop flood', async until => {
    const viewer = await RawViewer.open(computation.port, { token: computation.handle.token });
    await viewer.waitForText('40');
    const start = Date.now();
    while (Date.now() < until) {
      // 10 stops per elapsed millisecond, in bursts every few ms; every other one asks for an
      // answer.
      const due = Math.floor((Date.now() - start) * 10);
      for (; sent < due; sent++) {
        viewer.text(sent % 2 === 0 ? '42["stop"]' : `42${sent}["stop"]`);
      }
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    seconds = (Date.now() - start) / 1000;
    await new Promise(resolve => setTimeout(resolve, 200));
    answered = viewer.texts.filter(text => /^43\d+\[true\]$/.test(text)).length;
    viewer.drop();
  });
  t.diagnostic(
    `${sent} stops in ${seconds.toFixed(1)} s, ${result.interrupts} reached the loop; ${describeSiege(result)}`
  );
  assert.ok(sent / seconds > 9500, `about 10,000 stops a second (${(sent / seconds).toFixed(0)})`);
  assert.ok(answered > 0, 'stops asking for an answer are answered');
  assert.ok(
    result.interrupts <= seconds + 2,
    `a stop a second at most reaches the loop (${result.interrupts})`
  );
  assertSurvived(computation, result, [
    /asked to stop/,
    /… and \d+ more: stop requests from viewer#\d+/
  ]);
});

test('1,000 handshakes with a wrong or no token', async t => {
  let refused = 0;
  let tries = 0;
  const result = await besiege(
    computation,
    'handshakes',
    async () => {
      const one = async (k: number): Promise<void> => {
        const token =
          k % 3 === 0 ? null : k % 3 === 1 ? 'wrong' : computation.handle.token.replace(/./, 'x');
        const viewer = await RawViewer.open(computation.port, { token });
        const answer = await viewer.waitForText('44');
        if (answer !== null && /wrong token|missing token/.test(answer)) {
          refused++;
        }
        viewer.drop();
      };
      const workers = Array.from({ length: 20 }, async (_, w) => {
        for (let k = w; k < 1000; k += 20) {
          tries++;
          await one(k);
        }
      });
      await Promise.all(workers);
    },
    0
  );
  t.diagnostic(`${refused} of ${tries} refused; ${describeSiege(result)}`);
  assert.equal(refused, 1000, 'every handshake is refused with its reason');
  assertSurvived(computation, result, [
    /refused viewer from [^:]+: wrong token/,
    /refused viewer from [^:]+: missing token/,
    /… and \d+ more: refused viewers/
  ]);
  const lines = result.log.split('\n').filter(line => line.includes('refused viewer')).length;
  assert.ok(lines < 100, `the log is not flooded (${lines} lines for 1,000 refusals)`);
});
