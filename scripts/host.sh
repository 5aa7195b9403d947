#!/usr/bin/env bash
# Starts the project's JupyterLab host (host/async_plotter_host) with Debian's Python:
#   bash scripts/host.sh --port 8888 --root demo [--open live-plot.ipynb] [--no-token]
# Without --no-token (demo mode) the server has a random token and prints the URL to open.
# Build the frontend first: npm run build:host (and the extension: npm run build:lib build:labextension).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$repo/host/build/static/bundle.js" ]; then
  echo "host: the frontend is not built; run: npm run build:host" >&2
  exit 1
fi
# host/ holds the host itself; the repository root holds the server extension jupyterlab_async_plotter.
PYTHONPATH="$repo/host:$repo${PYTHONPATH:+:$PYTHONPATH}" exec /usr/bin/python3 -m async_plotter_host "$@"
