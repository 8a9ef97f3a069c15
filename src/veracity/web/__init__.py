"""The web app and HTTP API over the store (``veracity serve``).

    create_app(settings) -> ASGI app   (``veracity.web.app``)

``api`` holds the JSON endpoints under ``/api`` (OpenAPI at
``/api/openapi.json``), ``pages`` the server-rendered pages, ``highlight`` the
escaping highlighter for article text, ``service`` what both share.
"""

from __future__ import annotations

from veracity.web.app import create_app

__all__ = ["create_app"]
