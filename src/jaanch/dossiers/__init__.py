"""The questions users ask, answered from the store: officials who keep appearing in
misconduct stories (:mod:`~jaanch.dossiers.officials`), accused ranked by the cases stated
against them (:mod:`~jaanch.dossiers.accused`). Each row carries the incidents and evidence
it stands on; protected people are never named."""
