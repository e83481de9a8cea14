"""Benchmarks: figures measured against a baseline taken in the same run on the same machine."""
