"""Deciding, for each number of a draft, whether its cited sources hold it.

Pure functions over plain records: a draft's claims and the library's figure records in, verdicts
out. Two questions are kept apart because a fact-checker needs both answers:

- *Is it the same thing?* Compared by the words around each number (`context`: what is counted,
  where, when), weighted by their distance from the number, so that in "700 people from Cardiff,
  700 people from Swansea" each 700 owns its city; `discord` names the words that say a source's
  figure is another one (another place or year, a change the other way, another thing counted).
- *Is it the same value?* Compared as quantities (`quantity`): value with scale, kind and unit,
  qualifier, and the precision the draft writes. "about 2,800" is a faithful rounding of 2,846,
  "2,900" is not, "2,864" is a different number altogether.

`index` holds the library's figures by citing key and by value; `sums` finds a number the draft
computed from two cited figures; `verdicts` decides, in this order: `traced` (a cited source
holds the value), `mismatch` (a cited source gives another value for the same thing), `elsewhere`
(another source holds it), `unsourced`.

Holding the value is not enough, and likeness of words is not everything:

- A source figure whose words contradict the draft's (another month or place named closer to
  it, a change the other way, another thing counted) does not trace the draft's number, even
  with the same value: "rose 3.3% in January" is not "a fall of 3.3% in December".
- An exact, distinctive value (17,674) in the cited source is rarely a coincidence: it is traced
  unless the words clearly point at another figure, whatever figure merely shares more words.
- A misquoted figure is shown next to the figure it misquotes: transposed digits (17,647 for
  17,674) and near values (about 2,500 for 2,361) outweigh word likeness to a figure of another
  magnitude.
- The cited sources decide alone: their likeness is measured without the library's word
  rarities, so recording an unrelated source never turns traced into unsourced.
"""

from citekit.check.matching.context import Context, context_words
from citekit.check.matching.discord import similarity
from citekit.check.matching.index import FigureIndex
from citekit.check.matching.quantity import (
    Agreement,
    Quantity,
    agree,
    comparable,
    precision_step,
    significant_digits,
    transposed,
)
from citekit.check.matching.records import Claim, Match, Verdict
from citekit.check.matching.verdicts import (
    VERDICTS,
    WORST_FIRST,
    judge,
    judge_all,
    rejudge_taken,
)

__all__ = [
    "VERDICTS",
    "WORST_FIRST",
    "Agreement",
    "Claim",
    "Context",
    "FigureIndex",
    "Match",
    "Quantity",
    "Verdict",
    "agree",
    "comparable",
    "context_words",
    "judge",
    "judge_all",
    "precision_step",
    "rejudge_taken",
    "significant_digits",
    "similarity",
    "transposed",
]
