"""Required sections: found, missing and out of order, matched tolerantly against the profile's titles and synonyms."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from pipeline.findings import Finding, Location, Severity
from pipeline.load.models import Section as SectionRule
from pipeline.messages import msg
from pipeline.report.checks.base import ReportContext, register
from pipeline.report.checks.options import GroupOptions
from pipeline.report.document import Block, BlockKind, Part
from pipeline.report.headings import fold, normalize_heading
from pipeline.results import SectionRef, SectionsSummary

MATCH_THRESHOLD = 0.86  # "Tussentijds evaluatie" still matches "Tussentijdse evaluatie"; "Evaluatie" does not
PREFIX_EXTRA_WORDS = 6  # "Conclusie: wat ik meeneem" is the section Conclusie


class SectionsOptions(GroupOptions):
    """report.sections: the required sections, in order, with their synonyms."""

    sections: tuple[SectionRule, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    names: tuple[str, ...]  # folded title and synonyms
    synonyms: tuple[str, ...] = ()  # as the profile writes them


@dataclass(frozen=True)
class Match:
    section: Section
    block: Block
    score: float


def required_sections(rules: Sequence[SectionRule]) -> list[Section]:
    out = []
    for entry in rules:
        title = entry.title
        names = [title, *entry.synonyms]
        out.append(Section(id=entry.id or fold(title).replace(" ", "-"), title=title,
                           names=tuple(dict.fromkeys(normalize_heading(n) for n in names if n.strip())),
                           synonyms=tuple(names[1:])))
    return out


def similarity(heading: str, name: str) -> float:
    """1.0 for the same words; high for small spelling variants; a heading that starts with the name counts too."""
    if not heading or not name:
        return 0.0
    if heading == name:
        return 1.0
    words, name_words = heading.split(), name.split()
    if words[: len(name_words)] == name_words and len(words) - len(name_words) <= PREFIX_EXTRA_WORDS:
        return 0.95
    # rapidfuzz's normalised Indel similarity, 2·matches / (len + len): difflib's ratio without its quadratic search
    # (20,000 paragraphs against seven titles took 25 s through difflib)
    return Indel.normalized_similarity(heading, name)


def best_section(block: Block, sections: Sequence[Section]) -> tuple[Section, float] | None:
    text = normalize_heading(block.text)
    scored = [(max(similarity(text, n) for n in s.names), i) for i, s in enumerate(sections) if s.names]
    if not scored:
        return None
    score, index = max(scored, key=lambda pair: (pair[0], -pair[1]))
    return (sections[index], score) if score >= MATCH_THRESHOLD else None


def candidate_headings(blocks: Sequence[Block]) -> list[Block]:
    """Headings that can be sections: not on the title page, not in the table of contents."""
    return [b for b in blocks if b.kind is BlockKind.HEADING and b.part not in (Part.TITLE_PAGE, Part.TOC)]


def match_sections(blocks: Sequence[Block], sections: Sequence[Section]) -> tuple[list[Match], list[Match]]:
    """(first match of each found section in document order, later duplicates)."""
    found: dict[str, Match] = {}
    duplicates: list[Match] = []
    for block in candidate_headings(blocks):
        best = best_section(block, sections)
        if best is None:
            continue
        section, score = best
        if section.id in found:
            # a sub-heading may repeat a word ("Conclusie" under a section); only same-or-higher level is a duplicate
            first = found[section.id].block
            if (block.level or 1) <= (first.level or 1):
                duplicates.append(Match(section, block, score))
            continue
        found[section.id] = Match(section, block, score)
    return sorted(found.values(), key=lambda m: m.block.index), duplicates


def in_order(matches: Sequence[Match], sections: Sequence[Section]) -> set[str]:
    """Ids of the found sections that form the longest run in the required order; the others are out of place."""
    rank = {s.id: i for i, s in enumerate(sections)}
    ranks = [rank[m.section.id] for m in matches]
    best: list[list[int]] = []  # best[i]: longest increasing subsequence ending at i (indices into matches)
    for i, r in enumerate(ranks):
        chain = max((best[j] for j in range(i) if ranks[j] < r), key=len, default=[])
        best.append([*chain, i])
    longest = max(best, key=len, default=[])
    return {matches[i].section.id for i in longest}


def _plain_title_block(blocks: Sequence[Block], section: Section) -> Block | None:
    """A body paragraph whose whole text is the missing section's title: the author forgot the heading style."""
    longest = max((len(n) for n in section.names), default=0)
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH and block.part in (Part.BODY, Part.APPENDIX):
            if len(block.text) > 4 * longest + 200:
                continue  # running text, not a title (a heading that starts with the title is at most six words more)
            text = normalize_heading(block.text.rstrip(":"))
            if len(text.split()) <= 12 and any(similarity(text, n) >= MATCH_THRESHOLD for n in section.names):
                return block
    return None


