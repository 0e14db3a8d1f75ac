"""Meeting formats ("Central Asia–China", C5+1, SCO Council of Foreign Ministers) and editions.

A format written as its sides joined by dashes ("Центральная Азия – Китай", «ЦА-КНР»,
"China–Central Asia") is recognised by the set of sides, whatever their order, case or
abbreviation; institutional formats by their names. Both come from meetings/reference/formats.py.
"""

import itertools
import re
from dataclasses import dataclass
from functools import cache

from meetings import models
from meetings.intake.countries import find_places, group_members, place_matcher
from meetings.intake.matcher import PhraseMatcher, exact_key
from meetings.intake.morph import lemmas, stem
from meetings.intake.tokens import Token, normalize, tokenize
from meetings.reference.formats import FORMATS

L = models.Level

# Names news uses besides the reference names, per format slug.
FORMAT_ALIASES: dict[str, tuple[str, ...]] = {
    "c5-plus-1": ("C5+1", "С5+1", "C5 + 1", "С5 + 1", "Central Asia plus US", "C5 plus 1"),
    "central-asia-japan": ("Центральная Азия плюс Япония", "Central Asia plus Japan"),
    "central-asia-india-dialogue": (
        "Диалог Индия - Центральная Азия", "India-Central Asia Dialogue",
    ),
    "sco-council-of-foreign-ministers": (
        "СМИД ШОС", "SCO CFM", "Совет министров иностранных дел государств-членов ШОС",
        "Совет министров иностранных дел Шанхайской организации сотрудничества",
        "SCO Council of Foreign Ministers", "SCO Foreign Ministers Council",
        "Foreign Ministers' Council of the SCO", "Foreign Ministers Council of the SCO",
        "встреча министров иностранных дел государств-членов ШОС",
        "SCO foreign ministers' meeting", "SCO foreign ministerial meeting",
        "Council of Foreign Ministers of the SCO", "Council of Foreign Ministers of SCO",
        "Council of Foreign Ministers of the SCO member states",
        "Council of Foreign Ministers of the Shanghai Cooperation Organisation",
        "Council of Foreign Ministers of the Shanghai Cooperation Organization",
    ),
    "sco-council-of-heads-of-state": (
        "СГГ ШОС", "саммит ШОС", "SCO summit", "Совет глав государств ШОС",
        "Совет глав государств-членов ШОС", "SCO Heads of State Council",
        "Council of Heads of State of the SCO",
        "Council of Heads of State of the SCO member states",
    ),
    "sco-council-of-heads-of-government": (
        "СГП ШОС", "Совет глав правительств ШОС", "Совет глав правительств государств-членов ШОС",
        "SCO Heads of Government Council", "Council of Heads of Government of the SCO",
        "Council of Heads of Governments of the SCO", "Совет глав правительств государств ШОС",
        "заседание глав правительств государств-членов ШОС",
    ),
    "cis-council-of-heads-of-state": ("саммит СНГ", "CIS summit", "Совет глав государств СНГ"),
    "central-asia-consultative-meeting": (
        "Консультативная встреча глав государств Центральной Азии",
        "Консультативная встреча глав государств ЦА",
        "Консультативная встреча глав государств Центрально-Азиатского региона",
        "Consultative Meeting of the Heads of State of Central Asia",
        "Consultative Meeting of Heads of State of Central Asia",
        "Consultative Meeting of the Central Asian Heads of State",
        "Consultative Meeting of Central Asian Heads of State",
    ),
    "csto-collective-security-council": (
        "СКБ ОДКБ", "саммит ОДКБ", "CSTO summit", "CSTO Collective Security Council",
        "Совет коллективной безопасности ОДКБ", "Совет коллективной безопасности",
        "Collective Security Council",
    ),
    "organization-of-turkic-states-summit": (
        "саммит ОТГ", "OTS summit", "Саммит Организации тюркских государств",
        "Summit of the Organization of Turkic States",
    ),
    "supreme-eurasian-economic-council": (
        "ВЕЭС", "Высший Евразийский экономический совет", "Supreme Eurasian Economic Council",
    ),
}  # fmt: skip
# Sides of dash-joined formats that the reference name does not spell as sides.
FORMAT_SIDES: dict[str, tuple[str, ...]] = {"c5-plus-1": ("central-asia", "US")}
# An organisation's meeting at a given level, when the text does not name the council.
SCO = "shanghai-cooperation-organisation"
ORGANISATION_LEVEL_FORMATS: dict[tuple[str, str], str] = {
    (SCO, L.FOREIGN_MINISTERS): "sco-council-of-foreign-ministers",
    (SCO, L.HEADS_OF_STATE): "sco-council-of-heads-of-state",
    (SCO, L.HEADS_OF_GOVERNMENT): "sco-council-of-heads-of-government",
    ("cis", L.HEADS_OF_STATE): "cis-council-of-heads-of-state",
    ("collective-security-treaty-organization", L.HEADS_OF_STATE): (
        "csto-collective-security-council"
    ),
    ("organization-of-turkic-states", L.HEADS_OF_STATE): "organization-of-turkic-states-summit",
    ("eurasian-economic-union", L.HEADS_OF_STATE): "supreme-eurasian-economic-council",
}  # fmt: skip
SEPARATORS = {"-", "+", "plus", "плюс", "/"}


