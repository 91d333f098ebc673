"""Benchmarks: `make bench` runs `python -m bench`, which prints `bench: <name> <value> <unit>` lines."""
