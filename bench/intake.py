"""Accuracy of article intake on the labelled sets in tests/data/intake/.

    .venv/bin/python bench/intake.py [--set real|real-2|...|real-8|real-dev|safety
                                      |synthetic|both] [--split dev|heldout|all] [--verbose]
                                     [--no-database] [--speed]
    .venv/bin/python bench/intake.py --annotator DIR [--set real-5|...] [--verbose]

Eleven sets: `real/`, `real-2/` to `real-8/` hold sentences of real published articles (with their
URLs), labelled before the extractor ever ran on them; `real/`, `real-7/` and `real-8/` are only
measured, never tuned on; `real-2/` (labelled by someone who had not read the extraction code),
`real-dev/` and, since 2026-12-07, `real-3/` to `real-6/` have since been used to develop the
rules; `articles/` the synthetic rounds the rules were written against. `safety/` is a regression
set for polarity alone: the sentences with a denial or a negation of 62 articles audited by hand
(bench/README-intake.md), read for its "polarity inversions" line, not tuned on.

Extraction: a proposed (statement, source, stance) counts as found when it is aligned one-to-one
with a labelled claim whose content words it covers (at least 60 % of the label's stems, and at
least 35 % of its own stems are the label's) and every place and number it states is in the
label ("outside Homs" is not a label about Hama; a year the reader wrote out after a day and month
the label names is that date, and the country of a speaker "<country>'s <body>" named in its own
statement is held by a label from that speaker naming the body), from the same source by name or
alias (aliases of known_sources.yaml and those the article introduces, "Rapid Support Forces
(RSF)"; a country's adjective is the country, "Colombian military" is "Colombia's military"; never
a subset of words, so "Moscow: The Kremlin" is not the Kremlin; "@outlet" is the article's outlet)
with the same stance (between labels equally close, the one from the proposal's source and stance is
preferred: the same statement asserted by one source and denied by another). Printed with
precision and recall: denial recall (labelled denials found as denials),
polarity inversions (a proposal aligned with a label, from its source, with the opposite stance),
and the reviewer-ready rate: the share of proposals a reviewer can accept as they stand (right
statement, source, stance and relay: the label's `via`, or none or the outlet when it has none).
Matching: for every proposal aligned with a labelled claim, the known claim it is linked to and how
("same" / "contradicts" / "new") against the label; a link to a known claim is a positive. It is
also run on the labelled statements themselves, to measure the matcher apart from extraction.
Figures are per article and overall (micro-averaged).
Agreement: with --annotator DIR, a second person's labels of the same articles (DIR/<article>.yaml,
written without seeing the set's labels) are scored in place of the extractor, the same way. Their
F1 is how far two careful readers agree, the ceiling any extractor can be held to on these labels.
Database: the matcher above compares each statement with every known claim; the service only
with the candidates the database's search finds (intake.selectors.claim_candidates). The
labelled statements are matched that way too, with the known claims and, to make the search
choose, near misses built from their words (one claim's start joined to another's end) written
to DATABASE_URL's database (migrated; claims already in it compete too) in a transaction that is
rolled back. Printed next to the matcher alone, with the time of a candidate search.
"""

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.extraction import article_name_aliases, article_setting, extract_claims  # noqa: E402
from intake.lexicon import COUNTRIES, COUNTRY_CAPITALS, DEMONYMS, NATIONALITIES  # noqa: E402
from intake.nlp import forget_parses  # noqa: E402
from intake.similarity import NameAliases, decide_match  # noqa: E402
from tests.intake_data import load_article_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "intake"
SETS = {
    "real": DATA / "real",
    "real-2": DATA / "real-2",
    "real-3": DATA / "real-3",
    "real-4": DATA / "real-4",
    "real-5": DATA / "real-5",
    "real-6": DATA / "real-6",
    "real-7": DATA / "real-7",
    "real-8": DATA / "real-8",
    "real-dev": DATA / "real-dev",
    "safety": DATA / "safety",
    "synthetic": DATA / "articles",
}
"""Each labelled set's folder, by the name `--set` takes."""
STOP = set(
    "a an the of in on at to for from by with and or but as that this it its their his her he she "
    "they "
    "we our be is are was were been has have had will would also just".split()
)
_stem = snowballstemmer.stemmer("english").stemWord


def stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return {_stem(w) for w in words if w not in STOP}


_NUMBER = re.compile(r"(?<![\w'])\d[\d,.]*")
# A place: a country, a capital or a country's adjective, or a capitalised name after a preposition
# of place.
# (Not after an apostrophe: the "at" of "Jama'at Nusrat al-Islam" is no preposition.)
_PLACE_AFTER_PREPOSITION = re.compile(
    r"(?<![\w'’])(?:in|near|outside|of|from|to|into|at|around|towards?)\s+(?:the\s+)?(?P<place>(?:(?:al|el)-)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
)


_COUNTRIES_AND_CAPITALS = COUNTRIES | {capital.lower() for capital in COUNTRY_CAPITALS.values()}


def places_and_numbers(text: str) -> set[str]:
    """The places and numbers a statement commits to, each lower-cased word by word ("El Fasher" ->
    "el", "fasher"); an adjective of a country stands for the country."""
    found = {m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)}
    for word in re.findall(r"[A-Z][\w'-]*", text):
        word = word.removesuffix("'s").lower()
        if word in _COUNTRIES_AND_CAPITALS or word in DEMONYMS:
            found.add(DEMONYMS.get(word, word))
    for match in _PLACE_AFTER_PREPOSITION.finditer(text):
        for word in match.group("place").split():
            word = word.removesuffix("'s").lower()
            found.add(DEMONYMS.get(word, word))
    return found


_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})\b")


def _years_of_days_the_label_names(predicted: str, gold: str) -> set[str]:
    """The years the reader wrote out after a day and month ("on 9 January 2015", for "on January
    9" in an article of 2015) where the label names that day and month without a year: the same
    date, the year left to the article's."""
    years = set()
    for match in _DAY_MONTH_YEAR.finditer(predicted):
        day, month = match.group("day"), match.group("month")
        if re.search(rf"\b(?:{day}\s+{month}|{month}\s+{day})\b(?!,?\s+\d{{4}})", gold):
            years.add(match.group("year"))
    return years


_COUNTRYS_BODY = re.compile(r"^(?:the\s+)?(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)'s\s+\S")


def _without_the_speakers_country(predicted: str, gold: str, speaker: str) -> str:
    """`predicted` without the country of a speaker named "<country>'s <body>" where the statement
    names that speaker and the label names the body ("South Sudan's army lost Yei" and "The army
    lost Yei", both by South Sudan's army): the reader writes the speaker in full where the article
    said "it", and the label holds the country in its source. A label that does not name the body
    is about another subject ("Israel's move ..." is no statement about Egypt's foreign ministry),
    and the country counts."""
    country = _COUNTRYS_BODY.match(speaker)
    if country is None or speaker not in predicted:
        return predicted
    body = speaker[country.end("country") + 2 :]
    if not stems(body) & stems(gold):
        return predicted
    return predicted.replace(speaker, body)


def text_agrees(predicted: str, gold: str, *, speaker: str = "") -> tuple[bool, float]:
    """Whether a proposal's statement covers a label's (and how closely); `speaker` is the
    proposal's source when it is the label's too."""
    p, g = stems(predicted), stems(gold)
    if not p or not g:
        return False, 0.0
    # Numbers first, so that "30,000" is one word as it is in the proposal; a hyphenated word
    # holds its parts too ("the Armenia-Azerbaijan border" names Armenia, "a 12-year-old" 12).
    words = re.findall(r"\d[\d,.]*|[\w'-]+", gold.lower().replace("'s", ""))
    words += [part for word in words if "-" in word for part in word.split("-")]
    gold_words = {DEMONYMS.get(w, w) for w in words}
    gold_words |= {w.rstrip(".,") for w in gold_words}
    stated = places_and_numbers(_without_the_speakers_country(predicted, gold, speaker))
    if not stated - _years_of_days_the_label_names(predicted, gold) <= gold_words:
        return False, 0.0
    common = len(p & g)
    recall, precision = common / len(g), common / len(p)
    return recall >= 0.6 and precision >= 0.35, recall + precision


