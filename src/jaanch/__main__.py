"""``python -m jaanch``: the ``jaanch`` command."""

from jaanch.cli import run

run()
