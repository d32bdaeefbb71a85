"""Write the tips from practice as cards, by category, for discussion after the films.

python examples/tip_cards.py tips.html                # or .md, .pdf, .docx
python examples/tip_cards.py --large-print tips.pdf   # 16 pt, two cards to an A4 page
"""

import argparse
import sys
from pathlib import Path

import recurrent_care_pack as rcp


def _write() -> None:
    """Write the tips cards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    parser.add_argument("--large-print", action="store_true", help="16 pt instead of 12 pt")
    args = parser.parse_args()
    pack = rcp.load_pack()
    written = rcp.write_handout(args.output, pack, "tips", large_print=args.large_print)
    print(f"wrote {written}")


def main() -> None:
    """Write the handout; what cannot be written or planned is one line, and exit 2."""
    try:
        _write()
    except (OSError, ValueError, rcp.PlanError) as error:
        reason = error.args[0] if isinstance(error, rcp.PlanError) and error.args else error
        print(f"{Path(sys.argv[0]).name}: {reason}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
