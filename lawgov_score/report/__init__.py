"""The HTML report and its charts (inline SVG in the page; PNG files through matplotlib)."""
