"""The jupyter_server extension serving the JupyterLab frontend built in host/build."""

from jupyterlab_server import LabServerApp
from tornado.ioloop import IOLoop
from traitlets import Unicode, default

from . import stand_ins
from .paths import BUILD_DIR, HOST_DIR, JUPYTER_DIR, LABEXTENSIONS_DIR, REPO_DIR, package_json


class HostApp(LabServerApp):
    """JupyterLab from host/build, with prebuilt extensions from .scratch/labextensions."""

    name = "async_plotter_host"
    app_name = "JupyterLab"
    load_other_extensions = False
    # The project's server extension (the route to plot servers), from the checkout
    # (scripts/host.sh puts it on PYTHONPATH) or from an installed jupyterlab_async_plotter.
    serverapp_config = {"jpserver_extensions": {"jupyterlab_async_plotter": True}}

    # Where its user settings and workspaces go by default: .scratch/jupyter/<state_name>.
    state_name = "lab"

    announce_path = Unicode(
        "", config=True, help="A document, relative to the server root, whose URL to print at start."
    )
    state_dir = Unicode(config=True, help="Where user settings and workspaces are saved.")

    @default("state_dir")
    def _default_state_dir(self):
        return str(JUPYTER_DIR / self.state_name)

    @default("app_version")
    def _default_app_version(self):
        return package_json(REPO_DIR / "node_modules" / "@jupyterlab" / "application")["version"]

    @default("static_dir")
    def _default_static_dir(self):
        return str(BUILD_DIR / "static")

    @default("templates_dir")
    def _default_templates_dir(self):
        return str(HOST_DIR / "templates")

    @default("schemas_dir")
    def _default_schemas_dir(self):
        return str(BUILD_DIR / "schemas")

    @default("themes_dir")
    def _default_themes_dir(self):
        return str(BUILD_DIR / "themes")

    @default("app_settings_dir")
    def _default_app_settings_dir(self):
        return str(HOST_DIR / "settings")

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return f"{self.state_dir}/user-settings"

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return f"{self.state_dir}/workspaces"

    @default("labextensions_path")
    def _default_labextensions_path(self):
        return [str(LABEXTENSIONS_DIR)]

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.extend(stand_ins.handlers)
        IOLoop.current().add_callback(self._announce)

    def announced_url_path(self):
        """The path, under the server's URL, of the page that opens `announce_path`."""
        return f"lab/tree/{self.announce_path}" if self.announce_path else "lab"

    def _announce(self):
        """Print the URL that opens the application (with its token), once the server listens."""
        server = self.serverapp
        query = f"?token={server.token}" if server.token else ""
        url = f"{server.connection_url}{self.announced_url_path()}{query}"
        print(f"\n    Open {self.app_name} at: {url}\n", flush=True)
