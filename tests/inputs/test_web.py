"""Web pages and URLs: main text and metadata through trafilatura, fetching through httpx from a
server the test starts on loopback (no test reaches the internet)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from claimx.errors import InputError
from claimx.inputs.web import fetch, html_article, is_url, looks_like_html, read_page
from tests.pages import BOILERPLATE, PAGE, PLAIN, serve


def test_page_main_text_is_the_article_without_boilerplate() -> None:
    page = read_page(PAGE, "page.html")
    assert page.text == PLAIN
    for word in BOILERPLATE:
        assert word not in page.text


def test_page_entities_are_decoded() -> None:
    # The quote marks and the apostrophe are HTML entities in the page.
    assert "\u201cWe didn't expect" in read_page(PAGE, "page.html").text


def test_page_metadata_title_canonical_url_and_date() -> None:
    page = read_page(PAGE, "page.html")
    assert (page.title, page.url, str(page.published)) == (
        "Port talks resume",
        "https://news.example.org/2025/11/port-talks",
        "2025-11-24",
    )


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Port talks resume", "datePublished": "2025-11-24T06:00:00Z"}</script>',
        '<meta name="date" content="2025-11-24">',
    ],
)
def test_page_date_from_other_metadata(head: str) -> None:
    html = PAGE.replace('<meta property="article:published_time" content="2025-11-24T08:30:00+05:00">', head)
    assert str(read_page(html, "page.html").published) == "2025-11-24"


def test_page_without_a_date_has_none() -> None:
    html = PAGE.replace('<meta property="article:published_time" content="2025-11-24T08:30:00+05:00">', "")
    page = read_page(html, "page.html")
    assert page.published is None
    assert page.title == "Port talks resume"


def test_page_without_article_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^empty\.html: no article text"):
        read_page("<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", "empty.html")


def test_option_date_wins_over_the_page_date() -> None:
    from datetime import date

    article = html_article(PAGE, "page.html", date(2024, 1, 2))
    assert (str(article.published), article.published_basis) == ("2024-01-02", "option")
    assert html_article(PAGE, "page.html").published_basis == "page"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<!DOCTYPE html><html>", True),
        ("\ufeff  <!doctype HTML>", True),
        ("<!-- saved from url --><html lang=en>", True),
        ("<html>", True),
        ("The minister said <b> tags are fine.", False),
        ("date 2025-11-25 KARACHI: text", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    "value, expected",
    [("https://news.example.org/a", True), ("HTTP://x.org", True), ("news/a.html", False), ("ftp://x/a", False)],
)
def test_is_url(value: str, expected: bool) -> None:
    assert is_url(value) is expected


def test_fetch_gives_the_page_and_the_final_url() -> None:
    routes = {
        "/old": (301, "text/html", b"", {"Location": "/story"}),
        "/story": (200, "text/html; charset=utf-8", PAGE.encode(), {}),
    }
    with serve(routes) as base:
        body, charset, final = fetch(f"{base}/old")
    assert body == PAGE.encode() and charset == "utf-8" and final == f"{base}/story"


@pytest.mark.parametrize(
    "route, message",
    [
        ((404, "text/html", b"gone", {}), "the server answered 404"),
        ((500, "text/html", b"oops", {}), "the server answered 500"),
        ((200, "application/pdf", b"%PDF-1.4", {}), "not a web page (content type application/pdf)"),
    ],
)
def test_fetch_failures_name_the_url_and_the_reason(route, message: str) -> None:
    with serve({"/x": route}) as base, pytest.raises(InputError) as err:
        fetch(f"{base}/x")
    assert str(err.value).startswith(f"{base}/x: ") and message in str(err.value)


def test_fetch_refuses_a_page_over_the_size_limit(monkeypatch) -> None:
    import claimx.inputs.web

    monkeypatch.setattr(claimx.inputs.web, "MAX_PAGE_BYTES", 1000)
    with serve({"/big": (200, "text/html", b"<p>" + b"x" * 5000, {})}) as base, pytest.raises(InputError, match="over"):
        fetch(f"{base}/big")


def test_fetch_of_a_closed_port_is_an_input_error() -> None:
    with serve({}) as base:
        pass  # the server is gone: its port refuses connections
    with pytest.raises(InputError, match="cannot be fetched"):
        fetch(f"{base}/story")


@pytest.fixture
def blank_cli(monkeypatch, blank_nlp):
    import claimx.batch.local
    import claimx.batch.seam
    import claimx.nlp.pipeline

    monkeypatch.setattr(claimx.nlp.pipeline, "load_pipeline", lambda *a, **k: blank_nlp)
    monkeypatch.setattr(claimx.batch.seam, "default_workers", lambda: 1)


def test_url_gives_the_same_record_as_the_saved_page(runner, tmp_path, blank_cli) -> None:
    from claimx.cli import app

    saved = tmp_path / "story.html"
    saved.write_text(PAGE, encoding="utf-8")
    with serve({"/story": (200, "text/html; charset=utf-8", PAGE.encode(), {})}) as base:
        by_url = runner.invoke(app, ["extract", f"{base}/story", "-f", "json"])
    by_file = runner.invoke(app, ["extract", str(saved), "-f", "json"])
    assert by_url.exit_code == 0, by_url.stderr
    a, b = json.loads(by_url.stdout), json.loads(by_file.stdout)
    assert a.pop("source") == f"{base}/story" and b.pop("source") == str(saved)
    assert a == b and a["url"] == "https://news.example.org/2025/11/port-talks"


def test_urls_keep_order_and_a_failed_one_is_reported_alone(runner, tmp_path, blank_cli) -> None:
    from claimx.cli import app

    routes = {"/a": (200, "text/html", PAGE.encode(), {}), "/c": (200, "text/html", PAGE.encode(), {})}
    with serve(routes) as base:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# today's stories\n{base}/c\n\n{base}/b\n{base}/a\n")
        result = runner.invoke(app, ["extract", "--urls", str(listing), "-f", "jsonl", "-q"])
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [f"{base}/c", f"{base}/a"]
    (error,) = result.stderr.strip().splitlines()
    assert error.startswith(f"Error: {base}/b: the server answered 404")


def test_resume_skips_urls_already_done(runner, tmp_path, blank_cli) -> None:
    from claimx.cli import app

    out = tmp_path / "out.jsonl"
    routes = {"/a": (200, "text/html", PAGE.encode(), {}), "/b": (200, "text/html", PAGE.encode(), {})}
    with serve(routes) as base:
        first = runner.invoke(app, ["extract", f"{base}/a", "-o", str(out), "-q"])
        again = runner.invoke(app, ["extract", f"{base}/a", f"{base}/b", "-o", str(out), "--resume"])
    assert first.exit_code == 0 and again.exit_code == 0, again.stderr
    assert [json.loads(line)["source"] for line in out.read_text().splitlines()] == [f"{base}/a", f"{base}/b"]
    assert "1 already in" in again.stderr


@pytest.mark.model
def test_page_and_its_plain_text_give_the_same_people_places_and_quotes(nlp) -> None:
    from claimx.extraction import extract_html, extract_text

    page = extract_html(PAGE, nlp).to_dict()
    text = extract_text(PLAIN, nlp, "2025-11-24").to_dict()

    def found(rec: dict) -> tuple:
        ents = sorted((e["type"], e["name"], e.get("value")) for e in rec["entities"])
        quotes = [(c["text"], c["speaker"]) for c in rec["claims"] if c["type"] == "quote"]
        return ents, quotes

    assert found(page) == found(text)
    ents, quotes = found(page)
    assert ("person", "Lina Park", None) in ents and ("place", "Karachi", None) in ents
    assert quotes and quotes[0][1] == "Lina Park"
    assert page["published"] == "2025-11-24" and page["published_basis"] == "page"
    # "yesterday" is valued from the page's own date
    assert ("date", "yesterday", "2025-11-23") in ents


@pytest.mark.model
@pytest.mark.parametrize("published", ["2025-11-25", date(2025, 11, 25)])
def test_extract_text_accepts_an_iso_string(nlp, published) -> None:
    from claimx.extraction import extract_text

    rec = extract_text("Officials met on Monday.", nlp, published=published).to_dict()
    assert rec["published"] == "2025-11-25" and rec["published_basis"] == "option"
    assert [e["value"] for e in rec["entities"] if e["type"] == "date"] == ["2025-11-24"]


# Pages without an article: what trafilatura keeps of them is navigation, link lists and footers.
BOILERPLATE_PAGES = {
    "nav.html": '<html><head><title>Site</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a>'
    "</nav></body></html>",
    "links.html": '<html><body><main><ul><li><a href="/a">Singer tours Lahore after a long break from the stage</a>'
    '</li><li><a href="/b">Ten best beaches near Colombo for a quiet weekend</a></li></ul></main></body></html>',
    "menu.html": '<html><body><div class="menu">Home | World | Sport | Contact us</div><div>Sign in</div>'
    "</body></html>",
    "footer.html": '<html><head><title>Daily Ledger</title></head><body><header><a href="/">Home</a></header>'
    "<footer>Copyright 2025 The Daily Ledger. All rights reserved.</footer></body></html>",
}


@pytest.mark.parametrize("name", sorted(BOILERPLATE_PAGES))
def test_a_page_of_boilerplate_only_is_an_input_error(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_page(BOILERPLATE_PAGES[name], name)
    assert str(caught.value) == (
        f"{name}: no article text found in the page, only menus, links or other lines without a sentence of "
        "8 or more words; give the article's own page, or its text"
    )


BRIEFS = {
    "<article><p>LAGOS: Fire crews put out a blaze at a market on Tuesday, officials said.</p></article>": (
        "LAGOS: Fire crews put out a blaze at a market on Tuesday, officials said."
    ),
    "<div><p>Lt. Gen. Ali Varga met U.S. envoy Tom Reed in Tirana.</p></div>": (
        "Lt. Gen. Ali Varga met U.S. envoy Tom Reed in Tirana."
    ),
    "<p>\u201cWe will rebuild the bridge by spring,\u201d the mayor told reporters.</p>": (
        "\u201cWe will rebuild the bridge by spring,\u201d the mayor told reporters."
    ),
}


@pytest.mark.parametrize("body", sorted(BRIEFS))
def test_a_one_sentence_news_brief_is_article_text(body: str) -> None:
    page = read_page(f"<html><head><title>Brief</title></head><body>{body}</body></html>", "brief.html")
    assert page.text == BRIEFS[body]


def test_a_boilerplate_page_on_the_command_line_fails_alone(runner, tmp_path, blank_cli) -> None:
    from claimx.cli import app

    (tmp_path / "nav.html").write_text(BOILERPLATE_PAGES["nav.html"], encoding="utf-8")
    (tmp_path / "story.html").write_text(PAGE, encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(tmp_path / "nav.html"), str(tmp_path / "story.html"), "-f", "jsonl", "-q"]
    )
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(tmp_path / "story.html")]
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'nav.html'}: no article text found in the page, only menus, links or other lines "
        "without a sentence of 8 or more words; give the article's own page, or its text"
    ]
