"""Session files with one mistake each, and the exact lines ``rcpack validate`` prints."""

#: A valid session of the bundled pack: a team day with a lunch and comfort breaks.
SESSION = """\
# yaml-language-server: $schema=../schema/session.schema.json
session:
  title: Team learning day
  service: Anytown Family Support Service
  items:
    - Section 3
  participants: 12
  venue: Anytown Town Hall
  room: Room 2
  facilitators:
    - Sam Patel
  slots:
    - date: 2027-01-12
      start: 09:30
      end: 13:30
  breaks:
    - title: Lunch
      at: 12:00
      length: 45 minutes
  comfort_breaks:
    at_most_every: 90 minutes
    length: 10 minutes
  films:
    film-6:
      url: https://example.org/film-6
  case_studies:
    case-study-tina:
      file: handouts/tina.pdf
      page: 3
"""

#: Three weekly 90-minute slots, as one file.
WEEKLY = """\
session:
  title: Three weekly sessions
  slots:
    - date: 2027-01-12
      start: 09:30
      end: 11:00
    - date: 2027-01-19
      start: 09:30
      end: 11:00
    - date: 2027-01-26
      start: 09:30
      end: 11:00
"""


def _edit(old: str, new: str) -> str:
    assert old in SESSION, old
    return SESSION.replace(old, new, 1)


#: Each mistake: the session file's text, and the problem lines validate prints for it.
SESSION_CASES: dict[str, tuple[str, list[str]]] = {
    "RC501 slot ending before it starts": (
        _edit("      end: 13:30\n", "      end: 1:30\n"),
        [
            "session.yaml:15:12: RC501 this slot ends at 01:30, before it starts at 09:30; write the time it ends, on the 24-hour clock (13:30, not 1:30)",
        ],
    ),
    "RC502 slots overlapping": (
        _edit(
            "      end: 13:30\n",
            "      end: 13:30\n    - date: 2027-01-12\n      start: 13:00\n      end: 15:00\n",
        ),
        [
            "session.yaml:16:7: RC502 this slot overlaps slot 1 (2027-01-12, 09:30-13:30) on the same day; give each slot its own time, or its own date",
        ],
    ),
    "RC502 slots out of order": (
        _edit(
            "      end: 13:30\n",
            "      end: 13:30\n    - date: 2027-01-05\n      start: 09:30\n      end: 11:00\n",
        ),
        [
            "session.yaml:16:13: RC502 this slot is on 2027-01-05, before slot 1 (2027-01-12, 09:30-13:30); list the slots in the order they happen",
        ],
    ),
    "RC502 slots of a day out of order": (
        _edit(
            "      end: 13:30\n",
            "      end: 13:30\n    - date: 2027-01-12\n      start: 08:00\n      end: 09:00\n",
        ),
        [
            "session.yaml:17:14: RC502 this slot starts at 08:00, before slot 1 (2027-01-12, 09:30-13:30) on the same day; list the slots in the order they happen",
        ],
    ),
    "RC502 slots dated only some": (
        _edit(
            "      end: 13:30\n",
            "      end: 13:30\n    - start: 14:00\n      end: 15:00\n",
        ),
        [
            "session.yaml:16:7: RC502 this slot has no date, and slot 1 has one; give every slot a date, or none",
        ],
    ),
    "RC503 breaks overlapping": (
        _edit(
            "      length: 45 minutes\n",
            "      length: 45 minutes\n    - at: 12:30\n      length: 10 minutes\n",
        ),
        [
            "session.yaml:20:11: RC503 the break 'Break' at 12:30 overlaps the break 'Lunch' (12:00-12:45); give each break its own time",
        ],
    ),
    "RC503 break at a time in no slot": (
        _edit("      at: 12:00\n", "      at: 14:00\n"),
        [
            "session.yaml:18:11: RC503 the break 'Lunch' is at 14:00, outside every slot (slot 1: 2027-01-12, 09:30-13:30); move it to a time inside a slot",
        ],
    ),
    "RC503 break running past its slot": (
        _edit("      length: 45 minutes\n", "      length: 2 hours\n"),
        [
            "session.yaml:19:15: RC503 the break 'Lunch' runs to 14:00, past the end of slot 1 (2027-01-12, 09:30-13:30); shorten it or start it earlier",
        ],
    ),
    "RC503 break longer than its slot": (
        _edit("      length: 45 minutes\n", "      length: 5 hours\n"),
        [
            "session.yaml:19:15: RC503 the break 'Lunch' is 5 hours long, as long as or longer than slot 1 (2027-01-12, 09:30-13:30); shorten it",
        ],
    ),
    "RC503 break checked against the slots that do not end before they start": (
        "session:\n  slots:\n    - start: 10:00\n      end: 09:00\n"
        "    - start: 11:00\n      end: 12:00\n  breaks:\n    - at: 20:00\n"
        "      length: 10 minutes\n",
        [
            "session.yaml:4:12: RC501 this slot ends at 09:00, before it starts at 10:00; write the time it ends, on the 24-hour clock (13:30, not 1:30)",
            "session.yaml:8:11: RC503 the break 'Break' is at 20:00, outside every slot (slot 2: 11:00-12:00); move it to a time inside a slot",
        ],
    ),
    "RC503 comfort breaks with a length alone": (
        _edit("    at_most_every: 90 minutes\n", ""),
        [
            "session.yaml:21:5: RC503 comfort breaks with a length alone are never placed; add 'at_most_every' (such as 90 minutes) or 'after_each_exercise: true', or leave 'comfort_breaks' out",
        ],
    ),
    "RC201 unknown key in comfort breaks": (
        _edit("    length: 10 minutes\n", "    lenght: 10 minutes\n"),
        [
            "session.yaml:22:5: RC201 unknown key 'lenght' in this set of comfort breaks; did you mean 'length'?",
        ],
    ),
    "RC208 case study placed nowhere": (
        SESSION + "    case-study-amy: {}\n",
        [
            "session.yaml:30:21: RC208 'case-study-amy' is empty; give 'url', 'file', 'page' or 'note', or leave it out",
        ],
    ),
    "RC207 page below 1": (
        _edit("      page: 3\n", "      page: -1\n"),
        [
            "session.yaml:29:13: RC207 'page' is -1; it must be at least 1",
        ],
    ),
    "RC504 item not in the pack": (
        _edit("    - Section 3\n", "    - Modul 2\n"),
        [
            "session.yaml:6:7: RC504 nothing in the pack is called 'Modul 2'; did you mean 'Module 2'?",
        ],
    ),
    "RC504 item a session cannot run": (
        _edit("    - Section 3\n", "    - Film 6\n"),
        [
            "session.yaml:6:7: RC504 'Film 6' is a film, which a session cannot run by itself; name the module, exercise or section it belongs to",
        ],
    ),
    "RC505 film not in the pack": (
        _edit("    film-6:\n", "    film-66:\n"),
        [
            "session.yaml:24:5: RC505 the pack has no film 'film-66'; did you mean 'film-6'?",
        ],
    ),
    "RC505 case study under films": (
        _edit("    film-6:\n", "    case-study-amy:\n"),
        [
            "session.yaml:24:5: RC505 'case-study-amy' is a case study, not a film; put it under 'case_studies'",
        ],
    ),
    "RC505 case study not in the pack": (
        _edit("    case-study-tina:\n", "    case-study-tim:\n"),
        [
            "session.yaml:27:5: RC505 the pack has no case study 'case-study-tim'; did you mean 'case-study-tina'?",
        ],
    ),
    "RC506 pack not found": (
        _edit("  title: Team learning day\n", "  title: Team learning day\n  pack: contents\n"),
        [
            "session.yaml:4:9: RC506 there is no pack at 'contents', from the folder this file is in; write where the pack folder is, or leave 'pack' out",
        ],
    ),
    "RC206 date that does not exist": (
        _edit("2027-01-12", "2027-02-30"),
        [
            "session.yaml:13:13: RC206 '2027-02-30' is not a date that exists: 2027 has no 30 February",
        ],
    ),
    "RC209 time not written HH:MM": (
        _edit("      start: 09:30\n", "      start: 9.30\n"),
        [
            "session.yaml:14:14: RC209 'start' should be a time of day written HH:MM, such as '09:30', not the number 9.3",
        ],
    ),
    "RC205 film key not an id": (
        _edit("  case_studies:\n", "    Film 7:\n      url: https://x\n  case_studies:\n"),
        [
            "session.yaml:26:5: RC205 'Film 7' is not a valid id; ids are lowercase words and numbers joined by hyphens, e.g. 'film-7'",
        ],
    ),
    "RC205 case study key not an id, beside it written as one": (
        SESSION + "    Case Study Tina:\n      page: 3\n",
        [
            "session.yaml:30:5: RC205 'Case Study Tina' is not a valid id; written as one, 'case-study-tina', it would repeat the key on line 27: keep one of them",
        ],
    ),
    "RC108 byte-order mark before 'session:'": (
        "\ufeff" + SESSION.split("\n", 1)[1].replace("  room: Room 2\n", "  rooom: Room 2\n"),
        [
            "session.yaml:1:1: RC108 the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            "session.yaml:8:3: RC201 unknown key 'rooom' in this session; did you mean 'room'?",
        ],
    ),
    "RC201 unknown key": (
        _edit("  room: Room 2\n", "  rooom: Room 2\n"),
        [
            "session.yaml:9:3: RC201 unknown key 'rooom' in this session; did you mean 'room'?",
        ],
    ),
}

