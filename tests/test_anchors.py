"""Re-anchoring a quote in a changed snapshot: ok, moved, drifted, missing (pure functions)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citekit.review.anchors import (
    DRIFTED,
    MISSING,
    MOVED,
    OK,
    Quote,
    Snapshot,
    fold,
    locate,
    requote,
)

FIRST = "The ferry company says 3,417 passengers crossed on Sunday, a record for March."
SECOND = "Harbour staff counted 500 cars and 500 vans on the morning boats alone."
THIRD = "Tickets rose by 12% to \u201cabout \u00a38\u201d each, the operator said."
TEXT = "\n\n".join([FIRST, SECOND, THIRD])


def quote_of(text: str, exact: str, occurrence: int = 0) -> Quote:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    return requote(text, start, start + len(exact))


def test_unchanged_text_is_ok():
    q = quote_of(TEXT, "3,417")
    a = locate(TEXT, q)
    assert (a.status, a.start, a.end, a.score) == (OK, q.start, q.end, 100.0)


def test_swapped_paragraphs_move_with_exact_offsets():
    swapped = "\n\n".join([SECOND, FIRST, THIRD])
    q = quote_of(TEXT, "3,417")
    a = locate(swapped, q)
    assert a.status == MOVED
    assert swapped[a.start : a.end] == "3,417"
    assert a.start == swapped.index("3,417")
    sentence = quote_of(TEXT, FIRST)  # a whole paragraph: new context on both sides
    b = locate(swapped, sentence)
    assert (b.status, b.start) == (MOVED, swapped.index(FIRST))


def test_context_picks_the_right_one_of_two_equal_numbers():
    swapped = "\n\n".join([THIRD, SECOND, FIRST])
    cars = locate(swapped, quote_of(TEXT, "500", 0))
    vans = locate(swapped, quote_of(TEXT, "500", 1))
    assert cars.status == vans.status == MOVED
    assert swapped[cars.end : cars.end + 5] == " cars"
    assert swapped[vans.end : vans.end + 5] == " vans"


def test_whitespace_and_quote_normalisation_keep_real_offsets():
    passage = quote_of(TEXT, THIRD)
    reflowed = TEXT.replace("by 12% to \u201cabout", 'by 12%\n   to "about').replace(
        "\u00a38\u201d each", '\u00a38" each'
    )
    a = locate(reflowed, passage)
    assert a.status == MOVED and a.normalised
    assert reflowed[a.start : a.end] == a.found
    assert a.found.startswith("Tickets rose") and a.found.endswith("the operator said.")
    assert '\n   to "about' in a.found


def test_a_changed_number_is_drifted_never_moved():
    changed = TEXT.replace("3,417", "3,471")
    a = locate(changed, quote_of(TEXT, "3,417"))
    assert a.status == DRIFTED and not a.is_exact
    assert (a.found, changed[a.start : a.end]) == ("3,471", "3,471")
    assert 0 < a.score < 100
    passage = locate(changed, quote_of(TEXT, FIRST))
    assert passage.status == DRIFTED and "3,471" in passage.found


def test_the_same_number_elsewhere_is_not_taken_for_the_changed_one():
    changed = TEXT.replace("3,417", "3,471") + "\n\nLast year 3,417 tickets went unsold."
    a = locate(changed, quote_of(TEXT, "3,417"))
    assert a.status == DRIFTED and a.found == "3,471"


def test_a_deleted_paragraph_is_missing():
    gone = "\n\n".join([SECOND, THIRD])
    a = locate(gone, quote_of(TEXT, FIRST))
    assert a.status == MISSING and a.start is None


def test_an_edit_next_to_the_quote_keeps_it_ok():
    edited = TEXT.replace("The ferry company says", "The ferry firm says")
    q = quote_of(TEXT, "3,417")
    a = locate(edited, q)
    assert a.status == MOVED and edited[a.start : a.end] == "3,417"
    same_length = TEXT.replace("on Sunday", "on Monday")
    assert locate(same_length, q).status == OK


def test_snapshot_folds_once_for_many_quotes():
    snap = Snapshot(TEXT + "  ")
    for exact in ("3,417", "500", "12%"):
        assert locate(snap, quote_of(TEXT, exact)).status == OK


@given(st.text(alphabet=st.sampled_from("ab \n\t\u201c\u201d'\u2019x."), max_size=60))
def test_fold_maps_every_folded_character_back(text):
    folded = fold(text)
    assert len(folded.offsets) == len(folded.text) + 1
    assert folded.offsets[-1] == len(text)
    for i, ch in enumerate(folded.text):
        real = text[folded.offsets[i]]
        assert ch == " " if real.isspace() else ch in (real, '"', "'")
    assert list(folded.offsets) == sorted(set(folded.offsets))


@given(st.text(alphabet="abc 12,.", min_size=1, max_size=80), st.data())
def test_locate_on_unchanged_text_is_always_ok(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    a = locate(text, requote(text, start, end))
    assert (a.status, a.start, a.end) == (OK, start, end)


def test_a_changed_number_does_not_take_the_anchor_of_its_twin():
    text = "Besides, 500 people from Kazakhstan, 500 people from Kyrgyzstan went home."
    first = quote_of(text, "500", 0)
    changed = text.replace("500 people from Kaz", "600 people from Kaz")
    a = locate(changed, first)
    assert a.status == DRIFTED and a.found == "600"
    assert locate(changed, quote_of(text, "500", 1)).status == OK


def test_a_figure_opening_a_moved_paragraph_is_moved():
    paras = ["1,300 nationals fought abroad, it says.", "Nearly 3000 were detained.", "End."]
    text = "\n\n".join(paras)
    swapped = "\n\n".join([paras[1], paras[2], paras[0]])
    a = locate(swapped, quote_of(text, "1,300"))
    assert a.status == MOVED and a.start == swapped.index("1,300")


WORDS = ["alpha", "beta", "3,417", "12%", "gamma", "\u201cdelta\u201d", "41", "epsilon", "$2bn"]


@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=4, max_size=12), min_size=2, max_size=5),
    st.data(),
)
def test_quotes_follow_their_paragraph_wherever_it_moves(paragraphs, data):
    paras = [f"P{i} " + " ".join(words) + "." for i, words in enumerate(paragraphs)]
    text = "\n\n".join(paras)
    i = data.draw(st.integers(0, len(paras) - 1))
    para_start = text.index(paras[i])
    start = para_start + data.draw(st.integers(0, len(paras[i]) - 1))
    end = data.draw(st.integers(start + 1, para_start + len(paras[i])))
    order = data.draw(st.permutations(range(len(paras))))
    moved = "\n\n".join(paras[j] for j in order)
    a = locate(moved, requote(text, start, end))
    assert a.status in (OK, MOVED)
    assert moved[a.start : a.end] == text[start:end]
    # The paragraph's own marker makes the context unique: the quote is found in it.
    new_para_start = moved.index(paras[i])
    if text[start:end] not in text[:start] + "\0" + text[end:]:
        assert a.start - new_para_start == start - para_start
