"""Read-only questions over a store: answers, name resolution, gaps, projection, analytics.

Imports :mod:`plankg.store`, never :mod:`plankg.ingest`.
"""
