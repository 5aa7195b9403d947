#!/usr/bin/env bash
# Runs every test: unit and integration (node's test runner; the integration tests drive the real
# kernel client under Node and Deno with real socket.io viewers), then the UI tests (galata in
# headless Chromium against a real JupyterLab 4 with a Deno kernel, and the Playwright project
# notebook7 against a real Jupyter Notebook 7 with the same extension), then the UI tests of the
# remote case (the browser in a network namespace that reaches only the Jupyter server:
# scripts/remote-ui.sh), after lint. On CI (CI set) every tier retries a failed test once (the
# node tier re-runs the failed files: scripts/node-tests.mjs) and counts a test that passed only
# on its retry as flaky. Prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
# Minutes since the start, on each tier's heading: where the suite's time goes.
elapsed() { printf '%d:%02d' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }
bash scripts/setup.sh || exit 1

echo "== lint (prettier, eslint) at $(elapsed)"
npm run --silent lint
lint_status=$?

mkdir -p .scratch/test-reports
# Reports of an earlier run must not stand in for a tier that does not run this time.
rm -f .scratch/test-reports/*.json .scratch/test-reports/*.tap
shopt -s globstar nullglob
node_files=(test/unit/**/*.test.ts test/integration/**/*.test.ts)

node_status=0
if [ ${#node_files[@]} -gt 0 ]; then
  echo "== unit and integration tests (${#node_files[@]} files) at $(elapsed)"
  # On CI a failed file runs once more; one that passes then is reported as flaky.
  node scripts/node-tests.mjs "${node_files[@]}"
  node_status=$?
fi

echo "== UI tests (galata, Chromium, JupyterLab 4 and Notebook 7, Deno kernel) at $(elapsed)"
PLAYWRIGHT_JSON_OUTPUT_NAME=.scratch/test-reports/ui.json \
  npx playwright test --reporter=list,json
ui_status=$?

echo "== remote UI tests at $(elapsed)"
bash scripts/remote-ui.sh
remote_status=$?
echo "== all tiers ran in $(elapsed)"

node scripts/test-summary.mjs .scratch/test-reports/node.tap .scratch/test-reports/ui.json \
  .scratch/test-reports/remote-root.json .scratch/test-reports/remote-prefix.json
summary_status=$?
failed_steps=()
[ $lint_status -ne 0 ] && failed_steps+=("lint")
[ $node_status -ne 0 ] && failed_steps+=("unit and integration tests")
[ $ui_status -ne 0 ] && failed_steps+=("UI tests")
[ $remote_status -ne 0 ] && failed_steps+=("remote UI tests")
[ $summary_status -ne 0 ] && failed_steps+=("test summary")
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "FAILED: $(IFS=,; echo "${failed_steps[*]}" | sed 's/,/, /g')"
  exit 1
fi
