"""Checking a draft: every number it states, against the sources it cites.

`drafts` reads Markdown, LaTeX and plain drafts into numbers with their citations and exact
line/column; `matching` decides, per number, whether its cited sources hold it; `report` runs a
draft against a library and builds the report `check --json` prints.
"""
