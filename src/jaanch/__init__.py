"""Jaanch: structured, evidence-linked facts from Hindi crime and police news.

>>> from jaanch import extract
>>> ex = extract("कानपुर के नजीराबाद थाना क्षेत्र में पुलिस ने छापा मारा।")
>>> "raid" in [c.code for c in ex.actions]
True
"""

from jaanch.extract import ExtractionError, Pipeline, extract
from jaanch.types import Extraction

__version__ = "0.1.0"
__all__ = ["Extraction", "ExtractionError", "Pipeline", "extract", "__version__"]
