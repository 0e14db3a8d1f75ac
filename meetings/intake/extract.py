"""The extraction pipeline: from an article's text to a draft meeting record with evidence."""

import datetime
from collections import Counter

from meetings import models
from meetings.intake.article import Article, read_article
from meetings.intake.countries import find_places, group_members, place_matcher
from meetings.intake.dates import find_dates, find_relative
from meetings.intake.documents import find_documents, kind_matcher
from meetings.intake.formats import (
    LATER_WORDS,
    MEETING_NOUNS,
    ORGANISATION_LEVEL_FORMATS,
    OTHER_EVENT_WORDS,
    choose_format,
    find_edition,
    formats,
    name_matcher,
    side_signatures,
)
from meetings.intake.gazetteer import city_matcher
from meetings.intake.morph import analyzer, lemmas
from meetings.intake.people import ABSENCE, Role, find_roles
from meetings.intake.positions import home_of_post, position_matcher
from meetings.intake.results import MAX_ARTICLE_BYTES, ArticleRejected, Extraction, Found
from meetings.intake.statements import Speaker, find_statements
from meetings.intake.titles import build_title
from meetings.intake.topics import find_topics, most_specific, topic_matcher
from meetings.intake.venue import find_chair, find_host, find_venue, is_virtual
from meetings.interchange.records import (
    DocumentRecord,
    MeetingRecord,
    ParticipantRecord,
    SourceRecord,
    StatementRecord,
    max_length,
)
from meetings.reference.formats import FORMATS_BY_SLUG, members_on

L = models.Level
LEVEL_RANK = [
    L.HEADS_OF_STATE, L.HEADS_OF_GOVERNMENT, L.FOREIGN_MINISTERS, L.MINISTERS,
    L.SENIOR_OFFICIALS, L.PARLIAMENTARY, L.EXPERTS, L.OTHER,
]  # fmt: skip
# Words that make a sentence report the meeting itself.
MEETING_WORDS = MEETING_NOUNS | {
    "состояться", "пройти", "проходить", "провести", "встретиться", "участие", "участвовать",
    "прибыть", "посетить", "открыться", "стартовать", "обсудить", "начаться", "завершиться",
    "переговоры", "визит", "held", "hold", "holds", "met", "meet", "meets", "place", "convened",
    "hosted", "attended", "participated", "arrived", "visited", "opened", "talks", "visit",
    "discussed", "chaired", "co-chaired", "gathered",
}  # fmt: skip
SUMMIT_WORDS = {"саммит", "summit"}
OFFICIALS_WORDS = {"officials", "officials'", "должностных", "som"}
SIDE_HEADS = ("сторон", "делегац", "side", "delegation")


def warm_up() -> None:
    """Loads the dictionary and builds the name matchers (about a second, once per process), so
    that the first article is as quick as the rest. Call it where a process starts, if at all."""
    analyzer()
    for build in (
        city_matcher,
        place_matcher,
        position_matcher,
        topic_matcher,
        name_matcher,
        side_signatures,
        kind_matcher,
    ):
        build()


def check_input(text) -> None:
    if not isinstance(text, str) or not text.strip():
        raise ArticleRejected("The article is empty: paste the text of a news article.")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleRejected(
            f"The article is {size:,} bytes long; the limit is {MAX_ARTICLE_BYTES:,} bytes. "
            "Paste only the article, not the whole page."
        )


