"""Who said it: the works a source cites, the parties it quotes, and which figure is whose.

Pure functions of text. `cues` finds reporting clauses and their speakers, `works` the cited
works and parties, `titlecase` restores titles written in capitals, `attribution` gives each
figure the work or party it is stated on the authority of, and `analysis` runs the whole pure
pipeline (read -> extract -> cites) over one Document.
"""
