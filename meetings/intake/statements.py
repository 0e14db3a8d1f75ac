"""What one side said: sentences whose subject is a side ("Кыргызская сторона", "The Kazakh
side"), a participant ("Казакбаев выразил надежду", "Wang said") or a post of one side ("глава
внешнеполитического ведомства КР информировал"), with the sentences that carry the thought on.
"""

from collections import Counter
from dataclasses import dataclass, field

from meetings.intake.morph import lemmas, parses
from meetings.intake.people import Role
from meetings.intake.tokens import tokenize
from meetings.intake.topics import find_topics, most_specific

# Russian verbs of saying and of standing, by lemma.
SPEECH_VERBS = {
    "отметить", "отмечать", "подчеркнуть", "подчеркивать", "заявить", "заявлять", "сказать",
    "выразить", "выражать", "предложить", "предлагать", "информировать", "проинформировать",
    "призвать", "призывать", "рассказать", "сообщить", "указать", "обратить", "пригласить",
    "поблагодарить", "высказаться", "выступить", "выступать", "рассматривать", "считать",
    "заинтересовать", "заинтересованный", "поддержать", "поддерживать", "приветствовать",
    "напомнить", "констатировать", "акцентировать", "остановиться", "добавить", "пояснить",
    "надеяться", "настаивать", "придавать", "подтвердить", "подтверждать", "видеть",
    "стремиться", "готовый", "оценить", "объяснить", "пообещать", "заверить",
}  # fmt: skip
# English ones as they are written in reports: past tense or third person, never a bare form
# that is also a noun ("support", "call", "state").
ENGLISH_SPEECH = {
    "said", "says", "noted", "notes", "stressed", "stresses", "emphasized", "emphasised",
    "underlined", "highlighted", "expressed", "proposed", "suggested", "called", "urged",
    "briefed", "informed", "told", "welcomed", "welcomes", "invited", "thanked", "reaffirmed",
    "reiterated", "pointed", "added", "hoped", "hopes", "supported", "supports", "regards",
    "considers", "believes", "wants", "offered", "voiced", "described", "outlined", "shared",
    "advocated", "confirmed", "assured", "praised", "appreciated", "insisted", "recalled",
    "stands", "backed", "seeks", "stated", "announced", "explained", "interested", "ready",
    "willing", "keen", "committed", "concerned", "noting", "stressing", "saying", "underscored",
    "underscores", "pledged", "reaffirms",
}  # fmt: skip
SIDE_NOUNS = ("сторон", "делегац", "side", "delegation")
ATTRIBUTION_OPENERS = (("по", "словам"), ("according", "to"))
JOINT_SUBJECTS = {
    "стороны", "министры", "главы", "президенты", "лидеры", "участники", "они", "делегации",
    "sides", "ministers", "leaders", "presidents", "participants", "they", "both", "all",
    "delegations", "parties",
}  # fmt: skip
PRONOUNS = {"он", "она", "he", "she"}
SUBJECT_WINDOW = 10


@dataclass
class FoundStatement:
    country: str | None
    speaker: str
    start: int
    end: int
    subject: tuple[int, int]  # the span naming the side
    topics: list[str] = field(default_factory=list)
    paragraph: int = -1


@dataclass
class Speaker:
    name: str
    country: str | None
    parts: tuple[str, ...]
    position: str


NOT_SPEAKER_PARTS = {"mr", "mrs", "ms", "dr"}


def _mentions(token, speaker: Speaker) -> bool:
    if not token.is_word or not token.text[0].isupper():
        return False
    forms = lemmas(token.text) | {token.lower}
    for part in speaker.parts:
        part = part.lower().replace("ё", "е")
        if part in NOT_SPEAKER_PARTS or "." in part:
            continue
        if len(part) == 2 and token.lower == part:
            return True  # Chinese surnames: "Xi said"
        if len(part) >= 3 and (
            part in forms
            or any(f.startswith(part) and len(f) - len(part) <= 3 for f in forms if len(part) >= 5)
        ):
            return True
    return False


def _speaks(token) -> bool:
    if token.is_cyrillic:
        return bool(SPEECH_VERBS & lemmas(token.text))
    return token.lower in ENGLISH_SPEECH


def _is_speech(tokens) -> bool:
    return any(_speaks(t) for t in tokens)


def _starts_with_speech_verb(tokens) -> bool:
    words = [t for t in tokens if t.is_word]
    for token in words[:2]:
        if token.lower in ("также", "also", "further"):
            continue
        if token.is_cyrillic:
            return any(
                "VERB" in p.tag and p.normal_form in SPEECH_VERBS for p in parses(token.lower)
            )
        return token.lower in ENGLISH_SPEECH and token.lower.endswith("ed")
    return False


def _nominative_side(role: Role, tokens) -> bool:
    head = next((t for t in tokens if t.start == role.start), None)
    if head is None or not head.is_cyrillic:
        return True
    for t in tokens:
        if (
            t.start >= role.start
            and t.end <= role.end
            and t.lower.startswith(("сторон", "делегац"))
        ):
            return any(p.tag.case == "nomn" and p.tag.number == "sing" for p in parses(t.lower))
    return any(p.tag.case == "nomn" for p in parses(head.lower))


