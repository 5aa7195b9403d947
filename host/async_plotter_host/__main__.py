"""Starts the host: `python3 -m async_plotter_host --port 8888 --root DIR [--no-token] [--open PATH]
[--without-server-extension]`.

Default (demo) mode: a random token, printed in the URL. Test mode (`--no-token`): no token, for
the UI tests on the loopback interface only. `--without-server-extension`: as a Jupyter server
where this project's server extension is not installed (the panel alone). Other arguments are
passed to jupyter_server.
"""

import argparse
import logging
import sys
from pathlib import Path

from . import scratch
from .paths import JUPYTER_DIR


def parse(argv):
    parser = argparse.ArgumentParser(prog="host", description=__doc__)
    parser.add_argument("--port", type=int, default=8888, help="the port to listen on")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the server's root folder")
    parser.add_argument("--open", default="", help="the document to print the URL of, from the root")
    parser.add_argument(
        "--no-token",
        action="store_true",
        help="test mode: no token, files deleted rather than trashed (loopback only)",
    )
    parser.add_argument(
        "--without-server-extension",
        action="store_true",
        help="do not load jupyterlab_async_plotter's server extension (the route, the tokens)",
    )
    return parser.parse_known_args(argv)


def server_arguments(options):
    root = options.root.resolve()
    if not root.is_dir():
        sys.exit(f"host: the server root {root} is not a folder")
    arguments = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={options.port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
        "--KernelSpecManager.ensure_native_kernel=False",
        "--MappingKernelManager.default_kernel_name=deno",
        f"--HostApp.announce_path={options.open}",
    ]
    if options.no_token:
        arguments += [
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--FileContentsManager.delete_to_trash=False",
            # The tests' settings and workspaces stay apart from the demo's.
            f"--HostApp.state_dir={JUPYTER_DIR / 'lab-tests'}",
        ]
    return arguments


def main(argv=None):
    options, extra = parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="host: %(message)s")
    scratch.prepare()
    from .app import HostApp  # after prepare(): Jupyter reads its paths from the environment

    if options.without_server_extension:
        HostApp.serverapp_config = {"jpserver_extensions": {"jupyterlab_async_plotter": False}}

    HostApp.launch_instance(server_arguments(options) + extra)


if __name__ == "__main__":
    main()
