"""Generate the contract-pack templates: templates/<document>/<lang>.docx (docxtpl, Jinja inside Word XML).

The .docx files are build products of this script, committed so that the pipeline needs no generation step; a
change to a template is a change here, readable in a diff. Run `python tools/make_templates.py` (or `make
templates`) after editing; a test fails when the committed .docx files differ from what this script makes.

The templates see the render context of pipeline/render/context.py: ``case``, ``program``, ``institution``,
``letter`` (the mentor letter in the document's language) and ``d`` (derived values). `stagepipe templates lint`
checks every name used here against that context's schema.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docx_builder as B  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nl", "en", "fr")


class Tr(dict):  # type: ignore[type-arg]
    """One text in nl, en and fr; ``Tr + "str"`` appends to every language."""

    def __add__(self, other: object) -> Tr:
        if isinstance(other, Tr):
            return Tr({k: v + other[k] for k, v in self.items()})
        return Tr({k: v + str(other) for k, v in self.items()})

    def __radd__(self, other: object) -> Tr:
        return Tr({k: str(other) + v for k, v in self.items()})


def T(nl: str, en: str, fr: str) -> Tr:
    return Tr(nl=nl, en=en, fr=fr)


Text = Tr | str


@dataclass
class Writer:
    doc: object
    lang: str

    def s(self, text: Text) -> str:
        return text if isinstance(text, str) else text[self.lang]

    def _runs(self, paragraph: object, text: str, size: float | None = None, grey: bool = False) -> None:
        """Add ``text`` as runs; **bold** segments become bold runs (never split a Jinja tag with **)."""
        for index, chunk in enumerate(text.split("**")):
            if not chunk:
                continue
            run = paragraph.add_run(chunk)  # type: ignore[attr-defined]
            run.bold = index % 2 == 1 or None
            if size:
                run.font.size = Pt(size)
            if grey:
                run.font.color.rgb = B.GREY

    def p(self, text: Text, *, style: str | None = None, size: float | None = None, grey: bool = False,
          align: str | None = None, after: float | None = None, before: float | None = None,
          keep: bool = False) -> object:
        paragraph = self.doc.add_paragraph(style=style)  # type: ignore[attr-defined]
        self._runs(paragraph, self.s(text), size=size, grey=grey)
        if align:
            B.align(paragraph, align)
        if after is not None:
            paragraph.paragraph_format.space_after = Pt(after)
        if before is not None:
            paragraph.paragraph_format.space_before = Pt(before)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def spacer(self) -> None:
        """A thin empty paragraph: Word needs one between two tables, and it gives the table some air."""
        paragraph = self.doc.add_paragraph()  # type: ignore[attr-defined]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(6)

    def tag(self, tag: str) -> None:
        """A docxtpl paragraph tag ({%p ... %}): the paragraph itself disappears from the output."""
        self.doc.add_paragraph(tag)  # type: ignore[attr-defined]

    def title(self, text: Text, subtitle: Text | None = None) -> None:
        self.p(text, style="Title")
        if subtitle:
            self.p(subtitle, size=11, grey=True, after=10)

    def heading(self, text: Text, level: int = 1) -> None:
        self.p(text, style=f"Heading {level}", keep=True)

    def article(self, text: Text) -> None:
        word = {"nl": "Artikel", "en": "Article", "fr": "Article"}[self.lang]
        self.heading("{% set a.n = a.n + 1 %}" + f"{word} " + "{{ a.n }} – " + self.s(text), 2)

    def bullets(self, loop: str, item: Text) -> None:
        self.tag("{%p for " + loop + " %}")
        self.p(item, style="List Bullet")
        self.tag("{%p endfor %}")

    def when(self, condition: str, body: Callable[[], None]) -> None:
        self.tag("{%p if " + condition + " %}")
        body()
        self.tag("{%p endif %}")

    def kv_table(self, rows: list[tuple[Text, list[Text], str | None]], widths: tuple[float, float] = (4.6, 11.8)
                 ) -> None:
        """Label | value rows; a row with a condition is wrapped in {%tr if %} ... {%tr endif %}."""
        table = self.doc.add_table(rows=0, cols=2)  # type: ignore[attr-defined]
        B.table_borders(table)
        for label, values, condition in rows:
            if condition:
                table.add_row().cells[0].text = "{%tr if " + condition + " %}"
            row = table.add_row()
            B.no_split(row)
            label_cell, value_cell = row.cells
            B.set_cell_fill(label_cell, B.LABEL_FILL)
            label_cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            self._runs(label_cell.paragraphs[0], "**" + self.s(label) + "**", size=9.5)
            for index, value in enumerate(values):
                paragraph = value_cell.paragraphs[0] if index == 0 else value_cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                self._runs(paragraph, self.s(value), size=9.5)
            if condition:
                table.add_row().cells[0].text = "{%tr endif %}"
        B.set_widths(table, widths)
        self.spacer()

    def list_table(self, headers: list[Text], loop: str, cells: list[Text], widths: list[float],
                   empty: Text | None = None, empty_condition: str | None = None) -> None:
        """A table with a header row and one row per item of ``loop``."""
        table = self.doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
        B.table_borders(table)
        B.header_row(table.rows[0])
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            B.set_cell_fill(cell, B.LABEL_FILL)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            self._runs(cell.paragraphs[0], "**" + self.s(header) + "**", size=9.5)
        table.add_row().cells[0].text = "{%tr for " + loop + " %}"
        row = table.add_row()
        B.no_split(row)
        for cell, value in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            self._runs(cell.paragraphs[0], self.s(value), size=9.5)
        table.add_row().cells[0].text = "{%tr endfor %}"
        if empty is not None and empty_condition is not None:
            table.add_row().cells[0].text = "{%tr if " + empty_condition + " %}"
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            merged.paragraphs[0].paragraph_format.space_after = Pt(0)
            self._runs(merged.paragraphs[0], self.s(empty), size=9.5, grey=True)
            table.add_row().cells[0].text = "{%tr endif %}"
        B.set_widths(table, widths)
        self.spacer()

    def signature_table(self, sign_word: Text, digital_word: Text) -> None:
        party, name = T("Partij", "Party", "Partie"), T("Naam en functie", "Name and position", "Nom et fonction")
        table = self.doc.add_table(rows=1, cols=3)  # type: ignore[attr-defined]
        B.table_borders(table)
        B.header_row(table.rows[0])
        B.no_split(table.rows[0])
        heads = [party, name, "{% if d.digital %}" + self.s(digital_word) + "{% else %}" + self.s(sign_word)
                 + "{% endif %}"]
        for cell, header in zip(table.rows[0].cells, heads, strict=True):
            B.set_cell_fill(cell, B.LABEL_FILL)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            self._runs(cell.paragraphs[0], "**" + self.s(header) + "**", size=9.5)
        table.add_row().cells[0].text = "{%tr for s in d.signatories %}"
        row = table.add_row()
        B.no_split(row)
        B.row_height(row, 2.4)
        c_party, c_name, c_sign = row.cells
        self._runs(c_party.paragraphs[0], "**{{ s.party }}**", size=9.5)
        extra = c_party.add_paragraph()
        self._runs(extra, "{% if s.organisation %}{{ s.organisation }}{% endif %}", size=9, grey=True)
        self._runs(c_name.paragraphs[0], "{{ s.name }}", size=9.5)
        extra = c_name.add_paragraph()
        self._runs(extra, "{% if s.function %}{{ s.function }}{% endif %}", size=9, grey=True)
        self._runs(c_sign.paragraphs[0], "{% if d.digital %}" + self.s(T(
            "digitaal goed te keuren in de stageflow", "to be approved online in the placement workflow",
            "à approuver en ligne dans le flux de stage")) + "{% else %}" + self.s(T(
                "handtekening, voorafgegaan door „gelezen en goedgekeurd”",
                "signature, preceded by “read and approved”",
                "signature, précédée de la mention « lu et approuvé »")) + "{% endif %}", size=8, grey=True)
        table.add_row().cells[0].text = "{%tr endfor %}"
        B.set_widths(table, [4.6, 5.6, 6.2])
        B.keep_together(table)


def header_footer(w: Writer, doc_title: Text) -> None:
    section = w.doc.sections[0]  # type: ignore[attr-defined]
    header = section.header
    table = header.add_table(rows=1, cols=2, width=Cm(16.4))
    left, right = table.rows[0].cells
    left.paragraphs[0].paragraph_format.space_after = Pt(0)
    w._runs(left.paragraphs[0], "**{{ d.institution_name }}**", size=11)
    left.paragraphs[0].runs[0].font.color.rgb = B.ACCENT
    line = left.add_paragraph()
    line.paragraph_format.space_after = Pt(0)
    w._runs(line, "{{ d.institution_address }}", size=8, grey=True)
    line = left.add_paragraph()
    line.paragraph_format.space_after = Pt(0)
    w._runs(line, "{% if institution.website is defined %}{{ institution.website }}{% endif %}", size=8, grey=True)
    right.paragraphs[0].paragraph_format.space_after = Pt(0)
    w._runs(right.paragraphs[0], "**" + w.s(doc_title).upper() + "**", size=9)
    right.paragraphs[0].runs[0].font.color.rgb = B.ACCENT
    B.align(right.paragraphs[0], "right")
    line = right.add_paragraph()
    line.paragraph_format.space_after = Pt(0)
    B.align(line, "right")
    w._runs(line, "{{ d.student_name }} · {{ case.student.id }}", size=8, grey=True)
    line = right.add_paragraph()
    line.paragraph_format.space_after = Pt(0)
    B.align(line, "right")
    w._runs(line, "{% if d.academic_year %}" + w.s(T("academiejaar", "academic year", "année académique"))
            + " {{ d.academic_year }}{% endif %}", size=8, grey=True)
    B.set_widths(table, [10.4, 6.0])
    rule = header.add_paragraph()
    rule.paragraph_format.space_after = Pt(0)
    B.bottom_border(rule)
    # header.paragraphs[0] is python-docx's empty first paragraph: keep it tiny
    first = header.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    first.paragraph_format.line_spacing = 0.8

    footer = section.footer
    para = footer.paragraphs[0]
    B.top_border(para)
    B.right_tab(para, 16.4)
    w._runs(para, "{{ d.institution_short }} · " + w.s(doc_title) + " · {{ d.student_name }}\t", size=8, grey=True)
    w._runs(para, w.s(T("pagina ", "page ", "page ")), size=8, grey=True)
    B.add_field(para, "PAGE", size=8)
    w._runs(para, w.s(T(" van ", " of ", " sur ")), size=8, grey=True)
    B.add_field(para, "NUMPAGES", size=8)


# ------------------------------------------------------------------------------------------------ agreement

AGREEMENT = T("Stageovereenkomst", "Internship agreement", "Convention de stage")


def agreement(w: Writer) -> None:
    header_footer(w, AGREEMENT)
    w.title(AGREEMENT, "{% if d.program_name %}{{ d.program_name }}{% endif %}")
    w.tag("{%p set a = namespace(n=0) %}")
    w.p(T("Tussen de ondergetekenden:", "Between the undersigned:", "Entre les soussignés :"), keep=True)
    w.kv_table([
        (T("De onderwijsinstelling", "The institution", "L'établissement d'enseignement"), [
            "**{{ d.institution_name }}**" + ("{% if institution.legal_form is defined %}, {{ institution.legal_form }}"
                                             "{% endif %}" if w.lang == "nl" else ""),  # legal forms are Dutch
            "{{ d.institution_address }}",
            "{% if institution.enterprise_number is defined %}" + w.s(T("Ondernemingsnummer", "Enterprise number",
                                                                        "Numéro d'entreprise"))
            + " {{ institution.enterprise_number }}{% endif %}",
            T("vertegenwoordigd door", "represented by", "représenté par")
            + " {{ d.institution_representative.name }}{% if d.institution_representative.function %}, "
              "{{ d.institution_representative.function }}{% endif %}",
        ], None),
        (T("De stageplaats", "The placement", "L'organisation d'accueil"), [
            "**{{ d.placement_name }}**",
            "{{ d.placement_address }}",
            "{% if case.placement.enterprise_number is defined %}" + w.s(T("Ondernemingsnummer", "Enterprise number",
                                                                           "Numéro d'entreprise"))
            + " {{ case.placement.enterprise_number }}{% endif %}",
            T("vertegenwoordigd door", "represented by", "représentée par")
            + " {{ d.placement_representative.name }}{% if d.placement_representative.function %}, "
              "{{ d.placement_representative.function }}{% endif %}",
        ], None),
        (T("De student", "The student", "L'étudiant(e)"), [
            "**{{ d.student_name }}**, " + w.s(T("studentennummer", "student number", "matricule"))
            + " {{ case.student.id }}",
            "{{ case.student.email }}{% if case.student.phone is defined %} · {{ case.student.phone }}{% endif %}",
            "{% if d.student_address %}{{ d.student_address }}{% endif %}"
            "{% if case.student.year is defined %}{% if d.student_address %} · {% endif %}"
            "{{ case.student.year }}{% endif %}",
        ], None),
    ])
    w.p(T("hierna „de onderwijsinstelling”, „de stageplaats” en „de student”, komen het volgende overeen.",
          "hereinafter “the institution”, “the placement” and “the student”, agree as follows.",
          "ci-après « l'établissement », « l'organisation d'accueil » et « l'étudiant(e) », conviennent de ce "
          "qui suit."))

    w.article(T("Voorwerp", "Purpose", "Objet"))
    w.p(T("Deze overeenkomst regelt de stage van de student in de stageplaats als onderdeel van de opleiding "
          "{% if d.program_name %}„{{ d.program_name }}” {% endif %}van {{ d.institution_short }}"
          "{% if program.ects is defined %} ({{ program.ects }} studiepunten){% endif %}. De stage is een "
          "leeractiviteit binnen het opleidingsprogramma en geen arbeidsovereenkomst.",
          "This agreement governs the student's placement with the placement organisation as part of the programme "
          "{% if d.program_name %}“{{ d.program_name }}” {% endif %}of {{ d.institution_short }}"
          "{% if program.ects is defined %} ({{ program.ects }} ECTS credits){% endif %}. The placement is a "
          "learning activity within the programme and not an employment contract.",
          "La présente convention règle le stage de l'étudiant(e) auprès de l'organisation d'accueil dans le cadre "
          "de la formation {% if d.program_name %}« {{ d.program_name }} » {% endif %}de {{ d.institution_short }}"
          "{% if program.ects is defined %} ({{ program.ects }} crédits ECTS){% endif %}. Le stage est une "
          "activité d'apprentissage du programme de formation et non un contrat de travail."))

    w.article(T("Begeleiding", "Supervision", "Encadrement"))
    w.p(T("De stageplaats wijst **{{ d.mentor.name }}**{% if d.mentor.function %}, {{ d.mentor.function }},"
          "{% endif %} aan als stagementor ({{ d.mentor.email }}{% if d.mentor.phone %}, {{ d.mentor.phone }}"
          "{% endif %}). De stagementor begeleidt de student op de werkvloer, geeft geregeld feedback en neemt "
          "deel aan de evaluatie.",
          "The placement appoints **{{ d.mentor.name }}**{% if d.mentor.function %}, {{ d.mentor.function }},"
          "{% endif %} as mentor ({{ d.mentor.email }}{% if d.mentor.phone %}, {{ d.mentor.phone }}{% endif %}). "
          "The mentor guides the student at the workplace, gives regular feedback and takes part in the "
          "assessment.",
          "L'organisation d'accueil désigne **{{ d.mentor.name }}**{% if d.mentor.function %}, "
          "{{ d.mentor.function }},{% endif %} comme maître de stage ({{ d.mentor.email }}{% if d.mentor.phone %}, "
          "{{ d.mentor.phone }}{% endif %}). Le maître de stage encadre l'étudiant(e) sur le lieu de travail, lui "
          "donne régulièrement un retour et participe à l'évaluation."))
    w.when("d.mentors|length > 1", lambda: (
        w.p(T("Ook begeleiden de student:", "The student is also guided by:", "Encadrent également l'étudiant(e) :"),
            keep=True),
        w.bullets("m in d.mentors[1:]", "{{ m.name }}{% if m.function %}, {{ m.function }}{% endif %} "
                                        "({{ m.email }})")))
    w.p(T("Namens de onderwijsinstelling volgt **{{ d.supervisor.name }}**{% if d.supervisor.function %} "
          "({{ d.supervisor.function }}){% endif %} de stage op{% if d.supervisor.email %} "
          "({{ d.supervisor.email }}){% endif %}.",
          "On behalf of the institution, **{{ d.supervisor.name }}**{% if d.supervisor.function %} "
          "({{ d.supervisor.function }}){% endif %} supervises the placement{% if d.supervisor.email %} "
          "({{ d.supervisor.email }}){% endif %}.",
          "Pour l'établissement, **{{ d.supervisor.name }}**{% if d.supervisor.function %} "
          "({{ d.supervisor.function }}){% endif %} assure le suivi du stage{% if d.supervisor.email %} "
          "({{ d.supervisor.email }}){% endif %}."))

    w.article(T("Periode en uren", "Period and hours", "Période et horaire"))
    w.p(T("De stage loopt van **{{ d.period.start }}** tot en met **{{ d.period.end }}**: "
          "{{ d.period.working_days }} stagedagen{% if d.period.weeks %} ({{ d.period.weeks }} weken){% endif %}"
          "{% if d.period.hours %}, in totaal "
          "{{ d.period.hours }} uur{% endif %}{% if d.period.hours_per_week %}, {{ d.period.hours_per_week }} uur "
          "per week{% endif %}.",
          "The placement runs from **{{ d.period.start }}** to **{{ d.period.end }}** inclusive: "
          "{{ d.period.working_days }} placement days{% if d.period.weeks %} ({{ d.period.weeks }} weeks){% endif %}"
          "{% if d.period.hours %}, "
          "{{ d.period.hours }} hours in total{% endif %}{% if d.period.hours_per_week %}, "
          "{{ d.period.hours_per_week }} hours a week{% endif %}.",
          "Le stage se déroule du **{{ d.period.start }}** au **{{ d.period.end }}** inclus : "
          "{{ d.period.working_days }} jours de stage{% if d.period.weeks %} ({{ d.period.weeks }} semaines){% endif %}"
          "{% if d.period.hours %}, "
          "soit {{ d.period.hours }} heures au total{% endif %}{% if d.period.hours_per_week %}, "
          "{{ d.period.hours_per_week }} heures par semaine{% endif %}."))
    w.when("d.period.schedule", lambda: w.p(T("Uurrooster: {{ d.period.schedule }}.",
                                              "Working hours: {{ d.period.schedule }}.",
                                              "Horaire : {{ d.period.schedule }}.")))
    w.when("d.second", lambda: w.p(T(
        "Het tweede deel van de stage loopt bij **{{ d.second.name }}**, {{ d.second.address }}, van "
        "{{ d.second.period.start }} tot en met {{ d.second.period.end }} ({{ d.second.period.working_days }} "
        "stagedagen), vertegenwoordigd door {{ d.second.representative.name }}; stagementor is "
        "{{ d.second.mentor.name }} ({{ d.second.mentor.email }}). Deze overeenkomst geldt voor beide delen.",
        "The second part of the placement takes place at **{{ d.second.name }}**, {{ d.second.address }}, from "
        "{{ d.second.period.start }} to {{ d.second.period.end }} inclusive ({{ d.second.period.working_days }} "
        "placement days), represented by {{ d.second.representative.name }}; the mentor is "
        "{{ d.second.mentor.name }} ({{ d.second.mentor.email }}). This agreement covers both parts.",
        "La deuxième partie du stage se déroule chez **{{ d.second.name }}**, {{ d.second.address }}, du "
        "{{ d.second.period.start }} au {{ d.second.period.end }} inclus ({{ d.second.period.working_days }} jours "
        "de stage), représentée par {{ d.second.representative.name }} ; le maître de stage est "
        "{{ d.second.mentor.name }} ({{ d.second.mentor.email }}). La présente convention couvre les deux parties.")))
    w.p(T("De student volgt de uurregeling en de vakantieregeling van de stageplaats, tenzij deze overeenkomst "
          "iets anders bepaalt.",
          "The student follows the working hours and holidays of the placement unless this agreement states "
          "otherwise.",
          "L'étudiant(e) suit l'horaire et le régime de congés de l'organisation d'accueil, sauf disposition "
          "contraire de la présente convention."))

    w.article(T("Taken", "Tasks", "Tâches"))
    w.when("d.tasks", lambda: (
        w.p(T("De student voert de volgende taken uit:", "The student carries out the following tasks:",
              "L'étudiant(e) effectue les tâches suivantes :"), keep=True),
        w.bullets("t in d.tasks", "{{ t.description }}{% if t.share and t.language %} ({{ t.share }}, "
                                  "{{ t.language }}){% elif t.share %} ({{ t.share }}){% elif t.language %} "
                                  "({{ t.language }}){% endif %}")))
    w.when("not d.tasks", lambda: w.p(T(
        "De stagementor en de student leggen de taken vóór de start van de stage vast in de infofiche.",
        "The mentor and the student set out the tasks in the information sheet before the placement starts.",
        "Le maître de stage et l'étudiant(e) fixent les tâches dans la fiche d'information avant le début du "
        "stage.")))
    w.when("d.languages", lambda: w.p(T("Werktalen: {{ d.languages }}.", "Working languages: {{ d.languages }}.",
                                        "Langues de travail : {{ d.languages }}.")))

    w.article(T("Verzekering", "Insurance", "Assurances"))
    if w.lang == "nl":
        w.p("{{ institution.insurance.accidents }}")
        w.p("{{ institution.insurance.liability }}")
    else:
        w.p(T("", "{{ d.institution_short }} insures the student against bodily accidents during the placement "
                  "activities and on the way to and from the placement.",
              "{{ d.institution_short }} assure l'étudiant(e) contre les accidents corporels survenus pendant les "
              "activités de stage et sur le chemin du lieu de stage."))
        w.p(T("", "The student's civil liability for damage caused to third parties during the placement is "
                  "insured by {{ d.institution_short }}.",
              "La responsabilité civile de l'étudiant(e) pour les dommages causés à des tiers pendant le stage est "
              "couverte par {{ d.institution_short }}."))
    w.when("institution.insurance.insurer is defined", lambda: w.p(T(
        "Verzekeraar: {{ institution.insurance.insurer }}{% if institution.insurance.policy_number is defined %}, "
        "polis {{ institution.insurance.policy_number }}{% endif %}.",
        "Insurer: {{ institution.insurance.insurer }}{% if institution.insurance.policy_number is defined %}, "
        "policy {{ institution.insurance.policy_number }}{% endif %}.",
        "Assureur : {{ institution.insurance.insurer }}{% if institution.insurance.policy_number is defined %}, "
        "police {{ institution.insurance.policy_number }}{% endif %}.")))
    w.p(T("De stageplaats meldt elk ongeval van de student onmiddellijk aan de onderwijsinstelling.",
          "The placement reports any accident involving the student to the institution without delay.",
          "L'organisation d'accueil signale sans délai tout accident de l'étudiant(e) à l'établissement."))

    w.article(T("Vertrouwelijkheid", "Confidentiality", "Confidentialité"))
    w.p(T("De student behandelt alle informatie over de stageplaats, haar klanten, patiënten en medewerkers "
          "vertrouwelijk, ook na de stage. In verslagen en opdrachten voor de opleiding vermeldt de student geen "
          "vertrouwelijke gegevens zonder toestemming van de stageplaats.",
          "The student treats all information about the placement, its clients, patients and staff as "
          "confidential, also after the placement. Reports and assignments for the programme contain no "
          "confidential information without the placement's consent.",
          "L'étudiant(e) traite de manière confidentielle toute information relative à l'organisation d'accueil, "
          "à ses clients, patients et collaborateurs, y compris après le stage. Les rapports et travaux pour la "
          "formation ne contiennent aucune donnée confidentielle sans l'accord de l'organisation d'accueil."))

    w.article(T("Vergoedingen en onkosten", "Expenses and compensation", "Indemnités et frais"))
    w.p(T("{% if d.compensation %}{{ d.compensation }}{% else %}De stage is onbezoldigd. Kosten die voortvloeien uit "
          "stageactiviteiten worden vooraf met de stageplaats afgesproken.{% endif %}",
          "{% if d.compensation %}{{ d.compensation }}{% else %}The placement is unpaid. Costs arising from placement "
          "activities are agreed with the placement in advance.{% endif %}",
          "{% if d.compensation %}{{ d.compensation }}{% else %}Le stage n'est pas rémunéré. Les frais liés aux "
          "activités de stage sont convenus au préalable avec l'organisation d'accueil.{% endif %}"))

    w.article(T("Afwezigheid", "Absence", "Absences"))
    w.p(T("Bij ziekte of een andere afwezigheid verwittigt de student vóór het begin van de werkdag de stagementor "
          "en de stagebegeleider, en bezorgt hij of zij een geldig bewijs aan de onderwijsinstelling. Gemiste "
          "stagedagen worden in overleg ingehaald.",
          "In case of illness or any other absence, the student informs the mentor and the supervisor before the "
          "start of the working day and provides valid proof to the institution. Missed placement days are made "
          "up by agreement.",
          "En cas de maladie ou d'autre absence, l'étudiant(e) prévient le maître de stage et le superviseur avant "
          "le début de la journée de travail et remet un justificatif valable à l'établissement. Les jours de stage "
          "manqués sont récupérés de commun accord."))
    w.when("d.absence_days", lambda: w.p(T(
        "Om lessen te volgen is de student {{ d.absence_days }} dag per week afwezig, met het akkoord van de "
        "stageplaats en de stagecoördinator.",
        "To attend classes, the student is absent {{ d.absence_days }} day a week, with the approval of the "
        "placement and the internship coordinator.",
        "Pour suivre des cours, l'étudiant(e) est absent(e) {{ d.absence_days }} jour par semaine, avec l'accord "
        "de l'organisation d'accueil et du coordinateur de stage.")))

    w.article(T("Evaluatie en beëindiging", "Assessment and termination", "Évaluation et fin du stage"))
    w.p(T("De stagementor evalueert de student volgens de afspraken van de opleiding; de eindbeoordeling berust "
          "bij de onderwijsinstelling. Elke partij kan de stage om ernstige redenen beëindigen, na overleg met de "
          "andere partijen.",
          "The mentor assesses the student as the programme provides; the final assessment rests with the "
          "institution. Each party may end the placement for serious reasons after consulting the other parties.",
          "Le maître de stage évalue l'étudiant(e) selon les modalités de la formation ; l'évaluation finale "
          "relève de l'établissement. Chaque partie peut mettre fin au stage pour motifs graves, après concertation "
          "avec les autres parties."))

    w.tag("{%p for c in d.clauses %}")
    w.heading("{% set a.n = a.n + 1 %}" + w.s(T("Artikel", "Article", "Article")) + " {{ a.n }} – {{ c.title }}", 2)
    w.p("{{ c.text }}")
    w.tag("{%p endfor %}")

    w.article(T("{% if d.digital %}Digitale goedkeuring{% else %}Ondertekening{% endif %}",
                "{% if d.digital %}Online approval{% else %}Signature{% endif %}",
                "{% if d.digital %}Approbation en ligne{% else %}Signature{% endif %}"))
    w.when("d.digital", lambda: (
        w.p(T("Deze overeenkomst wordt niet op papier ondertekend: de partijen keuren ze goed in de digitale "
              "stageflow van {{ d.institution_short }}. Die goedkeuring vervangt de handtekening. De stageflow "
              "omvat:",
              "This agreement is not signed on paper: the parties approve it in the online placement workflow of "
              "{{ d.institution_short }}, and that approval replaces the signature. The workflow comprises:",
              "La présente convention n'est pas signée sur papier : les parties l'approuvent dans le flux de stage "
              "en ligne de {{ d.institution_short }} ; cette approbation remplace la signature. Le flux comprend :"),
            keep=True),
        w.bullets("step in d.approval_steps", "{{ step }}")))
    w.when("not d.digital", lambda: w.p(T(
        "Deze overeenkomst wordt opgemaakt {{ d.copies_text }} en door elke partij hieronder ondertekend"
        "{% if d.copy_holders %}; een exemplaar is bestemd voor {{ d.copy_holders }}{% endif %}.",
        "This agreement is drawn up {{ d.copies_text }} and signed below by each party"
        "{% if d.copy_holders %}; one copy each is for {{ d.copy_holders }}{% endif %}.",
        "La présente convention est établie {{ d.copies_text }} et signée ci-dessous par chaque partie"
        "{% if d.copy_holders %} ; un exemplaire est destiné à {{ d.copy_holders }}{% endif %}.")))
    w.p(T("Opgemaakt te {{ d.place }} op {{ d.date }}.", "Done at {{ d.place }} on {{ d.date }}.",
          "Fait à {{ d.place }}, le {{ d.date }}."), before=8, after=8, keep=True)
    w.signature_table(T("Handtekening", "Signature", "Signature"),
                      T("Goedkeuring", "Approval", "Approbation"))


# ------------------------------------------------------------------------------------------------ info sheet

INFOSHEET = T("Infofiche stage", "Placement information sheet", "Fiche d'information du stage")


def infofiche(w: Writer) -> None:
    header_footer(w, INFOSHEET)
    w.title(INFOSHEET, "{% if d.program_name %}{{ d.program_name }}{% endif %}")
    w.heading(T("Student", "Student", "Étudiant(e)"))
    w.kv_table([
        (T("Naam", "Name", "Nom"), ["**{{ d.student_name }}**"], None),
        (T("Studentennummer", "Student number", "Matricule"), ["{{ case.student.id }}"], None),
        (T("Contact", "Contact", "Contact"), ["{{ case.student.email }}{% if case.student.phone is defined %} · "
                                              "{{ case.student.phone }}{% endif %}"], None),
        (T("Opleidingsjaar", "Year of study", "Année d'études"), ["{{ case.student.year }}"],
         "case.student.year is defined"),
        (T("Afstudeerrichting", "Track", "Orientation"), ["{{ case.track }}"], "case.track is defined"),
        (T("Soort stage", "Placement type", "Type de stage"), ["{{ case.stage_type }}"], "case.stage_type is defined"),
        (T("Discipline", "Discipline", "Discipline"), ["{{ case.discipline }}"], "case.discipline is defined"),
    ])
    w.heading(T("Stageplaats", "Placement", "Organisation d'accueil"))
    w.kv_table([
        (T("Organisatie", "Organisation", "Organisation"), ["**{{ d.placement_name }}**"], None),
        (T("Adres", "Address", "Adresse"), ["{{ d.placement_address }}"], None),
        (T("Ondernemingsnummer", "Enterprise number", "Numéro d'entreprise"),
         ["{{ case.placement.enterprise_number }}"], "case.placement.enterprise_number is defined"),
        (T("Sector", "Sector", "Secteur"), ["{{ case.placement.sector }}"], "case.placement.sector is defined"),
        (T("Afdeling", "Department", "Service"), ["{{ case.placement.department }}"],
         "case.placement.department is defined"),
        (T("Vertegenwoordiger", "Representative", "Représentant"),
         ["{{ d.placement_representative.name }}{% if d.placement_representative.function %}, "
          "{{ d.placement_representative.function }}{% endif %}"], None),
    ])
    w.heading(T("Begeleiding", "Supervision", "Encadrement"))
    table_rows: list[tuple[Text, list[Text], str | None]] = [
        (T("Stagementor", "Mentor", "Maître de stage"),
         ["**{{ d.mentor.name }}**{% if d.mentor.function %}, {{ d.mentor.function }}{% endif %}",
          "{{ d.mentor.email }}{% if d.mentor.phone %} · {{ d.mentor.phone }}{% endif %}"], None),
        (T("Andere mentoren", "Other mentors", "Autres maîtres de stage"),
         ["{% for m in d.mentors[1:] %}{{ m.name }} ({{ m.email }}){% if not loop.last %}; {% endif %}{% endfor %}"],
         "d.mentors|length > 1"),
        (T("Stagebegeleider", "Supervisor", "Superviseur"),
         ["**{{ d.supervisor.name }}**{% if d.supervisor.function %}, {{ d.supervisor.function }}{% endif %}",
          "{% if d.supervisor.email %}{{ d.supervisor.email }}{% endif %}"], None),
        (T("Stagecoördinator", "Internship coordinator", "Coordinateur de stage"),
         ["{{ d.coordinator.name }}{% if d.coordinator.function %}, {{ d.coordinator.function }}{% endif %}",
          "{% if d.coordinator.email %}{{ d.coordinator.email }}{% endif %}{% if d.coordinator.phone %} · "
          "{{ d.coordinator.phone }}{% endif %}"], None),
    ]
    w.kv_table(table_rows)
    w.heading(T("Periode", "Period", "Période"))
    w.kv_table([
        (T("Van – tot en met", "From – to", "Du – au"), ["{{ d.period.start }} – {{ d.period.end }}"], None),
        (T("Stagedagen", "Placement days", "Jours de stage"),
         ["{{ d.working_days }}{% if d.weeks %} ({{ d.weeks }} " + w.s(T("weken", "weeks", "semaines"))
          + "){% endif %}"], None),
        (T("Uren", "Hours", "Heures"), ["{{ d.period.hours }} " + w.s(T("in totaal", "in total", "au total"))],
         "d.period.hours"),
        (T("Uren per week", "Hours a week", "Heures par semaine"), ["{{ d.period.hours_per_week }}"],
         "d.period.hours_per_week"),
        (T("Uurrooster", "Working hours", "Horaire"), ["{{ d.period.schedule }}"], "d.period.schedule"),
        (T("Tweede stageplaats", "Second placement", "Deuxième lieu de stage"),
         ["{% if d.second %}{{ d.second.name }}, {{ d.second.period.start }} – {{ d.second.period.end }}{% endif %}"],
         "d.second"),
        (T("Werktalen", "Working languages", "Langues de travail"), ["{{ d.languages }}"], "d.languages"),
    ])
    w.heading(T("Taken", "Tasks", "Tâches"))
    w.list_table([T("Taak", "Task", "Tâche"), T("Aandeel", "Share", "Part"), T("Taal", "Language", "Langue")],
                 "t in d.tasks",
                 ["{{ t.description }}", "{% if t.share %}{{ t.share }}{% else %}–{% endif %}",
                  "{% if t.language %}{{ t.language }}{% else %}–{% endif %}"],
                 [10.4, 2.6, 3.4],
                 empty=T("Nog geen taken vastgelegd.", "No tasks recorded yet.", "Aucune tâche encore fixée."),
                 empty_condition="not d.tasks")
    w.p(T("Opgemaakt te {{ d.place }} op {{ d.date }}.", "Done at {{ d.place }} on {{ d.date }}.",
          "Fait à {{ d.place }}, le {{ d.date }}."), before=6, grey=True)


# ------------------------------------------------------------------------------------------------ mentor letter

LETTER = T("Informatiebrief voor de stagementor", "Information letter for the mentor",
           "Lettre d'information au maître de stage")


def mentorbrief(w: Writer) -> None:
    header_footer(w, LETTER)
    for line in ("**{{ d.mentor.name }}**", "{{ d.placement_name }}", "{{ d.placement_address }}"):
        w.p(line, after=0)
    w.p("{{ d.place }}, {{ d.date }}", align="right", before=12, after=12)
    w.p(T("**Betreft:** {% if d.program_name %}{{ d.program_name }}{% else %}stage{% endif %} — "
          "{{ d.student_name }}",
          "**Subject:** {% if d.program_name %}{{ d.program_name }}{% else %}placement{% endif %} — "
          "{{ d.student_name }}",
          "**Objet :** {% if d.program_name %}{{ d.program_name }}{% else %}stage{% endif %} — {{ d.student_name }}"),
        after=10)
    w.p(T("Geachte stagementor,", "Dear mentor,", "Madame, Monsieur,"), after=8)
    w.p("{{ letter.intro }}", align="justify")
    w.p(T("**{{ d.student_name }}** ({{ case.student.email }}) loopt bij u stage van {{ d.period.start }} tot en met "
          "{{ d.period.end }} ({{ d.working_days }} stagedagen{% if d.period.hours %}, {{ d.period.hours }} uur"
          "{% endif %}). Namens de onderwijsinstelling volgt {{ d.supervisor.name }} de stage op.",
          "**{{ d.student_name }}** ({{ case.student.email }}) will do the placement with you from "
          "{{ d.period.start }} to {{ d.period.end }} inclusive ({{ d.working_days }} placement days"
          "{% if d.period.hours %}, {{ d.period.hours }} hours{% endif %}). {{ d.supervisor.name }} follows the "
          "placement up on behalf of the institution.",
          "**{{ d.student_name }}** ({{ case.student.email }}) effectuera son stage chez vous du {{ d.period.start }} "
          "au {{ d.period.end }} inclus ({{ d.working_days }} jours de stage{% if d.period.hours %}, "
          "{{ d.period.hours }} heures{% endif %}). {{ d.supervisor.name }} en assure le suivi pour "
          "l'établissement."), align="justify")

    def section(title: Text, body: Callable[[], None], condition: str | None = None) -> None:
        def inner() -> None:
            w.heading(title, 2)
            body()
        if condition:
            w.when(condition, inner)
        else:
            inner()

    section(T("Doelstellingen van de stage", "Goals of the placement", "Objectifs du stage"),
            lambda: w.bullets("g in letter.goals", "{{ g }}"), "letter.goals is defined")
    section(T("Wat verwachten we van de student?", "What do we expect of the student?",
              "Qu'attendons-nous de l'étudiant(e) ?"),
            lambda: (w.p(T("Van de student wordt verwacht dat hij of zij:", "The student is expected to:",
                           "Nous attendons de l'étudiant(e) qu'il ou elle :"), keep=True),
                     w.bullets("x in letter.student_expectations", "{{ x }}")),
            "letter.student_expectations is defined")
    section(T("Wat verwachten we van u als stagementor?", "What do we expect of you as a mentor?",
              "Qu'attendons-nous de vous comme maître de stage ?"),
            lambda: w.bullets("x in letter.mentor_expectations", "{{ x }}"), "letter.mentor_expectations is defined")
    section(T("Het stageverslag", "The placement report", "Le rapport de stage"),
            lambda: w.p("{{ letter.report }}", align="justify"), "letter.report is defined")
    section(T("Verzekering", "Insurance", "Assurances"),
            lambda: w.p("{{ letter.insurance }}", align="justify"), "letter.insurance is defined")
    section(T("Goedkeuringen", "Approvals", "Approbations"),
            lambda: (w.p("{{ letter.approvals }}", align="justify"),
                     w.bullets("step in d.approval_steps", "{{ step }}")), "letter.approvals is defined")
    section(T("Vergoeding", "Compensation", "Compensation"),
            lambda: (w.p("{{ letter.compensation }}", align="justify"),
                     w.when("d.cpd", lambda: w.p(T(
                         "Belgische dierenartsen ontvangen bijscholingspunten van de {{ d.cpd.authority }}: "
                         "{{ d.cpd.rule }}{% if d.cpd.max_per_year %}, met een maximum van {{ d.cpd.max_per_year }} "
                         "punten per stagegever per jaar{% endif %}. Deze stage geeft recht op **{{ d.cpd.points }} "
                         "bijscholingspunt{% if d.cpd.points != 1 %}en{% endif %}**.",
                         "Belgian veterinarians receive continuing-education points from the {{ d.cpd.authority }}: "
                         "{{ d.cpd.rule }}{% if d.cpd.max_per_year %}, with a maximum of {{ d.cpd.max_per_year }} "
                         "points per mentor per year{% endif %}. This placement gives **{{ d.cpd.points }} "
                         "point{% if d.cpd.points != 1 %}s{% endif %}**.",
                         "Les vétérinaires belges reçoivent des points de formation continue de "
                         "l'{{ d.cpd.authority }} : {{ d.cpd.rule }}{% if d.cpd.max_per_year %}, avec un maximum de "
                         "{{ d.cpd.max_per_year }} points par maître de stage et par an{% endif %}. Ce stage donne "
                         "droit à **{{ d.cpd.points }} point{% if d.cpd.points != 1 %}s{% endif %}**."),
                         align="justify"))),
            "letter.compensation is defined")
    w.heading(T("Contact", "Contact", "Contact"), 2)
    w.p(T("Aarzel niet om bij vragen of problemen contact op te nemen met de stagecoördinator: "
          "**{{ d.coordinator.name }}**{% if d.coordinator.function %}, {{ d.coordinator.function }}{% endif %}"
          "{% if d.coordinator.phone %}, tel. {{ d.coordinator.phone }}{% endif %}"
          "{% if d.coordinator.email %}, {{ d.coordinator.email }}{% endif %}.",
          "Please do not hesitate to contact the internship coordinator with any question or problem: "
          "**{{ d.coordinator.name }}**{% if d.coordinator.function %}, {{ d.coordinator.function }}{% endif %}"
          "{% if d.coordinator.phone %}, tel. {{ d.coordinator.phone }}{% endif %}"
          "{% if d.coordinator.email %}, {{ d.coordinator.email }}{% endif %}.",
          "N'hésitez pas à contacter le coordinateur de stage pour toute question ou difficulté : "
          "**{{ d.coordinator.name }}**{% if d.coordinator.function %}, {{ d.coordinator.function }}{% endif %}"
          "{% if d.coordinator.phone %}, tél. {{ d.coordinator.phone }}{% endif %}"
          "{% if d.coordinator.email %}, {{ d.coordinator.email }}{% endif %}."), align="justify")
    w.p(T("Met bijzondere dank voor uw medewerking en met oprechte hoogachting,",
          "With many thanks for your cooperation and kind regards,",
          "En vous remerciant vivement de votre collaboration, nous vous prions d'agréer, Madame, Monsieur, "
          "l'expression de nos salutations distinguées,"), before=10, after=14, keep=True)
    w.tag("{%p for line in letter.signatures %}")
    w.p("{{ line }}", after=0, keep=True)
    w.tag("{%p endfor %}")


# ------------------------------------------------------------------------------------------------ planning

PLANNING = T("Stageplanning", "Placement planning", "Planning du stage")


def stageplanning(w: Writer) -> None:
    header_footer(w, PLANNING)
    w.title(PLANNING, "{% if d.program_name %}{{ d.program_name }}{% endif %}")
    w.kv_table([
        (T("Stagiair", "Student teacher", "Stagiaire"), ["**{{ d.student_name }}** ({{ case.student.id }}), "
                                                         "{{ case.student.email }}"], None),
        (T("Stageschool", "Placement school", "École de stage"), ["{{ d.placement_name }}, {{ d.placement_address }}"],
         None),
        (T("Vak", "Subject", "Discipline"), ["{{ case.discipline }}"], "case.discipline is defined"),
        (T("Mentoren", "Mentors", "Mentors"),
         ["{% for m in d.mentors %}{{ m.name }}{% if m.role %} ({{ m.role }}){% endif %}"
          "{% if not loop.last %}; {% endif %}{% endfor %}"], None),
        (T("Stagebegeleider", "Supervisor", "Superviseur"), ["{{ d.supervisor.name }}"], None),
        (T("Periode", "Period", "Période"), ["{{ d.period.start }} – {{ d.period.end }}{% if d.period.hours %} ("
                                             "{{ d.period.hours }} " + w.s(T("uur", "hours", "heures"))
                                             + "){% endif %}"], None),
    ])
    w.tag("{%p for g in d.activities %}")
    w.heading("{{ g.title }} ({{ g.hours }} " + w.s(T("uur", "hours", "heures")) + ")", 2)
    w.when("g.description", lambda: w.p("{{ g.description }}", grey=True, size=9))
    w.list_table([T("Datum", "Date", "Date"), T("Klas of groep", "Class or group", "Classe ou groupe"),
                  T("Activiteit", "Activity", "Activité"), T("Uren", "Hours", "Heures")],
                 "it in g.items",
                 ["{% if it.date %}{{ it.date }}{% else %}" + w.s(T("in overleg", "to be agreed", "à convenir"))
                  + "{% endif %}", "{% if it.class_group %}{{ it.class_group }}{% else %}–{% endif %}",
                  "{{ it.description }}", "{% if it.hours %}{{ it.hours }}{% else %}–{% endif %}"],
                 [2.6, 3.0, 8.8, 2.0],
                 empty=T("Geen activiteiten van dit type gepland.", "No activities of this type planned.",
                         "Aucune activité de ce type prévue."), empty_condition="not g.items")
    w.tag("{%p endfor %}")
    w.p(T("Voor akkoord, {{ d.place }}, {{ d.date }}.", "Agreed, {{ d.place }}, {{ d.date }}.",
          "Pour accord, {{ d.place }}, le {{ d.date }}."), before=8, after=8, keep=True)
    w.signature_table(T("Handtekening", "Signature", "Signature"), T("Goedkeuring", "Approval", "Approbation"))


DOCUMENTS: dict[str, tuple[Tr, Callable[[Writer], None]]] = {
    "stageovereenkomst": (AGREEMENT, agreement),
    "infofiche": (INFOSHEET, infofiche),
    "mentorbrief": (LETTER, mentorbrief),
    "stageplanning": (PLANNING, stageplanning),
}


def build(document: str, lang: str, path: Path) -> None:
    title, fill = DOCUMENTS[document]
    doc = B.new_document(lang, title[lang])
    # python-docx starts with one empty paragraph? No: Document() has an empty body; keep it that way.
    fill(Writer(doc, lang))
    path.parent.mkdir(parents=True, exist_ok=True)
    B.save_deterministic(doc, str(path))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "templates"
    for document in DOCUMENTS:
        for lang in LANGS:
            target = out / document / f"{lang}.docx"
            build(document, lang, target)
            print(f"wrote {target.relative_to(out.parent) if out.parent in target.parents else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
