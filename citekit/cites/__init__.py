"""Who said it: the works a source cites, the parties it quotes, and which figure is whose.

Pure functions of text, one concern a module:
- `vocabulary`: the words everything below is built on (work nouns, source heads, reporting verbs);
- `phrases`, `names`, `spans`: tokens and noun phrases, comparing names, overlap queries;
- `speakers`, `cues`: reporting clauses ("the report says", "according to the UN") and who speaks;
- `titles`, `organisations`, `mentions`, `years`, `parties`: cited works found by title, their
  issuers, later references and years, and the parties quoted without a work; `works` runs them;
- `titlecase` restores titles written in capitals; `attribution` gives each figure the work or party
  it is stated on the authority of; `analysis` runs the whole pure pipeline over one Document.
"""
