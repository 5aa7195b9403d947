"""Where the host finds its frontend, and where everything it writes goes (the project's .scratch)."""

import json
from pathlib import Path

HOST_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = HOST_DIR.parent
BUILD_DIR = HOST_DIR / "build"
SCRATCH_DIR = REPO_DIR / ".scratch"
JUPYTER_DIR = SCRATCH_DIR / "jupyter"
LABEXTENSIONS_DIR = SCRATCH_DIR / "labextensions"
EXTENSION_BUILD_DIR = REPO_DIR / "jupyterlab_async_plotter" / "labextension"


def package_json(path):
    """The parsed package.json in a directory."""
    return json.loads((Path(path) / "package.json").read_text(encoding="utf-8"))
