"""The words the reading of "who said it" is built on: work nouns, heads of bodies that give figures,
reporting verbs, function words, months.

Kept in one place so that detecting works, reading speakers and attributing figures share one
vocabulary.
"""

from __future__ import annotations

from citekit.cites.titlecase import word_set

# How far (characters) a speaker may stand from its cue; news sentences rarely need more.
WINDOW = 220

WORK_NOUNS: dict[str, str] = {
    "report": "report",
    "study": "study",
    "survey": "survey",
    "paper": "paper",
    "index": "index",
    "poll": "poll",
    "analysis": "report",
    "review": "report",
    "assessment": "report",
    "audit": "report",
    "briefing": "report",
    "brief": "report",
    "book": "book",
    "article": "article",
    "yearbook": "report",
    "census": "survey",
    "ranking": "index",
}
DATA_WORDS = frozenset({"data", "figures", "statistics", "estimates", "numbers", "records"})
ANAPHORIC_HEADS = word_set(
    """group organisation organization charity agency body watchdog institute company firm bank trust
    centre center ngo tank foundation network coalition union observatory"""
)
# Bodies so generic that "the group" can only mean one named before.
GENERIC_BODIES = word_set("group organisation organization body charity ngo watchdog")
# Common nouns that can head the name of someone who gives figures.
SOURCE_HEADS = (
    word_set(
        """ministry ministries department police officials official government governments authorities
    authority agency agencies office bureau commission council committee institute center centre
    group organisation organization charity ngo watchdog regulator company firm researchers
    researcher scientists experts expert analysts analyst economists economist spokesman
    spokeswoman spokesperson minister president director chief head sources source data figures
    statistics estimates records census newspaper broadcaster army military court prosecutors
    prosecutor union bank observatory monitor tank team authors author board embassy coalition
    campaigners activists witnesses doctors hospital officers investigators inspectors
    administration secretary governor mayor ambassador spokespeople representatives representative
    leaders unions network critics residents opponents supporters lawmakers legislators diplomats
    traders observers advocates organisers organizers managers executives staff workers medics
    employer employers employees owner owners landlord landlords operator operators insurer insurers
    airline retailer manufacturer producer producers utility regulators city county province state
    opposition campaign candidate lawyer lawyers attorney attorneys judge coroner pollster pollsters
    paramedics rescuers media press firefighters coastguard"""
    )
    | ANAPHORIC_HEADS
)
# Titles that come before a person's name: "lead author Dr Karin Holt", "spokeswoman Ana Ruiz".
PERSON_TITLES = word_set(
    """author authors researcher scientist expert analyst economist spokesman spokeswoman
    spokesperson minister president director chief head secretary governor mayor ambassador
    lawyer attorney judge coroner candidate representative official officer investigator
    executive manager"""
)
# Places: "the city of Seville recorded 44.6 degrees" measures, it does not report. A place speaks
# only through a verb that can do nothing but report ("the city said").
PLACE_HEADS = word_set(
    """city town village county province state region country district municipality capital island
    area suburb neighbourhood neighborhood"""
)
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "him", "her", "them"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these", "our"})
# Words that glue a multi-word name together: "Center for Strategic and International Studies".
NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "de", "du", "la", "des", "der", "von"})
# Words a lower-case noun phrase never contains; they end the backward walk.
FUNCTION_WORDS = word_set(
    """and or but that which who whom whose as than to in of for with by on at from while when if
    because is are was were be been being have has had not also there where so since after before
    then what how why do does did can could will would should may might must into about over under
    between through during without within more most less few many much some any all both each every
    no nor only just even very such other another one two three"""
)
# Adverbs and auxiliaries that may stand between a speaker and its verb: "the ministry has also said".
SKIPPABLE = word_set(
    """also has have had now further previously recently earlier separately later then will would
    repeatedly again similarly likewise publicly officially reportedly already still itself"""
)
PREPOSITIONS = word_set("by of in at from with for to on about among against than into")
# Sentence openers that are capitalised only because they open the sentence.
OPENERS = word_set(
    """besides however meanwhile but and so still yet also now in on at last this that these those
    then separately instead indeed moreover furthermore overall today yesterday earlier later
    previously thus nevertheless nonetheless while although though when if as after before"""
)
# Verbs that only ever report: said with an unknown speaker still marks someone else's words.
STRONG_VERBS = word_set(
    """says said say told tells added adds insists insisted writes wrote argues argued"""
)
REPORTING_VERBS = "|".join(
    sorted(
        word_set(
            """says said say states stated estimates estimated estimate finds found find reports reported
    reveals revealed shows showed show notes noted adds added warns warned claims claimed concludes
    concluded counts counted records recorded calculates calculated documents documented puts tells
    told writes wrote argues argued suggests suggested projects projected predicts predicted forecasts
    expects expected indicates indicated confirms confirmed announced announces insists insisted
    acknowledges acknowledged admits admitted maintains maintained cites cited forecast"""
        )
    )
)
# "published in The Lancet": the outlet a work appeared in ("published in March" is a date).
PUBLISHED_IN = frozenset({"published", "appeared", "appearing"})
DATE_WORDS = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"""
)

WORK_NOUN_ALTERNATION = "|".join(sorted(WORK_NOUNS, key=len, reverse=True))
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
MONTH_WORDS = word_set(MONTHS.replace("|", " "))
