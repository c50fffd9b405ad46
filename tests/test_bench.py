"""Every benchmark runs at a tiny size in the suite, so none can rot: each must finish and print
the figures it promises. Timings are printed, never asserted."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.db import connections

from tests.conftest import database_url, run_bench


@pytest.mark.django_db
def test_reliability_recompute_bench_runs_at_smoke_size_and_leaves_nothing_behind():
    from claims.models import Claim

    output = run_bench(
        "bench/reliability_recompute.py",
        "--citations",
        "2000",
        "--stories",
        "2",
        DATABASE_URL=database_url(),
    )

    assert "one GROUP BY scan of the citations" in output
    assert "full_recompute_seconds:" in output and "update_seconds:" in output
    assert "exact_update_seconds:" in output and "local_update_seconds:" in output
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_newsroom_bench_runs_at_smoke_size_and_prints_every_method():
    output = run_bench("bench/newsroom.py", "--smoke", DATABASE_URL=database_url())

    for method in ("ours", "always_true", "majority_of_voices", "own_record"):
        assert f"\n{method}: " in output and f"\n{method}_logloss: " in output


def test_truth_discovery_bench_runs_at_smoke_size_with_every_method_and_regime():
    output = run_bench("bench/truth_discovery.py", "--smoke")

    for method in ("majority", "truthfinder", "investment", "pooled_investment", "crh", "ours"):
        assert f"\n{method}: " in output and f"\n{method}_logloss: " in output
    for regime in ("dense", "longtail", "numeric"):
        assert regime in output


def test_intake_bench_scores_a_real_set_and_prints_every_figure_of_the_issue():
    output = run_bench("bench/intake.py", "--no-database", "--set", "real-dev", "--speed")

    for figure in (
        "precision ",
        "recall ",
        "denial recall ",
        "polarity inversions ",
        "reviewer-ready ",
        "matching F1 on extracted statements ",
        "reading speed: ",
    ):
        assert figure in output


def test_intake_proposals_bench_finds_a_reading_the_same_as_itself(tmp_path):
    dump = tmp_path / "proposals.json"
    run_bench("bench/intake_proposals.py", "dump", str(dump), "--sets", "real-dev")

    output = run_bench("bench/intake_proposals.py", "compare", str(dump), str(dump))

    assert output.split()[:3] == ["real-dev", "9", "articles"] and "same proposals" in output


def test_intake_proposals_bench_names_a_changed_article_only_outside_the_held_out_sets(
    tmp_path, capsys
):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from intake_proposals import compare

    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps({"real/a.yaml": ["x"], "real-dev/b.yaml": ["y"]}))
    after.write_text(json.dumps({"real/a.yaml": ["z"], "real-dev/b.yaml": ["w"]}))

    assert not compare(before, after)
    output = capsys.readouterr().out
    assert "real-dev/b.yaml" in output and "a.yaml" not in output
    assert "real 1 articles 1 proposals, 1 articles differ" in " ".join(output.split())


def test_intake_proposals_bench_does_not_name_a_changed_article_of_the_synthetic_held_out_round(
    tmp_path, capsys
):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from intake_proposals import compare

    held_out, dev = "articles/afp-haiti-canape-vert.yaml", "articles/afp-ituri-adf.yaml"
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps({held_out: ["x"], dev: ["y"]}))
    after.write_text(json.dumps({held_out: ["z"], dev: ["w"]}))

    assert not compare(before, after)
    output = capsys.readouterr().out
    assert dev in output and "haiti" not in output
    assert "articles 2 articles 2 proposals, 2 articles differ" in " ".join(output.split())


def test_matching_fit_bench_cross_validates_the_matchers_weights_on_one_development_set():
    output = run_bench("bench/matching_fit.py", "--sets", "real-dev")

    assert "cross-validated F1: learned " in output
    assert "chosen on all folds: " in output
    assert "pooled, learned: P " in output and "pooled, current: P " in output


def test_matching_fit_learns_from_development_articles_only():
    from bench.matching_fit import development_articles

    articles = {name for name, _, _ in development_articles(["synthetic"])}
    held_out = {
        f"synthetic/{path.stem}"
        for path in Path("tests/data/intake/articles").glob("*.yaml")
        if "split: heldout" in path.read_text()
    }

    assert held_out and articles and not articles & held_out


def test_load_bench_runs_at_smoke_size_with_an_article_in_flight(database_copy, jobs_test_broker):
    output = run_bench(
        "bench/load.py", "--smoke", LOAD_DATABASE_URL=database_copy, REDIS_URL=jobs_test_broker
    )

    assert "quiet " in output and "busy " in output
    assert "intake of a 20,000-byte article, one in flight: 20" in output
    assert "goal p95 <= 200 ms with the article in flight" in output


def test_a_bench_without_its_database_says_so_in_one_line(django_db_blocker):
    # bench/newsroom.py and bench/reliability_recompute.py call it before anything else.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from database import require_migrated_database

    default = connections["default"]
    settings = {**default.settings_dict, "NAME": "factcheck_no_such_database"}
    missing = type(default)(settings, "missing")

    with django_db_blocker.unblock(), pytest.raises(SystemExit) as exit_:
        require_migrated_database(missing)

    (line,) = str(exit_.value).splitlines()
    assert "cannot use database 'factcheck_no_such_database'" in line


def _truth_discovery_data(folder: Path, *, claims: str | bytes, gold: str):
    """bench/truth_discovery.py's loader on a data set of the given claims.csv and gold.tsv rows
    (claims as bytes: the whole file, header and encoding included)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from truth_discovery import load_dataset

    if isinstance(claims, bytes):
        (folder / "claims.csv").write_bytes(claims)
    else:
        (folder / "claims.csv").write_text("object_id,property,value,source,timestamp\n" + claims)
    (folder / "gold.tsv").write_text("object_id\tproperty\tvalue\n" + gold)
    return load_dataset(folder, tolerance=1e-3)


