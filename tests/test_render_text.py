"""The render filters that turn data into page text, value by value (fast: no build).

Every text field can carry markup, '&' and Markdown syntax; each must reach the reader verbatim, escaped exactly
once. tests/test_site_safety.py checks the same on built pages; these say which filter broke.
"""

import jinja2
import markupsafe
import pytest

from generator.core.locale import locale
from generator.core.render.jinja import (
    TEMPLATES_DIR,
    environment,
    flag_list,
    front_matter_string,
    localised,
    md_escape,
)
from generator.core.render.raw import RawMarkers
from generator.core.text import Text

HARD = "S&P 500 <b>x</b> * _a_ [l](u) #1 `c` {#id} a|b \\ !"


def test_a_heading_is_markdown_escaped_then_html_escaped_once():
    assert str(md_escape(HARD)) == (
        "S&amp;P 500 &lt;b&gt;x&lt;/b&gt; \\* \\_a\\_ \\[l\\]\\(u\\) \\#1 \\`c\\` \\{\\#id\\} a\\|b \\\\ \\!")
    assert isinstance(md_escape(HARD), markupsafe.Markup)  # autoescape must not escape it a second time


def test_a_heading_is_one_printable_line_in_the_page_language():
    title = Text("Tiêu đề & <i>\n  mới\x07", "Title & <i>")
    assert (str(md_escape(title, "vi")), str(md_escape(title, "en"))) == (
        "Tiêu đề &amp; &lt;i&gt; mới", "Title &amp; &lt;i&gt;")
    assert str(md_escape(Text("chỉ tiếng Việt"), "en")) == "chỉ tiếng Việt"
    assert (str(md_escape(None)), str(md_escape(12))) == ("", "12")


@pytest.mark.parametrize(("value", "quoted"), [
    (HARD, '"S&amp;P 500 &lt;b&gt;x&lt;/b&gt; * _a_ [l](u) #1 `c` {#id} a|b \\\\ !"'),
    (Text("Tiêu đề", "Title \"q\" 's'\n<x>"), '"Title &#34;q&#34; &#39;s&#39; &lt;x&gt;"'),
    (None, '""'),
])
def test_a_front_matter_title_is_html_escaped_once_then_quoted_for_yaml(value, quoted):
    """The theme prints the title as HTML, so it gets escaped text; the backslash is doubled for YAML."""
    assert str(front_matter_string(locale("en"))(value)) == quoted


def test_english_falls_back_to_vietnamese_marked_and_escaped():
    pick_en, pick_vi = localised(locale("en")), localised(locale("vi"))
    text = Text("A & <b>", "")
    assert str(pick_en(text)) == (
        '<span lang="vi">A &amp; &lt;b&gt;</span> <span class="mb-missing-en">'
        + str(markupsafe.escape(locale("en").t("common.missing_en"))) + "</span>")
    assert pick_vi(text) == "A & <b>"  # plain text: autoescape escapes it where it is printed
    assert (pick_en(Text("a", "b")), pick_en(None), pick_en(3)) == ("b", "", "3")


def test_a_text_of_unknown_or_declared_language_is_not_called_vietnamese():
    """A foreign package's English was wrapped in lang="vi" and "(Vietnamese only)" (audit phone8 #2)."""
    pick_en, pick_vi = localised(locale("en")), localised(locale("vi"))
    unknown, english = Text("Cities & towns", "", ""), Text("Cities & towns", "", "en")
    assert (pick_en(unknown), pick_vi(unknown), pick_en(english)) == ("Cities & towns",) * 3
    assert str(pick_vi(english)) == '<span lang="en">Cities &amp; towns</span>'
    assert str(pick_en(Text("Städte", "", "de"))) == '<span lang="de">Städte</span>'


def test_flags_are_labelled_badges():
    assert str(flag_list(("derived",), locale("en"))) == (
        f' <span class="mb-flag mb-flag-derived">{locale("en").t("common.flag.derived")}</span>')
    assert str(flag_list((), locale("en"))) == ""


def test_two_flags_are_two_badges_side_by_side():
    en = locale("en")
    assert str(flag_list(("derived", "inferred"), en)) == (
        f' <span class="mb-flag mb-flag-derived">{en.t("common.flag.derived")}</span>'
        f' <span class="mb-flag mb-flag-inferred">{en.t("common.flag.inferred")}</span>')


def test_the_environment_binds_every_filter_to_its_locale(tmp_path):
    """Each template filter is the locale's own function (or the core filter bound to that locale's language);
    a feature's filter is added beside them; autoescape, strict undefined names and the trimming are on."""
    en = locale("en")
    (tmp_path / "page.j2").write_text(
        "{% if x %}\n{{ x|md }}|{{ x|yaml }}|{{ '<i>' }}|{{ x|loc }}|{{ 'a.md'|link }}|{{ 7|twice }}\n{% endif %}\n"
        "<!--mb:raw-->{{ t('common.score') }}|{{ lang }}<!--/mb:raw-->\n", "utf-8")
    raw = RawMarkers("n")
    env = environment(en, {"f": tmp_path}, {"twice": lambda n: n * 2}, raw)
    html = env.get_template("f/page.j2").render(x=Text("chữ & <b>", "A & <b> *x*"), page_uri="b/index.md")
    assert html == ("A &amp; &lt;b&gt; \\*x\\*|\"A &amp; &lt;b&gt; *x*\"|&lt;i&gt;|A &amp; &lt;b&gt; *x*"
                    f"|../a/|14\n{raw.start}{en.t('common.score')}|en{raw.end}\n")
    assert env.raw_markers is raw
    assert {name: env.filters[name] for name in ("num", "pct", "signed", "date", "value", "change", "since", "count",
                                                 "span")} == {
        "num": en.number, "pct": en.percent, "signed": en.signed, "date": en.date, "value": en.value,
        "change": en.change, "since": en.since, "count": en.count, "span": en.span}
    assert (env.globals["t"], env.globals["plural"], env.globals["lang"]) == (en.t, en.plural, "en")
    assert env.filters["flags"](("derived",)) == flag_list(("derived",), en)
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_words_says_a_bound_in_words():
    from generator.core.claims import Unit, Value

    env = environment(locale("en"), {}, {})
    bound = Value.parse("<50", Unit.of_label(Text("điểm", "points")), ())
    assert env.filters["words"](bound) == locale("en").value(bound, words=True) != locale("en").value(bound)


def test_templates_see_the_core_macros_strip_block_indents_and_draw_their_own_raw_markers(tmp_path):
    (tmp_path / "page.j2").write_text("<ul>\n  {% for i in items %}\n  <li>{{ i }}</li>\n  {% endfor %}\n</ul>\n"
                                      "<!--mb:raw-->x<!--/mb:raw-->\n", "utf-8")
    env = environment(locale("vi"), {"f": tmp_path}, {})
    assert {name for name in env.list_templates() if name.startswith("core/")} == {
        f"core/{path.name}" for path in TEMPLATES_DIR.iterdir() if path.is_file()}
    markers = env.raw_markers
    assert isinstance(markers, RawMarkers) and len(markers.nonce) == 32
    assert env.get_template("f/page.j2").render(items=[1, 2]) == (
        f"<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n{markers.start}x{markers.end}\n")
