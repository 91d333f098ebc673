"""Which of the Dutch speller's findings are words a student rightly writes: code, names, English terms of the trade,
the program's own words. A post-filter of LanguageTool's matches, with the reason each word passed.

LanguageTool's Dutch speller (MORFOLOGIK_RULE_NL_*) calls every word it does not know an error: "deployment",
"FlowFactor", "k8s", "VM's" as well as "moelijk". This module sorts them, in this order, cheapest first:

- ``code``: inside code the reader marked (a code block is never sent; a finding in inline code is dropped, of any
  rule);
- ``accepted-word``: the program's and institution's words and the case's names (``report.language_check.words``);
- ``code-token``: a URL, e-mail address, path, file name or identifier (snake_case, CamelCase, a word with digits, a
  command-line option);
- ``acronym``: two to five capitals, with a plural ("VM's", "VDIs");
- ``name``: a capitalised word in mid-sentence, or followed by another capitalised word or a year ("Tuxis Internet
  Engineering", "Sumina, 2022"); ``name-in-document``: a word the document writes as a name elsewhere (capitalised
  in mid-sentence, or capitalised at least twice and never in lower case);
- ``english``: LanguageTool's own English speller (``en-US``, same server) knows it: one batched request per
  report for the words left;
- ``compound``: a hyphenated word whose parts each pass, the Dutch ones by the Dutch speller itself
  ("Quarkus-applicatie", "requirements-analyse"; "Java-ontwikelaars" stays an error), or a closed compound of
  known words of four letters or more ("cloudinfrastructuur") unless a suggestion is one letter away
  ("versschuilen" is "verschuilen", not "vers" + "schuilen").

Two of LanguageTool's other rules are read the same way: ``UPPERCASE_SENTENCE_START`` on the first word of a list
item or table cell (``not-a-sentence``), and its casing advice (NL_CHECKCASE_*) on an acronym or a word of a proper
name. Its other spelling and grammar rules are dropped on one word of a proper name in mid-sentence ("het spook Sus
Antigoon": ``name``), and a dt rule is dropped when every word it matched is English (``english``: "in sync",
"hash sync", "text search" read as a Dutch subject and verb stem; never on one word alone, so "word" stays a dt-error).

What is left is a spelling finding as before, except a word used the same way three times or more: one remark that
it is not in the dictionary and may belong in the program's word list (``repeated_as_remarks``), unless LanguageTool
suggests a word one letter away (then it is a typo made every time, and stays a finding). A real typo in an
ordinary Dutch word passes none of these tests; word frequencies or stemming are not used as a "Dutch word" test
(docs/language-research.md, 3.2: they hide typos).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Protocol

from pipeline.findings import Finding, Severity, sort_findings
from pipeline.messages import msg

SPELLER_PREFIX = "MORFOLOGIK_RULE_NL"  # the Dutch speller's rule ids (MORFOLOGIK_RULE_NL_NL for nl and nl-BE)
SENTENCE_START_RULE = "UPPERCASE_SENTENCE_START"
CASING_PREFIX = "NL_CHECKCASE_"  # "write this word in lower case": wrong for an acronym or a word of a proper name
ENGLISH = "en-US"
REPEATED_MIN = 3  # a word used this often the same way is the student's vocabulary: a remark, not an error
REPEATED_RULE = "unknown-word"


class Reason(StrEnum):
    """Why a finding of the speller (or, for code, of any rule) was not shown; counted in the summary."""

    CODE = "code"
    CODE_TOKEN = "code-token"
    ACRONYM = "acronym"
    ACCEPTED_WORD = "accepted-word"
    NAME = "name"
    NAME_IN_DOCUMENT = "name-in-document"
    ENGLISH = "english"
    COMPOUND = "compound"
    NOT_A_SENTENCE = "not-a-sentence"  # a list item or table cell that starts in lower case (UPPERCASE_SENTENCE_START)


class Lexicon(Protocol):
    """Asks a speller which words it knows (pipeline.language.client.LanguageChecker.known_words)."""

    def known_words(self, words: Collection[str], language: str) -> set[str]: ...


@dataclass(frozen=True)
class Passage:
    """A paragraph as the filter sees it: its text and the inline code in it."""

    text: str
    code_spans: tuple[tuple[int, int], ...] = ()
    document: int = 0  # passages of one document share their evidence (names); a sentence set is many documents
    sentence: bool = True  # False for a list item or a table cell: it need not start like a sentence


@dataclass
class Screened:
    """The findings still shown, and how many were not, by reason."""

    kept: list[Finding]
    accepted: Counter[str] = field(default_factory=Counter)


# --- shapes of words -----------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+|^[^@\s]+@[^@\s]+\.\w+$", re.IGNORECASE)
_FILE_NAME = re.compile(r"^[\w~\-]+(?:\.[\w\-]+)*\.[a-z0-9]{1,5}$")  # main.py, plot_1.png, docker-compose.yml
_WORD_SLASH_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)?/[^\W\d_]+(?:-[^\W\d_]+)?$")  # "en/of", "test/demo": words
# snake_case, a digit, camelCase or GraalVM, ZFNet; $variable, #tag, @user, --option, -X; operators and brackets
_IDENTIFIER = re.compile(r"_|\d|[a-z][A-Z]|[A-Z]{3,}[a-z]|^(?:[$#@%]|--|-\w?$)|[=<>{}\[\]|~^`\\]")
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]{1,4}(?:s|'s|’s)?$")  # 2 to 5: AWS, VM's, LDAP
_OPTION = re.compile(r"^(?:--[\w-]+|-\w)$")  # --extensions, -X
_OPENING = " \t\"'“‘«([{*•–-"
_CITATION = re.compile(r"^(?:\s+(?:et\s+al\.?|&\s+\w+|en\s+\w+))?,?\s+\(?(?:1[5-9]|20)\d\d[a-z]?\b")  # ", 2022", " (2021)"
_TITLE_OR_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z]|[Pp]rof|[Dd]r|[Dd]rs|[Ii]r|[Ii]ng|[Mm]r|[Mm]w|[Mm]evr|[Dd]hr|"
                               r"[Hh]r|[Ss]t|[Mm]gr|[Ll]ic|vs|bv|nl|vb|o\.a|i\.p\.v|m\.b\.t|t\.o\.v|e\.a|z\.g\.a)\.$")
_NEXT_WORD = re.compile(r"^[ \t]+([^\W\d_][\w'’\-]*)")
_CHUNK_STRIP_LEFT = "\"'“‘«([{<"
_CHUNK_STRIP_RIGHT = "\"'”’»)]}>.,;:!?"


def is_speller(finding: Finding) -> bool:
    return finding.rule.startswith(SPELLER_PREFIX)


def chunk_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited piece of ``text`` holding ``[start, end)``, without surrounding punctuation: the
    whole URL or path a token sits in."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right].lstrip(_CHUNK_STRIP_LEFT).rstrip(_CHUNK_STRIP_RIGHT)


def is_code_token(token: str, chunk: str = "") -> bool:
    """A URL, e-mail address, path, file name or identifier: never a Dutch word, so never a Dutch typo."""
    return is_code_chunk(chunk or token) or bool(_IDENTIFIER.search(token))


def is_code_chunk(chunk: str) -> bool:
    """The whole piece a word sits in is a URL, e-mail address, path or file name (or a command-line option)."""
    if _URL.search(chunk) or _FILE_NAME.match(chunk) or _OPTION.match(chunk):
        return True
    return ("/" in chunk or "\\" in chunk) and not _WORD_SLASH_WORD.match(chunk)


def is_acronym(token: str) -> bool:
    return bool(_ACRONYM.match(token))


def starts_sentence(text: str, offset: int) -> bool:
    """Is the word at ``offset`` the first of a sentence, a list item or a paragraph?"""
    before = text[:offset].rstrip(_OPENING)
    if not before:
        return True
    stripped = text[:offset].rstrip(" \t\"'“‘«([{")
    if stripped and stripped[-1] in "•*–-" and (len(stripped) == 1 or stripped[-2].isspace()):
        return True  # a bullet
    if before[-1] == "." and _TITLE_OR_INITIAL.search(before):
        return False  # "Prof. Dr. Michener", "L. J. Leuwol": the period ends an abbreviation, not a sentence
    return before[-1] in ".!?:…\n"


def is_capitalised(token: str) -> bool:
    return token[:1].isupper() and not token.isupper()


@dataclass(frozen=True)
class Evidence:
    """What the whole document says about its words: which are written as names."""

    mid_capitals: Counter[str]  # casefolded word -> times written capitalised in mid-sentence
    start_capitals: Counter[str]  # ... capitalised at the start of a sentence
    lower: frozenset[str]  # casefolded words also written in lower case

    @classmethod
    def of(cls, texts: Iterable[str]) -> Evidence:
        mid: Counter[str] = Counter()
        start: Counter[str] = Counter()
        lower: set[str] = set()
        for text in texts:
            for match in _WORD.finditer(text):
                word = match.group()
                key = word.casefold()
                if word[:1].islower():
                    lower.add(key)
                elif is_capitalised(word):
                    (start if starts_sentence(text, match.start()) else mid)[key] += 1
        return cls(mid, start, frozenset(lower))

    def is_name(self, word: str, at_start: bool) -> bool:
        """Written as a name elsewhere: capitalised in mid-sentence, or capitalised twice and never lower case."""
        key = word.casefold()
        if self.mid_capitals[key] >= 1:
            return True
        return at_start and is_capitalised(word) and self.start_capitals[key] >= 2 and key not in self.lower


# --- the filter ------------------------------------------------------------------------------------------------------


@dataclass
class _Token:
    finding: int  # index into the findings
    word: str
    chunk: str
    at_start: bool
    reason: Reason | None = None
    parts: tuple[str, ...] = ()  # the parts of a hyphenated word that still need a speller
    hint: str = ""  # LanguageTool's suggestions, " | " between them


def _normalize(word: str) -> str:
    return word.strip().strip(".,;:!?\"'()[]“”‘’").casefold()


def _accepted(word: str, accepted: frozenset[str]) -> bool:
    return bool(accepted) and _normalize(word) in accepted


def _cheap_reason(word: str, chunk: str, at_start: bool, after: str, evidence: Evidence,
                  accepted: frozenset[str]) -> Reason | None:
    """The reasons that need no speller, in order. ``after`` is the text that follows the word. A hyphenated word
    passes only when each part does ("Oost-Vlaanderen", "RAID-5"); else its parts go to the spellers
    ("E4B-track", "Java-ontwikkelaars": the Dutch part must be a Dutch word)."""
    if _accepted(word, accepted):
        return Reason.ACCEPTED_WORD
    if is_code_chunk(chunk):
        return Reason.CODE_TOKEN
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1 or word.startswith("-") or word.endswith("-"):
        reasons = [_part_reason(p, accepted) for p in parts]
        return reasons[0] if reasons and all(reasons) else None
    if is_acronym(word):
        return Reason.ACRONYM
    if is_code_token(word):
        return Reason.CODE_TOKEN
    if is_capitalised(word) and (not at_start or _names_follow(after)):
        return Reason.NAME
    if evidence.is_name(word, at_start):
        return Reason.NAME_IN_DOCUMENT
    return None


def _casing_reason(text: str, start: int, end: int) -> Reason | None:
    """LanguageTool's "write it in lower case" (NL_CHECKCASE_*) on an acronym ("CI/CD", "AWS PVC") or on a word of
    a proper name ("Tante Sidonia", "Euro Space Foundation"); a title such as "Prof." stays a finding."""
    word = text[start:end]
    if is_acronym(word):
        return Reason.ACRONYM
    if is_capitalised(word) and not word.endswith(".") and (_names_follow(text[end:]) or (
            not starts_sentence(text, start) and _previous_capitalised(text, start))):
        return Reason.NAME
    return None


def _word_of_a_name(text: str, start: int, end: int) -> bool:
    """One capitalised word in mid-sentence next to another capitalised word: part of a proper name ("Sus Antigoon",
    "professor Barabas"), not a word a confusion rule should correct."""
    word = text[start:end]
    return (_WORD.fullmatch(word) is not None and is_capitalised(word) and not starts_sentence(text, start)
            and (_names_follow(text[end:]) or _previous_capitalised(text, start)))


def _previous_capitalised(text: str, start: int) -> bool:
    words = _WORD.findall(text[:start])
    return bool(words) and is_capitalised(words[-1])


def _names_follow(after: str) -> bool:
    """After a capitalised word at a sentence start: a year ("Sumina, 2022": a citation) or another capitalised word
    ("Tuxis Internet Engineering", "Fibre Channel"): the word is a name."""
    if _CITATION.match(after):
        return True
    following = _NEXT_WORD.match(after)
    return following is not None and is_capitalised(following.group(1))


def _part_reason(part: str, accepted: frozenset[str]) -> Reason | None:
    """Why a part of a hyphenated word passes without a speller: an accepted word, an acronym, code or a name."""
    if _accepted(part, accepted):
        return Reason.ACCEPTED_WORD
    if is_acronym(part):
        return Reason.ACRONYM
    if is_code_token(part):
        return Reason.CODE_TOKEN
    return Reason.NAME if part[:1].isupper() else None


def _part_needs_speller(part: str, accepted: frozenset[str]) -> bool:
    return _part_reason(part, accepted) is None


NEAR_MISS_MIN = 5  # shorter words are one letter away from too many words to tell a typo
COMPOUND_MIN_PART = 4  # each part of a closed compound: "moe|lijk" (a typo of "moeilijk") has a part of three
COMPOUND_MIN_WORD = 9  # "vers|laag" (a typo of "verslag") is too short to be read as a compound


def compound_splits(word: str) -> list[tuple[str, ...]]:
    """Ways to read a closed compound as two or three words of at least COMPOUND_MIN_PART letters each, a linking
    -s- kept on the left part ("toegangs|beheer|service", "cloud|infrastructuur", "ornament|kunst")."""
    if len(word) < COMPOUND_MIN_WORD or not word.isalpha() or not word[1:].islower():
        return []
    w = word.lower()
    n = COMPOUND_MIN_PART
    out: list[tuple[str, ...]] = []
    for i in range(n, len(w) - n + 1):
        left, right = w[:i], w[i:]
        out.append((left, right))
        out += [(left, right[:j], right[j:]) for j in range(n, len(right) - n + 1)]
    return out


def near_miss(word: str, hint: str) -> bool:
    """Is one of LanguageTool's suggestions one letter away from ``word`` (a letter dropped, added, changed or two
    swapped)? Then the word is a typo of that suggestion, however well it splits into words ("versschuilen" is not
    "vers" + "schuilen" but "verschuilen"). Suggestions that split the word in two, and words shorter than
    NEAR_MISS_MIN, do not count."""
    w = word.casefold()
    if len(w) < NEAR_MISS_MIN:
        return False  # "vm", "gb", "Fio": every short word is one letter from some word
    return any(" " not in s and "-" not in s and _one_edit(w, s.casefold()) for s in (x.strip() for x in hint.split("|")) if s)


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _part_known(part: str, known: set[str]) -> bool:
    return part in known or (part.endswith("s") and len(part) > COMPOUND_MIN_PART and part[:-1] in known)


def _lookup_form(word: str) -> str:
    """The form to ask a speller: an all-capitals word in lower case ("WEIGHT" → "weight")."""
    return word.lower() if word.isupper() and len(word) > 1 else word


def screen(findings: Sequence[Finding], passages: Mapping[int, Passage], *, lexicon: Lexicon | None,
           accepted_words: Iterable[str] = (), language: str = "nl-BE") -> Screened:
    """The findings a student should see: those in code dropped (any rule), and the speller's findings on words
    that are code, acronyms, accepted words, names, English or hyphenated compounds of accepted parts dropped.

    ``passages`` maps a finding's ``location.paragraph`` to its text; ``lexicon`` answers which words the English
    and Dutch spellers know (None: no speller is asked; only the other reasons apply).
    """
    accepted = frozenset(w for w in (_normalize(x) for entry in accepted_words for x in (entry, *entry.split())) if w)
    documents: dict[int, list[str]] = {}
    for p in passages.values():
        documents.setdefault(p.document, []).append(p.text)
    evidence = {document: Evidence.of(texts) for document, texts in documents.items()}
    result = Screened(kept=[])
    decided: dict[int, Reason | None] = {}
    tokens: list[_Token] = []
    phrases: dict[int, list[str]] = {}  # dt findings on two words or more: English when the English speller knows all
    for i, finding in enumerate(findings):
        passage = passages.get(finding.location.paragraph if finding.location.paragraph is not None else -1)
        start = finding.location.offset
        if passage is None or start is None:
            decided[i] = None
            continue
        end = start + (finding.location.length or 0)
        if any(a < end and start < b for a, b in passage.code_spans):
            decided[i] = Reason.CODE
            continue
        if finding.rule == SENTENCE_START_RULE and not passage.sentence and not passage.text[:start].strip(_OPENING):
            decided[i] = Reason.NOT_A_SENTENCE
            continue
        if finding.rule.startswith(CASING_PREFIX):
            decided[i] = _casing_reason(passage.text, start, end)
            continue
        if finding.category == "dt" and not is_speller(finding):
            words = _WORD.findall(passage.text[start:end])
            if len(words) >= 2:
                phrases[i] = words
            decided[i] = None
            continue
        if not is_speller(finding):
            name = finding.category in ("spelling", "grammar") and finding.rule != SENTENCE_START_RULE
            decided[i] = Reason.NAME if name and _word_of_a_name(passage.text, start, end) else None
            continue
        whole = passage.text[start:end]
        if _accepted(whole, accepted):
            decided[i] = Reason.ACCEPTED_WORD
            continue
        for match in re.finditer(r"\S+", whole):
            word = match.group().strip(".,;:!?\"'()[]“”‘’")
            if not word:
                continue
            at = start + match.start()
            chunk = chunk_around(passage.text, at, at + len(match.group()))
            at_start = starts_sentence(passage.text, at)
            after = passage.text[at + len(match.group()):]
            reason = _cheap_reason(word, chunk, at_start, after, evidence[passage.document], accepted)
            token = _Token(i, word, chunk, at_start, reason, hint=str(finding.hint or ""))
            if token.reason is None and "-" in word:  # "Quarkus-applicatie"; "build-" and "-functies" (elided)
                token.parts = tuple(p for p in word.split("-") if p)
            tokens.append(token)
    open_tokens = [t for t in tokens if t.reason is None]
    if (open_tokens or phrases) and lexicon is not None:
        parts = {p for t in open_tokens for p in t.parts if _part_needs_speller(p, accepted)}
        splits = {t.word: compound_splits(t.word) for t in open_tokens if not t.parts and not near_miss(t.word, t.hint)}
        splits |= {p: compound_splits(p) for t in open_tokens if not near_miss(t.word, t.hint) for p in t.parts}
        pieces = {p for ways in splits.values() for way in ways for p in way}
        pieces |= {p[:-1] for p in pieces if p.endswith("s") and len(p) > COMPOUND_MIN_PART}
        # one request per language: the whole words in English, parts and pieces in both
        english = lexicon.known_words({_lookup_form(t.word) for t in open_tokens} | {p.lower() for p in parts}
                                      | pieces | {_lookup_form(w) for ws in phrases.values() for w in ws}, ENGLISH)
        dutch = lexicon.known_words(parts | pieces, language) if parts or pieces else set()
        known = dutch | (english & pieces)
        for i, words in phrases.items():
            if all(_lookup_form(w) in english for w in words):
                decided[i] = Reason.ENGLISH
        for token in open_tokens:
            if _lookup_form(token.word) in english:
                token.reason = Reason.ENGLISH
            elif token.parts and all(not _part_needs_speller(p, accepted) or p in dutch or p.lower() in english
                                     or any(all(_part_known(x, known) for x in way) for way in splits.get(p, ()))
                                     for p in token.parts):
                token.reason = Reason.COMPOUND
            elif any(all(_part_known(p, known) for p in way) for way in splits.get(token.word, ())):
                token.reason = Reason.COMPOUND
    by_finding: dict[int, list[_Token]] = {}
    for token in tokens:
        by_finding.setdefault(token.finding, []).append(token)
    for i, finding in enumerate(findings):
        reason = decided.get(i)
        if i in by_finding:
            reasons = [t.reason for t in by_finding[i]]
            reason = reasons[0] if all(reasons) else None
        if reason is None:
            result.kept.append(finding)
        else:
            result.accepted[reason.value] += 1
    return result


def repeated_as_remarks(findings: Sequence[Finding], minimum: int = REPEATED_MIN) -> tuple[list[Finding], list[Finding]]:
    """(findings, remarks): a word the speller flags ``minimum`` times or more, written the same way, becomes one
    remark (info) at its first place, with the others in ``related``: it is the student's vocabulary, not a slip —
    unless LanguageTool suggests a word one letter away (a typo made every time stays a finding)."""
    same: dict[str, list[Finding]] = {}
    for finding in findings:
        if is_speller(finding) and finding.text:
            same.setdefault(finding.text.casefold(), []).append(finding)
    # a suggestion one letter away: the same typo made every time ("stagaires" for "stagiaires"), still a finding
    repeated = {key for key, found in same.items() if len(found) >= minimum
                and not near_miss(found[0].text or "", str(found[0].hint or ""))}
    kept = [f for f in findings if not (is_speller(f) and f.text and f.text.casefold() in repeated)]
    remarks = []
    for key in sorted(repeated, key=lambda k: sort_findings(same[k])[0].location.sort_key()):
        ordered = sort_findings(same[key])
        first = ordered[0]
        remarks.append(replace(first, rule=REPEATED_RULE, severity=Severity.INFO, category=None,
                               message=msg("language.unknown-word", word=first.text, count=len(ordered)),
                               related=tuple(f.location for f in ordered[1:])))
    return kept, remarks
