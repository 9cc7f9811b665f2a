"""A site of other packages than the project's (audit phone8, findings 1, 2 and 8): its home page says and links
only what was built, claims nothing of Ho Chi Minh City, and a package's text is not called Vietnamese unless it
is; columns named ``*_en``/``*_vi`` are read in their own language.

One package declares its language (the Data Package standard's ``languages``), one does not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import write
from test_build import broken_links, build

CITIES = "name,name_vi,name_en,population\nHanoi,Hà Nội,Hanoi,8000000\n"


def package(name: str, **extra: object) -> str:
    return json.dumps({
        "name": name, "title": "World cities", "description": "Cities of the world and their population.",
        "licenses": [{"name": "ODC-PDDL-1.0"}], **extra,
        "resources": [{"name": "cities", "path": "cities.csv", "title": "Cities", "description": "One row a city.",
                       "schema": {"fields": [
                           {"name": "name", "type": "string", "description": "The city's usual name."},
                           {"name": "name_vi", "type": "string"}, {"name": "name_en", "type": "string"},
                           {"name": "population", "type": "integer", "title": "Population"}]}}]})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generic")
    for name, extra in (("cities", {}), ("declared", {"languages": ["en"]})):
        write(root / "datasets" / name / "datapackage.json", package(name, **extra))
        write(root / "datasets" / name / "cities.csv", CITIES)
    assert build(root / "datasets", root / "site") == 0
    return root / "site"


def read(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text("utf-8")


def main_text(html: str) -> str:
    """The page's content, without the header and navigation the theme adds (the language switcher's lang)."""
    return html[html.index('<article'):html.index('</article>')]


HCMC = ("TP.HCM", "HĐND", "Hồ Chí Minh", "Ho Chi Minh", "HCMC", "cải cách hành chính", "administrative reform")


def test_every_link_of_a_generic_site_resolves(site):
    """The home page's "where to start" linked the tracker, the sessions and the agencies, none of them built;
    the about page linked the project's sources table."""
    assert broken_links(site) == []


@pytest.mark.parametrize("uri", ["", "en"])
def test_its_home_page_claims_nothing_of_hcmc(site, uri):
    html = read(site, uri)
    page = main_text(html)
    assert not [claim for claim in HCMC if claim in page]
    head = html[:html.index("</head>")]
    descriptions = re.findall(r'<meta (?:name|property)="(?:description|og:description)" content="([^"]*)"', head)
    assert descriptions and not [d for d in descriptions if any(claim in d for claim in HCMC)]


@pytest.mark.parametrize("uri", ["du-lieu/cities", "en/du-lieu/cities"])
def test_a_page_without_its_own_description_does_not_claim_hcmc(site, uri):
    description = re.search(r'<meta name="description" content="([^"]*)"', read(site, uri)).group(1)
    assert description and not any(claim in description for claim in HCMC)


def test_an_undeclared_packages_text_is_not_called_vietnamese(site):
    """Its English title and descriptions were each wrapped in lang="vi" and "(Vietnamese only)"."""
    page = main_text(read(site, "en/du-lieu/cities"))
    assert "Cities of the world" in page and "The city&#39;s usual name." in page
    assert 'lang="vi">Cities' not in page and "mb-missing-en" not in page
    assert 'lang="vi">The city' not in page


def test_a_declared_language_marks_the_text_on_the_other_languages_page(site):
    vi, en = main_text(read(site, "du-lieu/declared")), main_text(read(site, "en/du-lieu/declared"))
    assert '<span lang="en">Cities of the world and their population.</span>' in vi
    assert '<span lang="en">The city&#39;s usual name.</span>' in vi
    assert 'lang="en">Cities of the world' not in en and "mb-missing-en" not in en


@pytest.mark.parametrize(("uri", "cells"), [
    ("du-lieu/cities", '<th scope="row">Hanoi</th><td>Hà Nội</td><td lang="en">Hanoi</td><td>8000000</td>'),
    ("en/du-lieu/cities", '<th scope="row">Hanoi</th><td lang="vi">Hà Nội</td><td>Hanoi</td><td>8000000</td>'),
])
def test_a_preview_column_named_in_a_language_is_read_in_it(site, uri, cells):
    """*_en columns had no lang="en" on the Vietnamese site, *_vi columns were lang="en" on the English one."""
    assert cells in read(site, uri)


def test_a_preview_keeps_a_date_or_a_time_on_one_line():
    """phone8 #14: a "Date added" cell broke as "1957-" / "03-04" on a phone: date and time columns' cells get
    a class that keeps them whole (the preview scrolls sideways instead)."""
    from generator.catalogue.model import ResourceInfo
    from generator.core.read.table import FieldSpec, Table
    from generator.core.text import Text

    fields = [FieldSpec("name"), FieldSpec("added", "date"), FieldSpec("at", "time"), FieldSpec("n", "integer")]
    resource = ResourceInfo("t", Text("t"), Text(), Table("p", "t", fields, [f.name for f in fields], []))
    assert resource.column_whole() == (False, True, True, False)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_generic_sites_own_card_promises_nothing_it_cannot_keep(tmp_path, lang):
    """new8a #4: the site's card (shown by pages without their own) said "a source for every number" on a site
    of packages with no source column: that is the project's promise, made only where its data is."""
    from conftest import settings_for

    from generator import pipeline
    from generator.core.locale import locale
    from generator.core.render.share import SITE_SLUG

    datasets = tmp_path / "datasets"
    write(datasets / "cities" / "datapackage.json", package("cities"))
    write(datasets / "cities" / "cities.csv", CITIES)
    settings = settings_for(datasets)
    output = pipeline.publish(pipeline.prepare(pipeline.check(settings), settings), locale(lang))
    [card] = [files.card for files in output.cards if files.card.slug == SITE_SLUG]
    assert card.headline == locale(lang).t("site.tagline.data") != locale(lang).t("site.tagline")
