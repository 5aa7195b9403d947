"""Stand-ins for two endpoints that JupyterLab 4 calls and jupyter_server 1.23 does not have."""

import json

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from tornado import web
from tornado.websocket import WebSocketHandler


class IdentityHandler(APIHandler):
    """`GET /api/me`: the current user's identity, in jupyter_server 2's format."""

    @web.authenticated
    def get(self):
        user = self.current_user
        name = user.get("name", "anonymous") if isinstance(user, dict) else str(user or "anonymous")
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": identity, "permissions": {}}))


class EventsHandler(WebSocketMixin, WebSocketHandler, JupyterHandler):
    """`/api/events/subscribe`: an authenticated websocket on which no event is ever emitted."""

    def set_default_headers(self):
        """Skip JupyterHandler's page headers, meaningless on a websocket."""

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        """Clients never send anything meaningful here."""


handlers = [
    (r"/api/me", IdentityHandler),
    (r"/api/events/subscribe", EventsHandler),
]
