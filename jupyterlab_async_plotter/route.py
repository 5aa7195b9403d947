"""The route: `<base_url>async-plotter/<port>/<rest>` carried to `http://127.0.0.1:<port>/<rest>`.

One handler takes both kinds of request on that address: a websocket upgrade (the socket.io link
of a viewer) is relayed message by message, text and binary frames unchanged, in both
directions; a plain GET is relayed as a streamed response. Before anything is carried:

1. the requester must be logged in to this Jupyter server (its own authentication, as every
   Jupyter handler) and, for a browser, come from the same site (Jupyter's origin check);
2. the port must be written plainly (1-65535) and be served by a plot server of this project
   (probe.py), on 127.0.0.1 always: the host is never taken from the request;
3. Jupyter's own `token` query parameter is removed, and no header of the requester (cookies,
   authorization) is passed on; the plotter's own token travels inside the socket.io handshake
   and is checked by the plot server itself.

Anything refused is answered with a plain reason (JSON `{"message": ...}`) and logged with the
port, the reason and the client's address, never with a token, a cookie or a query string.
"""

import json

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import httpclient, httputil
from tornado.iostream import StreamClosedError
from tornado.locks import Event
from tornado.websocket import WebSocketClosedError, WebSocketError, WebSocketHandler

from .admission import check_jupyter_user
from .http_relay import relay_get
from .refusal import Refusal
from .target import ROUTE_HEADER, ROUTE_NAME, describe, parse, port_segment
from .token_handler import TokenHandler
from .wire import TOKEN_SEGMENT
from .upstream_socket import UpstreamSocket, sendable_close

try:  # jupyter_server 2
    from jupyter_server.base.websocket import WebSocketMixin
except ImportError:  # jupyter_server 1
    from jupyter_server.base.zmqhandlers import WebSocketMixin

MAX_VIEWER_MESSAGE_BYTES = 1024 * 1024
"""Largest message taken from a viewer (plot servers accept far less: 16 KiB)."""


def route_handlers(base_url, probe, runtime_dir=None):
    """The tornado handler list of the route under `base_url`: the token handler first (its
    address would otherwise be the route's, refused as not naming a port), then the route.
    `runtime_dir`: where plotters keep their tokens, default Jupyter's runtime directory."""
    token_args = {"probe": probe, "runtime_dir": runtime_dir}
    return [
        (url_path_join(base_url, ROUTE_NAME, TOKEN_SEGMENT, "([^/]*)"), TokenHandler, token_args),
        (url_path_join(base_url, ROUTE_NAME, ".*"), RouteHandler, {"probe": probe}),
    ]


class RouteHandler(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """Carries one request (a websocket or a GET) to a plot server on 127.0.0.1."""

    def initialize(self, probe):
        self.probe = probe
        self.upstream = None
        self.upstream_gone = False
        self.viewer_open = Event()
        self.http_relay = None  # the GET being relayed, if any (http_relay.py)
        # What Jupyter's request log prints of this request: its path, never its query string
        # (which may hold Jupyter's token); the query is forwarded from `request.query`.
        self.request.uri = self.request.path

    @property
    def upgrade(self):
        """Whether this request asks for a websocket."""
        return self.request.headers.get("Upgrade", "").lower() == "websocket"

    @property
    def max_message_size(self):
        return MAX_VIEWER_MESSAGE_BYTES

    def set_default_headers(self):
        """Jupyter's page headers for plain GETs; none on a websocket upgrade."""
        if not self.upgrade:
            super().set_default_headers()

    async def get(self, *args, **kwargs):
        try:
            target = await self.admit()
        except Refusal as refusal:
            self.refuse(refusal)
            return
        if not self.upgrade:
            await relay_get(self, target)
            return
        url = f"ws://127.0.0.1:{target.port}{target.path}"
        try:
            self.upstream = await UpstreamSocket.connect(url, self.to_viewer, self.upstream_closed)
        except (OSError, StreamClosedError, WebSocketError, httpclient.HTTPClientError):
            self.probe.forget(target.port)
            reason = f"the plot server on port {target.port} refused the link"
            self.refuse(Refusal(502, "plot-server-gone", reason))
            return
        try:
            await super().get(*args, **kwargs)
        finally:
            self.end()

    async def admit(self):
        """The target of an acceptable request; raises Refusal otherwise."""
        check_jupyter_user(self, "execute" if self.upgrade else "read")
        target = parse(self.request.path, self.request.query, self.base_url)
        await self.probe.check(target.port)
        return target

    def refuse(self, refusal):
        """Answers a refused request with its reason, and logs it (no secrets)."""
        port = describe(port_segment(self.request.path, self.base_url))
        kind = "websocket" if self.upgrade else "GET"
        self.log.warning(
            "async-plotter route: refused %s to port %s from %s: %s",
            kind,
            port,
            self.request.remote_ip,
            refusal.reason,
        )
        self.set_status(refusal.status)
        self.set_header(*ROUTE_HEADER)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": refusal.reason, "code": refusal.code}))

    # The websocket: viewer side.

    def open(self, *args, **kwargs):
        super().open(*args, **kwargs)
        self.set_nodelay(True)  # small messages (acks, heartbeats) go out at once
        self.viewer_open.set()
        if self.upstream_gone:
            self.close()

    async def on_message(self, message):
        """A viewer's message, written on to the plot server before the next is read."""
        upstream = self.upstream
        if upstream is None:
            return
        try:
            await upstream.write_message(message, binary=isinstance(message, bytes))
        except WebSocketClosedError:
            self.close()

    def on_close(self):
        if self.ping_callback is not None:
            self.ping_callback.stop()
        self.end(*sendable_close(self.close_code, self.close_reason))

    # The websocket: plot server side.

    async def to_viewer(self, message):
        """A plot server's message, written on to the viewer before the next is read."""
        await self.viewer_open.wait()
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        try:
            await self.write_message(message, binary=isinstance(message, bytes))
        except WebSocketClosedError:
            pass  # on_close ends the link

    def upstream_closed(self, code, reason):
        self.upstream_gone = True
        self.upstream = None
        if self.viewer_open.is_set():
            self.close(*sendable_close(code, reason))

    def end(self, code=None, reason=None):
        """Closes the plot server's side (once) and releases a message waiting for the viewer."""
        upstream, self.upstream = self.upstream, None
        if upstream is not None:
            upstream.close(code, reason)
        self.viewer_open.set()

    def on_connection_close(self):
        """The client went away: ends a GET being relayed, or the websocket."""
        if self.http_relay is not None:
            self.http_relay.close()
        super().on_connection_close()
