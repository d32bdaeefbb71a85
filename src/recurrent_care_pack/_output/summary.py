"""A short, plain-text summary of a pack: sections, modules with their times, exercises, tips."""

from recurrent_care_pack._durations import short_duration
from recurrent_care_pack._model import Exercise, LearningModule, Pack, Tip, lookup
from recurrent_care_pack._naming import exercise_names, film_names, listed
from recurrent_care_pack._use.queries import every_tip, leaf_tips, module_time

__all__ = ["summary"]


def summary(pack: Pack) -> str:
    """Summarise ``pack`` in a few lines a person can read at a glance."""
    organisation = lookup(pack).organisations.get(pack.publisher)
    publisher = organisation.name if organisation is not None else pack.publisher
    numbers = [str(s.number) for s in pack.sections]
    held = f"Section{'s' if len(numbers) > 1 else ''} {listed(numbers)}"
    lines = [
        pack.title,
        f"Published {pack.published:%-d %B %Y} by {publisher}.",
        (
            f"Held here: {_count(len(pack.sections), 'section')} of the pack"
            f"{f' ({held})' if numbers else ''}, "
            f"{_count(len(pack.case_studies), 'case study', 'case studies')}, "
            f"{_works(pack)}."
        ),
    ]
    for section in pack.sections:
        lines += ["", f"Section {section.number}: {section.title}"]
        for module in section.modules:
            lines += _module_lines(pack, module)
        if section.exercises:
            lines.append("  Exercises")
            lines += [_exercise_line(e) for e in section.exercises]
        if section.tips is not None:
            categories = section.tips.categories
            leaves = [t for c in categories for t in leaf_tips(c.tips)]
            lines.append(f"  {section.tips.title}")
            lines.append(
                f"    {_tips_count(leaves)} in {_count(len(categories), 'category', 'categories')}"
            )
            lines += [_category_line(list(leaf_tips(c.tips)), c.title) for c in categories]
    return "\n".join(lines)


def _category_line(tips: list[Tip], title: str) -> str:
    paragraphs = sum(1 for t in tips if t.paragraph)
    advice = f", and {_count(paragraphs, 'paragraph')} of advice" if paragraphs else ""
    return f"    {len(tips) - paragraphs:>3}  {title}{advice}"


def _tips_count(tips: list[Tip]) -> str:
    """How many tips and paragraphs of advice, as the pack gives them: 32 tips and 2 ..."""
    paragraphs = sum(1 for t in tips if t.paragraph)
    text = _count(len(tips) - paragraphs, "tip")
    if paragraphs:
        text += f" and {_count(paragraphs, 'paragraph')} of advice"
    return text


def _works(pack: Pack) -> str:
    """The works, and how the sections held use them: cited, recommended, inferred."""
    cited: set[str] = set()
    recommended: set[str] = set()
    for section in pack.sections:
        if section.background_reading is not None:
            recommended.update(section.background_reading.works)
        if section.tips is not None:
            for category in section.tips.categories:
                cited.update(w for t in every_tip(category.tips) for w in t.cites)
    ids = {w.id for w in pack.works}
    counts = (
        (len(cited & ids), "cited"),
        (len(recommended & ids), "recommended as reading"),
        (len(ids - cited - recommended), "named elsewhere in the pack"),
    )
    uses = ", ".join(f"{number} {what}" for number, what in counts if number)
    inferred = sum(1 for w in pack.works if w.inferred)
    if inferred:  # one of those above, not another: the counts add up to the works
        uses += f"; {inferred} of them inferred from a short citation"
    return f"{_count(len(ids), 'work')}{f' ({uses})' if uses else ''}"


def _module_lines(pack: Pack, module: LearningModule) -> list[str]:
    media = lookup(pack).media
    films = film_names([media[f] for f in module.films if f in media])
    parts = [f"{films}: {short_duration(module.allowance)}"]
    discussion = module.discussion
    if discussion is not None:
        parts.append(
            f"{'optional ' if discussion.optional else ''}discussion: "
            f"{short_duration(discussion.duration)}"
        )
    exercise = lookup(pack).exercises.get(module.exercise or "")
    if exercise is not None:
        parts.append(f"then {exercise_names([exercise])}: {short_duration(exercise.time)}")
    total = module_time(pack, module, discussion=True, exercise=exercise is not None)
    in_all = f"{short_duration(total)} in all"
    if discussion is not None and discussion.optional:
        without = module_time(pack, module, exercise=exercise is not None)
        in_all += f", {short_duration(without)} without the discussion"
    lines = [
        f"  Module {module.number}  {module.title}",
        f"            {'; '.join(parts)}",
        f"            {in_all}",
    ]
    if module.different_day is not None:
        rewatch = film_names([media[f] for f in module.different_day.rewatch if f in media])
        lines.append(
            f"            on a different day, the pack suggests also watching {rewatch} first: "
            f"films {short_duration(module.different_day.allowance)}"
        )
    return lines


def _exercise_line(exercise: Exercise) -> str:
    phases = " + ".join(short_duration(p.duration) for p in exercise.phases)
    return (
        f"    {exercise.number:>3}  {exercise.title}: {short_duration(exercise.time)} ({phases})"
    )


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
