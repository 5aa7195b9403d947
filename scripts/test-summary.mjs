// Adds up the node test runner's TAP totals and the JSON stats of Playwright runs into one
// closing line: node scripts/test-summary.mjs <node.tap> <playwright.json>...
// Both tiers retry a failed test once on CI: a test that passed only on its retry counts as
// passed and flaky. The node tier's retry (scripts/node-tests.mjs) is described by
// node-retry.json next to node.tap.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [tapPath, ...playwrightPaths] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };

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
  }
}
for (const playwrightPath of playwrightPaths) {
  if (!existsSync(playwrightPath)) {
    continue;
  }
  const stats = JSON.parse(readFileSync(playwrightPath, 'utf8')).stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  if (stats.flaky) {
    console.log(`UI tests that passed only on retry (flaky) in ${playwrightPath}: ${stats.flaky}`);
  }
  totals.flaky += stats.flaky ?? 0;
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
}
const ran = totals.passed + totals.failed;
console.log(
  `total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped, ` +
    `${totals.flaky} flaky`
);
process.exit(ran === 0 || totals.failed > 0 ? 1 : 0);
