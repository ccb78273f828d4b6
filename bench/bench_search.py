"""Search benchmark: 200,000 generated Danish posts of ~80 words in a Whoosh index.

Run with `make bench-search` (or `python bench/bench_search.py --posts 20000` for a quick
look). It uses the application's own index module (schema, Danish analyzer, writer
settings, cached filter sets), not the database: it measures the index.

Reports the bulk build time and warm p50/p95 latency of 1–2 word queries, with and
without a phase filter, for three kinds of query words:
- typical: words drawn uniformly from the vocabulary (what people mostly type: a
  specific word),
- frequent: words found in 10,000–50,000 posts,
- very frequent: words found in more than 50,000 posts.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum.search.index import SearchIndex, build_index  # noqa: E402

PHASES = ["tjek", "test", "tilpas", "fjern", "implementer", "hoest"]
FUNCTION_WORDS = (
    "og i at det er en til på med for af den som de vi har ikke der om så kan var jeg et men "
    "også skal vil fra når hvor eller sig efter ved hvis alle være blev bliver mere meget nu "
    "op ud over under mellem mod uden igen kun både hele her"
).split()
NOUNS = (
    "kommune region stat borger medarbejder leder projekt innovation løsning erfaring "
    "velfærd teknologi ældre pleje skole dagtilbud sundhed hospital patient sag "
    "forvaltning afdeling team netværk spredning guide fase test tilpasning barriere "
    "implementering gevinst høst målgruppe kontakt samarbejde partner kollega chef "
    "budget økonomi tid ressource kompetence kursus workshop metode værktøj model "
    "data digitalisering platform system app robot sensor skærm video telefon "
    "bolig rehabilitering genoptræning hjemmepleje plejehjem bosted handicap psykiatri "
    "beskæftigelse jobcenter ledighed integration uddannelse elev lærer pædagog barn "
    "familie forælder ungdom kultur fritid idræt bibliotek miljø klima energi affald "
    "vand trafik vej bus byggeri byrum landdistrikt erhverv virksomhed iværksætter "
    "indkøb udbud kontrakt leverandør jura lovgivning regel dokumentation evaluering "
    "effekt måling indikator resultat kvalitet sikkerhed tryghed trivsel motivation "
    "forandring kultur ledelse strategi vision politik udvalg byråd borgmester direktør "
    "konsulent facilitator tovholder møde agenda referat notat rapport analyse "
    "kortlægning interview observation prototype pilot afprøvning skalering drift"
).split()
SUFFIXES = ["", "en", "et", "er", "erne", "ens", "ernes", "s", "e", "ne"]
VERBS = (
    "arbejde afprøve tilpasse implementere dele genbruge spørge lære teste fjerne høste "
    "samarbejde udvikle evaluere måle planlægge inddrage understøtte forankre sprede "
    "beslutte prioritere finansiere organisere koordinere kommunikere formidle"
).split()
VERB_ENDINGS = ["", "r", "de", "t", "nde", "s"]


def vocabulary(rng: random.Random) -> list[str]:
    """Ranked words: function words first (most frequent), then words, then compounds."""
    inflected = [noun + suffix for noun in NOUNS for suffix in SUFFIXES]
    verbs = [verb + ending for verb in VERBS for ending in VERB_ENDINGS]
    compounds = [first + second for first, second in itertools.permutations(NOUNS, 2)]
    rng.shuffle(inflected)
    rng.shuffle(verbs)
    rng.shuffle(compounds)
    content = inflected[:600] + verbs + inflected[600:] + compounds[:35000]
    return FUNCTION_WORDS + content


def zipf_weights(count: int, exponent: float = 1.05) -> list[float]:
    total = 0.0
    cumulative = []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        cumulative.append(total)
    return cumulative


def documents(count: int, words: list[str], seed: int):
    rng = random.Random(seed)
    cumulative = zipf_weights(len(words))
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for number in range(1, count + 1):
        length = rng.randint(60, 100)
        body = " ".join(rng.choices(words, cum_weights=cumulative, k=length))
        title = " ".join(rng.choices(words, cum_weights=cumulative, k=6)) if number % 10 == 1 else ""
        yield {
            "doc_id": f"post:{number}",
            "kind": "thread" if title else "post",
            "object_id": number,
            "thread_id": (number - 1) // 10 + 1,
            "title": title,
            "body": body,
            "phases": rng.sample(PHASES, rng.randint(1, 2)),
            "author": rng.randint(1, 300),
            "organization": rng.randint(1, 100),
            "created": start + timedelta(minutes=number),
            "visibility": ["all"],
        }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def document_frequencies(index: SearchIndex) -> dict[str, int]:
    with index.searcher() as searcher:
        reader = searcher.reader()
        return {term.decode() if isinstance(term, bytes) else term: info.doc_frequency()
                for term, info in reader.iter_field("body")}


def query_sets(words: list[str], frequencies: dict[str, int], index: SearchIndex,
               rng: random.Random, size: int) -> dict[str, list[str]]:
    analyzer = index.schema["body"].analyzer

    def df(word):
        tokens = [token.text for token in analyzer(word)]
        return frequencies.get(tokens[0], 0) if tokens else 0

    content = [word for word in words if df(word) > 0]
    bands = {
        "typical": content,
        "frequent": [w for w in content if 10_000 <= df(w) <= 50_000],
        "very frequent": [w for w in content if df(w) > 50_000],
    }
    sets = {}
    for name, pool in bands.items():
        if not pool:
            continue
        sets[name] = [" ".join(rng.sample(pool, rng.randint(1, 2))) if len(pool) > 1 else pool[0]
                      for _ in range(size)]
    return sets


def measure(index: SearchIndex, queries: list[str], rng: random.Random, phase_filter: bool,
            time_limit: float | None) -> tuple[list[float], int]:
    timings, partial = [], 0
    for text in queries:
        phase = rng.choice(PHASES) if phase_filter else None
        started = time.perf_counter()
        query = index.parse(text)
        page = index.search(query, phase=phase, member_id=7, limit=20, time_limit=time_limit)
        timings.append((time.perf_counter() - started) * 1000)
        partial += page.partial
    return timings, partial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--time-limit-ms", type=int, default=40, help="the app's FORUM_SEARCH_TIME_LIMIT_MS")
    parser.add_argument("--skip-unlimited", action="store_true", help="only measure with the time limit")
    parser.add_argument("--keep", help="build into this folder and keep it; reuse it when it holds an index")
    arguments = parser.parse_args()

    rng = random.Random(4)
    words = vocabulary(rng)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as temporary:
        path = Path(arguments.keep or temporary) / "search-index"
        if (path / "current").exists():
            build_seconds = None
            print(f"reusing the index in {path}", flush=True)
        else:
            started = time.perf_counter()
            folder = build_index(path, documents(arguments.posts, words, seed=5), procs=arguments.procs)
            SearchIndex(path).swap(folder)
            build_seconds = round(time.perf_counter() - started, 1)
            size_mb = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
            print(f"built {arguments.posts} posts in {build_seconds:.0f} s ({size_mb:.0f} MB, "
                  f"procs={arguments.procs}); load average {os.getloadavg()[0]:.1f}", flush=True)

        index = SearchIndex(path)
        started = time.perf_counter()
        with index.searcher():
            pass
        print(f"searcher opened in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        frequencies = document_frequencies(index)
        sets = query_sets(words, frequencies, index, rng, arguments.queries)
        report = {"posts": arguments.posts, "build_seconds": build_seconds, "queries": {}}
        budgets = [arguments.time_limit_ms] if arguments.skip_unlimited else [None, arguments.time_limit_ms]
        for budget in budgets:
            limit = budget / 1000 if budget else None
            print(f"-- {'no time limit' if not budget else f'time limit {budget} ms (the app default)'}")
            for name, queries in sets.items():
                for phase_filter in (False, True):
                    measure(index, queries[:100], rng, phase_filter, limit)  # warm
                    timings, partial = measure(index, queries, rng, phase_filter, limit)
                    label = f"{name}{' + phase' if phase_filter else ''}{f' @{budget}ms' if budget else ''}"
                    figures = {"p50_ms": round(statistics.median(timings), 1),
                               "p95_ms": round(percentile(timings, 0.95), 1),
                               "max_ms": round(max(timings), 1), "cut_short": partial}
                    report["queries"][label] = figures
                    print(f"{label:>30}: p50 {figures['p50_ms']:6.1f} ms  p95 {figures['p95_ms']:6.1f} ms  "
                          f"max {figures['max_ms']:7.1f} ms  cut short {partial:3d}/{len(timings)}  "
                          f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        index.close()
        print(json.dumps(report))


if __name__ == "__main__":
    main()
