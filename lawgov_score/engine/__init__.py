"""Scoring and ranking: every rule as a polars expression over all units at once."""
