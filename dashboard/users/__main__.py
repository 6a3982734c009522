"""``python -m dashboard.users``: add, list and disable users, and set passwords.

    python -m dashboard.users add NAME --role editor --sectors economy,investment
    python -m dashboard.users password NAME
    python -m dashboard.users sectors NAME economy,investment
    python -m dashboard.users disable NAME --reason "left the office"
    python -m dashboard.users list
    python -m dashboard.users unlock NAME     (clear NAME's failed sign-ins, every address)
    python -m dashboard.users token NAME [--label LABEL]     (a new API token, shown once)
    python -m dashboard.users token NAME --list
    python -m dashboard.users token NAME --revoke ID

The password is asked twice without echo; when standard input is not a terminal (a script)
it is read as two lines. The database is ``DATABASE_URL`` (default the SQLite file under
``instance/``). A problem is one line on stderr and exit status 2; no password or hash is ever
printed.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence

from dashboard.store import Store, StoreError, open_store
from dashboard.users import accounts, throttle, tokens

EXIT_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard.users",
                                     description="Manage the users who may write.")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create a user (password asked twice)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("editor", "reviewer", "admin"))
    add.add_argument("--sectors", default="",
                     help="comma-separated sectors an editor enters figures for")
    password = commands.add_parser("password", help="set a user's password")
    password.add_argument("name")
    sectors = commands.add_parser("sectors", help="assign an editor's sectors")
    sectors.add_argument("name")
    sectors.add_argument("sectors", help="comma-separated, e.g. economy,investment")
    disable = commands.add_parser("disable", help="stop a user from signing in")
    disable.add_argument("name")
    disable.add_argument("--reason", default="")
    commands.add_parser("list", help="list users, their roles and sectors")
    unlock = commands.add_parser("unlock", help="let a user sign in again at once after "
                                 "failed sign-ins (from every address)")
    unlock.add_argument("name")
    _token_parser(commands)
    return parser


def _token_parser(commands: argparse._SubParsersAction) -> None:
    token = commands.add_parser("token", help="make (shown once), list or revoke API tokens")
    token.add_argument("name")
    token.add_argument("--label", default="api", help="what the token is for")
    which = token.add_mutually_exclusive_group()
    which.add_argument("--list", action="store_true", help="list the user's tokens")
    which.add_argument("--revoke", type=int, metavar="ID", help="revoke the token ID")


def _token(store: Store, args: argparse.Namespace) -> None:
    if args.list:
        for info in tokens.list_tokens(store, args.name):
            state = f"revoked {info.revoked_at:%Y-%m-%d %H:%M}" if info.revoked_at else "live"
            used = f"{info.last_used_at:%Y-%m-%d %H:%M}" if info.last_used_at else "never"
            print(f"{info.id}\t{info.label}\t{info.created_at:%Y-%m-%d %H:%M}"
                  f"\t{info.created_by}\tused {used}\t{state}")
    elif args.revoke is not None:
        tokens.revoke_token(store, args.name, args.revoke)
        print(f"revoked token {args.revoke} of {args.name}")
    else:
        token_id, token = tokens.create_token(store, args.name, args.label)
        # The only time the token is shown: the database keeps its hash.
        print(f"token {token_id} for {args.name} (shown once, keep it secret):\n{token}")


def read_password(prompt: Callable[[str], str] | None = None) -> str:
    """The new password, entered twice; ValueError if the two differ or input ends."""
    if prompt is None:
        if sys.stdin.isatty():
            prompt = getpass.getpass
        else:
            def prompt(_: str) -> str:
                line = sys.stdin.readline()
                if not line:
                    raise ValueError("password: expected two lines on standard input")
                return line.rstrip("\r\n")
    first = prompt("Password: ")
    if prompt("Password again: ") != first:
        raise ValueError("password: the two entries differ")
    return first


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        store = open_store()
        if args.command == "list":
            for user, active in accounts.list_users(store):
                state = "" if active else " (disabled)"
                print(f"{user.name}\t{user.role}\t{','.join(user.sectors)}{state}")
        elif args.command == "add":
            sectors = [s.strip() for s in args.sectors.split(",") if s.strip()]
            user = accounts.add_user(store, args.name, read_password(), args.role, sectors)
            print(f"added {user.name} ({user.role})")
        elif args.command == "sectors":
            chosen = [s.strip() for s in args.sectors.split(",") if s.strip()]
            accounts.set_sectors(store, args.name, chosen)
            print(f"{args.name}: {','.join(chosen)}")
        elif args.command == "token":
            _token(store, args)
        elif args.command == "unlock":
            throttle.clear_lock(store, args.name, "cli")
            print(f"unlocked {args.name}")
        elif args.command == "password":
            accounts.set_password(store, args.name, read_password())
            print(f"password set for {args.name}")
        else:
            accounts.disable_user(store, args.name, reason=args.reason)
            print(f"disabled {args.name}")
    except (ValueError, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
