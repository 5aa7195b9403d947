/**
 * A recorded run survives its process: a Node and a Deno script record a plotter's charts while
 * a synchronous loop pushes, and are killed with SIGKILL mid-loop. The run folder read back as a
 * user would (apache-arrow's stream reader, the JSON files as JSON) holds every row pushed more
 * than a second before the kill, in order, the windowed chart's too, its strings intact, and
 * says that the run never ended.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RecordBatchReader } from 'apache-arrow';
import { RUNTIMES, startFixture } from '../support/runtimes.ts';
import { ROOT } from '../support/repo-root.ts';

const FIXTURE = `${ROOT}test/integration/fixtures/record-run.ts`;

/** Every row of an Arrow IPC stream file; a torn last batch ends the reading. */
function readRows(path: string): { rows: Record<string, unknown>[]; torn: boolean } {
  const rows: Record<string, unknown>[] = [];
  try {
    for (const batch of RecordBatchReader.from(readFileSync(path))) {
      for (const row of batch) {
        rows.push(row!.toJSON() as Record<string, unknown>);
      }
    }
    return { rows, torn: false };
  } catch {
    return { rows, torn: true };
  }
}

for (const runtime of RUNTIMES) {
  test(`${runtime}: a run killed with SIGKILL keeps every row pushed up to a second before`, async t => {
    const root = mkdtempSync(join(tmpdir(), 'record-under-test-'));
    try {
      const fixture = await startFixture(runtime, FIXTURE, [root], 'record-run');
      fixture.go();
      await new Promise(resolve => setTimeout(resolve, 3000));
      const killedAt = Date.now();
      fixture.child.kill('SIGKILL');
      await fixture.exited();

      const [folder, ...others] = readdirSync(root);
      assert.equal(others.length, 0, 'one run folder');
      assert.match(folder, /^recorded%20run-\d{8}T\d{6}Z-\d+$/);
      const run = JSON.parse(readFileSync(join(root, folder, 'run.json'), 'utf8')) as {
        title: string;
        ended: unknown;
      };
      assert.equal(run.title, 'recorded run');
      assert.equal(run.ended, null, 'the run says it never ended');
      const charts = JSON.parse(readFileSync(join(root, folder, 'charts.json'), 'utf8')) as Record<
        string,
        { spec: unknown; datasets: Record<string, string> }
      >;
      assert.deepEqual(Object.keys(charts).sort(), ['all', 'recent']);

      for (const chart of ['all', 'recent']) {
        const file = join(root, folder, charts[chart].datasets.data);
        const { rows } = readRows(file);
        assert.ok(rows.length > 1000, `${chart}: ${rows.length} rows`);
        rows.forEach((row, k) => assert.equal(row.i, k, `${chart}: row ${k} is the ${k}th pushed`));
        const last = rows.at(-1)?.t as number;
        t.diagnostic(
          `${chart}: ${rows.length} rows, the last pushed ${killedAt - last} ms before the kill`
        );
        assert.ok(
          last >= killedAt - 1000,
          `${chart}: the last row kept was pushed ${killedAt - last} ms before the kill`
        );
        if (chart === 'recent') {
          assert.equal(rows[3].s, 'row 3');
          assert.equal(rows[4].s, null);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('a record folder that cannot be made: one warning, and the plotter goes on', async () => {
  const root = mkdtempSync(join(tmpdir(), 'record-under-test-'));
  try {
    const file = join(root, 'a file');
    writeFileSync(file, '');
    const fixture = await startFixture('node', FIXTURE, [join(file, 'runs')], 'record-run');
    fixture.go();
    await new Promise(resolve => setTimeout(resolve, 1500));
    assert.equal(fixture.child.exitCode, null, 'the script still runs');
    fixture.child.kill('SIGKILL');
    await fixture.exited();
    const warnings = fixture.stderr().match(/recording stopped \([^)]*\); the live plot goes on/g);
    assert.equal(warnings?.length, 1, fixture.stderr());
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
