"""A plain GET carried to a plot server, its response streamed back at the requester's pace.

Only a few request headers are passed on (what content is accepted, cache validators): never
cookies or authorization. Only the response's status and content headers come back: a plot
server cannot set cookies or other headers on the Jupyter server's site.
"""

from tornado import httputil
from tornado.iostream import StreamClosedError

from .loopback_http import LoopbackGet
from .target import ROUTE_HEADER
from .refusal import Refusal

TIMEOUT_SECONDS = 10.0
MAX_BODY_BYTES = 64 * 1024 * 1024
REQUEST_HEADERS = ("Accept", "Accept-Language", "If-None-Match", "If-Modified-Since")
RESPONSE_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Language",
    "Cache-Control",
    "Expires",
    "ETag",
    "Last-Modified",
)


async def relay_get(handler, target):
    """Answers `handler`'s GET with the plot server's answer to the same request."""
    asked = handler.request.headers
    headers = {name: asked[name] for name in REQUEST_HEADERS if name in asked}
    request = LoopbackGet(target.port, target.path, headers)
    handler.http_relay = request
    response = _ResponseRelay(handler)
    try:
        await request.fetch(response, timeout=TIMEOUT_SECONDS, max_body_size=MAX_BODY_BYTES)
    except (OSError, StreamClosedError, httputil.HTTPInputError):
        pass
    finally:
        handler.http_relay = None
    if not response.started:
        handler.probe.forget(target.port)
        reason = f"the plot server on port {target.port} did not answer"
        handler.refuse(Refusal(502, "plot-server-gone", reason))
    elif response.finished:
        handler.finish()
    else:
        handler.request.connection.close()  # cut short: the requester must see it was


class _ResponseRelay(httputil.HTTPMessageDelegate):
    """Writes the plot server's response to the handler, one piece at a time."""

    def __init__(self, handler):
        self.handler = handler
        self.started = False
        self.finished = False

    def headers_received(self, start_line, headers):
        self.started = True
        handler = self.handler
        handler.set_status(start_line.code, start_line.reason or None)
        handler.set_header("Content-Type", "application/octet-stream")
        handler.set_header("X-Content-Type-Options", "nosniff")
        handler.set_header(*ROUTE_HEADER)
        for name in RESPONSE_HEADERS:
            if name in headers:
                handler.set_header(name, headers[name])

    def data_received(self, chunk):
        self.handler.write(chunk)
        return self.handler.flush()

    def finish(self):
        self.finished = True
