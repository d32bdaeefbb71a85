"""The public functions check their arguments where they come in, and say which is wrong."""

import enum
import inspect
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import recurrent_care_pack as rcp
from recurrent_care_pack._arguments import check_count, given, optional, tuple_of, validator

#: The package, its types unchecked: the calls below give wrong kinds on purpose.
untyped: Any = rcp


@pytest.fixture(scope="module")
def pack() -> rcp.Pack:
    """The bundled pack, loaded once."""
    return rcp.load_pack()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"start": "09:30"},
            "start must be a datetime.time such as time(9, 30), not the string '09:30'",
        ),
        (
            {"start": datetime(2027, 1, 12, 9, 30)},  # noqa: DTZ001 (the slip under test)
            "start must be a datetime.time such as time(9, 30), not the datetime "
            "2027-01-12 09:30:00",
        ),
        (
            {"dates": ["2027-01-12"]},
            "dates[0] must be a datetime.date such as date(2027, 1, 12), "
            "not the string '2027-01-12'",
        ),
        (
            {"dates": "2027-01-12"},
            "dates must be a list or tuple of datetime.date values, not the string '2027-01-12'",
        ),
        ({"days": "2"}, "days must be a whole number such as 2, not the string '2'"),
        ({"days": True}, "days must be a whole number such as 2, not the value True"),
        ({"discussions": "yes"}, "discussions must be True or False, not the string 'yes'"),
        (
            {"budget": 90},
            "budget must be None or a datetime.timedelta such as timedelta(minutes=15), "
            "not the number 90",
        ),
        (
            {"day_end": "17:00"},
            "day_end must be None or a datetime.time such as time(9, 30), not the string '17:00'",
        ),
        ({"breaks": 15}, "breaks must be None or a Breaks, not the number 15"),
    ],
)
def test_plan_options_refuse_the_wrong_kind(arguments: dict[str, Any], message: str) -> None:
    """PlanOptions names the argument, what was given and what is wanted, when made."""
    with pytest.raises(TypeError) as raised:
        rcp.PlanOptions(**arguments)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"at": ["10:30"]},
            "at[0] must be a datetime.time such as time(9, 30), not the string '10:30'",
        ),
        (
            {"length": 15},
            "length must be a datetime.timedelta such as timedelta(minutes=15), not the number 15",
        ),
        ({"after_exercises": 1}, "after_exercises must be True or False, not the number 1"),
    ],
)
def test_breaks_refuse_the_wrong_kind(arguments: dict[str, Any], message: str) -> None:
    """Breaks checks its arguments as PlanOptions does."""
    with pytest.raises(TypeError) as raised:
        rcp.Breaks(**arguments)
    assert str(raised.value) == message


