"""What the importer knows about particular records of other origins, by their external ids.

Events. The State Department's data sets keep one row per visitor: the five Central Asian
presidents at the C5+1 summit in New York in September 2023 are five visits, each saying only
that its leader "participated in C5+1 Presidential Summit". Nothing in a row names the
others, and a rule guessing events from dates and wording would also join leaders who merely
happened to be in Washington on the same day. So the links are listed here, checked by hand
against the rows' summaries; the importer gives a listed row its event when the row names
none itself.

Repeats. The same data sets list a few trips twice, under two ids, with every field equal. The
importer leaves out the second of each listed pair when the file holds both and they are
still equal; other lines equal but for their ids are imported and reported, since only a
person can tell a repeat from two meetings recorded alike.
"""

C5_PLUS_1_SUMMIT_2023 = "c5-plus-1-summit-2023-new-york"

CURATED_EVENTS: dict[str, str] = {
    # Tokayev, Japarov, Rahmon, Berdimuhamedov and Mirziyoyev, 21 September 2023.
    **{f"hsg-visits-{n}": C5_PLUS_1_SUMMIT_2023 for n in range(3219, 3224)},
}

# The repeat's id, and the id of the line it repeats (the data set's README names both pairs:
# Secretary Blinken in Tokyo and in Seoul, March 2021).
KNOWN_REPEATS: dict[str, str] = {
    "hsg-travels-4019": "hsg-travels-3992",
    "hsg-travels-4020": "hsg-travels-3993",
}


def curated_event(external_id: str | None) -> str:
    return CURATED_EVENTS.get(external_id or "", "")
