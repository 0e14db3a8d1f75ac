"""Documents adopted or signed at the meeting, with their kind.

Only documents the text says were adopted count: a list after "приняли:", "подписали
следующие документы:", "signed the following documents:", or documents named in a sentence
whose verb adopts them ("подписали Меморандум о ...", "adopted a joint statement on ...").
"The need to implement the Roadmap ..." is not an adoption.
"""

import re
from dataclasses import astuple, dataclass
from functools import cache

from meetings import models
from meetings.intake.matcher import PhraseMatcher
from meetings.intake.morph import lemmas, parses
from meetings.intake.tokens import Token, normalize, tokenize

K = models.DocumentKind

KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (K.JOINT_STATEMENT, ("совместное заявление", "заявление", "joint statement", "statement")),
    (K.MEMORANDUM, ("меморандум", "memorandum", "MoU", "MOU")),
    (K.DECLARATION, ("декларация", "declaration")),
    (K.AGREEMENT, ("соглашение", "agreement")),
    (K.TREATY, ("договор", "treaty")),
    (K.ROADMAP, ("дорожная карта", "roadmap", "road map")),
    (K.COMMUNIQUE, ("коммюнике", "communique", "communiqué", "информационное сообщение")),
    (K.ACTION_PLAN, ("план действий", "план совместных действий", "совместный план действий",
                     "план мероприятий", "комплексный план", "action plan", "joint action plan",
                     "plan of action")),
    (K.PROTOCOL, ("протокол", "protocol")),
    (K.RESOLUTION, ("резолюция", "resolution")),
    (K.OTHER, ("программа", "концепция", "стратегия", "устав", "план", "programme", "program",
               "concept", "strategy", "charter", "plan")),
)  # fmt: skip
ADOPTION_VERBS = {
    "подписать", "принять", "утвердить", "одобрить", "заключить", "парафировать", "подписание",
    "принятие", "sign", "signed", "adopt", "adopted", "ink", "inked", "endorse", "endorsed",
    "approve", "approved", "signing", "adoption", "conclude", "concluded", "exchange", "exchanged",
    "issue", "issued", "опубликовать",
}  # fmt: skip
NOT_YET = re.compile(
    r"\b(?:планиру\w+|будут?|намерены?|намерена|предстоит|готовит\w*|will|planned|"
    r"plans? to (?:sign|adopt|conclude)|expected|draft|to be signed|to sign|to adopt)\b",
    re.IGNORECASE,
)
TAKING_PART = {"участие", "участия", "part"}
BULLET = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s*")


@dataclass(frozen=True)
class FoundDocument:
    title: str
    kind: str
    start: int
    end: int


def _keys(token: Token) -> frozenset[str]:
    return lemmas(token.text)


@cache
def kind_matcher() -> PhraseMatcher:
    matcher = PhraseMatcher(_keys)
    for kind, phrases in KINDS:
        for phrase in phrases:
            keys = [_lemma_key(t) for t in tokenize(normalize(phrase))]
            matcher.add(keys, kind)
    return matcher


def _lemma_key(token: Token) -> str:
    found = parses(token.lower) if token.is_cyrillic else ()
    return found[0].normal_form.replace("ё", "е") if found else token.lower


def _adopts(tokens: list[Token]) -> bool:
    for k, token in enumerate(tokens):
        keys = lemmas(token.text)
        if not ADOPTION_VERBS & keys:
            continue
        if k + 1 < len(tokens) and tokens[k + 1].lower in TAKING_PART:
            continue  # "приняли участие", "took part"
        if token.is_cyrillic:
            found = parses(token.lower)
            # "подписанным в 2019 году соглашением" refers back; a finite verb or a short
            # participle ("подписаны") reports this meeting's adoption.
            if found and all("PRTF" in p.tag for p in found if p.normal_form in ADOPTION_VERBS):
                continue
        return True
    return False


