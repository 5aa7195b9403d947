"""Whether a port on 127.0.0.1 is served by a plot server of this project.

A plot server answers `GET /async-plotter/identity` with `{"service": "async-plotter",
"protocol": <n>}` (no token needed, nothing secret). The route asks that, and only that, of a
port before carrying anything to it; a port whose listening socket belongs to another user is
refused without being asked. Positive answers are remembered for a few seconds, so a viewer
that reconnects does not probe again; refusals are not remembered.
"""

import asyncio
import json
import os
import time

from tornado import httputil
from tornado.iostream import StreamClosedError

from .listener import loopback_listener_uids
from .loopback_http import LoopbackGet
from .refusal import Refusal
from .wire import IDENTITY_PATH, SERVICE

CONFIRMED_SECONDS = 10.0
TIMEOUT_SECONDS = 2.0
MAX_ANSWER_BYTES = 4096


class PlotServerProbe:
    """Checks ports; one probe at a time per port, the answer shared by every waiting request."""

    def __init__(self):
        self._uid = os.getuid() if hasattr(os, "getuid") else None
        self._confirmed = {}  # port -> time until which it is known to be a plot server
        self._pending = {}  # port -> the running probe (a future)

    async def check(self, port):
        """Returns when a plot server serves `port`; raises Refusal (with the reason) otherwise."""
        if self._confirmed.get(port, 0.0) > time.monotonic():
            return
        pending = self._pending.get(port)
        if pending is None:
            pending = asyncio.ensure_future(self._probe(port))
            self._pending[port] = pending
            pending.add_done_callback(lambda _: self._pending.pop(port, None))
        await asyncio.shield(pending)  # a waiter that goes away does not cancel the others' probe
        self._confirmed[port] = time.monotonic() + CONFIRMED_SECONDS

    def forget(self, port):
        """Drops what is known about `port` (its plot server stopped answering)."""
        self._confirmed.pop(port, None)

    async def _probe(self, port):
        owners = loopback_listener_uids(port)
        if owners is not None and not owners:
            raise Refusal(404, "nothing-listening", f"nothing listens on port {port}")
        if owners is not None and self._uid is not None and owners != {self._uid}:
            raise Refusal(403, "other-user", f"port {port} is served by another user's process")
        answer = _IdentityAnswer()
        request = LoopbackGet(port, IDENTITY_PATH, {"Accept": "application/json"})
        try:
            await request.fetch(answer, timeout=TIMEOUT_SECONDS, max_body_size=MAX_ANSWER_BYTES)
        except (OSError, StreamClosedError, httputil.HTTPInputError):
            pass
        reason = answer.refusal_reason()
        if reason is not None:
            raise Refusal(404, "not-a-plot-server", f"no plot server on port {port}: {reason}")


class _IdentityAnswer(httputil.HTTPMessageDelegate):
    """Collects the answer to the identity request (small: bounded by MAX_ANSWER_BYTES)."""

    def __init__(self):
        self.code = None
        self.chunks = []
        self.finished = False

    def headers_received(self, start_line, headers):
        self.code = start_line.code

    def data_received(self, chunk):
        self.chunks.append(chunk)

    def finish(self):
        self.finished = True

    def refusal_reason(self):
        """None when the answer is a plot server's identity, else why not, in plain words."""
        if self.code is None:
            return "it does not answer HTTP"
        if self.code != 200:
            return f"it answers the identity request with HTTP {self.code}"
        if not self.finished:
            return "its answer to the identity request was cut short"
        try:
            identity = json.loads(b"".join(self.chunks))
        except ValueError:
            return "its answer to the identity request is not JSON"
        if not isinstance(identity, dict) or identity.get("service") != SERVICE:
            return "it is another service"
        protocol = identity.get("protocol")
        if not isinstance(protocol, int) or isinstance(protocol, bool) or protocol < 1:
            return "its identity has no protocol version"
        return None
