"""The command line: `python -m reference_portal serve|token` (Studio's `studio portal serve|token` runs these).

    serve  [--host 127.0.0.1] [--port 8765] [--data DIR] [--faults] [--log-level LEVEL] [--exit-with-stdin]
           prints the URL it listens on as the first line of stdout (--port 0 picks a free port)
    token  [--data DIR] --scope SCOPE [--scope SCOPE ...] [--name NAME] [--expires-in SECONDS]
           prints a new token, and nothing else, on stdout; only its SHA-256 is stored
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reference_portal.storage import Database, default_data_dir
from reference_portal.tokens import SCOPES, create_token


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m reference_portal",
                                     description="A reference server of the portal's publishing API.")
    commands = parser.add_subparsers(dest="command", required=True)
    data_help = f"the portal's data folder (default: {default_data_dir()})"

    serve = commands.add_parser("serve", help="serve the API and the pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port; the URL is printed first")
    serve.add_argument("--data", type=Path, default=None, help=data_help)
    serve.add_argument("--faults", action="store_true", help="enable POST /_faults and GET /_requests (tests)")
    serve.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    serve.add_argument("--exit-with-stdin", action="store_true",
                       help="stop when standard input closes (for a parent process that owns the server)")

    token = commands.add_parser("token", help="make a bearer token and print it")
    token.add_argument("--data", type=Path, default=None, help=data_help)
    token.add_argument("--scope", action="append", required=True, choices=SCOPES, dest="scopes",
                       help="a scope the token holds; repeat for several")
    token.add_argument("--name", default="studio", help="the client's name (idempotency keys are per client)")
    token.add_argument("--expires-in", type=float, default=None, metavar="SECONDS",
                       help="seconds until it expires (default: never; 0 makes an expired token)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir: Path = args.data or default_data_dir()
    if args.command == "token":
        try:
            print(create_token(Database(data_dir), args.scopes, name=args.name, expires_in=args.expires_in))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    from reference_portal.server import serve  # uvicorn is needed only to serve

    try:
        serve(host=args.host, port=args.port, data_dir=data_dir, with_faults=args.faults,
              log_level=args.log_level, exit_with_stdin=args.exit_with_stdin)
    except OSError as exc:
        print(f"error: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
