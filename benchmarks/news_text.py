"""Generated news text for whole-pipeline timing: varied paragraphs with figures, cited reports and
reporting cues, as a long news archive or a report's prose would run.

Each article opens with a dateline paragraph, introduces a titled report by a named institution, then
runs paragraphs that quote people, refer back to the report ("the report says", "according to the
study"), give figures with units, ranges and currencies, and mix in plain sentences. Titles, issuers,
places and people are drawn from word lists and combined, so a long text holds thousands of distinct
works and names rather than one repeated one. Fixed seed; pure function of (size, seed).

Run `.venv/bin/python benchmarks/news_text.py 1000000 > /tmp/news.txt` to write 1 MB of it;
`.venv/bin/python benchmarks/extraction.py --pipeline` prints the whole-pipeline rows only.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ADJECTIVES = [
    "Hidden", "Rising", "Unequal", "Fragile", "Lost", "Broken", "Quiet", "Shifting",
    "Uneven", "Slow", "Open", "Narrow", "Distant", "Common", "Fading", "Steady",
]  # fmt: skip
_NOUNS = [
    "Costs", "Ground", "Margins", "Harvests", "Waters", "Ledgers", "Borders", "Wages",
    "Roads", "Tides", "Debts", "Gains", "Limits", "Lines", "Returns", "Shares",
]  # fmt: skip
_TOPICS = [
    "Housing and Household Debt",
    "Water Security in Dry Regions",
    "Migration and the Labour Market",
    "Energy Prices and Industry",
    "Rural Health Services",
    "Youth Unemployment",
    "Coastal Flooding",
    "Public Transport Funding",
]
_INSTITUTE_WORDS = [
    "Harbour",
    "Meridian",
    "Lakeside",
    "Northgate",
    "Crescent",
    "Ashford",
    "Kestrel",
]
_INSTITUTE_KINDS = ["Institute", "Foundation", "Centre for Policy Studies", "Council", "Trust"]
_GENRES = ["report", "study", "survey", "briefing", "review", "analysis"]
_FIRST = ["Amina", "Tomas", "Priya", "Jonas", "Leila", "Marcus", "Sofia", "Kenji", "Ruth", "Omar"]
_LAST = ["Okafor", "Lindqvist", "Raman", "Hartley", "Moreau", "Castillo", "Novak", "Adeyemi"]
_ROLES = ["an economist", "the director", "a senior researcher", "the lead author", "a spokeswoman"]
_PLACES = ["Ohio", "Lagos", "Bavaria", "Queensland", "Manitoba", "Jakarta", "Lima", "Kerala"]
_GROUPS = ["households", "workers", "farmers", "nurses", "students", "tenants", "drivers"]
_MONTHS = ["January", "March", "April", "June", "September", "October", "November"]
_VERBS = ["said", "told reporters", "warned", "argued", "added", "noted"]
_PLAIN = [
    "The findings were welcomed by some campaigners but questioned by industry groups.",
    "Ministers have promised to respond before the end of the parliamentary session.",
    "It is not yet clear how the proposals would be paid for or who would oversee them.",
    "Officials declined to comment on the details while the consultation is still open.",
    "Residents described long queues and confusion at the offices last winter.",
    "Critics say the government ignored earlier warnings from its own advisers.",
]


def _title(rng: random.Random) -> str:
    topic = rng.choice(_TOPICS)
    if rng.random() < 0.5:
        topic += f" in {rng.choice(_PLACES)}"
    return f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}: {topic}"


def _institution(rng: random.Random) -> str:
    return f"the {rng.choice(_INSTITUTE_WORDS)} {rng.choice(_INSTITUTE_KINDS)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _figure_sentence(rng: random.Random, genre: str) -> str:
    place, group, month = rng.choice(_PLACES), rng.choice(_GROUPS), rng.choice(_MONTHS)
    options = [
        f"According to the {genre}, {rng.randint(2, 95)}% of {group} in {place} spent more than "
        f"a third of their income on rent in {rng.randint(2005, 2024)}.",
        f"The {genre} says about {rng.randint(2, 900):,} {group} lost their jobs between "
        f"{month} and {rng.choice(_MONTHS)}, up from {rng.randint(100, 900)} a year earlier.",
        f"Prices rose {rng.uniform(0.1, 9):.1f} per cent in {month}, the {genre} found, while "
        f"wages grew by just {rng.uniform(0.1, 4):.1f}%.",
        f"The programme would cost ${rng.uniform(1, 90):.1f}bn over {rng.randint(3, 12)} years "
        f"and reach {rng.randint(10, 900):,},000 {group}, the authors estimate.",
        f"Between {rng.randint(10, 40)} and {rng.randint(45, 90)} per cent of {group} surveyed "
        f"said they travelled more than {rng.randint(5, 60)} km to the nearest clinic.",
        f"Some {rng.randint(2, 99)},{rng.randint(100, 999)} {group} in {place} were affected, "
        f"roughly one in {rng.randint(3, 12)}, the {genre} adds.",
    ]
    return rng.choice(options)


def _quote_sentence(rng: random.Random) -> str:
    person, role, verb = _person(rng), rng.choice(_ROLES), rng.choice(_VERBS)
    options = [
        f'"We were surprised by how fast it grew," {person}, {role}, {verb}.',
        f"{person}, {role}, {verb} that {rng.randint(2, 60)} of the {rng.randint(61, 400)} "
        f"councils had yet to publish their plans.",
        f'Speaking in {rng.choice(_PLACES)}, {person} {verb} the figures were "a warning".',
        f"The {rng.choice(_INSTITUTE_KINDS).split()[0].lower()} said {rng.randint(2, 40)} of its "
        f"{rng.randint(41, 90)} offices had closed.",
        f"{person}, a {rng.choice(['think tank', 'charity', 'union'])} adviser, said "
        f"{rng.randint(2, 99)}% of members agreed.",
    ]
    return rng.choice(options)


def _article(rng: random.Random) -> list[str]:
    genre, issuer, title = rng.choice(_GENRES), _institution(rng), _title(rng)
    place, month = rng.choice(_PLACES), rng.choice(_MONTHS)
    intro = rng.choice(
        [
            f'{place}, {month} {rng.randint(1, 28)} - A new {genre} by {issuer}, titled "{title}", '
            f"finds that {rng.randint(2, 80)}% of {rng.choice(_GROUPS)} are worse off than in "
            f"{rng.randint(2000, 2020)}.",
            f"{issuer[0].upper() + issuer[1:]} published its {genre} {title} on {month} "
            f"{rng.randint(1, 28)}, saying {rng.randint(2, 900):,} {rng.choice(_GROUPS)} were at risk.",
            f'In its latest {genre}, "{title}", {issuer} says spending fell by '
            f"{rng.uniform(1, 30):.1f}% in real terms.",
        ]
    )
    paragraphs = [intro]
    if rng.random() < 0.5:
        body = _institution(rng)[4:]
        noun = rng.choice(["think tank", "charity", "research group"])
        paragraphs.append(
            f"{body}, a {rng.choice(['London-based', 'small', 'independent'])} {noun}, said "
            f"{rng.randint(2, 900):,} people had signed up. The {noun.split()[-1]} says "
            f"another {rng.randint(2, 90)} per cent are waiting."
        )
    for _ in range(rng.randint(3, 7)):
        picks = []
        for _ in range(rng.randint(2, 5)):
            roll = rng.random()
            if roll < 0.45:
                picks.append(_figure_sentence(rng, genre))
            elif roll < 0.7:
                picks.append(_quote_sentence(rng))
            else:
                picks.append(rng.choice(_PLAIN))
        paragraphs.append(" ".join(picks))
    return paragraphs


def news_text(size: int, seed: int = 11) -> str:
    """About `size` characters of generated news (whole paragraphs; at least `size`)."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        for para in _article(rng):
            out.append(para)
            total += len(para) + 2
    return "\n\n".join(out) + "\n"


