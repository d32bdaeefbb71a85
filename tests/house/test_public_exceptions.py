"""Exceptions travel: each one pickles and unpickles with its fields (worker processes)."""

import pickle
from pathlib import Path

import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._content.finding import NoContentError
from recurrent_care_pack._content.formatting import LayoutError
from recurrent_care_pack._durations import DurationError

PROBLEMS = (
    rcp.Problem(file=Path("b.yaml"), line=3, column=5, code="RC201", message="an unknown key"),
    rcp.Problem(file=Path("a.yaml"), line=None, column=None, code="RC102", message="empty"),
)


def _round_trip(error: BaseException) -> BaseException:
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    assert type(back) is type(error)
    assert str(back) == str(error)
    assert back.args == error.args
    return back


def test_every_public_exception_class_is_covered() -> None:
    """Each exception class the package makes public is one this file pickles."""
    public = {
        name
        for name in rcp.__all__
        if isinstance(getattr(rcp, name), type) and issubclass(getattr(rcp, name), BaseException)
    }
    assert public == {"MissingExtraError", "PackError", "PlanError"}


def test_pack_error_keeps_its_problems() -> None:
    """A PackError unpickled has every problem, in order, and the same message."""
    back = _round_trip(rcp.PackError(PROBLEMS))
    assert isinstance(back, rcp.PackError)
    assert back.problems == tuple(sorted(PROBLEMS, key=lambda p: (str(p.file), p.line or 0)))


def test_plan_and_missing_extra_errors_keep_their_messages() -> None:
    """PlanError and MissingExtraError unpickle with their one-line messages."""
    _round_trip(rcp.PlanError("a plan needs at least one day"))
    _round_trip(rcp.MissingExtraError("calendars need icalendar"))


def test_no_content_error_keeps_its_folder() -> None:
    """NoContentError (raised by load_pack) unpickles with its folder and reason."""
    back = _round_trip(NoContentError(Path("somewhere")))
    assert isinstance(back, NoContentError)
    assert (back.folder, back.filename, back.strerror) == (
        Path("somewhere"),
        "somewhere",
        "no pack content in this folder",
    )


def test_duration_error_keeps_its_code_and_reason() -> None:
    """DurationError unpickles with its problem code and reason."""
    back = _round_trip(DurationError("RC302", "'30' has no unit"))
    assert isinstance(back, DurationError)
    assert (back.code, back.reason) == ("RC302", "'30' has no unit")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pack_error_pickles_in_every_protocol(protocol: int) -> None:
    """Every pickle protocol carries a PackError whole."""
    error = rcp.PackError(PROBLEMS)
    back = pickle.loads(pickle.dumps(error, protocol=protocol))  # noqa: S301 (our own bytes)
    assert back.problems == error.problems


def test_layout_error_keeps_its_place_and_message() -> None:
    """LayoutError (fmt's refusal, internal) unpickles with its line, column and message."""
    back = _round_trip(LayoutError(3, 5, "a comment after a flow list"))
    assert isinstance(back, LayoutError)
    assert (back.line, back.column, back.message) == (3, 5, "a comment after a flow list")
