"""Learned components: their features, the trained artefacts (each folder with its
``MODEL_CARD.md``) and their loading. Training is done by the project's scripts
(``scripts/train_ner.py``, ``scripts/train_roles.py``), offline and from a fixed seed."""
