"""Rule data: the JSONL files of `models/` (and of `--patterns DIR`), read and checked in one place.

Two kinds of file, both data a user may extend (see `models/README.md`):

- pattern files (`ranks.jsonl`, `titles.jsonl`, ...): one `span_ruler` pattern per line;
- `words.jsonl`: named word lists (place cue words, organisation head words, ...). A pattern names a
  list as `"@list_name"` inside `IN`/`NOT_IN`, so each list is written once. A user's list extends
  the shipped list of its name (`"replace": true` replaces it); a user's pattern file replaces the
  shipped file of its name.

Every line a user can get wrong is a PatternError `FILE:LINE: what is wrong; how to fix`. Nothing
here imports spaCy: the CLI checks the rule files before it loads a model (token patterns are checked
by spaCy's own schema, which `pipeline.preflight` passes in as `check_tokens`).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.errors import PatternError, json_error_text, json_type
from claimx.knowledge import lexicon

log = logging.getLogger("claimx")

WORDS_FILE = "words.jsonl"
PATTERN_KEYS = ("label", "pattern", "id")
WORDS_KEYS = ("list", "words", "include", "note", "replace")
# The labels claimx's components read from the rule matches: people.py takes RANK, TITLE and ROLE (a
# person's rank and roles), entities.py ORG and PLACE (names the model missed). A rule with any other
# label would match and be ignored.
RULE_LABELS = ("ORG", "PLACE", "RANK", "ROLE", "TITLE")
MACRO = "@"
_LABEL_CHOICE = f"{', '.join(RULE_LABELS[:-1])} or {RULE_LABELS[-1]}"
_RULE_EXAMPLE = '{"label": "RANK", "pattern": "Lt. Gen.", "id": "Lieutenant General"}'
TOKEN_DOCS = "https://spacy.io/usage/rule-based-matching#adding-patterns-attributes"

# What checks a token pattern (a list of token dicts) and returns its problems, one text each;
# spaCy's own validator in pipeline.py, so that this module needs no spaCy.
TokenCheck = Callable[[list[Any]], list[str]]


def default_patterns_dir() -> Path:
    """The rule files shipped with claimx (inside the wheel; the repository's models/ from source)."""
    shipped = importlib.resources.files("claimx") / "models"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "models"


def _user_files(patterns_dir: str | Path) -> dict[str, Path]:
    extra = Path(patterns_dir)
    if not extra.is_dir():
        raise PatternError(f"{extra}: --patterns must be a folder of *.jsonl rule files")
    files = {p.name: p for p in sorted(extra.glob("*.jsonl"))}
    if not files:
        raise PatternError(
            f"{extra}: --patterns holds no *.jsonl rule files; add some (see models/README.md) or leave out --patterns"
        )
    return files


def _files(patterns_dir: str | Path | None) -> dict[str, Path]:
    files = {p.name: p for p in sorted(default_patterns_dir().glob("*.jsonl"))}
    if patterns_dir is not None:
        files.update(_user_files(patterns_dir))
    return files


def rule_files(patterns_dir: str | Path | None = None) -> list[Path]:
    """The shipped pattern files, with those of `patterns_dir` added or replacing same-named ones."""
    files = _files(patterns_dir)
    return [files[name] for name in sorted(files) if name != WORDS_FILE]


@dataclass(frozen=True)
class Words:
    """Named word lists (read-only), each with the words of the lists it includes. `words["org_heads"]`
    is a frozenset of strings."""

    lists: Mapping[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.lists[name]


@dataclass(frozen=True)
class WordList:
    """One named list as written: its own words, the lists it includes, and (in a user's file) whether it
    replaces a shipped list of its name."""

    name: str
    words: frozenset[str]
    include: tuple[str, ...] = ()
    replace: bool = False
    where: str = ""  # FILE:LINE


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise PatternError(f"{path}: not UTF-8 text (byte {exc.start}); save the rule file as UTF-8") from None
    except OSError as exc:
        raise PatternError(f"{path}: cannot read rule file ({exc.strerror or exc}); check the file") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(
                f"{path}:{lineno}: invalid JSON ({json_error_text(exc)}); fix or remove the line"
            ) from None


def _keys(entry: Any, allowed: tuple[str, ...], kind: str, example: str, where: str) -> dict[str, Any]:
    """The line as a dict with only `allowed` keys (spaCy ignores unknown ones, so a typo would lose data)."""
    if not isinstance(entry, dict):
        raise PatternError(f"{where}: {json_type(entry)}, not an object; write one {kind} a line, as {example}")
    unknown = [k for k in entry if k not in allowed]
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        listed = ", ".join(repr(k) for k in allowed[:-1]) + f" and {allowed[-1]!r}"
        raise PatternError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {names}; a {kind} line has only {listed}"
        )
    return entry


def _word_list(entry: Any, where: str) -> WordList:
    entry = _keys(entry, WORDS_KEYS, "word-list", '{"list": "holiday_names", "words": ["Founders Day"]}', where)
    for key in ("list", "words"):
        if key not in entry:
            raise PatternError(f"{where}: no {key!r}; a word-list line needs 'list' (the list's name) and 'words'")
    name, words = entry["list"], entry["words"]
    if not isinstance(name, str):
        raise PatternError(f"{where}: 'list' must be the list's name (a non-empty string), not {json_type(name)}")
    if not name.strip():
        raise PatternError(f'{where}: \'list\' is empty; give the list\'s name, e.g. "list": "holiday_names"')
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise PatternError(f'{where}: \'words\' must be an array of non-empty strings, e.g. "words": ["Founders Day"]')
    include = entry.get("include", [])
    if not isinstance(include, list) or not all(isinstance(i, str) and i.strip() for i in include):
        raise PatternError(f'{where}: \'include\' must be an array of list names, e.g. "include": ["place_nouns"]')
    if not isinstance(entry.get("note", ""), str):
        raise PatternError(f"{where}: 'note' must be a string, not {json_type(entry['note'])}")
    replace = entry.get("replace", False)
    if not isinstance(replace, bool):
        raise PatternError(f"{where}: 'replace' must be true or false (without quotes), not {json.dumps(replace)}")
    return WordList(name, frozenset(words), tuple(include), replace, where)


def read_word_lists(path: Path) -> list[WordList]:
    """The lists of one words file, in file order; a bad line is a PatternError naming the file and line."""
    out: list[WordList] = []
    seen: dict[str, str] = {}
    for lineno, entry in _read_jsonl(path):
        wl = _word_list(entry, f"{path}:{lineno}")
        if wl.name in seen:
            raise PatternError(f"{wl.where}: list {wl.name!r} is already on line {seen[wl.name]}; write each list once")
        seen[wl.name] = str(lineno)
        out.append(wl)
    return out


def _user_word_lists(patterns_dir: str | Path | None) -> list[WordList]:
    if patterns_dir is None:
        return []
    path = _user_files(patterns_dir).get(WORDS_FILE)
    return read_word_lists(path) if path is not None else []


def load_word_lists(patterns_dir: str | Path | None = None) -> dict[str, WordList]:
    """The word lists as written, includes not yet resolved: the shipped ones (`words.jsonl` and the
    closed lists lexicon.py lends) with those of `patterns_dir/words.jsonl`. A list of a shipped name adds
    its words and includes to the shipped list, or with `"replace": true` stands for it; a new name adds a
    list. An include that names no list, or a list that includes itself, is a PatternError."""
    lists = dict(_shipped_lists())
    for wl in _user_word_lists(patterns_dir):
        old = lists.get(wl.name)
        if old is not None and not wl.replace:
            include = old.include + tuple(i for i in wl.include if i not in old.include)
            wl = WordList(wl.name, old.words | wl.words, include, False, wl.where)
        lists[wl.name] = wl
    resolve_words(lists)  # fails on an unknown include or a cycle
    return lists


def resolve_words(lists: Mapping[str, WordList]) -> Words:
    """Each list with the words of the lists it includes, and theirs in turn."""
    done: dict[str, frozenset[str]] = {}

    def words_of(name: str, path: tuple[str, ...]) -> frozenset[str]:
        if name in done:
            return done[name]
        wl = lists[name]
        for inc in wl.include:
            if inc not in lists:
                raise PatternError(f"{wl.where}: list {name!r} includes {inc!r}, which is no word list; check the name")
            if inc in path:
                raise PatternError(f"{wl.where}: list {name!r} includes itself through {inc!r}; drop one include")
        done[name] = wl.words.union(*(words_of(inc, (*path, inc)) for inc in wl.include))
        return done[name]

    return Words({name: words_of(name, (name,)) for name in lists})


def with_includes(lists: Mapping[str, WordList], names: Iterable[str]) -> dict[str, WordList]:
    """The lists `names` and every list they include: what a component that reads `names` needs."""
    out: dict[str, WordList] = {}
    todo = [n for n in names if n in lists]
    while todo:
        name = todo.pop()
        if name not in out:
            out[name] = lists[name]
            todo += [i for i in lists[name].include if i in lists]
    return out


def load_words(patterns_dir: str | Path | None = None) -> Words:
    """The word lists (see `load_word_lists`), each with the words of the lists it includes."""
    if patterns_dir is None:
        return _shipped_words()
    return resolve_words(load_word_lists(patterns_dir))


@functools.cache
def _shipped_lists() -> dict[str, WordList]:
    lists = {
        name: WordList(name, words, where=f"{lexicon.__name__}.{name}") for name, words in lexicon.NAMED_LISTS.items()
    }
    lists |= {wl.name: wl for wl in read_word_lists(default_patterns_dir() / WORDS_FILE)}
    return lists


@functools.cache
def _shipped_words() -> Words:
    return resolve_words(_shipped_lists())


def _expand(value: Any, words: Words, where: str, used: set[str]) -> Any:
    """Replace "@name" (alone, or as an item of a list) by the words of that list; `used` gets the names."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    out: list[Any] = []
    for item in items:
        if isinstance(item, str) and item.startswith(MACRO):
            name = item[len(MACRO) :]
            if name not in words.lists:
                raise PatternError(f"{where}: unknown word list {item!r}; define it in {WORDS_FILE}")
            used.add(name)
            out.extend(sorted(words[name]))
        else:
            out.append(item)
    return out if isinstance(value, list) or value.startswith(MACRO) else value


def _expand_pattern(pattern: Any, words: Words, where: str, used: set[str]) -> Any:
    if not isinstance(pattern, list):
        return pattern
    out = []
    for token in pattern:
        token = {
            attr: {op: _expand(v, words, where, used) for op, v in spec.items()} if isinstance(spec, dict) else spec
            for attr, spec in token.items()
        }
        out.append(token)
    return out


def named_lists(pattern: Any) -> set[str]:
    """The word lists a pattern names ("@name" items of its token attributes)."""
    names: set[str] = set()
    for token in pattern if isinstance(pattern, list) else []:
        for spec in token.values() if isinstance(token, dict) else []:
            for value in spec.values() if isinstance(spec, dict) else []:
                items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
                names.update(i[len(MACRO) :] for i in items if isinstance(i, str) and i.startswith(MACRO))
    return names


def rule_patterns(patterns_dir: str | Path | None = None) -> tuple[list[dict[str, Any]], dict[str, WordList]]:
    """claimx's rule patterns (the shipped files, with those of `patterns_dir`), each "@name" kept as
    written, and the word lists they name with the lists those include; a bad line is a PatternError."""
    lists = load_word_lists(patterns_dir)
    words = resolve_words(lists)
    used: set[str] = set()
    patterns = [entry for path in rule_files(patterns_dir) for _, entry in read_rules(path, words, used, expand=False)]
    return patterns, with_includes(lists, used)


def expand_pattern(pattern: Any, words: Words, where: str = "pattern") -> Any:
    """A rule's pattern with each "@name" replaced by the words of that list (PatternError for an unknown one)."""
    return _expand_pattern(pattern, words, where, set())


def _check_rule(entry: dict[str, Any], where: str) -> None:
    """A known label, a non-empty canonical id, and a phrase or a list of token objects."""
    for key in PATTERN_KEYS:
        if key not in entry and key != "id":
            raise PatternError(f"{where}: no {key!r}; a rule line needs 'label' ({_LABEL_CHOICE}), 'pattern' and 'id'")
    label, pattern = entry["label"], entry["pattern"]
    if not isinstance(label, str):
        raise PatternError(f"{where}: 'label' must be a string, not {json_type(label)}; use {_LABEL_CHOICE}")
    if label not in RULE_LABELS:
        raise PatternError(f"{where}: unknown label {label!r}; use {_LABEL_CHOICE}")
    example = pattern.strip() if isinstance(pattern, str) and pattern.strip() else "Lieutenant General"
    fix = f'give the canonical form the pattern stands for, e.g. "id": "{example}"'
    if "id" not in entry:
        raise PatternError(f"{where}: no 'id'; {fix}")
    if not isinstance(entry["id"], str):
        raise PatternError(f"{where}: 'id' must be a string (the canonical form), not {json_type(entry['id'])}")
    if not entry["id"].strip():
        raise PatternError(f"{where}: 'id' is empty; {fix}")
    if not isinstance(pattern, (str, list)):
        raise PatternError(
            f"{where}: 'pattern' must be a phrase (a string) or a list of token patterns (objects), "
            f"not {json_type(pattern)}"
        )
    if not (pattern.strip() if isinstance(pattern, str) else pattern):
        raise PatternError(
            f"{where}: 'pattern' is empty; write the phrase as it appears in text, or a list of token patterns"
        )
    for n, token in enumerate(pattern if isinstance(pattern, list) else [], 1):
        if not isinstance(token, dict):
            raise PatternError(
                f"{where}: token {n} of 'pattern' is {json_type(token)}, not an object; write tokens as "
                '{"LOWER": "word"}, or the whole pattern as one phrase string'
            )


def read_rules(
    path: Path, words: Words | None = None, used: set[str] | None = None, *, expand: bool = True
) -> list[tuple[str, dict[str, Any]]]:
    """Read one pattern file as (FILE:LINE, rule) pairs, word lists expanded (their names go to
    `used`; with `expand=False` the "@name" items stay, checked); a bad line is a PatternError naming the
    file and line."""
    words = words or _shipped_words()
    used = used if used is not None else set()
    rules: list[tuple[str, dict[str, Any]]] = []
    for lineno, entry in _read_jsonl(path):
        where = f"{path}:{lineno}"
        entry = _keys(entry, PATTERN_KEYS, "rule", _RULE_EXAMPLE, where)
        _check_rule(entry, where)
        expanded = _expand_pattern(entry["pattern"], words, where, used)
        rules.append((where, entry | {"pattern": expanded} if expand else entry))
    return rules


def read_patterns(path: Path, words: Words | None = None) -> list[dict[str, Any]]:
    """Read one pattern file, word lists expanded; a bad line is a PatternError naming file and line."""
    return [entry for _, entry in read_rules(path, words)]


def check_token_patterns(rules: list[tuple[str, dict[str, Any]]], check: TokenCheck) -> None:
    """PatternError naming the first rule whose token pattern `check` finds a problem with."""
    for where, entry in rules:
        problems = check(entry["pattern"]) if isinstance(entry["pattern"], list) else []
        if problems:
            raise PatternError(
                f"{where}: invalid token pattern ({problems[0]}); use spaCy's token attributes and "
                f"operators: {TOKEN_DOCS}"
            )


def check_rules(patterns_dir: str | Path | None = None, check_tokens: TokenCheck | None = None) -> None:
    """Read every rule file once, so that a bad one fails before any work (PatternError); with
    `check_tokens`, the token patterns of `patterns_dir` are validated too (the shipped ones are
    checked by the tests, and a folder of phrases alone then needs no spaCy). Logs what a --patterns
    folder changes."""
    words = load_words(patterns_dir)
    log.debug("shipped rule files in %s", default_patterns_dir())
    users = set(_user_files(patterns_dir).values()) if patterns_dir is not None else set()
    used: set[str] = set()
    for path in rule_files(patterns_dir):
        rules = read_rules(path, words, used)
        if check_tokens is not None and path in users:
            check_token_patterns(rules, check_tokens)
    if patterns_dir is not None:
        _report_user_rules(patterns_dir, used)


def _count(n: int) -> str:
    return f"{n} word{'' if n == 1 else 's'}"


def _report_user_rules(patterns_dir: str | Path, used: set[str]) -> None:
    """Log each user word list and rule file and what it does; a new list nothing uses is an error."""
    shipped = _shipped_words().lists
    included = {i for wl in load_word_lists(patterns_dir).values() for i in wl.include}
    for wl in _user_word_lists(patterns_dir):
        old = shipped.get(wl.name)
        if old is None and wl.name not in used and wl.name not in included:
            raise PatternError(
                f"{wl.where}: word list {wl.name!r} is not a list claimx knows, no rule file uses "
                f"'{MACRO}{wl.name}' and no list includes it; check the name (claimx's lists are in "
                f"models/{WORDS_FILE})"
            )
        if old is None:
            log.debug("%s: word list %s added (%s)", wl.where, wl.name, _count(len(wl.words)))
        elif wl.replace:
            log.debug("%s: word list %s replaced (%s)", wl.where, wl.name, _count(len(wl.words)))
        else:
            total = len(old | wl.words)
            log.debug("%s: word list %s extended with %s (%d now)", wl.where, wl.name, _count(total - len(old)), total)
    shipped_files = {p.name for p in default_patterns_dir().glob("*.jsonl")}
    for name, path in _user_files(patterns_dir).items():
        if name != WORDS_FILE:
            log.debug("rule file %s %s", path, f"replaces the shipped {name}" if name in shipped_files else "added")
