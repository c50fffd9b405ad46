"""Word lists the rule-based extractor and matcher rely on, kept apart so they can be read and
extended without touching the rules. English news copy only; other languages are stored and matched
by trigram but not parsed (see `text.detect_language`)."""

import unicodedata

from countryinfo import CountryInfo

# Verbs that attribute a statement to whoever is the subject ("X said that ...").
SAY_VERBS = {
    "said", "says", "say", "told", "tells", "confirmed", "confirms", "reported", "reports",
    "stated", "states", "announced", "announces", "claimed", "claims", "insisted", "insists",
    "added", "adds", "noted", "notes", "warned", "warns", "wrote", "writes", "posted", "tweeted",
    "alleged", "alleges", "asserted", "asserts", "acknowledged", "acknowledges", "admitted",
    "admits", "maintained", "maintains", "declared", "declares", "estimated", "estimates",
    "explained", "indicated", "revealed", "disclosed", "reiterated", "argued", "stressed",
    "emphasised", "emphasized", "affirmed", "contended", "conceded", "suggested", "believes",
    "believed", "accused", "accuses", "predicted", "repeated",
}
# Verbs whose complement is what the subject rejects: the statement is *denied*.
DENY_VERBS = {
    "denied", "denies", "deny", "dismissed", "dismisses", "rejected", "rejects", "refuted",
    "refutes", "disputed", "disputes", "rebutted", "rubbished", "contradicted", "contested",
}
# Nouns that stand between a say/deny verb and its that-clause: "dismissed rumours that ...".
REPORT_NOUNS = {
    "reports", "report", "rumours", "rumors", "rumour", "rumor", "claims", "claim", "allegations",
    "allegation", "suggestions", "speculation", "accusations", "assertions", "news", "statements",
}
# Participles that continue the same speaker: "..., insisting he remains in Damascus".
CONTINUATION_PARTICIPLES = {
    "saying": "asserts", "insisting": "asserts", "adding": "asserts", "noting": "asserts",
    "stressing": "asserts", "claiming": "asserts", "arguing": "asserts", "warning": "asserts",
    "telling": "asserts", "confirming": "asserts", "explaining": "asserts", "asserting": "asserts",
    "denying": "denies", "rejecting": "denies", "dismissing": "denies",
}

# Heads of the phrase after "told"/"in an interview with" that are audiences, not relaying media.
AUDIENCE_WORDS = {
    "reporters", "journalists", "the press", "press", "a news conference", "a press conference",
    "parliament", "lawmakers", "supporters", "the media", "media", "crowds", "the crowd",
}

# Words that open a sentence without being part of its subject.
DISCOURSE_OPENERS = {
    "but", "and", "meanwhile", "however", "separately", "earlier", "later", "also", "still",
    "yet", "so", "moreover", "furthermore", "in addition", "additionally", "elsewhere",
}

# Role nouns: "HTS leader Abu Mohammed al-Golani", "Rami Abdel Rahman, head of SOHR".
ROLE_NOUNS = {
    "leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "director", "commander", "official", "envoy", "ambassador", "secretary", "general", "founder", "chancellor",
    "chairman", "chairwoman", "adviser", "advisor", "mayor", "governor", "premier", "analyst",
    "researcher", "representative", "emir", "king", "prince", "colonel", "major", "lieutenant",
    "captain", "sergeant", "diplomat", "deputy", "member", "senator", "lawmaker", "correspondent",
    "editor", "coordinator", "negotiator", "cleric", "activist", "organiser", "organizer",
}
# Unnamed sources that are still sources: "three regional officials", "a military source".
GENERIC_SOURCE_HEADS = {
    "officials", "official", "source", "sources", "officers", "officer", "residents", "resident",
    "witnesses", "witness", "activists", "activist", "diplomats", "diplomat", "rebels", "insurgents",
    "fighters", "militants", "media", "television", "tv", "monitor", "observatory", "army",
    "military", "ministry", "government", "presidency", "command", "group", "agency", "spokesman",
    "spokeswoman", "spokesperson", "posts", "medics", "doctors", "people", "analysts", "experts",
    "police", "forces", "movement", "militia", "coalition", "office", "council", "statement",
    "embassy", "department", "authorities", "administration", "force", "committee", "commission",
    "commander", "commanders", "workers", "rescuers", "volunteers", "staff", "survivors", "survivor",
    "relatives", "villagers", "eyewitnesses", "lawmakers", "farmers", "traders", "elders", "nurses",
    "mission", "monitors", "observers", "investigators", "prosecutors", "authority",
}
# Words counting a source-phrase quantity, stripped from the name ("three regional officials").
QUANTIFIERS = {
    "a", "an", "the", "two", "three", "four", "five", "six", "several", "some", "many", "other",
    "senior", "various", "multiple", "numerous", "few",
}