@dataclass(frozen=True)
class FormatInfo:
    slug: str
    name_en: str
    name_ru: str
    members: tuple[str, ...]


@cache
def formats() -> dict[str, FormatInfo]:
    return {
        f["slug"]: FormatInfo(f["slug"], f["name_en"], f["name_ru"], tuple(f["members"]))
        for f in FORMATS
    }


@cache
def side_signatures() -> dict[frozenset[str], str]:
    """{sides} → format slug, for formats named by their sides."""
    signatures = {}
    for slug, info in formats().items():
        if slug in FORMAT_SIDES:
            signatures[frozenset(FORMAT_SIDES[slug])] = slug
            continue
        parts = re.split(r"\s*–\s*", info.name_en)
        if len(parts) < 2:
            continue
        parts[-1] = re.sub(r"\s+(?:Dialogue|Railway)$", "", parts[-1])
        keys = []
        for part in parts:
            found = [
                m for m in place_matcher().find(tokenize(part)) if m.end == len(tokenize(part))
            ]
            if len(found) != 1 or found[0].start != 0:
                break
            keys.append(found[0].payload.key)
        else:
            signatures[frozenset(keys)] = slug
    return signatures


def stem_keys(token: Token) -> tuple[str, ...]:
    if token.text.isupper() and len(token.text) > 1:
        return (exact_key(token.text), stem(token.text))
    return (stem(token.text),)


def _stem_pattern(phrase: str) -> list[str]:
    keys = []
    for token in tokenize(normalize(phrase)):
        if token.text.isupper() and len(token.text) > 1:
            keys.append(exact_key(token.text))
        else:
            keys.append(stem(token.text))
    return keys


# An organisation's short name inside a format's name stands for its full names too.
SPELLED_OUT = {
    "ШОС": ("Шанхайской организации сотрудничества",),
    "SCO": ("Shanghai Cooperation Organization", "Shanghai Cooperation Organisation"),
    "СНГ": ("Содружества Независимых Государств",),
    "CIS": ("Commonwealth of Independent States",),
}


def _spelled_out(name: str) -> list[str]:
    names = [name]
    for short, longs in SPELLED_OUT.items():
        if re.search(rf"\b{short}\b", name):
            names += [re.sub(rf"\b{short}\b", full, name) for full in longs]
    return names


@cache
def name_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(stem_keys)
    for slug, info in formats().items():
        for name in (info.name_en, info.name_ru, *FORMAT_ALIASES.get(slug, ())):
            for spelled in _spelled_out(name):
                matcher.add(_stem_pattern(spelled), slug)
    return matcher


@dataclass(frozen=True)
class FormatMention:
    slug: str
    start: int
    end: int
    sentence: int


def find_format_mentions(sentence) -> list[FormatMention]:
    tokens = sentence.tokens
    found = [
        FormatMention(m.payload, m.char_start, m.char_end, sentence.index)
        for m in name_matcher().find(tokens)
    ]
    places = [m for m in find_places(tokens) if m.payload.kind != "adjective"]
    i = 0
    while i < len(places):
        chain = [places[i]]
        while i + 1 < len(places):
            gap = tokens[chain[-1].end : places[i + 1].start]
            if len(gap) == 1 and gap[0].lower in SEPARATORS:
                chain.append(places[i + 1])
                i += 1
            else:
                break
        i += 1
        if len(chain) < 2:
            continue
        slug = side_signatures().get(frozenset(m.payload.key for m in chain))
        if slug:
            found.append(
                FormatMention(slug, chain[0].char_start, chain[-1].char_end, sentence.index)
            )
    found.extend(_between_sides(sentence, places))
    found.extend(_region_and_partner(sentence, places))
    return sorted(found, key=lambda f: f.start)


