#!/usr/bin/env python3
"""Build companies.tsv, the names of companies that are organizations wherever an article
names them (`Intel and Compaq also gained`), from the pytickersymbols and mimesis packages.

pytickersymbols 1.17.10 (PyPI; MIT) ships the constituents of twenty stock indices (S&P 500,
NASDAQ 100, Dow Jones, FTSE 100, DAX, CAC 40, EURO STOXX 50, IBEX 35, AEX, NIKKEI 225, ...):
about 1,800 companies. mimesis 22.2.0 (PyPI; MIT) ships lists of companies and banks by
locale: the companies of its English-speaking locales (`en`, `en-au`, `en-gb`, `en-ca`: large
Australian companies and their local arms, American, British and Canadian firms) are taken,
and the banks of every locale. A local arm's name gives its parent's too (`Louis Dreyfus
Company Melbourne Holdings Pty` -> `Louis Dreyfus`: the legal forms, holding words and places
at its end left off). A name is kept in the form news uses (legal forms such as `Inc.`,
`plc`, `AG`, `Holdings` left off: `Nasdaq, Inc.` -> `Nasdaq`), and only when that form cannot
be something else: no English word of the public-domain Webster's Second (`Target`, `Visa`,
`Shell`, `Apple`: the english-words package, MIT), no given name, surname or place of the
tagger's other data files (`Ford`, `Dell`, `American`), nothing of two letters or fewer, no name
whose words are all such words (`Southern Company`). A name of two words or more that only a
smaller town bears (under 100,000 people) is kept: news means the company (`Rio Tinto`).

    pip install pytickersymbols==1.17.10 mimesis==22.2.0 english-words==2.0.1
    python3 build_companies.py   # (Python 3.11: its Unicode database tells Latin letters)

Output: one name per line, sorted. Byte-identical on every run; nothing here touches the
network.
"""
import glob
import json
import os
import re
import unicodedata

from datalib import GIVEN_COLUMNS, ascii_fold, place_names, require, taken_names, write_names

HERE = os.path.dirname(os.path.abspath(__file__))
require("pytickersymbols", "1.17.10")
require("mimesis", "22.2.0")
require("english-words", "2.0.1")

import mimesis  # noqa: E402

from english_words import get_english_words_set  # noqa: E402
from pytickersymbols import PyTickerSymbols  # noqa: E402

LEGAL = re.compile(
    r"(,|\s)+(inc\.?|incorporated|corp\.?|corporation|co\.?|company|companies|plc|ag|se|sa|"
    r"s\.a\.|n\.v\.|nv|ltd\.?|limited|group|holdings?|holding|kgaa|& co\.?|asa|ab|oyj|s\.p\.a\.|"
    r"spa|as|the|class [a-c]|\(the\)|\(publ\)|mfg\.?|international|& cie|pty\.?|proprietary)$",
    re.I,
)


# Link words a name cannot end with.
LINK_AT_END = re.compile(r"(\s+(of|and|&|the|for))+$", re.I)


def short_form(name):
    name = re.sub(r"\s*\(.*?\)\s*$", "", name.strip())
    while True:
        # (A legal form left off may leave a link word: `Deere & Company` -> `Deere`.)
        shorter = LINK_AT_END.sub("", LEGAL.sub("", name)).strip(" ,.")
        if shorter == name or not shorter:
            return name
        name = shorter




# Words at the end of a local arm's name after its parent's: `Volvo Group Australia Pty`.
ARM = re.compile(
    r"\s+(australia|australian|australasia|oceania|anz|pacific|asia|asia pacific|new zealand|"
    r"melbourne|sydney|brisbane|perth|adelaide|holdings?|group|company|investments?|"
    r"holdco)$",
    re.I,
)
# Abbreviated ticker names (`Hsbc Hldgs.uk`, `Rank Grp`): no name news writes.
ABBREVIATED = re.compile(r"\w\.\w|\b(grp|hldgs|intl|initl|inv|inf|ind|tst|emrg|wld|ins|devel|inst|secs)\b", re.I)
MIMESIS_LOCALES = {"en", "en-au", "en-gb", "en-ca"}


