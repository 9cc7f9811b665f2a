import pytest

from generator.core.render.links import relative_link, served_url


@pytest.mark.parametrize(("uri", "url"), [
    ("index.md", ""), ("giam-sat/index.md", "giam-sat/"), ("co-quan/snv.md", "co-quan/snv/"),
    ("tai-ve/p/t.csv", "tai-ve/p/t.csv"),
])
def test_served_url(uri, url):
    assert served_url(uri) == url


@pytest.mark.parametrize(("page", "target", "link"), [
    ("co-quan/snv.md", "giam-sat/gs.md#k01", "../../giam-sat/gs/#k01"),
    ("index.md", "du-lieu/index.md", "du-lieu/"),
    ("du-lieu/index.md", "du-lieu/nguon.md", "nguon/"),
    ("chi-so/par.md", "assets/charts/x.svg", "../../assets/charts/x.svg"),
    ("giam-sat/a.md", "giam-sat/index.md", "../../giam-sat/"),
    ("index.md", "index.md", "./"),
    ("index.md", "tai-ve/p/t.csv", "tai-ve/p/t.csv"),
])
def test_relative_link(page, target, link):
    assert relative_link(page, target) == link
