"""What a route request names: the plot server's port, and the path and query to ask it for.

`<base_url>async-plotter/<port>/<rest>?<query>` names `http://127.0.0.1:<port>/<rest>?<query>`
without Jupyter's own `token` parameter. The host is never taken from the request.
"""

import re
from typing import NamedTuple
from urllib.parse import unquote_plus

from .refusal import Refusal
from .wire import ROUTE_HEADER, ROUTE_NAME

PORT_PATTERN = re.compile(r"[1-9][0-9]{0,4}")
JUPYTER_TOKEN_PARAMETER = "token"


class Target(NamedTuple):
    """A port on 127.0.0.1 and the request target (path and query) to send it."""

    port: int
    path: str


def parse(request_path, query, base_url):
    """The target named by a request's raw (still percent-encoded) path and query string.

    Raises Refusal(404) when the port segment is not a port number written plainly (1-65535,
    decimal digits, no sign or leading zero).
    """
    prefix = f"{base_url}{ROUTE_NAME}/"
    if not request_path.startswith(prefix):
        raise Refusal(404, "not-a-route", "not a route address")
    port_text, slash, rest = request_path[len(prefix) :].partition("/")
    if not PORT_PATTERN.fullmatch(port_text) or int(port_text) > 65535:
        raise Refusal(404, "not-a-port", f"{describe(port_text)} is not a port number (1-65535)")
    path = slash + rest if slash else "/"
    kept = without_jupyter_token(query)
    return Target(int(port_text), f"{path}?{kept}" if kept else path)


def without_jupyter_token(query):
    """The query string with every `token` parameter removed, the others kept as they were sent."""
    kept = [
        pair
        for pair in query.split("&")
        if pair and unquote_plus(pair.partition("=")[0]) != JUPYTER_TOKEN_PARAMETER
    ]
    return "&".join(kept)


def describe(port_text):
    """A port segment quoted for messages and logs: at most 16 characters, printable."""
    shown = port_text[:16] + ("…" if len(port_text) > 16 else "")
    return repr(shown)


def port_segment(request_path, base_url):
    """The raw text where a route address names its port (for messages and logs)."""
    prefix = f"{base_url}{ROUTE_NAME}/"
    return request_path[len(prefix) :].partition("/")[0] if request_path.startswith(prefix) else ""
