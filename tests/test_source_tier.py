"""A source's tier is one the site names, whatever the sources descriptor allows: the page writes it as a class of
the source's badge (``mb-tier-<tier>``) and looks up its words in the locales."""

from __future__ import annotations

from conftest import settings_for, write

from generator import pipeline


def _tiers(project, tier: str) -> list[tuple]:
    write(project / "nguon" / "data" / "sources.csv",
          f"source_id,url,publisher,tier\nseed,https://thanhuytphcm.vn/,Thành ủy,official\nsggp,https://x.vn/,SGGP,{tier}\n")
    problems = pipeline.check(settings_for(project)).problems
    return [(p.code, p.path.rsplit("/", 1)[-1], p.line, p.field, p.params_dict()) for p in problems
            if p.severity == "error"]


def test_an_unknown_tier_is_reported_at_its_cell(project):
    """It had a line and no column, as a cross-package reference had (new6 #5)."""
    write(project / "nguon" / "data" / "sources.csv",
          "source_id,url,publisher,tier\nseed,https://thanhuytphcm.vn/,Thành ủy,official\nsggp,https://x.vn/,SGGP,blog\n")
    [found] = [p for p in pipeline.check(settings_for(project)).problems if p.code == "unknown-reference"]
    assert (found.line, found.column) == (3, len("sggp,https://x.vn/,SGGP,") + 1)


def test_a_tier_that_would_add_a_class_to_every_badge_is_refused_at_its_row(project):
    """A pull request that widened the descriptor's list admitted 'official md-header': 72 badges of the real
    site got the theme's header class."""
    assert _tiers(project, '"official md-header"') == [("unknown-reference", "sources.csv", 3, "tier", {
        "value": "official md-header", "target": "tier (official, press, aggregator, secondary_dataset, mirror)",
        "suggestion": "official"})]


def test_a_tier_the_site_has_no_words_for_is_refused(project):
    assert [(code, line) for code, _, line, _, _ in _tiers(project, "blog")] == [("unknown-reference", 3)]
    assert [(code, line) for code, _, line, _, _ in _tiers(project, "")] == [("unknown-reference", 3)]


def test_the_site_s_tiers_pass(project):
    for tier in ("official", "press", "aggregator", "secondary_dataset", "mirror"):
        assert _tiers(project, tier) == []


def test_every_tier_has_its_words_in_both_languages():
    from generator.core.locale import locale
    from generator.directory.rules import TIERS

    for lang in ("vi", "en"):
        assert all(locale(lang).has(f"common.tier.{tier}") for tier in TIERS)
