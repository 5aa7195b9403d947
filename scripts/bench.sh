#!/usr/bin/env bash
# Runs every benchmark: the kernel client under Node and Deno (push cost, compute-loop slowdown
# with and without a window, latency, memory), the panel's streaming in Chromium against
# re-embedding, the panel's and the viewer page's frame rates with and without a cap,
# decimation (worker CPU per frame, a zoom's rows, 1e6/1e7 streamed rows in Chromium against
# every row to Vega, kernel memory, a billion pushes under the memory budget, the panel in
# JupyterLab), the computing thread under the hostile tests' attacks, then the Jupyter server's
# route against the direct link, then dashboards of 1 to 64 charts in the viewer page and the
# panel, then fields (a 1024² and a 4096² field beside a line chart, the rect heatmap, the
# computing thread's copy and the worker's reduction). Each prints medians with their spread and ratios against a baseline measured in the
# same run; those that assert targets exit 1 when one is not met. Every benchmark runs; the
# script exits 1 at the end if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
failed=()
run() {
  "$@" || failed+=("$*")
}
run bash bench/kernel-client/run.sh
run node --import tsx bench/panel/run.ts
run npx playwright test -c bench/panel/rate.config.ts
run node --import tsx bench/decimation/run.ts
run node --import tsx bench/hostile/run.ts
run node --import tsx bench/route/run.ts
run node --import tsx bench/dashboard/run.ts
run node --import tsx bench/field/run.ts
if [ ${#failed[@]} -gt 0 ]; then
  printf 'benchmark failed or target not met: %s\n' "${failed[@]}"
  exit 1
fi
