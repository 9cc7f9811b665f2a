"""What a journalist copies from a dataset page, computed here so templates only print it: the citation
(plain text and BibTeX), code that loads each CSV in pandas and R, schema.org JSON-LD for search engines,
and the DCAT-US ``data.json`` catalogue for harvesters.

Every address comes from ``urls``: absolute when the site's address is configured, otherwise relative (to
the page for machine-read JSON-LD, which resolves it against the page; to the site root for text a person
reads, with a note saying so).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import markupsafe

from generator import urls
from generator.catalogue.model import Catalogue, DatasetInfo, Link, Release, ResourceInfo, published_version
from generator.core.locale import Locale
from generator.core.locale import locale as default_locale_of
from generator.core.read.table import FieldSpec, Table
from generator.core.render.links import relative_link

_BIBTEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str
    url: str
    absolute: bool  # False: ``url`` is relative to the site's root and the page adds a note

    @property
    def words(self) -> str:
        """The citation before its address (a page shows the address as an address, not as words)."""
        return self.text[: -len(self.url)] if self.url and self.text.endswith(self.url) else self.text


@dataclass(frozen=True)
class Snippet:
    resource: ResourceInfo
    pandas: str
    r: str


def publisher(dataset: DatasetInfo, locale: Locale) -> str:
    """Who publishes the package: its contributors with the role ``publisher``, else this site (which publishes
    the copy cited: never the author of data it did not make, ``model._credited``)."""
    return "; ".join(dataset.publishers) or locale.t("site.name")


def credited(dataset: DatasetInfo, locale: Locale) -> tuple[str, ...]:
    """The package's authors as the page's language names them (``model._credited``); none when it names nobody."""
    return dataset.authors_en if locale.code == "en" and dataset.authors_en else dataset.authors


def citation(dataset: DatasetInfo, release: Release | None, site: str, locale: Locale, page_uri: str = "",
             part: str = "") -> Citation:
    """Title, authors, publisher, version, date and address, in plain text and BibTeX (APA's order for a data
    set: a package that names no author is cited by its title, and a publisher that is its author is not said
    twice).

    The date is the day the current version was released (from the repository history, else the
    descriptor's ``created``); the plain form writes it the way the page's language writes dates, BibTeX in ISO.
    Data that changed since that release are cited as what they are: that version and the changes since, as of
    the commit of the last change and on its day ("1.0.0, released 26/11/2026" was cited for data that were not
    1.0.0's). ``page_uri`` and ``part`` cite one page built from the dataset (an indicator page) instead of the
    whole.
    """
    url = urls.page_url(site, locale, page_uri or dataset.page_uri)
    title = f"{part} — {dataset.title.get(locale.code)}" if part else dataset.title.get(locale.code)
    authors = credited(dataset, locale)
    by, issuer = "; ".join(authors), publisher(dataset, locale)
    released = release.data_date if release else None
    when = locale.date(released) if released else locale.t("cite.no_date")
    words = version_words(dataset, release, locale)
    version = f" ({words})" if words else ""
    kind = locale.t("cite.kind")
    work = f"{title}{version} [{kind}]"
    text = f"{by} ({when}). {work}. " if by else f"{work}. ({when}). "
    text += f"{issuer}. {url}" if issuer != by else url
    slug_part = f"-{part}" if part else ""
    published = published_version(dataset.version, release)
    key = re.sub(r"[^A-Za-z0-9.-]+", "-", f"minhbach-{dataset.name}{slug_part}-{published}").strip("-")
    changed = release is not None and release.unreleased is not None and dataset.version
    fields = [
        ("author", " and ".join("{" + _bibtex(name) + "}" for name in authors)),
        ("title", "{" + _bibtex(title) + "}"),
        ("year", str(released.year) if released else ""),
        ("date", released.isoformat() if released else ""),
        ("version", _bibtex(published)),
        ("publisher", _bibtex(issuer)),
        ("url", url),
        ("note", _bibtex(f"{kind}; {words}" if changed else kind)),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return Citation(text, f"@misc{{{key},\n{body}}}\n", url, bool(site))


def version_words(dataset: DatasetInfo, release: Release | None, locale: Locale) -> str:
    """"version 1.0.0", or "version 1.0.0 plus changes since its release, as of commit e7368df" for data that
    changed since; "" for a package without a version."""
    if not dataset.version:
        return ""
    if release is None or release.unreleased is None:
        return locale.t("cite.version", version=dataset.version)
    return locale.t("cite.version_changed", version=dataset.version, commit=release.unreleased.commit)


def _bibtex(text: str) -> str:
    return text.translate(_BIBTEX_SPECIAL)


_PANDAS_TYPES = {"string": '"string"', "integer": '"Int64"', "year": '"Int64"'}
# readr's integer is 32 bits: an `integer` column of tweet ids or populations (past 2,147,483,647) read as NA.
# A double holds every integer to 2^53 exactly; a year is always an R integer.
_R_TYPES = {"string": "col_character()", "integer": "col_double()", "year": "col_integer()",
            "number": "col_double()", "boolean": "col_logical()", "date": "col_date()"}
_R_PARSE = {"integer": "parse_double", "year": "parse_integer", "number": "parse_double", "boolean": "parse_logical",
            "date": "parse_date"}
# Python's codes that read by the locale, as Frictionless reads them (Python's C locale): written out, the code
# reads the same in a reader's locale, and in readr, whose own %x is "%y/%m/%d".
_C_LOCALE = {"%x": "%m/%d/%y", "%X": "%H:%M:%S"}
# Python's strptime codes that readr reads the same way (readr's ?parse_datetime); "%S.%f" is readr's "%OS"
_READR_CODES = frozenset({"%Y", "%y", "%m", "%d", "%b", "%B", "%a", "%H", "%I", "%M", "%S", "%p", "%z", "%OS"})


def snippets(dataset: DatasetInfo, site: str, locale: Locale) -> list[Snippet]:
    """pandas and R (readr) code that reads each CSV with the schema's types.

    Text columns are read as text on purpose: codes such as ``010`` or ``79`` would otherwise lose their
    leading zeros, and "NA" would become a missing value. Only the schema's missing values count as missing,
    and a column's own where it has them (Data Package v2). A date is read by its field's pattern (pandas and
    readr would guess 11/06/2024 as 6 November), or as text when it has none to give (``any``), and the code
    says so.
    """
    found = []
    for resource in dataset.resources:
        url = urls.download_url(site, resource.download_uri)
        pandas, r = _pandas(url, resource.table, locale), _r(url, resource.table, locale)
        if not site:
            note = locale.t("cite.snippet_relative")
            pandas.insert(0, f"# {note}")
            r.insert(0, f"# {note}")
        found.append(Snippet(resource, "\n".join(line for line in pandas if line is not None),
                             "\n".join(line for line in r if line is not None)))
    return found


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _own_missing(table: Table) -> list[FieldSpec]:
    """The columns with missing values of their own, which replace the schema's for them."""
    return [f for f in table.fields if f.missing_values is not None]


def date_pattern(field: FieldSpec) -> str | None:
    """A date column's pattern as Python's strptime (pandas) reads it, the locale's codes written out; None for
    the default (ISO 8601, which both readers take) and for ``any`` (no one pattern)."""
    if field.format in ("default", "any"):
        return None
    return re.sub(r"%.", lambda code: _C_LOCALE.get(code.group(), code.group()), field.format)


def readr_pattern(pattern: str) -> str | None:
    """``pattern`` in readr's codes, or None when readr has no code for one of its parts (%j, %A, %%...)."""
    pattern = pattern.replace("%S.%f", "%OS")
    codes = re.findall(r"%OS|%.?", pattern)
    return pattern if all(code in _READR_CODES for code in codes) else None


def _text_dates(table: Table, locale: Locale, readr: bool) -> list[tuple[FieldSpec, str]]:
    """The date columns the code reads as text, each with the comment that says why."""
    found = []
    for field in table.fields:
        if field.type != "date" or field.format == "default":
            continue
        if field.format == "any":
            found.append((field, locale.t("cite.snippet_any_date", column=field.name)))
        elif readr and readr_pattern(date_pattern(field)) is None:
            found.append((field, locale.t("cite.snippet_text_date", column=field.name, format=field.format)))
    return found


def _comments(notes: list[tuple[FieldSpec, str]]) -> list[str]:
    return [f"# {_comment(note)}" for _, note in notes]


def _comment(text: str) -> str:
    """One line of comment: a line end in a column's name would end the comment and run the rest as code."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", " ", text)


def _pandas(url: str, table: Table, locale: Locale | None = None) -> list[str | None]:
    locale = locale or default_locale_of("vi")
    fields = table.fields
    parsed = {f.name: pattern for f in fields if f.type == "date" and (pattern := date_pattern(f))}
    as_text = _text_dates(table, locale, readr=False)
    text_names = set(parsed) | {f.name for f, _ in as_text}
    dtypes = ", ".join(f"{_json(f.name)}: {_PANDAS_TYPES[f.type]}" if f.type in _PANDAS_TYPES else
                       f'{_json(f.name)}: "string"' for f in fields if f.type in _PANDAS_TYPES or f.name in text_names)
    dates = ", ".join(_json(f.name) for f in fields if f.type == "date" and f.format == "default")
    # pandas takes a list for every column, or one per column (then for each: a column left out has none)
    missing = ({f.name: sorted(table.missing_in(f.name)) for f in fields} if _own_missing(table)
               else sorted(table.missing_values))
    marks = _number_marks(table)
    return [
        "import pandas as pd",
        "",
        *_comments(as_text),
        f"df = pd.read_csv(\n    {_json(url)},",
        f"    dtype={{{dtypes}}}," if dtypes else None,
        f"    parse_dates=[{dates}]," if dates else None,
        f"    decimal={_json(marks[0])}," + (f" thousands={_json(marks[1])}," if marks[1] else "") if marks else None,
        f"    keep_default_na=False, na_values={_json(missing)},",
        ")",
        # read as text, then by the column's own pattern: parse_dates would guess, and take 11/06/2024 for 6 Nov
        *(f"df[{_json(name)}] = pd.to_datetime(df[{_json(name)}], format={_json(pattern)})"
          for name, pattern in parsed.items()),
    ]


def _number_marks(table: Table) -> tuple[str, str] | None:
    """The decimal and group characters the table's numbers are written with, when they are not "." and none
    and every number column shares them (pandas takes one pair for a file); None otherwise, and pandas leaves
    the columns it cannot read as numbers as text. readr's pair: ``_r_marks``."""
    marks = {(f.decimal_char, f.group_char) for f in table.fields if f.type == "number"}
    return next(iter(marks)) if len(marks) == 1 and marks != {(".", "")} else None


def _r(url: str, table: Table, locale: Locale | None = None) -> list[str | None]:
    """readr takes one list of missing values for every column: a column with its own is read as text, then
    typed with them. It takes one pair of number marks too: a number column written with another pair than the
    file's locale is read as text, then typed with its own, and the code says why."""
    locale = locale or default_locale_of("vi")
    own, (marks, other_marks) = _own_missing(table), _r_marks(table)
    as_text = _text_dates(table, locale, readr=True)
    text_names = {f.name for f, _ in as_text}
    parsed = [f for f in table.fields if f in own or f in other_marks]
    types = {f.name: "col_character()" if f in parsed or f.name in text_names else _r_type(f) for f in table.fields}
    columns = ",\n".join(f"    {_r_name(name)} = {kind}" for name, kind in types.items())
    notes = as_text + [(f, locale.t("cite.snippet_number_marks", column=f.name, decimal=_json(_readr_marks(f)[0]),
                                    group=_json(_readr_marks(f)[1]))) for f in other_marks]
    return [
        "library(readr)",
        "",
        *_comments(notes),
        f"df <- read_csv(\n  {_json(url)},",
        f"  col_types = cols(\n{columns}\n  )," if table.fields else None,
        f"  locale = {_r_locale(marks)}," if marks else None,
        f"  na = c({_r_words(table.missing_values)})",
        ")",
        *(_r_typed(f, text_names) for f in parsed),
    ]


def _r_typed(field: FieldSpec, text_names: set[str]) -> str:
    """The line that types a column read as text: by its pattern, its own marks (parse_double's locale is readr's
    default, not the file's) and its own missing values."""
    name = _json(field.name)
    options = [f"format = {_json(pattern)}"] if (pattern := _r_pattern(field)) and field.name not in text_names else []
    if field.type == "number" and _readr_marks(field) != _READR_MARKS:
        options.append(f"locale = {_r_locale(_readr_marks(field))}")
    if field.missing_values is not None:
        options.append(f"na = c({_r_words(field.missing_values)})")
    return f"df[[{name}]] <- {_r_parse(field, text_names)}(df[[{name}]]{''.join(', ' + o for o in options)})"


_READR_MARKS = (".", ",")  # readr's default locale: its decimal and grouping marks


def _r_marks(table: Table) -> tuple[tuple[str, str] | None, list[FieldSpec]]:
    """The decimal and grouping marks of readr's locale for the file (None when every number column is written
    plainly, "." and no group), and the number columns that locale cannot read: readr takes one pair a file, and
    with its default one "12,5%" (decimalChar ",") read as 125 and "1.234,5" as 1.2345. The pair is the one that
    reads the most number columns (the first column's on a tie): columns with the same decimal mark share it
    whatever they group by, but for one that groups by another mark."""
    numbers = [f for f in table.fields if f.type == "number"]
    if all((f.decimal_char, f.group_char) == (".", "") for f in numbers):
        return None, []
    marks = max((_readr_marks(f) for f in numbers), key=lambda pair: sum(_reads(pair, f) for f in numbers))
    return marks, [f for f in numbers if not _reads(marks, f)]


def _readr_marks(field: FieldSpec) -> tuple[str, str]:
    """The marks of a locale that reads ``field``: its own, and when it groups by none, readr's grouping mark
    for its decimal mark ("," for ".", "." for another)."""
    return field.decimal_char, field.group_char or ("," if field.decimal_char == "." else ".")


def _reads(marks: tuple[str, str], field: FieldSpec) -> bool:
    """Whether a locale of ``marks`` reads ``field``'s numbers as Frictionless does: the same decimal mark, and
    its grouping mark when it groups (a number Frictionless reads in a column that does not group has none)."""
    return field.decimal_char == marks[0] and field.group_char in ("", marks[1])


def _r_locale(marks: tuple[str, str]) -> str:
    return f"locale(decimal_mark = {_json(marks[0])}, grouping_mark = {_json(marks[1])})"


def _r_pattern(field: FieldSpec) -> str | None:
    """The readr pattern of a date column that has one of its own."""
    pattern = date_pattern(field) if field.type == "date" else None
    return readr_pattern(pattern) if pattern else None


def _r_parse(field: FieldSpec, text_names: set[str]) -> str:
    """How a column read as text is typed: as its readr type would (``parse_number`` for ``col_number()``:
    ``parse_double`` refused "1.234,5" and "95%")."""
    if field.name in text_names:
        return "parse_character"
    return "parse_number" if _r_type(field) == "col_number()" else _R_PARSE.get(field.type, "parse_character")


def _r_type(field: FieldSpec) -> str:
    """readr's column type; ``col_number()`` for a number with a group character or around which a number that
    is not bare has text (it drops both; ``col_double()`` refuses them); a date by its own pattern."""
    if field.type in ("number", "integer") and (field.group_char and field.type == "number" or not field.bare_number):
        return "col_number()"
    if pattern := _r_pattern(field):
        return f"col_date(format = {_json(pattern)})"
    return _R_TYPES.get(field.type, "col_character()")


def _r_words(words: frozenset[str]) -> str:
    return ", ".join(_json(word) for word in sorted(words))


def _r_name(name: str) -> str:
    """A column's name as R code: as written when R takes it as a name, else between backticks, where R reads a
    backslash as the start of an escape as in a string. Escaped once, a name ending in a backslash closed the
    backticks and the rest of the name ran as code in the reader's R session (``x\\` = 1, y = {system(...)}``)."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9._]*", name):
        return name
    escaped = name.replace("\\", "\\\\").replace("`", "\\`")
    return "`" + _R_CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", escaped) + "`"


_R_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # written as \xNN: a line end inside backticks breaks the snippet's lines


def jsonld(dataset: DatasetInfo, release: Release | None, site: str, locale: Locale) -> markupsafe.Markup:
    """schema.org ``Dataset`` for the page's <script type="application/ld+json">.

    Relative addresses are written relative to the page, which is how JSON-LD readers resolve them. The
    JSON is escaped so that no ``<`` can close the script element early. ``version`` is the data's
    (``published_version``); data changed since their version's release have that release's day as
    ``datePublished`` and the last change's as ``dateModified``.
    """
    def address(uri: str, download: bool = False) -> str:
        if site:
            return urls.download_url(site, uri) if download else urls.page_url(site, locale, uri)
        return relative_link(dataset.page_uri, uri)

    data: dict[str, object] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dataset.title.get(locale.code),
        "description": dataset.description.get(locale.code) or dataset.title.get(locale.code),
        "url": address(dataset.page_uri),
        "identifier": dataset.name,
        "inLanguage": locale.code,
        "isAccessibleForFree": True,
        "publisher": {"@type": "Organization", "name": publisher(dataset, locale)},
        "includedInDataCatalog": {"@type": "DataCatalog", "name": locale.t("site.name"),
                                  "url": address(urls.DATASETS_INDEX)},
        "distribution": [
            {"@type": "DataDownload", "name": r.title.get(locale.code), "encodingFormat": "text/csv",
             "contentUrl": address(r.download_uri, download=True), **_own_licence(r)} for r in dataset.resources
        ] + [{"@type": "DataDownload", "name": f"{dataset.name}.zip", "encodingFormat": "application/zip",
              "contentUrl": address(dataset.zip_uri, download=True)}],
    }
    if credited(dataset, locale):  # no creator rather than this site, which only publishes the copy
        data["creator"] = [{"@type": "Organization", "name": name} for name in credited(dataset, locale)]
    if dataset.version:
        data["version"] = published_version(dataset.version, release)
    if release is not None and release.date:
        data["datePublished"] = release.date.isoformat()
    if release is not None and release.unreleased is not None:
        data["dateModified"] = release.unreleased.date.isoformat()
    licences = _licence_urls(dataset.licences)
    if licences:
        data["license"] = licences[0] if len(licences) == 1 else licences
    if dataset.keywords:
        data["keywords"] = list(dataset.keywords)
    data["variableMeasured"] = sorted({f.name for r in dataset.resources for f in r.table.fields})
    return markupsafe.Markup(_script_safe(json.dumps(data, ensure_ascii=False)))


def _licence_urls(links: tuple[Link, ...]) -> list[str]:
    return [link.url for link in links if link.url]


def _own_licence(resource: ResourceInfo) -> dict[str, object]:
    """A table's ``license`` where it is not its package's (``ResourceInfo.licences``): its address, or their
    list; nothing when the package's applies or it has no address."""
    found = _licence_urls(resource.licences)
    return {"license": found[0] if len(found) == 1 else found} if found else {}


def _script_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def data_catalogue(datasets: list[DatasetInfo], releases: dict[str, Release], site: str, locale: Locale,
                   build_date: date) -> bytes:
    """``data.json`` in the DCAT-US (Project Open Data v1.1) form: every dataset and every distribution.

    It sits at the language's root, so relative addresses in it resolve against that root. ``issued`` is the
    release date of the current version; ``modified`` the day of the last change to the data since, else that
    release date, else the build date (DCAT-US requires one); ``version`` the data's (``published_version``).
    """
    def address(uri: str, download: bool = False) -> str:
        if site:
            return urls.download_url(site, uri) if download else urls.page_url(site, locale, uri)
        return urls.from_language_root(locale, uri)

    entries = []
    for dataset in datasets:
        release = releases.get(dataset.name)
        when = release.date if release else None
        licences = _licence_urls(dataset.licences)
        distributions = []
        for resource in dataset.resources:
            title = resource.title.get(locale.code)
            distributions.append({"@type": "dcat:Distribution", "title": f"{title} (CSV)", "format": "CSV",
                                  "mediaType": "text/csv", "downloadURL": address(resource.download_uri, True),
                                  "describedBy": address(dataset.descriptor_uri, True),
                                  "describedByType": "application/json", **_own_licence(resource)})
            if resource.has_json:
                distributions.append({"@type": "dcat:Distribution", "title": f"{title} (JSON)", "format": "JSON",
                                      "mediaType": "application/json",
                                      "downloadURL": address(resource.json_uri, True),
                                      "describedBy": address(dataset.descriptor_uri, True),
                                      "describedByType": "application/json", **_own_licence(resource)})
        distributions.append({"@type": "dcat:Distribution", "title": "Frictionless Data Package (zip)",
                              "format": "ZIP", "mediaType": "application/zip",
                              "downloadURL": address(dataset.zip_uri, True),
                              "conformsTo": "https://specs.frictionlessdata.io/data-package/"})
        entry: dict[str, object] = {
            "@type": "dcat:Dataset",
            "identifier": address(dataset.page_uri) if site else dataset.name,
            "title": dataset.title.get(locale.code),
            "description": dataset.description.get(locale.code) or dataset.title.get(locale.code),
            "keyword": list(dataset.keywords) or [k for k in (dataset.theme, dataset.name) if k],
            "modified": ((release.data_date if release else None) or build_date).isoformat(),
            "publisher": {"@type": "org:Organization", "name": publisher(dataset, locale)},
            "contactPoint": {"@type": "vcard:Contact", "fn": publisher(dataset, locale)},
            "accessLevel": "public",
            "landingPage": address(dataset.page_uri),
            "language": [locale.code],
            "distribution": distributions,
        }
        if when:
            entry["issued"] = when.isoformat()
        if licences:
            entry["license"] = licences[0]
        if dataset.version:
            entry["version"] = published_version(dataset.version, release)
        if dataset.theme:
            entry["theme"] = [dataset.theme]
        if dataset.homepage:
            # DCAT-US's landingPage is this site's page of the dataset, the hub of its downloads; the package's own
            # home on the web is a related page: ``references`` (an array of URLs)
            entry["references"] = [dataset.homepage]
        entries.append(entry)
    catalogue = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": urls.page_url(site, locale, urls.CATALOGUE_JSON) if site else urls.CATALOGUE_JSON,
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": entries,
    }
    return (json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def cite_page(catalogue: Catalogue, package: str, locale: Locale, page_uri: str, part: str
              ) -> Citation | None:
    """The citation of one page built from ``package`` (an indicator page), dated like the package's."""
    dataset = catalogue.dataset(package)
    if dataset is None:
        return None
    return citation(dataset, catalogue.released(package), catalogue.site, locale, page_uri, part)
