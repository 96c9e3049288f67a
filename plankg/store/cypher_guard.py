"""What a user's read-only Cypher may contain, decided on tokens, not on keyword spotting.

The tokenizer knows Cypher's lexical forms (``'…'`` and ``"…"`` strings with backslash escapes,
backticked names with doubled backticks, ``//`` and ``/* */`` comments, ``$parameters``), so a
word is only ever judged where it is code. On the tokens, allow-lists: the statement opens with a
read clause; no word names a clause outside the read set (``LOAD``, ``COPY``, ``ATTACH``,
``INSTALL``, …, wherever they stand); every function called is a known scalar or aggregate
function (table functions that read files or settings, such as ``READ_CSV`` or
``current_setting``, are not); every ``CALL`` names a catalogue procedure. The nesting of
brackets is bounded here, before the database's parser (which recurses) ever sees the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plankg.errors import QueryError, ReadOnlyViolation

MAX_NESTING = 64
"""Brackets open at once; far beyond any real read, far below what overflows a parser."""

START_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
# Words of the read subset that may stand before "(" without being a function call.
READ_KEYWORDS = frozenset(
    {
        *START_CLAUSES,
        "WHERE",
        "ORDER",
        "BY",
        "SKIP",
        "LIMIT",
        "UNION",
        "ALL",
        "DISTINCT",
        "AS",
        "AND",
        "OR",
        "XOR",
        "NOT",
        "IN",
        "IS",
        "NULL",
        "CASE",
        "WHEN",
        "THEN",
        "ELSE",
        "END",
        "EXISTS",
        "COUNT",
        "YIELD",
        "ASC",
        "DESC",
        "ASCENDING",
        "DESCENDING",
        "STARTS",
        "ENDS",
        "CONTAINS",
    }
)
# Clause words outside the read subset: refused wherever they stand as code.
REFUSED_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "ALTER",
        "COPY",
        "LOAD",
        "INSTALL",
        "UNINSTALL",
        "ATTACH",
        "EXPORT",
        "IMPORT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "CHECKPOINT",
        "USE",
        "FOREACH",
        "TERMINATE",
        "GRANT",
        "REVOKE",
        "DENY",
        "RENAME",
        "ENABLE",
        "DISABLE",
        "START",
        "STOP",
        "SHOW",
        "PROFILE",
        "EXPLAIN",
        "PROJECT",
        "FINISH",
    }
)
ALLOWED_FUNCTIONS = frozenset(
    {
        # aggregates
        "count",
        "sum",
        "avg",
        "min",
        "max",
        "collect",
        "stdev",
        "stdevp",
        "percentilecont",
        "percentiledisc",
        # lists, paths, graph elements
        "size",
        "length",
        "range",
        "head",
        "tail",
        "last",
        "reverse",
        "keys",
        "labels",
        "label",
        "type",
        "id",
        "elementid",
        "properties",
        "nodes",
        "rels",
        "relationships",
        "startnode",
        "endnode",
        "shortestpath",
        "allshortestpaths",
        "list_contains",
        "list_extract",
        "list_concat",
        "list_sort",
        "list_reverse_sort",
        "list_distinct",
        "list_unique",
        "list_slice",
        "list_position",
        "list_sum",
        "list_product",
        "array_contains",
        "array_extract",
        "array_concat",
        "array_slice",
        "struct_extract",
        "coalesce",
        "nullif",
        "cast",
        "exists",
        "any",
        "all",
        "none",
        "single",
        "reduce",
        # strings
        "tostring",
        "tointeger",
        "tofloat",
        "toboolean",
        "tostringornull",
        "tointegerornull",
        "tofloatornull",
        "to_int64",
        "to_double",
        "lower",
        "upper",
        "tolower",
        "toupper",
        "trim",
        "ltrim",
        "rtrim",
        "substring",
        "substr",
        "left",
        "right",
        "replace",
        "split",
        "string_split",
        "concat",
        "concat_ws",
        "starts_with",
        "ends_with",
        "contains",
        "prefix",
        "suffix",
        "lpad",
        "rpad",
        "repeat",
        "regexp_matches",
        "regexp_replace",
        "regexp_extract",
        "levenshtein",
        # numbers and dates
        "abs",
        "ceil",
        "ceiling",
        "floor",
        "round",
        "sqrt",
        "sign",
        "exp",
        "log",
        "log10",
        "log2",
        "ln",
        "pi",
        "rand",
        "date",
        "datetime",
        "timestamp",
        "duration",
        "date_part",
        "datepart",
    }
)
READ_PROCEDURES = frozenset(
    {
        "show_tables",
        "table_info",
        "show_connection",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
    }
)


@dataclass(frozen=True)
class Token:
    kind: str  # word | quoted | string | number | param | punct
    text: str
    start: int
    end: int


_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d]\w*")
_NUMBER = re.compile(r"0[xX][0-9A-Fa-f]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?")
_PARAM = re.compile(r"\$(?:[^\W\d]\w*|\d+|`(?:[^`]|``)*`)")
_OPENERS = "([{"
_CLOSERS = ")]}"


def _string_end(text: str, start: int) -> int:
    """End of the string literal opening at ``start`` (backslash escapes its next character)."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == quote:
            return i + 1
        else:
            i += 1
    raise QueryError(f"the Cypher statement has an unterminated string (from character {start})")


def _backtick_end(text: str, start: int) -> int:
    i = start + 1
    while True:
        close = text.find("`", i)
        if close < 0:
            raise QueryError(
                f"the Cypher statement has an unterminated `name` (from character {start})"
            )
        if text.startswith("``", close):
            i = close + 2
            continue
        return close + 1


