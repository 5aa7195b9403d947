/**
 * A notebook plotter leaves its charts in its output for frontends without the extension: a
 * plain Jupyter client (Debian's jupyter_client) driving a Deno kernel sees the handle's
 * display_data with a display id, then at `close()` an update_display_data of the same id
 * carrying a static Vega-Lite spec of every chart with its drawn rows inlined, and text saying
 * what it holds. A cell that streams without closing its plotter gets one such update once it
 * has ended, none while it runs. The plotter's token is in no output.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DRIVER = fileURLToPath(new URL('./fixtures/closed-display.py', import.meta.url));

interface Described {
  type: 'display_data' | 'update_display_data';
  after_end: boolean;
  display_id: string | null;
  mimes: string[];
  text: string | null;
  html: string | null;
  vegalite: { title: string; charts: string[]; rows: Record<string, number> } | null;
}

test('close(), and the end of a streaming cell, update the handle output with a static figure of every chart', async () => {
  const work = `${ROOT}.scratch/closed-display`;
  mkdirSync(work, { recursive: true });
  const { stdout } = await promisify(execFile)(
    '/usr/bin/python3',
    [DRIVER, `${ROOT}node_modules/.bin/deno`, work],
    { cwd: ROOT, timeout: 240_000, env: { ...process.env, DENO_DIR: `${ROOT}.scratch/deno` } }
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
    token_seen: boolean;
    token_in_outputs: boolean;
    messages: Described[];
    streamed: Described[];
  };
  assert.equal(result.token_seen, true, 'the cell printed the token');
  assert.equal(result.token_in_outputs, false, 'no output holds the token');
  const [shown, update, ...more] = result.messages;
  assert.equal(more.length, 0, JSON.stringify(result.messages));
  assert.equal(shown.type, 'display_data');
  assert.match(shown.display_id ?? '', /\S/);
  assert.ok(shown.mimes.includes('application/vnd.async-plotter.handle+json'), shown.mimes.join());
  assert.equal(update.type, 'update_display_data');
  assert.equal(update.display_id, shown.display_id);
  assert.ok(update.mimes.includes('application/vnd.async-plotter.handle+json'));
  assert.deepEqual(update.vegalite?.charts, ['loss', 'bars']);
  assert.equal(update.vegalite?.title, 'closing run');
  // Every pushed bar; the 100,000-row curve decimated to what 600 pixel columns show.
  assert.equal(update.vegalite?.rows['bars/data'], 12);
  const curve = update.vegalite?.rows['loss/data'] ?? 0;
  assert.ok(curve > 100 && curve < 5000, `${curve} curve rows`);
  assert.match(
    update.text ?? '',
    /^Async Plotter "closing run" closed: 2 charts, [\d,]+ rows as drawn at 600 px\.$/
  );
  assert.match(update.html ?? '', /closing run/);

  // The streaming cell: its handle while it runs, one figure once it has ended.
  const [live, quiet, ...later] = result.streamed;
  assert.equal(later.length, 0, JSON.stringify(result.streamed));
  assert.equal(live.type, 'display_data');
  assert.equal(live.after_end, false);
  assert.equal(quiet?.type, 'update_display_data', JSON.stringify(result.streamed));
  assert.equal(quiet.display_id, live.display_id);
  assert.equal(quiet.after_end, true, 'no update while the cell ran');
  assert.deepEqual(quiet.vegalite?.charts, ['wave']);
  const wave = quiet.vegalite?.rows['wave/data'] ?? 0;
  assert.ok(wave > 100 && wave < 5000, `${wave} wave rows`);
  assert.match(
    quiet.text ?? '',
    /^Async Plotter "streaming run" as of \d\d:\d\d:\d\d UTC: 1 chart, [\d,]+ rows as drawn at 600 px\. Live plots at http:\/\/127\.0\.0\.1:\d+\//
  );
});