# Source kinds guessed from words in a source's name or role (first hit wins, in this order).
KIND_KEYWORDS = [
    # Rescue and relief bodies before "group": "the White Helmets civil defence group" is no armed
    # group.
    ("other", ("civil defence", "civil defense", "rescue", "relief", "aid group", "charity", "humanitarian")),
    ("state_media", ("state media", "state television", "state tv", "state news", "official news agency",
                     "state-run", "sana", "irna", "state broadcaster")),
    ("news_agency", ("news agency", "reuters", "afp", "agence france-presse", "associated press",
                     "anadolu", "xinhua", "interfax", "tass", "ria")),
    ("broadcaster", ("cnn", "bbc", "al jazeera", "al arabiya", "sky news", "television", " tv",
                     "radio", "channel", "broadcaster", "fox news", "nbc", "abc", "cbs")),
    ("newspaper", ("newspaper", "times", "post", "guardian", "journal", "gazette", "herald", "daily")),
    ("monitoring_ngo", ("observatory", "monitor", "human rights", "watch", "amnesty", "red cross",
                        "red crescent", "msf", "médecins")),
    ("social_media", ("social media", "telegram", "twitter", "facebook", "tiktok", "youtube", "account")),
    ("military", ("army", "military", "armed forces", "defense ministry", "defence ministry",
                  "pentagon", "officers", "officer", "general command", "air force", "navy")),
    ("government", ("ministry", "government", "presidency", "kremlin", "white house", "state department",
                    "embassy", "president", "prime minister", "foreign minister", "cabinet", "authorities",
                    "spokesman", "spokeswoman", "administration")),
    ("armed_group", ("rebel", "insurgent", "militia", "hts", "hezbollah", "hamas", "rsf",
                     "rapid support forces", "fighters", "operations room", "tahrir", "islamic state",
                     "brigade", "faction", "group", "movement")),
]

# Verbs that make an unattributed sentence a reportable event rather than analysis or colour.
EVENT_VERBS = {
    "capture", "seize", "take", "flee", "withdraw", "pull", "begin", "launch", "kill", "send",
    "deploy", "arrest", "attack", "strike", "shell", "bomb", "enter", "advance", "fall", "retreat",
    "sign", "agree", "meet", "declare", "close", "open", "evacuate", "destroy", "shoot", "down",
    "reach", "surround", "gain", "lose", "recapture", "retake", "free", "release", "expel", "hit",
    "injure", "wound", "die", "displace", "overrun", "storm", "kidnap", "abduct", "detain", "fire",
    "announce", "resign", "appoint", "elect", "vote", "impose", "lift", "ban", "cut", "raise",
    "win", "defeat", "occupy", "liberate", "control", "dispatch", "rush", "reinforce", "mobilise",
    "mobilize", "cross", "land", "arrive", "leave", "depart", "execute", "sentence",
    "convict", "charge", "topple", "overthrow", "oust", "assassinate", "target", "raid", "clash",
}
HEDGE_WORDS = {
    "if", "unless", "would", "could", "may", "might", "should", "appears", "appear", "seems",
    "seem", "feels", "likely", "perhaps", "possibly", "probably", "must", "whether", "reportedly",
    "allegedly", "apparently", "expected", "hopes", "fears", "as if",
}

