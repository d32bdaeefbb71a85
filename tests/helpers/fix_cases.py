"""Files whose fix's span only a reading of the whole file gives, for SARIF and the editor."""

#: Values whose line alone misleads: a flow mapping begun a line above, a quoted '}' before
#: the value, a comment inside brackets, a block value, a plain value over two lines. By name: each file,
#: the region its fix deletes (line, column, end line, end column), the file once fixed.
READ_NOT_GUESSED: dict[str, tuple[str, tuple[int, int, int, int], str]] = {
    "flow mapping begun above": (
        "pack: {\n  id: Film 6, title: T, publisher: org, published: 2024-01-01}\n",
        (2, 7, 2, 13),
        "pack: {\n  id: film-6, title: T, publisher: org, published: 2024-01-01}\n",
    ),
    "quoted bracket before": (
        "pack: {title: 'a}', id: Film 6, publisher: org, published: 2024-01-01}\n",
        (1, 25, 1, 31),
        "pack: {title: 'a}', id: film-6, publisher: org, published: 2024-01-01}\n",
    ),
    "comment inside brackets": (
        "pack: {\n  id: Film 6,  # the id\n  title: T, publisher: org, published: 2024-01-01}\n",
        (2, 7, 2, 13),
        "pack: {\n  id: film-6,  # the id\n  title: T, publisher: org, published: 2024-01-01}\n",
    ),
    "block value": (
        "pack:\n  id: |-\n    Film 6\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
        (2, 7, 3, 11),
        "pack:\n  id: film-6\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
    ),
    "last line, no line break after it": (
        "pack: {id: Film 6, title: T, publisher: org, published: 2024-01-01}",
        (1, 12, 1, 18),
        "pack: {id: film-6, title: T, publisher: org, published: 2024-01-01}",
    ),
    "value over two lines": (
        "pack:\n  id: Film\n    6\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
        (2, 7, 3, 6),
        "pack:\n  id: film-6\n  title: T\n  publisher: org\n  published: 2024-01-01\n",
    ),
}
