"""Small world-knowledge tables used to resolve names without a coreference
model: country names and their variants, demonyms, capitals used for
governments ("Moscow said"), government institutions ("the Kremlin"), and the
titles and descriptions that stand for people ("the Russian leader").

These are general tables about the world, not about any one article; the
reader resolves titles and descriptions against the entities of each document.
"""

from __future__ import annotations

# Variant -> canonical country name.  Keys are lower case.
COUNTRY_VARIANTS: dict[str, str] = {
    "us": "United States", "u.s.": "United States", "u.s": "United States",
    "usa": "United States", "u.s.a.": "United States", "america": "United States",
    "united states": "United States", "the united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "england": "United Kingdom",
    "russia": "Russia", "russian federation": "Russia",
    "ukraine": "Ukraine", "china": "China", "prc": "China", "taiwan": "Taiwan",
    "germany": "Germany", "france": "France", "italy": "Italy", "spain": "Spain",
    "poland": "Poland", "japan": "Japan", "india": "India", "pakistan": "Pakistan",
    "iran": "Iran", "iraq": "Iraq", "syria": "Syria", "israel": "Israel",
    "turkey": "Turkey", "türkiye": "Turkey", "egypt": "Egypt", "saudi arabia": "Saudi Arabia",
    "north korea": "North Korea", "south korea": "South Korea", "mexico": "Mexico",
    "canada": "Canada", "brazil": "Brazil", "belarus": "Belarus", "hungary": "Hungary",
    "georgia": "Georgia", "qatar": "Qatar", "afghanistan": "Afghanistan",
    "venezuela": "Venezuela", "cuba": "Cuba", "nigeria": "Nigeria", "ivory coast": "Ivory Coast",
    "cote d'ivoire": "Ivory Coast", "gaza": "Gaza", "lebanon": "Lebanon", "yemen": "Yemen",
    "australia": "Australia", "netherlands": "Netherlands", "sweden": "Sweden",
    "finland": "Finland", "norway": "Norway", "greece": "Greece", "romania": "Romania",
    "jordan": "Jordan", "libya": "Libya", "sudan": "Sudan", "ethiopia": "Ethiopia",
    "kenya": "Kenya", "south africa": "South Africa", "argentina": "Argentina",
    "colombia": "Colombia", "chile": "Chile", "vietnam": "Vietnam", "philippines": "Philippines",
    "indonesia": "Indonesia", "european union": "European Union", "eu": "European Union",
    "nato": "NATO",
}

# Demonym / adjective -> country.
DEMONYMS: dict[str, str] = {
    "american": "United States", "russian": "Russia", "ukrainian": "Ukraine",
    "chinese": "China", "german": "Germany", "french": "France", "british": "United Kingdom",
    "english": "United Kingdom", "italian": "Italy", "spanish": "Spain", "polish": "Poland",
    "japanese": "Japan", "indian": "India", "pakistani": "Pakistan", "iranian": "Iran",
    "iraqi": "Iraq", "syrian": "Syria", "israeli": "Israel", "turkish": "Turkey",
    "egyptian": "Egypt", "saudi": "Saudi Arabia", "north korean": "North Korea",
    "south korean": "South Korea", "korean": "South Korea", "mexican": "Mexico",
    "canadian": "Canada", "brazilian": "Brazil", "belarusian": "Belarus",
    "hungarian": "Hungary", "georgian": "Georgia", "qatari": "Qatar", "afghan": "Afghanistan",
    "venezuelan": "Venezuela", "cuban": "Cuba", "nigerian": "Nigeria", "ivorian": "Ivory Coast",
    "lebanese": "Lebanon", "yemeni": "Yemen", "australian": "Australia", "dutch": "Netherlands",
    "swedish": "Sweden", "finnish": "Finland", "greek": "Greece", "taiwanese": "Taiwan",
    "palestinian": "Palestine", "european": "European Union",
    "us": "United States", "u.s.": "United States", "uk": "United Kingdom",
    "u.k.": "United Kingdom",
}

