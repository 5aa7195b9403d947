"""`<base_url>async-plotter/token/<port>`: the token of a plotter, for the logged-in Jupyter user.

A notebook output holds no token (a saved notebook is shared); the panel asks here instead. The
token is given only to a request the route itself would carry (admission.py: Jupyter's login,
same site, allowed to execute kernels), only for a port whose listener passes the route's
checks (probe.py: this server's user, a plot server answering its identity), and only from a
token file that is safe to read (token_file.py). Answers are JSON, never cached
(`Cache-Control: no-store`), and carry the route's header; refusals are `{"message", "code"}`
as the route's. Neither answers nor the log ever hold the token.
"""

import json

from jupyter_core.paths import jupyter_runtime_dir
from jupyter_server.base.handlers import JupyterHandler

from .admission import check_jupyter_user
from .refusal import Refusal
from .target import PORT_PATTERN, ROUTE_HEADER, describe
from .token_file import read_token


class TokenHandler(JupyterHandler):
    """Answers `GET` with `{"token": ...}` for one port, or refuses with a plain reason."""

    def initialize(self, probe, runtime_dir=None):
        self.probe = probe
        self.runtime_dir = runtime_dir

    def set_default_headers(self):
        super().set_default_headers()
        self.set_header("Cache-Control", "no-store")
        self.set_header(*ROUTE_HEADER)

    async def get(self, port_text):
        try:
            check_jupyter_user(self, "execute")
            port = _port(port_text)
            await self.probe.check(port)
            token = read_token(self.runtime_dir or jupyter_runtime_dir(), port)
        except Refusal as refusal:
            self.refuse(port_text, refusal)
            return
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"token": token}))

    def refuse(self, port_text, refusal):
        """Answers with the reason, and logs it (never a token)."""
        self.log.warning(
            "async-plotter: refused the token of port %s to %s: %s",
            describe(port_text),
            self.request.remote_ip,
            refusal.reason,
        )
        self.set_status(refusal.status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": refusal.reason, "code": refusal.code}))


def _port(text):
    if not PORT_PATTERN.fullmatch(text) or int(text) > 65535:
        raise Refusal(404, "not-a-port", f"{describe(text)} is not a port number (1-65535)")
    return int(text)
