"""Batch runs: the home for extraction over many files in worker processes (empty for now)."""
