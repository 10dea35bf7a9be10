"""Rubrics: what an author writes (the model), how it is checked, and the compiled Rubric."""
