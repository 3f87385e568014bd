"""Fuzz campaign over citekit's pure functions: generated hostile inputs, failures counted per target.

Run: `.venv/bin/python benchmarks/fuzz.py` (`--total N` inputs in all, default 100,000, shared
out by the weights below; `--seed S`; `--only TARGET`). Inputs are random texts built from
hostile pieces (digit runs, magnitude words, exponents, brackets, citations, LaTeX commands,
footnotes, backslashes, quotes, random code points). The targets and what counts as a failure:

- extractor: an exception, a figure whose text is not its span, a value that is not finite JSON;
- draft md / tex / txt: an exception, a number whose text is not its span in the draft;
- matcher: an exception judging a draft number against figures of random (also NaN, infinite,
  huge or textual) values;
- bib round-trip: a refs.bib written with the value that does not parse, or does not read back
  the same value (white space runs compared as one space);
- key maker: an exception, an empty key, a key already taken or holding a character outside
  letters, digits, `_`, `-`, `:`, `.`.

The table prints inputs tried and failures per target, and the first failing inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from citekit.check.drafts import read_draft  # noqa: E402
from citekit.check.matching import Claim, FigureIndex, Quantity, judge  # noqa: E402
from citekit.extract import extract_figures  # noqa: E402
from citekit.library.bib import BibFile  # noqa: E402
from citekit.library.keys import make_key  # noqa: E402

PIECES = [
    "12345678901234567", "99999999999999999999", "1.25e16", "1.25e+16e3", "2e400", "\u00d710^",
    "thousand", "million", "billion", "bn", "m", "k", "\u2044", "3/4", ".001", "1 234 567",
    "4,200", "4{,}200", "41\\%", "$", "$$", "\u20ac", "RM", "per cent", "%", "from", "to", "and",
    "about", "more than", "(", ")", "[", "]", "[@a]", "[@a, p. 3; @b]", "@a", "@{a", "[^1]",
    "^[", "[^1]: ", "`", "``", "<sup>", "</sup>", "<!--", "-->", "![", "](u)", "{", "}",
    "\\footnote{", "\\cite{a}", "\\cites[p.~3]{a}{b}", "\\SI{21.1}{\\celsius}", "\\num{",
    "\\begin{equation}", "\\end{equation}", "\\section{", "\\\\", "\\", "%", "~", "&", "--",
    "\u00e9", "\\\u00e9", "\n", "\n\n", "\r\n", "\t", " ", "  ", "# ", "> ", "- ", "1. ",
    "| 1 | 2 |", "---", "people", "homes", "Cardiff", "in 2021", "1950", "\u00bd", "\u2212",
    "nan", "inf", "NaN", "Infinity", "1e999999", "\u00a0", "\u200b", "\ufeff",
]  # fmt: skip


def hostile_text(rng: random.Random, pieces: int = 40) -> str:
    parts = []
    for _ in range(rng.randint(1, pieces)):
        if rng.random() < 0.8:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 4))))
    return rng.choice(["", " "]).join(parts)


def hostile_value(rng: random.Random) -> object:
    return rng.choice(
        [None, float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 10**400, 0, -0.0,
         "12", "NaN", "Infinity", "x", 12, 4200, 4200.5, rng.uniform(-1e6, 1e6), 2**63]
    )  # fmt: skip


def check_extractor(text: str) -> None:
    figures = extract_figures(text)
    json.dumps([f.to_dict() for f in figures], allow_nan=False)
    for f in figures:
        if text[f.start : f.end] != f.text:
            raise AssertionError(f"figure text {f.text!r} is not its span")


def check_draft(text: str, fmt: str) -> None:
    draft = read_draft(text, fmt)
    source = draft.text  # line endings as the reader sees them
    for number in draft.numbers:
        if source[number.start : number.end] != number.text:
            raise AssertionError(f"number {number.text!r} is not its span")


def check_matcher(rng: random.Random, text: str) -> None:
    figures = []
    for i in range(rng.randint(0, 6)):
        figures.append(
            {"id": f"f{i}", "source": rng.choice(["a", "b"]), "text": rng.choice(PIECES),
             "value": hostile_value(rng), "low": hostile_value(rng), "high": hostile_value(rng),
             "unit": rng.choice([None, "people", "%", "USD"]), "kind": rng.choice(
                 ["count", "money", "percent", "measure", None]),
             "qualifier": rng.choice(["exact", "approx", "more_than", None]),
             "sentence": hostile_text(rng, 10), "start": 0, "end": 1}
        )  # fmt: skip
    index = FigureIndex(figures)
    value = hostile_value(rng)
    quantity = Quantity(text[:20], value if isinstance(value, float) else None)
    claim = Claim(quantity, text, 0, min(len(text), 5), ("a",), (rng.randint(0, 10),))
    judge(claim, index, {"a", "b"})


_URL_CHARS = {"%7B": "{", "%7D": "}", "%5C": "\\", "%0D": "\r", "%0A": "\n"}
_URL_DECODE = re.compile("%7B|%7D|%5C|%0D|%0A", re.I)


def check_bib(text: str) -> None:
    value = text.replace("\x00", "")
    bib = BibFile.parse("")
    bib.set_entry("k1", "misc", {"title": value, "note": value, "url": value})
    written = bib.render()
    again = BibFile.parse(written)
    if again.failed:
        raise AssertionError("refs.bib no longer parses")
    got = again.fields("k1")
    for name in ("title", "note", "url"):
        back = got.get(name, "")
        if name == "url":  # braces, backslashes, line breaks: percent-encoded
            back = _URL_DECODE.sub(lambda m: _URL_CHARS[m.group().upper()], back)
            if back != value.strip() and " ".join(back.split()) != " ".join(value.split()):
                raise AssertionError(f"{name} {value!r} read back as {got.get(name)!r}")
            continue
        if " ".join(back.split()) != " ".join(value.split()):
            raise AssertionError(f"{name} {value!r} read back as {got.get(name)!r}")


_KEY = re.compile(r"[A-Za-z0-9_:.\-]+")


def check_key(rng: random.Random, text: str) -> None:
    taken = {f"source{y}" for y in range(2000, 2030)} | {"x", ""}
    year = rng.choice([None, 2021, "2021", "nineteen", -5, 10**20])
    key = make_key(title=text, year=year, author=hostile_text(rng, 3), taken=taken)
    if not key or key in taken or not _KEY.fullmatch(key):
        raise AssertionError(f"key {key!r}")


WEIGHTS = {"extractor": 30, "draft md": 15, "draft tex": 15, "draft txt": 5, "matcher": 15,
           "bib round-trip": 10, "key maker": 10}  # fmt: skip


def target(name: str, rng: random.Random) -> Callable[[str], None]:
    return {
        "extractor": check_extractor,
        "draft md": lambda t: check_draft(t, "md"),
        "draft tex": lambda t: check_draft(t, "tex"),
        "draft txt": lambda t: check_draft(t, "txt"),
        "matcher": lambda t: check_matcher(rng, t),
        "bib round-trip": check_bib,
        "key maker": lambda t: check_key(rng, t),
    }[name]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only")
    args = parser.parse_args()
    names = [n for n in WEIGHTS if not args.only or n == args.only]
    weight = sum(WEIGHTS[n] for n in names)
    print(f"{'target':16} {'tried':>8} {'failed':>7} {'seconds':>8}  first failure")
    print("-" * 80)
    total_tried = total_failed = 0
    examples: list[str] = []
    for name in names:
        rng = random.Random(f"{args.seed}:{name}")
        check = target(name, rng)
        tried = args.total * WEIGHTS[name] // weight
        failures: list[str] = []
        started = time.perf_counter()
        for _ in range(tried):
            text = hostile_text(rng)
            try:
                check(text)
            except Exception as error:  # noqa: BLE001 -- every failure is counted and shown
                failures.append(f"{type(error).__name__}: {str(error)[:100]} in {text[:60]!r}")
        spent = time.perf_counter() - started
        first = failures[0][:120] if failures else ""
        print(f"{name:16} {tried:8d} {len(failures):7d} {spent:8.1f}  {first}", flush=True)
        examples += [f"{name}: {f}" for f in failures[:3]]
        total_tried += tried
        total_failed += len(failures)
    print(f"{'all':16} {total_tried:8d} {total_failed:7d}")
    for example in examples:
        print(example)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
