"""Words the render context needs in the document language: months, languages, countries, roles, copies."""

from __future__ import annotations

import datetime as dt

DOC_LANGS = ("nl", "en", "fr")

MONTHS = {
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}

WEEKDAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}

LANGUAGES = {
    "nl": {"nl": "Nederlands", "fr": "Frans", "en": "Engels", "de": "Duits", "es": "Spaans", "it": "Italiaans",
           "pt": "Portugees", "zh": "Chinees", "ar": "Arabisch", "tr": "Turks", "pl": "Pools", "ru": "Russisch",
           "ja": "Japans"},
    "en": {"nl": "Dutch", "fr": "French", "en": "English", "de": "German", "es": "Spanish", "it": "Italian",
           "pt": "Portuguese", "zh": "Chinese", "ar": "Arabic", "tr": "Turkish", "pl": "Polish", "ru": "Russian",
           "ja": "Japanese"},
    "fr": {"nl": "néerlandais", "fr": "français", "en": "anglais", "de": "allemand", "es": "espagnol",
           "it": "italien", "pt": "portugais", "zh": "chinois", "ar": "arabe", "tr": "turc", "pl": "polonais",
           "ru": "russe", "ja": "japonais"},
}

COUNTRIES = {
    "nl": {"BE": "België", "NL": "Nederland", "FR": "Frankrijk", "DE": "Duitsland", "LU": "Luxemburg",
           "GB": "Verenigd Koninkrijk", "ES": "Spanje", "IT": "Italië", "US": "Verenigde Staten", "CH": "Zwitserland",
           "SE": "Zweden", "NO": "Noorwegen", "DK": "Denemarken", "FI": "Finland", "AT": "Oostenrijk",
           "IE": "Ierland", "PT": "Portugal", "PL": "Polen", "CZ": "Tsjechië", "CA": "Canada", "MA": "Marokko"},
    "en": {"BE": "Belgium", "NL": "the Netherlands", "FR": "France", "DE": "Germany", "LU": "Luxembourg",
           "GB": "United Kingdom", "ES": "Spain", "IT": "Italy", "US": "United States", "CH": "Switzerland",
           "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "FI": "Finland", "AT": "Austria", "IE": "Ireland",
           "PT": "Portugal", "PL": "Poland", "CZ": "Czechia", "CA": "Canada", "MA": "Morocco"},
    "fr": {"BE": "Belgique", "NL": "Pays-Bas", "FR": "France", "DE": "Allemagne", "LU": "Luxembourg",
           "GB": "Royaume-Uni", "ES": "Espagne", "IT": "Italie", "US": "États-Unis", "CH": "Suisse",
           "SE": "Suède", "NO": "Norvège", "DK": "Danemark", "FI": "Finlande", "AT": "Autriche", "IE": "Irlande",
           "PT": "Portugal", "PL": "Pologne", "CZ": "Tchéquie", "CA": "Canada", "MA": "Maroc"},
}

# who signs, as the signature table names the party
SIGNATORY_ROLES = {
    "nl": {"institution": "Voor de onderwijsinstelling", "placement": "Voor de stageplaats",
           "placement2": "Voor de tweede stageplaats", "student": "De student", "mentor": "De stagementor",
           "supervisor": "De stagebegeleider"},
    "en": {"institution": "For the institution", "placement": "For the placement",
           "placement2": "For the second placement", "student": "The student", "mentor": "The mentor",
           "supervisor": "The supervisor"},
    "fr": {"institution": "Pour l'établissement d'enseignement", "placement": "Pour l'organisation d'accueil",
           "placement2": "Pour la deuxième organisation d'accueil", "student": "L'étudiant(e)",
           "mentor": "Le maître de stage", "supervisor": "Le superviseur de stage"},
}

COPY_HOLDERS = {
    "nl": {"stageplaats": "de stageplaats", "student": "de student", "hogeschool": "de onderwijsinstelling",
           "instelling": "de onderwijsinstelling", "universiteit": "de onderwijsinstelling"},
    "en": {"stageplaats": "the placement", "student": "the student", "hogeschool": "the institution",
           "instelling": "the institution", "universiteit": "the institution"},
    "fr": {"stageplaats": "l'organisation d'accueil", "student": "l'étudiant(e)", "hogeschool": "l'établissement",
           "instelling": "l'établissement", "universiteit": "l'établissement"},
}

# "in triplicate": how many signed originals
COPIES = {
    "nl": {1: "in één exemplaar", 2: "in tweevoud", 3: "in drievoud", 4: "in viervoud", 5: "in vijfvoud"},
    "en": {1: "in one copy", 2: "in duplicate", 3: "in triplicate", 4: "in quadruplicate", 5: "in five copies"},
    "fr": {1: "en un exemplaire", 2: "en deux exemplaires", 3: "en trois exemplaires", 4: "en quatre exemplaires",
           5: "en cinq exemplaires"},
}

ACTIVITY_TYPES = {
    "nl": {"observatiestage": "Observatiestage", "participatiestage": "Participatiestage",
           "actieve-stage": "Actieve stage", "klasoverstijgende-activiteit": "Klasoverstijgende activiteit",
           "groepsstage": "Groepsstage"},
    "en": {"observatiestage": "Observation", "participatiestage": "Participation",
           "actieve-stage": "Active teaching", "klasoverstijgende-activiteit": "Beyond the classroom",
           "groepsstage": "Group placement"},
    "fr": {"observatiestage": "Stage d'observation", "participatiestage": "Stage de participation",
           "actieve-stage": "Stage actif", "klasoverstijgende-activiteit": "Activité hors de la classe",
           "groepsstage": "Stage en groupe"},
}

AND = {"nl": "en", "en": "and", "fr": "et"}


def long_date(day: dt.date, lang: str) -> str:
    """7 maart 2022 / 7 March 2022 / 7 mars 2022 (1er in French)."""
    month = MONTHS[lang][day.month - 1]
    if lang == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def number(value: float, lang: str) -> str:
    """12, 7,5 (nl/fr) or 7.5 (en)."""
    text = f"{value:g}" if abs(value) < 1e15 else str(value)
    return text.replace(".", ",") if lang in ("nl", "fr") else text


def join_words(items: list[str], lang: str) -> str:
    """a, b en c / a, b and c / a, b et c."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {AND[lang]} " + items[-1]