def test_lists_of_dates_and_times_are_taken_as_tuples(pack: rcp.Pack) -> None:
    """Dates and break times given as lists are kept as tuples, and the plan uses them."""
    options = rcp.PlanOptions(dates=[date(2027, 1, 12)], breaks=rcp.Breaks(at=[time(10, 30)]))
    assert options.dates == (date(2027, 1, 12),)
    assert options.breaks is not None
    assert options.breaks.at == (time(10, 30),)
    agenda = rcp.plan(pack, options=options)
    assert agenda.date(1) == date(2027, 1, 12)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda p: untyped.find(p, 6),
            TypeError,
            "reference must be a string such as 'Module 2', not the number 6",
        ),
        (
            lambda p: untyped.plan(p, [6]),
            TypeError,
            "selection[0] must be a name such as 'Module 2' or an item find() gives, "
            "not the number 6",
        ),
        (
            lambda p: untyped.plan(p, 6),
            TypeError,
            "selection must be a list or tuple of names such as 'Module 2' or items find() "
            "gives, not the number 6",
        ),
        (
            lambda p: untyped.plan(p, options={"days": 2}),
            TypeError,
            "options must be None or a PlanOptions, not a dict",
        ),
        (
            lambda p: untyped.materials(p, [None]),
            TypeError,
            "selection[0] must be a name such as 'Module 2' or an item find() gives, not None",
        ),
        (
            lambda p: untyped.render_handout(p, "guide", participants=-3),
            ValueError,
            "participants must be a number of people more than zero, such as 12, not -3",
        ),
        (
            lambda p: untyped.render_handout(p, "guide", participants=0),
            ValueError,
            "participants must be a number of people more than zero, such as 12, not 0",
        ),
        (
            lambda p: untyped.render_handout(p, "guide", participants="12"),
            TypeError,
            "participants must be a whole number of people such as 12, not the string '12'",
        ),
        (
            lambda p: untyped.render_handout(p, "guide", participants=2.5),
            TypeError,
            "participants must be a whole number of people such as 12, not the number 2.5",
        ),
        (
            lambda p: untyped.render_handout(p, "guide", "md", "section-3"),
            TypeError,
            "agenda must be None or an Agenda such as plan() gives, not the string 'section-3'",
        ),
        (
            lambda p: untyped.render_handout(p, "tips", large_print="yes"),
            TypeError,
            "large_print must be True or False, not the string 'yes'",
        ),
        (
            lambda p: untyped.render_handout(p, "tips", session=2027),
            TypeError,
            "session must be a name such as 'Spring 2027, Leeds' or a Session, not the number "
            "2027",
        ),
        (
            lambda p: untyped.module_time(p, "module-1"),
            TypeError,
            "module must be a LearningModule such as find() gives, not the string 'module-1'",
        ),
        (
            lambda p: untyped.module_time(p, rcp.find(p, "Module 1"), discussion="no"),
            TypeError,
            "discussion must be True or False, not the string 'no'",
        ),
        (
            lambda p: untyped.section_time(p, "Section 3"),
            TypeError,
            "section must be a Section such as find() gives, not the string 'Section 3'",
        ),
        (
            lambda p: untyped.pack_time(p, optional=None),
            TypeError,
            "optional must be True or False, not None",
        ),
        (
            lambda p: untyped.search(p, ["attachment"]),
            TypeError,
            "words must be a string such as 'attachment', not a list",
        ),
        (
            lambda p: untyped.label(p, "Film 6"),
            TypeError,
            "item must be an item find() gives, not the string 'Film 6'",
        ),
        (
            lambda p: untyped.section_of(p, 9),
            TypeError,
            "item_id must be a string such as 'exercise-9', not the number 9",
        ),
        (
            lambda _: untyped.load_pack(6),
            TypeError,
            "path must be a path to a file or folder, not the number 6",
        ),
        (
            lambda _: untyped.validate(max_file_size="1 MB"),
            TypeError,
            "max_file_size must be a whole number of bytes such as 1_000_000, "
            "not the string '1 MB'",
        ),
    ],
)
def test_public_functions_refuse_the_wrong_kind_at_once(
    pack: rcp.Pack, call: Any, error: type[Exception], message: str
) -> None:
    """A wrong argument is refused with its name, what was given and what is wanted."""
    with pytest.raises(error) as raised:
        call(pack)
    assert type(raised.value) is error
    assert str(raised.value) == message


def _takes_a_pack() -> list[str]:
    """The public functions whose first argument is the pack."""
    return [
        name
        for name in rcp.__all__
        if inspect.isfunction(getattr(rcp, name))
        and next(iter(inspect.signature(getattr(rcp, name)).parameters), None) == "pack"
    ]


@pytest.mark.parametrize("name", _takes_a_pack())
def test_every_function_taking_a_pack_refuses_something_else(name: str) -> None:
    """Each public function whose first argument is a pack says so when given a path."""
    function = getattr(rcp, name)
    parameters = list(inspect.signature(function).parameters.values())[1:]
    others = ["guide" if p.name == "kind" else "x" for p in parameters if p.default is p.empty]
    with pytest.raises(TypeError) as raised:
        function("data", *others)
    assert str(raised.value) == (
        "pack must be a Pack such as load_pack() gives, not the string 'data'"
    )


def test_the_functions_taking_a_pack_are_the_queries_planning_and_handouts() -> None:
    """The list above is the whole set: a new one is checked by the test above too."""
    assert len(_takes_a_pack()) >= 15  # find, plan, materials, ...


