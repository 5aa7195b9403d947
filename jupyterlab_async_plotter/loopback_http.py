"""A plain HTTP GET to a port on 127.0.0.1, its response handed to a delegate piece by piece.

The next piece of the body is read from the socket only once the delegate has taken the
previous one (a delegate's `data_received` may return an awaitable), so a slow reader of the
response holds back the sender instead of filling this server's memory.
"""

from tornado import httputil
from tornado.http1connection import HTTP1Connection, HTTP1ConnectionParameters
from tornado.tcpclient import TCPClient

LOOPBACK = "127.0.0.1"


class LoopbackGet:
    """One GET request; `close()` ends it at any time (the delegate then hears nothing more)."""

    def __init__(self, port, target, headers=None):
        self.port = port
        self.target = target
        self.headers = httputil.HTTPHeaders(headers or {})
        self._stream = None
        self._closed = False

    async def fetch(self, delegate, *, timeout, max_body_size):
        """Sends the request and feeds the response to `delegate` (an HTTPMessageDelegate).

        `timeout` bounds the connection and the wait for the response headers; the body has no
        time limit (its pace is the delegate's). Raises OSError, StreamClosedError or
        HTTPInputError when the peer is absent, closes early or does not speak HTTP.
        """
        client = TCPClient()
        try:
            self._stream = await client.connect(
                LOOPBACK, self.port, timeout=timeout, max_buffer_size=max_body_size + 65536
            )
        finally:
            client.close()
        if self._closed:
            self._stream.close()
            return
        params = HTTP1ConnectionParameters(
            no_keep_alive=True,
            header_timeout=timeout,
            max_body_size=max_body_size,
            decompress=False,
        )
        connection = HTTP1Connection(self._stream, True, params)
        self.headers["Host"] = f"{LOOPBACK}:{self.port}"
        self.headers["Connection"] = "close"
        self.headers["Accept-Encoding"] = "identity"
        try:
            connection.write_headers(
                httputil.RequestStartLine("GET", self.target, "HTTP/1.1"), self.headers
            )
            connection.finish()
            await connection.read_response(delegate)
        finally:
            self.close()

    def close(self):
        """Ends the request and frees its socket."""
        self._closed = True
        if self._stream is not None:
            self._stream.close()