def _missing(ctx: ReportContext, sections: Sequence[Section], found: dict[str, Match]) -> Iterator[Finding]:
    for i, section in enumerate(sections):
        if section.id in found:
            continue
        previous = next((s for s in reversed(sections[:i]) if s.id in found), None)
        following = next((found[s.id] for s in sections[i + 1:] if s.id in found), None)
        where = msg("sections.missing.after", previous=previous.title) if previous else msg("sections.missing.first")
        synonyms = section.synonyms
        plain = _plain_title_block(ctx.document.blocks, section)
        if plain is not None:
            location = plain.location(ctx.file, 0, len(plain.text))
            yield Finding(check="sections", rule="not-a-heading", severity=Severity.ERROR,
                          message=msg("sections.not-a-heading", title=section.title), location=location, text=plain.text)
            continue
        location = following.block.location(ctx.file) if following else Location(file=ctx.file)
        hint = msg("sections.missing.hint", title=section.title,
                  synonyms=msg("sections.missing.synonyms", names=", ".join(synonyms)) if synonyms else "")
        yield Finding(check="sections", rule="missing-section", severity=Severity.ERROR,
                      message=msg("sections.missing", title=section.title, where=where), location=location, hint=hint)


@register("sections", options=SectionsOptions)
def check_sections(ctx: ReportContext) -> Iterator[Finding]:
    sections = required_sections(ctx.options(SectionsOptions).sections)
    matches, duplicates = match_sections(ctx.document.blocks, sections)
    found = {m.section.id: m for m in matches}
    ordered = in_order(matches, sections)
    ctx.summaries.sections = SectionsSummary(
        required=tuple(SectionRef(s.id, s.title) for s in sections),
        found=tuple(SectionRef(m.section.id, m.section.title, m.block.text, m.block.page, m.block.index)
                    for m in matches),
        missing=tuple(SectionRef(s.id, s.title) for s in sections if s.id not in found),
        out_of_order=len(ordered) < len(matches),
    )
    if not sections:
        return
    yield from _missing(ctx, sections, found)
    rank = {s.id: i for i, s in enumerate(sections)}
    order_hint = msg("sections.order.hint", order=" → ".join(s.title for s in sections))
    for match in matches:
        if match.section.id in ordered:
            continue
        # name the nearest correctly placed neighbour it should come before or after
        later = [m for m in matches if m.section.id in ordered and rank[m.section.id] > rank[match.section.id]]
        earlier = [m for m in matches if m.section.id in ordered and rank[m.section.id] < rank[match.section.id]]
        if later and later[0].block.index < match.block.index:
            relation, other = msg("sections.order.before"), later[0].section.title
        elif earlier:
            relation, other = msg("sections.order.after"), earlier[-1].section.title
        else:
            relation, other = msg("sections.order.before"), sections[-1].title
        yield Finding(check="sections", rule="section-order", severity=Severity.ERROR,
                      message=msg("sections.order", title=match.section.title, relation=relation, other=other),
                      location=match.block.location(ctx.file, 0, len(match.block.text)), text=match.block.text,
                      hint=order_hint)
    for dup in duplicates:
        first = found[dup.section.id].block
        yield Finding(check="sections", rule="duplicate-section", severity=Severity.WARNING,
                      message=msg("sections.duplicate", title=dup.section.title, first=first.index + 1),
                      location=dup.block.location(ctx.file, 0, len(dup.block.text)), text=dup.block.text)
