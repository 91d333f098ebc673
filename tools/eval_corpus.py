"""Rebuild the language/anonymity evaluation set (issue 10) from public text nobody on this project wrote.

The text comes from public GitHub repositories, pinned by commit, that the search tool's ``fetch`` brings to
``/work/.mirror/<owner>+<name>/repo`` (a bare git directory). Fetched text is never committed to this repository
(the workplace's rule for fetched snapshots, and most report repositories carry no licence at all): this script
is the recipe, ``tests/data/eval/SOURCES.md`` names every source with its commit and licence, and the built files
land in ``tests/data/eval/build/`` (git-ignored) with a ``MANIFEST.json`` of sha256 sums, so two builds can be
compared. Everything planted (dt-errors, typos) is seeded: the same mirrors give byte-identical files.

    python tools/eval_corpus.py                 # build into tests/data/eval/build/
    python tools/eval_corpus.py --check         # only say which mirrors are missing
    python tools/eval_corpus.py --mirror DIR    # mirrors elsewhere (default /work/.mirror or $STAGEPIPE_MIRROR)

Sets (JSON lines unless said otherwise), each with a ``split``: ``dev`` (looked at while researching) or ``test``
(only measured):
- ``correct_sentences.jsonl``: edited Wikipedia sentences (UD Dutch LassySmall; Alpino for test), taken as correct.
- ``dt_sentences.jsonl``: those sentences with one verb's d/t ending swapped (``wordt``→``word``,
  ``behandeld``→``behandelt``, ...), chosen from the treebank's own tags (CGN: ``WW|pv|tgw|met-t``, ``WW|vd``),
  with the expected span and the correct form.
- ``typo_sentences.jsonl``: an ordinary Dutch word with a planted typo (transposition, dropped or doubled letter,
  missing diaeresis); in Wikipedia sentences and in paragraphs of the real reports.
- ``reports/``: real Dutch internship and bachelor's reports (Markdown made from Markdown/LaTeX, the PDFs as they
  are) and ``reports.json`` (file, source, the strings that are real anonymity leaks in it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "eval" / "build"
MIRROR = Path(os.environ.get("STAGEPIPE_MIRROR", "/work/.mirror"))
SEED = 20261130


@dataclass(frozen=True)
class Source:
    repo: str  # owner/name on GitHub
    commit: str
    licence: str

    @property
    def git_dir(self) -> Path:
        return MIRROR / self.repo.replace("/", "+") / "repo"

    def read(self, path: str) -> bytes:
        try:
            return subprocess.run(["git", "--git-dir", str(self.git_dir), "show", f"{self.commit}:{path}"],
                                  check=True, capture_output=True).stdout
        except subprocess.CalledProcessError as e:
            raise SystemExit(f"{self.repo}@{self.commit[:10]}: cannot read {path}: "
                             f"{e.stderr.decode(errors='replace').strip()} (fetch github:{self.repo} first)") from e

    def text(self, path: str) -> str:
        return self.read(path).decode("utf-8", errors="replace")


LASSY = Source("UniversalDependencies/UD_Dutch-LassySmall", "7880e0bc4c8138607c8e9724db2294dc89d4e2b5", "CC BY-SA 4.0")
ALPINO = Source("UniversalDependencies/UD_Dutch-Alpino", "95e374a608d114ec6c6b32f0fbd5f324d29ef286", "CC BY-SA 4.0")


@dataclass(frozen=True)
class Report:
    name: str
    source: Source
    kind: str  # md | tex | pdf
    paths: tuple[str, ...]
    leaks: tuple[str, ...] = ()  # strings in it that an anonymous report must not contain (placement, its people)
    note: str = ""


REPORTS = (
    Report("hogent-stage-logboek", Source("Vic-Rottiers/stage-documentatie", "45e30184bed35337e1f235225a8aa26cedf0b093",
                                          "none stated"), "md",
           ("README.md", "Stageopdracht.md", *(f"logboeken/week{i}.md" for i in range(1, 15))),
           ("FlowFactor",), "HoGent internship: weekly logbook and assignment (Kubernetes, Google Anthos)"),
    Report("vives-bachelorproef-infra", Source("vives-elektronics-ict-bachelor-thesis/bachelor-thesis-2022-benboydens",
                                               "d962dd4710a33e30993a2525a8a70809bd1371a9", "none stated"), "md",
           tuple(f"docs/{p}/README.md" for p in ("introduction", "huidige-omgeving", "active-directory",
                                                  "microsoft-azure", "confluence", "mail-server", "data-storage",
                                                  "san-vs-vsan", "test-starwind-vsan", "conclusion")),
           ("Philip Van Isacker", "Nick Legroe"), "VIVES bachelor's thesis done at a company (on-premise to cloud)"),
    Report("hogent-bachelorproef-ai-app", Source("Skerath/2324-bachelorproef-cantaertmaurice",
                                                 "5442086112a0773c94d5b840d1870c876abfcb54",
                                                 "none for the text (MIT for the LaTeX template)"), "tex",
           tuple(f"bachproef/{p}.tex" for p in ("samenvatting", "inleiding", "standvanzaken", "methodologie",
                                                 "shortlist", "proofofconcept", "conclusie")),
           ("Jordi Van Bossuyt", "Jordi", "Van Bossuyt", "Koninklijke Atletiekclub Eendracht Aalst"),
           "HoGent bachelor's thesis (Android, generative AI) with an external co-promotor"),
    Report("hogent-bachelorproef-nlp", Source("nvanderperren/bachelorproef", "300ad95664032856f7b40670bb35ba47c98ceb43",
                                              "none stated"), "tex",
           tuple(f"paper/{p}.tex" for p in ("samenvatting", "inleiding", "standvanzaken", "methodologie",
                                             "resultaten-ingebouwd-model", "resultaten-custom-model", "conclusie")),
           (), "HoGent bachelor's thesis (language models, data sets)"),
    Report("hbo-stage-verantwoording", Source("Shambuwu/stage-docs", "8a4ec7fb09dcfbc952908868c991c5795ca08116",
                                              "none stated"), "pdf", ("Verantwoordingsrapport_Levi_Leuwol.pdf",),
           (), "HBO-ICT internship justification report (PDF as submitted)"),
    Report("hbo-stage-onderzoek", Source("Shambuwu/stage-docs", "8a4ec7fb09dcfbc952908868c991c5795ca08116",
                                         "none stated"), "pdf", ("documenten/onderzoeksrapport.pdf",),
           (), "HBO-ICT internship research report (PDF as submitted)"),
)


# --- UD treebanks -----------------------------------------------------------------------------------------------

@dataclass
class Token:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    start: int = -1


@dataclass
class Sentence:
    sent_id: str
    text: str
    tokens: list[Token] = field(default_factory=list)


def conllu(text: str) -> Iterator[Sentence]:
    sent: Sentence | None = None
    for line in text.splitlines():
        if line.startswith("# sent_id = "):
            sent = Sentence(line[12:].strip(), "")
        elif line.startswith("# text = ") and sent is not None:
            sent.text = line[9:]
        elif line and not line.startswith("#") and sent is not None:
            cols = line.split("\t")
            if cols[0].isdigit():
                sent.tokens.append(Token(cols[1], cols[2], cols[3], cols[4], cols[5]))
        elif not line and sent is not None:
            if _place_tokens(sent):
                yield sent
            sent = None


def _place_tokens(sent: Sentence) -> bool:
    pos = 0
    for tok in sent.tokens:
        i = sent.text.find(tok.form, pos)
        if i < 0:
            return False
        tok.start, pos = i, i + len(tok.form)
    return True


def _good_sentence(s: Sentence) -> bool:
    words = [t for t in s.tokens if t.upos != "PUNCT"]
    return (6 <= len(words) <= 40 and s.text[:1].isupper() and s.text.rstrip()[-1:] in ".!?"
            and "  " not in s.text and not re.search(r"[\[\]{}|=]", s.text))


def treebank(source: Source, part: str) -> list[Sentence]:
    name = "nl_lassysmall" if source is LASSY else "nl_alpino"
    return [s for s in conllu(source.text(f"{name}-ud-{part}.conllu")) if _good_sentence(s)]


# --- dt-errors ---------------------------------------------------------------------------------------------------

_PREFIX = re.compile(r"^(be|ge|ver|ont|her|er)")


def weak_infinitives(stem: str) -> set[str]:
    """Infinitives a weak verb with this stem can have: behandel -> behandelen, vertaal -> vertalen,
    beleef -> beleven, bekken -> ..., begin -> beginnen."""
    out = {stem + "en"}
    m = re.match(r"^(.*?)(aa|ee|oo|uu)([^aeiou])$", stem)
    if m:
        out.add(m.group(1) + m.group(2)[0] + m.group(3) + "en")
    if stem[-1:] not in "aeiou":
        out.add(stem + stem[-1] + "en")
    for hard, soft in (("f", "v"), ("s", "z")):
        for base in list(out):
            if stem.endswith(hard):
                out.add(base.replace(stem, stem[:-1] + soft, 1))
    if m:
        for hard, soft in (("f", "v"), ("s", "z")):
            if stem.endswith(hard):
                out.add(m.group(1) + m.group(2)[0] + soft + "en")
    return out


def _lemma(tok: Token) -> str:
    return tok.lemma.replace("_", "").lower()


def _dt_swaps(s: Sentence, participles: dict[str, set[str]]) -> Iterator[tuple[Token, str, str]]:
    """(token, wrong form, kind) for the d/t swaps writers really make, from the treebank's CGN tags:
    wordt -> word, gebeurt -> gebeurd, behandeld -> behandelt, word ik -> wordt ik."""
    for i, tok in enumerate(s.tokens):
        form, xpos, lemma = tok.form, tok.xpos, _lemma(tok)
        if not form.isalpha() or len(form) < 3:
            continue
        low = form.lower()
        prev = s.tokens[i - 1].form.lower() if i else ""
        nxt = s.tokens[i + 1].form.lower() if i + 1 < len(s.tokens) else ""
        prefix = _PREFIX.match(low)
        if xpos.startswith("WW|pv|tgw|met-t") and low.endswith("dt"):
            yield tok, form[:-1], "3ev-stam-d"  # wordt -> word, vindt -> vind
        elif xpos.startswith("WW|pv|tgw|met-t") and low.endswith("t") and not low.endswith(("dt", "tt")) \
                and low[:-1] + "d" in participles.get(lemma, set()):
            yield tok, form[:-1] + "d", "3ev-als-vd"  # gebeurt -> gebeurd, verbetert -> verbeterd
        elif xpos.startswith("WW|vd") and low.endswith("d") and not low.endswith("dd") and prefix \
                and lemma.startswith(prefix.group(1)) and lemma in weak_infinitives(low[:-1]):
            yield tok, form[:-1] + "t", "vd-als-3ev"  # behandeld -> behandelt, gebeurd -> gebeurt
        elif xpos.startswith("WW|pv|tgw|ev") and low.endswith("d") and (nxt in ("ik", "je", "jij") or prev == "ik"):
            yield tok, form + "t", "1ev-plus-t"  # word ik -> wordt ik, ik vind -> ik vindt


def dt_set(sentences: list[tuple[str, Sentence]], rnd: random.Random, per_kind: int) -> list[dict[str, object]]:
    participles: dict[str, set[str]] = {}
    for _, s in sentences:
        for tok in s.tokens:
            if tok.xpos.startswith("WW|vd"):
                participles.setdefault(_lemma(tok), set()).add(tok.form.lower())
    candidates: dict[str, list[dict[str, object]]] = {}
    for split, s in sentences:
        for tok, wrong, kind in _dt_swaps(s, participles):
            text = s.text[:tok.start] + wrong + s.text[tok.start + len(tok.form):]
            candidates.setdefault(kind, []).append({
                "id": f"{s.sent_id}:{tok.start}", "split": split, "kind": kind, "text": text, "correct": s.text,
                "start": tok.start, "end": tok.start + len(wrong), "wrong": wrong, "right": tok.form,
                "lemma": tok.lemma, "tag": tok.xpos})
    out = []
    for kind in sorted(candidates):
        items = candidates[kind]
        rnd.shuffle(items)
        out += sorted(items[:per_kind], key=lambda d: str(d["id"]))
    return out


# --- typos -------------------------------------------------------------------------------------------------------

def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def plant_typo(word: str, rnd: random.Random) -> tuple[str, str] | None:
    """(typo, how): a transposition, a dropped or doubled letter, or a missing diaeresis."""
    if any(c in word for c in "ëïöüä"):
        return unicodedata.normalize("NFC", _strip_accents(word)), "diaeresis"
    how = rnd.choice(("transposition", "deletion", "insertion"))
    i = rnd.randrange(1, len(word) - 2)
    if how == "transposition":
        if word[i] == word[i + 1]:
            return None
        return word[:i] + word[i + 1] + word[i] + word[i + 2:], how
    if how == "deletion":
        return word[:i] + word[i + 1:], how
    return word[:i] + word[i] + word[i:], how


def _known_word(word: str) -> bool:
    """Whether a planted typo happens to be a real word (then it is no typo): wordfreq's Dutch and English lists."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return False
    return zipf_frequency(word, "nl") > 0 or zipf_frequency(word, "en") > 1.5


