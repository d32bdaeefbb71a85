"""Write the facilitator guide for Section 3: from 09:30, a 15-minute break after each exercise.

python examples/facilitator_guide.py guide.pdf        # or .md, .html, .docx
python examples/facilitator_guide.py guide.pdf --participants 12 --date 2027-01-12
"""

import argparse
import sys
from datetime import date, time
from pathlib import Path

import recurrent_care_pack as rcp


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2027-01-12") from None


def _write() -> None:
    """Plan Section 3 and write its facilitator guide."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    parser.add_argument("--start", default="09:30", help="when the session starts (HH:MM)")
    parser.add_argument("--date", type=_date, help="the day (YYYY-MM-DD)")
    parser.add_argument("--participants", type=int, help="how many take part: copies to print")
    args = parser.parse_args()
    pack = rcp.load_pack()
    options = rcp.PlanOptions(
        start=time.fromisoformat(args.start),
        breaks=rcp.Breaks(after_exercises=True),
        dates=(args.date,) if args.date else (),
    )
    agenda = rcp.plan(pack, ["section-3"], options)
    written = rcp.write_handout(
        args.output, pack, "guide", agenda=agenda, participants=args.participants
    )
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
