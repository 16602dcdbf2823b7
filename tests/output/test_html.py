"""The HTML view (`-f html`, `claimx.render_html`): every article's text with its mentions and claims
marked, side tables, an index for several articles; self-contained and escaped. Checked with the
standard library's HTML parser, and once in a real browser (headless Chromium, `tests/browser.py`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimx.output.formats import Format
from claimx.output.html import CLAIM, MENTION, RANK, Mark, nest, render_html, safe_url
from claimx.records import ArticleRecord, Claim, Entity, Mention
from claimx.run import RunOptions, run_extract
from tests.browser import REQUIRED, install_chromium, read_png, screenshot

TEXT = 'date 2025-11-25 KARACHI: Rear Adm. Lina Park said "the exercise will go ahead as planned" on Sunday.\n'


@pytest.fixture
def blank_pipeline(monkeypatch, blank_nlp):
    """No model: load_pipeline gives the blank pipeline with claimx's parts; runs stay in this process."""
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- records keep their text -----------------------------------------------------------------------


def test_keep_text_puts_the_text_in_the_record_of_every_kind_of_input(blank_pipeline, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "line1", "text": "Commodore Dana Whitfield spoke."}) + "\n")
    out = tmp_path / "out.jsonl"
    summary = run_extract(RunOptions(paths=[str(tmp_path)], fmt=Format.jsonl, output=out, keep_text=True))
    assert summary.done == 2 and summary.failed == 0
    texts = {r["source"].rsplit("/", 1)[-1]: r.get("text") for r in _records(out)}
    assert texts == {"a.txt": TEXT, "line1": "Commodore Dana Whitfield spoke."}


def test_without_keep_text_a_text_file_has_no_text_in_its_record(blank_pipeline, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract(RunOptions(paths=[str(tmp_path / "a.txt")], fmt=Format.jsonl, output=out))
    [record] = _records(out)
    assert "text" not in record
    assert record["source"] == str(tmp_path / "a.txt") and record["claims"]


def test_keep_text_keeps_the_whole_text_of_an_input_done_in_pieces(blank_pipeline, tmp_path, monkeypatch) -> None:
    import claimx.extraction

    monkeypatch.setattr(claimx.extraction, "PIECE_CHARS", 120)
    long = "".join(f"Paragraph {i}: Commodore Dana Whitfield met the harbour board.\n\n" for i in range(12))
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract(RunOptions(paths=[str(tmp_path / "long.txt")], fmt=Format.jsonl, output=out, keep_text=True))
    (record,) = _records(out)
    assert record["text"] == long and record["length"] == len(long)


# --- a page, parsed -----------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}


class Page(HTMLParser):
    """A page parsed with the standard library: its elements (tag, attributes, text inside), and an
    error for any end tag that does not close the element open (misnested or stray markup)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.marked: list[tuple[str, dict[str, str], list[str]]] = []  # the elements inside an article's text
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed: {[t for t, _, _ in self.stack]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = (tag, {k: v or "" for k, v in attrs}, [])
        self.elements.append(element)
        if any("text" in a.get("class", "").split() for _, a, _ in self.stack):
            self.marked.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1][0] if self.stack else None}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        """The text inside each open element; a label's words count only inside the label itself, so
        the text of an article's view is the article's text."""
        self.text.append(data)
        labels = [i for i, (_, a, _) in enumerate(self.stack) if "lab" in a.get("class", "").split()]
        for _, _, inside in self.stack[labels[0] :] if labels else self.stack:
            inside.append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[tuple[str, dict[str, str], list[str]]]:
        """Elements with this tag whose attributes contain these values (class: one of its classes)."""
        found = []
        for t, a, inside in self.elements:
            if tag is not None and t != tag:
                continue
            if all((v in a.get("class", "").split()) if k == "class_" else a.get(k) == v for k, v in attrs.items()):
                found.append((t, a, inside))
        return found

    def by_class(self, *classes: str) -> list[tuple[str, dict[str, str], list[str]]]:
        return [e for e in self.elements if set(classes) <= set(e[1].get("class", "").split())]

    def marks(self, *classes: str) -> list[tuple[str, dict[str, str], list[str]]]:
        """The marks in articles' texts with these classes (the legend's are left out)."""
        return [e for e in self.marked if set(classes) <= set(e[1].get("class", "").split())]

    def ids(self) -> set[str]:
        return {a["id"] for _, a, _ in self.elements if "id" in a}


STORY = (
    "KARACHI: Air Chief Marshal Imran Butt said on Monday that the fleet was ready. "
    '"We will fly again," Butt told reporters. The ministry did not confirm the order, '
    "and the deal was reportedly signed in 2024."
)


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def story_record(text: str = STORY, **header: object) -> ArticleRecord:
    """A record of STORY made by hand: a person with a rank written before the name, a place, two
    dates, a quote inside which the speaker's surname is not, a negated and a hedged statement."""
    butt1, butt2 = _at(text, "Imran Butt"), _at(text, "Butt", 1)
    quote = _at(text, "We will fly again,")
    negated = _at(text, "The ministry did not confirm the order")
    hedged = _at(text, "the deal was reportedly signed in 2024")
    fields: dict[str, object] = {"source": "story.txt", "published": "2025-11-25", "sha256": "0" * 64}
    fields.update(header)
    return ArticleRecord(
        length=len(text),
        entities=(
            Entity("e1", "place", "KARACHI", mentions=(Mention("KARACHI", 0, 7),), country="PK"),
            Entity(
                "e2",
                "person",
                "Imran Butt",
                aliases=("Butt", "Air Chief Marshal Imran Butt"),
                mentions=(Mention("Imran Butt", *butt1), Mention("Butt", *butt2)),
                rank="Air Chief Marshal",
                roles=("Air Chief",),
            ),
            Entity(
                "e3",
                "date",
                "Monday",
                mentions=(Mention("Monday", *_at(text, "Monday")),),
                value="2025-11-24",
                precision="day",
                basis="relative",
            ),
            Entity(
                "e4", "date", "2024", mentions=(Mention("2024", *_at(text, "2024")),), value="2024", precision="year"
            ),
        ),
        claims=(
            Claim("c1", "quote", text[slice(*quote)], *quote, 0, 0, speaker="Imran Butt", speaker_id="e2", cue="told"),
            Claim("c2", "statement", text[slice(*negated)], *negated, 0, 0, negated=True, reason="no speaker named"),
            Claim("c3", "statement", text[slice(*hedged)], *hedged, 0, 0, hedged=True, date="2024", reason="none"),
        ),
        text=text,
        **fields,  # type: ignore[arg-type]
    )


