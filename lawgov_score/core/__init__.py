"""What every layer uses: the problem catalogue and reports, zh/en messages, safe YAML, paths."""
