"""Small packs the tests build on: a pack file's text, and packs of films of given minutes."""

from collections.abc import Sequence
from datetime import date, timedelta

from recurrent_care_pack import (
    Agenda,
    LearningModule,
    Media,
    MediaKind,
    Organisation,
    Pack,
    Section,
)

MIN = timedelta(minutes=1)

#: The smallest valid pack file, to add a mistake to.
BASE = """\
pack:
  id: p
  title: A pack
  publisher: org
  published: 2019-05-22
organisations:
  - id: org
    name: An organisation
sections:
  - id: s
    number: 3
    title: A section
    modules:
      - id: m2
        number: 2
        title: Complex trauma
        films: [film-6]
        allowance: 23 minutes
        exercise: ex
      - id: m3
        number: 3
        title: Trauma-informed approaches
        films: [film-7]
        allowance: 32 minutes
        different_day:
          rewatch: [film-6]
          allowance: 55 minutes
    media:
      - id: film-6
        kind: film
        number: 6
        running_time: 22 minutes 31 seconds
        allowance: 23 minutes
      - id: film-7
        kind: film
        number: 7
    exercises:
      - id: ex
        number: 9
        title: An exercise
        time: 30 minutes
        phases:
          - grouping: [pairs, small groups]
            duration: 20 minutes
            activity: Talk.
          - grouping: [whole group]
            duration: 10 minutes
            activity: Come back together.
"""

#: A pack file with every kind of reference.
FULL = """\
pack:
  id: p
  title: A pack
  publisher: rip
  published: 2019-05-22
  origin:
    name: A project
    partners: [lancaster, essex]
organisations:
  - id: rip
    name: Research in Practice
  - id: lancaster
    name: Lancaster University
  - id: essex
    name: University of Essex
  - id: fdac
    name: Family Drug and Alcohol Court
  - id: afc
    name: Action for Children
people:
  - id: sheena
    name: Sheena Webb
    organisation: fdac
works:
  - id: report
    title: A report
    year: 2017
    publisher: lancaster
  - id: review
    title: A review
    year: 2018
case_studies:
  - id: amy
    name: Amy
    title: The case study of Amy
    based_on: report
sections:
  - id: s
    number: 3
    title: A section
    modules:
      - id: m2
        number: 2
        title: Complex trauma
        films: [film-6]
        allowance: 23 minutes
      - id: m3
        number: 3
        title: Trauma-informed approaches
        films: [film-7]
        exercise: ex
        allowance: 32 minutes
        different_day:
          rewatch: [film-6]
          allowance: 55 minutes
    media:
      - id: film-6
        kind: film
        number: 6
        speakers: [sheena]
        allowance: 23 minutes
      - id: film-7
        kind: film
        number: 7
    exercises:
      - id: ex
        number: 9
        title: An exercise
        time: 30 minutes
        what_you_need:
          - case_study: amy
          - Post-its
        draws_on: [film-6]
        phases:
          - duration: 30 minutes
            activity: Talk.
    background_reading:
      introduction: Some reading.
      works: [review]
    tips:
      title: Tips
      categories:
        - id: c
          title: Tips on recruitment
          tips:
            - id: lead-in
              text: 'Look to recruit people who:'
              points:
                - id: point
                  text: Can engage with parents and not give up.
                  cites: [review]
                  mentions: [afc]
            - id: own-pace
              text: Work at the mother's own pace.
              cites: [report]
              mentions: [essex]
          resources:
            - id: r
              title: A job description
              organisation: rip
"""


def modules_pack(minutes: Sequence[int]) -> Pack:
    """A valid pack of one section whose modules each show one film of the given minutes."""
    films = tuple(
        Media(id=f"film-{n}", kind=MediaKind.FILM, number=n, allowance=m * MIN)
        for n, m in enumerate(minutes, start=1)
    )
    modules = tuple(
        LearningModule(
            id=f"module-{n}", number=n, title=f"Module {n}", films=(f.id,), allowance=f.allowance
        )
        for n, f in enumerate(films, start=1)
        if f.allowance is not None
    )
    section = Section(id="section-1", number=1, title="Section", modules=modules, media=films)
    return Pack(
        id="pack",
        title="Pack",
        publisher="org",
        published=date(2026, 1, 1),
        sections=(section,),
        organisations=(Organisation(id="org", name="Org"),),
    )


def rows(agenda: Agenda) -> list[tuple[int, str, str, str]]:
    """Each entry of ``agenda`` as (day, start, end, title)."""
    return [(e.day, f"{e.start:%H:%M}", f"{e.end:%H:%M}", e.title) for e in agenda.entries]