class SourceNames:
    def __init__(self, entries: list[dict]):
        self.canonical: dict[str, str] = {}
        for entry in entries:
            for name in [entry["name"], *entry.get("aliases", [])]:
                self.canonical[self.key(name)] = self.key(entry["name"])

    @staticmethod
    def key(name: str) -> str:
        """One spelling of a name: "Al-Jazeera" is "Al Jazeera" and "Chad's government" the
        "Chadian government" (a country named or its adjective); "Ministry of Defence" the "Defense
        Ministry" and "health authorities in Gaza" the "Gaza health authorities" (the same words in
        another order); still every word counts."""
        name = re.sub(r"^(?:the|a|an|two|three|four|several|some)\s+", "", name.strip(), flags=re.I)
        placed = re.match(
            r"^(?P<body>.+?)\s+in\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)$", name
        )
        if placed:
            name = f"{placed.group('place')} {placed.group('body')}"
        name = re.sub(r"['’]s\b", "", name.lower())
        name = re.sub(r"\bdefence\b", "defense", name)
        name = re.sub(r"\bministry\s+of\s+(?:the\s+)?(\w+(?:\s+affairs)?)", r"\1 ministry", name)
        return " ".join(
            NATIONALITIES.get(word, word) for word in re.split(r"[\s\-–—,;:]+", name) if word
        )

    def with_article(self, groups: list[list[str]]) -> "SourceNames":
        """These names plus the ones an article introduces with their acronym."""
        names = SourceNames([])
        names.canonical = dict(self.canonical)
        for group in groups:
            keys = [names.canonical.get(self.key(n), self.key(n)) for n in group]
            for name in group:
                names.canonical.setdefault(self.key(name), keys[0])
        return names

    def same(self, predicted: str, gold: str) -> bool:
        """By name or alias only: a subset of the words ("Moscow: The Kremlin") is another name."""
        p, g = self.key(predicted), self.key(gold)
        return self.canonical.get(p, p) == self.canonical.get(g, g)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def __str__(self) -> str:
        p, r, f = self.prf()
        return (
            f"P {p:5.2f}  R {r:5.2f}  F1 {f:5.2f}  "
            f"(tp {self.tp:2d} fp {self.fp:2d} fn {self.fn:2d})"
        )


@dataclass
class ArticleResult:
    name: str
    extraction: Counts = field(default_factory=Counts)
    matching: Counts = field(default_factory=Counts)
    matching_on_labels: Counts = field(default_factory=Counts)
    via_right: int = 0
    via_total: int = 0
    denials: int = 0
    denials_found: int = 0
    inversions: int = 0
    proposals: int = 0
    reviewer_ready: int = 0
    about_right: int = 0
    about_total: int = 0
    notes: list[str] = field(default_factory=list)


def expected_match(label) -> tuple[str | None, str]:
    if label == "new":
        return None, "new"
    if isinstance(label, dict):
        return label["contradicts"], "contradicts"
    return label, "same"


def score_match(
    predicted: tuple[str | None, str], gold: tuple[str | None, str], counts: Counts
) -> None:
    if predicted == gold:
        if gold[0] is not None:
            counts.tp += 1
        return
    if predicted[0] is not None:
        counts.fp += 1
    if gold[0] is not None:
        counts.fn += 1


@dataclass
class AnnotatedSource:
    name: str
    parent: str = ""


@dataclass
class AnnotatedClaim:
    """A second annotator's label, in the shape of an extracted claim."""

    text: str
    source: AnnotatedSource
    stance: str
    via: str = ""
    about: object = None


def annotated_claims(path: Path, outlet: str) -> list[AnnotatedClaim]:
    return [
        AnnotatedClaim(
            label["text"],
            AnnotatedSource(outlet if label["source"] == "@outlet" else label["source"]),
            label["stance"],
            label.get("via", ""),
            label.get("about"),
        )
        for label in yaml.safe_load(path.read_text())["claims"]
    ]


