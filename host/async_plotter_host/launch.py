"""Starting a host app (JupyterLab's HostApp, or the Notebook 7 host's) from the command line:
`--port PORT --root DIR [--no-token] [--open PATH] [--without-server-extension]`.

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


def parse(argv, prog):
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
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


def server_arguments(options, app_class):
    root = options.root.resolve()
    if not root.is_dir():
        sys.exit(f"host: the server root {root} is not a folder")
    app = app_class.__name__
    arguments = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={options.port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
        "--KernelSpecManager.ensure_native_kernel=False",
        "--MappingKernelManager.default_kernel_name=deno",
        f"--{app}.announce_path={options.open}",
    ]
    if options.no_token:
        arguments += [
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--FileContentsManager.delete_to_trash=False",
            # The tests' settings and workspaces stay apart from the demo's.
            f"--{app}.state_dir={JUPYTER_DIR / (app_class.state_name + '-tests')}",
        ]
    return arguments


def main(load_app, prog, argv=None):
    """Prepares the scratch space, then starts the app class that `load_app()` returns."""
    options, extra = parse(sys.argv[1:] if argv is None else argv, prog)
    logging.basicConfig(level=logging.INFO, format="host: %(message)s")
    scratch.prepare()
    app_class = load_app()  # after prepare(): Jupyter reads its paths from the environment

    if options.without_server_extension:
        app_class.serverapp_config = {"jpserver_extensions": {"jupyterlab_async_plotter": False}}

    app_class.launch_instance(server_arguments(options, app_class) + extra)
