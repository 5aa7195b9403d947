"""The jupyter_server extension serving the JupyterLab frontend built in host/build."""

from jupyterlab_server import LabServerApp
from tornado.ioloop import IOLoop
from traitlets import Unicode

from . import stand_ins
from .paths import BUILD_DIR, HOST_DIR, JUPYTER_DIR, LABEXTENSIONS_DIR, REPO_DIR, package_json


class HostApp(LabServerApp):
    """JupyterLab from host/build, with prebuilt extensions from .scratch/labextensions."""

    name = "async_plotter_host"
    app_name = "JupyterLab"
    load_other_extensions = False
    app_version = package_json(REPO_DIR / "node_modules" / "@jupyterlab" / "application")["version"]
    static_dir = str(BUILD_DIR / "static")
    templates_dir = str(HOST_DIR / "templates")
    schemas_dir = str(BUILD_DIR / "schemas")
    themes_dir = str(BUILD_DIR / "themes")
    app_settings_dir = str(HOST_DIR / "settings")
    user_settings_dir = str(JUPYTER_DIR / "lab" / "user-settings")
    workspaces_dir = str(JUPYTER_DIR / "lab" / "workspaces")
    labextensions_path = [str(LABEXTENSIONS_DIR)]

    announce_path = Unicode(
        "", config=True, help="A document, relative to the server root, whose URL to print at start."
    )

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.extend(stand_ins.handlers)
        IOLoop.current().add_callback(self._announce)

    def _announce(self):
        """Print the URL that opens the application (with its token), once the server listens."""
        server = self.serverapp
        path = f"lab/tree/{self.announce_path}" if self.announce_path else "lab"
        query = f"?token={server.token}" if server.token else ""
        print(f"\n    Open JupyterLab at: {server.connection_url}{path}{query}\n", flush=True)
