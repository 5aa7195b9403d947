"""A request the route will not carry, with the HTTP status and the plain reason given back."""


class Refusal(Exception):
    """Raised while checking a route request; the handler answers `status` with `reason`.

    `code` names the kind of refusal for programs (a viewer decides from it what to try next);
    `reason` is for people. The codes are listed in docs/route.md.
    """

    def __init__(self, status, code, reason):
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
