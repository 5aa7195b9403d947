"""The route's websocket to a plot server, read one message at a time.

Each message from the plot server is handed to `deliver`, a coroutine that returns once the
message is written on to the viewer; the next message is read from the plot server's socket
only then. A viewer that stops reading therefore stops this connection from reading, and the
plot server's own socket fills up instead of this server's memory.
"""

from tornado import httpclient, httputil
from tornado.websocket import WebSocketClientConnection

CONNECT_TIMEOUT_SECONDS = 5.0
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""Largest message taken from a plot server (one binary column of 8 million numbers)."""

SENDABLE_CLOSE_CODES = set(range(1000, 1004)) | set(range(1007, 1015)) | set(range(3000, 5000))


class UpstreamSocket(WebSocketClientConnection):
    """A websocket client whose reader waits for `deliver(message)` before reading on.

    `on_closed(code, reason)` is called once when the plot server's side is gone (closed by
    either end, or the socket failed).
    """

    def __init__(self, url, deliver, on_closed):
        request = httpclient.HTTPRequest(
            url, connect_timeout=CONNECT_TIMEOUT_SECONDS, request_timeout=CONNECT_TIMEOUT_SECONDS
        )
        request.headers = httputil.HTTPHeaders(request.headers)
        # Filled with the client defaults exactly as tornado.websocket.websocket_connect does.
        request = httpclient._RequestProxy(request, httpclient.HTTPRequest._DEFAULTS)
        self._deliver = deliver
        self._on_closed = on_closed
        super().__init__(request, max_message_size=MAX_MESSAGE_BYTES, subprotocols=None)

    @classmethod
    async def connect(cls, url, deliver, on_closed):
        """Opens the websocket to `url` (ws://127.0.0.1:<port>/...) and returns the connection."""
        connection = await cls(url, deliver, on_closed).connect_future
        connection.protocol.set_nodelay(True)  # small messages (acks) go out at once
        return connection

    def on_message(self, message):
        return self._deliver(message)

    def on_connection_close(self):
        super().on_connection_close()
        on_closed, self._on_closed = self._on_closed, None
        if on_closed is not None:
            on_closed(self.close_code, self.close_reason)


def sendable_close(code, reason):
    """The close code and reason to pass on to the other side, or (None, None) when the code
    is one that must not be sent in a close frame (e.g. 1005, 1006)."""
    if code in SENDABLE_CLOSE_CODES:
        return code, reason
    return None, None