def extract_article(
    text: str, *, published: datetime.date | None = None, url: str = "", publisher: str = ""
) -> Extraction:
    """A draft meeting record from a news article or press release (see the package docstring)."""
    check_input(text)
    # A date without a year ("ASTANA, May 12 (Xinhua)") takes the year nearest the publication
    # date, or today's when none is given (and the editor is warned).
    article = read_article(text, published or datetime.date.today())
    if not article.sentences:
        raise ArticleRejected(
            "Nothing but page furniture (comments, share buttons...) was found: paste the "
            "article's text."
        )
    found = Found([], [])
    start_date, end_date = _meeting_dates(article, published, found)
    roles = find_roles(article, article.language)
    fmt = choose_format(article)
    fmt_info = formats()[fmt.slug] if fmt else None
    level = _level(article, roles, fmt_info, found)
    if fmt is None:
        fmt_info = _organisation_format(article, level, found)
    elif fmt_info:
        found.add("format", fmt.start, fmt.end, fmt_info.name_en)
    edition = _edition(article, fmt, found)
    if is_virtual(article):
        # held by video link: no venue, and the host is the side that chaired it
        city, city_span = None, None
        host = find_chair(article, roles, found)
    else:
        city, city_span = find_venue(article, found)
        host = find_host(article, city, city_span, found)
    day = start_date or published
    countries = _countries(article, roles, fmt_info, host, day, found)
    participants = _participants(article, roles, found)
    _last_side_for_last_person(participants, countries)
    for person in participants:
        if person.country and person.country not in countries:
            countries = sorted([*countries, person.country])
    speakers = [Speaker(p.name, p.country, tuple(p.name.split()), p.position) for p in participants]
    documents = []
    for document in find_documents(article):
        documents.append(
            DocumentRecord(title=document.title, kind=document.kind, signatories=list(countries))
        )
        found.add("documents", document.start, document.end, document.title)
    statements = []
    for statement in find_statements(article, roles, speakers):
        body = article.text[statement.start : statement.end].strip()
        statements.append(
            StatementRecord(
                country=statement.country,
                speaker=statement.speaker,
                text=body,
                topics=statement.topics,
            )
        )
        found.add("statements", statement.start, statement.end, statement.country or "")
    topics = _topics(article, roles, len(countries), found)
    title, title_en = _titles(article, level, fmt_info, edition, countries, found)
    dateline = article.dateline
    source = SourceRecord(
        url=url.strip(),
        publisher=publisher.strip() or (dateline.agency if dateline else ""),
        published=published or (dateline.date.first if dateline and dateline.date else None),
        language=article.language,
        title=article.text[article.headline.start : article.headline.end]
        if article.headline
        else "",
        dateline=article.text[dateline.start : dateline.end] if dateline else "",
        text=article.clean_text(),
    )
    record = MeetingRecord(
        title=title,
        title_en=title_en,
        language=article.language,
        start_date=start_date,
        end_date=end_date,
        city=city.name if city else "",
        host_country=host,
        format=fmt_info.name_en if fmt_info else "",
        edition=edition,
        level=level or "",
        countries=countries,
        participants=participants,
        topics=topics,
        documents=documents,
        statements=statements,
        sources=[source],
        status=models.Status.DRAFT,
    )
    if not countries:
        found.warnings.append("No participating country was recognised: add the countries.")
    if not city:
        found.warnings.append("No venue city was recognised.")
    if not level:
        found.warnings.append("The meeting's level could not be told from the text.")
    _fit(record)
    found.evidence.sort(key=lambda e: (e.start, e.field))
    return Extraction(
        record=record, evidence=found.evidence, warnings=found.warnings, missing=found.missing
    )


def _fit(record: MeetingRecord) -> None:
    """Clips text fields to the lengths the register stores, so that an odd paste (a whole page
    in one line) still gives a draft the import and the admin accept."""
    M, S, P = models.Meeting, models.Source, models.Person
    record.title = _clip(record.title, M, "title")
    record.title_en = _clip(record.title_en, M, "title_en")
    for source in record.sources:
        source.title = _clip(source.title, S, "title")
        source.dateline = _clip(source.dateline, S, "dateline")
        source.publisher = _clip(source.publisher, S, "publisher")
    for person in record.participants:
        person.name = _clip(person.name, P, "name")
        person.name_ru = _clip(person.name_ru, P, "name_ru")
        person.position = _clip(person.position, models.Participation, "position")
        person.organisation = _clip(person.organisation, models.Participation, "organisation")
    for document in record.documents:
        document.title = _clip(document.title, models.Document, "title")
    for statement in record.statements:
        statement.speaker = _clip(statement.speaker, P, "name")


