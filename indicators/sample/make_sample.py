#!/usr/bin/env python3
"""Builds omvarld's offline sample from the real recorded Eurostat data in
../shared/fixtures (see SOURCES.md beside this script for what comes from where).

Run from the repository root:  python3 indicators/sample/make_sample.py
The output (indicators/sample/eurostat/*.csv and catalogue.txt) is committed;
this script documents and repeats how it was made. It keeps only the
indicators of indicators/indicators.toml and the cities of indicators/peers.toml,
and copies values and flags as the source has them (no rounding, no filling).
"""
import csv
import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "..", "shared", "fixtures")
OUT = os.path.join(ROOT, "indicators", "sample", "eurostat")

with open(os.path.join(ROOT, "indicators", "indicators.toml"), "rb") as f:
    INDICATORS = tomllib.load(f)["indicator"]
with open(os.path.join(ROOT, "indicators", "peers.toml"), "rb") as f:
    PEERS = tomllib.load(f)
CITIES = []
for g in PEERS["groups"].values():
    for c in g["cities"]:
        if c not in CITIES:
            CITIES.append(c)
CODES = {ds: set() for ds in {i["dataset"] for i in INDICATORS}}
for i in INDICATORS:
    CODES[i["dataset"]].add(i["filter"]["indic_ur"])


def norm(name):
    return re.sub(r"\s*/\s*", "/", name).strip().lower()


# Eurostat's cities dictionary lists both code generations with names.
DIC = {}
for line in open(os.path.join(FIX, "cities", "eurostat_dic_cities.dic"), encoding="utf-8"):
    code, _, label = line.rstrip("\n").partition("\t")
    DIC[code] = label
NEW_NAME = {c: DIC[c] for c in CITIES}


def old_code_for(new, present):
    """Maps a new-style code (SE001C) to the old-style code (SE001C1/C2) with the
    same name in the same country, among the codes present in a file."""
    name = norm(NEW_NAME[new])
    for code, label in DIC.items():
        if code[:2] == new[:2] and re.fullmatch(r"[A-Z]{2}\d{3}C[12]", code) and norm(label) == name and code in present:
            return code
    return None


def write(ds, dims, rows, label, mapping_note=""):
    path = os.path.join(OUT, ds + ".csv")
    rows.sort()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# label: %s\n" % label)
        if mapping_note:
            f.write("# %s\n" % mapping_note)
        f.write(",".join(dims + ["time", "value", "flags"]) + "\n")
        for r in rows:
            f.write(",".join(r) + "\n")
    print("%s: %d observations" % (path, len(rows)))


def split_cell(cell):
    cell = cell.strip()
    if cell.startswith(":"):
        return "", cell[1:].strip()
    num, _, flags = cell.partition(" ")
    return num, flags.strip()


def bulk_tsv(path, ds, label, old_codes):
    lines = open(path, encoding="utf-8").read().splitlines()
    head = lines[0].split("\t")
    dims = head[0].split("\\")[0].split(",")
    periods = [p.strip() for p in head[1:]]
    geo_i = dims.index("cities")
    present = {l.split("\t")[0].split(",")[geo_i] for l in lines[1:]}
    code_map = {}
    for c in CITIES:
        src = old_code_for(c, present) if old_codes else (c if c in present else None)
        if src:
            code_map[src] = c
    rows = []
    for l in lines[1:]:
        cells = l.split("\t")
        key = cells[0].split(",")
        if key[dims.index("indic_ur")] not in CODES[ds] or key[geo_i] not in code_map:
            continue
        key[geo_i] = code_map[key[geo_i]]
        for p, cell in zip(periods, cells[1:]):
            v, fl = split_cell(cell)
            if v == "" and fl == "":
                continue
            rows.append(["A"] + key + [p, v, fl])
    note = ""
    if old_codes:
        note = "old city codes mapped by name: " + " ".join("%s=%s" % (o, n) for o, n in sorted(code_map.items()))
    write(ds, ["freq"] + dims, rows, label, note)


