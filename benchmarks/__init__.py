"""`make bench`: every screen and the main queries timed on a large council's store (built by
`python -m logic.store generate`, cached under data/bench/) against the demo store, on DuckDB
and, where a throwaway cluster can start, on PostgreSQL. See benchmarks/__main__.py."""