def typo_from_ud(sentences: list[tuple[str, Sentence]], rnd: random.Random, count: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    order = list(sentences)
    rnd.shuffle(order)
    # one in ten with a diaeresis word (geïnstalleerd -> geinstalleerd): rare in text, common as an error
    with_diaeresis = [(sp, s) for sp, s in order if any(c in s.text for c in "ëïöü")][: count // 10]
    order = with_diaeresis + [x for x in order if x not in with_diaeresis]
    for split, s in order:
        words = [t for t in s.tokens if t.upos in ("NOUN", "VERB", "ADJ", "ADV") and t.form.isalpha()
                 and t.form.islower() and len(t.form) >= 6]
        if (split, s) in with_diaeresis:
            words = [t for t in words if any(c in t.form for c in "ëïöü")]
        if not words:
            continue
        tok = rnd.choice(words)
        planted = plant_typo(tok.form, rnd)
        if planted is None or _known_word(planted[0]):
            continue
        typo, how = planted
        out.append({"id": f"{s.sent_id}:{tok.start}", "split": split, "context": "wikipedia", "how": how,
                    "text": s.text[:tok.start] + typo + s.text[tok.start + len(tok.form):], "start": tok.start,
                    "end": tok.start + len(typo), "typo": typo, "word": tok.form})
        if len(out) >= count:
            break
    return sorted(out, key=lambda d: str(d["id"]))


def typo_from_reports(paragraphs: list[tuple[str, str]], rnd: random.Random, count: int) -> list[dict[str, object]]:
    """Typos in ordinary Dutch words of real report paragraphs, the English terms and names around them left as
    they are: a filter that hides English words must not hide these."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return []
    out: list[dict[str, object]] = []
    order = list(paragraphs)
    rnd.shuffle(order)
    for name, para in order:
        if len(para) < 80 or len(para) > 1200 or para.count("`") or para.lstrip().startswith(("|", "-", "*", "!")):
            continue
        words = [m for m in re.finditer(r"(?<![\w./-])[a-zàâçéèêëîïôûùüÿñ]{6,}(?![\w./-])", para)
                 if zipf_frequency(m.group(), "nl") >= 3.0 and zipf_frequency(m.group(), "en") < 2.0]
        if not words:
            continue
        m = rnd.choice(words)
        planted = plant_typo(m.group(), rnd)
        if planted is None or _known_word(planted[0]):
            continue
        typo, how = planted
        out.append({"id": f"{name}:{m.start()}:{hashlib.sha1(para.encode()).hexdigest()[:8]}", "split": "test",
                    "context": "report", "how": how, "text": para[:m.start()] + typo + para[m.end():],
                    "start": m.start(), "end": m.start() + len(typo), "typo": typo, "word": m.group()})
        if len(out) >= count:
            break
    return sorted(out, key=lambda d: str(d["id"]))


# --- reports -----------------------------------------------------------------------------------------------------

_TEX_ACCENTS = {'\\"e': "ë", '\\"i': "ï", '\\"o': "ö", '\\"u': "ü", '\\"a': "ä", "\\'e": "é", "\\`e": "è",
                "\\^e": "ê", "\\'E": "É", '\\"{e}': "ë", '\\"{i}': "ï", "\\'{e}": "é"}
_TEX_DROP_ENVS = ("figure", "table", "tabular", "tabularx", "longtable", "equation", "align", "tikzpicture")
_TEX_CODE_ENVS = ("lstlisting", "minted", "verbatim", "Verbatim", "codebox")


def tex_to_markdown(tex: str) -> str:
    """A student's LaTeX chapter as the text a reader of the PDF sees: headings, paragraphs, lists, code blocks."""
    tex = re.sub(r"(?<!\\)%.*", "", tex)
    for accent, char in _TEX_ACCENTS.items():
        tex = tex.replace(accent, char)
    code_blocks: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        code_blocks.append(m.group(2).strip("\n"))
        return f"\n\n\ue000{len(code_blocks) - 1}\ue001\n\n"

    tex = re.sub(r"\\begin\{(" + "|".join(_TEX_CODE_ENVS) + r")\}(?:\[[^\]]*\])?(?:\{[^}]*\})?(.*?)\\end\{\1\}",
                 keep_code, tex, flags=re.DOTALL)
    for env in _TEX_DROP_ENVS:
        tex = re.sub(rf"\\begin\{{{env}\*?\}}.*?\\end\{{{env}\*?\}}", "\n", tex, flags=re.DOTALL)
    tex = re.sub(r"\\IfLanguageName\{english\}\{%?(?:[^{}]|\{[^{}]*\})*\}\{\}", "", tex)
    tex = re.sub(r"\\IfLanguageName\{dutch\}\{((?:[^{}]|\{[^{}]*\})*)\}\{(?:[^{}]|\{[^{}]*\})*\}", r"\1", tex)
    titles = {m.group(2): m.group(1) for m in re.finditer(
        r"\\(?:chapter|section|subsection|subsubsection)\*?(?:\[[^\]]*\])?\{((?:[^{}]|\{[^{}]*\})*)\}\s*"
        r"\\label\{([^}]*)\}", tex)}
    for command, level in (("chapter", 1), ("section", 2), ("subsection", 3), ("subsubsection", 4)):
        tex = re.sub(rf"\\{command}\*?(?:\[[^\]]*\])?\{{((?:[^{{}}]|\{{[^{{}}]*\}})*)\}}",
                     lambda m, lv=level: f"\n\n{'#' * lv} {m.group(1)}\n\n", tex)
    # what the PDF shows for a reference: a cited author's name, a section's number or title (never its label,
    # which a student's DOCX or PDF does not contain: 'subsec:uitdagingen' was noise of this conversion only)
    tex = re.sub(r"(^|[.!?:]\s+|\n\s*)?\\(?:textcite|citeauthor)\*?(?:\[[^\]]*\])*\{[^}]*\}",
                 lambda m: (m.group(1) or "") + ("De auteurs" if m.group(1) is not None else "de auteurs"), tex)
    tex = re.sub(r"\\nameref\{([^}]*)\}", lambda m: titles.get(m.group(1), "dat hoofdstuk"), tex)
    tex = re.sub(r"\\(?:ref|autoref|cref|vref)\{[^}]*\}", "3.2", tex)
    tex = re.sub(r"\\(?:autocite|parencite|cite|footcite|label|ref|autoref|cref|vref|index|gls[a-z]*pl?|"
                 r"addcontentsline|phantomsection|vspace|hspace|includegraphics)\*?(?:\[[^\]]*\])*(?:\{[^}]*\})*",
                 "", tex)
    tex = re.sub(r"\\item\s*(?:\[([^\]]*)\])?", lambda m: "\n- " + (f"{m.group(1)}: " if m.group(1) else ""), tex)
    tex = re.sub(r"\\begin\{(?:itemize|enumerate|description)\}|\\end\{(?:itemize|enumerate|description)\}",
                 "\n\n", tex)
    tex = re.sub(r"\\footnote\{((?:[^{}]|\{[^{}]*\})*)\}", r" (\1)", tex)
    tex = re.sub(r"\\url\{([^}]*)\}|\\href\{([^}]*)\}\{([^}]*)\}", lambda m: m.group(1) or m.group(3) or "", tex)
    for _ in range(3):  # formatting commands keep their text: \textbf{x}, \emph{x}, \texttt{x}
        tex = re.sub(r"\\[a-zA-Z]+\*?(?:\[[^\]]*\])?\{((?:[^{}]|\{[^{}]*\})*)\}", r"\1", tex)
    tex = re.sub(r"\\begin\{[^}]*\}|\\end\{[^}]*\}", "\n\n", tex)
    tex = re.sub(r"\\[a-zA-Z]+\*?", "", tex)
    tex = tex.replace("~", " ").replace("\\%", "%").replace("\\&", "&").replace("\\_", "_").replace("\\#", "#")
    tex = tex.replace("``", "“").replace("''", "”").replace("\\\\", "\n").replace("{", "").replace("}", "")
    tex = re.sub(r"\$([^$]*)\$", r"\1", tex)
    paragraphs = []
    for block in re.split(r"\n\s*\n", tex):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if lines[0].startswith("#") or lines[0].startswith("\ue000"):
            paragraphs.append(lines[0])
        elif all(ln.startswith("- ") for ln in lines):
            paragraphs.append("\n".join(lines))
        else:
            paragraphs.append(" ".join(lines))
    text = "\n\n".join(paragraphs)
    return re.sub(r"\ue000(\d+)\ue001", lambda m: "```\n" + code_blocks[int(m.group(1))] + "\n```", text) + "\n"


def _markdown_files(report: Report) -> str:
    parts = []
    for path in report.paths:
        text = report.source.text(path)
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)  # VuePress front matter
        text = re.sub(r"^\s*<img [^>]*>\s*$", "", text, flags=re.MULTILINE)  # pictures: not text in a PDF
        parts.append(text.strip())
    return "\n\n".join(parts) + "\n"


def build_report(report: Report, folder: Path) -> Path:
    if report.kind == "pdf":
        target = folder / f"{report.name}.pdf"
        target.write_bytes(report.source.read(report.paths[0]))
        return target
    text = _markdown_files(report) if report.kind == "md" else \
        "\n\n".join(tex_to_markdown(report.source.text(p)).strip() for p in report.paths) + "\n"
    target = folder / f"{report.name}.md"
    target.write_text(text, encoding="utf-8")
    return target


def report_paragraphs(path: Path) -> list[str]:
    if path.suffix != ".md":
        return []
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith("#")]


