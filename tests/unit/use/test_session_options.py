"""A session file's choices as plan options, and the command line's flags put into it."""

from datetime import time, timedelta

from recurrent_care_pack import Breaks, Session
from recurrent_care_pack._session import Break
from recurrent_care_pack._use.sessions import Flags, session_options, with_flags


def test_comfort_breaks_every_so_often_alone_make_breaks() -> None:
    """'at_most_every' alone is enough for comfort breaks, of the default length."""
    _, options = session_options(Session(title="t", break_every=timedelta(minutes=50)))
    assert options.breaks == Breaks(length=Breaks().length, every=timedelta(minutes=50))


def test_no_comfort_breaks_asked_for_makes_none() -> None:
    """A session that asks for no breaks plans with none."""
    assert session_options(Session(title="t"))[1].breaks is None


def test_the_session_s_discussions_are_the_plan_s() -> None:
    """'discussions: true' in the file plans the optional discussions."""
    assert session_options(Session(title="t", discussions=True))[1].discussions is True
    assert session_options(Session(title="t"))[1].discussions is False


def test_lunch_from_the_command_line_is_a_break_titled_lunch_in_time_order() -> None:
    """--lunch is a break at its time, of --lunch-length, titled Lunch, among --break-at."""
    flags = Flags(
        lunch=time(12, 30),
        lunch_length=timedelta(minutes=40),
        break_at=(time(15, 0), time(10, 30)),
    )
    session = with_flags(Session(title="t"), flags, frozenset())
    assert session.breaks == (
        Break(at=time(10, 30), length=Breaks().length, title="Break"),
        Break(at=time(12, 30), length=timedelta(minutes=40), title="Lunch"),
        Break(at=time(15, 0), length=Breaks().length, title="Break"),
    )
