"""Write the participants' exercise sheets, one per exercise, for Section 3.

python examples/exercise_sheets.py exercises.docx     # or .md, .html, .pdf
"""

import argparse
import sys
from pathlib import Path

import recurrent_care_pack as rcp


def _write() -> None:
    """Write an exercise sheet for every exercise of Section 3."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    args = parser.parse_args()
    pack = rcp.load_pack()
    agenda = rcp.plan(pack, ["section-3"])
    print(f"wrote {rcp.write_handout(args.output, pack, 'exercises', agenda=agenda)}")


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
