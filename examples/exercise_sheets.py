"""Write the participants' exercise sheets, one per exercise, for Section 3.

python examples/exercise_sheets.py exercises.docx     # or .md, .html, .pdf
"""

import argparse
from pathlib import Path

import recurrent_care_pack as rcp


def main() -> None:
    """Write an exercise sheet for every exercise of Section 3."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    args = parser.parse_args()
    pack = rcp.load_pack()
    agenda = rcp.plan(pack, ["section-3"])
    print(f"wrote {rcp.write_handout(args.output, pack, 'exercises', agenda=agenda)}")


if __name__ == "__main__":
    main()