REGION = "central-asia"


def _outside_brackets(tokens) -> set[int]:
    depth, outside = 0, set()
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            outside.add(token.index)
    return outside


JOINS = {"and", "и", "with", "с", "со"}


def _region_and_partner(sentence, places) -> list[FormatMention]:
    """ "China and Central Asian countries held ... meeting", "встреча глав государств
    Центральной Азии с Федеральным канцлером Германии": in a sentence about a meeting, the
    region joined by "and"/"with" to a partner it has a format with makes that format."""
    tokens = sentence.tokens
    if not any(MEETING_NOUNS & lemmas(t.text) for t in tokens):
        return []
    region = [m for m in places if m.payload.key == REGION]
    if not region:
        return []
    members = set(group_members(REGION))
    outside = _outside_brackets(tokens)
    best = None
    for partner in places:
        if partner.payload.key == REGION or partner.payload.kind == "group":
            continue
        if set(partner.payload.codes or (partner.payload.key,)) <= members:
            continue  # "(Казахстан, Кыргызстан, ...)" spells the region out
        slug = side_signatures().get(frozenset((REGION, partner.payload.key)))
        if not slug:
            continue
        for side in region:
            first, last = sorted((side, partner), key=lambda m: m.start)
            gap = [t.lower for t in tokens[first.end : last.start] if t.index in outside]
            if set(gap) & JOINS and len(gap) <= 8 and (best is None or len(gap) < best[0]):
                best = (len(gap), slug, first, last)
    if best is None:
        return []
    _, slug, first, last = best
    return [FormatMention(slug, first.char_start, last.char_end, sentence.index)]


BETWEEN = {"between", "между"}


def _between_sides(sentence, places) -> list[FormatMention]:
    """ "the Strategic Dialogue between Central Asia and the Gulf Cooperation Council"."""
    tokens = sentence.tokens
    found = []
    for first, second in itertools.pairwise(places):
        before = first.start - 1
        if before > 0 and tokens[before].lower == "the":
            before -= 1
        gap = [t.lower for t in tokens[first.end : second.start] if t.lower != "the"]
        if before < 0 or tokens[before].lower not in BETWEEN or gap not in (["and"], ["и"], ["&"]):
            continue
        slug = side_signatures().get(frozenset((first.payload.key, second.payload.key)))
        if slug:
            found.append(FormatMention(slug, first.char_start, second.char_end, sentence.index))
    return found


# Words that introduce a format's name later in an article; the China–Kyrgyzstan–Uzbekistan
# talks are named for the railway they build.
FORMAT_WORDS = {
    "формат", "формата", "формате", "format", "рамках", "framework", "железной дороги",
    "железная дорога", "railway",
}  # fmt: skip


# Words before a meeting's name that make it another event than the one reported: "on the eve
# of the Fifth Consultative Meeting", "in preparation for the SCO summit", "в преддверии".
OTHER_EVENT_WORDS = {
    "eve", "ahead", "upcoming", "next", "sidelines", "margins", "preparation", "preparations",
    "преддверии", "накануне", "полях", "подготовки", "подготовка", "подготовке", "предстоящего",
    "предстоящий", "предстоящем", "предстоящему", "будущего", "следующего", "следующий",
}  # fmt: skip
LATER_WORDS = {"slated", "scheduled", "planned", "запланирован", "запланированного"}
GENERIC_WORDS = ("саммит", "summit")


def choose_format(article) -> FormatMention | None:
    """The format named in the headline or the first paragraph, or one introduced as a format.
    A council's own name ("Совет глав правительств ШОС") outranks "саммит ШОС", and a meeting
    the text looks ahead to or only prepares is not the one it reports."""
    candidates = []
    lead_paragraphs = {s.paragraph for s in article.sentences[:1]}
    for sentence in article.with_headline():
        for mention in find_format_mentions(sentence):
            in_lead = sentence.index < 0 or sentence.paragraph in lead_paragraphs
            before = article.norm[max(sentence.start, mention.start - 30) : mention.start].lower()
            after = article.norm[mention.end : min(sentence.end, mention.end + 25)].lower()
            words_before = set(re.findall(r"\w+", before)[-4:])
            if words_before & OTHER_EVENT_WORDS or set(re.findall(r"\w+", after)) & LATER_WORDS:
                continue
            text = article.norm[mention.start : mention.end].lower()
            generic = any(word in text for word in GENERIC_WORDS)
            if generic and words_before & {"рамках", "framework"}:
                continue  # "в рамках Самаркандского саммита ШОС": talks on its sidelines
            introduced = any(word in before for word in FORMAT_WORDS)
            if in_lead or introduced:
                candidates.append((0 if in_lead else 1, generic, mention.start, mention))
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