def evaluate(
    path: Path,
    known: list[tuple[str, str]],
    names: SourceNames,
    source_groups: list[list[str]],
    annotator: Path | None = None,
) -> ArticleResult:
    article = yaml.safe_load(path.read_text())
    text = load_article_text(article, path)
    if "known" in article:
        known = list(article["known"].items())
    outlet = article["outlet"]
    result = ArticleResult(path.stem)
    if annotator:
        proposals = annotated_claims(annotator / path.name, outlet)
    else:
        proposals = extract_claims(text, outlet=outlet, published_at=article["published_at"])
    labels = article["claims"]
    aliases = NameAliases(source_groups + article_name_aliases(text))
    names = names.with_article(article_name_aliases(text))
    setting = article_setting(text)
    result.proposals = len(proposals)
    result.denials = sum(1 for label in labels if label["stance"] == "denies")

    def source_of(label: dict) -> str:
        return outlet if label["source"] == "@outlet" else label["source"]

    pairs = []
    for i, proposal in enumerate(proposals):
        for j, label in enumerate(labels):
            same_source = names.same(proposal.source.name, source_of(label))
            speaker = proposal.source.name if same_source else ""
            agrees, closeness = text_agrees(proposal.text, label["text"], speaker=speaker)
            if agrees:
                # Between labels as close as each other (the same statement asserted by one
                # source and denied by another), the one from the proposal's source and stance.
                same_stance = proposal.stance == label["stance"]
                pairs.append((closeness, same_source, same_stance, -i, -j))
    pairs.sort(reverse=True)
    used_p, used_l, aligned = set(), set(), []
    for _, _, _, negative_i, negative_j in pairs:
        i, j = -negative_i, -negative_j
        if i not in used_p and j not in used_l:
            used_p.add(i)
            used_l.add(j)
            aligned.append((i, j))

    for i, j in aligned:
        proposal, label = proposals[i], labels[j]
        right_source = names.same(proposal.source.name, source_of(label))
        right_stance = proposal.stance == label["stance"]
        if right_source and not right_stance:
            result.inversions += 1
            result.notes.append(
                f"  POLARITY INVERTED: {proposal.text!r} [{proposal.source.name}/{proposal.stance}]"
            )
        if right_source and right_stance:
            result.extraction.tp += 1
            result.denials_found += label["stance"] == "denies"
            if label.get("via"):
                relay_right = bool(proposal.via) and names.same(proposal.via, label["via"])
            else:
                relay_right = not proposal.via or names.same(proposal.via, outlet)
            result.reviewer_ready += relay_right
            if label.get("via"):
                result.via_total += 1
                result.via_right += bool(proposal.via) and names.same(proposal.via, label["via"])
            if label.get("about"):
                result.about_total += 1
                result.about_right += proposal.about == label["about"]
        else:
            result.extraction.fp += 1
            result.extraction.fn += 1
            result.notes.append(
                f"  wrong {'source' if not right_source else 'stance'}: {proposal.text!r} "
                f"[{proposal.source.name}/{proposal.stance}] vs "
                f"[{source_of(label)}/{label['stance']}]"
            )
        decision = decide_match(
            proposal.text,
            denies=proposal.stance == "denies",
            candidates=known,
            context=[proposal.source.name, proposal.source.parent],
            aliases=aliases,
            setting=setting,
        )
        predicted = (decision.claim_id, decision.relation)
        gold = expected_match(label["match"])
        score_match(predicted, gold, result.matching)
        if predicted != gold:
            result.notes.append(f"  match {predicted} want {gold}: {proposal.text!r}")

    for i, proposal in enumerate(proposals):
        if i not in used_p:
            result.extraction.fp += 1
            result.notes.append(
                f"  extra: {proposal.text!r} [{proposal.source.name}/{proposal.stance}]"
            )
    for j, label in enumerate(labels):
        if j not in used_l:
            result.extraction.fn += 1
            result.notes.append(
                f"  missed: {label['text']!r} [{source_of(label)}/{label['stance']}]"
            )
        decision = decide_match(
            label["text"],
            denies=label["stance"] == "denies",
            candidates=known,
            context=[source_of(label)],
            aliases=aliases,
            setting=setting,
        )
        score_match(
            (decision.claim_id, decision.relation),
            expected_match(label["match"]),
            result.matching_on_labels,
        )
    return result