def test_every_character_of_the_text_is_shown_once_in_order() -> None:
    page = Page(render_html([story_record()]))
    (text_div,) = page.by_class("text")
    assert "".join(text_div[2]) == STORY


def test_mentions_are_marked_by_type_with_a_date_value_on_hover() -> None:
    page = Page(render_html([story_record()]))
    dates = {"".join(inside): a["title"] for _, a, inside in page.marks("date")}
    assert dates["Monday"] == "date: Monday · = 2025-11-24 (day, relative)"
    assert "= 2024 (year" in dates["2024"]
    assert ["".join(e[2]) for e in page.marks("place")] == ["KARACHI"]
    people = page.marks("person")
    assert ["".join(e[2]) for e in people] == ["Imran Butt", "Butt"]
    assert "rank Air Chief Marshal · Air Chief" in people[0][1]["title"]


def test_a_rank_written_before_a_name_is_marked_as_a_rank() -> None:
    page = Page(render_html([story_record()]))
    (rank,) = page.marks("rank")
    assert "".join(rank[2]) == "Air Chief Marshal" and rank[1]["title"] == "rank: Air Chief Marshal (Imran Butt)"


def test_a_quote_holds_its_mentions_and_links_to_its_speaker() -> None:
    page = Page(render_html([story_record()]))
    (quote,) = page.marks("quote")
    assert quote[1]["id"] == "a1-c1" and "speaker: Imran Butt" in quote[1]["title"]
    (label,) = [e for e in page.marks("lab") if e[1].get("href") == "#a1-e2"]
    assert "".join(label[2]) == "quote: Imran Butt"
    assert "a1-e2" in page.ids()  # the speaker's row in the table of people


def test_negated_and_hedged_statements_are_shown_as_such() -> None:
    page = Page(render_html([story_record()]))
    (negated,) = page.marks("claim", "negated")
    (hedged,) = page.marks("claim", "hedged")
    assert "".join(negated[2]).startswith("The ministry did not confirm") and "negated" in negated[1]["title"]
    assert "".join(hedged[2]).startswith("the deal was reportedly") and "hedged" in hedged[1]["title"]
    labels = ["".join(e[2]) for e in page.marks("lab")]
    assert labels == ["quote: Imran Butt", "statement, negated: no speaker", "statement, hedged: no speaker"]
    # The date inside the hedged statement is marked inside it.
    assert [e for e in page.marks("date") if "".join(e[2]) == "2024"]


