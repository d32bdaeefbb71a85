"""Checking against the JSON Schema, with every failure put in the editor's words."""

import difflib
import json
import re
from collections.abc import Iterator, MutableMapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from recurrent_care_pack._durations import diagnose
from recurrent_care_pack._naming import a
from recurrent_care_pack._problems import (
    MAX_PROBLEMS,
    Fix,
    Problem,
    change_to,
    quoted,
    sort_key,
    too_many,
    write_as,
)
from recurrent_care_pack._text import closest, either

from .dates import date_message
from .reading import Document, KeyPath, spaced
from .schemas import (
    inlined_session_schema,
    is_definition,
    pack_validator,
    resolve,
    schema,
    session_schema,
    session_validator,
    split_validators,
)

__all__ = [
    "inlined_session_schema",
    "resolve",
    "schema",
    "schema_failures",
    "schema_problems",
    "session_schema",
    "session_schema_failures",
]

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

_KINDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys and values",
    "null": "empty",
}


def session_schema_failures(document: Document) -> list[Problem]:
    """Every way a session file breaks the session schema, located and explained."""
    problems: dict[Problem, None] = {}
    for error in session_validator().iter_errors(document.data):
        for problem in _explain(document, error):
            problems[problem] = None
            if len(problems) >= MAX_PROBLEMS:
                return [*problems, too_many(document.file)]
    refused = {problem.path for problem in problems if problem.code in _VALUE_CODES}
    for word in document.yes_no_words.values():  # 'no' as text: YAML 1.1 reads false
        if word.path not in refused:
            problems[word] = None
    return sorted(problems, key=sort_key)[: MAX_PROBLEMS + 1]


def schema_problems(document: Document) -> list[Problem]:
    """Every way ``document`` breaks the schema, located and explained.

    With them, the RC111 problem of each plain 'yes' or 'no' the schema takes as text;
    where it refuses the value, its own problem says how to mend it, not "put it in quotes".
    """
    return schema_failures(document)[0]


#: What ``schema_failures`` may keep between calls: each list item's failures, by its content.
ItemFailures = MutableMapping[str, list[ValidationError]]


def schema_failures(
    document: Document, items: ItemFailures | None = None
) -> tuple[list[Problem], list[tuple[KeyPath, str]]]:
    """`schema_problems`, and where each failure is with the schema keyword that failed.

    The RC111 problems of yes/no words are not failures: they leave the part whole. Where
    checking stops at `MAX_PROBLEMS`, the last failure is the whole file's, ``((), "stopped")``.
    With ``items`` (an editor checking after each edit), a list item is checked only if no
    item of the same content was last time: this time's failures are kept there.
    """
    problems: dict[Problem, None] = {}  # a date can fail two ways, with one explanation
    failures: list[tuple[KeyPath, str]] = []
    for prefix, error in _errors(document.data, items):
        failures.append(((*prefix, *error.absolute_path), str(error.validator)))
        for problem in _explain(document, error, prefix):
            problems[problem] = None
            if len(problems) >= MAX_PROBLEMS:
                return [*problems, too_many(document.file)], [*failures, ((), "stopped")]
    refused = {problem.path for problem in problems if problem.code in _VALUE_CODES}
    for word in document.yes_no_words.values():
        if word.path not in refused:
            problems[word] = None
            if len(problems) >= MAX_PROBLEMS:
                return [*problems, too_many(document.file)], [*failures, ((), "stopped")]
    return list(problems), failures


def _errors(data: object, items: ItemFailures | None) -> Iterator[tuple[KeyPath, ValidationError]]:
    """Every failure with the path of the list item it was found in (``()`` if none)."""
    if items is None or not isinstance(data, dict):
        for error in pack_validator().iter_errors(data):
            yield (), error
        return
    top, of_items = split_validators()
    for error in top.iter_errors(data):
        yield (), error
    used: set[str] = set()
    for name, validator in of_items.items():
        listed = data.get(name)
        for index, item in enumerate(listed if isinstance(listed, list) else ()):
            for error in _item_errors(validator, name, item, items, used):
                yield (name, index), error
    for key in [key for key in items if key not in used]:  # only this file's items are kept
        del items[key]


