"""The strict loader keeps text as text and remembers positions."""

import pytest

from generator.data.loading import LoadError, load


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


def test_utf16_with_a_byte_order_mark_is_reported_at_the_start(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_bytes("\n\na: b\n".encode("utf-16"))
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.diagnostic.text() == f"{path}:1:1: file is UTF-16; save it as UTF-8"


def test_utf16_without_a_byte_order_mark_is_still_called_utf16(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_bytes("id: ca\nname: Canada\n".encode("utf-16-le"))
    with pytest.raises(LoadError) as err:
        load(path)
    assert err.value.diagnostic.message == "file is UTF-16; save it as UTF-8"


def test_nul_byte_is_reported_where_it_is(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_bytes(b"".join(b"k%d: v\n" % i for i in range(8)) + "title: é\x00x\n".encode())
    with pytest.raises(LoadError) as err:
        load(path)
    d = err.value.diagnostic
    assert (d.line, d.column) == (9, 9)  # columns count characters: é is one
    assert d.message.startswith("contains a NUL byte; the file may be binary or corrupted")


@pytest.mark.parametrize(
    "text, line, column, label",
    [
        ("a: b\n# note \u202e reversed\n", 2, 8, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("a: x\u2066y\n", 1, 5, "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("a: b\nc: d\u2029e\n", 2, 5, "U+2029 (PARAGRAPH SEPARATOR)"),
        ("a: b\nc: d\x85e\n", 2, 5, "U+0085"),
        ("a: b\rc: d\n", 1, 5, "U+000D"),
        ("a: b\nc: \x07\n", 2, 4, "U+0007"),
    ],
)
def test_invisible_characters_in_the_file_are_reported_where_they_are(tmp_path, text, line, column, label):
    # YAML would otherwise stop at 1:1 with a two-line message naming "<unicode string>",
    # or count U+2028/U+2029/NEL as line breaks and report every later line wrongly
    with pytest.raises(LoadError) as err:
        load(write(tmp_path, text))
    d = err.value.diagnostic
    assert (d.line, d.column, d.message) == (line, column, f"contains the invisible control character {label}; delete it")


def test_windows_line_ends_are_fine(tmp_path):
    path = tmp_path / "xx.yml"
    path.write_bytes(b"a: b\r\nc: d\r\n")
    assert load(path).data == {"a": "b", "c": "d"}


def test_a_character_yaml_refuses_is_reported_on_one_line_where_it_is(tmp_path):
    with pytest.raises(LoadError) as err:
        load(write(tmp_path, "a: b\nc: x\ufffe\n"))
    d = err.value.diagnostic
    assert (d.line, d.column) == (2, 5)
    assert d.message == "contains the character U+FFFE, which YAML does not allow; delete it"


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "top:\n  ? {a: 1}\n  : 1\n"])
def test_a_list_or_mapping_as_key_is_explained_without_python_reprs(tmp_path, text):
    with pytest.raises(LoadError) as err:
        load(write(tmp_path, text))
    d = err.value.diagnostic
    assert d.message == "keys must be plain words, not a list or mapping; write key: value"
    assert "Node" not in d.text() and "merge" not in d.text()


def test_merge_key_keeps_its_own_message(tmp_path):
    with pytest.raises(LoadError) as err:
        load(write(tmp_path, "a: 1\n<<: {b: 2}\n"))
    assert err.value.diagnostic.message.startswith("keys must be plain words; merge keys (<<) are not allowed")