def test_side_tables_give_people_with_rank_and_roles_dates_and_claims() -> None:
    page = Page(render_html([story_record()]))
    rows = {a["id"]: [c.strip() for c in inside if c.strip()] for t, a, inside in page.find("tr") if "id" in a}
    assert rows["a1-e2"] == ["Imran Butt", "Air Chief Marshal", "Air Chief", "2"]
    assert rows["a1-e3"] == ["Monday", "2025-11-24", "day", "relative"]
    claims = [e for e in page.find("a") if e[1].get("href", "").startswith("#a1-c")]
    assert [a["href"] for _, a, _ in claims] == ["#a1-c1", "#a1-c2", "#a1-c3"]
    assert all(a["href"][1:] in page.ids() for _, a, _ in claims)


@pytest.mark.parametrize(
    "marks, shown",
    [
        # a claim holding a mention
        ([(0, 10, CLAIM), (2, 5, MENTION)], [("C", ["ab", ("M", ["cde"]), "fghij"])]),
        # a mention crossing the end of a claim: cut in two pieces, the label on the last
        ([(0, 6, CLAIM), (4, 9, MENTION)], [("C", ["abcd", ("M", ["ef"])]), ("M", ["ghi"]), "j"]),
        # two marks with the same bounds: the claim outside
        ([(3, 6, MENTION), (3, 6, CLAIM)], ["abc", ("C", [("M", ["def"])]), "ghij"]),
        # marks beyond the text or empty are left out
        ([(8, 30, MENTION), (4, 4, CLAIM)], ["abcdefghij"]),
    ],
)
def test_marks_nest_as_non_overlapping_pieces(marks, shown) -> None:
    def tree(nodes):
        return [n if isinstance(n, str) else (n.mark.tag[0].upper(), tree(n.children)) for n in nodes]

    made = [Mark(a, b, level, "C" if level == CLAIM else "M", "", "") for a, b, level in marks]
    assert tree(nest("abcdefghij", made)) == shown


def test_a_mark_cut_in_pieces_has_its_id_on_the_first_and_its_label_on_the_last() -> None:
    nodes = nest("abcdefghij", [Mark(0, 6, CLAIM, "span", "", ""), Mark(4, 9, MENTION, "mark", "", "", "m", "L")])
    first, second = nodes[0].children[1], nodes[1]
    assert (first.anchor, first.label) == ("m", None)
    assert (second.anchor, second.label) == (None, "L")


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> </style></title><b>bold</b> & done'


def test_text_from_a_page_can_never_run_as_script() -> None:
    text = HOSTILE + " Imran Butt spoke."
    start = text.index("Imran Butt")
    hostile_name = 'Imran" onmouseover="alert(3)'
    record = ArticleRecord(
        source="</title><script>alert(4)</script>.txt",
        published=None,
        sha256="0" * 64,
        length=len(text),
        title="<script>alert(5)</script>",
        url="javascript:alert(6)",
        entities=(
            Entity(
                "e1",
                "person",
                hostile_name,
                aliases=("<b>x</b>",),
                mentions=(Mention("Imran Butt", start, start + 10),),
            ),
        ),
        claims=(Claim("c1", "quote", text[:20], 0, 20, 0, 20, speaker="<i>x</i>", speaker_id="e1"),),
        text=text,
    )
    html = render_html([record, story_record()])
    page = Page(html)
    tags = {t for t, _, _ in page.elements}
    assert not tags & {"script", "img", "b", "i", "iframe", "object", "embed"}
    assert not [k for _, a, _ in page.elements for k in a if k.startswith("on")]
    assert not [
        a
        for _, a, _ in page.elements
        if a.get("href", "#").split(":")[0].lower() not in ("#", "http", "https") and not a["href"].startswith("#")
    ]
    assert "".join(page.by_class("text")[0][2]) == text  # shown as the words they are
    assert "<script>alert(5)</script>" in "".join(page.find("h2")[0][2])
    assert "javascript:" not in html


