#!/usr/bin/env bash
# One command on a fresh Debian machine after `git clone` (as root or with sudo): installs what is
# missing (Debian packages, npm packages), builds everything, then starts JupyterLab with the
# extension and a Deno kernel on 127.0.0.1:${PORT:-8888}, serving demo/ with live-plot.ipynb.
# Prints the URL (with its token) that opens the notebook. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
exec bash scripts/host.sh --port "${PORT:-8888}" --root demo --open live-plot.ipynb
