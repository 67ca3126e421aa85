#!/usr/bin/env python3
"""Builds omvarld's offline sample of EU consultations from the real recorded
Have your say data in ../shared/fixtures/feeds/eu (see SOURCES.md here).

Run from the repository root:  python3 feeds/sample/make_consultations.py
It keeps the consultations that opened in 2024 or later, with their id, title,
topics and consultation period exactly as recorded (dates rewritten from
"24 July 2025" to ISO 8601), in the project's own CSV format. `omvarld demo`
serves them as Have your say API pages to the real feed collector.
"""
import csv
import json
import os
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "..", "shared", "fixtures", "feeds", "eu", "hys_consultations_2016_2026_scraped.json")
OUT = os.path.join(ROOT, "feeds", "sample", "consultations.csv")


def iso(text):
    return datetime.strptime(text.strip(), "%d %B %Y").strftime("%Y-%m-%d") if text else ""


rows = []
for c in json.load(open(SRC, encoding="utf-8")):
    opens = iso(c.get("consultation_start_date") or "")
    if not opens or opens < "2024-01-01":
        continue
    topics = [t.strip() for t in (c.get("topic") or "").split(",") if t.strip()]
    rows.append([c["initiative_id"], c["initiative_name"], ";".join(topics), opens,
                 iso(c.get("consultation_end_date") or "")])
rows.sort(key=lambda r: (r[3], int(r[0])))
with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "title", "topics", "opens", "closes"])
    w.writerows(rows)
print(OUT, len(rows), "consultations")
