"""Cue lexicon by effect (see ../shared/design/reading.md), shared by the reader
and the stance model.  Lemmas, lower case.  Extend by adding words; keep names.
"""

from __future__ import annotations

# Source-introducing verbs, by what they do to the embedded content.
NEUTRAL_REPORT_VERBS = frozenset({
    "say", "tell", "report", "state", "announce", "add", "write", "note", "explain",
    "describe", "declare", "comment", "remark", "mention", "predict", "warn", "argue",
    "suggest", "indicate", "testify", "post", "tweet", "reply", "respond", "answer", "ask",
    "quote", "cite", "recall", "observe", "conclude", "emphasize", "stress", "insist",
})
FACTIVE_VERBS = frozenset({
    "confirm", "acknowledge", "admit", "reveal", "know", "learn", "discover", "realise",
    "realize", "regret", "show", "prove", "verify", "establish", "demonstrate", "concede",
})
DENIAL_VERBS = frozenset({
    "deny", "dismiss", "reject", "refute", "debunk", "rebut", "contradict", "disprove",
    "dispute", "repudiate", "disavow", "decry", "discredit", "downplay",
})
DISTANCING_VERBS = frozenset({
    "claim", "allege", "purport", "maintain", "contend", "assert", "insist",
})
BELIEF_VERBS = frozenset({
    "believe", "think", "suspect", "expect", "fear", "assume", "guess", "suppose", "hope",
    "estimate", "speculate", "doubt",
})
HEDGE_ADVERBS = frozenset({
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "seemingly",
    "ostensibly",
})
REPORT_NOUNS = frozenset({
    "report", "claim", "statement", "allegation", "rumor", "rumour", "account", "assertion",
    "story", "news", "suggestion", "speculation", "announcement", "comment", "remark",
    "testimony", "tweet", "post", "denial", "confirmation",
})
# What shows an event, so that calling it fake calls the event false ("the
# video of a bird landing on Putin is a hoax"). Not a feature of any model.
DEPICTION_NOUNS = frozenset({"video", "photo", "photograph", "picture", "image", "footage",
                             "clip", "audio", "recording", "tape", "pic", "screenshot"})
# Auxiliaries that open a question before its subject ("Did Trump call ...").
QUESTION_OPENERS = frozenset({"did", "does", "do", "has", "have", "had", "is", "are", "was",
                              "were", "will", "would", "can", "could", "should"})
