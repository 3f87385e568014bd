"""Reading sources: a file, bytes or a web address becomes a Document.

`ingest` assembles the Document (snapshot text, body start, metadata, pages); `formats/` holds one
reader per format (text, front matter, HTML, PDF); `fetch` reads web addresses; `segment` cuts
text into paragraphs and sentences for every stage above. Nothing here knows about figures.
"""
