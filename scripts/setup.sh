#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine, then builds everything.
# Idempotent: each step runs only when its result is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

# python3-socketio and python3-websocket (its websocket transport): the third-party viewer test;
# python3-numpy: numpy.load reads the .npy export of a field.
# python3-nbconvert: a saved notebook turned into HTML shows its plots (test/ui/saved-figure.spec.ts).
apt_packages=(chromium python3-jupyter-server python3-jupyterlab-server python3-jupyter-client
  python3-hatchling python3-venv python3-pip socat python3-socketio python3-websocket python3-numpy
  python3-nbconvert)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "setup: building the kernel client, the extension and the JupyterLab host"
npm run --silent build

# The Notebook 7 host (test/notebook7): built when missing or older than what it is built from.
notebook_bundle=host/notebook/build/static/bundle.js
notebook_sources=(host/notebook/package.json host/notebook/webpack.config.js host/notebook/src
  host/package.json host/core-bundle.js host/src package-lock.json)
if [ ! -f "$notebook_bundle" ] ||
  [ -n "$(find "${notebook_sources[@]}" -newer "$notebook_bundle" -print -quit)" ]; then
  echo "setup: building the Notebook 7 host"
  npm run --silent build:notebook-host
fi
