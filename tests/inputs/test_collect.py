"""Reading one input (`inputs/collect.py`): a missing or unreadable file is an input error naming it."""

from __future__ import annotations

import pytest

from claimx.errors import InputError
from claimx.inputs.collect import read_article


def test_missing_file_is_an_input_error_naming_it(tmp_path) -> None:
    missing = tmp_path / "gone.txt"
    with pytest.raises(InputError, match="gone.txt"):
        read_article(str(missing))


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch) -> None:
    # CI runs as root, which reads any file: simulate the refusal the OS gives other users.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("claimx.inputs.paths.open", refuse, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        read_article(str(tmp_path / "secret.txt"))
