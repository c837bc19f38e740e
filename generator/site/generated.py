"""The generated page and file types the plugin hands to MkDocs."""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.site import direct_html


class GeneratedPage(Page):
    """A generated page: its HTML comes straight from the page builders (see direct_html)."""

    def render(self, config, files) -> None:
        done = direct_html.render(self.markdown or "")
        if done is None:  # not of the generated shape: Python-Markdown, as for any page
            super().render(config, files)
            return
        self.content = done.content
        self.toc = get_toc(done.toc_tokens)
        self._title_from_render = done.title
        self.present_anchor_ids = done.anchor_ids
        self.links_to_anchors = {}


class GeneratedFile(File):
    """A page made from the data: modified (for dirty rebuilds) only when its text changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed
