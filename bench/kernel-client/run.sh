#!/usr/bin/env bash
# Runs the kernel-client benchmarks under Node and Deno: bash bench/kernel-client/run.sh [push|compute|latency|memory]
# Exits 1 when an asserted target ((c) latency) is not met under either runtime.
set -uo pipefail
cd "$(dirname "$0")/../.."
npm run build -w async-plotter >/dev/null || exit 1
status=0
node --import tsx bench/kernel-client/kernel-client.bench.ts "$@" || status=1
node_modules/.bin/deno run -A bench/kernel-client/kernel-client.bench.ts "$@" || status=1
exit $status
