"""Timings that add up: phases and times, films and allowances, a different day's allowance."""

import math
from collections.abc import Mapping
from datetime import timedelta

from recurrent_care_pack._durations import format_duration
from recurrent_care_pack._model import LearningModule, Media, Section
from recurrent_care_pack._naming import exercise_name, film_name, film_names, module_name
from recurrent_care_pack._order import films_shown
from recurrent_care_pack._problems import Fix

from .checker import Checker
from .reading import KeyPath

__all__ = ["Timings"]


class Timings(Checker):
    """The timing checks."""

    # Timings --------------------------------------------------------------------------

    def check_timings(self) -> None:
        media = self.media
        for i, section in enumerate(self.pack.sections):
            at = ("sections", i)
            for j, film in enumerate(section.media):
                self.check_film_allowance((*at, "media", j), film)
            for j, exercise in enumerate(section.exercises):
                if exercise.phases:
                    total = sum((p.duration for p in exercise.phases), timedelta())
                    if total != exercise.time:
                        self.report(
                            (*at, "exercises", j, "time"),
                            "RC404",
                            f"the phases of {exercise_name(exercise)} add up to "
                            f"{format_duration(total)}, but its time is "
                            f"{format_duration(exercise.time)}; make them agree",
                            fix=Fix(
                                action="Make its time {}", replacements=(format_duration(total),)
                            ),
                        )
            for j, module in enumerate(section.modules):
                if not any(self.left_out(film_id) for film_id in films_shown(module)):
                    self.check_module_timings((*at, "modules", j), module, section, media)

    def left_out(self, film_id: str) -> bool:
        """Whether a film named is not in the pack, and may have been left out of it."""
        return film_id not in self.media and self.gaps.hides(film_id, "film or presentation")

    def check_film_allowance(self, path: KeyPath, film: Media) -> None:
        if film.allowance is None or film.running_time is None:
            return
        if film.running_time > film.allowance:
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{film_name(film)} runs {format_duration(film.running_time)}, longer than its "
                f"allowance of {format_duration(film.allowance)}; allow at least "
                f"{_whole_minutes(film.running_time)}",
                fix=_allow_at_least(film.running_time),
            )

    def check_module_timings(
        self, path: KeyPath, module: LearningModule, section: Section, media: Mapping[str, Media]
    ) -> None:
        films = [media[f] for f in dict.fromkeys(module.films) if f in media]  # once: RC411
        label = module_name(module, section)
        known = [f for f in films if f.running_time is not None]
        running = sum((f.running_time for f in known if f.running_time), timedelta())
        if known and running > module.allowance:
            names = film_names(known)
            verb = "runs" if len(known) == 1 else "run"
            together = "" if len(known) == 1 else " together"
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{label} allows {format_duration(module.allowance)} for its films, but "
                f"{names} {verb} {format_duration(running)}{together}; allow at least "
                f"{_whole_minutes(running)}",
                fix=_allow_at_least(running),
            )
        allowed = [f for f in films if f.allowance is not None]
        allowed_total = sum((f.allowance for f in allowed if f.allowance), timedelta())
        if allowed and allowed_total > module.allowance:
            self.report(
                (*path, "allowance"),
                "RC405",
                f"{label} allows {format_duration(module.allowance)} for its films, but the "
                f"allowances of {film_names(allowed)} add up to "
                f"{format_duration(allowed_total)}; make them agree",
            )
        if module.different_day is not None:
            self.check_different_day(path, module, label, media)

    def check_different_day(
        self, path: KeyPath, module: LearningModule, label: str, media: Mapping[str, Media]
    ) -> None:
        plan = module.different_day
        assert plan is not None  # noqa: S101 (checked by the caller)
        rewatch_time = timedelta()
        rewatch = list(dict.fromkeys(plan.rewatch))  # each film once: RC411
        for film_id in rewatch:
            film = media.get(film_id)
            if film is None:
                return  # reported as an unknown reference
            if film.allowance is None:
                self.report(
                    (*path, "different_day", "rewatch", plan.rewatch.index(film_id)),
                    "RC409",
                    f"{film_name(film)} is re-watched on a different day but has no allowance; "
                    f"give {film_name(film)} an 'allowance' so that the time can be checked",
                )
                return
            rewatch_time += film.allowance
        expected = module.allowance + rewatch_time
        if plan.allowance != expected:
            rewatched = film_names([media[f] for f in rewatch])
            self.report(
                (*path, "different_day", "allowance"),
                "RC406",
                f"on a different day {label} allows {format_duration(plan.allowance)} for "
                f"films, but its own {format_duration(module.allowance)} and "
                f"{format_duration(rewatch_time)} to re-watch {rewatched} "
                f"make {format_duration(expected)}; make them agree",
                fix=Fix(
                    action="Allow {} on a different day",
                    replacements=(format_duration(expected),),
                ),
            )


def _allow_at_least(duration: timedelta) -> Fix:
    return Fix(action="Allow at least {}", replacements=(_whole_minutes(duration),))


def _whole_minutes(duration: timedelta) -> str:
    minutes = math.ceil(duration.total_seconds() / 60)
    return format_duration(timedelta(minutes=minutes))
