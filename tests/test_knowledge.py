"""Knowledge has one home each: a word list is defined once, in lexicon.py (closed grammar lists), in a
module that alone uses it, or in models/words.jsonl (lists users extend); pattern files name long
lists ("@list") instead of pasting them."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator

import claimx
from claimx.knowledge.rule_files import default_patterns_dir, load_words, rule_files

MIN_WORDS = 3  # smaller literal sets ("the", "a", "an") are grammar in place, not lists to share
OPTIONAL_EXTRAS = {"distributed", "dask"}  # the claimx[dask] extra; the fast tier runs without it
MAX_LITERAL = 8  # a longer list inside a pattern must be a named list of words.jsonl


def _module_lists() -> Iterator[tuple[str, frozenset[str]]]:
    for info in pkgutil.walk_packages(claimx.__path__, "claimx."):
        if info.name.endswith("__main__"):
            continue  # running it would start the command line
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError as err:
            if err.name in OPTIONAL_EXTRAS:
                continue  # a module of an optional extra (claimx[dask]) that is not installed here
            raise
        for name, value in vars(module).items():
            if name.startswith("__") or getattr(value, "__module__", module.__name__) != module.__name__:
                continue
            if isinstance(value, dict):
                if not all(isinstance(v, (str, int)) for v in value.values()):
                    continue  # a structure (a JSON Schema, say), not a word table
                value = value.keys()
            if isinstance(value, (set, frozenset, tuple, list, type({}.keys()))):
                items = list(value)
                if len(items) >= MIN_WORDS and all(isinstance(w, str) and w.strip() for w in items):
                    yield f"{info.name}.{name}", frozenset(w.lower() for w in items)


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


def test_no_word_list_is_defined_twice() -> None:
    seen: dict[frozenset[str], str] = {}
    defined = list(_module_lists())
    defined += [(f"words.jsonl:{name}", frozenset(w.lower() for w in ws)) for name, ws in load_words().lists.items()]
    doubles = []
    for where, words in defined:
        # The same object imported under another name is one definition, not two.
        if words in seen and seen[words].rsplit(".", 1)[-1] != where.rsplit(".", 1)[-1]:
            doubles.append((seen[words], where))
        seen.setdefault(words, where)
    assert not doubles, f"the same word list is defined twice: {doubles}"


def test_pattern_files_name_long_lists_instead_of_pasting_them() -> None:
    pasted = [(where, len(words)) for where, words in _pattern_lists() if len(words) > MAX_LITERAL]
    assert not pasted, f"paste-in lists; add them to words.jsonl and write '@name': {pasted}"


def test_every_named_list_is_used() -> None:
    import re
    from pathlib import Path

    src = "\n".join(p.read_text(encoding="utf-8") for p in Path(claimx.__file__).parent.rglob("*.py"))
    patterns = "\n".join(p.read_text(encoding="utf-8") for p in default_patterns_dir().glob("*.jsonl"))
    unused = [
        name
        for name in load_words().lists
        if not re.search(rf"""["']{name}["']""", src) and f'"@{name}"' not in patterns
    ]
    assert not unused, f"word lists nothing reads: {unused}"
