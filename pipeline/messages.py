"""User-facing messages in Dutch (default) and English, looked up by key.

Coordinators and students read these; keep them short, concrete, and say how to fix the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LANGS = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- YAML files ---
    "yaml.too-large": {
        "nl": "bestand is te groot ({size} bytes; maximum {limit} bytes)",
        "en": "file is too large ({size} bytes; limit {limit} bytes)",
    },
    "yaml.unreadable": {
        "nl": "bestand kan niet gelezen worden: {reason}",
        "en": "file cannot be read: {reason}",
    },
    "yaml.encoding": {
        "nl": "bestand is geen geldige UTF-8-tekst (byte {byte}); bewaar het als UTF-8",
        "en": "file is not valid UTF-8 text (byte {byte}); save it as UTF-8",
    },
    "yaml.empty": {
        "nl": "bestand is leeg",
        "en": "file is empty",
    },
    "yaml.not-mapping": {
        "nl": "het bestand moet een mapping zijn (sleutel: waarde) op het hoogste niveau",
        "en": "the top level of the file must be a mapping (key: value)",
    },
    "yaml.syntax": {
        "nl": "YAML-syntaxfout: {problem}",
        "en": "YAML syntax error: {problem}",
    },
    "yaml.tag": {
        "nl": "YAML-tag {tag} is niet toegelaten (alleen gewone tekst, getallen, datums, lijsten en mappings)",
        "en": "YAML tag {tag} is not allowed (only plain text, numbers, dates, lists and mappings)",
    },
    "yaml.duplicate-key": {
        "nl": "sleutel '{key}' staat hier een tweede keer (eerst op regel {first}); YAML zou de eerste stil negeren",
        "en": "key '{key}' appears a second time (first on line {first}); YAML would silently drop the first",
    },
    "yaml.key": {
        "nl": "een sleutel moet gewone tekst zijn",
        "en": "a key must be plain text",
    },
    "yaml.merge": {
        "nl": "'<<' verwacht een mapping of een lijst van mappings",
        "en": "'<<' expects a mapping or a list of mappings",
    },
    "yaml.too-complex": {
        "nl": "bestand bevat te veel knopen (meer dan {limit}; misbruik van aliassen?)",
        "en": "file holds too many nodes (more than {limit}; alias abuse?)",
    },
    "yaml.recursive": {
        "nl": "alias verwijst naar zichzelf",
        "en": "alias refers to itself",
    },
    # --- paths ---
    "path.missing": {
        "nl": "pad bestaat niet: {path}",
        "en": "path does not exist: {path}",
    },
    "path.no-yaml": {
        "nl": "geen YAML-bestanden gevonden in {path}",
        "en": "no YAML files found in {path}",
    },
    "kind.unknown": {
        "nl": "onbekend soort bestand: verwacht onder institutions/, programs/ of cases/<cohort>/, "
              "of een sleutel 'kind' (institution, program, case)",
        "en": "unknown kind of file: expected under institutions/, programs/ or cases/<cohort>/, "
              "or a 'kind' key (institution, program, case)",
    },
    # --- schema ---
    "schema.required": {"nl": "verplicht veld '{name}' ontbreekt", "en": "required field '{name}' is missing"},
    "schema.additional": {
        "nl": "onbekend veld '{name}' (tikfout?){suggestion}",
        "en": "unknown field '{name}' (typo?){suggestion}",
    },
    "schema.suggestion": {"nl": "; bedoelt u '{name}'?", "en": "; did you mean '{name}'?"},
    "schema.type": {"nl": "verwacht {expected}, gevonden {found}", "en": "expected {expected}, found {found}"},
    "schema.enum": {"nl": "waarde {value} is niet toegelaten; kies uit: {options}",
                    "en": "value {value} is not allowed; choose from: {options}"},
    "schema.const": {"nl": "waarde moet {expected} zijn", "en": "value must be {expected}"},
    "schema.format": {"nl": "{value} is geen geldige {format}", "en": "{value} is not a valid {format}"},
    "schema.pattern": {"nl": "{value} heeft niet de verwachte vorm ({description})",
                       "en": "{value} does not have the expected form ({description})"},
    "pattern.id": {"nl": "kleine letters, cijfers en koppeltekens, bv. om-jana-peeters; nooit een pad",
                   "en": "lower-case letters, digits and hyphens, e.g. om-jana-peeters; never a path"},
    "pattern.phone": {"nl": "een telefoonnummer, bv. +32 15 36 90 00", "en": "a phone number, e.g. +32 15 36 90 00"},
    "pattern.enterprise_number": {"nl": "een ondernemingsnummer zoals 0403.170.701, of een buitenlands nummer met "
                                        "landcode", "en": "an enterprise number like 0403.170.701, or a foreign one "
                                        "with its country code"},
    "pattern.postal_code": {"nl": "een postcode, bv. 2800", "en": "a postal code, e.g. 2800"},
    "pattern.country": {"nl": "een landcode van twee hoofdletters, bv. BE", "en": "a two-letter country code, e.g. BE"},
    "pattern.language": {"nl": "een taalcode van twee kleine letters, bv. nl, fr, en", "en": "a two-letter language code, e.g. nl, fr, en"},
    "pattern.student_id": {"nl": "een studentennummer van 4 tot 20 letters en cijfers, bv. r0812345",
                           "en": "a student number of 4 to 20 letters and digits, e.g. r0812345"},
    "schema.minimum": {"nl": "{value} is kleiner dan het minimum {limit}", "en": "{value} is below the minimum {limit}"},
    "schema.maximum": {"nl": "{value} is groter dan het maximum {limit}", "en": "{value} is above the maximum {limit}"},
    "schema.minLength": {"nl": "tekst is te kort (minstens {limit} tekens)", "en": "text is too short (at least {limit} characters)"},
    "schema.maxLength": {"nl": "tekst is te lang (hoogstens {limit} tekens)", "en": "text is too long (at most {limit} characters)"},
    "schema.minItems": {"nl": "lijst heeft te weinig elementen (minstens {limit})", "en": "list has too few items (at least {limit})"},
    "schema.maxItems": {"nl": "lijst heeft te veel elementen (hoogstens {limit})", "en": "list has too many items (at most {limit})"},
    "schema.uniqueItems": {"nl": "lijst bevat dubbele elementen", "en": "list has duplicate items"},
    "schema.other": {"nl": "ongeldige waarde: {detail}", "en": "invalid value: {detail}"},
    "type.string": {"nl": "tekst", "en": "text"},
    "type.integer": {"nl": "een geheel getal", "en": "an integer"},
    "type.number": {"nl": "een getal", "en": "a number"},
    "type.boolean": {"nl": "ja/nee (true/false)", "en": "true/false"},
    "type.object": {"nl": "een mapping (sleutel: waarde)", "en": "a mapping (key: value)"},
    "type.array": {"nl": "een lijst", "en": "a list"},
    "type.null": {"nl": "niets (null)", "en": "nothing (null)"},
    "format.date": {"nl": "datum (JJJJ-MM-DD)", "en": "date (YYYY-MM-DD)"},
    "format.email": {"nl": "e-mailadres", "en": "e-mail address"},
    "format.uri": {"nl": "URL", "en": "URL"},
    # --- references and uniqueness ---
    "ref.program": {"nl": "opleidingsprofiel '{id}' bestaat niet (gekend: {known})",
                    "en": "program profile '{id}' does not exist (known: {known})"},
    "ref.institution": {"nl": "instelling '{id}' bestaat niet (gekend: {known})",
                        "en": "institution '{id}' does not exist (known: {known})"},
    "unique.case-id": {"nl": "dossier-id '{id}' komt al voor in {other}", "en": "case id '{id}' also appears in {other}"},
    "unique.student-id": {"nl": "studentennummer '{id}' komt al voor in {other} (zelfde cohorte {cohort})",
                          "en": "student id '{id}' also appears in {other} (same cohort {cohort})"},
    "unique.profile-id": {"nl": "id '{id}' komt al voor in {other}", "en": "id '{id}' also appears in {other}"},
    "case.id-filename": {"nl": "dossier-id '{id}' verschilt van de bestandsnaam '{stem}'",
                         "en": "case id '{id}' differs from the file name '{stem}'"},
    "rule.options": {"nl": "regel '{kind}': {detail}", "en": "rule '{kind}': {detail}"},
    "rule.unknown-kind": {"nl": "onbekende regelsoort '{kind}' (gekend: {known})",
                          "en": "unknown rule kind '{kind}' (known: {known})"},
    # --- program rules ---
    "rule.period-order": {"nl": "einddatum {end} ligt niet na begindatum {start}",
                          "en": "end date {end} is not after start date {start}"},
    "rule.working-days.min": {
        "nl": "de stage telt {days} werkdagen ({detail}); het programma vraagt er minstens {limit}",
        "en": "the placement has {days} working days ({detail}); the program requires at least {limit}"},
    "rule.working-days.max": {
        "nl": "de stage telt {days} werkdagen ({detail}); het programma staat er hoogstens {limit} toe",
        "en": "the placement has {days} working days ({detail}); the program allows at most {limit}"},
    "rule.working-days.detail": {
        "nl": "ma–vr van {start} tot {end}, {holidays} feestdag(en) {how}",
        "en": "Mon–Fri from {start} to {end}, {holidays} public holiday(s) {how}"},
    "rule.working-days.excluded": {"nl": "niet meegeteld", "en": "not counted"},
    "rule.working-days.counted": {"nl": "meegeteld", "en": "counted"},
    "rule.weeks.min": {"nl": "de stage duurt {weeks} weken; het programma vraagt er minstens {limit}",
                       "en": "the placement lasts {weeks} weeks; the program requires at least {limit}"},
    "rule.weeks.max": {"nl": "de stage duurt {weeks} weken; het programma staat er hoogstens {limit} toe",
                       "en": "the placement lasts {weeks} weeks; the program allows at most {limit}"},
    "rule.hours.missing": {"nl": "het aantal uren ontbreekt (period.hours of period.hours_per_week)",
                           "en": "the number of hours is missing (period.hours or period.hours_per_week)"},
    "rule.hours.min": {"nl": "de stage telt {hours} uren; het programma vraagt er minstens {limit}",
                       "en": "the placement has {hours} hours; the program requires at least {limit}"},
    "rule.hours.max": {"nl": "de stage telt {hours} uren; het programma staat er hoogstens {limit} toe",
                       "en": "the placement has {hours} hours; the program allows at most {limit}"},
    "rule.period-within.start": {"nl": "begindatum {date} ligt vóór {limit}, het begin van de stageperiode van het programma",
                                 "en": "start date {date} is before {limit}, the start of the program's placement window"},
    "rule.period-within.end": {"nl": "einddatum {date} ligt na {limit}, het einde van de stageperiode van het programma",
                               "en": "end date {date} is after {limit}, the end of the program's placement window"},
    "rule.period-within.year": {
        "nl": "de stage loopt over twee stagejaren (een stagejaar loopt van {first} tot {last})",
        "en": "the placement spans two placement years (a placement year runs from {first} to {last})"},
    "rule.max-months": {"nl": "een stage van dit type duurt hoogstens {limit} maanden; deze loopt tot {end}",
                        "en": "a placement of this type lasts at most {limit} months; this one runs until {end}"},
    "rule.signing.after-start": {"nl": "de overeenkomst is ondertekend op {signed}, niet vóór de start op {start}",
                                 "en": "the agreement was signed on {signed}, not before the start on {start}"},
    "rule.signing.after-deadline": {
        "nl": "de overeenkomst is ondertekend op {signed}, na de uiterste datum {deadline} ({what})",
        "en": "the agreement was signed on {signed}, after the deadline {deadline} ({what})"},
    "rule.signing.missing": {"nl": "nog geen ondertekeningsdatum (agreement.signed_on); uiterste datum {deadline}",
                             "en": "no signing date yet (agreement.signed_on); deadline {deadline}"},
    "rule.lead-time.late": {
        "nl": "aangevraagd op {requested}, minder dan {months} maanden vóór de start op {start} (uiterlijk {latest})",
        "en": "requested on {requested}, less than {months} months before the start on {start} (at the latest {latest})"},
    "rule.lead-time.missing": {"nl": "aanvraagdatum ontbreekt ({field}); aan te vragen uiterlijk {latest}",
                               "en": "request date is missing ({field}); to be requested by {latest}"},
    "rule.trajectory.total": {"nl": "het traject telt {weeks} weken {kind} stage; vereist: {limit}",
                              "en": "the trajectory has {weeks} weeks of {kind} placement; required: {limit}"},
    "rule.trajectory.discipline": {"nl": "{discipline}: {weeks} weken in het traject; minimum {limit}",
                                   "en": "{discipline}: {weeks} weeks in the trajectory; minimum {limit}"},
    "rule.trajectory.missing": {"nl": "het stagetraject (trajectory) ontbreekt", "en": "the trajectory is missing"},
    "rule.declaration": {"nl": "verklaring '{field}' ontbreekt of is niet bevestigd: {text}",
                         "en": "declaration '{field}' is missing or not confirmed: {text}"},
    "rule.language-share.missing": {"nl": "het aandeel taken in een vreemde taal is niet bekend (tasks[].language en share)",
                                    "en": "the share of tasks in a foreign language is unknown (tasks[].language and share)"},
    "rule.language-share.min": {"nl": "{share}% van de taken in een vreemde taal; het traject {track} vraagt {op} {limit}%",
                                "en": "{share}% of tasks in a foreign language; track {track} requires {op} {limit}%"},
    "rule.language-share.max": {"nl": "{share}% van de taken in een vreemde taal; het traject {track} vraagt hoogstens {limit}%",
                                "en": "{share}% of tasks in a foreign language; track {track} requires at most {limit}%"},
    "rule.task-share.min": {"nl": "slechts {share}% van de taken past binnen het traject {track}; vereist: minstens {limit}%",
                            "en": "only {share}% of tasks fit the track {track}; required: at least {limit}%"},
    "rule.task-share.missing": {"nl": "taken zonder aandeel (share); het aandeel binnen het traject is niet te bepalen",
                                "en": "tasks without a share; the share inside the track cannot be computed"},
    "rule.task-share.sum": {"nl": "de aandelen van de taken tellen op tot {total}% in plaats van 100%",
                            "en": "the task shares add up to {total}% instead of 100%"},
    "rule.split.not-allowed": {"nl": "een gesplitste stage (second_placement) is niet toegelaten voor traject {track}",
                               "en": "a split placement (second_placement) is not allowed for track {track}"},
    "rule.split.weeks": {"nl": "deel {part} van de gesplitste stage duurt {weeks} weken; vereist: {limit}",
                         "en": "part {part} of the split placement lasts {weeks} weeks; required: {limit}"},
    "rule.split.same": {"nl": "beide delen van de gesplitste stage zijn bij dezelfde organisatie",
                        "en": "both parts of the split placement are at the same organisation"},
    "rule.split.overlap": {"nl": "de twee delen van de gesplitste stage overlappen",
                           "en": "the two parts of the split placement overlap"},
    "rule.absence.over": {"nl": "afwezigheid voor lessen {days} dag/week; hoogstens {limit} zonder akkoord van "
                                "stageplaats en stagecoördinator",
                          "en": "absence for classes {days} day/week; at most {limit} without approval of the "
                                "placement and the coordinator"},
    "rule.absence.extend": {"nl": "afwezigheid voor lessen {days} dag/week (meer dan {limit}) is goedgekeurd: "
                                  "de stage moet met de extra afwezigheid verlengd worden",
                            "en": "absence for classes {days} day/week (more than {limit}) is approved: the "
                                  "placement must be extended by the extra absence"},
    "rule.allowed.value": {"nl": "{field} '{value}' is niet toegelaten in dit programma; kies uit: {options}",
                           "en": "{field} '{value}' is not allowed in this program; choose from: {options}"},
    "rule.required-field": {"nl": "dit programma vraagt '{field}'{why}", "en": "this program requires '{field}'{why}"},
    "rule.mentor-count": {"nl": "{count} mentor(en); dit programma vraagt er minstens {limit}",
                          "en": "{count} mentor(s); this program requires at least {limit}"},
    "rule.language-allowed": {"nl": "documenttaal '{value}' wordt niet ondersteund door dit programma ({options})",
                              "en": "document language '{value}' is not supported by this program ({options})"},
    "rule.request.late": {"nl": "aangevraagd op {requested}, na de uiterste datum {deadline} ({what})",
                          "en": "requested on {requested}, after the deadline {deadline} ({what})"},
    "rule.thesis.missing": {"nl": "bachelorproef binnen het stagebedrijf zonder datum van toestemming "
                                  "(declarations.thesis_permission_on); uiterlijk {deadline}",
                            "en": "bachelor thesis at the placement without a permission date "
                                  "(declarations.thesis_permission_on); by {deadline}"},
    "rule.enterprise-number": {"nl": "ondernemingsnummer {value} klopt niet (controlegetal modulo 97)",
                               "en": "enterprise number {value} is not valid (mod-97 check digits)"},
    "program.invalid": {"nl": "opleidingsprofiel '{id}' bevat fouten; regels van dit profiel niet toegepast",
                        "en": "program profile '{id}' has errors; its rules were not applied"},
    # --- render (contract packs) and template lint ---
    "render.invalid": {"nl": "dossier niet gemaakt: het bevat {count} fout(en); los eerst 'stagepipe validate' op",
                       "en": "pack not made: the case has {count} error(s); fix 'stagepipe validate' first"},
    "render.unsafe-id": {"nl": "dossier-id '{id}' kan geen mapnaam worden (alleen a-z, 0-9 en '-'); niets geschreven",
                         "en": "case id '{id}' cannot be a folder name (only a-z, 0-9 and '-'); nothing written"},
    "render.duplicate-id": {"nl": "dossier-id '{id}' komt twee keer voor in deze run (ook {other}); niets geschreven",
                            "en": "case id '{id}' appears twice in this run (also {other}); nothing written"},
    "render.template-missing": {"nl": "geen sjabloon voor {document} in taal {lang} (gezocht: {tried})",
                                "en": "no template for {document} in language {lang} (looked for: {tried})"},
    "render.missing-field": {"nl": "{document} ({template}, {where}): veld {field} ontbreekt",
                             "en": "{document} ({template}, {where}): field {field} is missing"},
    "render.empty-field": {"nl": "{document} ({template}, {where}): veld {field} is leeg",
                           "en": "{document} ({template}, {where}): field {field} is empty"},
    "render.template-error": {"nl": "{document} ({template}, {where}): sjabloonfout: {detail}",
                              "en": "{document} ({template}, {where}): template error: {detail}"},
    "render.invalid-xml": {"nl": "{document} ({template}): ongeldige XML na het invullen: {detail}",
                           "en": "{document} ({template}): invalid XML after filling in: {detail}"},
    "render.tag-survived": {"nl": "{document} ({template}): sjabloontag blijft in het document staan: {detail}",
                            "en": "{document} ({template}): a template tag is left in the document: {detail}"},
    "render.context": {"nl": "waarde {field} kan niet gemaakt worden: {reason}",
                       "en": "value {field} cannot be made: {reason}"},
    "render.pdf-failed": {"nl": "{document}: PDF-conversie mislukt: {detail}",
                          "en": "{document}: PDF conversion failed: {detail}"},
    "render.no-converter": {"nl": "geen PDF's: {detail}", "en": "no PDFs: {detail}"},
    "render.internal": {"nl": "interne fout: {detail}", "en": "internal error: {detail}"},
    "render.where.paragraph": {"nl": "paragraaf {n}", "en": "paragraph {n}"},
    "render.where.part": {"nl": "onderdeel {part}", "en": "part {part}"},
    "render.rendered": {"nl": "gemaakt", "en": "rendered"},
    "render.skipped": {"nl": "overgeslagen (ongewijzigd)", "en": "skipped (unchanged)"},
    "render.failed": {"nl": "MISLUKT", "en": "FAILED"},
    "summary.render": {
        "nl": "{total} dossier(s): {rendered} gemaakt, {skipped} overgeslagen (ongewijzigd), {failed} mislukt; "
              "uitvoer in {out}",
        "en": "{total} case(s): {rendered} rendered, {skipped} skipped (unchanged), {failed} failed; output in {out}"},
    "lint.syntax": {"nl": "Jinja-fout in {where}: {detail}", "en": "Jinja error in {where}: {detail}"},
    "lint.unknown-field": {"nl": "{where}: veld '{field}' bestaat niet in de schema's van de render-context",
                           "en": "{where}: field '{field}' is not provided by the render context's schemas"},
    "lint.docxtpl": {"nl": "{where}: {detail}", "en": "{where}: {detail}"},
    "lint.unsupported-part": {"nl": "sjabloontag in {part}: dat onderdeel wordt niet ingevuld",
                              "en": "template tag in {part}: that part is not filled in"},
    "lint.missing-template": {"nl": "opleiding {program} ({lang}) heeft geen sjabloon voor {document}",
                              "en": "program {program} ({lang}) has no template for {document}"},
    "summary.lint": {"nl": "{templates} sjabloon/sjablonen gecontroleerd: {errors} fout(en), {warnings} waarschuwing(en)",
                     "en": "{templates} template(s) checked: {errors} error(s), {warnings} warning(s)"},
    # --- LanguageTool (pipeline.language, `stagepipe languagetool`) ---
    "lt.not-installed": {
        "nl": "LanguageTool is niet geïnstalleerd: geen jars in {path}; voer 'make languagetool' uit",
        "en": "LanguageTool is not installed: no jars in {path}; run 'make languagetool'"},
    "lt.java-missing": {
        "nl": "Java 17 of nieuwer is nodig om LanguageTool te starten ({found}); installeer openjdk-17-jre-headless",
        "en": "Java 17 or newer is needed to start LanguageTool ({found}); install openjdk-17-jre-headless"},
    "lt.start-exited": {
        "nl": "de LanguageTool-server stopte meteen na het starten; zie {log}: {tail}",
        "en": "the LanguageTool server stopped right after starting; see {log}: {tail}"},
    "lt.start-timeout": {
        "nl": "de LanguageTool-server was niet klaar binnen {seconds} s na het starten; zie {log}",
        "en": "the LanguageTool server was not ready within {seconds} s of starting; see {log}"},
    "lt.lock-timeout": {
        "nl": "een ander stagepipe-proces is LanguageTool al meer dan {seconds} s aan het starten ({lock})",
        "en": "another stagepipe process has been starting LanguageTool for more than {seconds} s ({lock})"},
    "lt.bad-url": {
        "nl": "ongeldige LanguageTool-URL '{url}': verwacht http(s)://host[:poort][/pad]",
        "en": "invalid LanguageTool URL '{url}': expected http(s)://host[:port][/path]"},
    "lt.unreachable": {
        "nl": "de LanguageTool-server op {url} is niet bereikbaar ({reason})",
        "en": "the LanguageTool server at {url} cannot be reached ({reason})"},
    "lt.died": {
        "nl": "de LanguageTool-server op {url} antwoordt niet meer ({reason}); "
              "start hem opnieuw met 'stagepipe languagetool start'",
        "en": "the LanguageTool server at {url} no longer answers ({reason}); "
              "start it again with 'stagepipe languagetool start'"},
    "lt.timeout": {
        "nl": "de LanguageTool-server op {url} gaf geen antwoord binnen {seconds} s",
        "en": "the LanguageTool server at {url} did not answer within {seconds} s"},
    "lt.bad-response": {
        "nl": "de LanguageTool-server op {url} gaf een onverwacht antwoord: {detail}",
        "en": "the LanguageTool server at {url} gave an unexpected answer: {detail}"},
    "lt.language": {
        "nl": "taal '{language}' wordt niet ondersteund door de LanguageTool-server op {url} (wel: {known})",
        "en": "language '{language}' is not supported by the LanguageTool server at {url} (supported: {known})"},
    "lt.started": {
        "nl": "LanguageTool {version} gestart op {url} (pid {pid}, klaar na {seconds} s)",
        "en": "LanguageTool {version} started at {url} (pid {pid}, ready after {seconds} s)"},
    "lt.reused": {
        "nl": "LanguageTool {version} draait al op {url} (pid {pid}); die wordt hergebruikt",
        "en": "LanguageTool {version} is already running at {url} (pid {pid}); reusing it"},
    "lt.running": {
        "nl": "LanguageTool {version} draait op {url} (pid {pid}, sinds {since})",
        "en": "LanguageTool {version} is running at {url} (pid {pid}, since {since})"},
    "lt.not-running": {
        "nl": "de lokale LanguageTool-server draait niet (starten: 'stagepipe languagetool start')",
        "en": "the local LanguageTool server is not running (start: 'stagepipe languagetool start')"},
    "lt.stopped": {
        "nl": "LanguageTool-server gestopt (pid {pid})",
        "en": "LanguageTool server stopped (pid {pid})"},
    "lt.configured": {
        "nl": "geconfigureerde LanguageTool-server {url} ({source}): {answer}",
        "en": "configured LanguageTool server {url} ({source}): {answer}"},
    "lt.answers": {"nl": "antwoordt", "en": "answers"},
    "lt.no-answer": {"nl": "antwoordt niet", "en": "does not answer"},
    "text.encoding": {
        "nl": "bestand is geen geldige UTF-8-tekst (byte {byte}); bewaar het als UTF-8",
        "en": "file is not valid UTF-8 text (byte {byte}); save it as UTF-8",
    },
    "summary.language": {
        "nl": "{chars} tekens gecontroleerd ({language}): {count} taalopmerking(en){detail}",
        "en": "{chars} characters checked ({language}): {count} language finding(s){detail}"},
    # --- summaries ---
    "summary.validate": {
        "nl": "{files} bestand(en) gecontroleerd: {errors} fout(en), {warnings} waarschuwing(en), {infos} opmerking(en)",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} note(s)"},
    "summary.kinds": {"nl": "{institutions} instelling(en), {programs} opleidingsprofiel(en), {cases} dossier(s) in "
                            "{cohorts} cohorte(s)",
                      "en": "{institutions} institution(s), {programs} program profile(s), {cases} case(s) in "
                            "{cohorts} cohort(s)"},
    "summary.ok": {"nl": "alles in orde", "en": "all good"},
}


def t(message_key: str, lang: str = "nl", /, **values: Any) -> str:
    """The message ``message_key`` in ``lang`` (falls back to Dutch), formatted with ``values``."""
    entry = MESSAGES[message_key]
    template = entry.get(lang) or entry["nl"]
    return template.format(**values)


def catalog(entries: dict[str, dict[str, str]]) -> Callable[..., str]:
    """A ``t``-like lookup over a module's own messages (report checks keep their texts next to their code)."""

    def lookup(message_key: str, lang: str = "nl", /, **values: Any) -> str:
        entry = entries[message_key]
        return (entry.get(lang) or entry["nl"]).format(**values)

    return lookup