def _clip(value: str, model, name: str) -> str:
    limit = max_length(model, name)
    return value if not value or not limit or len(value) <= limit else value[: limit - 1] + "…"


# Dates


def _meeting_dates(article: Article, published, found: Found):
    dateline = article.dateline
    reference = dateline.date.first if dateline and dateline.date else published
    if dateline and dateline.date and not dateline.date.has_year and published:
        reference = dateline.date.first.replace(year=published.year)
    candidates = []  # (priority, order, first, last, start, end)
    for sentence in article.sentences[:4]:
        sentence_text = article.norm[sentence.start : sentence.end]
        meeting = any(MEETING_WORDS & lemmas(t.text) for t in sentence.tokens if t.is_word)
        for mention in find_dates(article.norm[: sentence.end], reference):
            if mention.start < sentence.start:
                continue
            priority = 0 if meeting else 2
            candidates.append(
                (priority, mention.start, mention.first, mention.last, mention.start, mention.end)
            )
        if reference:
            for relative in find_relative(sentence_text, reference, sentence_text):
                start = sentence.start + relative.start
                priority = 1 if meeting else 3
                candidates.append(
                    (priority, start, relative.date, None, start, start + len(relative.word))
                )
    if candidates:
        _, _, first, last, start, end = min(candidates, key=lambda c: (c[0], c[1]))
        found.add("start_date", start, end, first.isoformat())
        if last:
            found.add("end_date", start, end, last.isoformat())
        if (
            published is None
            and not any(m.has_year for m in find_dates(article.norm[start:end], None))
            and not (dateline and dateline.date and dateline.date.has_year)
        ):
            found.warnings.append(
                f"The year is not stated and no publication date was given: {first.year} is "
                "assumed."
            )
        return first, last
    if dateline and dateline.date:
        found.add(
            "start_date", dateline.date.start, dateline.date.end, dateline.date.first.isoformat()
        )
        if published is None and not dateline.date.has_year:
            found.warnings.append(
                f"The dateline gives no year and no publication date was given: "
                f"{dateline.date.first.year} is assumed."
            )
        return dateline.date.first, None
    if published:
        found.warnings.append("No date in the text: the meeting is dated by the publication date.")
        return published, None
    # Better a draft with the date to fill in than no draft at all.
    found.missing.append("start_date")
    found.warnings.append("No date was found in the article: fill in the meeting's date.")
    return None, None


# Level


def _level(article: Article, roles: list[Role], fmt_info, found: Found) -> str:
    lead_sentences = article.with_headline()[:4]
    lead_indexes = {s.index for s in lead_sentences}
    implied = _level_of_format(fmt_info)
    for sentence in lead_sentences:
        level, strong = _level_named(sentence, roles, lead_indexes, found)
        if level and (strong or not implied):
            return level
        if level:
            break  # "саммит ШОС" where the text names the Council of Heads of Government
    if implied:
        return implied
    counted = Counter()
    spans = {}
    for role in roles:
        if (
            role.position.person
            and role.position.level
            and (role.person or role.sentence in lead_indexes)
        ):
            counted[role.position.level] += 1
            spans.setdefault(role.position.level, (role.start, role.end))
    if not counted:
        return ""
    best = max(counted, key=lambda lv: (counted[lv], -LEVEL_RANK.index(lv)))
    found.add("level", *spans[best], best)
    return best


MINISTERIAL_WORDS = {"ministerial", "министерской", "министерская", "министерскую"}
LEVEL_WORDS = {"уровне", "level"}


