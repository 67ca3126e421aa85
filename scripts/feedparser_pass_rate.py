#!/usr/bin/env python3
"""How many of feedparser's own assertions omvarld's feed parser meets.

A measurement, not a test: it walks feedparser's test files (each carries a
`Description:` and an `Expect:` line, a Python expression over feedparser's
result), keeps the expressions that concern the fields omvarld stores for an
entry (title, link, id, summary, content, published/updated dates,
categories), evaluates them over what omvarld parsed (bench/omvarld_feed_dump)
and prints the pass rate and the failures by class.

    scripts/feedparser_pass_rate.py --dump build-bench/bench/omvarld_feed_dump \
        --tests DIR/tests [--show-failures N] [--class CLASS]

DIR is a checkout of kurtmckee/feedparser (here: `git --git-dir=.../repo
archive HEAD tests | tar -x -C DIR`).

How feedparser's keys map onto omvarld's item (docs/readers.md says why):
  title, title_detail.value            -> title (plain text)
  summary, description, *_detail.value -> summary (plain text)
  content[0].value                     -> content (as published)
  link; id, guid                       -> link; guid
  published_parsed, issued_parsed      -> published (Unix seconds, as gmtime)
  updated_parsed, modified_parsed, date_parsed -> updated, else published
                                          (feedparser's own fallback)
  published, updated, ... (strings)    -> the date as written
  tags[i].term, category               -> categories
Any other key (feed-level fields, links[], *_detail.type/base/language,
authors, enclosures, ...) makes the expression not applicable. `bozo` (did
the strict XML parser complain) is not a stored field: "not bozo and X" and
"bozo and X" are read as X. Strings are compared with white space collapsed;
omvarld keeps plain text where feedparser keeps sanitized HTML, so an
expected value also matches when its text (tags dropped, script and style
with their content, entities decoded) equals omvarld's text. An assertion
whose expected text is empty (most of feedparser's sanitizer tests: what
must not survive is markup, and omvarld keeps no markup in those fields) is
counted apart as trivial; the headline figure is over the others.
"""

import argparse
import collections
import datetime
import html
import html.parser
import json
import os
import posixpath
import re
import subprocess
import sys
import time
import urllib.parse

DESC_RE = re.compile(r"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
HEADERS_RE = re.compile(r"^Header:\s+([^:]+):(.*)$", re.MULTILINE)


class NotApplicable(Exception):
    pass


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4"):
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(s):
    p = _Text()
    try:
        p.feed(s)
        p.close()
    except Exception:
        return s
    return "".join(p.out)


def norm(s):
    return " ".join(str.__str__(s).split())


class Stats:
    """What the expression being evaluated compared."""

    def __init__(self):
        self.fields = set()
        self.expected_texts = []


STATS = Stats()


class Field(str):
    """A stored text field; equality is lenient as the module doc says."""

    def __new__(cls, value, name, markup=False):
        s = super().__new__(cls, value)
        s.name, s.markup = name, markup
        return s

    def _matches(self, other):
        if not isinstance(other, str):
            return False
        mine = norm(self)
        STATS.expected_texts.append(norm(html_text(other)))
        if mine == norm(other) or mine == norm(html_text(other)):
            return True
        if self.markup and norm(html_text(str(self))) == norm(html_text(other)):
            return True
        return False

    def __eq__(self, other):
        return self._matches(other)

    def __ne__(self, other):
        return not self._matches(other)

    __hash__ = str.__hash__


class Strict(dict):
    """A dict whose unknown keys make the expression not applicable."""

    def __init__(self, known, label):
        super().__init__(known)
        self._where = label

    def __getitem__(self, key):
        if key in self:
            STATS.fields.add(key)
            return dict.__getitem__(self, key)
        raise NotApplicable(f"{self._where}[{key!r}]")

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)


