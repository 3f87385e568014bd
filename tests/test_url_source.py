"""A web address is recorded like a saved page: fetched (here from a server on loopback)."""

from __future__ import annotations

import http.server
import threading

import pytest

PAGE = b"""<!doctype html><html lang="en"><head>
<title>Wells run dry | The Courier</title>
<meta property="og:site_name" content="The Courier">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-14T08:00:00Z">
</head><body>
<nav>Home | World | 1,234 subscribers</nav>
<article><h1>Wells run dry</h1>
<p>The water ministry says 212 boreholes were completed last year across the northern region,
far fewer than the 400 it had promised to villages in the dry belt.</p>
<p>Officials said about 1,500 villages had been connected since 2020, while engineers reported
that 38 pumps had failed during the hottest months of the season.</p>
</article>
<footer>Copyright 2024. Call 555-0100.</footer>
</body></html>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path != "/wells":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_add_a_url_records_the_page_and_its_body_figures(cli, server):
    url = f"{server}/wells"
    result = cli.json("add", url, "--key", "wells")["results"][0]
    assert result["status"] == "added"
    entry = next(e for e in cli.json("entries") if e["ID"] == "wells")
    assert entry["title"] == "Wells run dry"
    assert entry["url"] == url
    assert entry["citekit-origin"] == url
    assert (cli.root / entry["citekit-original"]).read_bytes() == PAGE
    texts = [f["text"] for f in cli.json("figures", "wells")]
    assert "212" in texts and "about 1,500" in texts and "38" in texts
    assert "1,234" not in texts
    again = cli.json("add", url)["results"][0]
    assert (again["key"], again["status"]) == ("wells", "unchanged")


def test_an_unreachable_url_is_one_error_line(cli, server):
    result = cli("add", f"{server}/missing")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {server}/missing: cannot fetch (Not Found)"
    ]
    assert not (cli.root / "refs.bib").exists()
