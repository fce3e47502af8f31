"""Just enough POSIX shell lexing to find a command and its words, with their places.

``shlex`` gives the words but not where they are, and not whether a word holds an expansion
(``$VAR``, ``$(cmd)``, backticks) whose value only the shell knows. The shell carrier needs
both: the raw text of each word (to carry ``"$IMAGE_URL"`` into the new command exactly as it
was written) and its literal value when it has one (to read ``--input_type text``).

Backslash-newline continuations are whitespace between words, so a command written over many
lines lexes as one; an unescaped newline, ``;``, ``&&``, ``||``, ``|``, ``&``, parentheses,
redirections and ``#`` comments end a command. Here-document bodies (``<<EOF`` ... ``EOF``)
are data and give no words.

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


def _expansion_end(text: str, pos: int, inner: list[tuple[int, int]], make: bool = False) -> int:
    """End of the ``$...`` expansion starting at ``pos``; a ``$(...)`` body goes to ``inner``.

    In a Makefile (``make``) a ``$`` belongs to Make first: ``$(VAR)``, ``${VAR}`` and
    ``$<``/``$@``... are Make's (their value is Make's, and ``$(cat f)`` is a Make variable,
    not a command), only ``$$`` reaches the shell as ``$``, and ``$(shell ...)`` runs its
    body in a shell.
    """
    following = text[pos + 1 : pos + 2]
    if make:
        if following == "$":
            return _expansion_end(text, pos + 1, inner)
        if following == "(":
            end = _skip_balanced(text, pos + 1, "(", ")")
            if text.startswith("$(shell ", pos) and text[end - 1 : end] == ")":
                inner.append((pos + len("$(shell "), end - 1))  # Make runs this in a shell
            return end
        if following == "{":
            return _skip_balanced(text, pos + 1, "{", "}")
        return min(pos + 2, len(text))
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


def _word(
    text: str, pos: int, limit: int, inner: list[tuple[int, int]], make: bool = False
) -> tuple[Word, int]:
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
                    pos = _expansion_end(text, pos, inner, make)
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
            pos = _expansion_end(text, pos, inner, make)
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
    make: bool = False,
) -> list[Word]:
    """The words and operators of ``text[start:end]``; a comment ends its line's words.

    The spans of ``$(...)`` command substitutions met on the way are added to ``inner``, so a
    caller can look for commands inside them too (see :func:`command_word_lists`).
    """
    limit = len(text) if end is None else end
    substitutions: list[tuple[int, int]] = [] if inner is None else inner
    found: list[Word] = []
    heredocs: list[tuple[str, bool]] = []  # (delimiter, strip tabs) waiting for their body
    pos = start
    while pos < limit:
        char = text[pos]
        if char == "\\" and text[pos + 1 : pos + 2] == "\n":
            pos += 2
        elif char in " \t":
            pos += 1
        elif char == "\n":
            found.append(Word("\n", pos, pos + 1, None, operator=True))
            pos = _after_heredoc_bodies(text, pos + 1, limit, heredocs)
            heredocs.clear()
        elif text.startswith("<<<", pos):  # a here-string: its word is an ordinary word
            found.append(Word("<<<", pos, pos + 3, None, operator=True))
            pos += 3
        elif text.startswith("<<", pos) and not _in_arithmetic(found):
            strip_tabs = text.startswith("<<-", pos)
            width = 3 if strip_tabs else 2
            found.append(Word(text[pos : pos + width], pos, pos + width, None, operator=True))
            pos += width
            while pos < limit and text[pos] in " \t":
                pos += 1
            delimiter, pos = _word(text, pos, limit, [], make)
            heredocs.append((_delimiter_text(delimiter), strip_tabs))
            found.append(delimiter)
        elif char == "#":
            newline = text.find("\n", pos, limit)
            pos = limit if newline < 0 else newline
        elif char in _OPERATOR_CHARS:
            width = 2 if text.startswith(_TWO_CHAR_OPERATORS, pos) else 1
            found.append(Word(text[pos : pos + width], pos, pos + width, None, operator=True))
            pos += width
        else:
            word, after = _word(text, pos, limit, substitutions, make)
            if char.isdigit() and text[after : after + 1] in ("<", ">") and word.raw.isdigit():
                word = Word(word.raw, word.start, word.end, None, operator=True)  # 2>file
            found.append(word)
            pos = after
    return found


def _in_arithmetic(found: list[Word]) -> bool:
    """True inside ``(( ... ))`` on the current line, where ``<<`` is a shift, not a
    here-document."""
    for index in range(len(found) - 1, 0, -1):
        word = found[index]
        if word.raw in ("\n", ";", "&&", "||"):
            return False
        previous = found[index - 1]
        if word.raw == "(" and previous.raw == "(" and previous.end == word.start:
            return True
    return False


def _delimiter_text(word: Word) -> str:
    """A here-document's end marker: the word after quote removal (``'EOF'`` ends at EOF)."""
    if word.literal is not None:
        return word.literal
    return word.raw.replace('"', "").replace("'", "").replace("\\", "")


def _after_heredoc_bodies(text: str, pos: int, limit: int, heredocs: list[tuple[str, bool]]) -> int:
    """Position after the bodies of the here-documents opened on the line that just ended.

    A here-document body is data fed to a command's standard input, not commands: a
    ``clarifai model predict`` line inside it is text (maybe printed, maybe written to a
    file) and is never rewritten.
    """
    for delimiter, strip_tabs in heredocs:
        while pos < limit:
            newline = text.find("\n", pos, limit)
            line_end = limit if newline < 0 else newline
            line = text[pos:line_end]
            pos = limit if newline < 0 else newline + 1
            if (line.lstrip("\t") if strip_tabs else line) == delimiter:
                break
    return pos


def command_word_lists(text: str, *, make: bool = False) -> list[list[Word]]:
    """The words of ``text``, then those of every ``$(...)`` inside it (at any depth); in a
    Makefile (``make``) only ``$$(...)`` is a command substitution."""
    pending: list[tuple[int, int]] = []
    lists = [words(text, inner=pending, make=make)]
    while pending:
        start, end = pending.pop(0)
        lists.append(words(text, start, end, inner=pending, make=make))
    return lists
