"""A JupyterLab 4 host served by jupyter_server: the project's demo and UI-test server."""

from .app import HostApp


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": HostApp}]
