// A reporter for node's test runner: what each test file did, as JSON, for the retry of failed
// files in scripts/node-tests.mjs. Per file (absolute path): tests passed, failed (cancelled
// included, todo tests not), skipped (todo included), the names of the failed tests, and whether
// anything in it failed at all (a suite's hook, or the file itself, fails without a test).
//   node --test --test-reporter=./scripts/node-test-files.mjs --test-reporter-destination=<json>
export default async function* perFile(source) {
  const files = {};
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') {
      continue;
    }
    const { data } = event;
    const file = data.file ?? '';
    const entry = (files[file] ??= { passed: 0, failed: 0, skipped: 0, failures: [], ok: true });
    const failed = event.type === 'test:fail' && !data.todo;
    if (failed) {
      entry.ok = false;
    }
    if (data.details?.type === 'suite') {
      continue;
    }
    if (failed) {
      entry.failed++;
      entry.failures.push(data.name);
    } else if (data.skip || data.todo) {
      entry.skipped++;
    } else {
      entry.passed++;
    }
  }
  yield JSON.stringify(files, null, 2) + '\n';
}