# Irregular verb forms folded to their base so "fled" meets "flee" and "began" meets "begin".
IRREGULAR_VERBS = {
    "fled": "flee", "fleeing": "flee", "flees": "flee", "withdrew": "withdraw", "withdrawn": "withdraw",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "sent": "send", "fell": "fall",
    "fallen": "fall", "struck": "strike", "shot": "shoot", "left": "leave", "won": "win", "lost": "lose",
    "hit": "hit", "met": "meet", "overran": "overrun", "went": "go", "gone": "go", "came": "come",
    "held": "hold", "kept": "keep", "brought": "bring", "fought": "fight", "drove": "drive",
    "driven": "drive", "rode": "ride", "seen": "see", "saw": "see", "told": "tell", "said": "say",
    "made": "make", "led": "lead", "stood": "stand", "flew": "fly", "flown": "fly", "been": "be",
    "was": "be", "were": "be", "is": "be", "are": "be", "am": "be", "has": "have", "had": "have",
    "did": "do", "done": "do", "stayed": "remain", "retook": "retake", "retaken": "retake",
    "broke": "break", "broken": "break", "forced": "force", "cut": "cut",
}

# Words that mean the same in news about a conflict; each maps to a concept shared by its group.
SYNONYM_GROUPS = [
    ("flee", "escape", "leave", "depart", "exit", "displace", "uproot"),
    ("withdraw", "pull", "retreat", "withdrawal", "evacuate", "evacuation", "pullback", "leave", "redeploy"),
    ("capture", "seize", "take", "overrun", "control", "retake", "recapture", "conquer", "fall",
     "enter", "liberate", "storm", "gain", "occupy"),
    ("remain", "stay", "still", "present"),
    ("begin", "start", "launch", "commence", "kick", "start"),
    ("send", "deploy", "dispatch", "rush", "reinforce", "reinforcement"),
    ("overthrow", "topple", "oust", "bring", "remove", "overthrowing", "overthrown"),
    ("goal", "aim", "objective", "intention", "purpose", "target"),
    ("force", "troop", "army", "soldier", "military", "serviceman", "servicemen"),
    ("regime", "government", "administration"),
    ("rebel", "insurgent", "opposition", "militant", "fighter", "jihadist", "jihadi", "gunman", "gunmen",
     "combatant", "extremist"),
    ("offensive", "assault", "operation", "campaign", "attack", "advance", "incursion", "ambush"),
    ("adviser", "advisor", "personnel", "commander"),
    ("kill", "die", "dead", "death", "massacre", "slaughter", "execute", "murder", "fatality"),
    ("strike", "bomb", "airstrike", "raid", "shell", "hit", "bombard", "shelling", "bombing", "artillery", "mortar"),
    # The vocabulary of conflict reporting that desks paraphrase, read as one concept each.
    ("wound", "injure", "injury", "hurt"),
    ("talk", "negotiation", "negotiate", "dialogue"),
    ("resume", "restart", "reopen", "revive", "relaunch"),
    ("ship", "vessel", "boat", "tanker", "freighter"),
    ("merchant", "commercial", "cargo"),
    ("night", "overnight", "nighttime", "dusk"),
    ("split", "splinter", "secede", "break"),
    ("abduct", "kidnap", "hostage"),
    ("release", "free"),
    ("detain", "arrest", "jail", "imprison", "custody", "detention"),
    ("resident", "villager", "inhabitant"),
    ("ceasefire", "truce", "armistice"),
    ("agreement", "deal", "accord", "pact"),
    ("drone", "uav"),
    ("missile", "rocket", "projectile"),
    ("border", "frontier"),
    ("base", "camp", "garrison", "barracks", "outpost", "post", "position"),
    ("aircraft", "warplane", "jet", "plane", "airplane"),
    ("depot", "store", "storage", "warehouse", "cache", "stockpile"),
    ("weapon", "arms", "munition", "ammunition"),
    ("breach", "violate", "violation"),
    ("rig", "fraud", "manipulate"),
    ("burn", "torch", "alight", "blaze"),
    ("destroy", "demolish", "flatten", "raze"),
    ("surround", "encircle", "besiege", "siege"),
    ("aid", "humanitarian", "relief", "assistance"),
    ("election", "vote", "poll", "ballot"),
    ("protest", "demonstration", "rally", "protester", "demonstrator"),
    ("town", "village", "locality"),
    # "present" is what arriving leaves: "Assad is in Moscow" (read as present) meets "arrived in
    # Moscow".
    ("arrive", "reach", "land", "fly", "present"),
    ("large", "big", "massive", "major", "huge", "numerous", "number"),
    ("km", "kilometre", "kilometer", "kilometres", "kilometers"),
    ("southwest", "southwestern"), ("northwest", "northwestern"), ("southeast", "southeastern"),
    ("northeast", "northeastern"), ("north", "northern"), ("south", "southern"), ("east", "eastern"),
    ("west", "western"),
    ("syria", "damascus_government"), ("russia", "kremlin"),
]
# Adjectives of nationality and capitals used for their country ("Tehran said" = Iran said).
_DEMONYMS_AS_WRITTEN = {
    "syrian": "syria", "iranian": "iran", "russian": "russia", "turkish": "turkey", "israeli": "israel",
    "lebanese": "lebanon", "iraqi": "iraq", "american": "us", "u.s.": "us", "usa": "us", "sudanese": "sudan",
    "ukrainian": "ukraine", "egyptian": "egypt", "jordanian": "jordan", "saudi": "saudi", "british": "uk",
    "french": "france", "german": "germany", "chinese": "china", "afghan": "afghanistan",
    "pakistani": "pakistan", "palestinian": "palestine", "yemeni": "yemen", "libyan": "libya",
    "qatari": "qatar", "emirati": "uae", "kurdish": "kurd", "tehran": "iran", "moscow": "russia",
    "ankara": "turkey", "washington": "us", "kremlin": "russia", "beirut": "lebanon",
}
# Predicates that contradict each other when said of the same subject ("remain" vs "withdraw").
ANTONYM_CONCEPTS = [
    ({"remain"}, {"flee", "withdraw"}),
    ({"capture"}, {"lose", "withdraw"}),
]
NEGATIONS = {"not", "n't", "never", "no longer"}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

