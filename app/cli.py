"""The `teeter` command. Without a subcommand it opens the app; subcommands are shell tools
that never import Textual (and `status` not even SQLAlchemy), so each command module imports
what it needs inside `run`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from app.domain.steps import STEPS
from app.version import __version__

if TYPE_CHECKING:
    from app.storage.file.location import Location

# Each module in app/commands registers its own subparser and runs it.
COMMANDS = (
    "log",
    "undo",
    "timer",
    "urge",
    "remind",
    "watch",
    "status",
    "export",
    "import_",
    "backup",
    "copy",
    "forget",
    "report",
    "serve",
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the command line: one line on stderr, exit 2, nothing written."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only` (a module in COMMANDS), just that command's part,
    so `teeter log` does not import every other command to parse its own arguments."""
    parser = _Parser(
        prog="teeter",
        epilog="teeter is not medical advice. For alcohol, sedatives, sleeping pills or "
        "opioids, talk with a doctor or pharmacist before cutting down: stopping some of "
        "them quickly can be dangerous. In an emergency call your local emergency number.",
        description="A daily practice for the pleasure-pain balance: "
        f"{', '.join(STEPS)}. Run without a command to open the app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $TEETER_DB, then your user data directory)",
    )
    parser.add_argument("--version", action="version", version=f"teeter {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in (only,) if only else COMMANDS:
        module = importlib.import_module(f"app.commands.{name}")
        module.register(subparsers)
    return parser


def dashed_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """Values that start with a dash, as data: `--note -2+3` and `timer start x -5m` met
    argparse's "expected one argument" instead of teeter's own word on the value. An
    option's value is attached (`--note=-2+3`); a dashed word that is no option of teeter
    starts the positional arguments (`-- -5m`), so the duration check answers."""
    takes_value: set[str] = set()
    known: set[str] = set()
    parsers = [parser]
    while parsers:
        current = parsers.pop()
        for action in current._actions:
            known.update(action.option_strings)
            if action.option_strings and action.nargs is None and action.const is None:
                takes_value.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
    out: list[str] = []
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return out + words[index:]
        following = words[index + 1] if index + 1 < len(words) else None
        if (
            word in takes_value
            and following
            and following.startswith("-")
            and following not in known
        ):
            out.append(f"{word}={following}")
            index += 2
            continue
        name = word.split("=", 1)[0]
        if (
            word.startswith("-")
            and len(word) > 1
            and name not in known
            and word[:2] not in known  # -e5: a short option with its value attached
        ):
            return out + ["--", *words[index:]]
        out.append(word)
        index += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything teeter writes is the person's own: owner-only
    args = _app_only(sys.argv[1:] if argv is None else list(argv))
    if args is None:
        words = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(_command_module(argv))
        args = parser.parse_args(dashed_values(parser, words))
    from app.paths import EmptyPath, database_location

    quiet = getattr(args, "output", "result") == "quiet"
    try:
        location = database_location(args.db)
    except EmptyPath as error:
        if quiet:  # `teeter status` in a prompt: nothing to say, and no other file read
            return EXIT_USAGE
        print(f"teeter: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        return _open_app(location)
    return _run_command(args, location)


def _run_command(args: argparse.Namespace, location: Location) -> int:
    """Run a shell command; every failure is one line on stderr and an exit status.

    Output roles (set by each command with `set_defaults(output=...)`): "result" (the
    output is the point: losing any of it is a failure), "confirms" (something was already
    saved: the confirmation goes to stderr instead, exit 0, so a retry does not save it
    twice), "quiet" (`teeter status`: never a word on stderr)."""
    from app.commands import stdout
    from app.storage.file import waiting

    role = getattr(args, "output", "result")
    shown, patience = sys.stdout, (waiting.patience_s, waiting.notice)
    stdout.install()
    if role == "confirms":  # a writer from the shell waits for a long import, and says so
        waiting.for_shell(SHELL_PATIENCE_S, _say_waiting)
    try:
        return _run(args, location, role)
    finally:  # main() may run in-process (tests, a library): leave nothing changed
        sys.stdout = shown
        waiting.for_shell(*patience)


def _run(args: argparse.Namespace, location: Location, role: str) -> int:
    from app.commands import stdout
    from app.storage.file.errors import StorageError

    name = " ".join(filter(None, (args.command, getattr(args, "action", None))))
    try:
        return int(args.run(args, location))
    except UsageError as error:
        print(f"teeter {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as error:
        print(f"teeter: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`teeter report | head`): not an error
        return EXIT_OK
    except stdout.OutputFailed as error:
        if role == "quiet":
            return EXIT_OK
        if role == "confirms":
            print(
                f"teeter {name}: done and saved, but standard output could not take "
                f"its confirmation ({error}); do not run it again",
                file=sys.stderr,
            )
            return EXIT_OK
        print(
            f"teeter {name}: standard output could not take everything ({error}); "
            "what was written there is incomplete",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _command_module(argv: Sequence[str] | None) -> str | None:
    """The module of the command `argv` names, when it plainly names one of COMMANDS (its
    own name, or with a trailing `_` for `import`); None for anything else (`--help`,
    `--version`, a typo), which the whole parser answers."""
    tokens = iter(sys.argv[1:] if argv is None else argv)
    for token in tokens:
        if token == "--db":
            next(tokens, None)
        elif not token.startswith("--db="):
            if token.startswith("-"):
                return None
            module = token if token in COMMANDS else f"{token}_"
            return module if module in COMMANDS and module.isidentifier() else None
    return None


def _app_only(argv: list[str]) -> argparse.Namespace | None:
    """`teeter` or `teeter --db PATH`: the app, without importing every command module to
    build the full parser (a person waits for the app). Anything else: None."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--db")
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:  # e.g. `--db` without a path: the full parser says so
        return None
    if rest:
        return None
    args.command = None
    return args


SHELL_PATIENCE_S = 600.0


def _say_waiting() -> None:
    print(
        "teeter: waiting for the journal (another teeter is writing a lot, e.g. an import)…",
        file=sys.stderr,
        flush=True,
    )


def _open_app(location: Location) -> int:
    from app.storage.file.errors import StorageError
    from app.storage.file.files import prepare

    try:
        if location.is_file:
            prepare(location.path)
        else:  # the server is asked now, so a wrong password is one line, not a screen
            from app.storage.file.database import Database

            Database(location).close()
    except StorageError as error:
        print(f"teeter: {error}", file=sys.stderr)
        return EXIT_FAILED
    from app.ui.app import TeeterApp

    app = TeeterApp(location)
    app.run()
    if app.failure:
        print(f"teeter: {app.failure}", file=sys.stderr)
        return EXIT_FAILED
    return app.return_code or EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