# Capitals used for their governments ("Moscow denied", "Kyiv rejected").
CAPITALS: dict[str, str] = {
    "moscow": "Russia", "kyiv": "Ukraine", "kiev": "Ukraine", "washington": "United States",
    "beijing": "China", "london": "United Kingdom", "paris": "France", "berlin": "Germany",
    "tehran": "Iran", "jerusalem": "Israel", "ankara": "Turkey", "tokyo": "Japan",
    "pyongyang": "North Korea", "seoul": "South Korea", "minsk": "Belarus",
    "warsaw": "Poland", "budapest": "Hungary", "damascus": "Syria", "baghdad": "Iraq",
    "riyadh": "Saudi Arabia", "new delhi": "India", "islamabad": "Pakistan",
    "ottawa": "Canada", "brussels": "European Union", "taipei": "Taiwan",
}

# Institutions that stand for a country's government.  Keys: lower-case name
# without "the".  Value: (canonical institution name, country).
INSTITUTIONS: dict[str, tuple[str, str]] = {
    "kremlin": ("Kremlin", "Russia"),
    "white house": ("White House", "United States"),
    "state department": ("State Department", "United States"),
    "pentagon": ("Pentagon", "United States"),
    "downing street": ("Downing Street", "United Kingdom"),
    "elysee": ("Elysee", "France"), "élysée": ("Elysee", "France"),
    "foreign ministry": ("Foreign Ministry", ""),
    "defense ministry": ("Defense Ministry", ""),
    "defence ministry": ("Defence Ministry", ""),
    "zhongnanhai": ("Zhongnanhai", "China"),
    "bankova": ("Bankova", "Ukraine"),
}

# Titles of people.  Leader titles can stand for a country's head ("the
# Russian leader").
LEADER_TITLES = frozenset({
    "president", "leader", "premier", "chancellor", "king", "queen", "prime", "pm",
    "head", "ruler", "dictator", "autocrat", "strongman", "monarch", "emir", "ayatollah",
    "elect", "president-elect", "nominee", "candidate",
})
PERSON_TITLES = LEADER_TITLES | frozenset({
    "minister", "secretary", "senator", "sen.", "rep.", "representative", "governor",
    "gov.", "mayor", "spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy",
    "adviser", "advisor", "aide", "official", "general", "gen.", "director", "chief",
    "chairman", "chairwoman", "ceo", "founder", "judge", "justice", "mr.", "mrs.", "ms.",
    "dr.", "pope", "foreign", "defense", "defence", "vice", "former", "deputy",
    "lawmaker", "congressman", "congresswoman", "speaker", "attorney", "commander",
    "businessman", "billionaire", "mogul", "host", "lawyer", "dr", "mr", "mrs", "ms",
})
SPOKES_TITLES = frozenset({"spokesperson", "spokesman", "spokeswoman", "press secretary",
                           "spokespeople", "mouthpiece"})
# Nouns naming a group that speaks for its possessor: "Trump's team".
GROUP_NOUNS = frozenset({
    "team", "campaign", "aides", "aide", "office", "lawyers", "lawyer", "spokesperson",
    "spokesman", "spokeswoman", "representatives", "representative", "staff", "camp",
    "administration", "government", "allies", "advisers", "advisors", "transition",
    "entourage", "press office", "people", "attorney", "attorneys",
})
# Heads of unnamed sources ("reports say", "officials said").
UNNAMED_SOURCE_NOUNS = frozenset({
    "report", "source", "official", "person", "people", "insider", "aide", "diplomat",
    "observer", "analyst", "expert", "witness", "media", "outlet", "rumor", "rumour",
    "account", "leak", "document", "claim", "allegation", "story", "news",
})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# Honorifics and titles that tell gender.
MALE_WORDS = frozenset({"mr.", "mr", "king", "spokesman", "chairman", "congressman", "he"})
FEMALE_WORDS = frozenset({"mrs.", "ms.", "mrs", "ms", "queen", "spokeswoman", "chairwoman",
                          "congresswoman"})


def country_of(text: str) -> str | None:
    """The country a name, demonym, capital or institution refers to, if known."""
    key = text.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    key = key.removesuffix("'s").removesuffix("’s")
    if key in COUNTRY_VARIANTS:
        return COUNTRY_VARIANTS[key]
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key in CAPITALS:
        return CAPITALS[key]
    inst = INSTITUTIONS.get(key)
    if inst and inst[1]:
        return inst[1]
    return None
