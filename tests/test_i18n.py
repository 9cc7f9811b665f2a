import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.locale import catalogue, locale

TEMPLATES = Path(__file__).resolve().parent.parent / "generator"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (Decimal("84.70"), "vi", "84,70"),
    (Decimal("84.70"), "en", "84.70"),
    (17800000, "vi", "17.800.000"),
    (17800000, "en", "17,800,000"),
    (None, "vi", "–"),
])
def test_number_format(value, lang, expected):
    assert locale(lang).number(value) == expected


def test_percent_and_dates():
    assert locale("vi").percent(Decimal("84.70")) == "84,70\u00a0%"
    assert locale("en").percent(Decimal("84.70")) == "84.70%"
    assert locale("vi").date(date(2024, 6, 11)) == "11/06/2024"
    assert locale("en").date(date(2024, 6, 11)) == "11 Jun 2024"
    assert locale("vi").date(date(2024, 12, 1), "month") == "12/2024"


def test_catalogues_have_the_same_keys():
    assert set(catalogue("vi")) == set(catalogue("en"))


def test_every_key_used_by_code_and_templates_exists():
    used = set()
    for path in TEMPLATES.rglob("*"):
        if path.suffix in (".j2", ".py"):
            used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text("utf-8")))
    assert used, "no UI string keys found: the pattern is out of date"
    # Keys built from a prefix and a value ("common.flag." ~ flag) must exist for every value.
    from generator.core.flags import FLAGS

    used = {k for k in used if not k.endswith(".")}
    used |= {f"common.flag.{flag}" for flag in FLAGS}
    used |= {f"supervision.item_kind.{kind}" for kind in ("recommendation", "issue")}
    used |= {f"common.tier.{tier}" for tier in ("official", "press", "aggregator", "secondary_dataset", "mirror")}
    missing = {key for key in used if key not in catalogue("vi") or key not in catalogue("en")}
    assert not missing