# Editions: "Вторая встреча", "II встреча", "2-я встреча", "fifth meeting", "19th Ministerial"
ORDINALS = {
    "inaugural": 1, "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6,
    "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11,
    "двенадцатый": 12, "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15,
    "шестнадцатый": 16, "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19,
    "двадцатый": 20, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}  # fmt: skip
TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
ROMAN = re.compile(r"^(?=[IVXLC]+$)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ORDINAL_SUFFIXES = {"я", "й", "е", "го", "ой", "ая", "ое", "ей", "ий", "ом", "st", "nd", "rd", "th"}
SIDELINES = {"полях", "sidelines", "margins", "margin", "sideline"}
MEETING_NOUNS = {
    "встреча", "заседание", "саммит", "совещание", "консультация", "консультации", "форум",
    "сессия", "конференция", "диалог", "раунд", "meeting", "summit", "session", "ministerial",
    "consultation", "forum", "conference", "dialogue", "round", "edition", "council",
}  # fmt: skip


def _roman(text: str) -> int | None:
    if not text or not ROMAN.match(text):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(text, [*text[1:], None], strict=True):
        v = values[a]
        total += -v if b and values[b] > v else v
    return total


def _ordinal_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(number, index after the ordinal) for an ordinal starting at token i."""
    token = tokens[i]
    if token.text.isdigit():
        j = i + 1
        if j < len(tokens) and tokens[j].text == "-":
            j += 1
        if (
            j < len(tokens)
            and tokens[j].lower in ORDINAL_SUFFIXES
            and tokens[j].start - token.end <= 1
        ):
            return int(token.text), j + 1
        return None
    roman = _roman(token.text)
    glued = i + 1 < len(tokens) and tokens[i + 1].start == token.end
    # "C5+1" is a name, not the hundredth of anything: a numeral stands apart from what follows.
    apart = not (glued and not tokens[i + 1].is_word and tokens[i + 1].text not in ".,;:)")
    if roman and apart and len(token.text) <= 5 and (token.text != "I" or i + 1 < len(tokens)):
        return roman, i + 1
    for word in lemmas(token.text):
        if word in TENS and i + 2 < len(tokens):
            nxt = i + 1 + (1 if tokens[i + 1].text == "-" else 0)
            for unit in lemmas(tokens[nxt].text):
                if unit in ORDINALS and ORDINALS[unit] < 10:
                    return TENS[word] + ORDINALS[unit], nxt + 1
        if word in ORDINALS:
            return ORDINALS[word], i + 1
    return None


def find_edition(sentence, window: int = 9, counted_only: bool = False):
    """(edition, start, end) for the first "ordinal ... meeting noun" in the sentence, or for
    "встреча стала четвертой по счету" / "the meeting was the fourth"."""
    tokens = sentence.tokens
    for i in range(len(tokens)):
        found = _ordinal_at(tokens, i)
        if not found:
            continue
        number, after = found
        counted = after + 1 < len(tokens) and [t.lower for t in tokens[after : after + 2]] == [
            "по",
            "счету",
        ]
        meeting_before = any(MEETING_NOUNS & lemmas(t.text) for t in tokens[max(0, i - 4) : i])
        if any(t.lower in SIDELINES | OTHER_EVENT_WORDS for t in tokens[max(0, i - 3) : i]):
            continue  # "on the sidelines of the 78th UN General Assembly", "ahead of the XXIV"
        if {t.lower for t in tokens[after : after + 5]} & LATER_WORDS:
            continue  # "the XXIV SCO Summit slated for 3-4 July"
        if counted and meeting_before and 0 < number < 1000:
            return number, tokens[i].start, tokens[after + 1].end
        if counted_only:
            continue
        for k in range(after, min(len(tokens), after + window)):
            if MEETING_NOUNS & lemmas(tokens[k].text):
                if 0 < number < 1000:
                    return number, tokens[i].start, tokens[k].end
                break
            if tokens[k].text in (".", ";", ":", ",") or (
                tokens[k].is_word
                and tokens[k].lower in ("в", "in", "on", "at", "of")
                and k > after + 3
            ):
                break
    return None