def test_truth_discovery_loader_keeps_each_statements_own_precision(tmp_path):
    # "57" and "57.0" are one value, but each site's statement stands for the cell it wrote.
    graph = _truth_discovery_data(
        tmp_path,
        claims="a,Temperature,57,plain,\na,Temperature,57.0,tenths,\na,Temperature,58,other,\n",
        gold="a\tTemperature\t57\n",
    ).graph

    written = dict(zip(graph.claim_source.tolist(), graph.claim_resolution.tolist(), strict=True))
    assert graph.n_values == 2
    assert written == {0: pytest.approx(1.0), 1: pytest.approx(0.1), 2: pytest.approx(1.0)}


def test_truth_discovery_loader_reads_a_number_past_a_floats_range_as_text(tmp_path):
    # "1e309" overflows a float: the loader must neither crash nor make it infinity, which would
    # sit at no finite distance from the other readings.
    data = _truth_discovery_data(
        tmp_path,
        claims="a,Temperature,1e309,odd,\n"
        + "".join(f"{item},Temperature,5,plain,\n" for item in "abcde"),
        gold="a\tTemperature\t5\n",
    )

    assert data.kinds == {"Temperature": "number"}
    assert np.isfinite(data.graph.value_position).sum() == 5
    assert data.value_label[data.gold_value[0]] == "5"


def test_truth_discovery_loader_reads_a_round_number_at_the_precision_its_source_writes(tmp_path):
    # "70" from a site whose readings end in any digit is exact to the degree; from a site whose
    # every reading ends in 0 it is rounded to the ten, a partial version of the other site's 72.
    data = _truth_discovery_data(
        tmp_path,
        claims="a,Temperature,70,units,\n"
        "a,Temperature,72,other,\n"
        "b,Temperature,72,units,\n"
        "c,Temperature,75,units,\n"
        "d,Temperature,70,tens,\n"
        "d,Temperature,72,other,\n"
        "e,Temperature,80,tens,\n"
        "f,Temperature,90,tens,\n",
        gold="a\tTemperature\t70\n",
    )
    graph = data.graph

    item = {label[0]: index for index, label in enumerate(data.item_label)}
    source = {label: index for index, label in enumerate(data.source_label)}
    seventy = {
        name: int(
            graph.claim_value[
                (graph.claim_source == source[name]) & (graph.claim_item == item[at])
            ][0]
        )
        for name, at in (("units", "a"), ("tens", "d"))
    }
    resolution = {
        name: float(
            graph.claim_resolution[
                (graph.claim_source == source[name]) & (graph.claim_value == value)
            ][0]
        )
        for name, value in seventy.items()
    }
    partial_rows = set(graph.partial.nonzero()[0].tolist())
    assert resolution == {"units": pytest.approx(1.0), "tens": pytest.approx(10.0)}
    assert seventy["units"] not in partial_rows
    assert seventy["tens"] in partial_rows


