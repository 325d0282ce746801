"""Shell subcommands. Each module has `register(subparsers)` and sets `run(args, db_path)`."""
