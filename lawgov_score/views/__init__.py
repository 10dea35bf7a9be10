"""Views: results arranged as columns, lines and sheets in one language (a View), computing nothing."""
