"""A journal on a PostgreSQL server: `url` (what a URL names, how it is shown, TLS), `engine`
(the engine, the schema, the lock, the errors), `status` (`teeter status` with psycopg
alone) and `forget`. Kept light: importing the package imports nothing."""