def test_the_page_is_self_contained() -> None:
    record = story_record(url="https://example.org/story", title="A story")
    page = Page(render_html([record]))
    (csp,) = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert "default-src 'none'" in csp[1]["content"]
    assert not page.find("script") and not page.find("link") and not page.find("img")
    assert not [a for _, a, _ in page.elements if "src" in a or "srcset" in a]
    # The only address outside the page is the article's own, as a link.
    outside = [a["href"] for _, a, _ in page.elements if not a.get("href", "#").startswith("#")]
    assert outside == ["https://example.org/story"]
    (style,) = page.find("style")
    assert "@import" not in "".join(style[2]) and "url(" not in "".join(style[2])


def test_a_record_without_its_text_gets_its_tables_and_a_note() -> None:
    page = Page(render_html([replace(story_record(), text=None)]))
    assert not page.by_class("text") and page.by_class("note")
    assert "a1-e2" in page.ids()


def test_several_records_give_one_page_with_an_index() -> None:
    page = Page(render_html([story_record(source="one.txt"), story_record(source="two.txt", title="Second")]))
    (nav,) = page.find("nav")
    links = [a["href"] for _, a, _ in page.find("a") if a.get("href") in ("#a1", "#a2")]
    assert links == ["#a1", "#a2"] and {"a1", "a2", "a2-c1"} <= page.ids()
    assert "Second" in "".join(nav[2])
    assert page.find("article", id="a2")


def test_one_record_gives_a_page_without_an_index() -> None:
    page = Page(render_html([story_record(title="Fleet ready")]))
    assert not page.find("nav")
    assert "".join(page.find("title")[0][2]) == "Fleet ready"


# --- the command line and the Python API -----------------------------------------------------------


@pytest.mark.parametrize("how", [["-f", "html", "-o", "page.out"], ["-o", "page.html"], ["-o", "page.htm"]])
def test_extract_writes_one_page_of_every_article(blank_pipeline, runner, tmp_path, how) -> None:
    from claimx.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Commodore Dana Whitfield visited Karachi.\n", encoding="utf-8")
    out = tmp_path / how[-1]
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), *how[:-1], str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.find("nav")) == 1
    texts = ["".join(e[2]) for e in page.by_class("text")]
    assert texts[0] == TEXT and texts[1].startswith("Commodore Dana Whitfield visited Karachi.")


def test_html_to_stdout_is_one_page(blank_pipeline, runner) -> None:
    from claimx.cli import app

    result = runner.invoke(app, ["extract", "-", "-f", "html"], input=TEXT)
    assert result.exit_code == 0, result.stderr
    page = Page(result.stdout)
    assert not page.find("nav") and "".join(page.by_class("text")[0][2]).startswith("date 2025-11-25 KARACHI")


def test_html_cannot_be_resumed(blank_pipeline, runner, tmp_path) -> None:
    from claimx.cli import app

    result = runner.invoke(app, ["extract", "-", "-o", str(tmp_path / "p.html"), "--resume"], input=TEXT)
    assert result.exit_code == 2 and "--resume needs -o with --format jsonl or sqlite" in result.stderr


def test_python_api_renders_a_page_of_records_that_keep_their_text(blank_nlp) -> None:
    import claimx

    record = claimx.extract_text(TEXT, blank_nlp, keep_text=True)
    assert record.text == TEXT
    page = Page(claimx.render_html([record]))
    assert "".join(page.by_class("text")[0][2]).startswith("date 2025-11-25")


def test_keep_text_option_puts_the_text_in_jsonl_records(blank_pipeline, runner) -> None:
    from claimx.cli import app

    result = runner.invoke(app, ["extract", "-", "-f", "jsonl", "--keep-text"], input=TEXT)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"] == TEXT


@pytest.mark.parametrize(
    "url, link",
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org/a", "HTTP://example.org/a"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("\x01javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/a", None),
        (None, None),
    ],
)
def test_only_http_addresses_become_links(url, link) -> None:
    assert safe_url(url) == link


# --- in a real browser ------------------------------------------------------------------------------

# displaCy's colours of people, places, dates and ranks, as the page's style gives them.
PERSON_RGB, PLACE_RGB, DATE_RGB, RANK_RGB = (
    (0xAA, 0x9C, 0xFC),
    (0xFE, 0xCA, 0x74),
    (0xBF, 0xE1, 0xD9),
    (0xFF, 0xEB, 0x80),
)


