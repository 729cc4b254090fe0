"""Cited tables of literals and their versions; no logic.

``lifecycle`` (releases, editions, dates), ``updates`` (cumulative updates),
``products`` (application vocabularies, client releases, SKUs).
"""