# "X is false / untrue / fake / pure fiction / nonsense / a hoax"
FALSITY_WORDS = frozenset({
    "false", "untrue", "fake", "fiction", "nonsense", "hoax", "lie", "fabrication",
    "baseless", "groundless", "unfounded", "bogus", "incorrect", "inaccurate", "wrong",
    "misleading", "fabricated", "rubbish", "absurd", "ridiculous", "speculation",
})
# The trained stance model's features read FALSITY_WORDS as it was when the
# model was trained; words the reader learnt since go here, so that adding one
# never shifts the model's inputs.
DISCREDITING_WORDS = FALSITY_WORDS | frozenset({
    "unsubstantiated", "unproven", "uncorroborated", "debunked", "discredited",
})
TRUTH_WORDS = frozenset({"true", "accurate", "correct", "right", "genuine", "real"})
# decline / refuse / would not comment, did not respond, "no comment"
NO_COMMENT_VERBS = frozenset({"decline", "refuse"})
NO_COMMENT_OBJECTS = frozenset({"comment", "respond", "confirm", "discuss", "elaborate", "answer"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
POSSIBLE_MODALS = frozenset({"may", "might", "could", "possibly", "perhaps", "maybe"})
PROBABLE_WORDS = frozenset({"probably", "likely", "presumably"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
INTENTION_VERBS = frozenset({
    "plan", "intend", "vow", "promise", "want", "seek", "aim", "pledge", "threaten",
    "hope", "propose", "offer", "prepare", "try", "attempt", "need", "wish", "mean",
})
# "voted to hold him in contempt": a body's vote is the act.
IMPLICATIVE_POSITIVE = frozenset({"manage", "succeed", "remember", "begin", "start", "continue",
                                  "vote"})
IMPLICATIVE_NEGATIVE = frozenset({"fail", "refuse", "decline", "forget", "avoid", "neglect"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether", "provided", "suppose"})
# Words that argue against a claim (FNC-1 style "refuting" cues).
REFUTING_WORDS = frozenset({
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "not", "despite", "nope",
    "doubt", "doubts", "bogus", "debunk", "debunked", "pranks", "retract", "retracted",
    "fabricated", "untrue", "misleading", "myth", "rumor", "rumour", "satire", "never",
})

# --- added by the reader -----------------------------------------------------
# Nouns that point back to content said before ("a prospect Kyiv rejected",
# "the idea", "such reports").
ANAPHOR_NOUNS = frozenset({
    "prospect", "idea", "notion", "suggestion", "proposal", "claim", "report", "allegation",
    "story", "rumor", "rumour", "assertion", "accusation", "account", "speculation", "plan",
    "charge", "news", "information", "thing", "this", "that", "it", "reporting", "article",
})
ANAPHOR_PRONOUNS = frozenset({"it", "this", "that", "these", "those"})
# Adjectives that hedge a nominal event: "the alleged call".
HEDGE_ADJECTIVES = frozenset({"alleged", "reported", "purported", "supposed", "rumored",
                              "rumoured", "suspected", "apparent", "possible", "potential"})
# Of those, the ones that say others report it ("the alleged call"), where
# "a possible deal" says only that it may come.
REPORTING_ADJECTIVES = HEDGE_ADJECTIVES - {"apparent", "possible", "potential"}
# Deontic modals: the event is proposed or required, not reported as happening.
DEONTIC_MODALS = frozenset({"should", "must", "ought", "need"})
# Verbs whose complement is a statement but which the sets above do not cover.
EXTRA_REPORT_VERBS = frozenset({"say", "quip", "joke", "boast", "brag", "complain", "claim",
                                "assure", "inform", "notify", "signal", "hint", "imply",
                                "disclose", "divulge", "leak", "stress", "warn", "chant", "yell",
                                "shout", "scream", "repeat", "point", "list", "tweet"})


# Evaluations presuppose what they evaluate ("praised the deal": there was a
# deal), so they behave as factives for the author.
EVALUATIVE_VERBS = frozenset({
    "praise", "thank", "congratulate", "criticize", "criticise", "mock", "condemn", "blame",
    "applaud", "slam", "blast", "lament", "celebrate", "welcome", "hail", "denounce",
})
# Verbs whose of-phrase is what the subject asserts: "accused him of lying".
ACCUSING_VERBS = frozenset({"accuse"})
# Directives and proposals: their content is wanted, not reported as done.
DIRECTIVE_VERBS = frozenset({"urge", "propose", "demand", "recommend", "order", "advise"})


# "The Post has learned that ...": a reporter's exclusive, which the outlet
# quoting it relays rather than vouches for.  (Kept out of FACTIVE_VERBS, whose
# contents the trained stance model reads as they were.)
RELAYING_VERBS = frozenset({"learn"})


def cue_class(lemma: str) -> str | None:
    """The effect class of a source-introducing verb lemma, if it is one."""
    if lemma in RELAYING_VERBS:
        return "neutral"
    if lemma in EVALUATIVE_VERBS:
        return "factive"
    if lemma in DIRECTIVE_VERBS:
        return "neutral"
    if lemma in DENIAL_VERBS:
        return "denial"
    if lemma in FACTIVE_VERBS:
        return "factive"
    if lemma in DISTANCING_VERBS:
        return "distancing"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in NEUTRAL_REPORT_VERBS or lemma in EXTRA_REPORT_VERBS:
        return "neutral"
    return None


# Nouns whose content clause is not asserted: "evidence that X" (probable),
# "no evidence that X" (uncommitted, leaning against), "the possibility that X"
# (possible), "the question whether X" (hypothetical).
EVIDENCE_NOUNS = frozenset({"evidence", "proof", "sign", "indication", "suggestion", "hint",
                            "confirmation"})
POSSIBILITY_NOUNS = frozenset({"possibility", "chance", "risk", "prospect", "likelihood",
                               "danger", "fear", "hope", "threat", "odds"})
QUESTION_NOUNS = frozenset({"question", "doubt", "uncertainty", "mystery", "debate"})
# Nouns that name events ("the call", "talks", "the meeting").
EVENT_NOUNS = frozenset({
    "call", "phonecall", "conversation", "talks", "meeting", "summit", "visit", "trip",
    "deal", "agreement", "ceasefire", "cease-fire", "truce", "treaty", "invasion", "attack",
    "strike", "airstrike", "bombing", "arrest", "detention", "resignation", "election",
    "inauguration", "negotiation", "negotiations", "discussion", "raid", "offensive",
    "massacre", "indictment", "victory", "settlement", "pact", "encounter", "sit-down",
    "refusal", "rejection", "dialogue", "fighting", "war",
})