def _item_errors(
    validator: Draft202012Validator,
    name: str,
    item: object,
    items: ItemFailures,
    used: set[str],
) -> Iterator[ValidationError]:
    """The item's failures as found (checking may stop inside it), kept once all are."""
    try:
        key = name + json.dumps(item, sort_keys=True, default=lambda v: f"{type(v)}{v!r}")
    except (TypeError, ValueError):  # keys of more than one kind: not kept
        yield from validator.iter_errors(item)
        return
    used.add(key)
    if (found := items.get(key)) is not None:
        yield from found
        return
    found = []
    for error in validator.iter_errors(item):
        found.append(error)
        yield error
    items[key] = found


#: The codes of problems with a value itself (not with its key or its mapping).
_VALUE_CODES = frozenset(
    {"RC203", "RC204", "RC205", "RC206", "RC207", "RC208", "RC209"}
    | {"RC301", "RC302", "RC303", "RC304"}
)

#: What a word means where true or false is wanted.
_TRUE_OR_FALSE = {
    **dict.fromkeys(("yes", "y", "on", "true"), "true"),
    **dict.fromkeys(("no", "n", "off", "false"), "false"),
}


def _explain(
    document: Document, error: ValidationError, prefix: KeyPath = ()
) -> Iterator[Problem]:
    """``error`` explained; its path is below ``prefix`` (the list item it was found in)."""
    path = (*prefix, *error.absolute_path)
    keyword = error.validator
    instance = error.instance
    here = error.schema if isinstance(error.schema, dict) else {}
    name = _name(path)
    if is_definition(here, "duration"):
        found = diagnose(instance)
        if found is not None:
            written = (found.fixed,) if found.fixed is not None else found.choices
            yield document.problem(path, found.code, found.reason, fix=write_as(written))
        return
    if keyword in {"oneOf", "anyOf"}:
        yield from _explain_choice(document, error, here, prefix)
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):  # only a mapping's
        yield from _explain_unknown_keys(document, path, here, instance)
        return
    if keyword == "required" and isinstance(instance, dict):  # only a mapping's
        title = here.get("title", "mapping")
        misspelt = _misspelt(here, instance)
        for key in here.get("required", []):
            # A key written wrongly gets one problem: RC201's "did you mean", not "add it".
            if key not in instance and key not in misspelt:
                about = _describe(here["properties"][key])
                message = f"this {title} has no '{key}'; add it: {about}"
                added = Fix(action="Add '{}'", key=key, at=document.where(path))
                yield document.problem(path, "RC202", message, at_key=True, fix=added)
        return
    if keyword == "type" and here.get("title") == "clock time":
        message = f"{name} should be a time of day written HH:MM, such as '09:30', not "
        yield document.problem(path, "RC209", message + _kind_of(instance))
        return
    if keyword == "type":
        message, fix = _wrong_kind(path, here, instance)
        yield document.problem(path, "RC203", message, fix=fix)
        return
    yield _value_problem(document, error, path, here)


def _value_problem(
    document: Document, error: ValidationError, path: KeyPath, here: dict[str, Any]
) -> Problem:
    """The problem with a value the schema does not allow (or a key, `_key_or_value`)."""
    name = _name(path)
    path, at_key = _key_or_value(error, path)
    if error.validator == "enum":
        allowed = [str(v) for v in here["enum"]]
        close = closest(str(error.instance), allowed)
        hint = f"did you mean {either(close)}?" if close else "use one of: " + _list(allowed)
        message = f"{_shown(error.instance)} is not allowed here; {hint}"
        one = not isinstance(error.instance, (dict, list))  # a fix replaces one value
        fix = change_to(close) if one else None
        return document.problem(path, "RC204", message, at_key=at_key, fix=fix)
    if is_definition(here, "date"):
        message, written = date_message(str(error.instance), _shown(error.instance))
        fix = write_as([written] if written else [])
        return document.problem(path, "RC206", message, at_key=at_key, fix=fix)
    if error.validator == "pattern" and is_definition(here, "id"):
        written = _id_meant(str(error.instance))
        beside = document.keys.get((*path[:-1], written)) if at_key and written else None
        if beside is not None:  # written so, it would be that key again
            message = (
                f"{quoted(str(error.instance))} is not a valid id; written as one, "
                f"'{written}', it would repeat the key on line {beside.line}: keep one of them"
            )
            return document.problem(path, "RC205", message, at_key=at_key)
        fix = write_as([written] if written else [])
        return document.problem(path, *_explain_value(error, here, name), at_key=at_key, fix=fix)
    return document.problem(path, *_explain_value(error, here, name), at_key=at_key)


