"""What is computed from scored results: gaps and the path to the next grade, what-if, benchmark,
trend, sensitivity, a rubric change's impact, composite-indicator weights and MCDA ranking methods,
and the typed results the commands hand to views."""