bulk_tsv(os.path.join(FIX, "cities", "eurostat_bulk_tsv_urb_percep_2004-2019.tsv"), "urb_percep",
         "Perception survey results", False)
bulk_tsv(os.path.join(FIX, "cities", "eurostat_bulk_tsv_urb_ctour_1990-2018.tsv"), "urb_ctour",
         "Culture and tourism - cities and greater cities", True)
bulk_tsv(os.path.join(FIX, "cities", "eurostat_bulk_tsv_urb_cecfi_1991-2017.tsv"), "urb_cecfi",
         "Economy and finance - cities and greater cities", True)

# urb_ctran: SDMX-CSV 2.0 with labels (new codes, flags in OBS_FLAG).
rows = []
with open(os.path.join(FIX, "cities", "eurostat_sdmx_csv20_labels_urb_ctran_TT1010V_TT1080V_2015-2024.csv"),
          encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["indic_ur"] in CODES["urb_ctran"] and r["cities"] in CITIES and (r["OBS_VALUE"] or r["OBS_FLAG"]):
            rows.append([r["freq"], r["indic_ur"], r["cities"], r["TIME_PERIOD"], r["OBS_VALUE"], r["OBS_FLAG"]])
write("urb_ctran", ["freq", "indic_ur", "cities"], rows, "Transport - cities and greater cities")

# urb_cenv: FAIRiCUBE's wide extract (new codes; that extract dropped flags).
rows = []
with open(os.path.join(FIX, "cities", "fairicube_eurostat_urb_cenv_13vars_wide_2004-2021.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["indic_code"] in CODES["urb_cenv"] and r["urau_code"] in CITIES:
            for year, v in r.items():
                if year.isdigit() and v != "":
                    rows.append(["A", r["indic_code"], r["urau_code"], year, v, ""])
write("urb_cenv", ["freq", "indic_ur", "cities"], rows, "Environment - cities and greater cities",
      "flags were dropped by the upstream extract (FAIRiCUBE); values as published there")

# urb_cpop1 DE1001V: the legacy Data Explorer export (labels only, thousands separators).
rows = []
with open(os.path.join(FIX, "eurostat", "legacy_databrowser_export_urb_cpop1_DE1001V_2018.csv"),
          encoding="utf-8") as f:
    table = list(csv.reader(f))
hi = next(i for i, r in enumerate(table) if r and r[0] == "CITIES/TIME")
years = table[hi][1:]
by_label = {}
for r in table[hi + 1:]:
    if r and r[0] and norm(r[0]) not in by_label:
        by_label[norm(r[0])] = r
for c in CITIES:
    r = by_label.get(norm(NEW_NAME[c]))
    if not r:
        continue
    for y, v in zip(years, r[1:]):
        v = v.strip()
        if v and v != ":":
            rows.append(["A", "DE1001V", c, y, v.replace(",", ""), ""])
write("urb_cpop1", ["freq", "indic_ur", "cities"], rows,
      "Population on 1 January by age groups and sex - cities and greater cities",
      "from a 2018 Data Explorer export that names cities by label; labels matched to codes by name")

# The catalogue: the real table of contents (April 2023), cut to the header and the
# lines of the City statistics datasets (with their folders).
keep = set(CODES) | {"general", "urb", "urb_cgc", "data"}
out = []
for line in open(os.path.join(FIX, "eurostat", "catalogue_toc_txt_en_2023-04.txt"), encoding="utf-8"):
    cols = line.split("\t")
    if len(cols) > 1 and (cols[0] == '"title"' or cols[1].strip('"') in keep):
        if line not in out:
            out.append(line)
with open(os.path.join(OUT, "catalogue.txt"), "w", encoding="utf-8", newline="") as f:
    f.writelines(out)
print("catalogue.txt: %d lines" % len(out))
