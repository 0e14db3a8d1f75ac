"""People at the meeting: position, country or organisation, and name in the nominative.

"министра иностранных дел Кыргызстана Руслана Казакбаева" → Руслан Казакбаев, Minister of
Foreign Affairs, KG. A role the text leaves unnamed ("министр иностранных дел Туркменистана")
still names a side and a level, but never becomes a person.
"""

import re
from dataclasses import dataclass, field

from meetings.intake.countries import find_places
from meetings.intake.matcher import Match
from meetings.intake.morph import analyzer, lemmas, parses
from meetings.intake.positions import SIDES, UNNAMED_POST, Position, position_matcher
from meetings.intake.tokens import Token

NAME_TAGS = {"Name", "Surn", "Patr"}
# Capitalised words that follow a position but are not names.
NOT_NAMES = {
    "the", "a", "an", "and", "of", "on", "in", "at", "for", "with", "to", "by", "from", "as",
    "he", "she", "it", "they", "his", "her", "their", "this", "that", "these", "those",
    "foreign", "minister", "ministers", "president", "presidents", "secretary", "state",
    "deputy", "prime", "affairs", "ambassador", "chairman", "council", "government", "ministry",
    "republic", "federal", "mr", "mrs", "ms", "dr", "h", "e", "his excellency", "excellency",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "xinhua", "kazinform", "tass",
    "в", "во", "на", "по", "с", "со", "к", "о", "об", "из", "за", "при", "для", "и", "также",
    "однако", "кроме", "он", "она", "они", "его", "ее", "их", "этот", "эта", "это",
    "господин", "госпожа", "г-н", "г-жа",
}  # fmt: skip
# Titles of address before a name: "Sheikh Tamim bin Hamad Al Thani", "Honorable Xi Jinping".
HONORIFICS = {
    "sheikh", "honorable", "honourable", "excellency", "mr", "ms", "mrs", "dr", "elbasy",
    "nation", "господин", "госпожа", "шейх",
}  # fmt: skip
NAME_PARTICLES = {"von", "der", "van", "de", "da", "del", "bin", "al", "el", "la", "le", "du", "di"}
PRESS_SERVICE = {"служба", "службы", "службе", "службой", "service"}  # пресс-служба: hyphen splits
CONNECTORS = {"и", "and", "-", "&"}
LIST_FILLERS = {"стран", "страны", "государств", "государства", "членов", "the", "of", "-", "и"}
LIST_FILLERS |= {"and", ",", "countries", "states", "nations", "республик", "member", "members"}


@dataclass
class Person:
    name: str  # nominative
    start: int
    end: int
    parts: tuple[str, ...]  # nominative parts, for later mentions

    @property
    def key(self) -> str:
        return self.name.lower().replace("ё", "е")


@dataclass
class Role:
    position: Position
    start: int
    end: int
    sentence: int
    places: list[Match] = field(default_factory=list)  # places the role belongs to
    person: Person | None = None
    title: str = ""
    absent: bool = False

    @property
    def countries(self) -> list[str]:
        codes = []
        for match in self.places:
            for code in match.payload.codes:
                if code not in codes:
                    codes.append(code)
        return codes

    @property
    def organisation(self) -> str:
        for match in self.places:
            if match.payload.kind == "organisation":
                return match.payload.label
        return self.position.organisation


def _is_initial(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and i + 1 < len(tokens)
        and tokens[i + 1].text == "."
        and tokens[i + 1].start == token.end
    )


def _is_name_word(token: Token, language: str, place_starts: set[int]) -> bool:
    if not token.is_word or not token.text[0].isupper() or token.index in place_starts:
        return False
    if token.lower in NOT_NAMES:
        return False
    if token.text.isupper() and len(token.text) > 1:
        return False  # МИД, КНР, ASTANA
    if token.is_cyrillic:
        found = parses(token.lower)
        if not found:
            return True
        name_like = any(
            NAME_TAGS & p.tag.grammemes or {"Geox", "Fixd"} & p.tag.grammemes for p in found
        )
        known_common = all(p.is_known for p in found) and not name_like
        return not known_common
    return True


SURNAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "цкий", "ская", "цкая",
    "ян", "енко", "ук", "юк", "швили", "дзе", "ли", "ди", "зода", "заде", "оглу", "улы", "кызы",
    "ова", "овым", "евым", "ым", "ой", "ому", "ему", "ого", "ова", "ева",
)  # fmt: skip


