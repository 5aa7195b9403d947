/** The notebook kernel's tracked promises: ordinary native promises that a stop can reject. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  installTrackedPromises,
  pendingPromises,
  rejectPendingPromises
} from '../../../kernel-client/src/stopping/tracked-promises.ts';

const Native = Promise;
installTrackedPromises();

test('promises stay native: instanceof, statics, then chains', async () => {
  assert.notEqual(Promise, Native);
  const promise = new Promise<number>(resolve => resolve(1));
  assert.ok(promise instanceof Promise);
  assert.ok(promise instanceof Native);
  assert.equal(Object.getPrototypeOf(promise), Native.prototype);
  assert.ok(Native.resolve(2) instanceof Promise);
  assert.equal(await Promise.all([promise, Promise.resolve(2)]).then(v => v.join()), '1,2');
  assert.equal(await Promise.race([new Promise(() => {}), Promise.resolve(3)]), 3);
  assert.throws(() => new Promise(undefined as never), TypeError);
});

test('a settled promise is forgotten; a throwing executor rejects', async () => {
  rejectPendingPromises(new Error('start clean'));
  await new Promise(resolve => setTimeout(resolve, 1));
  await new Promise(resolve => resolve(1));
  await assert.rejects(
    new Promise((_, reject) => setTimeout(() => reject(new Error('r')), 1)),
    /r/
  );
  await assert.rejects(
    new Promise(() => {
      throw new Error('executor');
    }),
    /executor/
  );
  assert.equal(pendingPromises(), 0);
  void new Promise(() => {});
  assert.equal(pendingPromises(), 1);
  rejectPendingPromises(new Error('cleanup'));
  assert.equal(pendingPromises(), 0);
});

test('a stop rejects an awaited timer, a never-settling promise and Promise.all of them', async () => {
  const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
  const waits = [sleep(60_000), new Promise(() => {}), Promise.all([sleep(60_000)])];
  new Promise(() => {}); // nobody awaits it: must not become an unhandled rejection
  assert.equal(pendingPromises() >= 4, true);
  const started = Date.now();
  setTimeout(() => rejectPendingPromises(new Error('stopped by the user')), 10);
  const results = await Native.allSettled(waits);
  assert.ok(Date.now() - started < 1000);
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    assert.match(String((result as PromiseRejectedResult).reason), /stopped by the user/);
  }
  assert.equal(pendingPromises(), 0);
  await sleep(20); // an unhandled rejection would fail the test process here
});
