"""A request the route will not carry, with the HTTP status and the plain reason given back."""


class Refusal(Exception):
    """Raised while checking a route request; the handler answers `status` with `reason`."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason
