"""Jaanch: structured, evidence-linked facts from Hindi crime and police news.

>>> from jaanch import extract
>>> ex = extract("कानपुर के नजीराबाद थाना क्षेत्र में पुलिस ने छापा मारा।")
>>> "raid" in [c.code for c in ex.actions]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Extraction", "ExtractionError", "Pipeline", "extract", "__version__"]

if TYPE_CHECKING:
    from jaanch.pipeline import ExtractionError, Pipeline, extract
    from jaanch.types import Extraction


def __getattr__(name: str) -> Any:
    # the pipeline loads lexicons and recognisers: import it only when asked for
    if name in ("extract", "Pipeline", "ExtractionError"):
        from jaanch import pipeline

        return getattr(pipeline, name)
    if name == "Extraction":
        from jaanch.types import Extraction

        return Extraction
    raise AttributeError(f"module 'jaanch' has no attribute {name!r}")