def _id_meant(text: str) -> str | None:
    """The id ``text`` was meant to be, as its message says ('Film 7' is 'film-7'), if any."""
    if _ID.fullmatch(text.strip()):
        return text.strip()  # a space or line break around it
    meant = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return meant if _ID.fullmatch(meant) else None


def _key_or_value(error: ValidationError, path: KeyPath) -> tuple[KeyPath, bool]:
    """Where ``error`` is: at a key the schema refuses (``propertyNames``), else at ``path``."""
    if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
        return (*path, error.instance), True
    return path, False


def _wrong_kind(
    path: tuple[str | int, ...], here: dict[str, Any], instance: object
) -> tuple[str, Fix | None]:
    """The message for a value of another kind than the schema asks for, and its fix."""
    message = _wrong_kind_message(path, here, instance)
    word = str(instance).strip().lower() if isinstance(instance, str) else None
    if path and here.get("type") == "boolean" and word in _TRUE_OR_FALSE:
        meaning = _TRUE_OR_FALSE[word]
        if meaning != word:  # 'true' in quotes: its message says to take the quotes off
            return message, Fix(action="Write {}", replacements=(meaning,))
    return message, None


def _wrong_kind_message(
    path: tuple[str | int, ...], here: dict[str, Any], instance: object
) -> str:
    wanted = here.get("type")
    name = _name(path)
    fix = spaced(instance) if wanted == "object" and isinstance(instance, str) else None
    if fix is not None:  # '- id:film-6' is text; 'id: film-6' would be a mapping
        return (
            f"a colon needs a space after it: write {fix}; without it, "
            f"{name} is the text {quoted(str(instance))}, not a mapping"
        )
    if not path and here.get("title") == "session file":
        kind = _kind_of(instance)
        return f"a session file should be a mapping with the key 'session', not {kind}"
    if not path:
        return (
            "the file should be a mapping of keys such as 'pack' and 'sections', "
            f"not {_kind_of(instance)}"
        )
    word = str(instance).strip().lower() if isinstance(instance, str) else None
    if wanted == "boolean" and word in _TRUE_OR_FALSE:  # 'yes': one problem, the right fix
        meaning = _TRUE_OR_FALSE[word]
        quotes = " without quotes" if meaning == word else ""
        return (
            f"{name} should be true or false, not the word {quoted(str(instance))}; "
            f"write {meaning}{quotes}"
        )
    return f"{name} should be {_KINDS.get(str(wanted), str(wanted))}, not {_kind_of(instance)}"


def _explain_value(error: ValidationError, here: dict[str, Any], name: str) -> tuple[str, str]:  # noqa: PLR0911 (one return per keyword)
    """The code and message for a value the schema does not allow."""
    keyword = error.validator
    instance = error.instance
    if keyword == "pattern" and is_definition(here, "id"):
        text = str(instance)
        if text != text.strip() and _ID.fullmatch(text.strip()):
            return "RC205", (
                f"{quoted(text)} is not a valid id: it has a space or line break around "
                f"it; write '{text.strip()}'"
            )
        example = _id_meant(text) or "film-6"
        return "RC205", (
            f"{quoted(text)} is not a valid id; ids are lowercase words and numbers "
            f"joined by hyphens, e.g. '{example}'"
        )
    if here.get("title") == "clock time":
        return "RC209", (
            f"{name} cannot be {_shown(instance)}: write a time of day as HH:MM on the "
            "24-hour clock, such as '09:30' or '13:45'"
        )
    if keyword in {"minimum", "maximum"}:
        bound = "at least" if keyword == "minimum" else "at most"
        return "RC207", f"{name} is {instance}; it must be {bound} {error.validator_value}"
    if keyword == "pattern" and is_definition(here, "text"):
        blank = "is empty" if instance == "" else "has only spaces"
        return "RC208", f"{name} {blank}; write it, or leave the key out"
    if keyword in {"minItems", "minProperties"}:
        return "RC208", _too_few(here, name)
    if keyword == "pattern":
        return "RC209", f"{name} cannot be {_shown(instance)}: {_describe(here)}"
    return "RC209", f"{name}: {error.message}"


