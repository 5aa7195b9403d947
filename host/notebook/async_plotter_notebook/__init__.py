"""A Jupyter Notebook 7 host served by jupyter_server: the project's Notebook 7 test server."""

from .app import NotebookHostApp


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": NotebookHostApp}]
