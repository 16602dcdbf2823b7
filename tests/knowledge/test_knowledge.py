"""Knowledge has one home per kind, and each word list is written once.

The homes: `models/words.jsonl` (open lists users extend, each with a note saying what it means),
`knowledge/lexicon.py` (closed grammar, and the closed lists of nouns the components rely on),
`knowledge/calendar.py` (the words of dates) and `knowledge/gazetteer_data.py` (the gazetteer's tables).
No module outside `knowledge/` writes a word list, and no two written lists share more than half the
words of the smaller one, a list inside another included: lists that share words share them as a list
of their own that both include (a union in code, `"include"` in words.jsonl).

A written list is a literal of MIN_WORDS words or more: a set, tuple or list of strings, the keys of a
table (a dict whose values are constants), or `"...".split()`; in words.jsonl, a list's own words (not
those it includes). A list that code derives from others (`A | B`, `frozenset(MONTHS)`) is written
nowhere; its literal parts are lists of their own. Pattern files name long lists ("@list") instead of
pasting them.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import claimx
from claimx.knowledge import lexicon
from claimx.knowledge.gazetteer_data import PlaceKind
from claimx.knowledge.rule_files import RULE_LABELS, WORDS_FILE, default_patterns_dir, load_word_lists, rule_files

SRC = Path(claimx.__file__).parent
KNOWLEDGE = SRC / "knowledge"
MIN_WORDS = 3  # two words ("and", "or") are grammar in place, not a list to share
MAX_LITERAL = 8  # a longer list inside a pattern must be a named list of words.jsonl
# A word: letters, with spaces, hyphens or apostrophes inside ("as of", "'ll"). Strings with digits,
# underscores or dots are identifiers, file suffixes or attribute paths; strings with no letter, punctuation.
WORD_RE = re.compile(r"['’]?[^\W\d_]+(?:[ '’-][^\W\d_]+)*")
# Literals of words that are no word list, each with what its strings are instead.
NOT_WORDS = {
    "inputs/paths.py:INPUT_FORMATS": "the values of --input-format",
    "inputs/jsonl.py": "the fields of a JSONL input line",
    "output/": "table, column and format names",
    "__init__.py": "the public names",
    "knowledge/gazetteer.py:_SUBDIVISION_TYPES": "values of pycountry's subdivision type field",
    "nlp/entities/shapes.py:_OWN_NAME_KINDS": "gazetteer kinds ('state' and 'subdivision' it no longer gives)",
    "nlp/linking/date_values.py:TENSES": "the tenses `tense_of` gives and `normalise_date` takes",
}


def _schema_names() -> set[str]:
    """The record's field names and the values of its enumerated fields."""
    from claimx import schema

    names: set[str] = set(schema.DESCRIPTIONS)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            names.update(v for v in node.get("enum", []) if isinstance(v, str))
            names.update(node.get("required", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk([schema.RECORD_SCHEMA, schema.ENTITY, schema.CLAIM, schema.MENTION])
    return names


def _labels() -> set[str]:
    """Labels, not words: spaCy's tags, dependency relations and entity types, claimx's rule labels, the
    gazetteer's place kinds, the record's field names and values."""
    from spacy.glossary import GLOSSARY

    return set(GLOSSARY) | set(RULE_LABELS) | set(typing.get_args(PlaceKind)) | _schema_names()


def _strings(node: ast.AST) -> list[str] | None:
    """The strings a literal writes, if it is a list of strings, a table's keys or `"...".split()`."""
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and node.elts:
        if all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            return [e.value for e in node.elts if isinstance(e, ast.Constant)]
        return None
    if isinstance(node, ast.Dict) and node.keys:
        keys, values = node.keys, node.values
        constant = all(isinstance(v, (ast.Constant, ast.Tuple, ast.UnaryOp)) for v in values)
        if constant and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
            return [k.value for k in keys if isinstance(k, ast.Constant)]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and not node.args
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.split()
    return None


def _not_lists(tree: ast.Module) -> set[int]:
    """Nodes whose strings are no list: rows of a table, `Literal[...]` types, `str.maketrans` tables,
    `__all__`, tuples unpacked into names of their own."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            skip |= {id(e) for e in node.elts}
        elif isinstance(node, ast.Subscript):
            skip.add(id(node.slice))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "maketrans":
            skip |= {id(a) for a in node.args}
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if "__all__" in names or any(isinstance(t, ast.Tuple) for t in node.targets):
                skip.add(id(node.value))
    return skip


def _owner(tree: ast.Module) -> dict[int, str]:
    """The module-level name each node is assigned to."""
    owner: dict[int, str] = {}
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and value is not None:
            owner |= {id(n): target.id for n in ast.walk(value)}
    return owner


def written_lists(root: Path, labels: set[str]) -> Iterator[tuple[str, list[str], ast.AST]]:
    """(where, words, node) for each literal of MIN_WORDS words or more in the package at `root`, where
    is `path:NAME` (the module-level name it is assigned to) or `path:LINE`."""
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip, owner = _not_lists(tree), _owner(tree)
        for node in ast.walk(tree):
            strings = _strings(node) if id(node) not in skip else None
            words = [s for s in strings or [] if WORD_RE.fullmatch(s)]
            if len(words) < MIN_WORDS or all(w in labels for w in words):
                continue
            where = f"{rel}:{owner.get(id(node), getattr(node, 'lineno', '?'))}"
            if not any(where.startswith(key) or rel.startswith(key) for key in NOT_WORDS):
                yield where, words, node


def _table(node: ast.AST) -> dict[str, Any] | None:
    """A table's words with their values (None for a list)."""
    if not isinstance(node, ast.Dict):
        return None
    return {k.value: ast.dump(v) for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant)}


def inline_lists(root: Path, labels: set[str]) -> list[tuple[str, list[str]]]:
    """The word lists written outside knowledge/."""
    return [(where, words) for where, words, _ in written_lists(root, labels) if not where.startswith("knowledge/")]


def shared_lists(root: Path, labels: set[str], more: list[tuple[str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """Each pair of written lists (those of the package at `root`, and `more`) that share more than half
    the words of one of them. Two tables share a word only when they give it the same value: the same
    word with another value is another fact (a unit's size, a holiday's offset)."""
    lists = [(where, {w.lower() for w in words}, _table(node)) for where, words, node in written_lists(root, labels)]
    lists += [(where, {w.lower() for w in words}, None) for where, words in more]
    shared = []
    for (a, words_a, table_a), (b, words_b, table_b) in itertools.combinations(lists, 2):
        common = words_a & words_b
        if table_a is not None and table_b is not None:
            common = {w for w in common if table_a.get(w) == table_b.get(w)}
        if len(common) > min(len(words_a), len(words_b)) / 2:
            shared.append((a, b, sorted(common)))
    return shared


def test_no_module_outside_knowledge_writes_a_word_list() -> None:
    inline = inline_lists(SRC, _labels())
    assert not inline, f"word lists written outside knowledge/; move them to their home: {inline}"


def test_no_two_word_lists_share_more_than_half_their_words() -> None:
    shipped = [(f"{WORDS_FILE}:{wl.name}", sorted(wl.words)) for wl in _shipped_file_lists()]
    shared = shared_lists(SRC, _labels(), shipped)
    assert not shared, f"lists that share more than half their words (make the shared words a list): {shared}"


def _shipped_file_lists() -> list[Any]:
    names = {json.loads(line)["list"] for line in (default_patterns_dir() / WORDS_FILE).read_text().splitlines()}
    return [wl for name, wl in load_word_lists().items() if name in names]


def test_every_shipped_word_list_says_what_it_means() -> None:
    lines = [json.loads(line) for line in (default_patterns_dir() / WORDS_FILE).read_text().splitlines()]
    silent = [line["list"] for line in lines if len(line.get("note", "").split()) < MIN_WORDS]
    assert not silent, f"word lists without a note saying what they mean: {silent}"
    assert len(lines) > 20 and all(line.get("words") or line.get("include") for line in lines)


def test_every_function_word_tag_is_a_list() -> None:
    tags = {
        t
        for line in lexicon._FUNCTION_WORDS.replace("\n    ", " ").strip().splitlines()
        for t in line.split("|")[1].split()
    }
    assert tags == set(lexicon.FUNCTION_WORD_TAGS)
    assert {"the", "a", "an"} == lexicon.ARTICLES and "him" in lexicon.PERSON_PRONOUNS - lexicon.NAME_STOP_WORDS


def test_the_checks_catch_a_copied_list_a_list_inside_another_and_a_list_in_a_component(tmp_path) -> None:
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "nlp").mkdir()
    (tmp_path / "knowledge" / "words.py").write_text(
        "UNITS = {'day': 1, 'week': 7, 'month': 30}\n"
        "SIZES = {'day': 24, 'week': 168, 'month': 720}\n"  # another fact about the same words: no copy
        "SEASONS = frozenset({'spring', 'summer', 'autumn', 'winter'})\n"
        "COLD = frozenset({'autumn', 'winter', 'frost'})\n"  # two of three words in SEASONS
        "WARM = frozenset({'spring', 'summer'})\n"  # two words: no list
        "PARTS = SEASONS | frozenset('dawn dusk night noon'.split())\n"  # a union: its own words only
    )
    (tmp_path / "nlp" / "dates.py").write_text(
        "PLURALS = frozenset(w + 's' for w in ('day', 'week'))\n"
        "def f(t):\n    return t.dep_ in ('nsubj', 'dobj', 'pobj') or t.lower_ in ('dawn', 'dusk', 'night')\n"
    )
    assert inline_lists(tmp_path, _labels()) == [("nlp/dates.py:3", ["dawn", "dusk", "night"])]
    assert shared_lists(tmp_path, _labels(), [("words.jsonl:times", ["Noon", "Dawn", "dusk", "morning"])]) == [
        ("knowledge/words.py:SEASONS", "knowledge/words.py:COLD", ["autumn", "winter"]),
        ("knowledge/words.py:PARTS", "nlp/dates.py:3", ["dawn", "dusk", "night"]),
        ("knowledge/words.py:PARTS", "words.jsonl:times", ["dawn", "dusk", "noon"]),
        ("nlp/dates.py:3", "words.jsonl:times", ["dawn", "dusk"]),
    ]


def _pattern_lists() -> Iterator[tuple[str, list[str]]]:
    for path in rule_files():
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            entry = json.loads(line)
            if not isinstance(entry["pattern"], list):
                continue
            for token in entry["pattern"]:
                for spec in token.values():
                    if isinstance(spec, dict):
                        for value in spec.values():
                            if isinstance(value, list):
                                yield f"{path.name}:{lineno}", [w for w in value if not str(w).startswith("@")]


def test_pattern_files_name_long_lists_instead_of_pasting_them() -> None:
    pasted = [(where, len(words)) for where, words in _pattern_lists() if len(words) > MAX_LITERAL]
    assert not pasted, f"paste-in lists; add them to words.jsonl and write '@name': {pasted}"


def test_every_named_list_is_used() -> None:
    src = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    patterns = "\n".join(p.read_text(encoding="utf-8") for p in default_patterns_dir().glob("*.jsonl"))
    lists = load_word_lists()
    included = {name for wl in lists.values() for name in wl.include}
    unused = [
        name
        for name in lists
        if not re.search(rf"""["']{name}["']""", src.replace(f'"{name}": ', ""))
        and f'"@{name}"' not in patterns
        and name not in included
    ]
    assert not unused, f"word lists nothing reads: {unused}"
