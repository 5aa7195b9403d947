"""The jupyter_server extension serving the Notebook 7 frontend built in host/notebook/build.

Everything but the frontend and its pages is the JupyterLab host's (async_plotter_host): the
project's server extension, the prebuilt extensions of .scratch/labextensions, the Deno kernel,
the stand-ins, the scratch space, the page configuration (host/settings)."""

from pathlib import Path

from async_plotter_host.app import HostApp
from async_plotter_host.paths import REPO_DIR, package_json
from traitlets import Unicode, default

from . import pages

NOTEBOOK_HOST_DIR = Path(__file__).resolve().parent.parent
NOTEBOOK_BUILD_DIR = NOTEBOOK_HOST_DIR / "build"


class NotebookHostApp(HostApp):
    """Jupyter Notebook 7 from host/notebook/build, with the JupyterLab host's extensions and kernel."""

    name = "async_plotter_notebook"
    app_name = "Jupyter Notebook"
    extension_url = "/"
    file_url_prefix = "/tree"
    state_name = "notebook"
    default_url = Unicode("/tree", help="The default URL to redirect to from `/`")

    @default("app_version")
    def _default_app_version(self):
        return package_json(REPO_DIR / "node_modules" / "@jupyter-notebook" / "application")["version"]

    @default("static_dir")
    def _default_static_dir(self):
        return str(NOTEBOOK_BUILD_DIR / "static")

    @default("templates_dir")
    def _default_templates_dir(self):
        return str(NOTEBOOK_HOST_DIR / "templates")

    @default("schemas_dir")
    def _default_schemas_dir(self):
        return str(NOTEBOOK_BUILD_DIR / "schemas")

    @default("themes_dir")
    def _default_themes_dir(self):
        return str(NOTEBOOK_BUILD_DIR / "themes")

    def initialize_handlers(self):
        self.handlers.extend(pages.handlers)
        super().initialize_handlers()

    def announced_url_path(self):
        return f"notebooks/{self.announce_path}" if self.announce_path else "tree"