# --- build -------------------------------------------------------------------------------------------------------

def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")


def missing_mirrors() -> list[str]:
    sources = {LASSY.repo: LASSY, ALPINO.repo: ALPINO, **{r.source.repo: r.source for r in REPORTS}}
    return [f"github:{repo}" for repo, s in sorted(sources.items()) if not s.git_dir.is_dir()]


def build(out: Path = OUT) -> dict[str, object]:
    rnd = random.Random(SEED)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    dev = [("dev", s) for s in treebank(LASSY, "dev")]
    alpino_dev = [("dev", s) for s in treebank(ALPINO, "dev")]
    test = [("test", s) for s in treebank(LASSY, "test")] + [("test", s) for s in treebank(ALPINO, "test")]
    correct = []
    for split, pool, n in (("dev", dev, 150), ("test", test, 250)):
        chosen = rnd.sample(pool, min(n, len(pool)))
        correct += [{"id": s.sent_id, "split": split, "text": s.text,
                     "source": (LASSY if s.sent_id.startswith("wiki") else ALPINO).repo} for _, s in chosen]
    _write_jsonl(out / "correct_sentences.jsonl", correct)
    used = {str(c["id"]) for c in correct}
    # dt and typo sets come from other sentences than the correct set (the train sections are too big for a
    # snapshot, and the dev and test sections hold enough verbs)
    pool = [(sp, s) for sp, s in dev + alpino_dev + test if s.sent_id not in used]
    _write_jsonl(out / "dt_sentences.jsonl", dt_set(pool, rnd, per_kind=60))
    reports = []
    for report in REPORTS:
        path = build_report(report, out / "reports")
        reports.append({"name": report.name, "file": f"reports/{path.name}", "repo": report.source.repo,
                        "commit": report.source.commit, "licence": report.source.licence,
                        "paths": list(report.paths), "leaks": list(report.leaks), "note": report.note})
    (out / "reports.json").write_text(json.dumps(reports, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paragraphs = [(r["name"], p) for r in reports for p in report_paragraphs(out / str(r["file"]))]
    typos = typo_from_ud([(sp, s) for sp, s in pool], rnd, 200) + typo_from_reports(paragraphs, rnd, 100)
    _write_jsonl(out / "typo_sentences.jsonl", typos)
    manifest = {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file() and p.name != "MANIFEST.json"}
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str]) -> int:
    global MIRROR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--mirror", type=Path, default=MIRROR)
    parser.add_argument("--check", action="store_true", help="only list the mirrors that are missing")
    args = parser.parse_args(argv)
    MIRROR = args.mirror
    missing = missing_mirrors()
    if missing:
        print("missing mirrors (bring them with the search tool's fetch):", *missing, sep="\n  ", file=sys.stderr)
        return 2
    if args.check:
        return 0
    manifest = build(args.out)
    for name, digest in manifest.items():
        print(f"{digest[:12]}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
