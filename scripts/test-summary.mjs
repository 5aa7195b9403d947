// Adds up the node test runner's TAP totals and the JSON stats of Playwright runs into one
// closing line: node scripts/test-summary.mjs <node.tap> <playwright.json>...
// Both tiers retry a failed test once on CI: a test that passed only on its retry counts as
// passed and flaky. The node tier's retry (scripts/node-tests.mjs) is described by
// node-retry.json next to node.tap. The tests that failed are named last, with the first line of
// their error, so that the end of a long log says what to fix; so is a tier that wrote no
// report or failed as a whole (a web server that could not start).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [tapPath, ...playwrightPaths] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
/** One line per failed test: where it is, its title and the first line of its error. */
const failures = [];
/** The terminal colour codes Playwright leaves in its error messages. */
const colourCodes = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The failed tests of a Playwright JSON report (its suites nest by file and describe block). */
function playwrightFailures(suite, titles = []) {
  const path =
    suite.title && !suite.file?.endsWith(suite.title) ? [...titles, suite.title] : titles;
  for (const child of suite.suites ?? []) {
    playwrightFailures(child, path);
  }
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'unexpected') {
        continue;
      }
      const last = test.results?.at(-1);
      const message = (last?.error?.message ?? last?.status ?? '').replace(colourCodes, '');
      const firstLine = message.split('\n').find(line => line.trim() !== '') ?? '';
      failures.push(
        `[${test.projectName}] ${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}: ` +
          firstLine.trim().slice(0, 300)
      );
    }
  }
}

if (tapPath && existsSync(tapPath)) {
  const tap = readFileSync(tapPath, 'utf8');
  const count = name => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  const retryPath = join(dirname(tapPath), 'node-retry.json');
  if (existsSync(retryPath)) {
    // The first run's failures in files that passed on their retry.
    const { flaky = [] } = JSON.parse(readFileSync(retryPath, 'utf8'));
    for (const { file, failed, tests } of flaky) {
      totals.passed += failed;
      totals.failed -= failed;
      totals.flaky += Math.max(failed, 1);
      console.log(`node tests that passed only on retry (flaky) in ${file}: ${tests.join('; ')}`);
    }
    for (const file of JSON.parse(readFileSync(retryPath, 'utf8')).failedTwice ?? []) {
      failures.push(`[node] ${file}: failed on its retry too`);
    }
  } else {
    for (const match of tap.matchAll(/^\s*not ok \d+ - (.*)$/gm)) {
      failures.push(`[node] ${match[1]}`);
    }
  }
}
for (const playwrightPath of playwrightPaths) {
  if (!existsSync(playwrightPath)) {
    // A tier that never started (its server's port taken, a config error) wrote no report.
    failures.push(`${playwrightPath}: no report: the tier did not run (its output above says why)`);
    totals.failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(playwrightPath, 'utf8'));
  for (const error of report.errors ?? []) {
    const firstLine = (error.message ?? '').replace(colourCodes, '').split('\n')[0];
    failures.push(`${playwrightPath}: the run failed: ${firstLine.trim().slice(0, 300)}`);
    totals.failed++;
  }
  for (const suite of report.suites ?? []) {
    playwrightFailures(suite);
  }
  const stats = report.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  if (stats.flaky) {
    console.log(`UI tests that passed only on retry (flaky) in ${playwrightPath}: ${stats.flaky}`);
  }
  totals.flaky += stats.flaky ?? 0;
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}
for (const failure of failures) {
  console.log(`failed: ${failure}`);
}
const ran = totals.passed + totals.failed;
console.log(
  `total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ` +
    `${totals.flaky} flaky`
);
process.exit(ran === 0 || totals.failed > 0 ? 1 : 0);