def near_misses(known: list[tuple[str, str]]) -> list[str]:
    texts = [text.split() for _, text in known]
    return [
        " ".join(start[: len(start) // 2 + 1] + end[len(end) // 2 :])
        for start in texts
        for end in texts
        if start is not end
    ]


@dataclass
class DatabaseResult:
    matching: Counts = field(default_factory=Counts)
    expected: int = 0
    kept_among_near_misses: int = 0
    known_claims: int = 0
    claims_with_near_misses: int = 0
    times_ms: list[float] = field(default_factory=list)


def database_matching(
    paths: list[Path], known: list[tuple[str, str]], source_groups: list[list[str]]
) -> DatabaseResult:
    """Match the labelled statements among the candidates the database search returns for them,
    with the known claims stored; then store the near misses too and count how often the
    expected claim is still among the candidates."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import transaction

    from claims.models import Claim
    from intake.selectors import claim_candidates

    class Rollback(Exception):
        pass

    labelled = []
    # The real sets give each article its own known claims; the database holds all of them, as a
    # newsroom's would.
    known = list(dict(known).items())
    for path in paths:
        article = yaml.safe_load(path.read_text())
        known += [item for item in article.get("known", {}).items() if item not in known]
        text = load_article_text(article, path)
        aliases = NameAliases(source_groups + article_name_aliases(text))
        setting = article_setting(text)
        for label in article["claims"]:
            source = article["outlet"] if label["source"] == "@outlet" else label["source"]
            labelled.append((label, source, aliases, setting))

    result = DatabaseResult()
    try:
        with transaction.atomic():
            stored = Claim.objects.bulk_create([Claim(text=text) for _, text in known])
            result.known_claims = len(stored)
            key_of = {claim.pk: key for claim, (key, _) in zip(stored, known, strict=True)}

            def candidates_for(label, aliases):
                started = time.perf_counter()
                found = claim_candidates(text=label["text"], aliases=aliases)
                result.times_ms.append((time.perf_counter() - started) * 1000)
                return [
                    (key_of.get(claim_id, f"other-{claim_id}"), text) for claim_id, text in found
                ]

            for label, source, aliases, setting in labelled:
                decision = decide_match(
                    label["text"],
                    denies=label["stance"] == "denies",
                    candidates=candidates_for(label, aliases),
                    context=[source],
                    aliases=aliases,
                    setting=setting,
                )
                score_match(
                    (decision.claim_id, decision.relation),
                    expected_match(label["match"]),
                    result.matching,
                )

            Claim.objects.bulk_create([Claim(text=text) for text in near_misses(known)])
            result.claims_with_near_misses = Claim.objects.count()
            for label, _, aliases, _ in labelled:
                expected, _ = expected_match(label["match"])
                if expected is not None:
                    result.expected += 1
                    keys = {key for key, _ in candidates_for(label, aliases)}
                    result.kept_among_near_misses += expected in keys
            raise Rollback
    except Rollback:
        pass
    return result


def report(paths: list[Path], known, names: SourceNames, source_groups, args) -> ArticleResult:
    total = ArticleResult("overall")
    print(
        f"{'article':34s} {'extraction (claim, source, stance)':52s} "
        "matching (extracted statements)"
    )
    for path in paths:
        result = evaluate(path, known, names, source_groups, args.annotator)
        print(f"{result.name[:34]:34s} {str(result.extraction):52s} {result.matching}")
        if args.verbose:
            print("\n".join(result.notes))
        total.extraction.add(result.extraction)
        total.matching.add(result.matching)
        total.matching_on_labels.add(result.matching_on_labels)
        for counter in (
            "via_right",
            "via_total",
            "about_right",
            "about_total",
            "denials",
            "denials_found",
            "inversions",
            "proposals",
            "reviewer_ready",
        ):
            setattr(total, counter, getattr(total, counter) + getattr(result, counter))
    print("-" * 140)
    print(f"{'overall':34s} {str(total.extraction):52s} {total.matching}")
    precision, recall, _ = total.extraction.prf()
    print(
        f"precision {precision:.2f}; recall {recall:.2f}; "
        f"denial recall {total.denials_found}/{total.denials} = "
        f"{total.denials_found / max(total.denials, 1):.2f}; "
        f"polarity inversions {total.inversions}; "
        f"reviewer-ready {total.reviewer_ready}/{total.proposals} = "
        f"{total.reviewer_ready / max(total.proposals, 1):.2f}"
    )
    print(
        f"matching F1 on extracted statements {total.matching.prf()[2]:.2f}; "
        f"on the labelled statements (matcher alone): {total.matching_on_labels}"
    )
    print(
        f"via right {total.via_right}/{total.via_total}; "
        f"time-about right {total.about_right}/{total.about_total}"
    )
    return total


def speed(paths: list[Path]) -> None:
    """Words per second of extraction alone, on these articles read in turn (after one warm-up
    read)."""
    texts = [(load_article_text(a := yaml.safe_load(p.read_text()), p), a["outlet"]) for p in paths]
    words = sum(len(t.split()) for t, _ in texts)
    for text, outlet in texts[:1]:
        extract_claims(text, outlet=outlet)
    # The scoring above parsed these very sentences; timed, they are parsed afresh.
    forget_parses()
    started = time.process_time()
    for text, outlet in texts:
        extract_claims(text, outlet=outlet)
    elapsed = time.process_time() - started
    print(f"reading speed: {words} words in {elapsed:.2f} s of CPU = {words / elapsed:.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set",
        choices=[*SETS, "both"],
        default="both",
        help="real, real-7, real-8: the held-out evaluation sets; real-2 to real-6, "
        "real-dev: real copy used for development; safety: denial and negation sentences kept to "
        "count polarity inversions",
    )
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    parser.add_argument(
        "--speed", action="store_true", help="print reading speed (words per second, one core)"
    )
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    parser.add_argument(
        "--no-database", action="store_true", help="skip matching through the database"
    )
    parser.add_argument(
        "--annotator",
        type=Path,
        help="score a second annotator's labels (a folder of article "
        "files with the same names) instead of the extractor, on the articles it holds "
        "(of the synthetic set unless --set names another)",
    )
    args = parser.parse_args()

    known = list(yaml.safe_load((DATA / "known_claims.yaml").read_text()).items())
    source_entries = yaml.safe_load((DATA / "known_sources.yaml").read_text())
    names = SourceNames(source_entries)
    source_groups = [[entry["name"], *entry.get("aliases", [])] for entry in source_entries]
    chosen = ["real", "synthetic"] if args.set == "both" else [args.set]
    if args.annotator and args.set == "both":
        # Left at its default, --set means the synthetic rounds second_annotator/ labels.
        chosen = ["synthetic"]
    all_paths = []
    for name in chosen:
        paths = [
            path
            for path in sorted(SETS[name].glob("*.yaml"))
            if args.split == "all"
            or yaml.safe_load(path.read_text()).get("split", "dev") == args.split
            if not args.annotator or (args.annotator / path.name).is_file()
        ]
        all_paths = paths
        print(f"\n=== {name} set: {len(paths)} articles ===")
        total = report(paths, known, names, source_groups, args)
        if args.speed:
            speed(paths)
    paths = all_paths
    if args.no_database or args.annotator or not paths:
        return
    database = database_matching(paths, known, source_groups)
    _, _, alone = total.matching_on_labels.prf()
    _, _, through = database.matching.prf()
    print(
        "matching on the labelled statements through the database's candidates: "
        f"{database.matching}"
    )
    print(f"  F1 through the database / matcher alone: {through / alone:.2f}")
    print(
        f"  with {database.claims_with_near_misses} claims stored "
        f"({database.known_claims} known, the rest near misses): "
        f"expected claim among the candidates {database.kept_among_near_misses}/{database.expected}"
    )
    print(
        f"  candidate search: median {statistics.median(database.times_ms):.1f} ms, "
        f"max {max(database.times_ms):.1f} ms over {len(database.times_ms)} searches"
    )


if __name__ == "__main__":
    main()
