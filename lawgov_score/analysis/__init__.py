"""Analyses built on scored results: gaps, and (later) benchmarks, sensitivity, trends."""
