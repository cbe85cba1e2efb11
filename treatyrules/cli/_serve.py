"""``treatyrules serve --host 127.0.0.1 --port 8000``: the HTTP API and the web page.

Needs the api extra (``pip install "treatyrules[api]"``); without it the command
prints one line saying so and exits with status 2. Its own lines are in the language of
``--lang`` (messages ``http.serve.*``); the server answers each request in the request's
language (``?lang``, ``Accept-Language``, else English).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from treatyrules._answer.engine import default_engine
from treatyrules._i18n import t


def register(sub: Any) -> None:
    parser = sub.add_parser("serve", help="serve the HTTP API and the web page (needs the api extra)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default: 1); each loads the data once, no shared state")
    parser.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"), help="server log level")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from treatyrules.http.app import create_app
    except ImportError as exc:
        missing = t("http.serve.no_module", name=exc.name) if exc.name else str(exc)
        print(t("http.serve.missing_extra", missing=missing), file=sys.stderr)
        return 2
    # Load the rules and data before listening, so a defect is one line from the CLI, not a traceback.
    engine = default_engine()
    print(t("http.serve.listening", url=f"http://{args.host}:{args.port}/"), file=sys.stderr)
    if args.workers > 1:
        # worker processes import the app themselves; the answers need no shared state
        uvicorn.run("treatyrules.http.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers, log_level=args.log_level)
    else:
        uvicorn.run(create_app(engine), host=args.host, port=args.port, log_level=args.log_level)
    return 0
