"""The preview answers only requests addressed to this machine (issue 20: DNS rebinding).

A web page on another site can point its own host name at 127.0.0.1 (DNS rebinding) and then
read the preview, unpublished drafts included, as if it were its own. The browser still sends
that other site's name in the Host header, so the preview answers only Host names that mean
this machine: localhost, a loopback address, or the address it was told to listen on.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def host_name(header: str) -> str:
    """The host of a Host header, without its port, brackets or final dot, in lower case."""
    value = header.strip().lower()
    if value.startswith("["):
        inside, _, after = value[1:].partition("]")
        # `[::1]` or `[::1]:8000`, nothing else after the bracket (`[::1].evil` is not this machine).
        return inside if after == "" or (after.startswith(":") and after[1:].isdigit()) else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_host(header: str | None, listening_on: str) -> bool:
    """Whether a request's Host header names this machine (or the address the preview listens on)."""
    if not header:
        return False
    host = host_name(header)
    listening = host_name(listening_on)
    specific = listening not in {"", "0.0.0.0", "::"}
    return is_loopback(host) or (specific and host == listening)


def loopback_only(app: WSGIApp, listening_on: str) -> WSGIApp:
    """`app`, answering 403 to a request whose Host is not this machine."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if allowed_host(environ.get("HTTP_HOST"), listening_on):
            return app(environ, start_response)
        body = (
            b"This preview answers only requests for localhost or 127.0.0.1 "
            b"(another host name here could be a web page reading your drafts).\n"
        )
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    return guarded
