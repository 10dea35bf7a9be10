"""Outputs: a View written as table, markdown, csv, json, xlsx, html or png, by one writer."""