def _level_named(sentence, roles: list[Role], lead: set[int], found: Found) -> tuple[str, bool]:
    """The level a meeting noun of this sentence names: "встреча министров иностранных дел",
    "High Level Officials' Meeting", "Ministerial Meeting", "на уровне министров"; failing
    those, and weaker (the second value False), "senior officials" or "summit"."""
    tokens = sentence.tokens
    near = [r for r in roles if r.sentence == sentence.index and r.position.person]
    summit = None
    for k, token in enumerate(tokens):
        keys = lemmas(token.text) | {token.lower}
        if not MEETING_NOUNS & keys:
            continue
        before_words = {t.lower for t in tokens[max(0, k - 6) : k]}
        if before_words & OTHER_EVENT_WORDS:
            continue
        for role in near:
            if role.person or not role.position.level:
                continue
            after = tokens[k].end <= role.start <= tokens[min(k + 3, len(tokens) - 1)].end
            before = role.end <= token.start and tokens[max(0, k - 4)].start <= role.start
            if after or before:
                level = _foreign_if_named(role.position.level, roles, lead)
                found.add("level", min(role.start, token.start), max(role.end, token.end), level)
                return level, True
        officials = [t for t in tokens[max(0, k - 3) : k] if t.lower in OFFICIALS_WORDS]
        if officials:  # "High Level Officials' Meeting", "встреча старших должностных лиц"
            found.add("level", officials[0].start, token.end, L.SENIOR_OFFICIALS)
            return L.SENIOR_OFFICIALS, True
        ministerial = [t for t in tokens[max(0, k - 1) : k + 1] if t.lower in MINISTERIAL_WORDS]
        if ministerial:  # "EU-Central Asia Ministerial Meeting", "ministerial"
            level = _foreign_if_named(L.MINISTERS, roles, lead)
            found.add("level", ministerial[0].start, token.end, level)
            return level, True
        later = {t.lower for t in tokens[k + 1 : k + 4]} & LATER_WORDS
        if SUMMIT_WORDS & keys and summit is None and not later:
            summit = token
    for k, token in enumerate(tokens[:-1]):
        if token.lower in LEVEL_WORDS:  # "на уровне министров иностранных дел"
            for role in near:
                if (
                    role.position.level
                    and tokens[k + 1].start <= role.start <= tokens[k + 1].end + 4
                ):
                    found.add("level", token.start, role.end, role.position.level)
                    return role.position.level, True
    senior = [t for t in tokens if t.lower in OFFICIALS_WORDS]
    if senior:  # "The senior officials of the Central Asia + Japan Dialogue convened"
        found.add("level", senior[0].start, senior[0].end, L.SENIOR_OFFICIALS)
        return L.SENIOR_OFFICIALS, False
    if summit is not None:
        found.add("level", summit.start, summit.end, L.HEADS_OF_STATE)
        return L.HEADS_OF_STATE, False
    return "", False


def _foreign_if_named(level: str, roles: list[Role], lead: set[int]) -> str:
    """ "a minister-level meeting" where the opening names foreign ministers is theirs."""
    if level == L.MINISTERS and any(
        r.position.level == L.FOREIGN_MINISTERS for r in roles if r.sentence in lead
    ):
        return L.FOREIGN_MINISTERS
    return level


def _level_of_format(fmt_info) -> str:
    if fmt_info is None:
        return ""
    name = fmt_info.name_en.lower()
    if "foreign ministers" in name:
        return L.FOREIGN_MINISTERS
    if "heads of government" in name:
        return L.HEADS_OF_GOVERNMENT
    if (
        "heads of state" in name
        or "summit" in name
        or "supreme" in name
        or "security council" in name
    ):
        return L.HEADS_OF_STATE
    return ""


def _organisation_format(article: Article, level: str, found: Found):
    if not level:
        return None
    for sentence in article.with_headline()[:3]:
        tokens = sentence.tokens
        for match in find_places(tokens):
            place = match.payload
            slug = ORGANISATION_LEVEL_FORMATS.get((place.key, level))
            # the opening sentence may name the meeting anywhere ("... met on Thursday for a
            # summit"); later ones only beside the organisation ("cooperation within the SCO")
            opening = sentence.index <= 0
            nearby = tokens if opening else tokens[max(0, match.start - 6) : match.end + 3]
            meeting = any(MEETING_NOUNS & lemmas(t.text) for t in nearby)
            if place.kind == "organisation" and slug and meeting:
                info = formats()[slug]
                found.add("format", match.char_start, match.char_end, info.name_en)
                return info
    return None


