"""A short, plain-text summary of a pack: sections, modules with their times, exercises, tips."""

from datetime import timedelta

from ._durations import short_duration
from ._model import Exercise, LearningModule, Media, Pack
from ._queries import film_names, leaf_tips

__all__ = ["summary"]


def summary(pack: Pack) -> str:
    """Summarise ``pack`` in a few lines a person can read at a glance."""
    organisations = {o.id: o.name for o in pack.organisations}
    media = {m.id: m for s in pack.sections for m in s.media}
    exercises = {e.id: e for s in pack.sections for e in s.exercises}
    lines = [
        pack.title,
        (
            f"Published {pack.published:%-d %B %Y} by "
            f"{organisations.get(pack.publisher, pack.publisher)}: "
            f"{_count(len(pack.sections), 'section')}, "
            f"{_count(len(pack.case_studies), 'case study', 'case studies')}, "
            f"{_count(len(pack.works), 'work')} cited or recommended."
        ),
    ]
    for section in pack.sections:
        lines += ["", f"Section {section.number}: {section.title}"]
        for module in section.modules:
            lines += _module_lines(module, media, exercises)
        if section.exercises:
            lines.append("  Exercises")
            lines += [_exercise_line(e) for e in section.exercises]
        if section.tips is not None:
            categories = section.tips.categories
            total = sum(len(list(leaf_tips(c.tips))) for c in categories)
            lines.append(f"  Tips from practice: {total} tips in {len(categories)} categories")
            lines += [f"    {len(list(leaf_tips(c.tips))):>3}  {c.title}" for c in categories]
    return "\n".join(lines)


def _module_lines(
    module: LearningModule, media: dict[str, Media], exercises: dict[str, Exercise]
) -> list[str]:
    films = film_names([media[f] for f in module.films if f in media])
    parts = [f"{films}: {short_duration(module.allowance)}"]
    total = module.allowance
    optional = timedelta()
    if module.discussion is not None:
        parts.append(
            f"{'optional ' if module.discussion.optional else ''}discussion: "
            f"{short_duration(module.discussion.duration)}"
        )
        total += module.discussion.duration
        if module.discussion.optional:
            optional = module.discussion.duration
    exercise = exercises.get(module.exercise or "")
    if exercise is not None:
        parts.append(f"then Exercise {exercise.number}: {short_duration(exercise.time)}")
        total += exercise.time
    in_all = f"{short_duration(total)} in all"
    if optional:
        in_all += f", {short_duration(total - optional)} without the discussion"
    lines = [
        f"  Module {module.number}  {module.title}",
        f"            {'; '.join(parts)}",
        f"            {in_all}",
    ]
    if module.different_day is not None:
        rewatch = film_names([media[f] for f in module.different_day.rewatch if f in media])
        lines.append(
            f"            on a different day: watch {rewatch} again first; films "
            f"{short_duration(module.different_day.allowance)}"
        )
    return lines


def _exercise_line(exercise: Exercise) -> str:
    phases = " + ".join(short_duration(p.duration) for p in exercise.phases)
    return (
        f"    {exercise.number:>3}  {exercise.title}: {short_duration(exercise.time)} ({phases})"
    )


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