def _clean_title(text: str) -> str:
    text = BULLET.sub("", text).strip()
    text = re.sub(r"[\s;,.:]+$", "", text)
    text = re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:] if text else text


def _kind_of(tokens: list[Token]) -> tuple[str, int] | None:
    for match in kind_matcher().find(tokens):
        return match.payload, match.start
    return None


def find_documents(article) -> list[FoundDocument]:
    documents: list[FoundDocument] = []
    paragraphs = article.paragraphs
    text = article.text
    norm = article.norm
    for number, paragraph in enumerate(paragraphs):
        line = norm[paragraph.start : paragraph.end]
        if not line.rstrip().endswith(":"):
            continue
        head_tokens = tokenize(norm, paragraph.start, paragraph.end)
        documents_word = re.search(r"документ|document", line, re.IGNORECASE)
        if not (_adopts(head_tokens) or documents_word) or NOT_YET.search(line):
            continue
        for item in paragraphs[number + 1 :]:
            item_text = norm[item.start : item.end]
            bulleted = BULLET.match(item_text) is not None
            if not bulleted and not item_text.rstrip().endswith((";", ",")) and documents:
                break
            tokens = tokenize(norm, item.start, item.end)
            kind = _kind_of(tokens)
            if kind is None and not BULLET.match(item_text):
                break
            start = item.start + (BULLET.match(item_text).end() if BULLET.match(item_text) else 0)
            end = item.end
            while end > start and norm[end - 1] in " ;,.":
                end -= 1
            documents.append(
                FoundDocument(
                    _clean_title(text[start:end]), kind[0] if kind else K.OTHER, start, end
                )
            )
            if item_text.rstrip().endswith("."):
                break
    documents.extend(_documents_as_titles(article, documents))
    listed = {(d.start, d.end) for d in documents}
    for sentence in article.sentences:
        if any(s <= sentence.start < e for s, e in listed):
            continue
        sentence_text = norm[sentence.start : sentence.end]
        if sentence_text.rstrip().endswith(":") or not _adopts(sentence.tokens):
            continue
        if NOT_YET.search(sentence_text) or ANNIVERSARY.search(sentence_text):
            continue  # "15-летие Договора о добрососедстве" was adopted long ago
        documents.extend(_inline_documents(text, sentence))
    return _distinct(documents)


TITLE_LINE_WORDS = 25
TITLE_LINES = 6


def _documents_as_titles(article, listed: list[FoundDocument]) -> list[FoundDocument]:
    """A release whose headline is the document ("Информационное коммюнике по итогам 6-й
    встречи ..."), or which prints the document under its own title line ("Душанбинская
    декларация двадцатилетия ШОС"), adopted it."""
    norm, text = article.norm, article.text
    spans = [article.headline] if article.headline else []
    spans += [
        p
        for p in article.paragraphs[:TITLE_LINES]
        if not norm[p.start : p.end].rstrip().endswith((".", ":", ";", ","))
    ]
    taken = {(d.start, d.end) for d in listed}
    found = []
    for span in spans:
        line = norm[span.start : span.end]
        if (span.start, span.end) in taken or len(line.split()) > TITLE_LINE_WORDS:
            continue
        if NOT_YET.search(line) or ANNIVERSARY.search(line):
            continue
        tokens = tokenize(norm, span.start, span.end)
        if _adopts(tokens) or {t.lower for t in tokens} & PASSIVE_AUXILIARIES:
            continue  # a sentence that reports an adoption is read as one, not as a title
        match = next(iter(kind_matcher().find(tokens)), None)
        if match is None or match.start > 1 or tokens[0].lower in ("a", "an", "the"):
            continue
        if match.start == 1 and not (tokens[0].is_word and tokens[0].text[0].isupper()):
            continue
        if tokens[match.start].lower in ("statement", "заявление", "план", "plan"):
            continue  # "Statement by the Press Secretary", a plan: too often not a document
        found.append(
            FoundDocument(_clean_title(text[span.start : span.end]), match.payload, *astuple(span))
        )
    return found


