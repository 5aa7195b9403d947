"""A plotter's token as its kernel keeps it: `async-plotter-<port>.json` in Jupyter's runtime
directory, written by the kernel client (`kernel-client/src/showing/token-file.ts`) owner-only.

The file is read only when it is a regular file (not a link), owned by this server's own user,
with mode 0600 exactly, and names the port asked for: a file anyone else could have written or
read is no place to take a secret from.
"""

import json
import os
import stat
from pathlib import Path

from .refusal import Refusal
from .wire import TOKEN_FILE_PREFIX

MAX_FILE_BYTES = 4096


def token_file_path(runtime_dir, port):
    """Where the kernel client keeps the token of the plot server on `port`."""
    return Path(runtime_dir) / f"{TOKEN_FILE_PREFIX}{port}.json"


def read_token(runtime_dir, port):
    """The token of the plot server on `port`; raises Refusal when no safe file holds it."""
    path = token_file_path(runtime_dir, port)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Refusal(
            404, "no-token-file", f"no plotter of this Jupyter user keeps a token for port {port}"
        ) from None
    except OSError:
        raise Refusal(403, "unsafe-token-file", f"the token file of port {port} cannot be read")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refusal(403, "unsafe-token-file", f"the token file of port {port} is not a file")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise Refusal(
                403, "unsafe-token-file", f"the token file of port {port} belongs to another user"
            )
        if stat.S_IMODE(info.st_mode) != 0o600:
            raise Refusal(
                403,
                "unsafe-token-file",
                f"the token file of port {port} has mode {stat.S_IMODE(info.st_mode):o}, not 600",
            )
        data = os.read(fd, MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    return _token_of(data, port)


def _token_of(data, port):
    unreadable = Refusal(403, "unsafe-token-file", f"the token file of port {port} is unreadable")
    if len(data) > MAX_FILE_BYTES:
        raise unreadable
    try:
        content = json.loads(data)
    except ValueError:
        raise unreadable from None
    if not isinstance(content, dict) or content.get("port") != port:
        raise unreadable
    token = content.get("token")
    if not isinstance(token, str) or not token or not token.isprintable():
        raise unreadable
    return token
