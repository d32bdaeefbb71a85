"""A pack's lookup: built once, kept in the pack, and invisible to what compares or copies it."""

import copy
import gc
import pickle
import threading
from datetime import timedelta

import attrs
from small_packs import modules_pack

from recurrent_care_pack import Exercise, Pack
from recurrent_care_pack._content.building import pack_from_dict, pack_to_dict
from recurrent_care_pack._model import lookup


def test_a_pack_looked_up_still_equals_its_twin() -> None:
    """Equality, hashing and repr ignore the index one pack has built and the other has not."""
    one, other = modules_pack([5, 10]), modules_pack([5, 10])
    before = (repr(one), hash(one))
    assert set(lookup(one).media) == {"film-1", "film-2"}
    assert one == other
    assert (repr(one), hash(one)) == before == (repr(other), hash(other))
    assert "Lookup" not in repr(one)


def test_the_lookup_is_built_once_per_pack() -> None:
    """The same index each time for one pack; an equal pack has its own."""
    one, other = modules_pack([5]), modules_pack([5])
    assert lookup(one) is lookup(one)
    assert lookup(other) is not lookup(one)
    assert lookup(other) == lookup(one)


def test_a_pack_pickles_and_copies_without_its_lookup() -> None:
    """Pickled or copied after a lookup, a pack is the same pack and looks up the same."""
    pack = modules_pack([5, 10])
    found = lookup(pack)
    for again in (pickle.loads(pickle.dumps(pack)), copy.copy(pack), copy.deepcopy(pack)):  # noqa: S301 (our own bytes)
        assert again == pack
        assert lookup(again) == found
    assert b"Lookup" not in pickle.dumps(pack)


def test_unstructuring_a_looked_up_pack_leaves_the_lookup_out() -> None:
    """The converter sees the pack's fields only, and its round trip gives an equal pack."""
    pack = modules_pack([5])
    lookup(pack)
    plain = pack_to_dict(pack)
    assert "_lookup" not in plain
    assert "lookup" not in plain
    assert pack_from_dict(plain) == pack


def test_a_new_pack_never_gets_an_old_packs_lookup() -> None:
    """Packs made and dropped one after another (their ids reused) each find their own films."""
    for minutes in range(1, 30):
        pack = modules_pack([minutes] * (minutes % 4 + 1))
        assert set(lookup(pack).media) == {f"film-{n}" for n in range(1, minutes % 4 + 2)}
        del pack
        gc.collect(0)


def test_threads_looking_up_one_pack_agree() -> None:
    """Eight threads looking a fresh pack up at once all get its items."""
    pack: Pack = modules_pack([5, 10, 15])
    barrier = threading.Barrier(8)
    found: list[frozenset[str]] = []

    def look() -> None:
        barrier.wait()
        found.append(frozenset(lookup(pack).media))

    threads = [threading.Thread(target=look) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [frozenset({"film-1", "film-2", "film-3"})] * 8
    assert attrs.fields_dict(Pack).keys().isdisjoint({"_lookup", "lookup"})


def test_an_id_used_twice_finds_its_first_item() -> None:
    """Two films with one id (a mistake the checks report): the lookup keeps the first."""
    pack = modules_pack([5, 10])
    first, second = pack.sections[0].media
    twice = attrs.evolve(
        pack,
        sections=(
            attrs.evolve(pack.sections[0], media=(first, attrs.evolve(second, id=first.id))),
        ),
    )
    assert lookup(twice).media == {"film-1": first}


def test_every_sections_films_and_exercises_are_found() -> None:
    """A pack of two sections: the second section's items are found as the first's are."""
    first = modules_pack([5]).sections[0]
    exercise = Exercise(id="ex", number=1, title="An exercise", time=timedelta(minutes=5))
    second = attrs.evolve(
        first,
        id="section-2",
        number=2,
        modules=(),
        media=(attrs.evolve(first.media[0], id="film-9"),),
        exercises=(exercise,),
    )
    pack = attrs.evolve(modules_pack([5]), sections=(first, second))
    assert set(lookup(pack).media) == {"film-1", "film-9"}
    assert lookup(pack).exercises == {"ex": exercise}
