"""``python -m recurrent_care_pack`` runs the ``rcpack`` command."""

from ._cli import run

run()
