"""Golden records of the samples: any change in output shows up as a diff to review.

Regenerate with `pytest tests/test_golden.py --update-golden` and read the diff like code.
"""

from __future__ import annotations

import json

import pytest

from claimx.extraction import extract
from claimx.inputs.collect import read_article
from claimx.output.writers import dumps

from .checks import check_record
from .conftest import GOLDEN, ROOT, SAMPLES


@pytest.mark.model
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.name)
def test_sample_matches_golden(nlp, path, update_golden: bool) -> None:
    art = read_article(str(path.relative_to(ROOT)))
    got = json.loads(dumps(next(extract([art], nlp))))
    check_record(got, art.text)  # what every record must satisfy, whatever the golden file says
    golden = GOLDEN / (path.stem + ".json")
    if update_golden:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden record for {path.name}; run pytest --update-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
