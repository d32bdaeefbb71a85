"""How files start, and what each is by itself (outside any pack folder)."""

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/pack.schema.json\n"
SESSION_LINE = "# yaml-language-server: $schema=../schema/session.schema.json\n"

#: A file's text, and what it is: pack content (by the schema line in its leading comments,
#: a byte order mark before it changing nothing, or by a key of the pack's), a session, or
#: neither (None).
HEADS = {
    "a BOM before the schema line": ("\ufeff" + SCHEMA_LINE + "notes: x\n", "content"),
    "the schema line": (SCHEMA_LINE + "notes: x\n", "content"),
    "a BOM, comments, then the schema line": ("\ufeff# a note\n\n" + SCHEMA_LINE, "content"),
    "the schema line after content": ("notes: x\n" + SCHEMA_LINE, None),
    "a BOM before a comment": ("\ufeff# a note\nnotes: x\n", None),
    "a BOM before the session line": ("\ufeff" + SESSION_LINE + "sections: []\n", "session"),
    "a pack key in quotes": ("'sections': []\n", "content"),
    "a pack key after CRLF breaks": ("# a note\r\nnotes: x\r\nworks: []\r\n", "content"),
    "a session key beside a pack key": ("sections: []\nsession: {}\n", "session"),
    "nothing": ("", None),
}
