"""One URL per story: the same page reached with tracking parameters, another letter case
in the host, a default port or a fragment is the same resource."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: query parameters that track a reader, not choose a page
TRACKING_PARAMS = frozenset(
    [
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "ref_url",
        "referrer",
        "source",
        "src",
        "cmp",
        "ito",
        "_ga",
        "amp",
        "outputtype",
        "ocid",
        "ns_source",
        "ns_mchannel",
        "ns_campaign",
        "s_cid",
        "spm",
        "share",
        "shared",
        "from",
    ]
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_", "at_")
WEB_SCHEMES = ("http", "https")


def is_web_url(s: str) -> bool:
    """Is ``s`` an http(s) URL (what ``jaanch ingest`` fetches rather than opens)?"""
    parts = urlsplit(s.strip())
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def canonical_url(url: str) -> str:
    """The URL a story is known by: scheme and host in lower case, no default port, no
    fragment, tracking parameters (``utm_*``, ``fbclid``, ``ref`` ...) dropped and the rest
    sorted, an empty path written ``/``."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: what robots.txt and the rate limit are kept by."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