def _too_few(here: dict[str, Any], name: str) -> str:
    """The message for an empty mapping, or a list with too few entries."""
    if "minItems" not in here:  # a mapping with no keys
        keys = [f"'{key}'" for key in here.get("properties", {})]
        some = ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else "".join(keys)
        return f"{name} is empty; give {some}, or leave it out"
    least = int(here["minItems"])
    return f"{name} needs at least {least} {'entry' if least == 1 else 'entries'}"


def _explain_choice(
    document: Document, error: ValidationError, here: dict[str, Any], prefix: KeyPath = ()
) -> Iterator[Problem]:
    """Explain a failed choice by the branch the editor evidently meant, if any."""
    branches = [resolve(b) for b in here.get(str(error.validator), [])]
    instance = error.instance
    meant = [i for i, branch in enumerate(branches) if _meant(branch, instance)]
    if not meant and isinstance(instance, dict):  # a misspelt key still says what was meant
        meant = [
            i
            for i, branch in enumerate(branches)
            for key in branch.get("required", [])
            if difflib.get_close_matches(key, [str(k) for k in instance], n=1, cutoff=0.6)
        ]
    for index in meant[:1]:
        if index >= 0:
            for sub in error.context or []:
                if sub.relative_schema_path and sub.relative_schema_path[0] == index:
                    yield from _explain(document, sub, prefix)
            return
    path = (*prefix, *error.absolute_path)
    message = f"{_name(path)} should be {_describe(here)}"
    yield document.problem(path, "RC203", message)


def _meant(branch: dict[str, Any], instance: object) -> bool:
    wanted = branch.get("type")
    if wanted == "object":
        required = branch.get("required", [])
        return isinstance(instance, dict) and any(key in instance for key in required)
    if wanted == "string":
        return isinstance(instance, str)
    return False


def _misspelt(here: dict[str, Any], instance: dict[str, Any]) -> set[str]:
    """The known keys that the unknown keys of ``instance`` look like (did you mean...)."""
    known = list(here.get("properties", {}))
    return {e for key in instance if key not in known for e in closest(str(key), known, instance)}


def _section_keys() -> list[str]:
    """The keys of a section's parts, which only a section has."""
    own = resolve({"$ref": "#/$defs/section"}).get("properties", {})
    return [key for key in own if key not in {"id", "number", "title", "published"}]


def _explain_unknown_keys(
    document: Document, path: tuple[str | int, ...], here: dict[str, Any], instance: dict[str, Any]
) -> Iterator[Problem]:
    known = list(here.get("properties", {}))
    title = here.get("title", "mapping")
    for key in instance:
        if key in known:
            continue
        close = closest(str(key), known, instance)  # not one it has
        if close:
            hint = f"did you mean {either(close)}?"
        elif not path and key in _section_keys():  # 'exercises:' at the top of a file
            hint = (
                f"{quoted(str(key))} is a key of a section: write it in its section, under "
                "'sections' (a section and its parts stay in one file)"
            )
        else:
            hint = f"the keys {a(title)} can have are: {_list(known)}"
        yield document.problem(
            (*path, key),
            "RC201",
            f"unknown key {quoted(str(key))} in this {title}; {hint}",
            at_key=True,
            fix=change_to(close),
        )


def _describe(subschema: dict[str, Any]) -> str:
    text = str(subschema.get("description") or resolve(subschema).get("description", ""))
    text = re.split(r"(?<!e\.g)\.(?:\s|$)", text)[0]
    return text[:1].lower() + text[1:]


def _name(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, str):
        return quoted(last)
    if len(path) > 1 and isinstance(path[-2], str):
        return f"entry {last + 1} of {quoted(path[-2])}"
    return f"entry {last + 1}"


def _kind_of(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    return "a list" if isinstance(value, list) else "a mapping"


def _shown(value: object) -> str:
    return quoted(value) if isinstance(value, str) else _kind_of(value)


def _list(items: list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)