def need_chromium() -> str:
    """Headless Chromium, installed with `make chromium` where missing; the test skips (fails where
    $CLAIMX_REQUIRE_BROWSER is set, as in CI) only when it can be neither found nor installed."""
    found, why = install_chromium()
    if found is None:
        reason = f"headless Chromium is not installed and could not be installed ({why}); run: make chromium"
        if os.environ.get(REQUIRED):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def shot(page_html: str, tmp_path: Path, name: str = "page"):
    """The screenshot of a page in headless Chromium, read."""
    browser = need_chromium()
    page, png = tmp_path / f"{name}.html", tmp_path / f"{name}.png"
    page.write_text(page_html, encoding="utf-8")
    stderr = screenshot(browser, page, png)
    assert png.exists(), f"Chromium wrote no screenshot:\n{stderr[-2000:]}"
    return read_png(png.read_bytes())


@pytest.mark.slow
def test_an_empty_page_looks_blank_to_the_check(tmp_path) -> None:
    picture = shot("<!DOCTYPE html><html><body></body></html>", tmp_path)
    assert picture.ink < 0.001 and not picture.has(PERSON_RGB)


@pytest.mark.slow
def test_the_view_opens_in_a_real_browser_with_its_marks_drawn(tmp_path) -> None:
    picture = shot(render_html([story_record(), story_record(source="two.txt")]), tmp_path)
    assert (picture.width, picture.height) == (1200, 900)
    assert picture.ink > 0.05 and len(picture.colours) > 100
    assert all(picture.has(colour) for colour in (PERSON_RGB, PLACE_RGB, DATE_RGB, RANK_RGB))


# --- the same page whatever runs it -------------------------------------------------------------------


def _corpus(root: Path) -> Path:
    """A few invented articles of our own, and a JSONL line (read in the parent, not by the workers)."""
    root.mkdir()
    places = ["Karachi", "Dhaka", "Colombo", "Lahore", "Galle"]
    for i, place in enumerate(places):
        (root / f"item{i}.txt").write_text(
            f"date 2025-11-{10 + i} Commodore Ann Reyes visited {place} on Monday. "
            f'"Shipment {i} arrived early," Reyes told reporters.\n\n' * (1 + i % 3),
            encoding="utf-8",
        )
    line = {
        "id": "line1",
        "text": "Rear Admiral Lina Park met harbour officials on Tuesday.",
        "published": "2025-11-25",
    }
    (root / "more.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    return root


def _claimx(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimx", "extract", *args], capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
@pytest.mark.model
def test_the_page_is_the_same_bytes_with_one_worker_or_two(tmp_path) -> None:
    corpus = _corpus(tmp_path / "in")
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    assert _claimx(str(corpus), "-o", str(one), "-w", "1", "-q").returncode == 0
    assert _claimx(str(corpus), "-o", str(two), "-w", "2", "-q").returncode == 0
    assert one.read_bytes() == two.read_bytes()
    page = Page(one.read_text(encoding="utf-8"))
    assert len(page.by_class("text")) == 6 and page.marks("person")


@pytest.mark.slow
@pytest.mark.model
def test_the_page_is_the_same_bytes_on_a_dask_cluster(tmp_path) -> None:
    pytest.importorskip("distributed", reason="needs claimx[dask] (make dask)")
    from distributed import LocalCluster

    corpus = _corpus(tmp_path / "in")
    local, remote = tmp_path / "local.html", tmp_path / "dask.html"
    assert _claimx(str(corpus), "-o", str(local), "-w", "1", "-q").returncode == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = _claimx(str(corpus), "-o", str(remote), "--scheduler", cluster.scheduler_address, "-q")
    assert done.returncode == 0, done.stderr
    assert remote.read_bytes() == local.read_bytes()


def test_random_marks_cover_exactly_their_stretch_of_the_text() -> None:
    import random

    def leaves(nodes, inside, out):
        for n in nodes:
            if isinstance(n, str):
                out.append((n, inside))
            else:
                leaves(n.children, (*inside, n.mark), out)
        return out

    rng = random.Random(25)
    text = "".join(rng.choice("abcdefgh ") for _ in range(60))
    for _ in range(300):
        marks = []
        for level in (CLAIM, RANK, MENTION):
            for _ in range(rng.randint(0, 4)):
                a = rng.randint(0, 59)
                marks.append(Mark(a, rng.randint(a + 1, 60), level, "span", "", "", "id", "label"))
        found = leaves(nest(text, marks), (), [])
        assert "".join(t for t, _ in found) == text
        at = 0
        for t, inside in found:
            covering = {m for m in marks if m.start <= at and at + len(t) <= m.end}
            assert set(inside) == covering, (at, t)
            assert list(inside) == sorted(inside, key=lambda m: (m.start, -m.end, m.level))
            at += len(t)
