"""What a news dateline looks like, the one home of that knowledge: the line that opens a story with
where (and often when) it was filed, "LONDON, 25 November 2025 —", "Dhaka, Nov 25, 2025 (ANI):",
"KARACHI, November 20:". Three readers use it, each as strictly as it needs:

- `dateline_date`: a dateline with a full date (day, month and year) in the story's first lines dates
  the story (`inputs.published`).
- `dateline_place`: a known place followed by a comma and a short rest ending in a dash or colon at
  the head of one of the first paragraphs places the story's events (`nlp.claims.statements`).
- `DATELINE_PUNCTUATION`: what follows a name in capitals at the head of a line when it is a dateline
  ("KARACHI:"), which makes it no team name in a results table (`nlp.entities.places`).
- `is_filed_line` and `top_lines`: a wire dateline of capitalised words and a figure ("BERLIN
  1996-10-05") among the story's first lines (`nlp.tokens.on_a_dateline`, the sport and dateline-place
  passes).
"""

from __future__ import annotations

import re
from datetime import date

from claimx.knowledge.calendar import MONTHS

# A dated dateline: a place in one to four capitalised words (optionally ", Region"), a full date, an
# optional agency in brackets, then a dash or colon. Only a date with day, month and year counts.
_PLACE = r"[A-Z][\w'.&-]*(?:[ \t]+[A-Z][\w'.&-]*){0,3}"
_DATED_RE = re.compile(
    rf"[ \t]*{_PLACE}(?:,[ \t]*{_PLACE})?,?[ \t]+"
    r"(?:(?P<d1>\d{1,2})[ \t]+(?P<m1>[A-Za-z]{3,9})\.?,?[ \t]+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]{3,9})\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(?P<y2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[:—–-]"
)
DATELINE_LINES = 3  # a headline and a standfirst may come before the dateline
DATELINE_REACH = 2000  # characters of the story's top in which its first lines are looked for

# A placing dateline: a place, a comma, then anything short up to a colon or a dash.
_PLACED_RE = re.compile(r"^([A-Z][A-Za-z.' -]{1,40}),\s+[A-Z0-9][^:\n]{1,40}[:\u2014\u2013-]", re.MULTILINE)
_PARAGRAPH_START_RE = re.compile(r"(?:^|\n\s*\n)\s*\S")
# A dateline opens one of the first DATELINE_PARAGRAPHS paragraphs (further down they belong to pasted
# posts or captions), at most DATELINE_INDENT characters after where the paragraph break starts (its
# newlines and a space of indent).
DATELINE_PARAGRAPHS = 2
DATELINE_INDENT = 3

_LINE_START_RE = re.compile(r"(?m)^(?=[ \t]*\S)")
_LETTERS_RE = re.compile(r"[^\W\d_]+")

# What follows the place of a dateline written as a name alone ("KARACHI:", "LAGOS -").
DATELINE_PUNCTUATION = frozenset({",", "-", "–", "—", "(", ":"})


def dateline_date(text: str) -> date | None:
    """The date of a dateline at the top of a story (in its first DATELINE_LINES non-blank lines)."""
    lines = [line for line in text[:DATELINE_REACH].splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        m = _DATED_RE.match(line)
        if not m:
            continue
        try:
            if m.group("iso"):
                return date.fromisoformat(m.group("iso"))
            day, month, year = (
                (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else m.group("d2", "m2", "y2")
            )
            number = MONTHS.get(month.lower())
            if number is None:
                continue
            return date(int(year), number, int(day))
        except ValueError:  # 31 February
            continue
    return None


def dateline_place(text: str, start: int = 0) -> tuple[int, int] | None:
    """The character range of the place of the story's dateline (a place the gazetteer knows), which
    opens one of its first paragraphs after `start`; datelines further down belong to pasted posts or
    captions."""
    from claimx.knowledge import gazetteer  # its index is only opened when a story has such a line

    paragraphs = [m.start() for m in _PARAGRAPH_START_RE.finditer(text[start:])][:DATELINE_PARAGRAPHS]
    for p in paragraphs:
        m = _PLACED_RE.search(text, start + p)
        if (
            m is not None
            and m.start() - (start + p) <= DATELINE_INDENT
            and gazetteer.lookup_place(m.group(1)) is not None
        ):
            return m.start(1), m.end(1)
    return None


def is_filed_line(line: str) -> bool:
    """Whether a line is a wire dateline: a figure, and every word capitalised ("BERLIN 1996-10-05",
    "AL-AIN , Arland 1996-12-06")."""
    return any(ch.isdigit() for ch in line) and all(w[0].isupper() for w in _LETTERS_RE.findall(line))


def top_lines(text: str, count: int = DATELINE_LINES) -> list[int]:
    """Where the first `count` non-blank lines of a story start, looked for in its first DATELINE_REACH
    characters."""
    return [m.start() for m in _LINE_START_RE.finditer(text, 0, DATELINE_REACH)][:count]
