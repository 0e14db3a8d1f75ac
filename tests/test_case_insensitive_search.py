"""Case-insensitive lookups fold Cyrillic on both databases (SQLite's own LIKE does not)."""

import pytest

from meetings.models import Country, Person
from meetings.sqlite import unicode_like


@pytest.mark.parametrize("term", ["кыргыз", "КЫРГЫЗ", "Кыргыз", "ыргызст"])
def test_icontains_finds_kyrgyzstan_in_any_case(db, term):
    assert list(Country.objects.filter(name_ru__icontains=term).values_list("code", flat=True)) == [
        "KG"
    ]


def test_istartswith_and_iexact_fold_cyrillic(db):
    Person.objects.create(name="Руслан Казакбаев")

    assert Person.objects.filter(name__istartswith="руслан").count() == 1
    assert Person.objects.filter(name__iexact="РУСЛАН КАЗАКБАЕВ").count() == 1
    assert Person.objects.filter(name__icontains="казакбаева").count() == 0


def test_it_keeps_like_wildcards_and_escapes_meaning_what_they_mean():
    assert unicode_like("100\\%", "100%", "\\")
    assert not unicode_like("100\\%", "1000", "\\")
    assert unicode_like("к_р%", "КИРГИЗИЯ")
    assert not unicode_like("к_р", "КИРГИЗИЯ")
    assert unicode_like("a.b", "a.b") and not unicode_like("a.b", "axb")
    assert unicode_like("%", None) is None
