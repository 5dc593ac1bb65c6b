"""Cross-article resolution of people, places and organisations into canonical entities.

See :mod:`jaanch.resolve.resolver` for the rules; :func:`merge` and :func:`split` record a
reviewer's judgement and re-run resolution.
"""

from jaanch.resolve.resolver import (
    ResolveReport,
    decide,
    merge,
    resolve_store,
    split,
)

__all__ = ["ResolveReport", "decide", "merge", "resolve_store", "split"]