def find_statements(article, roles: list[Role], speakers: list[Speaker]) -> list[FoundStatement]:
    titles = [(r.start, r.end) for r in roles if r.position.person]
    roles_by_sentence: dict[int, list[Role]] = {}
    for role in roles:
        roles_by_sentence.setdefault(role.sentence, []).append(role)
    statements: list[FoundStatement] = []
    previous: FoundStatement | None = None
    last_person: Speaker | None = None
    for sentence in article.sentences:
        tokens = sentence.tokens
        words = [t for t in tokens if t.is_word]
        head = words[:SUBJECT_WINDOW]
        found = _subject(
            sentence, head, roles_by_sentence.get(sentence.index, []), speakers, last_person
        )
        same_paragraph = previous is not None and previous.paragraph == sentence.paragraph
        first_word = words[0].lower if words else ""
        if found is None and previous is not None and same_paragraph:
            if _starts_with_speech_verb(tokens) and first_word not in JOINT_SUBJECTS:
                found = (previous.country, previous.speaker, (sentence.start, sentence.start))
            elif first_word not in JOINT_SUBJECTS:
                previous.end = sentence.end  # the thought carries on
                continue
        elif found is None and previous is not None and _starts_with_speech_verb(tokens):
            found = (previous.country, previous.speaker, (sentence.start, sentence.start))
        for speaker in speakers:
            if any(_mentions(t, speaker) for t in words):
                last_person = speaker
        if found is None:
            previous = None
            continue
        country, speaker, subject = found
        statement = FoundStatement(
            country, speaker, sentence.start, sentence.end, subject, paragraph=sentence.paragraph
        )
        statements.append(statement)
        previous = statement
    for statement in statements:
        tokens = tokenize(article.norm, statement.start, statement.end)
        counts = Counter(m.payload for m in find_topics(tokens, titles))
        statement.topics = most_specific(counts)
    return statements


def _subject(sentence, head, roles: list[Role], speakers: list[Speaker], last_person):
    """(country, speaker name, subject span) when the sentence opens with one side speaking."""
    if not head:
        return None
    if head[0].lower in JOINT_SUBJECTS:
        return None
    attributed = _attributed(sentence, speakers, last_person)
    if attributed:
        return attributed
    limit = head[-1].end
    if not _is_speech(sentence.tokens):
        return None
    # The earliest of the subjects the opening words offer: a side, a post, a name, a pronoun.
    candidates = []
    for role in roles:
        if role.start > limit:
            continue
        found = _role_subject(sentence, role, speakers)
        if found:
            candidates.append((role.start, found))
    for token in head:
        if token.lower in PRONOUNS and last_person is not None and token is head[0]:
            candidates.append(
                (token.start, (last_person.country, last_person.name, (token.start, token.end)))
            )
        for speaker in speakers:
            if _mentions(token, speaker):
                candidates.append(
                    (token.start, (speaker.country, speaker.name, (token.start, token.end)))
                )
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _role_subject(sentence, role: Role, speakers: list[Speaker]):
    if not role.position.person:
        role_text = sentence_text(sentence, role).lower()
        if (
            any(noun in role_text for noun in SIDE_NOUNS)
            and len(role.countries) == 1
            and _nominative_side(role, sentence.tokens)
        ):
            return role.countries[0], "", (role.start, role.end)
        return None
    if role.person:
        speaker = next((s for s in speakers if s.name == role.person.name), None)
        country = speaker.country if speaker else (role.countries[:1] or [None])[0]
        return country, role.person.name, (role.start, role.person.end)
    if len(role.countries) == 1 and _singular_head(sentence.tokens, role):
        country = role.countries[0]
        matching = [s for s in speakers if s.country == country and s.position == role.title] or [
            s for s in speakers if s.country == country
        ]
        name = matching[0].name if len(matching) == 1 else ""
        return country, name, (role.start, role.end)
    return None


def sentence_text(sentence, role: Role) -> str:
    return " ".join(t.text for t in sentence.tokens if t.start >= role.start and t.end <= role.end)


def _attributed(sentence, speakers: list[Speaker], last_person):
    """ "По словам Лаврова, ...", "По его словам, ...", "According to Wang, ...", and a closing
    ", Qin added." / ", he said." / ", отметил Лавров."."""
    words = [t for t in sentence.tokens if t.is_word]
    lowered = [t.lower for t in words]
    for opener in ATTRIBUTION_OPENERS:
        if tuple(lowered[:2]) == opener or (
            len(lowered) > 2 and lowered[0] == opener[0] and lowered[2] == opener[1]
        ):
            for token in words[1:4]:
                if token.lower in ("его", "ее", "её", "him", "her") and last_person is not None:
                    return last_person.country, last_person.name, (token.start, token.end)
                for speaker in speakers:
                    if _mentions(token, speaker):
                        return speaker.country, speaker.name, (token.start, token.end)
    tail = words[-4:]
    for k, token in enumerate(tail):
        neighbours = tail[max(0, k - 1) : k + 2]
        if not any(_speaks(t) for t in neighbours if t is not token):
            continue
        if token.lower in PRONOUNS and last_person is not None:
            return last_person.country, last_person.name, (token.start, token.end)
        for speaker in speakers:
            if _mentions(token, speaker):
                return speaker.country, speaker.name, (token.start, token.end)
    return None


def _singular_head(tokens, role: Role) -> bool:
    head = next((t for t in tokens if t.start == role.start), None)
    if head is None:
        return False
    if not head.is_cyrillic:
        last = next((t for t in reversed(tokens) if t.end == role.end), head)
        return not last.lower.endswith("s")
    found = parses(head.lower)
    return bool(found) and found[0].tag.number == "sing" and found[0].tag.case == "nomn"
