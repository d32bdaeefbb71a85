"""Write the tips from practice as cards, by category, for discussion after the films.

python examples/tip_cards.py tips.html                # or .md, .pdf, .docx
"""

import argparse
from pathlib import Path

import recurrent_care_pack as rcp


def main() -> None:
    """Write the tips cards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    args = parser.parse_args()
    pack = rcp.load_pack()
    print(f"wrote {rcp.write_handout(args.output, pack, 'tips')}")


if __name__ == "__main__":
    main()
