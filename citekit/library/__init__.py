"""The library folder on disk: refs.bib, annotations/, sources/ and the disposable .citekit/.

`folder` is the Library (paths, reads, the batch of `add`), `recording` writes one analysed
source, `bib` splices refs.bib, `annotations` and `records` own the JSONL files and the figure
records read from them, `notes` the reader's notes, links and corrections, `keys` citation keys,
`trace` queries over the library, `exchange` BibTeX export and import, `fsutil` atomic writes and
the lock.
"""
