"""Starts the Notebook 7 host: `python3 -m async_plotter_notebook --port 8896 --root DIR
[--no-token] [--open PATH] [--without-server-extension]`, as the JupyterLab host
(async_plotter_host/launch.py)."""

from async_plotter_host.launch import main


def load_app():
    from .app import NotebookHostApp

    return NotebookHostApp


if __name__ == "__main__":
    main(load_app, prog="notebook-host")