class Entry:
    KNOWN = {
        "title", "title_detail", "summary", "description", "summary_detail",
        "description_detail", "content", "link", "id", "guid", "published_parsed",
        "issued_parsed", "updated_parsed", "modified_parsed", "date_parsed", "published",
        "issued", "updated", "modified", "date", "tags", "category",
    }

    def __init__(self, e):
        self.e = e

    def _value(self, key):
        e = self.e
        if key in ("title", "title_detail"):
            v = Field(e["title"], "title")  # always there; maybe empty
            return Strict({"value": v}, "title_detail") if key.endswith("detail") else v
        if key in ("summary", "description", "summary_detail", "description_detail"):
            # Always there (a column of the item), maybe empty when its text is.
            v = Field(e["summary"], "summary")
            return Strict({"value": v}, "summary_detail") if key.endswith("detail") else v
        if key == "content":
            if not e["content"]:
                raise KeyError(key)
            return [Strict({"value": Field(e["content"], "content", markup=True)}, "content")]
        if key == "link":
            return Field(e["link"], "link")
        if key in ("id", "guid"):
            return Field(e["id"], "id")
        if key in ("published_parsed", "issued_parsed"):
            if e["published"] is None:
                raise KeyError(key)
            return time.gmtime(e["published"])
        if key in ("updated_parsed", "modified_parsed", "date_parsed"):
            v = e["updated"] if e["updated"] is not None else e["published"]
            if v is None:
                raise KeyError(key)
            return time.gmtime(v)
        if key in ("published", "issued", "updated", "modified", "date"):
            if not e["date_text"]:
                raise KeyError(key)
            return Field(e["date_text"], "date")
        if key == "tags":
            return [Strict({"term": Field(c, "category")}, "tag") for c in e["categories"]]
        if key == "category":
            if not e["categories"]:
                raise KeyError(key)
            return Field(e["categories"][0], "category")
        raise NotApplicable(f"entries[i][{key!r}]")

    def __getitem__(self, key):
        if key not in self.KNOWN:
            raise NotApplicable(f"entries[i][{key!r}]")
        STATS.fields.add(key)
        return self._value(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            v = self[key]
        except KeyError:
            return False
        return bool(v)

    def has_key(self, key):
        return key in self

    def __getattr__(self, key):
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)

    def keys(self):
        return [k for k in self.KNOWN if k in self]


class Env(dict):
    def __init__(self, result):
        super().__init__()
        self.result = result

    def __getitem__(self, name):
        if name in ("entries", "items"):
            if not self.result.get("ok"):
                raise KeyError(name)
            STATS.fields.add("entries")
            return [Entry(e) for e in self.result["entries"]]
        if name in ("feed", "channel", "bozo", "bozo_exception", "encoding", "version",
                    "headers", "namespaces", "href", "status", "etag", "modified", "updated",
                    "updated_parsed", "modified_parsed"):
            raise NotApplicable(name)
        raise KeyError(name)  # a builtin (len, ...) or a global (datetime)


def strip_bozo(expr):
    expr = re.sub(r"^\s*(not\s+)?bozo\s+and\s+", "", expr)
    expr = re.sub(r"\s+and\s+(not\s+)?bozo\s*$", "", expr)
    return expr


