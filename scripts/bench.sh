#!/usr/bin/env bash
# Runs every benchmark: the kernel client under Node and Deno (push cost, compute-loop slowdown
# with and without a window, latency, memory), the panel's streaming in Chromium against
# re-embedding, decimation (worker CPU per frame, 1e6/1e7 streamed rows in Chromium against
# every row to Vega, kernel memory, a billion pushes under the memory budget), then the Jupyter
# server's route against the direct link, then dashboards of 1 to 64 charts in the viewer page and
# the panel. Each prints medians with their spread and ratios
# against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/kernel-client/run.sh
node --import tsx bench/panel/run.ts
node --import tsx bench/decimation/run.ts
node --import tsx bench/route/run.ts
node --import tsx bench/dashboard/run.ts
