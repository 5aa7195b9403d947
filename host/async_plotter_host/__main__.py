"""Starts the JupyterLab host: `python3 -m async_plotter_host --port 8888 --root DIR [--no-token]
[--open PATH] [--without-server-extension]` (see launch.py)."""

from .launch import main


def load_app():
    from .app import HostApp

    return HostApp


if __name__ == "__main__":
    main(load_app, prog="host")
