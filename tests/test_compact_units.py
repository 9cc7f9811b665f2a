"""Unit tests of the theme's indentation taken out of every page (generator/mkdocs/compact.py)."""

from __future__ import annotations

from generator.mkdocs.compact import compact


def test_a_run_of_blanks_holding_a_line_break_becomes_that_line_break():
    html = '<nav>\n    <ul>\n      \n\n      <li>\t\n  <a href="/">Trang chủ</a></li>  \n    </ul>\n</nav>\n'
    assert compact(html) == '<nav>\n<ul>\n<li>\n<a href="/">Trang chủ</a></li>\n</ul>\n</nav>\n'


def test_spaces_within_a_line_and_a_no_break_space_are_text():
    assert compact("<p>a   b</p>\n\u00a0 x\n\n y") == "<p>a   b</p>\n\u00a0 x\ny"
    assert compact("one line, no break   ") == "one line, no break   "


def test_pre_textarea_script_and_style_keep_every_blank_whatever_their_case():
    kept = ['<pre><code>@misc{x,\n  title = {T},\n\n}</code></pre>', '<PRE class="a">\n   b\n</PRE>',
            "<textarea>\n  draft\n</textarea>", '<script id="c">\n  var a = `\n    b`;\n</script>',
            "<style>\n  .a { b: c }\n</style>"]
    html = "\n    ".join(["<div>", *kept, "</div>"])
    assert compact(html) == "\n".join(["<div>", *kept, "</div>"])


def test_text_between_two_kept_regions_is_compacted_and_an_unclosed_one_is_not_kept():
    assert compact("<pre> a\n  b</pre>\n   <p>\n  c</p>\n  <pre>\n d</pre>") == \
        "<pre> a\n  b</pre>\n<p>\nc</p>\n<pre>\n d</pre>"
    assert compact("<pre>\n   never closed\n  <p>x</p>") == "<pre>\nnever closed\n<p>x</p>"
