"""scripts/yamlio.py: values are never silently reinterpreted, and hostile files are refused
with a YamlError naming the line, never with another exception or a crash."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.yamlio import LineDict, YamlError, load_yaml

ROOT = Path(__file__).resolve().parents[1]
REAL_FILES = sorted([*ROOT.glob("articles/*.yaml"), *ROOT.glob("reference/**/*.yaml")])


def load(tmp_path: Path, text: str):
    path = tmp_path / "input.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def refusal(tmp_path: Path, text: str) -> YamlError:
    with pytest.raises(YamlError) as info:
        load(tmp_path, text)
    return info.value


# --- 1. YAML 1.1 number and boolean forms are refused, not reinterpreted ------------------

YAML11_FORMS = [
    ("010", 'quantity: 010 is ambiguous (YAML 1.1 reads a leading zero as octal: 8); write 10, '
            'or quote it ("010") if it is text'),
    ("007", "quantity: 007 is ambiguous (YAML 1.1 reads a leading zero as octal: 7); write 7"),
    ("-010", "quantity: -010 is ambiguous (YAML 1.1 reads a leading zero as octal: -8); write -10"),
    ("09", "quantity: 09 is ambiguous (YAML 1.1 reads it as text, YAML 1.2 as 9); write 9"),
    ("0x10", "quantity: 0x10 is ambiguous (YAML 1.1 reads it as hexadecimal: 16); write 16"),
    ("0b101", "quantity: 0b101 is ambiguous (YAML 1.1 reads it as binary: 5); write 5"),
    ("0o10", "quantity: 0o10 is ambiguous (YAML 1.2 reads it as octal: 8); write 8"),
    ("1:30", "quantity: 1:30 is ambiguous (YAML 1.1 reads it as base 60: 90); write 90"),
    ("1_000", "quantity: 1_000 is ambiguous (YAML 1.1 reads it as the number without "
              "underscores: 1000); write 1000"),
    ("+12", "quantity: +12 is ambiguous (a + sign"),
    (".inf", 'quantity: .inf is not a finite number (YAML reads it as inf); quote it (".inf")'),
    ("-.Inf", "quantity: -.Inf is not a finite number"),
    (".NaN", "quantity: .NaN is not a finite number"),
    ("yes", 'quantity: yes is ambiguous (YAML 1.1 reads it as true); write true, or quote it '
            '("yes")'),
    ("No", "quantity: No is ambiguous (YAML 1.1 reads it as false); write false"),
    ("on", "quantity: on is ambiguous (YAML 1.1 reads it as true)"),
    ("OFF", "quantity: OFF is ambiguous (YAML 1.1 reads it as false)"),
    ("y", "quantity: y is ambiguous (YAML 1.1 reads it as true)"),
    ("n", "quantity: n is ambiguous (YAML 1.1 reads it as false)"),
    ("<<", "quantity: << is a merge key"),
]


@pytest.mark.parametrize("value, message", YAML11_FORMS, ids=[v for v, _ in YAML11_FORMS])
def test_yaml11_forms_are_refused_with_the_fix(tmp_path, value, message):
    error = refusal(tmp_path, f"id: x\nnote: fine\nquantity: {value}\n")
    assert str(error).startswith(message)
    assert error.line == 3


def test_yaml11_boolean_key_is_refused(tmp_path):
    # Norway's alpha-2 code as a key: YAML 1.1 would make it the key False.
    error = refusal(tmp_path, "VE: {}\nNO: {}\n")
    assert str(error).startswith('NO is ambiguous (YAML 1.1 reads it as false); write false, '
                                 'or quote it ("NO") if it is text')
    assert error.line == 2


@pytest.mark.parametrize("value, expected", [
    ("10", 10), ("-0", 0), ("0", 0), ("1.5", 1.5), (".5", 0.5), ("1e5", 100000.0),
    ("9007199254740992", 2 ** 53), ("true", True), ("FALSE", False), ("null", None), ("~", None),
    ("", None), ("2025-10-31", "2025-10-31"), ('"010"', "010"), ("'yes'", "yes"),
    ("!!str 0x10", "0x10"), ("Норвегия", "Норвегия"), ('"\\t\\n"', "\t\n"),
])
def test_yaml12_core_values_load(tmp_path, value, expected):
    loaded = load(tmp_path, f"quantity: {value}\n")["quantity"]
    assert loaded == expected and type(loaded) is type(expected)


@pytest.mark.parametrize("value, tag", [("!!int 010", "int"), ("!!bool yes", "bool"),
                                        ("!!float .inf", "float"), ("!!int x", "int")])
def test_explicit_yaml_tags_are_refused(tmp_path, value, tag):
    error = refusal(tmp_path, f"quantity: {value}\n")
    assert str(error) == f"could not determine a constructor for the tag 'tag:yaml.org,2002:{tag}'"
    assert error.line == 1


def test_an_anchor_alone_is_refused(tmp_path):
    error = refusal(tmp_path, "a: 1\nb: &name 2\n")
    assert str(error).startswith("anchors and aliases (&name / *name) are not allowed")
    assert error.line == 2


# --- 2. Integers the data cannot hold -----------------------------------------------------

TOO_LARGE = [
    ("99999999999999999999999", "quantity: 99999999999999999999999 is too large: whole numbers "
                                "must be within ±2**53 (9007199254740992)"),
    ("9007199254740993", "quantity: 9007199254740993 is too large"),
    ("-9007199254740993", "quantity: -9007199254740993 is too large"),
    ("9" * 5000, "quantity: " + "9" * 60 + "... is too large"),  # past int()'s digit limit
    ("1e999", 'quantity: 1e999 is too large for a number; quote it ("1e999")'),
]


@pytest.mark.parametrize("value, message", TOO_LARGE, ids=["23-digits", "2**53+1", "-(2**53+1)",
                                                           "5000-digits", "1e999"])
def test_numbers_too_large_for_the_data_are_refused(tmp_path, value, message):
    error = refusal(tmp_path, f"id: x\nquantity: {value}\n")
    assert str(error).startswith(message)
    assert error.line == 2


# --- 3. Resource limits -------------------------------------------------------------------

def nested(depth: int, style: str) -> str:
    if style == "flow":
        return "[" * depth + "]" * depth + "\n"
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "v\n"


@pytest.mark.parametrize("depth, style", [(65, "flow"), (65, "block"), (1000, "flow"),
                                          (1000, "block")])
def test_nesting_deeper_than_64_is_refused(tmp_path, depth, style):
    error = refusal(tmp_path, nested(depth, style))
    assert str(error) == "nesting deeper than 64 levels is not allowed in curation files"
    assert error.line == (1 if style == "flow" else 65)


def test_100000_levels_neither_crash_nor_recurse(tmp_path):
    # Run apart: before the fix this killed the interpreter (SIGSEGV) instead of failing.
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000, encoding="utf-8")
    code = ("import sys; from pathlib import Path\n"
            "from scripts.yamlio import YamlError, load_yaml\n"
            "try: load_yaml(Path(sys.argv[1]))\nexcept YamlError as e: print('YamlError', e)")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (
        0, "YamlError nesting deeper than 64 levels is not allowed in curation files"), done.stderr


def test_files_over_10_mb_are_refused_before_parsing(tmp_path, monkeypatch):
    import scripts.yamlio as yamlio
    monkeypatch.setattr(yamlio, "_Parser", None, raising=False)  # parsing would fail loudly
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024 - 3) + b"\n" + b"a: 1\n")
    with pytest.raises(YamlError) as info:
        load_yaml(path)
    assert str(info.value).startswith("file is 10,485,765 bytes, over the limit of 10,485,760 "
                                      "bytes (10 MB)")


def test_nesting_of_64_and_files_of_10_mb_still_load(tmp_path):
    value = load(tmp_path, nested(64, "flow"))
    for _ in range(63):
        (value,) = value
    assert value == []
    path = tmp_path / "ten.yaml"
    path.write_bytes(b"a: 1\n# " + b"x" * (10 * 1024 * 1024 - 8) + b"\n")
    assert load_yaml(path) == {"a": 1}


# --- 4. Control characters ----------------------------------------------------------------

CONTROL = [
    ('id: x\ntitle: "Мадуро\\0"\n', "title: text contains the control character U+0000", 2),
    ('id: x\ntitle: "a\\x01b"\n', "title: text contains the control character U+0001", 2),
    ('id: x\ntitle: "a\\u001bb"\n', "title: text contains the control character U+001B", 2),
    ('id: x\ntitle: "a\\rb"\n', "title: text contains the control character U+000D", 2),
    ('id: x\ntitle: "a\\x7fb"\n', "title: text contains the control character U+007F", 2),
    ('id: x\nnames:\n  - ok\n  - "a\\0"\n', "text contains the control character U+0000", 4),
    ('id: x\n"a\\0b": 1\n', "text contains the control character U+0000", 2),
    ("id: x\ntitle: a\x00b\n", "unacceptable character U+0000", 2),
    ("id: x\nnote: Мадуро\ntitle: |\n  a\x1bb\n", "unacceptable character U+001B", 4),
]


@pytest.mark.parametrize("text, message, line", CONTROL, ids=[
    "escaped-NUL", "escaped-x01", "escaped-ESC", "escaped-CR", "escaped-DEL", "in-list-item",
    "in-key", "raw-NUL", "raw-ESC-after-Cyrillic"])
def test_control_characters_are_refused_with_the_line(tmp_path, text, message, line):
    error = refusal(tmp_path, text)
    assert str(error).startswith(message)
    assert error.line == line


# --- Real inputs and random input ---------------------------------------------------------

def test_real_curation_files_are_found():
    assert len(REAL_FILES) >= 3, "articles/ or reference/ moved: point REAL_FILES at them"


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_real_curation_files_still_load(path):
    document = load_yaml(path)
    assert isinstance(document, LineDict) and document.file == path and document.line >= 1
    assert all(document.line_of(key) >= document.line for key in document)


def check_values(value) -> None:
    """No value the fixes refuse got through (walked without recursion)."""
    todo = [value]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            assert isinstance(value, LineDict) and value.line
            todo.extend(value.values())
            todo.extend(value)
        elif isinstance(value, list):
            todo.extend(value)
        elif isinstance(value, float):
            assert math.isfinite(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            assert abs(value) <= 2 ** 53
        elif isinstance(value, str):
            assert not any(ord(c) < 32 and c not in "\t\n" or c == "\x7f" for c in value)
        else:
            assert value is None or isinstance(value, bool)


TOKENS = ["a", "b", "id", ":", ": ", " ", "  ", "\n", "\n  ", "- ", "[", "]", "{", "}", ", ", "'",
          '"', "\\0", "\\x01", "\\e", "#", "&x ", "*x", "!!int ", "!!bool ", "!!float ", "!!str ",
          "!!set ", "!foo ", "? ", "|\n  ", ">\n  ", "---\n", "...\n", "~", "010", "0x1F", "1:30",
          "1_0", "+1", ".inf", "1e999", "yes", "no", "y", "true", "null", "2025-10-31",
          "99999999999999999999", "<<", "\t", "\x00", "\x1b", "é", "0o7", "12", "1.5",
          "%YAML 1.1\n"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(TOKENS), max_size=14).map("".join))
def test_random_yamlish_text_loads_or_raises_yaml_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("random") / "input.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        value = load_yaml(path)
    except YamlError as error:
        assert error.line is None or error.line >= 1
        return
    check_values(value)
