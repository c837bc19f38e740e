"""Generated pages go straight to HTML: the same HTML, contents, title and anchors Python-Markdown would make,
and the search index made from their cut content is the one made from the whole page."""

from __future__ import annotations

from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.data.dataset import load_dataset
from generator.site import direct_html
from generator.site.context import make_context
from generator.site.generate import outputs
from generator.site.search_text import strip_excluded

from .conftest import DATA, FIXTURES, ROOT

FOLDERS = [DATA, FIXTURES / "valid", FIXTURES / "xss"]


@pytest.fixture(scope="module")
def config():
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    cfg.plugins._current_plugin = None  # File.generated records which plugin made a file
    return cfg


_RENDERED: dict[Path, list] = {}


def _pages(config, folder: Path) -> list:
    """Every generated page of a data folder, read and rendered by Python-Markdown as MkDocs would.

    Rendered once per folder for both tests below (the bundled data's pages take seconds);
    a test that changes a page puts it back."""
    if folder not in _RENDERED:
        made = outputs(make_context(load_dataset(folder), config, folder))
        pages = []
        for name, text in sorted(made.items()):
            if name.endswith(".md") and not name.startswith("_"):
                page = Page(None, File.generated(config, f"atlas/{name}", content=text), config)
                page.read_source(config)
                page.render(config, Files([]))
                pages.append((name, page))
        _RENDERED[folder] = pages
    return _RENDERED[folder]


def _toc(items) -> list:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_generated_page_renders_as_python_markdown_would(config, folder):
    count = 0
    for name, page in _pages(config, folder):
        fast = direct_html.render(page.markdown)
        assert fast is not None, f"{name} fell back to Python-Markdown"
        assert fast.content == page.content, name
        assert _toc(get_toc(fast.toc_tokens)) == _toc(page.toc), name
        assert fast.title == page._title_from_render, name
        assert page.present_anchor_ids <= fast.anchor_ids, name
        count += 1
    assert count >= 10


def test_markdown_of_another_shape_is_left_to_python_markdown():
    assert direct_html.render("# Title\n\nA paragraph of *Markdown*.\n") is None
    assert direct_html.render("# Title\n\n- a list\n") is None
    assert direct_html.render("# Title\n\n<div>\n## heading inside a block\n</div>\n") is None


def _entries(page) -> list[dict]:
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_the_search_index_of_the_cut_content_is_that_of_the_whole_page(config, folder):
    cut_something = False
    for name, page in _pages(config, folder):
        whole = _entries(page)
        full, page.content = page.content, strip_excluded(page.content)
        try:
            cut_something |= len(page.content) < len(full)
            assert _entries(page) == whole, name
        finally:
            page.content = full
    assert cut_something


def test_cutting_keeps_everything_outside_the_marked_elements():
    html = ('<p>a</p><div class="x" data-search-exclude><div><p>b</p></div><br></div>'
            '<p>c</p><ul data-search-exclude><li>d</li></ul>')
    assert strip_excluded(html) == "<p>a</p><p>c</p>"
    with pytest.raises(ValueError):
        strip_excluded("<div data-search-exclude><div></div>")
