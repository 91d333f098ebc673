"""What a name detector takes for a name but is none (pipeline/report/not_names.py), and the names that stay names.

Cases as data: (sentence, the detector's candidate, the reason it is no name or None). The None rows are the real
leaks next to each rule (a surname that is a town, a breed or a first name that is a place): they must stay."""

from __future__ import annotations

import pytest

from pipeline.report import not_names


def reason(sentence: str, candidate: str) -> str | None:
    start = sentence.index(candidate)
    return not_names.reason(sentence, start, start + len(candidate))


NOT_NAMES = [
    # places: municipalities, deelgemeenten, provinces, regions, Dutch towns, with the sentence's own little words
    ("De praktijk ligt in het zuiden van Oost-Vlaanderen.", "van Oost-Vlaanderen", "place"),
    ("Vlaanderen telt meer varkens dan inwoners.", "Vlaanderen", "place"),
    ("Ze vertelde over haar jeugd in de Kempen.", "de Kempen", "place"),
    ("Een klant uit de Westhoek belde.", "Westhoek", "place"),
    ("De gegevens gaan over Waals-Brabant.", "Waals-Brabant", "place"),
    ("We reden naar Wondelgem en Kessel-Lo.", "Kessel-Lo", "place"),
    ("Het bedrijf heeft een kantoor in Eindhoven.", "Eindhoven", "place"),
    ("De kliniek ligt in de provincie Antwerpen.", "provincie Antwerpen", "place"),
    ("Van Antwerpen reden we naar Gent.", "Van Antwerpen", "place"),
    ("Ik woon zelf in Brecht.", "Brecht", "place"),
    ("Een praktijk niet ver van Brugge.", "van Brugge", "place"),  # a surname's town after a lower-case 'van'
    ("We reden naar Mol en Geel.", "Mol", "place"),
    # breeds, diseases
    ("De meeste bedrijven houden Holstein-koeien.", "Holstein", "breed"),
    ("We behandelden vooral Belgische warmbloeden en Friese paarden.", "Friese paarden", "breed"),
    ("Een Maine Coon met een abces.", "Maine Coon", "breed"),
    ("Op de weide stonden Texelaars.", "Texelaars", "breed"),
    ("Een patiënt had de ziekte van Parkinson.", "de ziekte van Parkinson", "disease"),
    ("Het grootste probleem was PRRS.", "PRRS", "disease"),
    # public bodies, local authorities
    ("De praktijk volgt het programma van Dierengezondheidszorg Vlaanderen.", "Dierengezondheidszorg Vlaanderen",
     "public-body"),
    ("Data van het Agentschap Informatie Vlaanderen.", "Agentschap Informatie Vlaanderen", "public-body"),
    ("De leerplannen van het Katholiek Onderwijs Vlaanderen.", "Katholiek Onderwijs Vlaanderen", "public-body"),
    ("Cijfers van de Nationale Bank van België.", "Nationale Bank van België", "public-body"),
    ("Erfgoed van de Stad Antwerpen.", "Stad Antwerpen", "public-body"),
    # products
    ("Ik bouwde mee aan de Hybride Cloud Management Tool.", "Hybride Cloud Management Tool", "product"),
    ("Installeer de Java Software Development Kit.", "Java Software Development Kit", "product"),
    ("An Azure AD tenant is nodig.", "An Azure", "product"),
    ("We werken met Microsoft Dynamics 365.", "Microsoft Dynamics 365", "product"),
    # already anonymised
    ("In dit verslag heet de praktijk praktijk A.", "praktijk A", "anonymised"),
    ("Het ziekenhuis heet hier ziekenhuis Y.", "ziekenhuis Y", "anonymised"),
    ("Mijn mentor noem ik mentor X.", "X", "anonymised"),
    ("Een klant, mevrouw Z, belde.", "mevrouw Z", "anonymised"),
    ("Op bedrijf 3 namen we bloed.", "bedrijf 3", "anonymised"),
]

STILL_NAMES = [
    ("Mijn mentor, dokter Van Brugge, werkt er al lang.", "Van Brugge"),  # a title before a town's name
    ("Daarna sprak ik met Van Brugge over de koe.", "Van Brugge"),  # a capitalised particle in mid-sentence
    ("Mijn mentor, Jeroen Van Brugge, werkt er al lang.", "Jeroen Van Brugge"),  # a first name with it
    ("Een vaste klant, mevrouw Holstein, kwam langs.", "mevrouw Holstein"),  # a title before a breed
    ("De assistente, Sarah Limousin, deed de anesthesie.", "Sarah Limousin"),
    ("Mijn mentor was dr. Katrien Jersey.", "dr. Katrien Jersey"),
    ("Op vrijdag hielp Brecht me met de vaccinaties.", "Brecht"),  # a place that is a first name, no 'in'
    ("Een boer uit Geel, meneer Peer, belde.", "meneer Peer"),
    ("Volgens Mol is dat normaal.", "Mol"),  # a town that is a surname, without 'in', 'naar', ...
    ("De kat van Jette was ziek.", "van Jette"),  # a town that is a first name: 'van' is hers
    ("Jan en Brecht hielpen me.", "Brecht"),
    ("De eigenaar, klant Janssen, wilde een tweede mening.", "Janssen"),  # a role word and a name, no letter
    ("Ik liep stage bij Dierenkliniek Lier.", "Dierenkliniek Lier"),  # a placement named after its town
    ("Het agentschap, Studio Kwadraat, won een prijs.", "Studio Kwadraat"),  # one product word is not enough
    ("Het bedrijf, Bedrijf B.V., levert voeder.", "Bedrijf B.V."),
    ("Een patiënt, meneer Parkinson, kwam op controle.", "meneer Parkinson"),
    ("Mijn collega An Hermans hielp me.", "An Hermans"),
]


@pytest.mark.parametrize("sentence, candidate, expected", NOT_NAMES)
def test_not_a_name_with_its_reason(sentence: str, candidate: str, expected: str) -> None:
    assert reason(sentence, candidate) == expected


@pytest.mark.parametrize("sentence, candidate", STILL_NAMES)
def test_real_names_next_to_the_rules_stay_names(sentence: str, candidate: str) -> None:
    assert reason(sentence, candidate) is None


def test_every_reason_has_an_example() -> None:
    assert {expected for _, _, expected in NOT_NAMES} == set(not_names.REASONS)


@pytest.mark.parametrize("text", ["Westhoek", "de Kempen", "provincie Antwerpen", "Anvers", "Liège", "Lüttich",
                                  "Brussels Hoofdstedelijk Gewest", "Sint-Amandsberg", "’s-Hertogenbosch"])
def test_place_lists_hold_municipalities_provinces_regions_and_their_other_names(text: str) -> None:
    assert not_names.is_place(text)


@pytest.mark.parametrize("text", ["Vermeulen", "Peeters", "Dierenkliniek Lier", "Veerle", "Jan"])
def test_names_are_no_places(text: str) -> None:
    assert not not_names.is_place(text)


def test_data_files_carry_their_sources_and_licences() -> None:
    from importlib import resources

    data = resources.files("pipeline.report").joinpath("data")
    places = data.joinpath("places.txt").read_text(encoding="utf-8")
    assert "Statbel" in places and "GeoNames" in places and places.count("creativecommons.org/licenses/by/4.0") == 2
    assert len(not_names.places()) > 2500
    for file in ("regions.txt", "breeds.txt", "diseases.txt", "product_words.txt", "anonymised_roles.txt",
                 "public_bodies.yaml", "places_also_names.yaml"):
        assert data.joinpath(file).read_text(encoding="utf-8").startswith("#"), file