ANNIVERSARY = re.compile(r"\d+\s*-?\s*лети[яюе]\b|годовщин|anniversary", re.IGNORECASE)


def _distinct(documents: list[FoundDocument]) -> list[FoundDocument]:
    """One entry per title; a bare "Декларация" only when no titled declaration is listed."""
    seen: set[str] = set()
    kept = []
    for document in documents:
        key = " ".join(re.findall(r"\w+", document.title.casefold().replace("ё", "е")))
        if key in seen:
            continue
        seen.add(key)
        kept.append(document)
    titled = {d.kind for d in kept if not _bare(d)}
    return [d for d in kept if not (_bare(d) and d.kind in titled)]


def _bare(document: FoundDocument) -> bool:
    """ "Декларация", "Совместная декларация", "the Declaration": a kind, not a title."""
    tokens = [t for t in tokenize(normalize(document.title)) if t.is_word]
    match = next(iter(kind_matcher().find(tokens)), None)
    return match is not None and match.end == len(tokens) and match.start <= 1


PASSIVE_AUXILIARIES = {"was", "were", "been", "был", "была", "было", "были"}
TITLE_STOPS = {"which", "которые", "который", "которая", "которое", "что", "that", "by"}


def _adoption_governs(tokens: list[Token], start: int, end: int) -> bool:
    """An adopting verb before the document ("подписали Меморандум", "adopted a statement") or a
    passive one after it ("Меморандум был подписан", "statements were adopted")."""
    for k, token in enumerate(tokens):
        if not ADOPTION_VERBS & lemmas(token.text):
            continue
        if token.is_cyrillic:
            found = [p for p in parses(token.lower) if p.normal_form in ADOPTION_VERBS]
            # "подписанным в 2019 году" refers back, "предложила принять" looks ahead
            if found and all({"PRTF", "INFN"} & p.tag.grammemes for p in found):
                continue
            if k < start:
                return True
            if k >= end and (
                any("PRTS" in p.tag for p in found)
                or (k > 0 and tokens[k - 1].lower in PASSIVE_AUXILIARIES)
            ):
                return True
        else:
            if k < start:
                return True
            if k >= end and k > 0 and tokens[k - 1].lower in PASSIVE_AUXILIARIES | {"be"}:
                return True
    return False


def _is_verb(token: Token | None) -> bool:
    """ "... и приняли решение", "... and signed": a verb ends the title before it."""
    if token is None or not token.is_word:
        return False
    if token.is_cyrillic:
        found = parses(token.lower)
        return bool(found) and "VERB" in found[0].tag
    return token.lower in ADOPTION_VERBS or token.lower.endswith("ed")


def _nominative_head(tokens: list[Token], start: int, end: int, text: str) -> str:
    """ "Ташкентскую декларацию" → "Ташкентская декларация": only the title's head declines."""
    words = []
    for token in tokens[start:end]:
        original = text[token.start : token.end]
        if not token.is_cyrillic:
            words.append(original)
            continue
        form = original
        for p in parses(token.lower):
            if ({"NOUN", "ADJF"} & p.tag.grammemes) and p.tag.case not in (None, "nomn"):
                inflected = p.inflect({"nomn"})
                if inflected:
                    form = inflected.word
                    form = form[:1].upper() + form[1:] if original[:1].isupper() else form
                break
            if p.tag.case == "nomn":
                break
        words.append(form)
    return " ".join(words)


