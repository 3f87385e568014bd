"""Tokens and the readings they carry."""

from __future__ import annotations

from citekit.cites.lexer import Token, tokens


def test_window_inside_a_word_reads_from_the_window():
    text = "The Meridian Trust's report said 3.5% of co-op members."
    assert [t.text for t in tokens(text, 6, 30)] == ["ridian", "Trust's", "report", "sa"]
    assert [t.text for t in tokens(text, 34, 37)] == [".", "5", "%"]
    assert [t.text for t in tokens(text, 33, 37)] == ["3.5", "%"]
    assert [t.text for t in tokens(text, 42, len(text))] == ["o-op", "members", "."]


def test_token_readings():
    toks = tokens("The 3D UN said, ok", 0, 18)
    assert [(t.lower, t.is_word, t.is_capitalised) for t in toks] == [
        ("the", True, True),
        ("3d", True, True),
        ("un", True, True),
        ("said", True, False),
        (",", False, False),
        ("ok", True, False),
    ]


def test_tokens_compare_by_text_and_place():
    assert Token("UN", 4, 6) == Token("UN", 4, 6)
    assert Token("UN", 4, 6) != Token("UN", 5, 7)
    assert len({Token("a", 0, 1), Token("a", 0, 1)}) == 1
