"""Loads the reference data (countries, aliases, groups, topics, formats) into a database.

Called from a data migration with the migration's historical models, so it must not import
``meetings.models``.
"""

from meetings.reference.aliases import COUNTRY_ALIASES, COUNTRY_GROUPS
from meetings.reference.countries import iso_countries
from meetings.reference.formats import FORMATS, membership
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
    FormatMember = apps.get_model("meetings", "FormatMember")
    # Migration 0002 runs this before FormatMember had its dates (0007): the dates wait for
    # the data migration that follows them.
    dated = any(f.name == "joined" for f in FormatMember._meta.get_fields())
    for data in FORMATS:
        defaults = {
            "name_en": data["name_en"],
            "name_ru": data["name_ru"],
            "description": data["description"],
        }
        # An import may have created the format under its name before the reference data
        # knew it, with a slug of its own making.
        fmt = (
            Format.objects.filter(slug=data["slug"]).first()
            or Format.objects.filter(name_en=data["name_en"]).first()
        )
        if fmt is None:
            fmt = Format.objects.create(slug=data["slug"], **defaults)
        else:
            fmt.slug = data["slug"]
            for name, value in defaults.items():
                setattr(fmt, name, value)
            fmt.save()
        members = membership(data)
        FormatMember.objects.filter(format=fmt).exclude(country_id__in=members).delete()
        held = {m.country_id: m for m in FormatMember.objects.filter(format=fmt)}
        for code, (joined, left) in members.items():
            member = held.get(code) or FormatMember(format=fmt, country_id=code)
            if dated:
                member.joined, member.left = joined, left
            elif left is not None:
                continue  # a former member, with nothing yet to say when it left
            member.save()