def _inline_documents(text: str, sentence) -> list[FoundDocument]:
    """ "подписали Меморандум о ... и Соглашение о ...": each kind word starts a title that runs
    to the next kind word joined by "и"/"and"/",", or to the end of the sentence."""
    tokens = sentence.tokens
    matches = [m for m in kind_matcher().find(tokens) if _is_title_start(tokens, m.start)]
    starts = []
    for match in matches:
        start_index = match.start
        # "Ташкентская декларация": a capitalised adjective belongs to the title
        previous = tokens[start_index - 1] if start_index > 0 else None
        capitalised = previous and previous.is_word and previous.text[0].isupper()
        if (
            capitalised
            and previous.is_cyrillic
            and any("ADJF" in p.tag for p in parses(previous.lower))
        ):
            start_index -= 1
        elif capitalised and not previous.is_cyrillic:
            # "the Astana Declaration", "the Xi'an Declaration"
            while (
                start_index > 0
                and start_index > match.start - 3
                and tokens[start_index - 1].is_word
                and tokens[start_index - 1].text[0].isupper()
                and tokens[start_index - 1].lower not in ("the", "a", "an")
                and start_index - 1 > 0
            ):
                start_index -= 1
        starts.append(start_index)
    found = []
    for n, match in enumerate(matches):
        start_index = starts[n]
        end_index = starts[n + 1] if n + 1 < len(matches) else len(tokens)
        for k in range(match.end, end_index):
            word = tokens[k].lower
            after = tokens[k + 1].lower if k + 1 < len(tokens) else ""
            if (
                tokens[k].text in (".", ";", ":", "(")
                or word in TITLE_STOPS
                or (k > match.end and _finite_verb(tokens[k]))
                or word in PASSIVE_AUXILIARIES
                or (k > match.end and word in ADOPTION_VERBS)
                or (
                    word in ("и", "and", ",")
                    and _is_verb(tokens[k + 1] if k + 1 < len(tokens) else None)
                )
                or (word == "а" and after == "также")
                or (word == "as" and after == "well")
                or (word == "," and after in ("which", "который", "которые", "которая"))
            ):
                end_index = k
                break
        while end_index > match.end and tokens[end_index - 1].lower in (
            "и",
            "and",
            ",",
            "a",
            "an",
            "the",
            "а",
            "также",
            "as",
            "well",
            ";",
            "also",
            "-",
        ):
            end_index -= 1
        if not _adoption_governs(tokens, start_index, end_index):
            continue
        if tokens[match.start].lower == "statement" and not tokens[match.start].text[0].isupper():
            continue
        bare = tokens[match.start].lower == "заявление" and match.end - match.start == 1
        if bare and not tokens[match.start].text[0].isupper():
            continue  # "выступил с заявлением" is a speech, not a document
        start = tokens[start_index].start
        end = tokens[end_index - 1].end
        head = _nominative_head(tokens, start_index, match.end, text)
        rest = text[tokens[match.end].start : end] if end_index > match.end else ""
        title = f"{head} {rest}".strip() if rest else head
        found.append(FoundDocument(_clean_title(title), match.payload, start, end))
    return found


ENGLISH_PREDICATES = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "dedicated", "itself", "worth", "during",
}  # fmt: skip
PLURAL_KINDS = {
    "plans", "programs", "programmes", "agreements", "memoranda", "memorandums", "statements",
    "declarations", "treaties", "protocols", "documents", "concepts", "strategies",
}  # fmt: skip


def _finite_verb(token: Token) -> bool:
    """ "Договор ... является судьбоносным событием", "Declaration dedicated to": the title has
    ended where a predicate begins."""
    if not token.is_word:
        return False
    if token.is_cyrillic:
        found = parses(token.lower)
        return bool(found) and "VERB" in found[0].tag
    return token.lower in ENGLISH_PREDICATES


def _is_title_start(tokens: list[Token], i: int) -> bool:
    """A kind word that is not the object of "in accordance with", "under" and the like, nor a
    plural ("signed agreements worth $7 billion", "Plans")."""
    if tokens[i].lower in PLURAL_KINDS:
        return False
    before = [t.lower for t in tokens[max(0, i - 3) : i]]
    return not (
        {"соответствии", "рамках", "under", "accordance", "implementation", "реализации"}
        & set(before)
    )