def _edition(article: Article, fmt, found: Found) -> int | None:
    sentences = article.with_headline()
    first_paragraph = article.sentences[0].paragraph
    search = [s for s in sentences if s.index < 0 or s.paragraph == first_paragraph]
    if fmt:
        search += [s for s in sentences if s.index == fmt.sentence and s not in search]
    later = [s for s in article.sentences if s not in search and s.paragraph <= first_paragraph + 3]
    for sentence, counted_only in [*((s, False) for s in search), *((s, True) for s in later)]:
        edition = find_edition(sentence, counted_only=counted_only)
        if edition:
            number, start, end = edition
            found.add("edition", start, end, number)
            return number
    return None


# Who took part


def _countries(article: Article, roles: list[Role], fmt_info, host, day, found: Found) -> list[str]:
    codes: dict[str, None] = {}
    lead = {s.index for s in article.first_paragraph_sentences()}
    if fmt_info:
        members = _members_named(article, fmt_info, day)
        for code in members:
            codes.setdefault(code)
        for evidence in [e for e in found.evidence if e.field == "format"][:1]:
            for code in members:
                found.add("countries", evidence.start, evidence.end, code)
    for role in roles:
        is_side = any(
            article.norm[role.start : role.end].lower().startswith(h) for h in SIDE_HEADS
        ) or any(
            h in article.norm[role.start : role.end].lower()
            for h in (" сторон", " side", " делегац", " delegation")
        )
        if role.position.person:
            counts = role.person is not None or role.sentence in lead
        else:
            counts = is_side or role.sentence in lead
        if not counts:
            continue
        for match in role.places:
            for code in match.payload.codes:
                if code not in codes:
                    codes.setdefault(code)
                found.add("countries", match.char_start, match.char_end, code)
    if host and (not fmt_info or host in fmt_info.members):
        codes.setdefault(host)
    if not codes and article.sentences:
        for match in find_places(article.sentences[0].tokens):
            for code in match.payload.codes if match.payload.kind == "country" else ():
                codes.setdefault(code)
                found.add("countries", match.char_start, match.char_end, code)
    return sorted(codes)


def _members_named(article: Article, fmt_info, day) -> list[str]:
    """The format's members that the text names, itself or through a region ("ЦА" stands for
    the five); all members when it names fewer than two. Members are those of the meeting's day
    (the SCO before Iran and Belarus joined), as a report of an older meeting names them."""
    sides = {slug: keys for keys, slug in side_signatures().items()}.get(fmt_info.slug, ())
    named: set[str] = set()
    for sentence in article.with_headline():
        if ABSENCE.search(article.norm[sentence.start : sentence.end]):
            continue  # "a summit that Armenia chose to boycott"
        for match in find_places(sentence.tokens):
            if match.payload.kind in ("country", "adjective", "group"):
                named.update(match.payload.codes)
            elif match.payload.key in sides:  # "the Gulf Cooperation Council" as a side
                named.update(group_members(match.payload.key))
    then = members_on(fmt_info.slug, day) if day and fmt_info.slug in FORMATS_BY_SLUG else None
    current = then if then is not None else fmt_info.members
    members = [code for code in current if code in named]
    return sorted(members) if len(members) >= 2 else sorted(current)


