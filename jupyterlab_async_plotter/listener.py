"""Who listens on a loopback port, from the kernel's socket tables (Linux `/proc/net/tcp*`).

A connection to 127.0.0.1:<port> reaches a socket listening on 127.0.0.1, on 0.0.0.0 or on a
dual-stack `::`. Knowing the owners of those sockets lets the route refuse another user's
service on a shared machine before sending it a single byte.
"""

import ipaddress
import sys
from pathlib import Path

TABLES = {4: Path("/proc/net/tcp"), 6: Path("/proc/net/tcp6")}
LISTEN_STATE = "0A"
ACCEPTING_LOOPBACK = {
    ipaddress.ip_address("127.0.0.1"),
    ipaddress.ip_address("0.0.0.0"),
    ipaddress.ip_address("::"),
    ipaddress.ip_address("::ffff:127.0.0.1"),
    ipaddress.ip_address("::ffff:0.0.0.0"),
}


def loopback_listener_uids(port):
    """The user ids owning the sockets that accept connections to 127.0.0.1:<port>.

    An empty set when nothing listens there; None when the system does not publish its socket
    tables (not Linux, or /proc hidden).
    """
    uids = set()
    for version, table in TABLES.items():
        try:
            lines = table.read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            if version == 4:
                return None
            continue  # a system without IPv6
        for line in lines:
            fields = line.split()
            if len(fields) < 8 or fields[3] != LISTEN_STATE:
                continue
            address, _, port_hex = fields[1].partition(":")
            if int(port_hex, 16) == port and decode_address(address) in ACCEPTING_LOOPBACK:
                uids.add(int(fields[7]))
    return uids


def decode_address(text):
    """An address as the kernel prints it: 32-bit words in hexadecimal, each in host byte order."""
    words = [int(text[i : i + 8], 16).to_bytes(4, sys.byteorder) for i in range(0, len(text), 8)]
    return ipaddress.ip_address(b"".join(words))
