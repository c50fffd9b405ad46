"""Convert public truth-discovery and crowdsourcing data sets into the bench's two-file format.

    .venv/bin/python bench/panel_convert.py --out DIR [--population CHECKOUT] [--flight CHECKOUT]
        [--crowd CHECKOUT] [--gal CHECKOUT] [--tin CHECKOUT]

These are the panel sets of bench/README-reliability.md ("A panel of real data sets the engine was
never tuned on", six sets, and "A second panel (session 17)", seven more). None is committed (their
repositories declare no licence, or not one that covers the data), so each is rebuilt from a local
checkout of its public repository, whichever are given:

* --population: github.com/daz45/population---truth-discovery. `data/population/population-new.txt`
  (Latin-1, tab-separated: object `city_year`, source, value, year) gives the statements of the
  property `population`; `population-gd.txt` (`city, state, year, value`) the gold, whose object is
  every comma field but the last two joined by ", ", then `_` and the year (first row kept).
* --flight: github.com/probcomp/PClean. `datasets/flights_dirty.csv` (the 100-flight sample of Li et
  al., VLDB 2012, 38 sites) gives one statement per flight, site and time column, the value a clock
  time as HH:MM (24 h; "Not Available", "Contact Airline" and unreadable cells dropped);
  `flights_clean.csv` the gold (first readable value per flight and column).
* --crowd: github.com/zhydhkcws/crowd_truth_infer. Four sets (duck, dog, face, product), each
  folder's `answer.csv` (question, worker, answer) giving the statements of the property `label`
  and `truth.csv` (question, truth) the gold.
* --gal: github.com/ipeirotis/Get-Another-Label. `data/AdultContent2/labels.txt` (tab-separated:
  worker, site URL, class G/P/R/X; about 93K Mechanical Turk labels of web sites' adult content)
  gives the set `adult` (property `label`), `gold.txt` (URL, class) its gold; the object is the URL
  in lower case without a final "/" (host names have no case; the gold capitalises some). Most
  gold sites have no label in this file: 347 of the 1,517 are scored.
* --tin: github.com/maifulmax/TIN-model, which gathers published crowd sets as
  `datasets/<folder>/answer.csv` (task, worker, answer; first three columns, header skipped) and
  `truth.csv` (task, truth): `relevance` (s4_Relevance, TREC 2011 crowdsourcing track, graded
  relevance 0-3 of query-document pairs), `sentiment` (d_sentiment, tweets, 0/1), `zencrowd`
  (ZenCrowd_all, entity links judged 0/1 by workers in the US and India, Demartini et al. 2012),
  `polarity` (SP, sentence polarity of movie reviews, 0/1, Rodrigues et al. 2013), `music`
  (MUSIC, song genre, ten named classes, Rodrigues et al. 2014) and `crowdflower` (CF, the
  CrowdFlower weather-sentiment tweets of the Active Crowd Toolkit, five classes 0-4, 461 workers
  with 3.7 labels each). Object = task, property `label`,
  source = worker, value = answer as written; a worker's repeated answer is written as given.

Each set is written to DIR/<set>/claims.csv (object_id,property,value,source,timestamp) and
DIR/<set>/gold.tsv (object_id, property, value), UTF-8, the format `bench/truth_discovery.py --data`
reads; one line per set gives its statements, sources and gold items. Standard library only.
"""

import argparse
import csv
import io
import re
import sys
from pathlib import Path