# Words a parent's name cannot end with once a local arm's words are gone (`J. P. Morgan Chase
# and`, `Munich Holdings of`, `Epiroc South`).
DANGLING = re.compile(r"(\s+(of|and|&|the|for|south|north|east|west|new|central))+$", re.I)


def parent(name):
    """The parent's name in a local arm's (`Louis Dreyfus Company Melbourne Holdings` ->
    `Louis Dreyfus`), or None when nothing is left off or what is left ends with a word that
    names nothing alone."""
    out = name
    while True:
        shorter = short_form(ARM.sub("", out))
        if shorter == out or not shorter:
            break
        out = shorter
    if out == name or DANGLING.search(out):
        return None
    return out


# American `-er` spellings whose British form is `-re` (not every `-er`: `liber` is no
# `libre`).
ER_RE = {
    "center", "theater", "meter", "liter", "fiber", "saber", "caliber", "somber", "meager",
    "luster", "specter", "scepter", "miter", "ocher", "sepulcher",
}


def british_spellings(word):
    """The British forms of an American spelling: `endeavor` -> `endeavour`, `center` ->
    `centre`, `organize` -> `organise`."""
    out = []
    if word.endswith("or") and len(word) > 4:
        out.append(word[:-2] + "our")
    if word in ER_RE:
        out.append(word[:-2] + "re")
    for a, b in (("ize", "ise"), ("ization", "isation"), ("yze", "yse")):
        if word.endswith(a):
            out.append(word[: -len(a)] + b)
    return out


def mimesis_names():
    """The companies of mimesis's English-speaking locales and the banks of all of them, with
    their parents' names."""
    out = set()
    datasets = os.path.join(os.path.dirname(mimesis.__file__), "datasets")
    for path in sorted(glob.glob(os.path.join(datasets, "*", "finance.json"))):
        locale = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        names = list(data.get("banks", []))
        if locale in MIMESIS_LOCALES:
            names += data["company"]["name"]
        for raw in names:
            if ABBREVIATED.search(raw):
                continue
            name = short_form(raw)
            # (Names in other scripts than the Latin one are never written so in English news.)
            if any(c.isalpha() and "LATIN" not in unicodedata.name(c, "") for c in name):
                continue
            # (An acronym of four letters or fewer names many bodies: `ACM`, `AGL`; the tagger
            # reads acronyms by themselves.)
            for n in [name, parent(name) if locale in MIMESIS_LOCALES else None]:
                if n and not re.fullmatch(r"[A-Z0-9&]{1,4}", n):
                    out.add(n)
    return out


def main():
    # Words in lower case in Webster's Second are common words there (capitalized ones are
    # its proper nouns).
    common = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    # Webster's spells American: the British forms are common words too (`Endeavour`,
    # `Harbour`, `Centre`).
    common |= {british for w in common for british in british_spellings(w)}
    taken = taken_names(HERE)
    # A name of two words or more that only a smaller town bears is the company's in news
    # (`Rio Tinto`, a town of 25,000 in Brazil): only names of big places, people and nations
    # are left out then.
    big = taken_names(HERE, GIVEN_COLUMNS + [("surnames.tsv", 0), ("demonyms.tsv", 0)])
    big |= place_names(HERE, ["places.tsv"], lambda p: p[3] != "city" or int(p[7] or 0) >= 100_000)
    names = set()
    listed = [short_form(stock["name"]) for stock in PyTickerSymbols().get_all_stocks()]
    for name in sorted(set(listed) | mimesis_names()):
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
        "Companies, as news names them (build_companies.py; pytickersymbols 1.17.10 and mimesis "
        "22.2.0, MIT)",
        names,
    )


if __name__ == "__main__":
    main()
