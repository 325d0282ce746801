"""The only layer that speaks SQL: tables, the engine, schema versions and queries."""
