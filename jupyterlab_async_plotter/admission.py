"""Who may use the route and the token handler: Jupyter's own checks, as for kernels.

The requester must be logged in to this Jupyter server (its authentication), and a browser must
come from the server's own site (Jupyter's origin check); the Jupyter user must be allowed to
use kernels (`action` is Jupyter's authorizer action: `read` or `execute`).
"""

from .refusal import Refusal


def check_jupyter_user(handler, action):
    """Returns when `handler`'s request may go on; raises Refusal (with the reason) otherwise."""
    user = handler.current_user
    if not user:
        raise Refusal(403, "not-logged-in", "not logged in to this Jupyter server")
    if not handler.check_origin():
        raise Refusal(403, "other-site", "the request comes from another site")
    if not handler.authorizer.is_authorized(handler, user, action, "kernels"):
        raise Refusal(403, "not-allowed", f"this Jupyter user may not {action} kernels")
