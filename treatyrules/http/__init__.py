"""The HTTP API and the web page (``pip install "treatyrules[api]"``).

``treatyrules.http.app:app`` (module ``treatyrules.http.app``, attribute ``app``) is an
ASGI application; ``treatyrules.http.create_app()`` builds a fresh one. Serve it with
``treatyrules serve`` or any ASGI server, e.g. ``uvicorn treatyrules.http.app:app``.
``docs/http.md`` describes the endpoints.
"""

from __future__ import annotations

try:
    import fastapi  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "treatyrules.http needs the api extra: pip install 'treatyrules[api]'", name=exc.name
    ) from exc

from treatyrules.http.app import create_app

__all__ = ["create_app"]
