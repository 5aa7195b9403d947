#!/usr/bin/env bash
# Starts the project's Jupyter Notebook 7 host (host/notebook/async_plotter_notebook) with Debian's
# Python, with the same options as scripts/host.sh:
#   bash scripts/notebook-host.sh --port 8896 --root demo [--open live-plot.ipynb] [--no-token]
# Build the frontend first: npm run build:notebook-host (and the extension: npm run build:lib
# build:labextension).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$repo/host/notebook/build/static/bundle.js" ]; then
  echo "notebook-host: the frontend is not built; run: npm run build:notebook-host" >&2
  exit 1
fi
# host/notebook holds this host, host/ the JupyterLab host it reuses, the repository root the
# server extension jupyterlab_async_plotter.
PYTHONPATH="$repo/host/notebook:$repo/host:$repo${PYTHONPATH:+:$PYTHONPATH}" \
  exec /usr/bin/python3 -m async_plotter_notebook "$@"