def test_truth_discovery_loader_reads_a_crowds_labels_as_classes_but_not_measurements(tmp_path):
    # Two labels recur on every item and each worker gave at least 2 x 2 of them: classes. Nine
    # different temperatures from sources with nine readings each are measurements.
    labels = "".join(
        f"q{item},label,{(item + worker) % 2},worker{worker},\n"
        for item in range(9)
        for worker in range(3)
    )
    readings = "".join(
        f"day{day},Temperature,{50 + day + site},site{site},\n"
        for day in range(9)
        for site in range(2)
    )
    data = _truth_discovery_data(tmp_path, claims=labels + readings, gold="q0\tlabel\t0\n")
    graph = data.graph

    group_of_value = graph.item_group[graph.value_item]
    label_group = graph.item_group[data.item_label.index(("q0", "label"))]
    classes = graph.value_class[group_of_value == label_group]
    assert sorted(set(classes.tolist())) == [0, 1]
    assert np.all(graph.value_class[group_of_value != label_group] == -1)


def test_truth_discovery_loader_keeps_none_as_a_crowds_answer_but_not_as_a_pages_director(tmp_path):
    # Three labels, "none" among them, recur on every item, and each worker gave nine: a crowd's
    # answers, where "none" is an answer. A director written "N/A" by one site says nothing.
    labels = "".join(
        f"q{item},animal,{('cat', 'dog', 'none')[(item + worker) % 3]},worker{worker},\n"
        for item in range(9)
        for worker in range(3)
    )
    directors = "film1,director,N/A,site1,\nfilm1,director,Jane Campion,site2,\n"
    data = _truth_discovery_data(tmp_path, claims=labels + directors, gold="q0\tanimal\tnone\n")

    assert data.kinds == {"animal": "labels", "director": "text"}
    assert data.graph.n_claims == 27 + 1
    assert data.value_label[data.gold_value[0]] == "none"


CLAIMS_WITH_ZURICH = (
    "object_id,property,value,source,timestamp\nq1,city,Zürich,site1,\nq1,city,Bern,site2,\n"
)


@pytest.mark.parametrize(
    ("written", "note"),
    [
        # Excel's UTF-8, with a byte-order mark before the header.
        (("\ufeff" + CLAIMS_WITH_ZURICH).encode(), False),
        # Latin-1, which is not UTF-8.
        (CLAIMS_WITH_ZURICH.encode("latin-1"), True),
    ],
    ids=["utf-8 with a byte-order mark", "latin-1"],
)
def test_truth_discovery_loader_reads_utf_8_and_latin_1(tmp_path, capsys, written, note):
    data = _truth_discovery_data(tmp_path, claims=written, gold="q1\tcity\tZurich\n")

    assert ("not UTF-8" in capsys.readouterr().out) == note
    assert data.graph.n_claims == 2
    assert data.value_label[data.gold_value[0]] == "zurich"


def test_truth_discovery_loader_scores_an_item_listed_twice_in_the_gold_once(tmp_path):
    # Item a is listed twice with one value (written two ways), b twice with two values: a counts
    # once, and b, with no single truth, is left out rather than scored against either row.
    data = _truth_discovery_data(
        tmp_path,
        claims="a,Temperature,57,s1,\na,Temperature,58,s2,\nb,Temperature,60,s1,\n"
        "b,Temperature,61,s2,\nc,Temperature,70,s1,\n",
        gold="a\tTemperature\t57\nb\tTemperature\t60\na\tTemperature\t57.0\n"
        "b\tTemperature\t61\nc\tTemperature\t99\nc\tTemperature\t99\n",
    )

    scored = {
        data.item_label[item][0]: value
        for item, value in zip(data.gold_item, data.gold_value, strict=True)
    }
    assert scored.keys() == {"a", "c"}
    assert data.value_label[scored["a"]] == "57"
    # c's gold, named by no source, is one value however often it is listed.
    assert scored["c"] == -1
    assert data.gold_disagreeing == 1


def test_truth_discovery_bench_counts_each_gold_item_once_and_says_how_many_it_left_out(tmp_path):
    claims = "".join(
        f"q{item},label,{(item + worker) % 2 if worker else item % 2},w{worker},\n"
        for item in range(40)
        for worker in range(3)
    )
    gold = "".join(f"q{item}\tlabel\t{item % 2}\n" for item in range(40)) * 2
    (tmp_path / "claims.csv").write_text("object_id,property,value,source,timestamp\n" + claims)
    (tmp_path / "gold.tsv").write_text("object_id\tproperty\tvalue\n" + gold + "q0\tlabel\t1\n")

    output = run_bench(
        "bench/truth_discovery.py", "--data", str(tmp_path), "--synthetic", "0", "--seeds", "1"
    )

    assert "gold for 39 items, 39 of them given by some source; 1 more left out" in output
    assert "majority                1.000  [0.910, 1.000]     39" in output


