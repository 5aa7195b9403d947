"""The names this route and the plot servers agree on, read from wire.json beside this module.

The TypeScript side's protocol module (`kernel-client/src/protocol.ts`) has the same names as
constants, written from the same file by `scripts/wire-constants.mjs`.
"""

import json
from pathlib import Path

_WIRE = json.loads((Path(__file__).parent / "wire.json").read_text(encoding="utf-8"))

SERVICE = _WIRE["service"]
"""The `service` of a plot server's identity answer."""

IDENTITY_PATH = _WIRE["identityPath"]
"""The plain HTTP GET path every plot server answers with its identity."""

ROUTE_NAME = _WIRE["routeName"]
"""The first path segment after the Jupyter server's base URL."""

ROUTE_HEADER = (_WIRE["routeHeader"], "1")
"""On every HTTP answer of the route (relayed or refused): how a viewer tells this extension's
answers, refusals included, from those of a Jupyter server without it."""

TOKEN_SEGMENT = _WIRE["tokenSegment"]
"""The path segment after ROUTE_NAME where the token handler answers: `<base_url>async-plotter/token/<port>`."""

TOKEN_FILE_PREFIX = _WIRE["tokenFilePrefix"]
"""How a plotter's token file in Jupyter's runtime directory is named: `<prefix><port>.json`."""
