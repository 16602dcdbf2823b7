"""An invented news page (navigation, scripts, a 'most read' list, a footer, metadata) and its plain text,
and a loopback web server for fetching it: shared by the web-page and URL tests."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

# The article as plain text: what the page's main text must come to.
PLAIN = (
    "Port talks resume\n"
    "KARACHI: Rear Admiral Lina Park met harbour officials on Monday, officials said.\n"
    "\u201cWe didn't expect the talks to move so quickly,\u201d Park told reporters after the meeting in Karachi.\n"
    "The delegation travelled to Gwadar yesterday, according to the Maritime Security Agency."
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Port talks resume | The Daily Ledger</title>
<link rel="canonical" href="https://news.example.org/2025/11/port-talks">
<meta property="og:title" content="Port talks resume">
<meta property="article:published_time" content="2025-11-24T08:30:00+05:00">
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>
<style>body { font-family: serif; }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/opinion">DOCTYPE Opinion</a></nav>
<article>
<h1>Port talks resume</h1>
<p>KARACHI: Rear Admiral Lina Park met harbour officials on Monday, officials said.</p>
<p>&ldquo;We didn&#x27;t expect the talks to move so quickly,&rdquo; Park told reporters after the meeting in Karachi.</p>
<p>The delegation travelled to Gwadar yesterday, according to the Maritime Security Agency.</p>
</article>
<aside><h2>Most read</h2><ul>
<li><a href="/a">Singer Mara Quill tours Lahore</a></li>
<li><a href="/b">Ten best beaches near Colombo</a></li>
</ul></aside>
<footer>Copyright 2025 The Daily Ledger. All rights reserved. <a href="/privacy">Privacy</a></footer>
<script>document.write("Subscribe now");</script>
</body></html>
"""

# Words that only the page's boilerplate holds.
BOILERPLATE = ("Home", "Sport", "Most read", "Mara Quill", "Colombo", "Copyright", "Privacy", "dataLayer", "Subscribe")


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes, dict[str, str]]]] = {}

    def do_GET(self) -> None:
        status, ctype, body, headers = self.routes.get(self.path, (404, "text/html", b"<p>not here</p>", {}))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@contextlib.contextmanager
def serve(routes: dict[str, tuple[int, str, bytes, dict[str, str]]]) -> Iterator[str]:
    """Serve `routes` (path -> status, content type, body, extra headers) on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
