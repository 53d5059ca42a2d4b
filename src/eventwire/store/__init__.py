"""Stage store: the DuckDB database, the one filter->SQL builder, queries, export and text tables."""