def test_a_string_selection_is_one_name(pack: rcp.Pack) -> None:
    """Planning and materials take a string alone as one name, never as letters."""
    assert rcp.plan(pack, "Module 2") == rcp.plan(pack, ["Module 2"])
    assert rcp.materials(pack, "Exercise 9") == rcp.materials(pack, ("Exercise 9",))


def test_write_handout_refuses_a_path_for_a_pack(tmp_path: Path) -> None:
    """write_handout with its arguments swapped names the pack, and writes nothing."""
    target = tmp_path / "guide.md"
    with pytest.raises(TypeError, match=r"^pack must be a Pack"):
        untyped.write_handout(target, "data", "guide", agenda=rcp.plan(rcp.load_pack()))
    assert not target.exists()


def test_right_kinds_still_plan(pack: rcp.Pack) -> None:
    """The checks refuse nothing a caller may give: every option of the right kind plans."""
    options = rcp.PlanOptions(
        start=time(9, 0),
        discussions=True,
        rewatch=False,
        breaks=rcp.Breaks(length=timedelta(minutes=10), after_exercises=True),
        days=1,
        day_end=time(17, 0),
        budget=timedelta(hours=6),
        setup=timedelta(minutes=10),
        opening=timedelta(minutes=5),
        closing=timedelta(minutes=5),
        dates=(date(2027, 1, 12),),
    )
    assert rcp.plan(pack, options=options).entries


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            rcp.PlanOptions(budget=timedelta(days=1_000_000)),
            "the budget of 24000000 hours is longer than any plan can use; "
            "give at most 999999 hours",
        ),
        (
            rcp.PlanOptions(budget=timedelta.max),
            "the budget of 999999999 days, 23:59:59.999999 is longer than any plan can use; "
            "give at most 999999 hours",
        ),
        (
            rcp.PlanOptions(setup=timedelta.max),
            "the set-up of 999999999 days, 23:59:59.999999 is longer than any plan can use; "
            "give at most 999999 hours",
        ),
        (
            rcp.PlanOptions(breaks=rcp.Breaks(every=timedelta(hours=1_000_000))),
            "the time between breaks of 1000000 hours is longer than any plan can use; "
            "give at most 999999 hours",
        ),
    ],
)
def test_lengths_no_plan_could_use_are_refused_not_overflowed(
    pack: rcp.Pack, options: rcp.PlanOptions, message: str
) -> None:
    """A length past the longest a duration may be is a PlanError, never an OverflowError."""
    with pytest.raises(rcp.PlanError) as raised:
        rcp.plan(pack, options=options)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda pack, _folder: untyped.write_handout(6, pack, "tips"),
            "path must be the path of the file to write, not the number 6",
        ),
        (
            lambda pack, _folder: untyped.write_handout(None, pack, "tips"),
            "path must be the path of the file to write, not None",
        ),
        (
            lambda pack, folder: untyped.write_handout(folder / "tips.md", pack, 6),
            "kind must be a string such as 'tips', not the number 6",
        ),
        (
            lambda pack, folder: untyped.write_handout(folder / "tips.md", pack, "tips", 6),
            "fmt must be a string such as 'md', not the number 6",
        ),
        (
            lambda pack, _folder: untyped.render_handout(pack, 6),
            "kind must be a string such as 'tips', not the number 6",
        ),
        (
            lambda pack, _folder: untyped.render_handout(pack, "tips", 6),
            "fmt must be a string such as 'md', not the number 6",
        ),
    ],
    ids=["path-number", "path-none", "kind", "fmt", "render-kind", "render-fmt"],
)
def test_handouts_name_the_argument_of_the_wrong_kind(
    pack: rcp.Pack, tmp_path: Path, call: Any, message: str
) -> None:
    """write_handout and render_handout name the argument given wrongly, and write nothing."""
    with pytest.raises(TypeError) as raised:
        call(pack, tmp_path)
    assert str(raised.value) == message
    assert list(tmp_path.iterdir()) == []


