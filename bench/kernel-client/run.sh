#!/usr/bin/env bash
# Runs the kernel-client benchmarks under Node and Deno: bash bench/kernel-client/run.sh [push|compute|latency|memory]
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build -w async-plotter >/dev/null
node --import tsx bench/kernel-client/kernel-client.bench.ts "$@"
node_modules/.bin/deno run -A bench/kernel-client/kernel-client.bench.ts "$@"
