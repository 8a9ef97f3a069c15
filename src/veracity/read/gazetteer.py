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
    # Official and alternative names of the countries above.
    "people's republic of china": "China", "republic of china": "Taiwan",
    "chinese taipei": "Taiwan", "turkiye": "Turkey", "republic of korea": "South Korea",
    "dprk": "North Korea", "democratic people's republic of korea": "North Korea",
    "islamic republic of iran": "Iran", "kingdom of saudi arabia": "Saudi Arabia",
    "côte d'ivoire": "Ivory Coast", "côte d’ivoire": "Ivory Coast",
    "cote d’ivoire": "Ivory Coast", "the netherlands": "Netherlands", "holland": "Netherlands",
    "viet nam": "Vietnam", "e.u.": "European Union",
    # Europe.
    "albania": "Albania", "andorra": "Andorra", "austria": "Austria", "belgium": "Belgium",
    "bosnia and herzegovina": "Bosnia and Herzegovina", "bosnia": "Bosnia and Herzegovina",
    "bosnia-herzegovina": "Bosnia and Herzegovina", "bulgaria": "Bulgaria",
    "croatia": "Croatia", "cyprus": "Cyprus", "czech republic": "Czech Republic",
    "czechia": "Czech Republic", "denmark": "Denmark", "estonia": "Estonia",
    "iceland": "Iceland", "ireland": "Ireland", "republic of ireland": "Ireland",
    "kosovo": "Kosovo", "republic of kosovo": "Kosovo", "latvia": "Latvia",
    "liechtenstein": "Liechtenstein", "lithuania": "Lithuania", "luxembourg": "Luxembourg",
    "malta": "Malta", "moldova": "Moldova", "republic of moldova": "Moldova",
    "monaco": "Monaco", "montenegro": "Montenegro", "north macedonia": "North Macedonia",
    "macedonia": "North Macedonia", "portugal": "Portugal", "san marino": "San Marino",
    "serbia": "Serbia", "slovakia": "Slovakia", "slovenia": "Slovenia",
    "switzerland": "Switzerland", "vatican": "Vatican City", "vatican city": "Vatican City",
    "holy see": "Vatican City",
    # Middle East, Central and South Asia.
    "armenia": "Armenia", "azerbaijan": "Azerbaijan", "bahrain": "Bahrain",
    "kuwait": "Kuwait", "oman": "Oman", "united arab emirates": "United Arab Emirates",
    "uae": "United Arab Emirates", "u.a.e.": "United Arab Emirates",
    "palestine": "Palestine", "state of palestine": "Palestine",
    "palestinian territories": "Palestine", "kazakhstan": "Kazakhstan",
    "kyrgyzstan": "Kyrgyzstan", "tajikistan": "Tajikistan", "turkmenistan": "Turkmenistan",
    "uzbekistan": "Uzbekistan", "bangladesh": "Bangladesh", "bhutan": "Bhutan",
    "maldives": "Maldives", "nepal": "Nepal", "sri lanka": "Sri Lanka",
    # East and Southeast Asia.
    "hong kong": "Hong Kong", "hksar": "Hong Kong", "hong kong sar": "Hong Kong",
    "mongolia": "Mongolia", "brunei": "Brunei", "brunei darussalam": "Brunei",
    "cambodia": "Cambodia", "laos": "Laos", "lao pdr": "Laos", "malaysia": "Malaysia",
    "myanmar": "Myanmar", "burma": "Myanmar", "singapore": "Singapore",
    "thailand": "Thailand", "east timor": "East Timor", "timor-leste": "East Timor",
    # Africa.
    "algeria": "Algeria", "angola": "Angola", "benin": "Benin", "botswana": "Botswana",
    "burkina faso": "Burkina Faso", "burundi": "Burundi", "cameroon": "Cameroon",
    "cape verde": "Cape Verde", "cabo verde": "Cape Verde",
    "central african republic": "Central African Republic",
    "republic of chad": "Chad",  # not "chad": a first name
    "comoros": "Comoros", "dr congo": "DR Congo", "drc": "DR Congo", "d.r. congo": "DR Congo",
    "democratic republic of the congo": "DR Congo", "democratic republic of congo": "DR Congo",
    "congo-kinshasa": "DR Congo", "congo": "DR Congo",  # news usage (AP): "Congo" is the DRC
    "republic of the congo": "Republic of the Congo", "republic of congo": "Republic of the Congo",
    "congo-brazzaville": "Republic of the Congo", "congo republic": "Republic of the Congo",
    "djibouti": "Djibouti", "equatorial guinea": "Equatorial Guinea", "eritrea": "Eritrea",
    "eswatini": "Eswatini", "swaziland": "Eswatini", "gabon": "Gabon", "gambia": "Gambia",
    "the gambia": "Gambia", "ghana": "Ghana", "guinea": "Guinea",
    "guinea-bissau": "Guinea-Bissau", "guinea bissau": "Guinea-Bissau", "lesotho": "Lesotho",
    "liberia": "Liberia", "madagascar": "Madagascar", "malawi": "Malawi", "mali": "Mali",
    "mauritania": "Mauritania", "mauritius": "Mauritius", "morocco": "Morocco",
    "mozambique": "Mozambique", "namibia": "Namibia", "niger": "Niger", "rwanda": "Rwanda",
    "sao tome and principe": "Sao Tome and Principe",
    "são tomé and príncipe": "Sao Tome and Principe", "sao tome": "Sao Tome and Principe",
    "senegal": "Senegal", "seychelles": "Seychelles", "sierra leone": "Sierra Leone",
    "somalia": "Somalia", "south sudan": "South Sudan", "tanzania": "Tanzania",
    "togo": "Togo", "tunisia": "Tunisia", "uganda": "Uganda", "zambia": "Zambia",
    "zimbabwe": "Zimbabwe",
    # The Americas.
    "antigua and barbuda": "Antigua and Barbuda", "antigua": "Antigua and Barbuda",
    "bahamas": "Bahamas", "the bahamas": "Bahamas", "barbados": "Barbados",
    "belize": "Belize", "bolivia": "Bolivia", "costa rica": "Costa Rica",
    "dominica": "Dominica", "dominican republic": "Dominican Republic",
    "ecuador": "Ecuador", "el salvador": "El Salvador", "grenada": "Grenada",
    "guatemala": "Guatemala", "guyana": "Guyana", "haiti": "Haiti", "honduras": "Honduras",
    "jamaica": "Jamaica", "nicaragua": "Nicaragua", "panama": "Panama",
    "paraguay": "Paraguay", "peru": "Peru", "saint kitts and nevis": "Saint Kitts and Nevis",
    "st. kitts and nevis": "Saint Kitts and Nevis", "st kitts and nevis": "Saint Kitts and Nevis",
    "saint lucia": "Saint Lucia", "st. lucia": "Saint Lucia", "st lucia": "Saint Lucia",
    "saint vincent and the grenadines": "Saint Vincent and the Grenadines",
    "st. vincent and the grenadines": "Saint Vincent and the Grenadines",
    "st vincent and the grenadines": "Saint Vincent and the Grenadines",
    "suriname": "Suriname", "trinidad and tobago": "Trinidad and Tobago",
    "trinidad": "Trinidad and Tobago", "uruguay": "Uruguay",
    # Oceania.
    "fiji": "Fiji", "kiribati": "Kiribati", "marshall islands": "Marshall Islands",
    "micronesia": "Micronesia", "federated states of micronesia": "Micronesia",
    "nauru": "Nauru", "new zealand": "New Zealand", "aotearoa": "New Zealand",
    "palau": "Palau", "papua new guinea": "Papua New Guinea", "samoa": "Samoa",
    "solomon islands": "Solomon Islands", "tonga": "Tonga", "tuvalu": "Tuvalu",
    "vanuatu": "Vanuatu",
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
    # Countries above without a demonym yet.
    "romanian": "Romania", "norwegian": "Norway", "jordanian": "Jordan", "libyan": "Libya",
    "sudanese": "Sudan", "ethiopian": "Ethiopia", "kenyan": "Kenya",
    "south african": "South Africa", "argentine": "Argentina", "argentinian": "Argentina",
    "colombian": "Colombia", "chilean": "Chile", "vietnamese": "Vietnam",
    "filipino": "Philippines", "philippine": "Philippines", "indonesian": "Indonesia",
    # Europe.
    "albanian": "Albania", "andorran": "Andorra", "austrian": "Austria", "belgian": "Belgium",
    "bosnian": "Bosnia and Herzegovina", "bulgarian": "Bulgaria", "croatian": "Croatia",
    "cypriot": "Cyprus", "czech": "Czech Republic", "danish": "Denmark",
    "estonian": "Estonia", "icelandic": "Iceland", "irish": "Ireland", "kosovar": "Kosovo",
    "kosovan": "Kosovo", "latvian": "Latvia", "liechtensteiner": "Liechtenstein",
    "lithuanian": "Lithuania", "luxembourgish": "Luxembourg", "luxembourger": "Luxembourg",
    "maltese": "Malta", "moldovan": "Moldova", "monegasque": "Monaco",
    "montenegrin": "Montenegro", "north macedonian": "North Macedonia",
    "macedonian": "North Macedonia", "portuguese": "Portugal", "sammarinese": "San Marino",
    "serbian": "Serbia", "slovak": "Slovakia", "slovakian": "Slovakia",
    "slovenian": "Slovenia", "slovene": "Slovenia", "swiss": "Switzerland",
    # Middle East, Central and South Asia.
    "armenian": "Armenia", "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan",
    "bahraini": "Bahrain", "kuwaiti": "Kuwait", "omani": "Oman",
    "emirati": "United Arab Emirates", "kazakh": "Kazakhstan", "kazakhstani": "Kazakhstan",
    "kyrgyz": "Kyrgyzstan", "tajik": "Tajikistan", "tajikistani": "Tajikistan",
    "turkmen": "Turkmenistan", "uzbek": "Uzbekistan", "bangladeshi": "Bangladesh",
    "bhutanese": "Bhutan", "maldivian": "Maldives", "nepali": "Nepal", "nepalese": "Nepal",
    "sri lankan": "Sri Lanka",
    # East and Southeast Asia.
    "hongkonger": "Hong Kong", "hong konger": "Hong Kong", "mongolian": "Mongolia",
    "bruneian": "Brunei", "cambodian": "Cambodia", "laotian": "Laos", "lao": "Laos",
    "malaysian": "Malaysia", "burmese": "Myanmar", "singaporean": "Singapore",
    "thai": "Thailand", "timorese": "East Timor", "east timorese": "East Timor",
    # Africa.
    "algerian": "Algeria", "angolan": "Angola", "beninese": "Benin",
    "botswanan": "Botswana", "motswana": "Botswana", "burkinabe": "Burkina Faso",
    "burkinabè": "Burkina Faso", "burundian": "Burundi", "cameroonian": "Cameroon",
    "cape verdean": "Cape Verde", "cabo verdean": "Cape Verde", "chadian": "Chad",
    "comorian": "Comoros", "congolese": "DR Congo", "djiboutian": "Djibouti",
    "equatorial guinean": "Equatorial Guinea", "equatoguinean": "Equatorial Guinea",
    "eritrean": "Eritrea", "swazi": "Eswatini", "gabonese": "Gabon", "gambian": "Gambia",
    "ghanaian": "Ghana", "guinean": "Guinea", "bissau-guinean": "Guinea-Bissau",
    "basotho": "Lesotho", "mosotho": "Lesotho", "liberian": "Liberia",
    "malagasy": "Madagascar", "malawian": "Malawi", "malian": "Mali",
    "mauritanian": "Mauritania", "mauritian": "Mauritius", "moroccan": "Morocco",
    "mozambican": "Mozambique", "namibian": "Namibia", "nigerien": "Niger",
    "rwandan": "Rwanda", "santomean": "Sao Tome and Principe", "senegalese": "Senegal",
    "seychellois": "Seychelles", "sierra leonean": "Sierra Leone", "somali": "Somalia",
    "somalian": "Somalia", "south sudanese": "South Sudan", "tanzanian": "Tanzania",
    "togolese": "Togo", "tunisian": "Tunisia", "ugandan": "Uganda", "zambian": "Zambia",
    "zimbabwean": "Zimbabwe",
    # The Americas.
    "antiguan": "Antigua and Barbuda", "bahamian": "Bahamas", "barbadian": "Barbados",
    "bajan": "Barbados", "belizean": "Belize", "bolivian": "Bolivia",
    "costa rican": "Costa Rica", "dominican": "Dominican Republic", "ecuadorian": "Ecuador",
    "salvadoran": "El Salvador", "salvadorean": "El Salvador", "grenadian": "Grenada",
    "guatemalan": "Guatemala", "guyanese": "Guyana", "haitian": "Haiti",
    "honduran": "Honduras", "jamaican": "Jamaica", "nicaraguan": "Nicaragua",
    "panamanian": "Panama", "paraguayan": "Paraguay", "peruvian": "Peru",
    "kittitian": "Saint Kitts and Nevis", "saint lucian": "Saint Lucia",
    "vincentian": "Saint Vincent and the Grenadines", "surinamese": "Suriname",
    "trinidadian": "Trinidad and Tobago", "uruguayan": "Uruguay",
    # Oceania.
    "fijian": "Fiji", "i-kiribati": "Kiribati", "marshallese": "Marshall Islands",
    "micronesian": "Micronesia", "nauruan": "Nauru", "palauan": "Palau",
    "papua new guinean": "Papua New Guinea", "samoan": "Samoa",
    "solomon islander": "Solomon Islands", "tongan": "Tonga", "tuvaluan": "Tuvalu",
    "ni-vanuatu": "Vanuatu",
}