def _capitalised_word(token: Token, place_starts: set[int]) -> bool:
    return (
        token.is_word
        and token.text[0].isupper()
        and token.index not in place_starts
        and token.lower not in NOT_NAMES
        and not (token.text.isupper() and len(token.text) > 1)
    )


def _is_surname_like(token: Token, place_starts: set[int]) -> bool:
    """After a first name: "Токаев" is a surname even though the dictionary reads it otherwise."""
    if not token.is_word or not token.text[0].isupper() or token.index in place_starts:
        return False
    if token.lower in NOT_NAMES or (token.text.isupper() and len(token.text) > 1):
        return False
    if not token.is_cyrillic:
        return True
    return token.lower.endswith(SURNAME_ENDINGS) or any(
        NAME_TAGS & p.tag.grammemes for p in parses(token.lower)
    )


def read_name(tokens: list[Token], i: int, language: str, place_starts: set[int]):
    """Name parts starting at token i: [(start index, end index)] per part, or None."""
    parts: list[tuple[int, int]] = []
    j = i
    while j < len(tokens) and tokens[j].lower in HONORIFICS:
        j += 2 if j + 1 < len(tokens) and tokens[j + 1].text == "." else 1
    limit = 4 if language == "en" else 3
    while j < len(tokens) and len(parts) < limit + _particles(tokens, parts):
        if _is_initial(tokens, j) and parts and not _is_initial_followed(tokens, j, language):
            parts.append((j, j + 1))  # "Ван И." at the end of a sentence
            break
        if _is_initial(tokens, j):
            end = j + 2
            while end + 1 < len(tokens) and _is_initial(tokens, end):
                end += 2
            parts.append((j, end))
            j = end
            continue
        if language == "en" and tokens[j].lower in NAME_PARTICLES and parts:
            if j + 1 < len(tokens) and _is_name_word(tokens[j + 1], language, place_starts):
                parts.append((j, j + 1))
                j += 1
                continue
            break
        # "Хакан Фидан": a first name the dictionary knows as a common word, before a surname
        first_name_read_as_word = (
            not parts
            and j + 1 < len(tokens)
            and _capitalised_word(tokens[j], place_starts)
            and (
                _is_name_word(tokens[j + 1], language, place_starts)
                or (
                    _is_surname_like(tokens[j + 1], place_starts)
                    and tokens[j + 1].lower.endswith(SURNAME_ENDINGS)
                )
            )
        )
        if (
            not _is_name_word(tokens[j], language, place_starts)
            and not (parts and _is_surname_like(tokens[j], place_starts))
            and not first_name_read_as_word
        ):
            # A one-letter given name closes a Chinese name: "Ван И", "Wang Yi" is two letters.
            one_letter = (
                len(parts) == 1
                and tokens[j].is_word
                and len(tokens[j].text) == 1
                and tokens[j].text.isupper()
                and (j + 1 >= len(tokens) or not tokens[j + 1].is_word)
            )
            if one_letter:
                parts.append((j, j + 1))
                j += 1
            break
        end = j + 1
        # Hyphenated names: Касым-Жомарт, Анвар-уль-Хак
        while (
            end + 1 < len(tokens)
            and tokens[end].text == "-"
            and tokens[end].start == tokens[end - 1].end
            and tokens[end + 1].start == tokens[end].end
            and tokens[end + 1].is_word
            and (
                tokens[end + 1].text[0].isupper()
                or (
                    len(tokens[end + 1].text) <= 3
                    and end + 2 < len(tokens)
                    and tokens[end + 2].text == "-"
                )
                # Korean given names: "Cho Tae-yul", "Kang Kyung-wha"
                or (language == "en" and len(tokens[end + 1].text) <= 4)
            )
        ):
            end += 2
        parts.append((j, end))
        j = end
    has_initials = any(tokens[a].text.isupper() and len(tokens[a].text) == 1 for a, _ in parts)
    words = [p for p in parts if not (p[1] - p[0] == 2 and tokens[p[0] + 1].text == ".")]
    if len(parts) < 2 or (has_initials and not words):
        return None
    return parts


def _particles(tokens: list[Token], parts: list[tuple[int, int]]) -> int:
    """ "Mohammed bin Salman bin Abdulaziz Al Saud": particles do not count as name parts."""
    return sum(1 for a, b in parts if b - a == 1 and tokens[a].lower in NAME_PARTICLES)