_AWARE = "must be a clock time without a time zone, such as time(9, 30), not"
_HELD = "(a plan's times are the clock times where it is held)"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: rcp.PlanOptions(start=time(9, 30, tzinfo=timezone(timedelta(hours=5)))),
            f"start {_AWARE} 09:30 in UTC+05:00 {_HELD}",
        ),
        (
            lambda: rcp.PlanOptions(day_end=time(17, tzinfo=ZoneInfo("Europe/London"))),
            f"day_end {_AWARE} 17:00 in Europe/London {_HELD}",
        ),
        (
            lambda: rcp.Breaks(at=[time(10), time(11, tzinfo=UTC)]),
            f"at[1] {_AWARE} 11:00 in UTC {_HELD}",
        ),
    ],
    ids=["start", "day-end", "break-at"],
)
def test_times_with_a_time_zone_are_refused_by_name(make: Any, message: str) -> None:
    """A time with a zone is not a plan's clock time: refused, never silently dropped."""
    with pytest.raises(ValueError, match="without a time zone") as raised:
        make()
    assert str(raised.value) == message


def test_a_set_of_break_times_or_dates_is_kept_in_order_and_hashable() -> None:
    """Breaks(at={...}) and dates={...} are stored as tuples, in order: the options hash."""
    breaks = rcp.Breaks(at={time(12), time(10), time(11)})
    assert breaks.at == (time(10), time(11), time(12))
    options = rcp.PlanOptions(
        days=2, breaks=breaks, dates=frozenset({date(2027, 1, 19), date(2027, 1, 12)})
    )
    assert options.dates == (date(2027, 1, 12), date(2027, 1, 19))
    assert hash(options) == hash(rcp.PlanOptions(**attrs.asdict(options, recurse=False)))


class _Index:
    """A whole number as numpy's int64 is one: not an int, but with ``__index__``."""

    def __init__(self, number: int) -> None:
        self.number = number

    def __index__(self) -> int:
        return self.number


class _Days(enum.IntEnum):
    TWO = 2


def test_whole_numbers_with_index_are_taken_as_ints(pack: rcp.Pack) -> None:
    """The days and participants take numpy-like ints (``__index__``) and keep a plain int."""
    options = rcp.PlanOptions(days=untyped_index(2))
    assert (options.days, type(options.days)) == (2, int)
    assert type(rcp.PlanOptions(days=_Days.TWO).days) is int
    agenda = rcp.plan(pack, ["section-3"])
    guide = rcp.render_handout(pack, "guide", "md", agenda, participants=untyped_index(12))
    assert guide == rcp.render_handout(pack, "guide", "md", agenda, participants=12)
    with pytest.raises(ValueError, match="more than zero") as raised:
        rcp.render_handout(pack, "guide", "md", agenda, participants=untyped_index(0))
    assert str(raised.value) == (
        "participants must be a number of people more than zero, such as 12, not 0"
    )
    with pytest.raises(TypeError) as refused:
        untyped.PlanOptions(days=2.0)
    assert str(refused.value) == "days must be a whole number such as 2, not the number 2.0"


def untyped_index(number: int) -> Any:
    """``number`` as an object with ``__index__``, typed Any so that mypy lets it pass."""
    return _Index(number)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda pack: untyped.render_handout(pack, b"guide"),
            "kind must be a string such as 'tips', not the bytes b'guide'",
        ),
        (
            lambda pack: untyped.write_handout(b"/tmp/x.md", pack, "tips"),
            "path must be the path of the file to write, not the bytes b'/tmp/x.md'",
        ),
    ],
    ids=["render-kind", "write-path"],
)
def test_bytes_are_named_as_bytes(pack: rcp.Pack, call: Any, message: str) -> None:
    """Bytes for a name or path: a TypeError naming the argument and showing the bytes."""
    with pytest.raises(TypeError) as raised:
        call(pack)
    assert str(raised.value) == message


class Umbrella:
    """A kind of value whose name starts with a vowel."""


class Xylophone:
    """A kind of value whose name starts with a letter that is not a vowel."""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (None, "None"),
        (True, "the value True"),
        (False, "the value False"),
        ("09:30", "the string '09:30'"),
        ("", "the string ''"),
        (6, "the number 6"),
        (0, "the number 0"),
        (2.5, "the number 2.5"),
        ([1], "a list"),
        ((1,), "a tuple"),
        ({"a": 1}, "a dict"),
        ({1}, "a set"),
        (frozenset({1}), "a set"),
        (datetime(2027, 1, 12, 9, 30), "the datetime 2027-01-12 09:30:00"),  # noqa: DTZ001
        (date(2027, 1, 12), "a date"),
        (time(9, 30), "a time"),
        (timedelta(minutes=15), "a timedelta"),
        (b"09:30", "the bytes b'09:30'"),
        (object(), "an object"),
        (Umbrella(), "an Umbrella"),
        (Xylophone(), "a Xylophone"),
    ],
)
def test_a_message_says_what_was_given_by_its_kind(value: object, said: str) -> None:
    """What was given is named as a user would say it: its text, its number, or its kind."""
    assert given(value) == said


