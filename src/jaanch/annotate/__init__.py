"""The project's own training data.

Articles of ``../shared/data/corpus/`` annotated by ``../shared/spec/annotation-guidelines.md``
are stored *offsets-only* (:mod:`jaanch.annotate.records`): article id, corpus file, a hash
of the text, and every fact as character spans into that text, never the text itself.
:func:`~jaanch.annotate.records.load_records` joins them back to the text in ``../shared``
and returns gold records in the ``jaanch.extraction/1`` shape, so the scorer and the
trainers read them like the dev set. :mod:`jaanch.annotate.folds` makes cross-validation
folds (k-fold and leave-one-source-out).
"""