def read_text(data):
    """The file as feedparser's test helpers read it (BOM-aware)."""
    for bom, enc in (
        (b"\x00\x00\xfe\xff", "utf-32be"), (b"\xff\xfe\x00\x00", "utf-32le"),
        (b"\x00\x00\x00\x3c", "utf-32be"), (b"\x3c\x00\x00\x00", "utf-32le"),
        (b"\x00\x3c\x00\x3f", "utf-16be"), (b"\x3c\x00\x3f\x00", "utf-16le"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="ignore")
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16be", errors="ignore")
    if data[:2] == b"\xff\xfe":
        return data[2:].decode("utf-16le", errors="ignore")
    return data.decode("utf-8", errors="ignore")


def collect(tests_dir):
    cases = []
    root = os.path.dirname(os.path.abspath(tests_dir))
    for sub in ("wellformed", "illformed", "encoding", "entities"):
        for dirpath, _, files in os.walk(os.path.join(tests_dir, sub)):
            for f in sorted(files):
                if not f.endswith(".xml"):
                    continue
                path = os.path.join(dirpath, f)
                with open(path, "rb") as fp:
                    text = read_text(fp.read())
                m = DESC_RE.search(text)
                if not m:
                    continue
                rel = os.path.relpath(path, root)
                content_type, uri = "", ""
                if "http" in rel:
                    headers = {k: v.strip() for k, v in HEADERS_RE.findall(text)}
                    content_type = headers.pop("Content-type", "text/xml")
                    uri = "http://127.0.0.1:8097/" + posixpath.normpath(rel)
                    if "Content-Location" in headers:
                        uri = urllib.parse.urljoin(uri, headers["Content-Location"])
                cases.append((path, rel, content_type, uri, m.group(2).strip()))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", required=True, help="path to omvarld_feed_dump")
    ap.add_argument("--tests", required=True, help="feedparser's tests/ folder")
    ap.add_argument("--show-failures", type=int, default=20)
    ap.add_argument("--class", dest="only_class", default="")
    args = ap.parse_args()

    cases = collect(args.tests)
    lines = "".join(f"{c[0]}\t{c[2]}\t{c[3]}\n" for c in cases)
    out = subprocess.run([args.dump], input=lines.encode(), capture_output=True, check=True)
    results = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert len(results) == len(cases), (len(results), len(cases))

    counts = collections.Counter()
    failures = collections.defaultdict(list)
    for (path, rel, ct, uri, expr), res in zip(cases, results):
        STATS.fields, STATS.expected_texts = set(), []
        try:
            ok = bool(eval(strip_bozo(expr), {"datetime": datetime}, Env(res)))
        except NotApplicable:
            counts["not applicable"] += 1
            continue
        except Exception as exc:  # the field is missing, no entries, ...
            ok = False
            if not STATS.fields:
                counts["not applicable"] += 1
                continue
        if not STATS.fields:
            counts["not applicable"] += 1
            continue
        trivial = bool(STATS.expected_texts) and all(not t for t in STATS.expected_texts)
        kind = "trivial" if trivial else "substantive"
        counts[kind + (" met" if ok else " failed")] += 1
        if not ok:
            fields = sorted(STATS.fields - {"entries"}) or ["entries"]
            cls = rel.split(os.sep)[1] + ":" + "/".join(fields)
            failures[cls].append((rel, expr, res))

    sub_met, sub_failed = counts["substantive met"], counts["substantive failed"]
    triv_met, triv_failed = counts["trivial met"], counts["trivial failed"]
    total = sub_met + sub_failed
    print(f"feedparser test files with an Expect line: {len(cases)}")
    print(f"not applicable (no stored field, or a field omvarld does not keep): "
          f"{counts['not applicable']}")
    print(f"substantive assertions met: {sub_met} of {total} = "
          f"{100.0 * sub_met / max(total, 1):.1f}%")
    print(f"trivial assertions (expected text empty) met: {triv_met} of {triv_met + triv_failed}")
    all_total = total + triv_met + triv_failed
    print(f"all applicable assertions met: {sub_met + triv_met} of {all_total} = "
          f"{100.0 * (sub_met + triv_met) / max(all_total, 1):.1f}%")
    refused = [r for r in results if not r.get("ok")]
    print(f"files refused: {len(refused)}")
    print("\nfailures by class:")
    for cls, items in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(items):4d}  {cls}")
    shown = 0
    for cls, items in sorted(failures.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if args.only_class and cls != args.only_class:
            continue
        for rel, expr, res in items:
            if shown >= args.show_failures:
                break
            shown += 1
            got = res.get("entries", res.get("error"))
            if isinstance(got, list):
                got = [{k: v for k, v in e.items() if v not in ("", None, [])} for e in got[:2]]
            print(f"\n[{cls}] {rel}\n  expect: {expr}\n  omvarld: {json.dumps(got)[:600]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
