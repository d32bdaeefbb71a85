"""Write the facilitator guide for Section 3: from 09:30, a 15-minute break after each exercise.

python examples/facilitator_guide.py guide.pdf        # or .md, .html, .docx
python examples/facilitator_guide.py guide.pdf --participants 12 --date 2027-01-12
"""

import argparse
from datetime import date, time
from pathlib import Path

import recurrent_care_pack as rcp


def main() -> None:
    """Plan Section 3 and write its facilitator guide."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the file to write: .md, .html, .pdf or .docx")
    parser.add_argument("--start", default="09:30", help="when the session starts (HH:MM)")
    parser.add_argument("--date", type=date.fromisoformat, help="the day (YYYY-MM-DD)")
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


if __name__ == "__main__":
    main()
