"""Presentation: terminal-safe text, tables in text and HTML, colours."""
