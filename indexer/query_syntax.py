"""The query language: text a user types → a small syntax tree. No Whoosh here.

    militia meeting            plain words: passages holding more of them rank higher
    khazali OR rajoub          either word
    a AND b                    both words
    NOT ceasefire, -ceasefire  passages without the word
    "harbour workers"          the exact phrase
    "drones Israel"~5          both words within 5 words of each other, in any order
    nakh*                      words starting with nakh
    Khazaly~  Khazaly~2        words within 1 (or 2) edits of Khazaly
    title:union title:"a b"    words (or a phrase) in the document's title
    path:sport/*.txt           documents whose path matches a glob
    ( … )                      grouping; title:( … ) puts every word inside in the title

`NOT` binds tightest, then `AND`, then `OR`; words side by side form an any-word group.
`parse_query` raises `QuerySyntaxError` for text it cannot read (a quote or bracket left
open, an operator with nothing to join); `plain_words` reads any text as plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Span = tuple[int, int]
FIELDS = ("title", "path")
OPERATORS = ("AND", "OR", "NOT")
MAX_EDITS = 2
# Brackets and NOTs inside one another, at most (the parser recurses on them).
MAX_NESTING = 32


class QuerySyntaxError(ValueError):
    """Query text the parser cannot read; the message says what is wrong, for a person."""


@dataclass(frozen=True)
class Word:
    """A word as typed. `mode` is `word`, `prefix` (nakh*) or `fuzzy` (Khazaly~2, `edits` 1–2).
    `field` is None for the passage text (and its title, for ranking), or `title`."""

    text: str
    span: Span
    field: str | None = None
    mode: Literal["word", "prefix", "fuzzy"] = "word"
    edits: int = 0


@dataclass(frozen=True)
class Phrase:
    """Words in a row ("…"), or within `slop` words of each other in any order ("…"~N)."""

    text: str
    span: Span
    field: str | None = None
    slop: int | None = None


@dataclass(frozen=True)
class PathGlob:
    """path:GLOB — documents whose path matches the glob."""

    pattern: str
    span: Span


@dataclass(frozen=True)
class Not:
    node: Node


@dataclass(frozen=True)
class AllOf:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Group:
    """Words side by side: any of them matches, passages holding more of them rank higher."""

    nodes: tuple[Node, ...]


Node = Word | Phrase | PathGlob | Not | AllOf | AnyOf | Group
Leaf = Word | Phrase | PathGlob


@dataclass(frozen=True)
class Token:
    kind: Literal["(", ")", "phrase", "bare", "-", "op", "field"]
    text: str
    span: Span
    slop: int | None = None


_BARE = re.compile(r'[^\s()"]+')
_SLOP = re.compile(r"~(\d*)")
_FIELD = re.compile(rf"({'|'.join(FIELDS)}):", re.IGNORECASE)
_FUZZY = re.compile(r"(?P<word>.*\w)~(?P<edits>\d?)")
_PREFIX = re.compile(r"(?P<word>.*\w)\*")


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`: brackets, quoted phrases (with ~N), `-`, operators, fields, words."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char.isspace():
            pos += 1
        elif char in "()":
            tokens.append(Token(char, char, (pos, pos + 1)))  # type: ignore[arg-type]
            pos += 1
        elif char == '"':
            pos = _read_phrase(text, pos, tokens)
        elif char == "-" and pos + 1 < len(text) and _starts_atom(text[pos + 1]):
            tokens.append(Token("-", "-", (pos, pos + 1)))
            pos += 1
        else:
            pos = _read_bare(text, pos, tokens)
    return tokens


def _starts_atom(char: str) -> bool:
    return char in '("' or char.isalnum() or char == "_"


def _read_phrase(text: str, pos: int, tokens: list[Token]) -> int:
    close = text.find('"', pos + 1)
    if close < 0:
        raise QuerySyntaxError("a quote is not closed")
    end = close + 1
    slop = None
    found = _SLOP.match(text, end)
    if found:
        if not found.group(1):
            raise QuerySyntaxError("a ~ after a phrase needs a number of words, as in ~5")
        slop = int(found.group(1))
        end = found.end()
    tokens.append(Token("phrase", text[pos + 1 : close], (pos, end), slop))
    return end


def _read_bare(text: str, pos: int, tokens: list[Token]) -> int:
    found = _BARE.match(text, pos)
    assert found is not None  # text[pos] is none of space, brackets or quote
    chunk = found.group()
    field = _FIELD.match(chunk)
    if field:
        name = field.group(1).lower()
        rest = chunk[field.end() :]
        if rest[:1] == "-" and len(rest) > 1 and _starts_atom(rest[1]):
            # title:-word is NOT title:word, as -title:word is
            minus = pos + field.end()
            tokens.append(Token("-", "-", (minus, minus + 1)))
            rest = rest[1:]
        tokens.append(Token("field", name, (pos, pos + field.end())))
        if rest:
            tokens.append(Token("bare", rest, (found.end() - len(rest), found.end())))
        return found.end()
    kind = "op" if chunk in OPERATORS else "bare"
    tokens.append(Token(kind, chunk, found.span()))  # type: ignore[arg-type]
    return found.end()


def parse_query(text: str) -> Node:
    """The syntax tree of `text`; raises QuerySyntaxError for text it cannot read."""
    parser = _Parser(tokenize(text))
    node = parser.sequence()
    if not parser.at_end():
        raise QuerySyntaxError("a closing bracket has no opening one")
    return node


def plain_words(text: str) -> Node:
    """`text` read as plain words, whatever it holds: the fallback for unreadable queries."""
    return Group(tuple(Word(m.group(), m.span()) for m in re.finditer(r"\S+", text)))


class _Parser:
    """Recursive descent over tokens: sequence := or+ ; or := and (OR and)* ;
    and := unary (AND unary)* ; unary := (NOT | -) unary | atom ;
    atom := ( sequence ) | field? (phrase | word | ( sequence ))."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def at_end(self) -> bool:
        return self.pos >= len(self.tokens)

    def peek(self) -> Token | None:
        return None if self.at_end() else self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def sequence(self, field: str | None = None) -> Node:
        nodes: list[Node] = []
        while (token := self.peek()) is not None and token.kind != ")":
            nodes.append(self.any_of(field))
        return nodes[0] if len(nodes) == 1 else Group(tuple(nodes))

    def any_of(self, field: str | None) -> Node:
        return self._joined("OR", AnyOf, self.all_of, field)

    def all_of(self, field: str | None) -> Node:
        return self._joined("AND", AllOf, self.unary, field)

    def _joined(
        self,
        op: str,
        make: Callable[[tuple[Node, ...]], Node],
        part: Callable[[str | None], Node],
        field: str | None,
    ) -> Node:
        nodes = [part(field)]
        while self._is_op(op):
            self.take()
            if self._nothing_next():
                raise QuerySyntaxError(f"{op} needs something after it")
            nodes.append(part(field))
        return nodes[0] if len(nodes) == 1 else make(tuple(nodes))

    def _nothing_next(self) -> bool:
        token = self.peek()
        return token is None or token.kind == ")"

    def _is_op(self, op: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "op" and token.text == op

    def unary(self, field: str | None) -> Node:
        token = self.peek()
        assert token is not None
        if token.kind == "-" or (token.kind == "op" and token.text == "NOT"):
            self.take()
            if self._nothing_next():
                raise QuerySyntaxError(f"{token.text} needs something after it")
            return Not(self._nested(self.unary, field))
        return self.atom(field)

    def atom(self, field: str | None) -> Node:
        token = self.take()
        if token.kind == "op":
            raise QuerySyntaxError(f"{token.text} needs something before it")
        if token.kind == ")":
            raise QuerySyntaxError("a closing bracket has no opening one")
        if token.kind == "(":
            return self.bracketed(field)
        if token.kind == "field":
            return self.fielded(token)
        if token.kind == "phrase":
            return Phrase(token.text, token.span, field, token.slop)
        return word(token.text, token.span, field)

    def _nested(self, part: Callable[[str | None], Node], field: str | None) -> Node:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QuerySyntaxError(f"brackets and NOTs nest more than {MAX_NESTING} deep")
        try:
            return part(field)
        finally:
            self.depth -= 1

    def bracketed(self, field: str | None) -> Node:
        node = self._nested(self.sequence, field)
        if self.at_end():
            raise QuerySyntaxError("a bracket is not closed")
        self.take()
        return node

    def fielded(self, field_token: Token) -> Node:
        name = field_token.text
        token = self.peek()
        if token is None or token.kind not in ("bare", "phrase", "("):
            raise QuerySyntaxError(f"{name}: needs something after it")
        if name == "path":
            if token.kind == "(":
                raise QuerySyntaxError("path: takes one glob, not a bracket")
            self.take()
            return PathGlob(token.text, (field_token.span[0], token.span[1]))
        return self.atom(name)


def word(text: str, span: Span, field: str | None) -> Word:
    """A bare word as typed, with its prefix (*) or fuzzy (~, ~N) marker read."""
    fuzzy = _FUZZY.fullmatch(text)
    if fuzzy:
        edits = min(int(fuzzy.group("edits") or 1), MAX_EDITS)
        mode: Literal["word", "fuzzy"] = "fuzzy" if edits else "word"
        return Word(fuzzy.group("word"), span, field, mode, edits)
    prefix = _PREFIX.fullmatch(text)
    if prefix:
        return Word(prefix.group("word"), span, field, "prefix")
    return Word(text, span, field)


def leaves(node: Node, *, negated: bool = False) -> list[tuple[Leaf, bool]]:
    """Every leaf of `node` in order, each with whether it sits under a NOT."""
    if isinstance(node, Word | Phrase | PathGlob):
        return [(node, negated)]
    if isinstance(node, Not):
        return leaves(node.node, negated=not negated)
    return [item for child in node.nodes for item in leaves(child, negated=negated)]
