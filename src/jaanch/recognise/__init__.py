"""Recognisers: each a named, versioned component that reads a :class:`~jaanch.doc.Doc`
and returns spans. Importing this package registers the built-in recognisers."""

from jaanch.recognise.base import REGISTRY, Recogniser, register

__all__ = ["REGISTRY", "Recogniser", "register"]
