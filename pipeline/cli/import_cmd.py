"""`stagepipe import SHEET --program ID --cohort C [--mapping M] [--update]`, `import SHEET --suggest-mapping` and
`import --template ID > sheet.xlsx`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli.common import emit, fail, output_options, write_atomically
from pipeline.cli.help import N_, HelpCommand
from pipeline.cli.lang import message_lang
from pipeline.messages import msg, translate


@click.command("import", cls=HelpCommand, help=N_("cli.import"))
@click.argument("sheet", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--program", metavar="ID", default=None, help=N_("cli.import.program"))
@click.option("--cohort", metavar="C", default=None, help=N_("cli.import.cohort"))
@click.option("--mapping", "mapping_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help=N_("cli.import.mapping"))
@click.option("--update", is_flag=True, help=N_("cli.import.update"))
@click.option("--dry-run", is_flag=True, help=N_("cli.import.dry-run"))
@click.option("--suggest-mapping", is_flag=True, help=N_("cli.import.suggest-mapping"))
@click.option("--template", "template", metavar="ID", default=None, help=N_("cli.import.template"))
@click.option("--inputs", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=N_("cli.import.inputs"))
@output_options
def import_sheet(sheet: Path | None, program: str | None, cohort: str | None, mapping_file: Path | None,
                 update: bool, dry_run: bool, suggest_mapping: bool, template: str | None, inputs: Path | None,
                 fmt: str, lang: str | None, output: Path | None, color: bool | None) -> None:
    """Spreadsheet rows (.xlsx or .csv) become case files; every problem at its cell.

    Exit 0 when every row was imported, 1 when a row has errors, 2 when it could not run.
    """
    from pipeline.cohort.mapping import Mapping, load_mapping
    from pipeline.cohort.mapping import suggest_mapping as suggest
    from pipeline.cohort.sheet import SheetError
    from pipeline.paths import project_inputs

    lang = message_lang(lang)
    inputs = inputs or project_inputs()
    if template is not None:
        _template(template, inputs, lang, output)
        return
    if sheet is None:
        fail("import", msg("import.no-sheet-given"), lang)
    try:
        mapping = load_mapping(mapping_file) if mapping_file is not None else Mapping()
        if suggest_mapping:
            from pipeline.cohort.importer import headers_of

            found, headers = headers_of(sheet, mapping)
            text = suggest(headers, found.name, translate(msg("import.mapping-comment", sheet=sheet), lang))
            _write_text(text, output)
            return
        if program is None or cohort is None:
            fail("import", msg("import.needs-program-cohort"), lang)
        from pipeline.cohort.importer import ImportOptions, run_import
        from pipeline.project.new import COHORT

        if not COHORT.match(cohort):
            fail("import", msg("new.bad-cohort", cohort=cohort), lang)
        run = run_import(ImportOptions(sheet=sheet, program=program, cohort=cohort, inputs=inputs, mapping=mapping,
                                       update=update, lang=lang, dry_run=dry_run))
    except SheetError as exc:
        fail("import", exc.text, lang)
    from pipeline.results import ImportedRow, ImportResult

    rows = tuple(ImportedRow(c.row, c.case_id, c.status, c.path, c.diff, c.to_fill) for c in run.cases)
    result = ImportResult(sheet=str(sheet), program=program, cohort=cohort, rows=rows, findings=tuple(run.findings))
    emit(result, fmt, lang, output, color, base=str(Path.cwd()))
    sys.exit(result.exit_code)


def _write_text(text: str, output: Path | None) -> None:
    if output is not None:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)


def _template(program_id: str, inputs: Path, lang: str, output: Path | None) -> None:
    from pipeline.cohort.template import template_workbook
    from pipeline.load.project import load_project

    project = load_project([p for p in (inputs / "programs", inputs / "institutions") if p.is_dir()])
    source = project.programs.get(program_id)
    if source is None:
        fail("import", msg("new.unknown-program", id=program_id, known=", ".join(sorted(project.programs)) or "—",
                           folder=inputs / "programs"), lang)
    institution = project.institutions.get(str(source.data.get("institution")))
    data = template_workbook(source.data, institution.data if institution else None, lang)
    if output is not None:
        write_atomically(output, data)
    elif sys.stdout.isatty():
        fail("import", msg("import.template-tty"), lang)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