# Capitals used for their governments ("Moscow denied", "Kyiv rejected").
# Left out: names shared with common words, first names or many other places
# (Kingston, San Jose, Georgetown, Male, Sucre, Victoria, Santiago, Sofia,
# Nassau, St. John's, St. George's, Panama City), capitals named like their
# country (Singapore, Kuwait, Djibouti, Monaco, Luxembourg, San Marino,
# Vatican City, Sao Tome), and The Hague, which usually means the
# international courts.
CAPITALS: dict[str, str] = {
    "moscow": "Russia", "kyiv": "Ukraine", "kiev": "Ukraine", "washington": "United States",
    "beijing": "China", "london": "United Kingdom", "paris": "France", "berlin": "Germany",
    "tehran": "Iran", "jerusalem": "Israel", "ankara": "Turkey", "tokyo": "Japan",
    "pyongyang": "North Korea", "seoul": "South Korea", "minsk": "Belarus",
    "warsaw": "Poland", "budapest": "Hungary", "damascus": "Syria", "baghdad": "Iraq",
    "riyadh": "Saudi Arabia", "new delhi": "India", "islamabad": "Pakistan",
    "ottawa": "Canada", "brussels": "European Union", "taipei": "Taiwan",
    # Europe.
    "tirana": "Albania", "andorra la vella": "Andorra", "vienna": "Austria",
    "sarajevo": "Bosnia and Herzegovina", "zagreb": "Croatia", "nicosia": "Cyprus",
    "prague": "Czech Republic", "copenhagen": "Denmark", "tallinn": "Estonia",
    "helsinki": "Finland", "athens": "Greece", "reykjavik": "Iceland",
    "reykjavík": "Iceland", "dublin": "Ireland", "rome": "Italy", "pristina": "Kosovo",
    "prishtina": "Kosovo", "riga": "Latvia", "vaduz": "Liechtenstein",
    "vilnius": "Lithuania", "valletta": "Malta", "chisinau": "Moldova",
    "chișinău": "Moldova", "podgorica": "Montenegro", "amsterdam": "Netherlands",
    "skopje": "North Macedonia", "oslo": "Norway", "lisbon": "Portugal",
    "bucharest": "Romania", "belgrade": "Serbia", "bratislava": "Slovakia",
    "ljubljana": "Slovenia", "madrid": "Spain", "stockholm": "Sweden",
    "bern": "Switzerland", "berne": "Switzerland",
    # Middle East, Central and South Asia.
    "yerevan": "Armenia", "baku": "Azerbaijan", "tbilisi": "Georgia", "manama": "Bahrain",
    "amman": "Jordan", "kuwait city": "Kuwait", "beirut": "Lebanon", "muscat": "Oman",
    "doha": "Qatar", "abu dhabi": "United Arab Emirates", "sanaa": "Yemen", "sana'a": "Yemen",
    "sana’a": "Yemen", "kabul": "Afghanistan", "astana": "Kazakhstan",
    "nur-sultan": "Kazakhstan",  # Astana's name in 2019-2022
    "bishkek": "Kyrgyzstan", "dushanbe": "Tajikistan", "ashgabat": "Turkmenistan",
    "tashkent": "Uzbekistan", "dhaka": "Bangladesh", "thimphu": "Bhutan",
    "kathmandu": "Nepal", "sri jayawardenepura kotte": "Sri Lanka",
    "colombo": "Sri Lanka",  # executive capital
    # East and Southeast Asia.
    "ulaanbaatar": "Mongolia", "ulan bator": "Mongolia",
    "bandar seri begawan": "Brunei", "phnom penh": "Cambodia", "jakarta": "Indonesia",
    "vientiane": "Laos", "kuala lumpur": "Malaysia",
    "putrajaya": "Malaysia",  # administrative capital
    "naypyidaw": "Myanmar", "naypyitaw": "Myanmar", "nay pyi taw": "Myanmar",
    "manila": "Philippines", "bangkok": "Thailand", "dili": "East Timor",
    "hanoi": "Vietnam",
    # Africa.
    "algiers": "Algeria", "luanda": "Angola", "porto-novo": "Benin", "porto novo": "Benin",
    "gaborone": "Botswana", "ouagadougou": "Burkina Faso", "gitega": "Burundi",
    "yaounde": "Cameroon", "yaoundé": "Cameroon", "praia": "Cape Verde",
    "bangui": "Central African Republic", "n'djamena": "Chad", "ndjamena": "Chad",
    "n’djamena": "Chad", "moroni": "Comoros", "kinshasa": "DR Congo",
    "brazzaville": "Republic of the Congo", "cairo": "Egypt",
    "malabo": "Equatorial Guinea", "asmara": "Eritrea", "mbabane": "Eswatini",
    "addis ababa": "Ethiopia", "libreville": "Gabon", "banjul": "Gambia", "accra": "Ghana",
    "conakry": "Guinea", "bissau": "Guinea-Bissau", "yamoussoukro": "Ivory Coast",
    "nairobi": "Kenya", "maseru": "Lesotho", "monrovia": "Liberia", "tripoli": "Libya",
    "antananarivo": "Madagascar", "lilongwe": "Malawi", "bamako": "Mali",
    "nouakchott": "Mauritania", "port louis": "Mauritius", "rabat": "Morocco",
    "maputo": "Mozambique", "windhoek": "Namibia", "niamey": "Niger", "abuja": "Nigeria",
    "kigali": "Rwanda", "dakar": "Senegal", "freetown": "Sierra Leone",
    "mogadishu": "Somalia", "pretoria": "South Africa", "juba": "South Sudan",
    "khartoum": "Sudan", "dodoma": "Tanzania", "lome": "Togo", "lomé": "Togo",
    "tunis": "Tunisia", "kampala": "Uganda", "lusaka": "Zambia", "harare": "Zimbabwe",
    # The Americas.
    "buenos aires": "Argentina", "bridgetown": "Barbados", "belmopan": "Belize",
    "la paz": "Bolivia",  # seat of government
    "brasilia": "Brazil", "brasília": "Brazil", "bogota": "Colombia", "bogotá": "Colombia",
    "havana": "Cuba", "roseau": "Dominica", "santo domingo": "Dominican Republic",
    "quito": "Ecuador", "san salvador": "El Salvador", "guatemala city": "Guatemala",
    "port-au-prince": "Haiti", "tegucigalpa": "Honduras", "mexico city": "Mexico",
    "managua": "Nicaragua", "asuncion": "Paraguay", "asunción": "Paraguay", "lima": "Peru",
    "basseterre": "Saint Kitts and Nevis", "castries": "Saint Lucia",
    "kingstown": "Saint Vincent and the Grenadines", "paramaribo": "Suriname",
    "port of spain": "Trinidad and Tobago", "port-of-spain": "Trinidad and Tobago",
    "montevideo": "Uruguay", "caracas": "Venezuela",
    # Oceania.
    "canberra": "Australia", "suva": "Fiji", "tarawa": "Kiribati",
    "south tarawa": "Kiribati", "majuro": "Marshall Islands", "palikir": "Micronesia",
    "wellington": "New Zealand", "ngerulmud": "Palau", "port moresby": "Papua New Guinea",
    "apia": "Samoa", "honiara": "Solomon Islands", "nuku'alofa": "Tonga",
    "nuku’alofa": "Tonga", "funafuti": "Tuvalu", "port vila": "Vanuatu",
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
# Nouns for people in the plural that "they" may refer to ("former staff ...
# They said").
PEOPLE_NOUNS = UNNAMED_SOURCE_NOUNS | frozenset({
    "staff", "employee", "worker", "member", "insider", "resident", "witness", "critic",
    "supporter", "voter", "protester", "lawmaker", "officer", "contestant", "student",
    "parent", "researcher", "scientist", "doctor", "investigator", "prosecutor",
    "activist", "neighbor", "neighbour", "editor", "engineer", "executive", "leader",
})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# Honorifics, titles and kin words before a name that tell gender.
MALE_WORDS = frozenset({"mr.", "mr", "king", "spokesman", "chairman", "congressman", "he",
                        "husband", "father", "son", "brother", "businessman", "prince",
                        "actor", "uncle", "grandfather", "widower", "boyfriend"})
FEMALE_WORDS = frozenset({"mrs.", "ms.", "mrs", "ms", "queen", "spokeswoman", "chairwoman",
                          "congresswoman", "wife", "mother", "daughter", "sister", "widow",
                          "businesswoman", "princess", "actress", "aunt", "grandmother",
                          "girlfriend", "lady", "miss"})
# Common given names by the gender they are most often given (English-language
# news); a person's first name tells which pronoun refers to them.
FEMALE_GIVEN_NAMES = frozenset("""
abigail alexandra alice alicia allison amanda amy andrea angela angelina ann anna anne
annie ashley barbara betsy betty beverly brenda brittany camila carla carly carmen carol
caroline carolyn catherine cathy charlotte chelsea cheryl christina christine cindy claire
clara claudia condoleezza cynthia dana daniela deborah debbie debra denise diana diane
donna doris dorothy elaine elena elisabeth elizabeth ellen emily emma erin eva evelyn fatima
frances gabriela gina gloria grace hannah heather heidi helen hillary hope huma irene isabel
jacqueline jane janet janice jasmine jean jeanne jennifer jessica jill joan joanna jodi
joyce judith judy julia julie karen kate katherine kathleen kathryn kathy kayleigh kelly
kellyanne kim kimberly kirsten kristen laura lauren leslie linda lisa loretta lori louise
lucy lynn madeleine maria marie marilyn marine martha mary megan melania melissa michelle
mildred monica nancy natalie nicole nikki olga olivia pamela patricia paula peggy penny
rachel rebecca rita rosa rose ruth sally samantha sandra sara sarah sharon shirley sophia
sophie stephanie susan susana suzanne tammy teresa theresa tiffany tina tracy valerie
vanessa victoria virginia wendy yvonne
""".split())
MALE_GIVEN_NAMES = frozenset("""
aaron abdullah adam adrian ahmed alan albert alexander alexei ali andrew angelo anthony
antonio arnold arthur barack ben benjamin bernie bill billy bob bobby boris brad brandon
brian bruce bryan carl carlos charles chris christopher chuck colin craig dan daniel darren
dave david dean dennis derek dick dmitry don donald doug douglas dwight ed eddie edward eric
ernest eugene francis frank fred gary gene george gerald glenn gordon greg gregory harold
harry henry howard hugh ian ivan jack jacob jake james jason jeb jeff jeffrey jeremy jerry
jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh juan justin keith
ken kenneth kevin kurt larry lee leon lester louis luis marco marcus mario mark martin
matt matthew max michael mike mitch mitt mohammed muhammad nathan neil newt nicholas nick
oliver omar osama oscar patrick paul peter phil philip ralph randy ray raymond reince
ricardo richard rick rob robert roger ron ronald roy rudy russell ryan sam samuel scott
sean sergei sergey seth stephen steve steven ted terry thomas tim timothy todd tom tommy
tony travis tyler victor vince vincent vladimir walter warren wayne william xi
""".split())


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
