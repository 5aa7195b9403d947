// Runs test files with node's test runner (one file at a time), under the browser tiers'
// flaky-test policy: on CI (CI set) the files that failed run once more, and a file that
// passes then counts as flaky, not failed; a test that fails twice fails.
//   node scripts/node-tests.mjs <test files>...
// Reports in .scratch/test-reports/: node.tap and node-files.json (per file, see
// node-test-files.mjs) of the run; after a retry, node-retry.tap, node-retry-files.json and
// node-retry.json (the files retried, those that passed on the retry with the tests that had
// failed, those that failed twice), which scripts/test-summary.mjs reads next to node.tap.
// Exits 0 when every file passed, on the first run or on its retry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const reports = resolve(root, '.scratch/test-reports');
const reporter = pathToFileURL(resolve(import.meta.dirname, 'node-test-files.mjs')).href;
const files = process.argv.slice(2);
const ci = Boolean(process.env.CI);
const runtime = resolve(root, '.scratch/jupyter-runtime');

mkdirSync(reports, { recursive: true });
for (const name of ['node.tap', 'node-files.json', 'node-retry.tap', 'node-retry-files.json']) {
  rmSync(resolve(reports, name), { force: true });
}
rmSync(resolve(reports, 'node-retry.json'), { force: true });

/** Runs `paths`; the runner's exit status and what each file did. */
function run(paths, name) {
  const perFile = resolve(reports, `${name}-files.json`);
  const { status } = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${resolve(reports, `${name}.tap`)}`,
      `--test-reporter=${reporter}`,
      `--test-reporter-destination=${perFile}`,
      ...paths
    ],
    // Plotters keep their tokens in Jupyter's runtime directory: the tests' in the scratch space.
    { cwd: root, stdio: 'inherit', env: { JUPYTER_RUNTIME_DIR: runtime, ...process.env } }
  );
  const outcome = existsSync(perFile) ? JSON.parse(readFileSync(perFile, 'utf8')) : {};
  return { status: status ?? 1, outcome };
}

const first = run(files, 'node');
if (first.status === 0) {
  process.exit(0);
}
const failed = Object.entries(first.outcome).filter(([, entry]) => !entry.ok);
// A failure outside any file (the runner itself) cannot be retried.
const retriable = failed.length > 0 && failed.every(([file]) => file !== '');
if (!ci || !retriable) {
  process.exit(1);
}

const retried = failed.map(([file]) => file);
console.log(
  `\n== retrying the ${retried.length} failed test file(s) once (CI): ` +
    retried.map(file => relative(root, file)).join(', ')
);
const second = run(retried, 'node-retry');
const flaky = [];
const failedTwice = [];
for (const [file, entry] of failed) {
  const again = second.outcome[file];
  if (again?.ok && again.failed === 0) {
    flaky.push({ file: relative(root, file), failed: entry.failed, tests: entry.failures });
  } else {
    failedTwice.push(relative(root, file));
  }
}
writeFileSync(
  resolve(reports, 'node-retry.json'),
  JSON.stringify(
    { retried: retried.map(file => relative(root, file)), flaky, failedTwice },
    null,
    2
  )
);
for (const { file, tests } of flaky) {
  console.log(`passed only on retry (flaky): ${file}: ${tests.join('; ') || 'the file itself'}`);
}
process.exit(second.status === 0 && failedTwice.length === 0 ? 0 : 1);
