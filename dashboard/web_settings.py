"""What the app trusts about a request: its allowed origins and the proxies in front of it.

Two settings, read once when the app is created (``install``) and kept on the Flask app's
config, never in this module:

* ``DASHBOARD_ORIGIN``: the address(es) people open the dashboard at, comma-separated, e.g.
  ``https://dash.example.gov.cn`` (scheme, host and port; no path). A write (POST…) is
  accepted only from a page of one of them. Without it, only from the host the request was
  sent to (``Host``, or a trusted proxy's ``X-Forwarded-Host``), over http or https: a proxy
  that rewrites ``Host`` therefore needs ``DASHBOARD_ORIGIN``.
* ``DASHBOARD_TRUSTED_PROXIES``: the reverse proxies' addresses (IPs or CIDRs,
  comma-separated; default loopback ``127.0.0.0/8,::1``). Only when the direct peer is one
  of them are ``X-Forwarded-For`` (the client's address, for sign-in throttling),
  ``X-Forwarded-Proto`` (https, for Secure cookies) and ``X-Forwarded-Host`` believed;
  from anyone else they are ignored, since any client can send them.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from flask import Flask, current_app, request

from dashboard.users.secret import SecretKeyError

ORIGIN_ENV = "DASHBOARD_ORIGIN"
PROXIES_ENV = "DASHBOARD_TRUSTED_PROXIES"
CONFIG_KEY = "DASHBOARD_WEB_SETTINGS"
DEFAULT_PROXIES = "127.0.0.0/8,::1"
_DEFAULT_PORTS = {"http": 80, "https": 443}

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class SettingsError(SecretKeyError):
    """A web setting the app cannot use (a SecretKeyError, so start-up reports it in one
    line like the secret key's own problems)."""


class Origin(NamedTuple):
    scheme: str
    host: str
    port: int


@dataclass(frozen=True)
class WebSettings:
    origins: tuple[Origin, ...] = ()
    trusted_proxies: tuple[Network, ...] = ()


def parse_origin(text: str | None) -> Origin | None:
    """``scheme://host[:port]`` of a URL (Origin or Referer), or None if it names none."""
    if not text or len(text) > 2000:
        return None
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return None
    return Origin(scheme, parts.hostname.lower(), port or _DEFAULT_PORTS[scheme])


def read_settings(environ: Mapping[str, str] | None = None) -> WebSettings:
    """The settings from the environment; SettingsError naming a value that is wrong."""
    env = os.environ if environ is None else environ
    origins = []
    for item in filter(None, (s.strip() for s in env.get(ORIGIN_ENV, "").split(","))):
        origin = parse_origin(item)
        if origin is None or urlsplit(item).path not in ("", "/"):
            raise SettingsError(f"{ORIGIN_ENV}: {item!r} is not like https://dash.example.org")
        origins.append(origin)
    proxies = []
    for item in filter(None, (s.strip() for s in
                              (env.get(PROXIES_ENV, "").strip() or DEFAULT_PROXIES).split(","))):
        try:
            proxies.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise SettingsError(f"{PROXIES_ENV}: {item!r} is not an IP address or CIDR") from None
    return WebSettings(tuple(origins), tuple(proxies))


def install(app: Flask, settings: WebSettings | None = None) -> WebSettings:
    """Keep the settings (given, else read from the environment) on ``app``."""
    app.config[CONFIG_KEY] = settings if settings is not None else read_settings()
    return app.config[CONFIG_KEY]


def settings_of(app: Flask | None = None) -> WebSettings:
    """The settings of ``app`` (default the current one), read now if never installed."""
    app = app or current_app
    found = app.config.get(CONFIG_KEY)
    return found if isinstance(found, WebSettings) else install(app)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:4711
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:4711
        text = text.split(":", 1)[0]
    try:
        found = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(found, "ipv4_mapped", None)
    return mapped or found


def _trusted(settings: WebSettings, address: Address | None) -> bool:
    return address is not None and any(address in net for net in settings.trusted_proxies)


def _from_proxy(settings: WebSettings) -> bool:
    return _trusted(settings, _address(request.remote_addr or ""))


def _last(header: str) -> str:
    # The value added by the nearest proxy, the one that is trusted.
    values = ",".join(request.headers.getlist(header)).split(",")
    return values[-1].strip()


def client_address(settings: WebSettings) -> str:
    """The client's address: the peer's, or from a trusted proxy the first hop before it
    that is not itself a trusted proxy (read right to left in X-Forwarded-For)."""
    peer = request.remote_addr or "unknown"
    if not _from_proxy(settings):
        return peer
    hops = ",".join(request.headers.getlist("X-Forwarded-For")).split(",")
    client = peer
    for hop in reversed([h for h in hops if h.strip()]):
        address = _address(hop)
        if address is None:
            break  # garbage from before the trusted chain: the last known hop is the client
        client = str(address)
        if not _trusted(settings, address):
            break
    return client


def request_scheme(settings: WebSettings) -> str:
    """http or https as the client sees it (a trusted proxy's X-Forwarded-Proto)."""
    if _from_proxy(settings):
        forwarded = _last("X-Forwarded-Proto").lower()
        if forwarded in _DEFAULT_PORTS:
            return forwarded
    return request.scheme


def request_host(settings: WebSettings) -> str:
    """The host the client asked for (a trusted proxy's X-Forwarded-Host)."""
    if _from_proxy(settings):
        forwarded = _last("X-Forwarded-Host")
        if forwarded:
            return forwarded
    return request.host


def source_origin() -> Origin | None:
    """The origin of the page that sent the request: its Origin, else its Referer."""
    origin = request.headers.get("Origin")
    return parse_origin(origin if origin is not None else request.headers.get("Referer"))


def origin_allowed(settings: WebSettings) -> bool:
    """The request comes from a page of an allowed origin (see the module doc)."""
    source = source_origin()
    if source is None:
        return False
    if settings.origins:
        return source in settings.origins
    own = parse_origin(f"{source.scheme}://{request_host(settings)}")
    return own is not None and (own.host, own.port) == (source.host, source.port)


def is_https(settings: WebSettings) -> bool:
    """The browser reached us over https, so cookies must be Secure."""
    if request_scheme(settings) == "https":
        return True
    if not settings.origins:
        return False
    source = source_origin()
    if source in settings.origins:
        return source.scheme == "https"
    return all(o.scheme == "https" for o in settings.origins)
