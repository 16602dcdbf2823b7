"""Rule data: the JSONL files of `models/` (and of `--patterns DIR`), read and checked in one place.

Two kinds of file, both data a user may extend (see `models/README.md`):

- pattern files (`ranks.jsonl`, `titles.jsonl`, ...): one `span_ruler` pattern per line;
- `words.jsonl`: named word lists (place cue words, organisation head words, ...). A pattern names a
  list as `"@list_name"` inside `IN`/`NOT_IN`, so each list is written once.

Nothing here imports spaCy: the CLI checks the rule files before it loads a model.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.errors import PatternError

WORDS_FILE = "words.jsonl"
PATTERN_KEYS = frozenset({"label", "pattern", "id"})
WORDS_KEYS = frozenset({"list", "words", "note"})
MACRO = "@"


def default_patterns_dir() -> Path:
    """The rule files shipped with claimx (inside the wheel; the repository's models/ from source)."""
    shipped = importlib.resources.files("claimx") / "models"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "models"


def _files(patterns_dir: str | Path | None) -> dict[str, Path]:
    files = {p.name: p for p in sorted(default_patterns_dir().glob("*.jsonl"))}
    if patterns_dir is not None:
        extra = Path(patterns_dir)
        if not extra.is_dir():
            raise PatternError(f"{extra}: --patterns must be a folder of *.jsonl rule files")
        files.update({p.name: p for p in sorted(extra.glob("*.jsonl"))})
    return files


def rule_files(patterns_dir: str | Path | None = None) -> list[Path]:
    """The shipped pattern files, with those of `patterns_dir` added or replacing same-named ones."""
    files = _files(patterns_dir)
    return [files[name] for name in sorted(files) if name != WORDS_FILE]


@dataclass(frozen=True)
class Words:
    """Named word lists (read-only). `words["org_heads"]` is a frozenset of strings."""

    lists: Mapping[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.lists[name]

    def to_lines(self) -> Iterator[str]:
        """The lists as `words.jsonl` lines (sorted words), for saving with a pipeline."""
        for name in sorted(self.lists):
            yield json.dumps({"list": name, "words": sorted(self.lists[name])}, ensure_ascii=False)


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"{path}: cannot read rule file ({exc})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{lineno}: invalid JSON ({exc.msg}); fix or remove the line") from None


def read_words(path: Path) -> dict[str, frozenset[str]]:
    """Read one words file; a bad line is a PatternError naming the file and line."""
    lists: dict[str, frozenset[str]] = {}
    for lineno, entry in _read_jsonl(path):
        if not isinstance(entry, dict) or not {"list", "words"} <= set(entry):
            raise PatternError(f"{path}:{lineno}: a word list needs 'list' and 'words' keys")
        unknown = set(entry) - WORDS_KEYS
        if unknown:
            raise PatternError(f"{path}:{lineno}: unknown key(s) {sorted(unknown)}; allowed: list, words, note")
        words = entry["words"]
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise PatternError(f"{path}:{lineno}: 'words' must be a list of non-empty strings")
        lists[str(entry["list"])] = frozenset(words)
    return lists


def load_words(patterns_dir: str | Path | None = None) -> Words:
    """The shipped word lists, each replaced by a same-named list of `patterns_dir/words.jsonl`."""
    if patterns_dir is None:
        return _shipped_words()
    lists = dict(_shipped_words().lists)
    extra = Path(patterns_dir) / WORDS_FILE
    if extra.is_file():
        lists.update(read_words(extra))
    return Words(lists)


@functools.cache
def _shipped_words() -> Words:
    return Words(read_words(default_patterns_dir() / WORDS_FILE))


def _expand(value: Any, words: Words, where: str) -> Any:
    """Replace "@name" (alone, or as an item of a list) by the words of that list."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    out: list[Any] = []
    for item in items:
        if isinstance(item, str) and item.startswith(MACRO):
            name = item[len(MACRO) :]
            if name not in words.lists:
                raise PatternError(f"{where}: unknown word list {item!r}; define it in {WORDS_FILE}")
            out.extend(sorted(words[name]))
        else:
            out.append(item)
    return out if isinstance(value, list) or value.startswith(MACRO) else value


def _expand_pattern(pattern: Any, words: Words, where: str) -> Any:
    if not isinstance(pattern, list):
        return pattern
    out = []
    for token in pattern:
        if isinstance(token, dict):
            token = {
                attr: {op: _expand(v, words, where) for op, v in spec.items()} if isinstance(spec, dict) else spec
                for attr, spec in token.items()
            }
        out.append(token)
    return out


def read_patterns(path: Path, words: Words | None = None) -> list[dict[str, Any]]:
    """Read one pattern file, word lists expanded; a bad line is a PatternError naming file and line."""
    words = words or _shipped_words()
    patterns: list[dict[str, Any]] = []
    for lineno, entry in _read_jsonl(path):
        if not isinstance(entry, dict) or "label" not in entry or "pattern" not in entry:
            raise PatternError(f"{path}:{lineno}: a rule needs 'label' and 'pattern' keys")
        # spaCy's validation accepts unknown keys silently; a typo there would lose data.
        unknown = set(entry) - PATTERN_KEYS
        if unknown:
            raise PatternError(f"{path}:{lineno}: unknown key(s) {sorted(unknown)}; allowed: label, pattern, id")
        if not isinstance(entry["pattern"], (str, list)) or not entry["pattern"]:
            raise PatternError(f"{path}:{lineno}: 'pattern' must be a phrase or a list of token patterns")
        entry["pattern"] = _expand_pattern(entry["pattern"], words, f"{path}:{lineno}")
        patterns.append(entry)
    return patterns


def check_rules(patterns_dir: str | Path | None = None) -> None:
    """Read every rule file once, so that a bad one fails before any work (PatternError)."""
    words = load_words(patterns_dir)
    for path in rule_files(patterns_dir):
        read_patterns(path, words)
