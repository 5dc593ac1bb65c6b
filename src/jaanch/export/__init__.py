"""Exports of the knowledge base: ``jsonl``, ``csv`` (one row per incident, ACLED-like),
``ftm`` (FollowTheMoney entities, validated) and ``gexf`` (a graph for Gephi).

Protected people (see :mod:`jaanch.privacy`) appear under their pseudonym in every
format unless ``include_protected`` is set.
"""

from jaanch.export.writers import FORMATS, export, validate_ftm

__all__ = ["FORMATS", "export", "validate_ftm"]