def _is_initial_followed(tokens: list[Token], j: int, language: str) -> bool:
    k = j + 2
    return k < len(tokens) and _is_name_word(tokens[k], language, set())


def _part_text(text: str, tokens: list[Token], part: tuple[int, int]) -> str:
    return text[tokens[part[0]].start : tokens[part[1] - 1].end]


def _choose_parse(word: str, cases: set[str], gender: str | None):
    candidates = [p for p in parses(word.lower()) if p.tag.case in cases and "NOUN" in p.tag]
    if gender:
        candidates = [
            p
            for p in candidates
            if p.tag.gender is None or gender in p.tag.grammemes or "ms-f" in p.tag.grammemes
        ]

    def rank(p):
        fixed = "Fixd" in p.tag
        if NAME_TAGS & p.tag.grammemes:
            return 0 if not fixed else 1
        return 2 if not fixed else 3

    return min(candidates, key=rank) if candidates else None


# Oblique endings of Russian-type surnames and their nominative, by gender.
_SURNAME_CASES = {
    "masc": (
        ("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"), ("иным", "ин"), ("ыным", "ын"),
        ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
        ("ову", "ов"), ("еву", "ев"), ("ину", "ин"), ("ове", "ов"), ("еве", "ев"), ("ине", "ин"),
        ("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
    ),
    "femn": (
        ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ову", "ова"), ("еву", "ева"),
        ("ину", "ина"), ("ской", "ская"), ("скую", "ская"),
    ),
}  # fmt: skip


def _surname_by_ending(word: str, gender: str | None) -> str:
    for ending, nominative in _SURNAME_CASES["femn" if gender == "femn" else "masc"]:
        if word.lower().endswith(ending) and len(word) > len(ending) + 2:
            return word[: len(word) - len(ending)] + nominative
    return word


def _restore(source: str, target: str) -> str:
    return "-".join(
        t[:1].upper() + t[1:] if s[:1].isupper() else t
        for s, t in zip(source.split("-"), target.split("-"), strict=False)
    )


def _nominative_word(word: str, cases: set[str], gender: str | None) -> tuple[str, str | None]:
    found = parses(word.lower())
    top = found[0] if found else None
    nominative_name_form = (
        top is not None and NAME_TAGS & top.tag.grammemes and top.tag.case == "nomn"
    )
    if nominative_name_form and not any(
        p.tag.case in cases and NAME_TAGS & p.tag.grammemes for p in found
    ):
        return word, gender  # already the nominative of a name
    if "-" in word:  # Касым-Жомарта: only the last part declines
        head, _, last = word.rpartition("-")
        form, gender = _nominative_word(last, cases, gender)
        return f"{head}-{form}", gender
    parse = _choose_parse(word, cases, gender)
    if parse is None:
        return _surname_by_ending(word, gender), gender
    if parse.tag.case == "nomn" or "Fixd" in parse.tag:
        return word, gender or (str(parse.tag.gender) if parse.tag.gender else None)
    inflected = None
    try:
        inflected = parse.inflect({"nomn"})
    except ValueError:
        inflected = None
    form = inflected.word if inflected else parse.normal_form
    found_gender = str(parse.tag.gender) if parse.tag.gender else None
    return _restore(word, form.replace("ё", "е") if "ё" not in word else form), (
        gender or found_gender
    )


def nominative_name(parts: list[str], cases: set[str]) -> list[str]:
    """Name parts put into the nominative, given the cases the governing word can be in."""
    if (
        not cases
        or "nomn" in cases
        or not all(any("а" <= c <= "я" for c in p.lower()) for p in parts)
    ):
        return parts
    gender = None
    result = []
    for part in parts:
        if re.fullmatch(r"(?:[А-ЯA-Z]\.\s?)+", part):
            result.append(part)
            continue
        form, gender = _nominative_word(part, cases, gender)
        result.append(form)
    return result


def _cases_of_head(token: Token) -> set[str]:
    cases = {p.tag.case for p in parses(token.lower) if p.tag.case}
    if "gen2" in cases:
        cases.add("gent")
    if "loc2" in cases:
        cases.add("loct")
    return cases


def _place_at(places_by_start: dict[int, Match], i: int) -> Match | None:
    return places_by_start.get(i)


def find_roles(article, language: str) -> list[Role]:
    """Every position phrase in the body, with the side it belongs to and the person holding it."""
    analyzer()
    roles: list[Role] = []
    for sentence in article.sentences:
        roles.extend(_sentence_roles(article, sentence, language))
    return [r for r in roles if not r.absent]


def _merge_compound(
    matches: list[Match], tokens: list[Token]
) -> list[tuple[int, int, Position, str]]:
    """ "Deputy Prime Minister and Foreign Minister" is one person's two posts."""
    merged: list[tuple[int, int, Position, str]] = []
    for match in matches:
        position: Position = match.payload
        if merged:
            start, end, previous, title = merged[-1]
            gap = tokens[end : match.start]
            joined = len(gap) == 1 and (gap[0].lower in CONNECTORS or gap[0].text == ",")
            if joined and previous.person and position.person and _singular(tokens[start]):
                level = position.level or previous.level
                combined = Position(f"{title} and {position.title}", level)
                merged[-1] = (start, match.end, combined, combined.title)
                continue
        merged.append((match.start, match.end, position, position.title))
    return merged


def _singular(token: Token) -> bool:
    if not token.is_cyrillic:
        return not token.lower.endswith("s")
    return any(p.tag.number == "sing" for p in parses(token.lower)) if parses(token.lower) else True


def _sentence_roles(article, sentence, language: str) -> list[Role]:
    tokens = sentence.tokens
    places = find_places(tokens)
    places_by_start = {m.start: m for m in places}
    places_by_end = {m.end: m for m in places}
    place_starts = {tokens[m.start].index for m in places}
    text = article.text  # names keep their ё
    roles: list[Role] = []
    matches = position_matcher().find(tokens)
    for start, end, position, title in _merge_compound(matches, tokens):
        if position is UNNAMED_POST and not _singular(tokens[start]):
            position = SIDES  # "the leaders" name no one
        if start > 0 and tokens[start - 1].lower in PRESS_SERVICE:
            continue  # "сообщает пресс-служба МИД КР" names the source, not a side
        if {t.lower for t in tokens[max(0, start - 3) : start]} & SPOKESPEOPLE:
            continue  # "пресс-секретарь президента Дмитрий Песков" speaks for the President
        head = _head_token(tokens, start)
        acting = _acting_prefix(tokens, start) if position.person else None
        if acting is not None:
            title = f"Acting {title}"
            head = tokens[acting] if tokens[acting].is_cyrillic else head
            start = acting
        role = Role(position, tokens[start].start, tokens[end - 1].end, sentence.index, title=title)
        roles.append(role)
        # "Председатель КНР": the country inside the post's own words
        role.places.extend(m for m in places if m.start >= start and m.end <= end)
        # A side named before the post: "кыргызская сторона", "Kazakh Foreign Minister",
        # "China's foreign minister".
        before = start
        if before > 0 and tokens[before - 1].lower == "the":
            before -= 1
        if before >= 3 and tokens[before - 1].lower == "s" and tokens[before - 2].text == "'":
            owner = places_by_end.get(before - 2)
            if owner:
                role.places.append(owner)
        elif before > 0 and places_by_end.get(start):
            owner = places_by_end[start]
            if owner.payload.kind in ("adjective", "group", "organisation") or language == "en":
                role.places.append(owner)
        elif before > 1 and tokens[before - 1].text == "-" and places_by_end.get(before - 1):
            owner = places_by_end[before - 1]
            if owner.payload.kind in ("adjective", "country"):
                role.places.append(owner)  # "узбекскую – министр транспорта", "Иран – ..."
        else:
            owner = _represented_by(tokens, before, places_by_end)
            if owner is not None:
                role.places.append(owner)  # "Индию представляет министр иностранных дел"
        # Places after the post: "министра иностранных дел Кыргызстана", "of Kazakhstan",
        # "министров иностранных дел Казахстана, Кыргызстана и Узбекистана".
        j = end
        if language == "en" and j < len(tokens) and tokens[j].lower == "of":
            j += 1
        while j < len(tokens):
            if tokens[j].lower == "the" and language == "en":
                j += 1
                continue
            if tokens[j].lower in ("стран", "государств", "государств-членов"):
                j += 1
                continue
            place = _place_at(places_by_start, j)
            if place is None or (place.payload.kind == "adjective" and place.first.is_cyrillic):
                break
            role.places.append(place)
            j = place.end
            if role.position.person and _starts_name(tokens, j, language, place_starts):
                break
            if (
                j < len(tokens)
                and tokens[j].text in (",", "и", "and")
                and _place_at(places_by_start, j + 1)
            ):
                j += 1
                continue
            if (
                j + 1 < len(tokens)
                and tokens[j].lower in ("и", "and", "-")
                and tokens[j + 1].lower in ("стран", "государств", "the")
            ):
                j += 1
                continue
            break
        if not role.position.person:
            # "главы государств — Касым-Жомарт Токаев (Казахстан), Садыр Жапаров (Киргизия)"
            roles.extend(_bracketed_list(text, tokens, j, role, places_by_start, language))
            continue
        head_cases = _cases_of_head(head)
        if j < len(tokens) and tokens[j].text == "-" and j > end:
            j += 1  # "министр иностранных дел Казахстана — Ерлан Идрисов"
        parts = read_name(tokens, j, language, place_starts)
        if parts:
            role.person = _person(text, tokens, parts, head_cases)
            j = parts[-1][1]
            side, j = _bracketed_side(tokens, j, places_by_start)
            if side is not None:
                role.places = [side]  # "главы государств — Касым-Жомарт Токаев (Казахстан)"
            # "министры иностранных дел Казахстана Мурат Нуртлеу, Кыргызстана Жээнбек Кулубаев",
            # "of the Republic of Kazakhstan Erlan Idrisov, the Republic of Kyrgyzstan – Erlan
            # Abdyldaev", "Касым-Жомарт Токаев (Казахстан), Садыр Жапаров (Киргизия)"
            while j + 1 < len(tokens) and tokens[j].text in (",", "и", "and"):
                k = j + 1
                if tokens[k].lower == "the" and language == "en":
                    k += 1
                place = _place_at(places_by_start, k)
                if place is not None:
                    k = place.end + (
                        1 if place.end < len(tokens) and tokens[place.end].text == "-" else 0
                    )
                    more = read_name(tokens, k, language, place_starts)
                    after = more[-1][1] if more else k
                elif side is not None:
                    more = read_name(tokens, k, language, place_starts)
                    place, after = (
                        _bracketed_side(tokens, more[-1][1], places_by_start) if more else (None, k)
                    )
                else:
                    break
                if not more or place is None:
                    break
                extra = Role(position, role.start, role.end, sentence.index, [place], title=title)
                extra.person = _person(text, tokens, more, head_cases)
                roles.append(extra)
                j = after
        else:
            role.person = _apposition(
                text, tokens, start, role, places_by_end, language, place_starts
            )
    _inherit_sides(roles)
    if ABSENCE.search(text[sentence.start : sentence.end]):
        for role in roles:
            role.absent = True  # "Pashinyan said he would not attend"
    return roles


# Whoever speaks or works for a post-holder is quoted, not a participant in the post's name.
SPOKESPEOPLE = {
    "пресс", "press", "секретарь", "представитель", "спикер", "spokesperson", "spokesman",
    "spokeswoman", "помощник", "советник", "adviser", "advisor", "aide", "office",
}  # fmt: skip
REPRESENT_VERBS = {"представлять", "возглавлять", "represent", "represented", "lead", "led", "head"}
PASSIVE = {"was", "were", "is", "are", "by", "been"}


def _bracketed_list(text, tokens, j, side, places_by_start, language) -> list[Role]:
    """Names each followed by its country in brackets, after a dash or a colon."""
    found: list[Role] = []
    if j >= len(tokens) or tokens[j].text not in ("-", ":"):
        return found
    j += 1
    place_starts = {tokens[m.start].index for m in places_by_start.values()}
    while j < len(tokens):
        parts = read_name(tokens, j, language, place_starts)
        place, after = (
            _bracketed_side(tokens, parts[-1][1], places_by_start) if parts else (None, j)
        )
        if not parts or place is None:
            break
        role = Role(UNNAMED_POST, side.start, side.end, side.sentence, [place])
        role.person = _person(text, tokens, parts, {"nomn"})
        found.append(role)
        if after < len(tokens) and tokens[after].text in (",", "и", "and"):
            j = after + 1
            continue
        break
    return found


def _bracketed_side(tokens: list[Token], j: int, places_by_start: dict) -> tuple[Match | None, int]:
    """ "(Казахстан)" right after a name: the side that person stands for."""
    if j + 2 < len(tokens) and tokens[j].text == "(":
        place = _place_at(places_by_start, j + 1)
        if place is not None and place.end < len(tokens) and tokens[place.end].text == ")":
            return place, place.end + 1
    return None, j


def _represented_by(tokens: list[Token], before: int, places_by_end: dict) -> Match | None:
    k = before
    verb = False
    while k > 0 and before - k < 4:
        word = tokens[k - 1]
        if REPRESENT_VERBS & lemmas(word.text) or word.lower in REPRESENT_VERBS:
            verb = True
        elif word.lower not in PASSIVE:
            break
        k -= 1
    owner = places_by_end.get(k) if verb else None
    return owner if owner is not None and owner.payload.kind in ("country", "adjective") else None


ABSENCE = re.compile(
    r"\b(?:(?:would|will|did|does|do) not (?:attend|take part|participate|come)|not to attend"
    r"|boycott\w*|stay(?:ed)? away|skipp(?:ed|ing)|(?:was|were) absent"
    r"|не (?:принял|приняла|приняли|примет|будет|смог\w*) (?:принять )?участи\w*"
    r"|не участвовал\w*|отказал\w* от участия|бойкотир\w*|не приехал\w*|отсутствовал\w*)",
    re.IGNORECASE,
)


def _inherit_sides(roles: list[Role]) -> None:
    """ "Кыргызскую сторону представлял министр транспорта ...": the post belongs to that side."""
    side = None
    for role in roles:
        if not role.position.person:
            side = role if len(role.countries) == 1 else None
            continue
        if side is not None and not role.places and role.person is not None:
            role.places = list(side.places)
        side = None


ACTING = {"исполняющий", "исполняющего", "исполняющему", "исполняющим", "исполняющая", "acting"}


def _acting_prefix(tokens: list[Token], start: int) -> int | None:
    """Index of "исполняющий" in "исполняющий обязанности министра", of "Acting" in "Acting
    Foreign Minister", or None."""
    if (
        start >= 2
        and tokens[start - 1].lower == "обязанности"
        and tokens[start - 2].lower in ACTING
    ):
        return start - 2
    if start >= 1 and tokens[start - 1].lower == "acting":
        return start - 1
    if start >= 4 and [t.lower for t in tokens[start - 4 : start]] == ["и", ".", "о", "."]:
        return start - 4
    return None


def _head_token(tokens: list[Token], start: int) -> Token:
    """The word that carries the case: "министром" in "Премьер-министром"."""
    if (
        start + 2 < len(tokens)
        and tokens[start + 1].text == "-"
        and tokens[start + 1].start == tokens[start].end
        and tokens[start + 2].start == tokens[start + 1].end
    ):
        return tokens[start + 2]
    return tokens[start]


def _starts_name(tokens, j, language, place_starts) -> bool:
    return read_name(tokens, j, language, place_starts) is not None


def _person(text, tokens, parts, head_cases) -> Person:
    surfaces = [_part_text(text, tokens, p) for p in parts]
    names = nominative_name(surfaces, head_cases)
    return Person(
        " ".join(names), tokens[parts[0][0]].start, tokens[parts[-1][1] - 1].end, tuple(names)
    )


def _apposition(text, tokens, start, role, places_by_end, language, place_starts) -> Person | None:
    """ "Мурат Нуртлеу, министр иностранных дел Казахстана", "Wang Yi, China's foreign minister"."""
    i = start
    while i > 0 and (tokens[i - 1].lower == "the" or places_by_end.get(i) is not None):
        owner = places_by_end.get(i)
        i = owner.start if owner else i - 1
    if i >= 3 and tokens[i - 1].lower == "s" and tokens[i - 2].text == "'":
        owner = places_by_end.get(i - 2)
        if owner:
            i = owner.start
    if i < 3 or tokens[i - 1].text != ",":
        return None
    end = i - 1
    for length in (4, 3, 2):
        first = end - length
        if first < 0:
            continue
        parts = read_name(tokens, first, language, place_starts)
        if (
            parts
            and parts[-1][1] == end
            and (
                first == 0
                or not tokens[first - 1].is_word
                or not tokens[first - 1].text[0].isupper()
            )
        ):
            return _person(text, tokens, parts, {"nomn"})
    return None