def _participants(article: Article, roles: list[Role], found: Found) -> list[ParticipantRecord]:
    participants: dict[str, ParticipantRecord] = {}
    for role in roles:
        person = role.person
        if person is None or not role.position.person or _not_a_person(person.name):
            continue
        key = person.key
        countries = role.countries
        country = countries[0] if len(countries) == 1 else None
        if country is None and not countries and not role.organisation:
            country = home_of_post(role.title, article.language)
        organisation = "" if country else role.organisation
        cyrillic = any("а" <= ch <= "я" for ch in person.name.lower())
        existing = participants.get(key) or _same_person(participants, person.name)
        if existing:
            if existing.country is None and country:
                existing.country = country
            found.add("participants", person.start, person.end, existing.name)
            continue
        participants[key] = ParticipantRecord(
            name=person.name,
            country=country,
            position=role.title,
            name_ru=person.name if cyrillic else "",
            organisation=organisation,
        )
        found.add("participants", person.start, person.end, person.name)
    _countries_from_unnamed_posts(participants, roles)
    return list(participants.values())


BODY_WORDS = {
    "commission", "organization", "organisation", "center", "centre", "states", "member",
    "members", "council", "committee", "union", "congress", "ministry", "government",
}  # fmt: skip


def _not_a_person(name: str) -> bool:
    """ "European Commission", "Member States", "Avaza Congress Center" read as names."""
    return bool({w.lower() for w in name.split()} & BODY_WORDS)


def _countries_from_unnamed_posts(participants: dict, roles: list[Role]) -> None:
    """ "Глава государства Касым-Жомарт Токаев ... Президент Казахстана также": the one President
    without a country is the President of Kazakhstan the text mentions without a name."""
    for record in participants.values():
        if record.country or record.organisation:
            continue
        taken = {(p.position, p.country) for p in participants.values()}
        options = {
            r.countries[0]
            for r in roles
            if r.person is None
            and r.position.person
            and r.title == record.position
            and len(r.countries) == 1
            and (record.position, r.countries[0]) not in taken
        }
        if len(options) == 1:
            record.country = options.pop()


def _last_side_for_last_person(participants: list[ParticipantRecord], countries: list[str]):
    """ "Foreign Minister Sergey Lavrov held talks in Moscow with the Foreign Minister of
    Uzbekistan": the one person without a side speaks for the one country nobody else does."""
    unplaced = [p for p in participants if not p.country and not p.organisation]
    unrepresented = set(countries) - {p.country for p in participants if p.country}
    if len(unplaced) == 1 and len(unrepresented) == 1:
        unplaced[0].country = unrepresented.pop()


def _same_person(participants: dict[str, ParticipantRecord], name: str):
    """ "Antony Blinken" is "Antony J. Blinken": the same first and last name."""
    parts = name.lower().split()
    for record in participants.values():
        other = record.name.lower().split()
        if parts[0] == other[0] and parts[-1] == other[-1]:
            return record
    return None


# Topics and titles


def _topics(article: Article, roles: list[Role], sides: int, found: Found) -> list[str]:
    """The most specific topics the text names. Security discussed by three or more countries
    is their region's security, as editors file it."""
    counts: Counter = Counter()
    spans = []
    titles = [(r.start, r.end) for r in roles if r.position.person]
    for sentence in article.with_headline():
        for match in find_topics(sentence.tokens, titles):
            counts[match.payload] += 1
            spans.append(match)
    if sides >= 3 and "security" in counts:
        counts["regional-security"] += counts.pop("security")
        spans = [
            type(m)(m.start, m.end, "regional-security", m.tokens) if m.payload == "security" else m
            for m in spans
        ]
    chosen = most_specific(counts)
    for match in spans:
        if match.payload in chosen:
            found.add("topics", match.char_start, match.char_end, match.payload)
    return chosen


def _titles(article: Article, level, fmt_info, edition, countries, found: Found) -> tuple[str, str]:
    built_en = build_title("en", level, fmt_info, edition, countries)
    if article.headline:
        headline = article.text[article.headline.start : article.headline.end].strip()
        found.add("title", article.headline.start, article.headline.end, headline)
        return headline, built_en if article.language != "en" else ""
    built = build_title(article.language, level, fmt_info, edition, countries)
    return built, built_en if article.language != "en" else ""
