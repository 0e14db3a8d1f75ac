"""Russian morphology (pymorphy3, loaded once) and Snowball stems, cached per word."""

from functools import lru_cache

from meetings.morphology import russian_analyzer as analyzer
from meetings.morphology import stemmer

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=200_000)
def lemmas(word: str) -> frozenset[str]:
    """The word itself (lower case, ё as е) and every normal form pymorphy3 offers for it."""
    lower = word.lower().replace("ё", "е")
    if not any("а" <= ch <= "я" for ch in lower):
        forms = {lower}
        if lower.endswith("ies") and len(lower) > 4:
            forms.add(lower[:-3] + "y")
        elif lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
            forms.add(lower[:-1])
        return frozenset(forms)
    return frozenset({lower, *(p.normal_form.replace("ё", "е") for p in parses(lower))})


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    lower = word.lower().replace("ё", "е")
    language = "ru" if any("а" <= ch <= "я" for ch in lower) else "en"
    return stemmer("russian" if language == "ru" else "english").stemWord(lower)


def lemma(word: str) -> str:
    """The most likely normal form."""
    found = parses(word.lower())
    return found[0].normal_form.replace("ё", "е") if found else word.lower()


# Endings for nouns pymorphy3 does not know (most foreign place names): nominative ending,
# then the endings of the other singular cases.
_GUESSED_ENDINGS = (
    ("ия", ("ии", "ию", "ией")),
    ("я", ("и", "е", "ю", "ей", "ёй")),
    ("ка", ("ки", "ке", "ку", "кой")),
    ("га", ("ги", "ге", "гу", "гой")),
    ("ха", ("хи", "хе", "ху", "хой")),
    ("жа", ("жи", "же", "жу", "жей")),
    ("ша", ("ши", "ше", "шу", "шей")),
    ("ча", ("чи", "че", "чу", "чей")),
    ("ща", ("щи", "ще", "щу", "щей")),
    ("ца", ("цы", "це", "цу", "цей")),
    ("а", ("ы", "е", "у", "ой")),
    ("ь", ("я", "ю", "ем", "е", "и", "ью")),
    ("й", ("я", "ю", "ем", "е")),
)
_CONSONANT_ENDINGS = ("а", "у", "ом", "е", "ем")
_INDECLINABLE_ENDINGS = tuple("оеиуюэы")


def guessed_forms(word: str) -> set[str]:
    """Singular case forms of a noun by its ending, for words the dictionary lacks."""
    lower = word.lower()
    if lower.endswith(_INDECLINABLE_ENDINGS) or not lower[-1:].isalpha():
        return {word}
    for ending, others in _GUESSED_ENDINGS:
        if lower.endswith(ending):
            stem_part = word[: len(word) - len(ending)]
            return {word, *(stem_part + other for other in others)}
    if lower[-1] in "бвгджзклмнпрстфхцчшщ":
        return {word, *(word + e for e in _CONSONANT_ENDINGS)}
    return {word}


def _inflected(parse, case: str) -> str | None:
    for grammemes in ({case}, {case, "sing"}):
        try:
            form = parse.inflect(grammemes)
        except ValueError:
            form = None
        if form:
            return form.word
    return None


def _restore_case(source: str, target: str) -> str:
    if source.isupper() and len(source) > 1:
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def noun_forms(word: str, *, prefer_geo: bool = True) -> set[str]:
    """Case forms of a single (capitalised) name such as a city or country."""
    lower = word.lower()
    if lower.endswith(_INDECLINABLE_ENDINGS) and not lower.endswith(("ы", "и")):
        return {word}
    candidates = [p for p in parses(lower) if p.tag.case == "nomn" and "NOUN" in p.tag]
    geo = [p for p in candidates if "Geox" in p.tag and p.is_known] if prefer_geo else []
    known = geo or [p for p in candidates if p.is_known and p.normal_form == lower]
    if not known:
        # Unknown to the dictionary: decline by the ending, and add pymorphy3's own guess.
        forms = guessed_forms(word)
        for parse in candidates[:1]:
            if "Fixd" not in parse.tag:
                forms.update(_restore_case(word, f.word) for f in parse.lexeme if "sing" in f.tag)
        return forms
    parse = known[0]
    if "Fixd" in parse.tag:
        return {word}
    forms = {word}
    for case in CASES:
        inflected = _inflected(parse, case)
        if inflected:
            forms.add(_restore_case(word, inflected))
    if parse.tag.case == "nomn" and "loc2" in str(parse.lexeme):  # в Крыму-like locatives
        forms.update(_restore_case(word, f.word) for f in parse.lexeme if f.tag.case == "loc2")
    return forms


def phrase_forms(phrase: str) -> set[str]:
    """Case forms of a multi-word name, declining each word into the same case.

    "Китайская Народная Республика" gives "Китайской Народной Республики" and so on; a
    hyphenated word declines only its last part ("Алма-Ата" → "Алма-Ате").
    """
    words = phrase.split(" ")
    if len(words) == 1:
        return _hyphenated_forms(phrase)
    per_case: dict[str, list[str]] = {case: [] for case in CASES}
    head_seen = False
    for word in words:
        # Only the head noun and the words before it decline: "Республики Казахстан".
        parsed = None if head_seen else _nominative_parse(word)
        if parsed is None or "NOUN" in parsed.tag:
            head_seen = True
        for case in CASES:
            inflected = _inflected(parsed, case) if parsed else None
            per_case[case].append(_restore_case(word, inflected) if inflected else word)
    return {phrase, *(" ".join(ws) for ws in per_case.values())}


def _nominative_parse(word: str):
    if "-" in word or word.isupper():
        return None
    for p in parses(word.lower()):
        if p.tag.case == "nomn" and p.is_known and ({"NOUN", "ADJF", "PRTF"} & p.tag.grammemes):
            if "Fixd" in p.tag:
                return None
            return p
    return None


def _hyphenated_forms(word: str) -> set[str]:
    if "-" not in word:
        return noun_forms(word)
    head, _, last = word.rpartition("-")
    return {f"{head}-{form}" for form in noun_forms(last)}


def adjective_forms(adjective: str) -> set[str]:
    """Every form of an adjective ("кыргызский" → "кыргызской", "кыргызскую"...)."""
    for p in parses(adjective.lower()):
        if "ADJF" in p.tag and p.is_known:
            return {f.word.replace("ё", "е") for f in p.lexeme if "ADJF" in f.tag}
    stem_part = adjective[:-2]
    endings = (
        "ий",
        "ый",
        "ого",
        "ому",
        "им",
        "ом",
        "ая",
        "ой",
        "ую",
        "ое",
        "ие",
        "ых",
        "ым",
        "ыми",
    )
    endings += ("ими", "их", "ей", "ее", "яя", "юю", "ые", "ей")
    return {stem_part + e for e in endings}


def phrase_in_case(phrase: str, case: str) -> str:
    """One case of a name: ("Китайская Народная Республика", "gent") → "Китайской Народной …"."""
    words = phrase.split(" ")
    result = []
    head_seen = False
    for word in words:
        parsed = None if head_seen else _nominative_parse(word)
        if "-" in word and not head_seen:
            head, _, last = word.rpartition("-")
            inner = _nominative_parse(last)
            inflected = _inflected(inner, case) if inner else None
            result.append(f"{head}-{_restore_case(last, inflected)}" if inflected else word)
            head_seen = True
            continue
        if parsed is None or "NOUN" in parsed.tag:
            head_seen = True
        inflected = _inflected(parsed, case) if parsed else None
        result.append(_restore_case(word, inflected) if inflected else word)
    return " ".join(result)
