"""Output formats for CI and editors: sarif, github, junit, gitlab, json-lines.

Each format is checked on the real sample article (built-in rules) and on a
directory of several files (the ZY test plugin, exact violations), by parsing
the output and comparing positions with ``--format json``, the contract.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from cihelp import SAMPLE, SARIF_SCHEMA, json_violations, lintnews, make_project

NEW_FORMATS = ("sarif", "github", "junit", "gitlab", "json-lines")

ARTICLE_A = (
    "Council agrees the budget\n"
    "\n"
    "An ERRWORD and a WARNWORD and an INFOWORD in one paragraph.\n"
    "\n"
    "The TRICKY one, with a message that needs escaping.\n"
)
ARTICLE_B = "# Harbour festival\n\nWARNWORD here, and WARNWORD again.\n"
ARTICLE_C = "<html><body><h1>Library reopens</h1><p>All calm and INFOWORD.</p></body></html>\n"
CLEAN = "Quiet day\n\nNothing to report in this one.\n"

FILES = {
    "a.txt": ARTICLE_A,
    "news/b.md": ARTICLE_B,
    "news/odd, name: c.html": ARTICLE_C,
    "news/clean.txt": CLEAN,
}
TRICKY_MESSAGE = "100% odd: a, b <c> & 'd' \"e\"\nsecond line\r\nthird"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, FILES)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    if not SAMPLE.is_file():
        pytest.skip("../shared is not present")
    target = tmp_path / "scraped-article.txt"
    shutil.copyfile(SAMPLE, target)
    return tmp_path


def run(fmt: str, *args: str, cwd: Path) -> str:
    proc = lintnews("check", "--format", fmt, *args, cwd=cwd)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    return proc.stdout


def positions(violations: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (v["path"], v["line"], v["column"], v["end_line"], v["end_column"], v["code"])
        for v in violations
    )


# -- the formats are plugins ---------------------------------------------------------


def test_unknown_format_lists_the_new_formats(project: Path) -> None:
    proc = lintnews("check", "--format", "nope", ".", cwd=project)
    assert proc.returncode == 2
    for fmt in NEW_FORMATS:
        assert fmt in proc.stderr


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_every_format_on_the_sample_article(sample: Path, fmt: str) -> None:
    out = run(fmt, "scraped-article.txt", cwd=sample)
    expected = json_violations("scraped-article.txt", cwd=sample)
    assert expected, "the sample article has violations"
    assert len(parse(fmt, out)) == len(expected)
    assert same_positions(fmt, parse(fmt, out), expected)


@pytest.mark.parametrize("fmt", NEW_FORMATS)
def test_every_format_on_a_directory(project: Path, fmt: str) -> None:
    out = run(fmt, ".", cwd=project)
    expected = json_violations(".", cwd=project)
    assert {v["path"] for v in expected} == {"a.txt", "news/b.md", "news/odd, name: c.html"}
    assert same_positions(fmt, parse(fmt, out), expected)


def same_positions(fmt: str, found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> bool:
    """GitLab reports lines only; every other format the full 1-based span."""
    if fmt == "gitlab":
        return gitlab_positions(found) == gitlab_positions(expected)
    return positions(found) == positions(expected)


def parse(fmt: str, out: str) -> list[dict[str, Any]]:
    """Violations back from a format's output, in the json contract's keys."""
    return {
        "sarif": parse_sarif,
        "github": parse_github,
        "junit": parse_junit,
        "gitlab": parse_gitlab,
        "json-lines": parse_jsonlines,
    }[fmt](out)


# -- sarif -----------------------------------------------------------------------------


def parse_sarif(out: str) -> list[dict[str, Any]]:
    run_ = json.loads(out)["runs"][0]
    found = []
    for r in run_["results"]:
        loc = r["locations"][0]["physicalLocation"]
        region = loc["region"]
        found.append(
            {
                "path": unquote(loc["artifactLocation"]["uri"]),
                "line": region["startLine"],
                "column": region["startColumn"],
                "end_line": region["endLine"],
                "end_column": region["endColumn"],
                "code": r["ruleId"],
                "message": r["message"]["text"],
                "level": r["level"],
            }
        )
    return found


def validate_sarif(out: str) -> dict[str, Any]:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared is not present")
    doc = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
    return doc


def test_sarif_sample_validates_against_the_schema(sample: Path) -> None:
    doc = validate_sarif(run("sarif", "scraped-article.txt", cwd=sample))
    assert doc["version"] == "2.1.0"
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "lintnews" and driver["version"] and driver["informationUri"]
    ids = [rule["id"] for rule in driver["rules"]]
    for result in run_["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["help"]["text"]
    # Every rule that ran is described, not only the ones that fired.
    assert len(ids) > len({r["ruleId"] for r in run_["results"]})


def test_sarif_directory_validates_and_maps_levels(project: Path) -> None:
    doc = validate_sarif(run("sarif", ".", cwd=project))
    run_ = doc["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels == {"ZY001": "error", "ZY002": "warning", "ZY003": "note", "ZY004": "warning"}
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert rules["ZY003"]["defaultConfiguration"]["level"] == "note"
    assert rules["ZY001"]["name"] == "error-word"
    assert "%SRCROOT%" in run_["originalUriBaseIds"]
    for result in run_["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "./", "file:"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    }
    assert "news/odd%2C%20name%3A%20c.html" in uris
    tricky = [r for r in run_["results"] if r["ruleId"] == "ZY004"]
    assert tricky[0]["message"]["text"] == TRICKY_MESSAGE
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_reports_plugin_errors_as_notifications(project: Path) -> None:
    (project / "boom.txt").write_text("Boom\n\nCRASHWORD here.\n", encoding="utf-8")
    proc = lintnews("check", "--format", "sarif", ".", cwd=project)
    assert proc.returncode == 2
    doc = validate_sarif(proc.stdout)
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "crashed on purpose" in note["message"]["text"]


def sarif_prints(project: Path) -> dict[tuple[str, int], str]:
    doc = json.loads(run("sarif", ".", cwd=project))
    out = {}
    for r in doc["runs"][0]["results"]:
        region = r["locations"][0]["physicalLocation"]["region"]
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        out[(uri, r["ruleId"], region["startLine"], region["startColumn"])] = r[
            "partialFingerprints"
        ]["lintnewsContent/v1"]
    return out


def test_sarif_fingerprints_survive_unrelated_edits(project: Path) -> None:
    before = sarif_prints(project)
    assert len(set(before.values())) == len(before), "fingerprints are unique"
    # The two identical WARNWORDs in b.md differ only by occurrence.
    b_prints = sorted(fp for (uri, *_), fp in before.items() if uri == "news/b.md")
    assert b_prints[0].split(":")[0] == b_prints[1].split(":")[0]
    # Insert a clean paragraph near the top of a.txt: every line below moves.
    a = project / "a.txt"
    lines = ARTICLE_A.split("\n")
    a.write_text("\n".join([lines[0], "", "A new and quiet paragraph.", *lines[1:]]))
    after = sarif_prints(project)
    assert set(after.values()) == set(before.values())
    moved = {k for k in after if k[0] == "a.txt"}
    assert {k[2] for k in moved} == {5, 7}, "the lines did change"
    assert sarif_prints(project) == after, "stable from run to run"


# -- github ----------------------------------------------------------------------------

_GITHUB = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: chr(int(m.group(1), 16)), text)


def parse_github(out: str) -> list[dict[str, Any]]:
    found = []
    for line in out.splitlines():
        m = _GITHUB.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(part.split("=", 1) for part in m.group(2).split(","))
        props = {k: _unescape(v) for k, v in props.items()}
        code, name = props["title"].split(" ", 1)
        found.append(
            {
                "path": props["file"],
                "line": int(props["line"]),
                "column": int(props["col"]),
                "end_line": int(props["endLine"]),
                "end_column": int(props["endColumn"]),
                "code": code,
                "name": name,
                "message": _unescape(m.group(3)),
                "command": m.group(1),
            }
        )
    return found


def test_github_round_trips_messages_and_severities(project: Path) -> None:
    out = run("github", ".", cwd=project)
    # One command per line: the newlines in the message were escaped.
    found = parse_github(out)
    expected = json_violations(".", cwd=project)
    by_pos = {(v["path"], v["line"], v["column"]): v for v in expected}
    for item in found:
        ref = by_pos[(item["path"], item["line"], item["column"])]
        assert item["message"] == ref["message"]
        assert item["name"] == ref["name"]
        assert (
            item["command"]
            == {"error": "error", "warning": "warning", "info": "notice"}[ref["severity"]]
        )
    assert "file=news/odd%2C name%3A c.html," in out
    assert "::100%25 odd: a, b <c> & 'd' \"e\"%0Asecond line%0D%0Athird" in out


def test_github_reports_errors_as_error_commands(project: Path) -> None:
    (project / "boom.txt").write_text("Boom\n\nCRASHWORD here.\n", encoding="utf-8")
    proc = lintnews("check", "--format", "github", "boom.txt", cwd=project)
    assert proc.returncode == 2
    assert proc.stdout.startswith("::error file=boom.txt,title=lintnews::")
    assert "crashed on purpose" in proc.stdout


# -- junit -----------------------------------------------------------------------------

_JUNIT_TEXT = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d{3}) .*"
    r"span ends at line (?P<end_line>\d+), column (?P<end_col>\d+)$",
    re.S,
)


def parse_junit(out: str) -> list[dict[str, Any]]:
    root = ET.fromstring(out)
    found = []
    for case in root.iter("testcase"):
        for failure in case.findall("failure"):
            m = _JUNIT_TEXT.match(failure.text or "")
            assert m, failure.text
            assert m["path"] == case.get("name")
            assert m["code"] == failure.get("type")
            found.append(
                {
                    "path": m["path"],
                    "line": int(m["line"]),
                    "column": int(m["col"]),
                    "end_line": int(m["end_line"]),
                    "end_column": int(m["end_col"]),
                    "code": failure.get("type"),
                    "message": failure.get("message"),
                }
            )
    return found


def test_junit_is_valid_xml_with_counts(project: Path) -> None:
    out = run("junit", ".", cwd=project)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    # A test case per file, clean files included (they pass).
    assert set(cases) == set(FILES)
    assert cases["news/clean.txt"].find("failure") is None
    assert len(cases["news/b.md"].findall("failure")) == 2
    failures = sum(len(c.findall("failure")) for c in cases.values())
    for element in (root, suite):
        assert element.get("tests") == "4"
        assert element.get("failures") == str(failures) == "7"
        assert element.get("errors") == "0"
    # Attributes come back exactly, special characters included.
    messages = {f.get("message") for f in root.iter("failure")}
    assert TRICKY_MESSAGE in messages


def test_junit_reports_file_errors(project: Path) -> None:
    (project / "boom.txt").write_text("Boom\n\nCRASHWORD here.\n", encoding="utf-8")
    proc = lintnews("check", "--format", "junit", ".", cwd=project)
    assert proc.returncode == 2
    root = ET.fromstring(proc.stdout)
    [error] = [c.find("error") for c in root.iter("testcase") if c.get("name") == "boom.txt"]
    assert error is not None and "crashed on purpose" in error.get("message", "")
    assert root.get("errors") == "1"


# -- gitlab ----------------------------------------------------------------------------


def parse_gitlab(out: str) -> list[dict[str, Any]]:
    issues = json.loads(out)
    assert isinstance(issues, list)
    found = []
    for issue in issues:
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            assert key in issue, key
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        found.append(
            {
                "path": issue["location"]["path"],
                "line": issue["location"]["lines"]["begin"],
                "end_line": issue["location"]["lines"]["end"],
                "code": issue["check_name"],
                "severity": issue["severity"],
                "fingerprint": issue["fingerprint"],
            }
        )
    return found


def gitlab_positions(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((v["path"], v["line"], v["end_line"], v["code"]) for v in items)


def test_gitlab_report(project: Path) -> None:
    issues = parse_gitlab(run("gitlab", ".", cwd=project))
    expected = json_violations(".", cwd=project)
    assert gitlab_positions(issues) == gitlab_positions(expected)
    severities = {i["code"]: i["severity"] for i in issues}
    assert severities == {"ZY001": "major", "ZY002": "minor", "ZY003": "info", "ZY004": "minor"}
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints), "GitLab needs one fingerprint per issue"


def test_gitlab_fingerprints_ignore_line_numbers(project: Path) -> None:
    before = {i["fingerprint"] for i in parse_gitlab(run("gitlab", ".", cwd=project))}
    a = project / "a.txt"
    a.write_text(
        "Council agrees the budget\n\nA new quiet paragraph.\n\n" + ARTICLE_A.split("\n", 2)[2]
    )
    after_issues = parse_gitlab(run("gitlab", ".", cwd=project))
    assert {i["fingerprint"] for i in after_issues} == before
    assert {i["line"] for i in after_issues if i["path"] == "a.txt"} == {5, 7}
    # Short spans are identified with their line: editing that line makes
    # its three findings new, and leaves every other finding alone.
    a.write_text(a.read_text().replace("in one paragraph", "in a paragraph"))
    changed = parse_gitlab(run("gitlab", ".", cwd=project))
    new = {i["code"] for i in changed if i["fingerprint"] not in before}
    assert new == {"ZY001", "ZY002", "ZY003"}
    assert len({i["fingerprint"] for i in changed} & before) == len(before) - 3


# -- json-lines --------------------------------------------------------------------------


def parse_jsonlines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_lines_are_the_json_contract(project: Path) -> None:
    out = run("json-lines", ".", cwd=project)
    assert out.endswith("\n") and "\n\n" not in out
    assert parse_jsonlines(out) == json_violations(".", cwd=project)


def test_json_lines_on_the_sample(sample: Path) -> None:
    out = run("json-lines", "scraped-article.txt", cwd=sample)
    assert parse_jsonlines(out) == json_violations("scraped-article.txt", cwd=sample)


def test_output_file_option_works_for_new_formats(project: Path) -> None:
    proc = lintnews("check", "--format", "sarif", "-o", "out.sarif", ".", cwd=project)
    assert proc.returncode == 1 and proc.stdout == ""
    validate_sarif((project / "out.sarif").read_text(encoding="utf-8"))
