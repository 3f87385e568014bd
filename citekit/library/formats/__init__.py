"""Bibliography formats citekit writes and reads: BibTeX, BibLaTeX, CSL-JSON and RIS.

Every format goes through one neutral `Reference` (record.py), built from a refs.bib entry without
citekit's bookkeeping and turned back into refs.bib fields on import; `latex` escapes text for
BibTeX and BibLaTeX.
"""