def _shared() -> Path:
    repo = Path(__file__).resolve().parents[1]
    shared = Path(os.environ.get("CITEKIT_SHARED", repo.parent / "shared"))
    return shared if (shared / "benchmarks").is_dir() else Path("/work/shared")


def real_news_text(size: int) -> str | None:
    """About `size` characters of real news: the development articles of the shared claims data
    (FRANK's news articles, the text of WiCE's web pages), each once, in file order, separated by a
    blank line; when they run out before `size`, they are taken again from the first. None when
    the shared data is not on this machine."""
    claims = _shared() / "benchmarks" / "claims"
    docs: list[str] = []
    frank = claims / "frank-valid" / "articles.jsonl"
    wice = claims / "wice-dev" / "dev.jsonl"
    if frank.exists():
        docs += [json.loads(line)["article"] for line in frank.read_text("utf-8").splitlines()]
    if wice.exists():
        seen: set[str] = set()
        for line in wice.read_text("utf-8").splitlines():
            text = "\n\n".join(json.loads(line)["evidence"])
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
            if digest not in seen:
                seen.add(digest)
                docs.append(text)
    if not docs:
        return None
    out: list[str] = []
    total = 0
    while total < size:
        for doc in docs:
            out.append(doc)
            total += len(doc) + 2
            if total >= size:
                break
    return "\n\n".join(out) + "\n"