def test_validators_made_for_a_class_name_the_field_and_what_it_wants() -> None:
    """Validators made here for attrs name the field, what was given and what is wanted, whole."""

    @attrs.define
    class Options:
        days: int = attrs.field(default=1, validator=validator(int))
        begins: date | None = attrs.field(default=None, validator=optional(date))
        shelter: Umbrella | None = attrs.field(default=None, validator=optional(Umbrella))
        band: Xylophone | None = attrs.field(default=None, validator=optional(Xylophone))
        at: tuple[time, ...] = attrs.field(default=(), validator=tuple_of(time))
        brolly: Umbrella = attrs.field(factory=Umbrella, validator=validator(Umbrella))

    assert (
        Options(
            days=2, begins=date(2027, 1, 12), shelter=Umbrella(), band=Xylophone(), at=(time(9),)
        ).days
        == 2
    )
    make: Any = Options  # given wrong kinds on purpose below
    assert make(at=[time(9), time(10)]).at == [time(9), time(10)]  # no converter here
    assert make(at={time(9)}).at == {time(9)}
    refused: dict[str, dict[str, Any]] = {
        "days must be a whole number such as 2, not the string '2'": {"days": "2"},
        "days must be a whole number such as 2, not the value True": {"days": True},
        "begins must be None or a datetime.date such as date(2027, 1, 12), "
        "not the datetime 2027-01-12 00:00:00": {"begins": datetime(2027, 1, 12)},  # noqa: DTZ001
        "begins must be None or a datetime.date such as date(2027, 1, 12), "
        "not the string '2027-01-12'": {"begins": "2027-01-12"},
        "shelter must be None or an Umbrella, not the number 1": {"shelter": 1},
        "band must be None or a Xylophone, not an Umbrella": {"band": Umbrella()},
        "brolly must be an Umbrella, not None": {"brolly": None},
        "at must be a list or tuple of datetime.time values, not the string '09:00'": {
            "at": "09:00"
        },
        "at must be a list or tuple of datetime.time values, not the bytes b'09:00'": {
            "at": b"09:00"
        },
        "at must be a list or tuple of datetime.time values, not the number 9": {"at": 9},
        "at must be a list or tuple of datetime.time values, not a dict": {"at": {}},
        "at[1] must be a datetime.time such as time(9, 30), not the string '10:00'": {
            "at": (time(9), "10:00")
        },
        "at[0] must be a datetime.time such as time(9, 30), not None": {"at": [None]},
        "at[0] must be a datetime.time such as time(9, 30), "
        "not the datetime 2027-01-12 09:00:00": {"at": [datetime(2027, 1, 12, 9)]},  # noqa: DTZ001
    }
    for message, arguments in refused.items():
        with pytest.raises(TypeError) as raised:
            make(**arguments)
        assert type(raised.value) is TypeError
        assert str(raised.value) == message, arguments


def test_tuple_of_names_a_kind_by_its_module() -> None:
    """A tuple of a kind of this project's is named with its module, as the user imports it."""

    @attrs.define
    class Shelters:
        all: tuple[Umbrella, ...] = attrs.field(validator=tuple_of(Umbrella))

    with pytest.raises(TypeError) as raised:
        Shelters(all=Umbrella())  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"all must be a list or tuple of {__name__}.Umbrella values, not an Umbrella"
    )


def test_a_count_of_one_is_taken_and_zero_refused() -> None:
    """One is the smallest count taken: a handout for one person is a handout."""
    check_count("participants", 1, "people")
    with pytest.raises(ValueError, match=r"^participants must be a number of people more than"):
        check_count("participants", 0, "people")
