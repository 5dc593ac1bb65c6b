"""Where articles come from on the web: pages and RSS/Atom feeds fetched politely
(:mod:`~jaanch.intake.fetch`), the article body and its metadata read from a page
(:mod:`~jaanch.intake.pages`), feed items (:mod:`~jaanch.intake.feeds`), one URL per story
(:mod:`~jaanch.intake.urls`), syndicated copies (:mod:`~jaanch.intake.near_dup`), the
intake run that feeds ``jaanch.store.ingest`` (:mod:`~jaanch.intake.web`) and the
watcher that polls feeds (:mod:`~jaanch.intake.watch`).

Files, folders, pipes and stdin are read by :mod:`jaanch.reader` and
:mod:`jaanch.store.sources`.
"""