def tokenize(text: str) -> list[Token]:
    """The statement's tokens, comments and spaces left out. Raises QueryError on an
    unterminated string, name or comment, and on brackets nested deeper than MAX_NESTING."""
    tokens: list[Token] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if space := _SPACE.match(text, i):
            i = space.end()
            continue
        if text.startswith("//", i):
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline + 1
            continue
        if text.startswith("/*", i):
            close = text.find("*/", i + 2)
            if close < 0:
                raise QueryError("the Cypher statement has an unterminated /* comment")
            i = close + 2
            continue
        if char in "'\"":
            end, kind = _string_end(text, i), "string"
        elif char == "`":
            end, kind = _backtick_end(text, i), "quoted"
        elif param := _PARAM.match(text, i):
            end, kind = param.end(), "param"
        elif number := _NUMBER.match(text, i):
            end, kind = number.end(), "number"
        elif word := _WORD.match(text, i):
            end, kind = word.end(), "word"
        else:
            end, kind = i + 1, "punct"
            if char in _OPENERS:
                depth += 1
                if depth > MAX_NESTING:
                    raise QueryError(
                        f"the Cypher statement nests brackets more than {MAX_NESTING} deep"
                    )
            elif char in _CLOSERS:
                depth = max(0, depth - 1)
        tokens.append(Token(kind, text[i:end], i, end))
        i = end
    return tokens


def _dotted_name(tokens: list[Token], last: int) -> tuple[str, int]:
    """The name ``a.b.c`` ending at token ``last``, and the index of its first token."""
    first = last
    while (
        first >= 2
        and tokens[first - 1].text == "."
        and tokens[first - 2].kind == "word"
        and tokens[first - 1].start == tokens[first - 2].end
    ):
        first -= 2
    return ".".join(t.text for t in tokens[first : last + 1 : 2]), first


def _is_code_word(tokens: list[Token], i: int) -> bool:
    """A word that could be a keyword: not a property (``n.load``), label (``:Load``), map key
    (``{load: 1}``) or parameter."""
    before = tokens[i - 1].text if i else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return before not in (".", ":") and after != ":"


def _check_call(tokens: list[Token], i: int) -> None:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and nxt.text == "{":
        raise ReadOnlyViolation("read-only Cypher: CALL { … } subqueries are not allowed here")
    last = i + 1
    while (
        last + 2 < len(tokens) and tokens[last + 1].text == "." and tokens[last + 2].kind == "word"
    ):
        last += 2
    name = ".".join(t.text for t in tokens[i + 1 : last + 1 : 2]) if nxt else ""
    if nxt is None or nxt.kind != "word" or name.lower() not in READ_PROCEDURES:
        raise ReadOnlyViolation(
            f"read-only Cypher: CALL {name or '…'} is not on the read allow-list "
            f"({', '.join(sorted(READ_PROCEDURES))})"
        )


def check_tokens(tokens: list[Token]) -> None:
    """Raise ReadOnlyViolation unless every clause, function and procedure is allowed."""
    code = list(tokens)
    while code and code[-1].text == ";":
        code.pop()  # a closing semicolon ends the one statement
    if not code:
        raise QueryError("the Cypher statement is empty")
    if any(t.text == ";" for t in code):
        raise ReadOnlyViolation("send one Cypher statement at a time (found ';')")
    first = code[0]
    if first.kind != "word" or first.text.upper() not in START_CLAUSES:
        raise ReadOnlyViolation(
            f"read-only Cypher: a statement starts with one of {', '.join(sorted(START_CLAUSES))}"
            f" (found {first.text[:20]!r})"
        )
    called: set[int] = set()
    for i, token in enumerate(code):
        if token.kind != "word":
            continue
        upper = token.text.upper()
        if upper == "CALL" and _is_code_word(code, i):
            _check_call(code, i)
            called.add(i + 1)
        elif upper in REFUSED_WORDS and _is_code_word(code, i):
            raise ReadOnlyViolation(f"read-only Cypher: {upper} is not allowed here")
        nxt = code[i + 1] if i + 1 < len(code) else None
        if nxt is None or nxt.text != "(" or upper in READ_KEYWORDS:
            continue
        name, name_start = _dotted_name(code, i)
        if name_start in called:
            continue
        if name.lower() not in ALLOWED_FUNCTIONS:
            raise ReadOnlyViolation(
                f"read-only Cypher: the function {name} is not on the allow-list"
            )


def with_row_limit(statement: str, tokens: list[Token], limit: int) -> str:
    """The statement with its final RETURN limited to ``limit`` rows, so the database stops
    producing rows there instead of holding all of them: a LIMIT appended when the final
    RETURN has none, a literal LIMIT above ``limit`` lowered. Other forms (UNION, a LIMIT given
    as an expression) are left as they are; the reader still cuts them."""
    depth = 0
    last_return = -1
    top_level: list[int] = []
    for i, token in enumerate(tokens):
        if token.text in _OPENERS:
            depth += 1
        elif token.text in _CLOSERS:
            depth -= 1
        elif depth == 0 and token.kind == "word":
            top_level.append(i)
            upper = token.text.upper()
            if upper == "UNION":
                return statement
            if upper == "RETURN":
                last_return = i
    if last_return < 0:
        return statement
    limits = [i for i in top_level if i > last_return and tokens[i].text.upper() == "LIMIT"]
    if not limits:
        return f"{statement[: tokens[-1].end]} LIMIT {limit}"
    value = tokens[limits[-1] + 1] if limits[-1] + 1 < len(tokens) else None
    if value and value.kind == "number" and value.text.isdigit() and int(value.text) > limit:
        return f"{statement[: value.start]}{limit}{statement[value.end :]}"
    return statement