def pipeline_seconds(path: str, runs: int = 3) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of `citekit extract PATH --json` as a whole process
    (start-up, reading, figures, cited works, attribution, JSON), output discarded."""
    citekit = str(Path(sys.executable).with_name("citekit"))
    best_wall = best_cpu = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([citekit, "extract", path, "--json"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def pipeline_rows(sizes: tuple[int, ...] = (1_000_000, 4_000_000, 5_000_000)) -> list[tuple]:
    """Rows for benchmarks/extraction.py: the whole pipeline at 1 MB and 4 MB, their ratio (bar
    4.4) and the rate on 5 MB (bar 1.5 MB/s), on the generated news and on real news (the shared
    development articles, when present). Times are best of three, wall clock with the CPU time of
    the process beside it (the machine is shared: CPU time is what one core spent)."""
    rows = _rows("generated news", news_text, sizes)
    if real_news_text(1) is not None:
        rows += _rows("real news", real_news_text, sizes)
    return rows


def _rows(label: str, make, sizes: tuple[int, ...]) -> list[tuple]:
    times: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"news-{size}.txt"
            path.write_text(make(size), encoding="utf-8")
            times[size] = pipeline_seconds(str(path))
    rows = []
    for size in sizes[:2]:
        wall, cpu = times[size]
        rows.append((f"whole pipeline, {label}, extract --json process, {size / 1e6:.0f} MB", "", "",
                     f"{wall:.2f} s (cpu {cpu:.2f} s)", "", ""))  # fmt: skip
    small, big = sizes[0], sizes[1]
    ratio = times[big][0] / times[small][0]
    ratio_cpu = times[big][1] / times[small][1]
    rows.append((f"whole pipeline, {label}, time {big // small}x text / 1x (cpu)", "", "",
                 f"{ratio:.2f} ({ratio_cpu:.2f})", "4.4", "yes" if ratio <= 4.4 else "NO"))  # fmt: skip
    last = sizes[-1]
    rate, rate_cpu = last / times[last][0] / 1e6, last / times[last][1] / 1e6
    rows.append((f"whole pipeline, {label}, rate on {last / 1e6:.0f} MB (cpu)", "", "",
                 f"{rate:.2f} ({rate_cpu:.2f}) MB/s", "1.5", "yes" if rate >= 1.5 else "NO"))  # fmt: skip
    return rows


if __name__ == "__main__":
    sys.stdout.write(news_text(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000))
