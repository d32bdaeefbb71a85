"""``python -m recurrent_care_pack`` runs the ``rcpack`` command."""

import sys

from ._cli import main

sys.exit(main())
