"""Error messages are whole and name what the user typed: the JSON decoder's reason with its column,
the positional argument by the name help and usage show, an output path as given."""

from __future__ import annotations

import pytest

from claimx.cli import app
from claimx.errors import InputError


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Talks ended.}', "unterminated string starting at column 10"),
        ('{"text": "Talks ended."', "expecting ',' delimiter at column 24"),
        ("{text: 1}", "expecting property name enclosed in double quotes at column 2"),
        ('{"text": "a"} {"text": "b"}', "extra data at column 15"),
    ],
)
def test_a_bad_jsonl_line_says_why_and_where(line: str, reason: str) -> None:
    from claimx.inputs.jsonl import read_jsonl

    (error,) = read_jsonl(line + "\n", "batch.jsonl")
    assert isinstance(error, InputError)
    assert str(error) == f"batch.jsonl:1: not JSON ({reason}); each line must be one JSON object"


def _arguments_section(help_text: str) -> list[str]:
    section = help_text.split("Arguments:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip().split("  ")[0] for line in section.splitlines() if line.startswith("  ") and line[2] != " "]


def test_help_usage_and_the_missing_input_error_name_the_argument_alike(runner) -> None:
    help_text = runner.invoke(app, ["extract", "-h"]).stdout
    assert "Usage: claimx extract [OPTIONS] [PATH]..." in help_text
    assert _arguments_section(help_text) == ["PATH..."]
    assert "<list[str]>" not in help_text and "<" not in help_text.split("Arguments:")[1].split("Options:")[0]
    result = runner.invoke(app, ["extract", "-f", "json"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'PATH...': no inputs given; give article files, folders, URLs, - for stdin, "
        "or --urls FILE"
    )


@pytest.mark.parametrize(
    ("name", "what"),
    [("claims.xyz", "the suffix '.xyz'"), ("claims", "a name without a suffix")],
)
def test_an_output_name_without_a_known_suffix_is_named_as_given(runner, tmp_path, name: str, what: str) -> None:
    (tmp_path / "a.txt").write_text("Talks ended.\n")
    out = tmp_path / "sub" / name
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--output': {out}: claimx cannot tell the format from {what}; use one of "
        ".json .jsonl .ndjson .csv .db .sqlite .sqlite3 .html .htm, or give -f"
    )


def test_a_write_error_without_an_errno_still_says_what_failed(tmp_path) -> None:
    from claimx.errors import OutputError
    from claimx.inputs.article import make_article, record_header
    from claimx.output.sinks import JsonlFileSink
    from claimx.records import ArticleRecord

    class GoneDevice:
        def write(self, data: object) -> int:
            raise OSError("the device went away")

        def truncate(self, size: int) -> None:
            pass

    out = tmp_path / "out.jsonl"
    sink = JsonlFileSink(out, resume=False)
    sink.fh.close()
    sink.fh = GoneDevice()  # type: ignore[assignment]
    record = ArticleRecord(**record_header(make_article("Talks ended.", "a.txt")), entities=(), claims=())
    with pytest.raises(OutputError) as caught:
        sink.write(record)
    assert str(caught.value) == (
        f"{out}: write failed (the device went away); the file holds the complete records so far - free some "
        "space, then rerun with --resume"
    )
