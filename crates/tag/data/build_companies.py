#!/usr/bin/env python3
"""Build companies.tsv, the names of listed companies that are organizations wherever an
article names them (`Intel and Compaq also gained`), from the pytickersymbols package.

pytickersymbols 1.17.10 (PyPI; MIT) ships the constituents of twenty stock indices (S&P 500,
NASDAQ 100, Dow Jones, FTSE 100, DAX, CAC 40, EURO STOXX 50, IBEX 35, AEX, NIKKEI 225, ...):
about 1,800 companies. A name is kept in the form news uses (legal forms such as `Inc.`,
`plc`, `AG`, `Holdings` left off: `Nasdaq, Inc.` -> `Nasdaq`), and only when that form cannot
be something else: no English word of the public-domain Webster's Second (`Target`, `Visa`,
`Shell`, `Apple`: the english-words package, MIT), no given name, surname or place of the
tagger's other data files (`Ford`, `Dell`, `American`), nothing of two letters or fewer, no name
whose words are all such words (`Southern Company`). A name of two words or more that only a
smaller town bears (under 100,000 people) is kept: news means the company (`Rio Tinto`).

    pip install pytickersymbols==1.17.10 english-words==2.0.1
    python3 build_companies.py

Output: one name per line, sorted. Byte-identical on every run; nothing here touches the
network.
"""
import os
import re

from datalib import GIVEN_COLUMNS, ascii_fold, place_names, require, taken_names, write_names

HERE = os.path.dirname(os.path.abspath(__file__))
require("pytickersymbols", "1.17.10")
require("english-words", "2.0.1")

from english_words import get_english_words_set  # noqa: E402
from pytickersymbols import PyTickerSymbols  # noqa: E402

LEGAL = re.compile(
    r"(,|\s)+(inc\.?|incorporated|corp\.?|corporation|co\.?|company|companies|plc|ag|se|sa|"
    r"s\.a\.|n\.v\.|nv|ltd\.?|limited|group|holdings?|holding|kgaa|& co\.?|asa|ab|oyj|s\.p\.a\.|"
    r"spa|as|the|class [a-c]|\(the\)|\(publ\)|mfg\.?|international|& cie)$",
    re.I,
)


def short_form(name):
    name = re.sub(r"\s*\(.*?\)\s*$", "", name.strip())
    while True:
        shorter = LEGAL.sub("", name).strip(" ,.")
        if shorter == name or not shorter:
            return name
        name = shorter




def main():
    # Words in lower case in Webster's Second are common words there (capitalized ones are
    # its proper nouns).
    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    taken = taken_names(HERE)
    # A name of two words or more that only a smaller town bears is the company's in news
    # (`Rio Tinto`, a town of 25,000 in Brazil): only names of big places, people and nations
    # are left out then.
    big = taken_names(HERE, GIVEN_COLUMNS + [("surnames.tsv", 0), ("demonyms.tsv", 0)])
    big |= place_names(HERE, ["places.tsv"], lambda p: p[3] != "city" or int(p[7] or 0) >= 100_000)
    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = short_form(stock["name"])
        key = ascii_fold(name).lower()
        words = re.findall(r"[a-z0-9&'.-]+", key)
        if len(key) <= 2 or not words:
            continue
        if key in common or (key in taken and (len(words) < 2 or key in big)):
            continue
        if all(w in common or w in taken or w in {"&", "of", "and"} for w in words):
            continue
        names.add(name)
    write_names(
        os.path.join(HERE, "companies.tsv"),
        "Listed companies, as news names them (build_companies.py; pytickersymbols 1.17.10, MIT)",
        names,
    )


if __name__ == "__main__":
    main()
