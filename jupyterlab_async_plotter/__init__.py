"""Async Plotter for JupyterLab: the prebuilt labextension (the plot panel) and a jupyter_server
extension, the route that carries each plot server's traffic under the Jupyter server's own
address, so that plots reach every browser that reaches Jupyter (JupyterHub, remote servers,
SSH-forwarded ports) with nothing to configure; and the token handler, which gives the logged-in
user's panel the token of a plotter (notebook outputs do not hold it).
"""

from .probe import PlotServerProbe
from .route import route_handlers

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    """Where the prebuilt labextension is, for `jupyter labextension develop`."""
    return [{"src": "labextension", "dest": "jupyterlab-async-plotter"}]


def _jupyter_server_extension_points():
    """This module is the server extension."""
    return [{"module": "jupyterlab_async_plotter"}]


def _load_jupyter_server_extension(serverapp):
    """Adds the route `<base_url>async-plotter/<port>/...` and the token handler
    `<base_url>async-plotter/token/<port>` to the Jupyter server."""
    web_app = serverapp.web_app
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", route_handlers(base_url, PlotServerProbe()))
    serverapp.log.info(
        "async-plotter route: plot servers on this machine are reachable at %sasync-plotter/<port>/",
        base_url,
    )
