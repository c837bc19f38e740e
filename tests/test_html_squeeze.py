"""The page squeeze removes indentation but never touches preformatted text or scripts."""

from generator.site.html_squeeze import squeeze


def test_indentation_and_blank_lines_between_tags_are_removed():
    assert squeeze("<div>\n    <p>a\n      b</p>\n\n  </div>") == "<div>\n<p>a\nb</p>\n</div>"


def test_preformatted_text_and_scripts_are_kept_exactly():
    html = '<pre class="x">@misc{k,\n  author = {A}\n}</pre>\n   <script>\n  var a = "  x";\n</script>\n <textarea>\n  t</textarea>'
    out = squeeze(html)
    assert '<pre class="x">@misc{k,\n  author = {A}\n}</pre>' in out
    assert '<script>\n  var a = "  x";\n</script>' in out
    assert "<textarea>\n  t</textarea>" in out
