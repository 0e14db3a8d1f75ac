import io
import re
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F

from meetings import demo
from meetings.interchange.exporter import meeting_to_record, record_to_json
from meetings.models import Meeting, Participation, Person, Status
from meetings.search import reindex
from meetings.search.models import SearchDocument
from tests.factories import make_meeting

SEED = 7
SIZE = 100


def generate(meetings: int = SIZE, seed: int = SEED, **options) -> str:
    out = io.StringIO()
    call_command(
        "generate_demo", meetings=meetings, seed=seed, stdout=out, stderr=io.StringIO(), **options
    )
    return out.getvalue()


def exported(seed: int = SEED) -> list[str]:
    held = Meeting.objects.filter(external_id__startswith=f"demo-{seed}-")
    meetings = held.with_interchange_relations().order_by("external_id")
    return [record_to_json(meeting_to_record(meeting)) for meeting in meetings]


def demo_meetings():
    return Meeting.objects.filter(external_id__startswith=f"demo-{SEED}-")


def index_rows(ids) -> list[tuple]:
    rows = SearchDocument.objects.filter(meeting_id__in=ids).order_by("meeting_id")
    return list(rows.values_list("meeting_id", "title_terms", "name_terms", "text_terms"))


@pytest.mark.django_db
def test_a_run_writes_the_requested_number_of_meetings_with_a_few_drafts():
    output = generate()

    assert demo_meetings().count() == SIZE
    drafts = demo_meetings().filter(status=Status.DRAFT).count()
    assert 1 <= drafts <= SIZE // 10
    assert f"{SIZE} demo meetings (seed {SEED})" in output


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_records_and_another_seed_other_ones():
    generate(60)
    first = exported()

    generate(60, clear=True)
    generate(60, seed=SEED + 1)

    assert len(first) == 60
    assert exported() == first
    other = exported(SEED + 1)
    assert len(other) == 60
    assert {line.split('"title"')[1] for line in other} != {
        line.split('"title"')[1] for line in first
    }


@pytest.mark.django_db
def test_most_meetings_are_bilateral_and_a_few_are_large():
    generate()

    sizes = Counter(demo_meetings().annotate(n=Count("countries")).values_list("n", flat=True))

    assert min(sizes) >= 2
    assert max(sizes) >= 8
    assert sizes[2] > SIZE / 2
    assert sum(n for size, n in sizes.items() if size >= 5) >= 3


@pytest.mark.django_db
def test_each_format_numbers_its_editions_from_one_in_date_order():
    generate()

    editions = defaultdict(list)
    in_formats = demo_meetings().filter(format__isnull=False).order_by("start_date")
    for slug, edition, countries in in_formats.annotate(n=Count("countries")).values_list(
        "format__slug", "edition", "n"
    ):
        editions[slug].append(edition)
        assert countries >= 5
    assert editions["central-asia-china"][:2] == [1, 2]
    for numbers in editions.values():
        assert numbers == list(range(1, len(numbers) + 1))
    assert not demo_meetings().filter(format__isnull=True, edition__isnull=False).exists()


@pytest.mark.django_db
def test_participants_are_people_with_their_own_slugs_and_countries_of_the_meeting():
    generate()

    people = Person.objects.filter(participations__meeting__in=demo_meetings()).distinct()
    slugs = list(people.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) > 20
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert people.exclude(name_ru="").exists()
    assert people.filter(name_ru="").exists()
    outsiders = Participation.objects.filter(meeting__in=demo_meetings()).exclude(
        meeting__country_links__country=F("country")
    )
    assert not outsiders.exists()


def test_people_rise_through_offices_over_the_years():
    cast = demo.Cast(SEED)
    years = range(demo.FIRST_YEAR, demo.LAST_YEAR + 1)

    promoted = [
        (code, year)
        for code in ("RU", "KZ", "CN", "US", "KG")
        for year in years[1:]
        if cast.holder(code, demo.PRESIDENT, year)
        == cast.holder(code, demo.PRIME_MINISTER, year - 1)
        != cast.holder(code, demo.PRESIDENT, year - 1)
    ]

    assert promoted
    for code in ("RU", "KZ"):
        in_office = {cast.holder(code, office, 2010) for office in demo.OFFICES}
        assert len(in_office) == len(demo.OFFICES)  # nobody holds two offices at once


@pytest.mark.django_db
def test_the_search_index_holds_what_the_indexer_makes_and_finds_a_meeting_by_its_title():
    generate()
    meeting = demo_meetings().filter(status=Status.PUBLISHED, language="en").first()
    ids = list(demo_meetings().values_list("pk", flat=True))
    written = index_rows(ids)

    reindex(ids)

    assert index_rows(ids) == written
    assert len(written) == SIZE
    word = max(re.findall(r"[A-Za-z]+", meeting.title), key=len)
    assert Meeting.objects.search(word).filter(pk=meeting.pk).exists()


@pytest.mark.django_db
def test_clear_deletes_earlier_demo_meetings_and_nothing_else():
    kept = make_meeting(title="A meeting that is not a demo")
    generate(30)

    output = generate(20, seed=SEED + 1, clear=True)

    assert Meeting.objects.filter(pk=kept.pk).exists()
    assert demo_meetings().count() == 0
    assert Meeting.objects.filter(external_id__startswith=f"demo-{SEED + 1}-").count() == 20
    assert SearchDocument.objects.count() == 21
    assert "20 demo meetings" in output


@pytest.mark.django_db
def test_the_same_seed_twice_without_clear_is_refused():
    generate(10)

    with pytest.raises(CommandError, match="--clear"):
        generate(10)
    assert demo_meetings().count() == 10


def planned_rows(table: str) -> float:
    """The rows the planner believes the table holds: -1 where it has no statistics."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return -1
        # Each row's stat begins with the number of rows in the table (or its index).
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        return max((int(stat.split()[0]) for (stat,) in cursor.fetchall()), default=-1)


@pytest.mark.django_db
def test_an_import_leaves_the_planner_statistics_fresh(tmp_path):
    from meetings.models import MeetingCountry
    from tests.factories import meeting_record

    lines = [record_to_json(meeting_record(countries=["KG", "KZ", "UZ"])) for _ in range(7)]
    path = tmp_path / "meetings.jsonl"
    path.write_text("\n".join(lines) + "\n")
    call_command("import_meetings", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    # ANALYZE counts the rows this transaction wrote: 21 links, where a stale estimate
    # would be what the table held when it was last analysed (or -1, never).
    table = MeetingCountry._meta.db_table
    assert planned_rows(table) == MeetingCountry.objects.count() == 21


@pytest.mark.django_db
def test_generating_leaves_the_planner_statistics_fresh():
    from meetings.models import MeetingTopic

    generate(meetings=30)

    table = MeetingTopic._meta.db_table
    assert planned_rows(table) == MeetingTopic.objects.count() > 30


@pytest.mark.django_db
def test_no_meeting_names_one_person_twice_so_every_generated_record_can_be_imported():
    # Namesakes are rare (two countries' name pools, a minister promoted within the year):
    # a few thousand drafted meetings, never written, meet some.
    reference = demo.Reference.load()
    composer = demo.Composer(reference, demo.Cast(SEED), SEED)
    plans = demo.plan_meetings(reference, 3000, SEED)

    drafts = [composer.draft(n, plan) for n, plan in enumerate(plans)]

    repeated = [
        draft.external_id
        for draft in drafts
        if len({p.person.name for p in draft.participants}) < len(draft.participants)
    ]
    assert repeated == []
    assert sum(len(draft.participants) for draft in drafts) > 3000
