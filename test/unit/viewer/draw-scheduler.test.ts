import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DrawScheduler, SLOW_SHARE, type Drawable } from '../../../src/viewer/views/draw-scheduler';

// The scheduler asks for animation frames; the tests run them, one 60 Hz frame after the other.
const frames: FrameRequestCallback[] = [];
globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => frames.push(callback);
const FRAME_MS = 1000 / 60;

/** A chart whose draw "takes" `cost` ms (the scheduler reads the time a draw reports). */
class FakeChart implements Drawable {
  draws = 0;
  wantsDraw = true;
  constructor(
    readonly cost: number,
    public onScreen = true,
    readonly maxFps = 60
  ) {}
  draw(): Promise<number> {
    this.draws++;
    return Promise.resolve(this.cost);
  }
}

/** Runs `count` frames; every chart has something new in each (a live stream). */
async function runFrames(scheduler: DrawScheduler, charts: FakeChart[], count: number) {
  // The frames' clock runs ahead of the real one; a later call goes on from where it stopped.
  let now = Math.max(clock, performance.now());
  for (let k = 0; k < count; k++) {
    for (const chart of charts) {
      scheduler.request(chart);
    }
    now += FRAME_MS;
    const due = frames.splice(0);
    for (const callback of due) {
      callback(now);
    }
    await new Promise(resolve => setImmediate(resolve));
  }
  clock = now;
}
let clock = 0;

describe('DrawScheduler', () => {
  it('draws every chart on screen in each frame, and none off screen', async () => {
    const scheduler = new DrawScheduler();
    const shown = Array.from({ length: 8 }, () => new FakeChart(3));
    const hidden = Array.from({ length: 8 }, () => new FakeChart(3, false));
    await runFrames(scheduler, [...shown, ...hidden], 30);
    for (const chart of shown) {
      assert.ok(chart.draws >= 29, `a chart on screen drew ${chart.draws} times in 30 frames`);
    }
    assert.deepEqual(
      hidden.map(chart => chart.draws),
      hidden.map(() => 0)
    );
    // Shown later, a chart draws from the next frame on.
    hidden[0].onScreen = true;
    await runFrames(scheduler, [hidden[0]], 5);
    assert.ok(hidden[0].draws >= 4, `drew ${hidden[0].draws} times once shown`);
  });

  it('keeps a chart slow to draw within its share, and the fast ones at every frame', async () => {
    const scheduler = new DrawScheduler();
    const fast = Array.from({ length: 4 }, () => new FakeChart(5));
    const slow = new FakeChart(200);
    const count = 120; // 2 s of frames
    await runFrames(scheduler, [...fast, slow], count);
    for (const chart of fast) {
      assert.ok(chart.draws >= count - 1, `a fast chart drew ${chart.draws} of ${count} frames`);
      assert.equal(scheduler.slowness(chart), null);
    }
    // 200 ms a draw within 15% of 2 s: about 1.5 draws, and at least the first.
    const allowed = Math.ceil((count * FRAME_MS * SLOW_SHARE) / slow.cost) + 1;
    assert.ok(slow.draws >= 1 && slow.draws <= allowed, `slow chart drew ${slow.draws} times`);
    const slowness = scheduler.slowness(slow);
    assert.ok(slowness !== null, 'the slow chart says it is slow');
    assert.equal(Math.round(slowness.costMs), 200);
    assert.ok(slowness.everyMs >= slow.cost / SLOW_SHARE - 1, `every ${slowness.everyMs} ms`);
  });

  it('keeps a fast chart fast through one draw the machine held up', async () => {
    const scheduler = new DrawScheduler();
    const steady = Array.from({ length: 4 }, () => new FakeChart(2));
    const held = new FakeChart(2);
    await runFrames(scheduler, [...steady, held], 10);
    const drawn = held.draws;
    // One draw of 200 ms (the thread preempted), then fast again.
    const draw = held.draw.bind(held);
    held.draw = () => ((held.draw = draw), held.draws++, Promise.resolve(200));
    await runFrames(scheduler, [...steady, held], 10);
    assert.equal(scheduler.slowness(held), null);
    assert.ok(held.draws >= drawn + 9, `drew ${held.draws - drawn} of 10 frames after it`);
  });

  it('makes no chart slow when every chart is slow alike (a busy machine)', async () => {
    const scheduler = new DrawScheduler();
    const charts = Array.from({ length: 6 }, () => new FakeChart(80));
    await runFrames(scheduler, charts, 20);
    for (const chart of charts) {
      assert.equal(scheduler.slowness(chart), null);
      assert.ok(chart.draws >= 19, `drew ${chart.draws} of 20 frames`);
    }
  });

  it("holds each chart to the viewer's frame rate", async () => {
    const scheduler = new DrawScheduler();
    const capped = new FakeChart(2, true, 10);
    await runFrames(scheduler, [capped], 60);
    // 10 draws a second over one second of frames (a frame early counts as on time).
    assert.ok(capped.draws >= 9 && capped.draws <= 12, `drew ${capped.draws} times in 1 s`);
  });

  it('forgets a removed chart', async () => {
    const scheduler = new DrawScheduler();
    const chart = new FakeChart(2);
    scheduler.request(chart);
    scheduler.remove(chart);
    await runFrames(scheduler, [], 3);
    assert.equal(chart.draws, 0);
    assert.equal(scheduler.slowness(chart), null);
  });
});