#: A session that only the planner refuses: Module 2 in a 90-minute slot.
_SHORT = """\
session:
  items:
    - Module 2
  slots:
    - start: 09:30
      end: 11:00
"""

SESSION_CASES |= {
    "RC507 break at a slot's start": (
        _edit("      at: 12:00\n", "      at: 09:30\n"),
        [
            "session.yaml:12:3: RC507 this session cannot be planned: the lunch at 09:30 comes at the start at 09:30; breaks fall between items, so choose a later time",
        ],
    ),
    "RC507 slot too short for its items": (
        _SHORT.replace("Module 2", "Section 3"),
        [
            "session.yaml:4:3: RC507 this session cannot be planned: the plan needs 3 hours 5 minutes for Module 1 of Section 3, Module 2 of Section 3 and Module 3 of Section 3 (from 09:30 to 12:35), and its slot, 09:30 to 11:00, holds 1 hour 30 minutes; plan fewer items, book a longer slot, or give a budget (--budget, or budget in a session file) to let the plan choose",
        ],
    ),
    "RC507 lunch between no items": (
        _SHORT + "  breaks:\n    - title: Lunch\n      at: 10:00\n      length: 45 minutes\n",
        [
            "session.yaml:4:3: RC507 this session cannot be planned: the lunch at 10:00 cannot be taken: breaks go between items (a module with its exercise, or an exercise), and the plan holds one item; plan more items a day, or leave the break out",
        ],
    ),
    "RC507 set-up of a whole day": (
        "session:\n  setup: 999999 hours\n",
        [
            "session.yaml:1:1: RC507 this session cannot be planned: the set-up of 999999 hours takes a whole day or more, leaving no time in a day for anything else; give a shorter one, such as 30 minutes",
        ],
    ),
}
