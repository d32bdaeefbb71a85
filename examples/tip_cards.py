"""Write the tips from practice as cards, by category, for discussion after the films.

python examples/tip_cards.py tips.html                # or .md, .pdf, .docx
python examples/tip_cards.py --large-print tips.pdf   # 16 pt, two cards to an A4 page
"""

import argparse
from pathlib import Path

import recurrent_care_pack as rcp


def main() -> None:
    """Write the tips cards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    parser.add_argument("--large-print", action="store_true", help="16 pt instead of 12 pt")
    args = parser.parse_args()
    pack = rcp.load_pack()
    written = rcp.write_handout(args.output, pack, "tips", large_print=args.large_print)
    print(f"wrote {written}")


if __name__ == "__main__":
    main()
