"""The query string of the public pages: a character XML 1.0 forbids is refused with a clear
message wherever it comes, and the feed stays well-formed whatever text is already stored."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from meetings.models import Format, Meeting
from tests.factories import make_meeting

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = reverse("meetings:feed")
PAGES = [
    reverse("meetings:list"),
    reverse("meetings:export_csv"),
    reverse("meetings:export_jsonl"),
    FEED,
    reverse("meetings:documents"),
]
# The C0 controls but tab, newline and carriage return, and the two non-characters.
FORBIDDEN = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode()


@pytest.mark.parametrize("char", FORBIDDEN, ids=lambda char: f"U+{ord(char):04X}")
def test_the_feed_refuses_every_forbidden_character_in_q_with_a_400(client, char):
    response = client.get(FEED, {"q": f"a{char}b"})
    assert response.status_code == 400
    page = text_of(response)
    assert f"holds the character U+{ord(char):04X}, which cannot be searched for" in page
    assert char not in page


@pytest.mark.parametrize("path", PAGES)
def test_every_public_list_refuses_a_control_character_in_q(client, path):
    response = client.get(path, {"q": "talks\x01"})
    assert response.status_code == 400
    page = text_of(response)
    assert "“q” holds the character U+0001" in page
    assert "\x01" not in page


@pytest.mark.parametrize("path", PAGES)
def test_every_public_list_refuses_u_fffe_in_any_parameter(client, path):
    response = client.get(path, {"year": "2021\ufffe"})
    assert response.status_code == 400
    assert "“year” holds the character U+FFFE" in text_of(response)


def test_a_forbidden_character_in_a_parameter_name_is_refused_too(client):
    response = client.get(f"{FEED}?a%0Bb=1")
    assert response.status_code == 400
    page = text_of(response)
    assert "“ab” holds the character U+000B" in page
    assert "\x0b" not in page


def test_the_error_page_shows_the_words_without_the_forbidden_character(client):
    page = text_of(client.get(reverse("meetings:list"), {"q": "border\x1ftalks"}))
    assert 'value="bordertalks"' in page


def test_the_feed_leaves_out_forbidden_characters_already_stored(client):
    meeting = make_meeting(
        title="Border talks", format="Water council", city="Osh", host_country="KG"
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        title="Border\x0b talks", summary="Water\x0c and \ufffeenergy.", city="Osh\x01"
    )
    Format.objects.filter(pk=meeting.format_id).update(name_en="Water\x08 council")
    slug = Format.objects.get(pk=meeting.format_id).slug

    response = client.get(FEED, {"format": slug})

    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Summitry: Format: Water council"
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "2021-05-12 — Border talks"
    summary = entry.find(f"{ATOM}summary").text
    assert "Osh, Kyrgyzstan" in summary
    assert "Water and energy." in summary
