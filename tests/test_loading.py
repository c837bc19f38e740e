"""The strict loader keeps text as text and remembers positions."""

import pytest

from generator.loading import LoadError, load


def write(tmp_path, text, name="xx.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml11_booleans_stay_text(tmp_path):
    doc = load(write(tmp_path, "a: NO\nb: yes\nc: on\nd: off\ne: true\nf: False\n"))
    assert doc.data == {"a": "NO", "b": "yes", "c": "on", "d": "off", "e": True, "f": False}


def test_dates_and_sexagesimal_numbers_are_not_converted(tmp_path):
    doc = load(write(tmp_path, "a: 2024-01-31\nb: 1:30\nc: 0o17\nd: 012\ne: 1_000\n"))
    assert doc.data == {"a": "2024-01-31", "b": "1:30", "c": "0o17", "d": 12, "e": "1_000"}


def test_quoted_numbers_stay_text_and_plain_numbers_are_numbers(tmp_path):
    doc = load(write(tmp_path, "a: '40'\nb: 40\nc: 0.5\nd: ~\ne:\n"))
    assert doc.data == {"a": "40", "b": 40, "c": 0.5, "d": None, "e": None}


def test_every_value_and_key_keeps_its_line_and_column(tmp_path):
    doc = load(write(tmp_path, "top:\n  list:\n    - x: 1\n      y: two\n"))
    assert doc.position(("top", "list", 0, "y")) == (4, 10)
    assert doc.position(("top", "list", 0, "y"), key=True) == (4, 7)
    assert doc.position(("top", "list", 0, "missing")) == (3, 7)


def test_billion_laughs_is_refused_before_expansion(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join('*' + prev for _ in range(9))}]")
    with pytest.raises(LoadError) as err:
        load(write(tmp_path, "\n".join(lines) + "\n"))
    assert err.value.diagnostic.line == 1
    assert "anchors" in err.value.diagnostic.message


def test_ampersand_in_text_is_not_mistaken_for_an_anchor(tmp_path):
    doc = load(write(tmp_path, "title: Research & Development * notes\n"))
    assert doc.data == {"title": "Research & Development * notes"}


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_bytes("\ufeffa: b\n".encode("utf-8"))
    assert load(path).data == {"a": "b"}