def test_truth_discovery_bench_without_gold_for_its_items_says_so_in_one_line(tmp_path):
    (tmp_path / "claims.csv").write_text(
        "object_id,property,value,source,timestamp\nq1,city,Bern,site1,\n"
    )
    (tmp_path / "gold.tsv").write_text("object_id\tproperty\tvalue\nq9\tcity\tBern\n")

    finished = subprocess.run(
        [sys.executable, "bench/truth_discovery.py", "--data", str(tmp_path), "--synthetic", "0"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert finished.returncode == 2
    assert finished.stderr.splitlines()[-1].endswith(
        "no row of gold.tsv names an item of claims.csv"
    )


def test_truth_discovery_paired_comparison_brackets_the_observed_difference():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from truth_discovery import paired_comparison

    rng = np.random.default_rng(0)
    ours = rng.random(2000) < 0.8
    other = np.where(rng.random(2000) < 0.9, ours, ~ours)

    ours_only, other_only, p_value, low, high = paired_comparison(ours, other)
    same = paired_comparison(ours, ours)

    assert (ours_only, other_only) == (int(np.sum(ours & ~other)), int(np.sum(~ours & other)))
    assert low < (ours_only - other_only) / 2000 < high
    assert high - low < 0.05
    assert same[2:] == (1.0, 0.0, 0.0)


def _panel(folder: Path, option: str, files: dict[str, bytes]) -> tuple[str, Path]:
    """bench/panel_convert.py run on a fake checkout holding these files (path: bytes); its output
    and the folder it wrote the sets into."""
    checkout, out = folder / "checkout", folder / "panel"
    for path, content in files.items():
        (checkout / path).parent.mkdir(parents=True, exist_ok=True)
        (checkout / path).write_bytes(content)
    output = run_bench("bench/panel_convert.py", "--out", str(out), option, str(checkout))
    return output, out


def _panel_set(folder: Path):
    """A converted set as bench/truth_discovery.py loads it, and its gold rows as written."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from truth_discovery import load_dataset

    with (folder / "gold.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        gold = {(row["object_id"], row["property"]): row["value"] for row in rows}
    return load_dataset(folder, tolerance=1e-3), gold


def test_panel_convert_keeps_a_latin_1_place_name_with_byte_0x85_as_one_population_object(
    tmp_path,
):
    # Byte 0x85 is U+0085 (NEL) in Latin-1, a line break to str.splitlines().
    name = "gmina bolesk\x85aw"
    output, out = _panel(
        tmp_path,
        "--population",
        {
            "data/population/population-new.txt": (
                f"{name}_2006\tbot1\t2868\t2006\n"
                f"{name}_2006\tbot2\t2900\t2006\n"
                "moville, iowa_2000\tbot1\t1583\t2000\n"
            ).encode("latin-1"),
            "data/population/population-gd.txt": (
                f"{name}, 2006, 2868\nmoville, iowa, 2000, 1583\n"
            ).encode("latin-1"),
        },
    )

    data, gold = _panel_set(out / "population")
    assert "population: statements 3 / sources 2 / gold items 2" in output
    assert (data.graph.n_claims, len(data.gold_item)) == (3, 2)
    assert (f"{name}_2006", "population") in data.item_label
    assert gold[(f"{name}_2006", "population")] == "2868"


def test_panel_convert_reads_flight_times_as_24_hour_clock_and_drops_placeholders(tmp_path):
    header = "tuple_id,src,flight,sched_dep_time,act_dep_time,sched_arr_time,act_arr_time\n"
    output, out = _panel(
        tmp_path,
        "--flight",
        {
            "datasets/flights_dirty.csv": (
                header + "1,aa,AA-1-IAH-ORD,7:45 p.m.,Not Available,9:20 PM,\n"
                "2,orbitz,AA-1-IAH-ORD,7:45 p.m.,7:58 p.m.,9:20 p.m.,Contact Airline\n"
            ).encode(),
            "datasets/flights_clean.csv": (
                header + "1,aa,AA-1-IAH-ORD,7:45 p.m.,7:58 p.m.,9:20 p.m.,10:02 p.m.\n"
            ).encode(),
        },
    )

    data, gold = _panel_set(out / "flight")
    assert "dropped non-empty values: {'Not Available': 1, 'Contact Airline': 1}" in output
    # Five statements on three items; the gold's fourth, act_arr_time, has none.
    assert (data.graph.n_claims, len(data.gold_item)) == (5, 3)
    assert len(gold) == 4
    assert gold[("AA-1-IAH-ORD", "sched_arr_time")] == "21:20"


def test_panel_convert_writes_each_crowd_set_with_workers_as_sources(tmp_path):
    answers = b"question,worker,answer\r\n1,w1,0\r\n1,w2,1\r\n2,w1,1\r\n"
    files = {
        f"datasets/{folder}/{name}": content
        for folder in (
            "d_Duck Identification",
            "s4_Dog data",
            "s4_Face Sentiment Identification",
            "d_jn-product",
        )
        for name, content in (("answer.csv", answers), ("truth.csv", b"question,truth\r\n1,1\r\n"))
    }
    output, out = _panel(tmp_path, "--crowd", files)

    data, gold = _panel_set(out / "duck")
    for name in ("duck", "dog", "face", "product"):
        assert f"{name}: statements 3 / sources 2 / gold items 1" in output
    assert (data.graph.n_claims, len(data.gold_item)) == (3, 1)
    assert data.source_label == ["w1", "w2"]
    assert gold[("1", "label")] == "1"


def test_panel_convert_writes_the_adult_set_with_each_site_in_lower_case(tmp_path):
    output, out = _panel(
        tmp_path,
        "--gal",
        {
            "data/AdultContent2/labels.txt": (
                b"A1\thttp://freeridegames.com\tG\nA2\thttp://FreeRideGames.com/\tP\n"
                b"A1\thttp://000.cc\tX\n"
            ),
            # A gold line may end in a tab; the second site has no label.
            "data/AdultContent2/gold.txt": (
                b"http://FreeRideGames.com\tG\t\nhttp://unlabelled.com\tR\n"
            ),
        },
    )

    data, gold = _panel_set(out / "adult")
    assert "adult: statements 3 / sources 2 / gold items 2 (of which in claims: 1)" in output
    assert (data.graph.n_claims, data.graph.n_items, len(data.gold_item)) == (3, 2, 1)
    assert gold[("http://freeridegames.com", "label")] == "G"


def test_panel_convert_reads_each_tin_set_by_column_position_whatever_its_header(tmp_path):
    headers = {
        "s4_Relevance": (b"question,worker,answer\n", b"question,truth\n"),
        "d_sentiment": (b"id,worker,answer\n", b"q,truth\n"),
        "ZenCrowd_all": (b"task,worker,answer\n", b"task,truth\n"),
        "SP": (b"task,worker,answer\n", b"task,truth\n"),
        "MUSIC": (b"task,worker,answer\n", b"task,truth\n"),
        "CF": (b"task,worker,answer\n", b"task,truth\n"),
    }
    answers, truth = b"t1,w1,rock\nt1,w2,pop\nt2,w1,pop\n", b"t1,rock\nt2,pop\n"
    files = {}
    for folder, (answer_header, truth_header) in headers.items():
        files[f"datasets/{folder}/answer.csv"] = answer_header + answers
        files[f"datasets/{folder}/truth.csv"] = truth_header + truth
    output, out = _panel(tmp_path, "--tin", files)

    for name in ("relevance", "sentiment", "zencrowd", "polarity", "music", "crowdflower"):
        assert f"{name}: statements 3 / sources 2 / gold items 2 (of which in claims: 2)" in output
    data, gold = _panel_set(out / "sentiment")
    assert (data.graph.n_claims, len(data.gold_item)) == (3, 2)
    assert data.source_label == ["w1", "w2"]
    assert gold[("t1", "label")] == "rock"


def test_panel_convert_without_an_input_file_says_so_in_one_line_and_writes_nothing(tmp_path):
    finished = subprocess.run(
        [
            sys.executable,
            "bench/panel_convert.py",
            "--out",
            str(tmp_path / "panel"),
            "--crowd",
            str(tmp_path),
        ],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert finished.returncode == 2
    assert "Traceback" not in finished.stderr
    assert finished.stderr.splitlines()[-1].endswith(
        f"--crowd {tmp_path}: no file datasets/d_Duck Identification/answer.csv"
    )
    assert not (tmp_path / "panel").exists()
