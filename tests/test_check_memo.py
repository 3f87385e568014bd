"""What `check` keeps while it judges a draft: each number's words once, whatever the draft's size."""

from __future__ import annotations

from pathlib import Path

from citekit.check.matching.quantity import Quantity
from citekit.check.matching.records import Claim
from citekit.check.matching.verdicts import claim_context
from tests.conftest import record_articles, run_check

ARTICLE = "date 2022-05-01\n\nOfficials said 4,200 homes were damaged and 12 people were hurt.\n"


def _claim(breaks: tuple[int, ...]) -> Claim:
    sentence = "Officials said 4,200 homes were damaged [@a]."
    return Claim(Quantity("4,200", 4200.0), sentence, 15, 20, ("a",), breaks)


def test_a_claim_hashes_without_its_citation_places_and_still_compares_them() -> None:
    many = _claim(tuple(range(0, 200_000, 2)))
    assert hash(many) == hash(_claim(()))
    assert many != _claim(())
    assert many == _claim(tuple(range(0, 200_000, 2)))


def test_every_number_of_a_draft_longer_than_any_bound_is_judged_alike_and_nothing_is_kept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    record_articles(root, tmp_path / "src", {"a": ARTICLE})
    # More numbers than a bounded cache of 4,096 would hold, each the same claim in its words.
    text = "".join(
        f"Officials said 4,200 homes were damaged [@a]. Line {i}.\n\n" for i in range(5000)
    )
    code, report = run_check(root, "draft.md", text)
    assert code == 0  # ("Line N" labels a line: no quantity to check)
    homes = [n for n in report["numbers"] if n["text"] == "4,200"]
    assert len(homes) == 5000
    assert {n["verdict"] for n in homes} == {"traced"}
    assert claim_context.cache_info().currsize == 0
