"""Loads the reference data (countries, aliases, groups, topics, formats) into a database.

Called from a data migration with the migration's historical models, so it must not import
``meetings.models``.
"""

from meetings.reference.aliases import COUNTRY_ALIASES, COUNTRY_GROUPS
from meetings.reference.countries import iso_countries
from meetings.reference.formats import FORMATS
from meetings.reference.topics import TOPICS


def load_reference_data(apps) -> None:
    load_countries(apps)
    load_groups(apps)
    load_topics(apps)
    load_formats(apps)


def load_countries(apps) -> None:
    Country = apps.get_model("meetings", "Country")
    CountryAlias = apps.get_model("meetings", "CountryAlias")
    Country.objects.bulk_create(
        [Country(**vars(c)) for c in iso_countries()],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["alpha3", "name_en", "name_ru", "is_former"],
    )
    CountryAlias.objects.bulk_create(
        [
            CountryAlias(country_id=code, name=name)
            for code, names in COUNTRY_ALIASES.items()
            for name in names
        ],
        ignore_conflicts=True,
    )


def load_groups(apps) -> None:
    CountryGroup = apps.get_model("meetings", "CountryGroup")
    for data in COUNTRY_GROUPS:
        group, _ = CountryGroup.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name_en": data["name_en"],
                "name_ru": data["name_ru"],
                "aliases": "\n".join(data["aliases"]),
            },
        )
        group.members.set(data["members"])


def load_topics(apps) -> None:
    Topic = apps.get_model("meetings", "Topic")
    saved = {}
    for slug, parent_slug, name_en, name_ru in TOPICS:
        saved[slug], _ = Topic.objects.update_or_create(
            slug=slug,
            defaults={"parent": saved.get(parent_slug), "name_en": name_en, "name_ru": name_ru},
        )


def load_formats(apps) -> None:
    Format = apps.get_model("meetings", "Format")
    for data in FORMATS:
        fmt, _ = Format.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name_en": data["name_en"],
                "name_ru": data["name_ru"],
                "description": data["description"],
            },
        )
        fmt.members.set(data["members"])