POPULATION_CLAIMS = "data/population/population-new.txt"
POPULATION_GOLD = "data/population/population-gd.txt"
FLIGHT_CLAIMS = "datasets/flights_dirty.csv"
FLIGHT_GOLD = "datasets/flights_clean.csv"
CROWD = {
    "duck": "datasets/d_Duck Identification",
    "dog": "datasets/s4_Dog data",
    "face": "datasets/s4_Face Sentiment Identification",
    "product": "datasets/d_jn-product",
}
GAL_ADULT = "data/AdultContent2"
TIN = {
    "relevance": "datasets/s4_Relevance",
    "sentiment": "datasets/d_sentiment",
    "zencrowd": "datasets/ZenCrowd_all",
    "polarity": "datasets/SP",
    "music": "datasets/MUSIC",
    "crowdflower": "datasets/CF",
}
HEADER = ["object_id", "property", "value", "source", "timestamp"]
TIME_COLUMNS = ("sched_dep_time", "act_dep_time", "sched_arr_time", "act_arr_time")
_TIME = re.compile(r"(\d{1,2}):(\d{2})\s*(a\.m\.|p\.m\.|am|pm|a|p|noon)?", re.IGNORECASE)
_DROP = ("not available", "contact airline")


def write(out: Path, claims: list[list[str]], gold: list[list[str]]) -> None:
    """Write one set's two files and print its counts."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "claims.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(claims)
    with open(out / "gold.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER[:3])
        writer.writerows(gold)
    objects = {(claim[0], claim[1]) for claim in claims}
    in_claims = sum((row[0], row[1]) in objects for row in gold)
    print(
        f"{out.name}: statements {len(claims):,} / sources {len({c[3] for c in claims}):,} / "
        f"gold items {len(gold):,} (of which in claims: {in_claims:,})"
    )


def _text(path: Path, encoding: str) -> str:
    # The bytes decoded as stored, as the panel's figures were made: read_text() would also turn a
    # "\r" inside a quoted field into "\n".
    return path.read_bytes().decode(encoding)


def population(checkout: Path, out: Path) -> None:
    claims = []
    # Split on "\n" only: the file holds bytes 0x85 inside place names, which Latin-1 decodes to
    # U+0085 (NEL), a line break to splitlines().
    for line in _text(checkout / POPULATION_CLAIMS, "latin-1").split("\n"):
        if not line.strip():
            continue
        obj, source, value, _year = line.split("\t")
        claims.append([obj, "population", value, source, ""])
    gold, seen = [], set()
    for line in _text(checkout / POPULATION_GOLD, "latin-1").split("\n"):
        if not line.strip():
            continue
        *place, year, value = (field.strip() for field in line.split(","))
        obj = ", ".join(place) + "_" + year
        if obj in seen:
            continue
        seen.add(obj)
        gold.append([obj, "population", value])
    write(out, claims, gold)


def clock(value: str) -> str | None:
    """A clock time as HH:MM (24 h), or None (empty, "Not Available", "Contact Airline", none)."""
    text = value.strip()
    if not text or any(drop in text.lower() for drop in _DROP):
        return None
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute, marker = int(match[1]), int(match[2]), (match[3] or "").lower()
    if marker.startswith("p") and hour < 12:
        hour += 12
    elif marker.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def flight(checkout: Path, out: Path) -> None:
    claims, dropped = [], {}
    for row in csv.DictReader(io.StringIO(_text(checkout / FLIGHT_CLAIMS, "utf-8"))):
        for column in TIME_COLUMNS:
            value = clock(row[column])
            if value is None:
                if row[column].strip():
                    dropped[row[column]] = dropped.get(row[column], 0) + 1
                continue
            claims.append([row["flight"], column, value, row["src"], ""])
    gold: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(io.StringIO(_text(checkout / FLIGHT_GOLD, "utf-8"))):
        for column in TIME_COLUMNS:
            value = clock(row[column])
            if value is not None:
                gold.setdefault((row["flight"], column), value)
    print(f"flight: dropped non-empty values: {dropped}")
    write(out, claims, [[name, column, value] for (name, column), value in gold.items()])


def crowd(checkout: Path, name: str, out: Path) -> None:
    folder = checkout / CROWD[name]
    # utf-8-sig: a byte-order mark (Excel writes one) would otherwise join the first column's name.
    answers = csv.DictReader(io.StringIO(_text(folder / "answer.csv", "utf-8-sig")))
    claims = [[row["question"], "label", row["answer"], row["worker"], ""] for row in answers]
    truth = csv.DictReader(io.StringIO(_text(folder / "truth.csv", "utf-8-sig")))
    write(out, claims, [[row["question"], "label", row["truth"]] for row in truth])


def _tab_rows(text: str, width: int):
    """The first `width` tab-separated fields of each non-blank line (gold may end in a tab)."""
    for line in text.split("\n"):
        if line.strip():
            yield [field.strip() for field in line.split("\t")[:width]]


def _site(url: str) -> str:
    # A host name has no case: the gold writes "http://FreeRideGames.com" where workers labelled
    # "http://freeridegames.com".
    return url.lower().rstrip("/")


def adult(checkout: Path, out: Path) -> None:
    folder = checkout / GAL_ADULT
    labels = _tab_rows(_text(folder / "labels.txt", "utf-8"), 3)
    claims = [[_site(url), "label", label, worker, ""] for worker, url, label in labels]
    gold = _tab_rows(_text(folder / "gold.txt", "utf-8"), 2)
    write(out, claims, [[_site(url), "label", label] for url, label in gold])


def tin(checkout: Path, name: str, out: Path) -> None:
    folder = checkout / TIN[name]
    # The header's column names differ from set to set (task/question/id, q/task), so columns are
    # read by position.
    answers = list(csv.reader(io.StringIO(_text(folder / "answer.csv", "utf-8-sig"))))[1:]
    truth = list(csv.reader(io.StringIO(_text(folder / "truth.csv", "utf-8-sig"))))[1:]
    claims = [[task, "label", answer, worker, ""] for task, worker, answer, *_ in answers if task]
    write(out, claims, [[task, "label", value] for task, value, *_ in truth if task])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write the sets into"
    )
    parser.add_argument(
        "--population",
        type=Path,
        metavar="CHECKOUT",
        help="checkout of daz45/population---truth-discovery",
    )
    parser.add_argument(
        "--flight", type=Path, metavar="CHECKOUT", help="checkout of probcomp/PClean"
    )
    parser.add_argument(
        "--crowd", type=Path, metavar="CHECKOUT", help="checkout of zhydhkcws/crowd_truth_infer"
    )
    parser.add_argument(
        "--gal", type=Path, metavar="CHECKOUT", help="checkout of ipeirotis/Get-Another-Label"
    )
    parser.add_argument(
        "--tin", type=Path, metavar="CHECKOUT", help="checkout of maifulmax/TIN-model"
    )
    args = parser.parse_args(argv)

    inputs = {
        "population": [POPULATION_CLAIMS, POPULATION_GOLD],
        "flight": [FLIGHT_CLAIMS, FLIGHT_GOLD],
        "crowd": [
            f"{folder}/{file}" for folder in CROWD.values() for file in ("answer.csv", "truth.csv")
        ],
        "gal": [f"{GAL_ADULT}/labels.txt", f"{GAL_ADULT}/gold.txt"],
        "tin": [
            f"{folder}/{file}" for folder in TIN.values() for file in ("answer.csv", "truth.csv")
        ],
    }
    given = {option: getattr(args, option) for option in inputs if getattr(args, option)}
    if not given:
        parser.error("give at least one of --population, --flight, --crowd, --gal, --tin")
    # Every file checked before anything is written, so a wrong folder leaves no half-built panel.
    for option, checkout in given.items():
        for relative in inputs[option]:
            if not (checkout / relative).is_file():
                parser.error(f"--{option} {checkout}: no file {relative}")

    if "population" in given:
        population(given["population"], args.out / "population")
    if "flight" in given:
        flight(given["flight"], args.out / "flight")
    if "crowd" in given:
        for name in CROWD:
            crowd(given["crowd"], name, args.out / name)
    if "gal" in given:
        adult(given["gal"], args.out / "adult")
    if "tin" in given:
        for name in TIN:
            tin(given["tin"], name, args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
