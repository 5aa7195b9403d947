"""Prepares the project's scratch space: environment, Deno kernelspec, prebuilt extension link.

Everything the server, the kernels and Deno write goes under .scratch/, nothing under $HOME.
"""

import json
import logging
import os
import subprocess
from pathlib import Path

from .paths import EXTENSION_BUILD_DIR, JUPYTER_DIR, LABEXTENSIONS_DIR, REPO_DIR, SCRATCH_DIR, package_json

log = logging.getLogger(__name__)

DENO_DIR = SCRATCH_DIR / "deno"


def environment():
    """Variables pointing every Jupyter, Deno and XDG location into .scratch."""
    return {
        "JUPYTER_CONFIG_DIR": str(JUPYTER_DIR / "config"),
        "JUPYTER_DATA_DIR": str(JUPYTER_DIR / "data"),
        "JUPYTER_RUNTIME_DIR": str(JUPYTER_DIR / "runtime"),
        "IPYTHONDIR": str(SCRATCH_DIR / "ipython"),
        "TMPDIR": str(SCRATCH_DIR / "tmp"),
        "DENO_DIR": str(DENO_DIR),
        "DENO_NO_UPDATE_CHECK": "1",
        "XDG_CONFIG_HOME": str(SCRATCH_DIR / "xdg" / "config"),
        "XDG_CACHE_HOME": str(SCRATCH_DIR / "xdg" / "cache"),
        "XDG_DATA_HOME": str(SCRATCH_DIR / "xdg" / "data"),
    }


def deno_executable():
    """The Deno binary installed by the npm package `deno` (its platform package, or its copy)."""
    candidates = sorted((REPO_DIR / "node_modules" / "@deno").glob("*/deno"))
    candidates.append((REPO_DIR / "node_modules" / ".bin" / "deno").resolve())
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise FileNotFoundError("No Deno binary in node_modules: run `npm ci` at the repository root.")


def write_kernelspec(data_dir):
    """Writes the Deno kernelspec with the kernel client's own command (async-plotter-kernelspec):
    the kernel runs under its launcher, so interrupts end any plotting cell and never the kernel."""
    deno = str(deno_executable())
    cli = REPO_DIR / "kernel-client" / "lib" / "kernel" / "kernelspec-cli.js"
    if not cli.is_file():
        raise FileNotFoundError(f"{cli} is missing: run `npm run build -w async-plotter`.")
    subprocess.run(
        [deno, "run", "--allow-all", "--no-config", "--no-lock", str(cli), "install",
         "--data-dir", str(data_dir), "--name", "deno", "--deno", deno, "--display-name", "Deno",
         "--env", f"DENO_DIR={DENO_DIR}", "--env", "DENO_NO_UPDATE_CHECK=1"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DENO_DIR": str(DENO_DIR), "DENO_NO_UPDATE_CHECK": "1"},
    )


def link_extension():
    """Links the built extension into .scratch/labextensions/<name>, as a pip install would."""
    name = package_json(REPO_DIR)["name"]
    link = LABEXTENSIONS_DIR / name
    LABEXTENSIONS_DIR.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        if link.resolve() == EXTENSION_BUILD_DIR.resolve():
            return
        link.unlink()
    link.symlink_to(EXTENSION_BUILD_DIR, target_is_directory=True)
    if not (EXTENSION_BUILD_DIR / "package.json").exists():
        log.warning(
            "The extension %s is not built (no %s): JupyterLab will start without it. "
            "Build it with `npm run build:lib && npm run build:labextension`.",
            name,
            EXTENSION_BUILD_DIR / "package.json",
        )


def prepare():
    """Sets the environment of this process (inherited by kernels) and writes the scratch files."""
    env = environment()
    os.environ.update(env)
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR", "TMPDIR", "DENO_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    for key in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    write_kernelspec(env["JUPYTER_DATA_DIR"])
    link_extension()
