"""Just enough POSIX shell lexing to find a command and its words, with their places.

``shlex`` gives the words but not where they are, and not whether a word holds an expansion
(``$VAR``, ``$(cmd)``, backticks) whose value only the shell knows. The shell carrier needs
both: the raw text of each word (to carry ``"$IMAGE_URL"`` into the new command exactly as it
was written) and its literal value when it has one (to read ``--input_type text``).

Backslash-newline continuations are whitespace between words, so a command written over many
lines lexes as one; an unescaped newline, ``;``, ``&&``, ``||``, ``|``, ``&``, parentheses,
redirections and ``#`` comments end a command.

Example:
    >>> [w.raw for w in words("clarifai model predict --url \\"$U\\" | jq .")]
    ['clarifai', 'model', 'predict', '--url', '"$U"', '|', 'jq', '.']
    >>> words("--url \\"$U\\"")[1].literal is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

__all__ = ["Word", "command_word_lists", "words"]

_OPERATOR_CHARS = ";&|()<>"
_TWO_CHAR_OPERATORS = ("&&", "||", ";;", ">>", "<<", ">&", "<&", "&>", "|&")


@dataclass(frozen=True)
class Word:
    """A word or an operator, with its span ``[start, end)`` in the lexed text.

    ``literal`` is the word's value after quote removal, or None when it holds an expansion.
    """

    raw: str
    start: int
    end: int
    literal: Optional[str]
    operator: bool = False

    @property
    def ends_command(self) -> bool:
        return self.operator


def _skip_balanced(text: str, pos: int, opening: str, closing: str) -> int:
    """Position after the ``closing`` that balances the ``opening`` at ``pos``."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "'" and opening == "(":
            end = text.find("'", pos + 1)
            pos = len(text) if end < 0 else end + 1
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return pos


def _expansion_end(text: str, pos: int, inner: list[tuple[int, int]]) -> int:
    """End of the ``$...`` expansion starting at ``pos``; a ``$(...)`` body goes to ``inner``."""
    following = text[pos + 1 : pos + 2]
    if following == "(":
        end = _skip_balanced(text, pos + 1, "(", ")")
        if text[end - 1 : end] == ")" and text[pos + 2 : pos + 3] != "(":  # not $((arithmetic))
            inner.append((pos + 2, end - 1))
        return end
    if following == "{":
        return _skip_balanced(text, pos + 1, "{", "}")
    end = pos + 1
    if end < len(text) and (text[end] in "@*#?$!-" or text[end].isdigit()):
        return end + 1
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    return end


def _word(text: str, pos: int, limit: int, inner: list[tuple[int, int]]) -> tuple[Word, int]:
    start = pos
    value: list[str] = []
    literal = True
    while pos < limit:
        char = text[pos]
        if char in " \t\n" or char in _OPERATOR_CHARS:
            break
        if char == "\\":
            if text[pos + 1 : pos + 2] != "\n":
                value.append(text[pos + 1 : pos + 2])
            pos += 2
        elif char == "'":
            end = text.find("'", pos + 1)
            end = len(text) if end < 0 else end
            value.append(text[pos + 1 : end])
            pos = end + 1
        elif char == '"':
            pos += 1
            while pos < len(text) and text[pos] != '"':
                if text[pos] == "\\" and text[pos + 1 : pos + 2] in ('"', "\\", "$", "`", "\n"):
                    if text[pos + 1] != "\n":
                        value.append(text[pos + 1])
                    pos += 2
                elif text[pos] == "$":
                    literal = False
                    pos = _expansion_end(text, pos, inner)
                elif text[pos] == "`":
                    literal = False
                    end = text.find("`", pos + 1)
                    pos = len(text) if end < 0 else end + 1
                else:
                    value.append(text[pos])
                    pos += 1
            pos += 1
        elif char == "$" and pos + 1 < len(text) and text[pos + 1] not in " \t\n":
            literal = False
            pos = _expansion_end(text, pos, inner)
        elif char == "`":
            literal = False
            end = text.find("`", pos + 1)
            pos = len(text) if end < 0 else end + 1
        else:
            value.append(char)
            pos += 1
    pos = min(pos, limit)
    return Word(text[start:pos], start, pos, "".join(value) if literal else None), pos


def words(
    text: str,
    start: int = 0,
    end: Optional[int] = None,
    *,
    inner: Optional[list[tuple[int, int]]] = None,
) -> list[Word]:
    """The words and operators of ``text[start:end]``; a comment ends its line's words.

    The spans of ``$(...)`` command substitutions met on the way are added to ``inner``, so a
    caller can look for commands inside them too (see :func:`command_word_lists`).
    """
    limit = len(text) if end is None else end
    substitutions: list[tuple[int, int]] = [] if inner is None else inner
    found: list[Word] = []
    pos = start
    while pos < limit:
        char = text[pos]
        if char == "\\" and text[pos + 1 : pos + 2] == "\n":
            pos += 2
        elif char in " \t":
            pos += 1
        elif char == "\n":
            found.append(Word("\n", pos, pos + 1, None, operator=True))
            pos += 1
        elif char == "#":
            newline = text.find("\n", pos, limit)
            pos = limit if newline < 0 else newline
        elif char in _OPERATOR_CHARS:
            width = 2 if text.startswith(_TWO_CHAR_OPERATORS, pos) else 1
            found.append(Word(text[pos : pos + width], pos, pos + width, None, operator=True))
            pos += width
        else:
            word, after = _word(text, pos, limit, substitutions)
            if char.isdigit() and text[after : after + 1] in ("<", ">") and word.raw.isdigit():
                word = Word(word.raw, word.start, word.end, None, operator=True)  # 2>file
            found.append(word)
            pos = after
    return found


def command_word_lists(text: str) -> list[list[Word]]:
    """The words of ``text``, then those of every ``$(...)`` inside it (at any depth)."""
    pending: list[tuple[int, int]] = []
    lists = [words(text, inner=pending)]
    while pending:
        start, end = pending.pop(0)
        lists.append(words(text, start, end, inner=pending))
    return lists