# Countries and their capitals, to write "the country" / "the capital" out in a stand-alone claim.
_CAPITALS_AS_WRITTEN = {
    "Syria": "Damascus", "Iran": "Tehran", "Russia": "Moscow", "Turkey": "Ankara", "Israel": "Jerusalem",
    "Lebanon": "Beirut", "Iraq": "Baghdad", "Sudan": "Khartoum", "Ukraine": "Kyiv", "Egypt": "Cairo",
    "Jordan": "Amman", "Yemen": "Sanaa", "Libya": "Tripoli", "Afghanistan": "Kabul", "Pakistan": "Islamabad",
    "Ethiopia": "Addis Ababa", "Somalia": "Mogadishu", "Mali": "Bamako", "Niger": "Niamey", "Myanmar": "Naypyidaw",
    "Venezuela": "Caracas", "Haiti": "Port-au-Prince", "Georgia": "Tbilisi", "Armenia": "Yerevan",
    "Azerbaijan": "Baku", "Belarus": "Minsk", "Saudi Arabia": "Riyadh", "Qatar": "Doha",
}


def _with_country_data(capitals: dict[str, str], demonyms: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Every country with its capital and demonym from countryinfo, for copy about any conflict;
    the entries above come first, in the spelling wire copy uses ("Naypyidaw", "Bogota")."""
    capitals, demonyms = dict(capitals), dict(demonyms)
    for data in CountryInfo.all().values():
        name, capital, demonym = data["name"], data.get("capital") or "", data.get("demonym") or ""
        if isinstance(capital, list):
            capital = capital[0] if capital else ""
        if not capital or "," in name:
            continue
        capitals.setdefault(name, unicodedata.normalize("NFKD", capital).encode("ascii", "ignore").decode())
        if demonym:
            demonyms.setdefault(demonym.lower(), name.lower())
    return capitals, demonyms


COUNTRY_CAPITALS, DEMONYMS = _with_country_data(_CAPITALS_AS_WRITTEN, _DEMONYMS_AS_WRITTEN)
