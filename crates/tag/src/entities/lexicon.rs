//! The word lists entity tagging looks things up in: the committed gazetteers in `data/`
//! (places, demonyms, census names; built by `data/build_data.py`) and small hand-written
//! lists (titles, organization cue words, well-known organizations, capitalized words that
//! name nothing). Parsed once, on first use, into hash maps keyed by lower-cased text.

use std::collections::{HashMap, HashSet};

use crate::bloom::Bloom;
use std::sync::LazyLock;

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
type Set<K> = HashSet<K, foldhash::fast::FixedState>;

const PLACES: &str = include_str!("../../data/places.tsv");
/// Smaller towns (`build_towns.py`), in the same columns.
const TOWNS: &str = include_str!("../../data/towns.tsv");
const LOCALITIES: &str = include_str!("../../data/localities.tsv");
const REGIONS: &str = include_str!("../../data/regions.tsv");
const DEMONYMS: &str = include_str!("../../data/demonyms.tsv");
const GIVEN: &str = include_str!("../../data/given_names.tsv");
const SURNAMES: &str = include_str!("../../data/surnames.tsv");
const WORLD_GIVEN: &str = include_str!("../../data/world_given_names.tsv");
/// Listed companies as news names them (`build_companies.py`): organizations wherever named.
const COMPANIES: &str = include_str!("../../data/companies.tsv");
/// Named organizations of WordNet without a cue word (`build_orgs.py`: `Knesset`, `Mossad`,
/// `Bundesbank`): organizations wherever named.
const ORGS: &str = include_str!("../../data/orgs.tsv");
/// Nouns for persons of WordNet (`build_person_nouns.py`: `referee`, `surgeon`, `umpire`).
const PERSON_NOUNS: &str = include_str!("../../data/person_nouns.tsv");

/// What kind of place a gazetteer row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Continent,
    Region,
    Country,
    Admin1,
    City,
}

/// One row of `places.tsv`.
#[derive(Debug)]
pub(crate) struct PlaceRow {
    /// The English name.
    pub(crate) name: &'static str,
    pub(crate) kind: PlaceKind,
    /// ISO 3166-1 alpha-2; `None` for continents and multi-country regions.
    pub(crate) country: Option<[u8; 2]>,
    pub(crate) geonames_id: Option<u32>,
    /// Latitude and longitude as written in the file (parsed only for output).
    pub(crate) lat: &'static str,
    pub(crate) lon: &'static str,
    pub(crate) population: u64,
    /// GeoNames admin1 code of a city, or the one an admin1 row corresponds to.
    pub(crate) admin1: &'static str,
    /// A smaller town or a region (`towns.tsv`, `localities.tsv`, `regions.tsv`): a place only where the text says so (see
    /// `Lexicon::known_place`).
    pub(crate) minor: bool,
}

impl PlaceRow {
    /// A country, region or continent, or a city of 100,000 people or more from the main
    /// gazetteer: a name that is a place before it is anything else.
    pub(crate) fn is_big(&self) -> bool {
        !self.minor && (self.kind != PlaceKind::City || self.population >= 100_000)
    }
}

/// Given-name gender from the census lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

/// All look-up tables, built once.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) places: Vec<PlaceRow>,
    /// Lower-cased name or alternate → its row, or [`MANY`] and the index of its rows in
    /// `shared_names` (see [`Lexicon::place`]). Four bytes a value: the table's entries are
    /// spread over all its memory, which every start touches.
    place_names: Map<&'static str, u32>,
    /// The rows of the names that several places share.
    shared_names: Vec<Vec<u32>>,
    /// The keys of `place_names`, as a filter that answers most misses without it: the table
    /// is megabytes, each look-up two or three cache misses, and most capitalized words of an
    /// article are not places. 128 KiB, under 1 % false positives for the 42,000 keys.
    place_filter: Bloom<16384>,
    /// Lower-cased nationality word → country.
    pub(crate) demonyms: Map<Box<str>, [u8; 2]>,
    pub(crate) given: Map<Box<str>, Gender>,
    /// Given names of many countries (`world_given_names.tsv`), with their gender: evidence
    /// for a name of two words or more, not for a word alone (the list holds `Jihad`, `Sun`).
    pub(crate) world_given: Map<Box<str>, Gender>,
    /// Common given names: borne by at least [`COMMON_GIVEN`] people in a million in the US
    /// census, or of frequency [`COMMON_WORLD_GIVEN`] or more in some country of the world
    /// list. Evidence enough alone that a name of two words is a person's (`Golden`, `Tora`
    /// are rarer).
    pub(crate) common_given: Set<Box<str>>,
    /// Given names borne by at least [`FREQUENT_GIVEN`] people in a million in the US census
    /// (`David`, `George`, not `Sydney` or `Dallas`): a city of that name with more of a name
    /// after it is a person's name, not a team's (`George Sturesteps`).
    pub(crate) frequent_given: Set<Box<str>>,
    pub(crate) surnames: Set<Box<str>>,
    /// Lower-cased title (one or more words) → the word a later reference uses (`leader`).
    pub(crate) titles: Map<&'static str, &'static str>,
    pub(crate) org_cues: Set<&'static str>,
    pub(crate) known_orgs: Set<&'static str>,
    pub(crate) lead_words: Set<&'static str>,
    pub(crate) not_orgs: Set<&'static str>,
    /// Longest place name or title, in words.
    pub(crate) max_words: usize,
    /// Word → its classes ([`class`] bits): one look-up answers every single-word set
    /// question the segmenter asks about a token.
    pub(crate) classes: Map<&'static str, u32>,
}

/// What [`Lexicon::build_places`] makes.
struct PlaceIndex {
    places: Vec<PlaceRow>,
    place_names: Map<&'static str, u32>,
    shared_names: Vec<Vec<u32>>,
    max_words: usize,
}

/// What [`Lexicon::build_names`] makes.
struct NameLists {
    demonyms: Map<Box<str>, [u8; 2]>,
    given: Map<Box<str>, Gender>,
    world_given: Map<Box<str>, Gender>,
    common_given: Set<Box<str>>,
    frequent_given: Set<Box<str>>,
    surnames: Set<Box<str>>,
}

/// Bits of [`Lexicon::classes`]: the word is in the set named (by exact string equality).
pub(crate) mod class {
    pub(crate) const LEAD: u32 = 1;
    pub(crate) const ORG_CUE: u32 = 1 << 1;
    pub(crate) const ORG_HEAD: u32 = 1 << 2;
    pub(crate) const EVENT_CUE: u32 = 1 << 3;
    pub(crate) const LOC_CUE: u32 = 1 << 4;
    pub(crate) const LOC_HEAD: u32 = 1 << 5;
    pub(crate) const STOP_CAP: u32 = 1 << 6;
    /// A key of `titles`.
    pub(crate) const TITLE: u32 = 1 << 7;
    /// In `TITLE_HEADS`.
    pub(crate) const TITLE_HEAD: u32 = 1 << 8;
    /// A key of `demonyms`.
    pub(crate) const DEMONYM: u32 = 1 << 9;
    pub(crate) const KNOWN_ORG: u32 = 1 << 10;
    /// The text before the first space of a multi-word key of `known_orgs`, of the places or
    /// of `titles`: a key of two or more words can start only with such a word.
    pub(crate) const FIRST_ORG: u32 = 1 << 11;
    pub(crate) const FIRST_PLACE: u32 = 1 << 12;
    pub(crate) const FIRST_TITLE: u32 = 1 << 13;
    /// In `BUSINESS_CUES` (and so an `ORG_CUE` too).
    pub(crate) const BUSINESS_CUE: u32 = 1 << 14;
    /// The first word of a demonym of two words or more (`sri` of `sri lankan`).
    pub(crate) const FIRST_DEMONYM: u32 = 1 << 15;
    /// In `ROLES`, or a title of one word that is no adjective or verb as well.
    pub(crate) const ROLE: u32 = 1 << 16;
    /// In `TEAM_ROLES`.
    pub(crate) const TEAM_ROLE: u32 = 1 << 17;
    /// A noun for a person by what they are or do (`person_nouns.tsv`: `referee`, `surgeon`).
    pub(crate) const PERSON_NOUN: u32 = 1 << 18;
    /// The first word of a known organization named with a possessive (`moody` of
    /// `moody's`, `standard` of `standard & poor's`).
    pub(crate) const FIRST_OF_POSSESSIVE: u32 = 1 << 19;
    /// Set on every classified token, so that 0 means "not classified yet".
    pub(crate) const DONE: u32 = 1 << 31;
}

/// Occurrences per million people from which a given name is common (see
/// [`Lexicon::common_given`]).
const COMMON_GIVEN: u64 = 20;

/// Occurrences per million people from which a given name is frequent (see
/// [`Lexicon::frequent_given`]).
const FREQUENT_GIVEN: u64 = 300;

/// The frequency (1 rare to 13 extremely common) from which a name of the world list is
/// common.
const COMMON_WORLD_GIVEN: u64 = 3;

/// A value of [`Lexicon::place_names`] with this bit set is an index in
/// [`Lexicon::shared_names`]; without it, the name's one row.
const MANY: u32 = 1 << 31;

impl Lexicon {
    /// The gazetteer rows of a lower-cased name when one of them is no smaller town: a word
    /// that only a small town is called (`Hewitt`, `Sharon`, `Welsh`) is no evidence that
    /// it is a place.
    pub(crate) fn known_place(&self, key: &str) -> Option<&[u32]> {
        self.place(key).filter(|rows| rows.iter().any(|&r| !self.places[r as usize].minor))
    }

    /// Whether word `w` (as written; the sets are lower case) is in one of the sets of `bits`
    /// ([`class`]): for words outside the runs the segmenter classifies (`striker`, `coach`).
    pub(crate) fn word_in(&self, w: &str, bits: u32) -> bool {
        self.classes.get(w).is_some_and(|&c| c & bits != 0)
    }

    /// The gender of given name `w` (lower case): the census's list first, then the world's.
    pub(crate) fn gender(&self, w: &str) -> Option<Gender> {
        self.given.get(w).or_else(|| self.world_given.get(w)).copied()
    }

    /// Whether `w` (lower case) is a given name of the census's or of the world's list.
    pub(crate) fn is_given(&self, w: &str) -> bool {
        self.given.contains_key(w) || self.world_given.contains_key(w)
    }

    /// Whether one of gazetteer `rows` is a country.
    pub(crate) fn names_a_country(&self, rows: &[u32]) -> bool {
        rows.iter().any(|&r| self.places[r as usize].kind == PlaceKind::Country)
    }

    /// The gazetteer rows of a lower-cased name.
    pub(crate) fn place(&self, key: &str) -> Option<&[u32]> {
        if !self.place_filter.may_contain(place_hash(key)) {
            return None;
        }
        self.place_names.get(key).map(|r| match *r {
            r if r & MANY != 0 => self.shared_names[(r & !MANY) as usize].as_slice(),
            _ => std::slice::from_ref(r),
        })
    }
}

/// Calls `row` with the first 12 tab-separated fields of every line of `tsv` that is neither
/// empty nor a comment, and how many fields the line has (up to 12). One pass over the file
/// for tabs and line ends together, 32 bytes at a time: splitting each line, then each short
/// field, searched every field apart (29 % of building the lexicon).
fn for_each_row<'a>(tsv: &'a str, mut row: impl FnMut(&[&'a str; 12], usize)) {
    let mut f = [""; 12];
    let mut n = 0;
    let mut start = 0;
    let bytes = tsv.as_bytes();
    let mut at_separator = |at: usize| {
        // A tab, a line feed, or `None` at the end of the file.
        let sep = bytes.get(at).copied();
        if n < 12 {
            // Tabs and line feeds are ASCII: `start` and `at` are character boundaries. A
            // line may end in CR LF, as `str::lines` allows.
            let field = &tsv[start..at];
            f[n] =
                if sep == Some(b'\n') { field.strip_suffix('\r').unwrap_or(field) } else { field };
        }
        n += 1;
        start = at + 1;
        if sep != Some(b'\t') {
            // The end of a line (or of the file).
            if !f[0].starts_with('#') && (n > 1 || !f[0].is_empty()) {
                row(&f, n.min(12));
            }
            f = [""; 12];
            n = 0;
        }
    };
    let mut chunks = bytes.chunks_exact(32);
    let mut base = 0;
    for chunk in &mut chunks {
        // A bit per separator byte (the loop compiles to vector compares).
        let mut mask = 0u32;
        for (k, &b) in chunk.iter().enumerate() {
            mask |= u32::from(b == b'\t' || b == b'\n') << k;
        }
        while mask != 0 {
            at_separator(base + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        base += 32;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        if b == b'\t' || b == b'\n' {
            at_separator(base + k);
        }
    }
    // A last line without a line feed.
    if bytes.last().is_some_and(|&b| b != b'\n') {
        at_separator(bytes.len());
    }
}

/// `s.parse::<u64>().ok()`, without the general parser's cost for the plain digit strings
/// of the gazetteer (the general parser remains the answer for anything else).
fn parse_number(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return s.parse().ok();
    }
    Some(b.iter().fold(0, |n, &d| n * 10 + u64::from(d - b'0')))
}

/// The hash [`Lexicon::place_filter`] is keyed by.
fn place_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::default().hash_one(key)
}

/// The lexicon, parsed on first use (a few milliseconds).
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

fn country_code(s: &str) -> Option<[u8; 2]> {
    let b = s.as_bytes();
    (b.len() == 2 && b.iter().all(u8::is_ascii_uppercase)).then(|| [b[0], b[1]])
}

/// Lower case with whitespace folded to single spaces: the key of every map here.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_key(&mut out, s);
    out
}

/// Appends [`key`]`(s)` to `out`.
fn push_key(out: &mut String, s: &str) {
    let start = out.len();
    // Most names: ASCII words separated by single spaces, which are their own key but for case.
    let mut space = true; // at the start, a space is not simple either
    let mut simple = true;
    for &b in s.as_bytes() {
        if b == b' ' {
            simple &= !space;
            space = true;
        } else {
            simple &= b.is_ascii_graphic();
            space = false;
        }
    }
    if simple && !space {
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for w in s.split_whitespace() {
        if out.len() > start {
            out.push(' ');
        }
        if w.is_ascii() {
            // Copied whole, then lower-cased in place: not a character at a time.
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
}

impl Lexicon {
    /// The places (`places.tsv`, then `towns.tsv`, `localities.tsv`, `regions.tsv`): rows, name index, shared rows, and the
    /// longest name in words.
    fn build_places() -> PlaceIndex {
        // Capacity for a row per 40 bytes of the file (rows are longer): pages of it that no
        // row reaches are never touched, and growing by doubling touched twice the memory.
        let mut places = Vec::with_capacity(PLACES.len() / 40);
        // Keys are slices of one leaked arena of lower-cased names, and most names have one
        // row, stored inline: a few allocations instead of a hundred thousand.
        let mut arena = String::with_capacity(PLACES.len() / 3);
        let mut keyed: Vec<(u32, u32, u32)> = Vec::with_capacity(120_000);
        let mut max_words = 4;
        let mut add_place = |f: &[&'static str; 12], n: usize, minor: bool| {
            if n < 11 {
                return;
            }
            let kind = match f[3] {
                "continent" => PlaceKind::Continent,
                "region" => PlaceKind::Region,
                "country" => PlaceKind::Country,
                "admin1" => PlaceKind::Admin1,
                "city" => PlaceKind::City,
                _ => return,
            };
            let idx = places.len() as u32;
            places.push(PlaceRow {
                name: f[1],
                kind,
                country: country_code(f[4]),
                geonames_id: parse_number(f[0]).and_then(|n| u32::try_from(n).ok()),
                lat: f[5],
                lon: f[6],
                population: parse_number(f[7]).unwrap_or(0),
                admin1: f[10],
                minor,
            });
            // The ASCII name only when it differs; alternates only when there are some (a
            // byte split: the `char` pattern's searcher cost more than the keys).
            let ascii = (f[2] != f[1]).then_some(f[2]);
            let alts = (!f[8].is_empty()).then(|| {
                f[8].as_bytes().split(|&b| b == b'|').map(|a| {
                    // `|` is ASCII: each piece is whole UTF-8.
                    std::str::from_utf8(a).unwrap_or("")
                })
            });
            let names = std::iter::once(f[1]).chain(ascii).chain(alts.into_iter().flatten());
            for n in names.filter(|n| !n.is_empty()) {
                let start = arena.len();
                push_key(&mut arena, n);
                let k = &arena[start..];
                max_words = max_words.max(k.bytes().filter(|&b| b == b' ').count() + 1);
                keyed.push((start as u32, arena.len() as u32, idx));
                // `St Louis`, `ST LOUIS`: wire copy and headlines drop the abbreviation's
                // stop.
                if let Some(rest) = n.strip_prefix("St. ") {
                    let start = arena.len();
                    push_key(&mut arena, &format!("St {rest}"));
                    keyed.push((start as u32, arena.len() as u32, idx));
                }
            }
        };
        for_each_row(PLACES, |f, n| add_place(f, n, false));
        for_each_row(TOWNS, |f, n| add_place(f, n, true));
        for_each_row(LOCALITIES, |f, n| add_place(f, n, true));
        for_each_row(REGIONS, |f, n| add_place(f, n, true));
        let arena: &'static str = Box::leak(arena.into_boxed_str());
        // Sized for the distinct names (about 56 % of the names and alternates; a little
        // more or less only grows the table or leaves it emptier).
        let mut place_names: Map<&'static str, u32> =
            Map::with_capacity_and_hasher(keyed.len() * 5 / 8, Default::default());
        let mut shared_names: Vec<Vec<u32>> = Vec::new();
        for (s, e, idx) in keyed {
            let k = &arena[s as usize..e as usize];
            let entry = place_names.get_mut(k);
            // A smaller town is found only under a name no bigger place has (`Perth`, Ontario
            // and New York, would blur Perth's context); towns come after the other places.
            if places[idx as usize].minor
                && let Some(r) = &entry
            {
                let first =
                    if **r & MANY != 0 { shared_names[(**r & !MANY) as usize][0] } else { **r };
                if !places[first as usize].minor {
                    continue;
                }
            }
            match entry {
                None => {
                    place_names.insert(k, idx);
                }
                Some(r) if *r & MANY != 0 => {
                    let rows = &mut shared_names[(*r & !MANY) as usize];
                    if !rows.contains(&idx) {
                        rows.push(idx);
                    }
                }
                Some(r) if *r != idx => {
                    shared_names.push(vec![*r, idx]);
                    *r = MANY | (shared_names.len() - 1) as u32;
                }
                Some(_) => {}
            }
        }
        PlaceIndex { places, place_names, shared_names, max_words }
    }

    /// The word lists of names: demonyms, given names, surnames.
    fn build_names() -> NameLists {
        let mut demonyms = Map::default();
        // Two columns: the demonym and its country.
        for_each_row(DEMONYMS, |f, n| {
            if n == 2
                && let Some(c) = country_code(f[1].trim())
            {
                demonyms.insert(key(f[0]).into_boxed_str(), c);
            }
        });
        let mut given = Map::default();
        let mut common_given = Set::default();
        let mut frequent_given = Set::default();
        for_each_row(GIVEN, |f, n| {
            let weight = if n >= 4 { parse_number(f[3]).unwrap_or(0) } else { 0 };
            if weight >= COMMON_GIVEN {
                common_given.insert(key(f[0]).into_boxed_str());
            }
            if weight >= FREQUENT_GIVEN {
                frequent_given.insert(key(f[0]).into_boxed_str());
            }
            if n >= 2 {
                let g = match f[1] {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => Gender::Unknown,
                };
                given.insert(key(f[0]).into_boxed_str(), g);
            }
        });
        // Sized for the file (a row per 11 bytes or more): no rehashing as it fills.
        let mut world_given =
            Map::with_capacity_and_hasher(WORLD_GIVEN.len() / 11, Default::default());
        for_each_row(WORLD_GIVEN, |f, n| {
            if n >= 3 {
                let g = match f[1] {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => Gender::Unknown,
                };
                let k = key(f[0]).into_boxed_str();
                if parse_number(f[2]).is_some_and(|w| w >= COMMON_WORLD_GIVEN) {
                    common_given.insert(k.clone());
                }
                world_given.insert(k, g);
            }
        });
        let mut surnames = Set::with_capacity_and_hasher(SURNAMES.len() / 10, Default::default());
        for_each_row(SURNAMES, |f, _| {
            surnames.insert(key(f[0]).into_boxed_str());
        });
        NameLists { demonyms, given, world_given, common_given, frequent_given, surnames }
    }

    fn build() -> Lexicon {
        // Two threads: the places take most of the time; the name lists, the rest.
        let (
            PlaceIndex { places, place_names, shared_names, mut max_words },
            NameLists { demonyms, given, world_given, common_given, frequent_given, surnames },
        ) = std::thread::scope(|s| {
            let places = s.spawn(Lexicon::build_places);
            let names = Lexicon::build_names();
            (places.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), names)
        });
        let mut titles = Map::default();
        for t in TITLES {
            let last = t.rsplit(' ').next().unwrap_or(t);
            titles.insert(*t, last);
            max_words = max_words.max(t.split(' ').count());
            // Also hyphenated, as one word: `Lieutenant-General`, `Attorney-General`.
            if t.contains(' ') {
                titles.insert(Box::leak(t.replace(' ', "-").into_boxed_str()), last);
            }
        }
        let mut classes: Map<&'static str, u32> = Map::default();
        let mut add = |w: &'static str, bit: u32| *classes.entry(w).or_default() |= bit;
        let first = |k: &'static str| k.split_once(' ').map(|(f, _)| f);
        for &k in place_names.keys() {
            if let Some(f) = first(k) {
                add(f, class::FIRST_PLACE);
            }
        }
        for &k in titles.keys() {
            add(k, class::TITLE);
            if !k.contains(' ') && !NOT_ROLES.contains(&k) {
                add(k, class::ROLE);
            }
            if let Some(f) = first(k) {
                add(f, class::FIRST_TITLE);
            }
        }
        // The hand-written organizations, the listed companies and WordNet's named
        // organizations, lower case (the keys are made once and live as long as the lexicon:
        // the whole run).
        let known_orgs: Vec<&'static str> = KNOWN_ORGS
            .iter()
            .copied()
            .chain(
                COMPANIES
                    .lines()
                    .chain(ORGS.lines())
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(|l| &*Box::leak(key(l).into_boxed_str())),
            )
            .collect();
        for l in PERSON_NOUNS.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            add(l, class::PERSON_NOUN);
        }
        for &k in &known_orgs {
            add(k, class::KNOWN_ORG);
            if let Some(f) = first(k) {
                add(f, class::FIRST_ORG);
            }
            if let Some(name) = k.strip_suffix("'s").or_else(|| k.strip_suffix("’s")) {
                add(first(name).unwrap_or(name), class::FIRST_OF_POSSESSIVE);
            }
        }
        for (list, bit) in [
            (LEAD_WORDS, class::LEAD),
            (ORG_CUES, class::ORG_CUE),
            (BUSINESS_CUES, class::ORG_CUE),
            (LEGAL_FORMS, class::ORG_CUE),
            (BUSINESS_CUES, class::BUSINESS_CUE),
            (ORG_HEADS, class::ORG_HEAD),
            (EVENT_CUES, class::EVENT_CUE),
            (LOC_CUES, class::LOC_CUE),
            (LOC_HEADS, class::LOC_HEAD),
            (STOP_CAPS, class::STOP_CAP),
            // Lead words are stop words anywhere in a run, too.
            (LEAD_WORDS, class::STOP_CAP),
            (TITLE_HEADS, class::TITLE_HEAD),
            (ROLES, class::ROLE),
            (KIN, class::ROLE),
            (TEAM_ROLES, class::TEAM_ROLE),
        ] {
            for &w in list {
                add(w, bit);
            }
        }
        for &w in TEAM_ROLES.iter().filter(|w| !NOT_ROLES.contains(w)) {
            add(w, class::ROLE);
        }
        // Demonym keys are owned by their map: the few hundred are leaked to be keys here.
        for d in demonyms.keys() {
            let d: &'static str = Box::leak(d.clone());
            add(d, class::DEMONYM);
            if let Some(f) = first(d) {
                add(f, class::FIRST_DEMONYM);
            }
        }
        let mut place_filter = Bloom::new();
        for &k in place_names.keys() {
            place_filter.insert(place_hash(k));
        }
        Lexicon {
            places,
            place_names,
            shared_names,
            place_filter,
            demonyms,
            given,
            world_given,
            common_given,
            frequent_given,
            surnames,
            titles,
            classes,
            org_cues: ORG_CUES.iter().chain(BUSINESS_CUES).chain(LEGAL_FORMS).copied().collect(),
            known_orgs: known_orgs.iter().copied().collect(),
            lead_words: LEAD_WORDS.iter().copied().collect(),
            not_orgs: NOT_ORGS.iter().copied().collect(),
            max_words,
        }
    }
}

/// Titles and honorifics (lower case): evidence for a person, never part of the name.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice president", "vice-president", "prime minister", "deputy prime minister",
    "foreign minister", "defence minister", "defense minister", "finance minister",
    "interior minister", "health minister", "education minister", "trade minister",
    "immigration minister", "environment minister", "minister", "deputy minister",
    "foreign secretary", "home secretary", "secretary of state", "secretary", "treasurer",
    "chancellor", "premier", "senator", "sen", "congressman", "congresswoman", "representative",
    "rep", "governor", "gov", "mayor", "councillor", "cr", "cllr", "councilman", "ambassador",
    "king", "queen",
    "prince", "princess", "emperor", "sheikh", "sheik", "pope", "ayatollah", "grand ayatollah",
    "imam", "rabbi", "reverend", "rev", "father", "bishop", "archbishop", "cardinal",
    "supreme leader", "leader", "opposition leader", "judge", "justice", "chief justice",
    "general", "gen", "lieutenant general", "colonel", "col", "lieutenant", "lt", "major",
    "captain", "capt", "admiral", "commander", "sergeant", "sgt", "inspector", "insp",
    "staff-insp", "detective", "det", "superintendent", "supt", "constable", "commissioner",
    "chief", "chairman", "chairwoman", "chief executive", "ceo", "director", "attorney general",
    "attorney-general", "spokesman", "spokeswoman", "coach", "speaker", "president-elect",
    "vice-president-elect", "secretary-general", "secretary general", "defense secretary",
    "defence secretary", "treasury secretary", "state secretary", "energy secretary",
    "health secretary", "education secretary", "interior secretary", "labor secretary",
    "commerce secretary", "transportation secretary", "agriculture secretary", "press secretary",
    "justice minister", "agriculture minister", "energy minister", "sports minister",
    "police minister", "party leader", "majority leader", "minority leader", "house speaker",
    "crown prince", "chief minister", "first minister", "deputy leader", "senior constable",
    "chief inspector", "chief superintendent", "lieutenant colonel", "major general", "brigadier",
    "brigadier general", "field marshal", "marshal", "chief of staff", "cio", "cto", "cfo",
    "founder", "co-founder", "analyst", "economist", "mullah", "maulana", "haji",
    "governor general", "director general", "solicitor general", "surgeon general",
    "postmaster general", "auditor general", "commodore", "air commodore", "rear admiral",
    "vice admiral", "air marshal", "wing commander", "squadron leader", "warrant officer",
    "corporal", "senior sergeant", "senior detective", "detective sergeant",
    "detective inspector", "detective superintendent", "magistrate", "coroner",
];

/// The markets' people, who work `with` a firm as well as at it (`a broker with Dean
/// Witter`): the first words of [`WORKERS`].
pub(crate) const MARKET_WORKERS: &[&str] = WORKERS.split_at(14).0;

/// Who works somewhere, or working, right before `at` or `from` and the name of where
/// (`analysts at Morgan Stanley`, `a dealer at ABN AMRO`, `she worked at Ford`): that name is
/// an organization's, whatever given names and surnames its words are.
#[rustfmt::skip]
pub(crate) const WORKERS: &[&str] = &[
    "analyst", "analysts", "economist", "economists", "strategist", "strategists", "dealer",
    "dealers", "trader", "traders", "broker", "brokers", "banker", "bankers", "executive",
    "executives", "spokesman", "spokeswoman", "spokesperson", "employee", "employees", "worker",
    "workers", "staff", "engineer", "engineers", "researcher", "researchers", "scientists",
    "managers", "colleagues", "worked", "works", "working", "job", "jobs", "unions",
];

/// Words that open the names of football and other sports clubs before their town, as
/// written (`Real Madrid`, `Dynamo Kiev`, `Borussia Dortmund`, `Inter Milan`).
pub(crate) fn is_club_prefix(w: &[u8]) -> bool {
    matches!(
        w,
        b"Real"
            | b"Atletico"
            | b"Sporting"
            | b"Dynamo"
            | b"Dinamo"
            | b"Spartak"
            | b"CSKA"
            | b"Lokomotiv"
            | b"Olympique"
            | b"Borussia"
            | b"Bayern"
            | b"Inter"
            | b"Racing"
            | b"Deportivo"
            | b"Hertha"
            | b"Werder"
            | b"Eintracht"
            | b"Fortuna"
            | b"Hansa"
            | b"Arminia"
            | b"Slavia"
            | b"Sparta"
            | b"Legia"
            | b"Steaua"
            | b"Rapid"
            | b"Olimpija"
            | b"Dukla"
            | b"Zenit"
    )
}

/// Words that end the names of sports clubs after their town, as written (`Manchester
/// United`, `Blackburn Rovers`, `Sheffield Wednesday`, `Glasgow Rangers`).
pub(crate) fn is_club_suffix(w: &[u8]) -> bool {
    matches!(
        w,
        b"United"
            | b"Rovers"
            | b"Wanderers"
            | b"Athletic"
            | b"Albion"
            | b"Rangers"
            | b"Hotspur"
            | b"Wednesday"
            | b"Argyle"
            | b"Orient"
            | b"Celtic"
    )
}

/// Participles used as adjectives before a name (`Neighbouring Pakistan`, `Visiting Indian
/// leaders`, `Ruling Vorsk Party`): no part of it.
pub(crate) fn is_adjectival_participle(w: &str) -> bool {
    matches!(
        w,
        "neighbouring"
            | "neighboring"
            | "acting"
            | "visiting"
            | "ruling"
            | "defending"
            | "reigning"
            | "warring"
            | "opposing"
            | "incoming"
            | "outgoing"
            | "ailing"
            | "striking"
            | "leading"
            | "rising"
            | "embattled"
            | "retiring"
            | "departing"
            | "governing"
    )
}

/// What a side is called before its name, opening a sentence (`Leaders Vicenza beat ...`,
/// `Holders Ajax`): no part of the name.
#[rustfmt::skip]
pub(crate) const SIDE_EPITHETS: &[&str] = &[
    "leaders", "champions", "holders", "hosts", "visitors", "favourites", "favorites",
    "outsiders", "newcomers", "rivals", "neighbours", "neighbors", "runners-up",
];

/// What people are called in lower case right before their name, besides titles and roles
/// in a team (`novelist Jane Roe`, `jockey Jane Roe`, `his wife Jane Roe`): the name that
/// follows is a person's, whatever places its words also name. (Not words that name firms as
/// well: `rival`, `partner`, `owner`.)
#[rustfmt::skip]
const ROLES: &[&str] = &[
    // Sport, outside a team.
    "batter", "jockey", "trainer", "rider", "driver", "cyclist", "sprinter", "hurdler",
    "swimmer", "golfer", "boxer", "wrestler", "champion", "titleholder", "compatriot",
    "countryman", "countrywoman", "qualifier", "veteran", "rookie", "newcomer",
    // Arts, the press, the professions.
    "actor", "actress", "singer", "songwriter", "musician", "rapper", "guitarist", "drummer",
    "producer", "writer", "author", "novelist", "poet", "playwright", "artist", "painter",
    "photographer", "journalist", "reporter", "columnist", "broadcaster", "presenter",
    "commentator", "historian", "scientist", "researcher", "lawyer", "barrister", "solicitor",
    "attorney", "prosecutor", "defendant", "plaintiff", "businessman", "businesswoman", "tycoon",
    "billionaire", "entrepreneur", "banker", "financier", "diplomat", "envoy", "negotiator",
    "mediator", "adviser", "advisor", "aide", "lawmaker", "legislator", "politician",
    "dissident", "activist", "campaigner", "spokesperson", "candidate", "nominee", "challenger",
    "incumbent",
];

/// Roles of kin, roles too (see [`ROLES`]): who is named so may be named by a given name alone
/// (`His wife, Jane, said`).
#[rustfmt::skip]
const KIN: &[&str] = &[
    "wife", "husband", "son", "daughter", "brother", "sister", "widow", "widower", "mother",
    "cousin", "nephew", "niece", "grandson", "granddaughter", "uncle", "aunt", "fiancee",
    "fiance", "girlfriend", "boyfriend",
];

/// Whether a role word names kin ([`KIN`]).
pub(crate) fn is_kin(w: &str) -> bool {
    KIN.contains(&w)
}

/// Roles in a team (`Leeds striker Jane Roe`, `Essex captain Jane Roe`): the name before
/// the role is the team's, and the name after it a person's (see [`ROLES`]).
#[rustfmt::skip]
const TEAM_ROLES: &[&str] = &[
    "striker", "midfielder", "goalkeeper", "keeper", "defender", "winger", "fullback",
    "full-back", "playmaker", "forward", "centre-forward", "centre-back", "sweeper", "batsman",
    "bowler", "spinner", "paceman", "all-rounder", "allrounder", "opener", "wicketkeeper",
    "wicket-keeper", "skipper", "vice-captain", "captain", "coach", "manager", "flanker",
    "hooker", "fly-half", "scrum-half", "lock", "prop", "centre", "quarterback", "pitcher",
    "catcher", "shortstop", "outfielder", "linebacker", "teammate", "team-mate", "wing",
    "flyhalf", "scrumhalf", "centre-half",
];

/// Titles and roles of one word that are adjectives, verbs or places too (`a major Japanese
/// bank`, `the premier Sydney event`, `to miss Wimbledon`, `to lock Labor out`, `the city
/// centre Melbourne`) or name firms (`market leader Woolworths`): no role before a name in
/// lower case.
#[rustfmt::skip]
const NOT_ROLES: &[&str] = &[
    "major", "general", "gen", "chief", "justice", "judge", "marshal", "premier", "leader",
    "representative", "rep", "miss", "lord", "lady", "lock", "prop", "centre", "wing",
];

/// Head words of compound titles (`Defense Secretary`, `Health Minister`): a capitalized
/// word before one of these is part of the title.
#[rustfmt::skip]
pub(crate) const TITLE_HEADS: &[&str] = &[
    "minister", "secretary", "spokesman", "spokeswoman", "leader", "commissioner", "director",
    "chief", "governor", "ambassador", "envoy", "adviser", "advisor", "chairman", "president",
    "mayor", "premier", "treasurer", "general", "judge", "coach", "captain", "inspector",
    "officer", "manager", "editor", "correspondent", "professor", "senator",
];

/// Last words that make a capitalized name an organization.
#[rustfmt::skip]
const ORG_CUES: &[&str] = &[
    "communications", "telecommunications", "research", "gaming", "esports", "leadership",
    "trustees",
    "ministry", "department", "party", "union", "university", "college", "institute",
    "company", "group", "bank",
    "council", "agency", "association", "commission", "committee", "authority", "bureau",
    "service", "services", "board", "foundation", "trust", "fund", "society", "federation",
    "league", "club", "organisation", "organization", "army", "navy", "police", "force", "forces",
    "guard", "brigade", "brigades", "battalion", "battalions",
    "movement", "airlines", "airways", "news", "times", "post", "herald",
    "journal", "tribune", "gazette", "daily", "television", "radio", "network", "broadcasting",
    "hospital",
    "infirmary", "clinic", "court", "parliament", "senate", "congress", "assembly", "restaurant",
    "industries", "holdings", "systems", "technologies", "pharmaceuticals", "laboratories",
    "laboratory",
    "studios", "records", "media", "academy", "secretariat", "tribunal", "reserve", "exchange",
    "groupe", "gruppe",
    "alliance", "coalition", "taskforce", "command", "corps", "regiment", "fleet", "nations",
    "democrats", "republicans", "school", "church", "cross", "office", "press", "telegraph",
    "mail", "express", "observer", "review", "magazine", "channel", "motors", "electronics",
    "energy", "petroleum", "airport authority", "cooperative", "co-operative", "tigers", "front",
    "administration", "institution", "centre", "center", "program", "programme", "constabulary",
    "guild", "gallery", "museum", "library", "chamber", "greens", "inquiry", "forum", "squad",
    "anonymous",
];

/// Legal forms of companies, organization cues too (`Volkswagen AG`, `Nokia Oyj`, `Eni SpA`):
/// a name with one and without it is one company (`Microsoft Corp` ... `Microsoft`).
#[rustfmt::skip]
pub(crate) const LEGAL_FORMS: &[&str] = &[
    "corporation", "corp", "inc", "ltd", "limited", "plc", "llc", "co", "ag", "gmbh", "nv", "bv",
    "spa", "sarl", "bhd", "pty", "oyj", "kk", "asa", "s.a.", "n.v.",
];

/// Lines of business that end company names (`Sun Hung Kai Properties`, `Jardine Fleming
/// Securities`, `Paramount Pictures`), and that other names list (`Australian Securities and
/// Investments Commission`): organization cues that end no name before `and`.
#[rustfmt::skip]
const BUSINESS_CUES: &[&str] = &[
    "securities", "properties", "investments", "insurance", "assurance", "partners", "bancorp",
    "chemicals", "mining", "minerals", "shipping", "breweries", "brewing", "foods", "stores",
    "enterprises", "ventures", "logistics", "aviation", "aerospace", "automotive",
    "therapeutics", "entertainment", "pictures", "publishing", "textiles", "telecom",
    "railways", "brothers", "bros", "stockbrokers", "brokers", "banks", "mines", "resources",
    "wines", "metals", "steel", "capital",
];

/// First words that, followed by `of`/`for`, make an organization (`Department of ...`).
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "department", "ministry", "university", "bank", "bureau", "office", "institute", "council",
    "board", "commission", "committee", "court", "federation", "association", "house", "chamber",
    "church", "college", "academy", "school", "society", "union", "league", "organisation",
    "organization", "party", "agency", "group", "proceedings", "friends", "order", "corporation",
    "federal", "state", "campaign", "movement", "coalition", "alliance", "front", "centre",
    "center", "foundation", "fund", "forum", "trust", "assembly", "guild", "shire", "gallery",
    "museum", "library",
    "municipality",
];

/// Words for a group, a firm, a bank or a party in Romance languages and German that open an
/// organization's name (`Grupo Televisa`, `Banco de Mexico`, `Partido Popular`, `Groupe
/// Danone`).
pub(crate) fn foreign_org_head(w: &str) -> bool {
    matches!(
        w,
        "grupo"
            | "gruppo"
            | "groupe"
            | "bank"
            | "banco"
            | "banca"
            | "banque"
            | "caja"
            | "caixa"
            | "compania"
            | "compañía"
            | "companhia"
            | "compagnie"
            | "empresa"
            | "société"
            | "societe"
            | "societa"
            | "società"
            | "agence"
            | "agencia"
            | "agenzia"
            | "partido"
            | "partito"
            | "parti"
            | "partei"
            | "instituto"
            | "istituto"
            | "institut"
            | "fundación"
            | "fundacion"
            | "fondazione"
    )
}

/// Heads of an organization's name before `for` only (`Campaign for Democracy`, `Fund for
/// Peace`): before `of` they are common nouns (`Movement of Iraqi troops`, `Centre of Time`).
pub(crate) fn heads_only_for(w: &str) -> bool {
    matches!(
        w,
        "campaign"
            | "movement"
            | "coalition"
            | "alliance"
            | "front"
            | "centre"
            | "center"
            | "foundation"
            | "fund"
            | "forum"
            | "trust"
            | "assembly"
    )
}

/// Well-known organizations whose names carry no cue word (lower case).
#[rustfmt::skip]
const KNOWN_ORGS: &[&str] = &[
    "one nation", "northern alliance", "palestinian authority", "irish republican army",
    "united nations", "u.n.", "un", "nato", "european union", "eu", "world bank", "imf",
    "international monetary fund", "world health organization", "who", "wto", "opec", "asean",
    "african union", "arab league", "red cross", "red crescent", "amnesty international",
    "human rights watch", "greenpeace", "interpol", "fbi", "cia", "nsa", "kgb", "fsb", "mi5",
    "mi6", "pentagon", "white house", "taliban", "taleban", "hamas", "hezbollah", "hizbollah", "al-qaeda",
    "al-qaida", "al-qa'ida", "al qaeda", "isis", "isil", "islamic state", "boko haram", "reuters",
    "associated press", "afp", "bbc", "cnn", "nbc", "abc", "cbs", "fox news", "msnbc",
    "al jazeera", "al-jazeera", "xinhua", "yonhap", "guardian", "google", "apple", "microsoft",
    "amazon", "facebook", "twitter", "netflix", "exxonmobil", "exxon", "toyota", "boeing",
    "airbus", "qantas", "telstra", "g8", "g7", "g20", "group of eight", "group of seven", "labor",
    "labour", "tories", "liberals", "nationals", "greens", "peronists", "gop", "fatah", "plo", "ira", "eta",
    "farc", "unicef", "unesco", "unhcr", "nasa", "fifa", "ioc", "olympic committee", "senate",
    "parliament", "congress", "democrats", "republicans", "general motors", "general electric",
    "general dynamics", "general mills", "standard & poor's", "crime stoppers",
    // News agencies that wire copy quotes by name.
    "interfax", "itar-tass", "tass", "ria novosti", "ansa", "kyodo", "jiji", "antara", "bernama",
    "irna", "kuna", "sapa", "tanjug", "dpa", "ctk",
    // National legislatures named in their own languages.
    "bundestag", "bundesrat", "sejm", "duma", "state duma", "lok sabha", "rajya sabha", "majlis",
    "storting", "riksdag", "folketing", "eduskunta", "althing", "dail", "dáil", "seanad",
    "oireachtas", "verkhovna rada", "saeima", "seimas", "riigikogu", "sabor",
    "sobranie", "skupstina", "knesset", "jatiya sangsad", "national assembly", "nationalrat",
    "bundesversammlung", "tweede kamer", "eerste kamer", "lagting", "mejlis",
    "jirga", "loya jirga", "khural", "oliy majlis", "jogorku kenesh", "milli majlis",
];

/// Last words that make a capitalized name a place (roads, features, buildings).
#[rustfmt::skip]
const LOC_CUES: &[&str] = &[
    "highway", "road", "street", "st", "avenue", "ave", "boulevard", "lane", "drive", "place",
    "square", "bridge", "tunnel", "freeway", "motorway", "river", "lake", "sea", "ocean", "gulf",
    "bay", "strait", "straits", "channel", "island", "islands", "peninsula", "mountain",
    "mountains", "mount", "range", "valley", "desert", "forest", "park", "national park", "beach",
    "coast", "harbour", "harbor", "falls", "creek", "reef", "highlands", "plains", "heights",
    "hills", "palace", "airport", "stadium", "dome", "monument", "cathedral", "tower", "castle",
    "ground", "oval", "arena", "showground", "racecourse", "speedway", "garden", "gardens",
    "ferry", "tops", "zone", "region", "province", "county", "district", "territory", "strip",
    "bank", "shire", "ranges", "dam", "reservoir", "weir", "wharf", "quay", "pier", "cove",
    "tableland", "tablelands", "crossing", "basin", "gorge", "lagoon", "swamp", "wetlands",
    "estuary", "plateau", "glacier", "canal", "mall", "track", "barracks", "dock", "docks",
    "jetty", "marina", "esplanade", "terrace", "crescent", "promenade",
];

/// First words that make a place (`Lake Eyre`, `Mount Everest`).
#[rustfmt::skip]
const LOC_HEADS: &[&str] = &[
    "lake", "mount", "mt", "cape", "port", "fort", "isle", "gulf", "river",
];

/// Capitalized words that start sentences or headlines but name nothing (lower case); the
/// lead words below are added to them.
#[rustfmt::skip]
const STOP_CAPS: &[&str] = &[
    "olympic", "ok", "uss", "hms", "camp",
    "nor", "yet", "its", "whom", "whose", "more", "much", "few", "several", "none", "other",
    "another", "such", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "first", "second", "third", "last", "next", "new", "old", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "tomorrow", "tonight", "around", "again", "further", "please", "dear", "god", "christmas",
    "easter", "internet", "web", "islamic", "muslim", "muslims", "christian", "christians",
    "jewish", "jews", "catholic", "catholics", "kurdish", "kurds", "arab", "arabs", "western",
    "eastern", "northern", "southern", "central", "government", "federal", "state", "national",
    "international", "local", "police", "army", "minister", "officials", "official", "authorities",
    "democratic", "republican", "be", "been", "might", "shall", "instead", "well", "oh", "mr",
    "mrs", "ms", "dr", "sir", "prof", "any", "everyone", "everybody", "nobody", "someone",
    "something", "nothing", "anything", "everything", "people", "asked", "said", "says", "chief",
    "executive", "president", "prime", "spokesman", "spokeswoman", "labor", "english", "french",
    "spanish", "german", "chinese", "japanese", "korean", "arabic", "staff", "ad", "advertisement",
    "photo", "video", "read", "click", "share", "via", "senior", "junior", "former", "acting",
    "deputy", "interim", "ex", "sources", "source", "report", "reports", "news", "update",
    "breaking", "live", "watch", "see", "note", "opposition", "leader", "supreme", "court", "west",
    "east", "north", "south", "search", "eve", "republic", "kingdom", "city", "town", "world",
    "earth", "online", "commonwealth",
];

/// Words stripped from the start of a capitalized run before anything else is tried.
#[rustfmt::skip]
const LEAD_WORDS: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "in", "on", "at", "of", "for", "to", "from", "by",
    "with", "as", "if", "when", "while", "after", "before", "during", "since", "until", "although",
    "though", "because", "this", "that", "these", "those", "there", "here", "it", "he", "she",
    "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "what", "which", "who",
    "where", "why", "how", "however", "meanwhile", "also", "both", "each", "every", "many", "most",
    "some", "all", "no", "not", "yesterday", "today", "earlier", "later", "like", "unlike",
    "despite", "under", "over", "about", "among", "against", "between", "without", "within",
    "then", "now", "once", "only", "just", "even", "still", "according", "is", "are", "was",
    "were", "will", "would", "can", "could", "should", "must", "do", "does", "did", "has", "have",
    "had", "let", "whether", "yes", "thanks",
];

/// Last words of event, competition and award names: not persons or organizations.
#[rustfmt::skip]
const EVENT_CUES: &[&str] = &[
    "bulletin", "memorandum", "report", "perimeter", "takeover",
    "cup", "open", "games", "olympics", "championship", "championships", "awards", "award",
    "prize", "festival", "summit", "war", "day", "week", "series", "tournament", "trophy",
    "marathon", "classic", "grand prix", "show", "conference", "act", "bill", "treaty",
    "agreement", "accord", "plan", "scheme", "killer", "defence", "defense", "initiative",
];

/// All-capital words that are not organizations.
#[rustfmt::skip]
const NOT_ORGS: &[&str] = &[
    "aedt", "aest", "acst", "acdt", "awst", "awdt", "nzst", "nzdt", "gmt", "utc", "est", "edt",
    "pst", "pdt", "bst", "cet", "ceo",
    "cfo", "coo", "mp", "mps", "pm", "am", "fm", "tv", "ok", "gdp", "hiv", "aids", "dna", "usd",
    "aud", "id", "it", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "sms", "usb", "pc",
    "faq", "url", "pdf", "vip", "ad", "bc", "nb", "ps", "he", "ma", "phd", "mba", "qc", "kc",
    "obe", "mbe", "cbe", "rip", "sos", "ufo", "pr",
    // Terms of economics, technology and medicine written as acronyms.
    "gst", "vat", "cpi", "ppi", "ipo", "atm", "pin", "gps", "dvd", "cd", "suv", "lng", "lpg",
    "wmd", "icu", "ivf", "mri", "ecg", "bmi", "ptsd", "adhd", "sars", "std", "sim", "lcd", "bse",
    "cjd",
    // Units of the markets' reports (`5.00 PCT`, `500 MLN MARKS`, `+12 BP`).
    "pct", "mln", "bln", "bps", "cts",
    // Credit ratings (`rated AAA`; not `BP` or `AA`, firms' names too).
    "aaa", "bbb", "ccc", "aa1", "aa2", "aa3", "baa1", "baa2", "baa3",
    // Words of typography (`home team in CAPS`).
    "caps", "bold", "italics",
    // Terms joined by an ampersand (`R&D`, `M&A`).
    "r&d", "m&a", "q&a", "b&b", "r&b", "p&l", "b&w", "f&b", "c&w", "s&l", "a&e", "t&c", "t&cs",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_filter_keeps_every_place_and_turns_most_other_words_away() {
        let lx = &*LEXICON;
        for &k in lx.place_names.keys() {
            assert!(lx.place_filter.may_contain(place_hash(k)), "{k}");
            assert!(lx.place(k).is_some(), "{k}");
        }
        let others: Vec<String> = (0..20_000).map(|i| format!("not a place {i}")).collect();
        let passed = others.iter().filter(|k| lx.place_filter.may_contain(place_hash(k))).count();
        assert!(passed < others.len() / 20, "{passed} of {} pass the filter", others.len());
        assert!(others.iter().all(|k| lx.place(k).is_none()));
    }

    /// The rows of `tsv` as `str::lines`, then `split('\t')`, read them: comments and empty
    /// lines skipped (the old parsing kept an empty line of the surnames as an empty name),
    /// at most 12 fields.
    fn reference_rows(tsv: &str) -> Vec<Vec<&str>> {
        tsv.lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').take(12).collect())
            .collect()
    }

    fn rows(tsv: &str) -> Vec<Vec<&str>> {
        let mut out: Vec<Vec<&str>> = Vec::new();
        for_each_row(tsv, |f, n| out.push(f[..n].to_vec()));
        out
    }

    #[test]
    fn rows_are_split_like_lines_then_tabs() {
        for tsv in [
            "",
            "\n",
            "a\tb\tc\n",
            "#comment\ta\nx\ty\n",
            "a\tb\r\nc\td\r\n",
            // A CR without a line feed after it is text, as `str::lines` reads it.
            "a\r",
            "a\tb\r",
            "a\rb\tc\n",
            "last\tline\tno\tnewline",
            "trailing\ttab\t",
            "a\t\t\tb\n\n\nc\n",
            "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\n",
            // Around the 32-byte blocks the separators are looked for in, and characters of
            // several bytes across a block's end.
            "0123456789012345678901234567890\t1\n012345678901234567890123456789012\t\n",
            "012345678901234567890123456789\u{e9}\t\u{4e2d}\u{6587}x\u{1f600}\ty\n",
            "Z\u{fc}rich\tZurich\tcity\tCH\n",
        ] {
            assert_eq!(rows(tsv), reference_rows(tsv), "{tsv:?}");
        }
        let mut counted = Vec::new();
        for_each_row("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\n", |_, k| counted.push(k));
        assert_eq!(counted, [12]);
    }

    #[test]
    fn the_committed_files_are_read_as_lines_then_tabs() {
        for (name, tsv) in
            [("places", PLACES), ("given", GIVEN), ("surnames", SURNAMES), ("demonyms", DEMONYMS)]
        {
            assert_eq!(rows(tsv), reference_rows(tsv), "{name}");
        }
    }

    #[test]
    fn numbers_parse_as_the_standard_parser_does() {
        for s in [
            "",
            "0",
            "7",
            "0012",
            "123456789",
            "9999999999999999999",
            "18446744073709551615",
            "18446744073709551616",
            "+5",
            "-5",
            "1.5",
            " 1",
            "1e3",
            "abc",
        ] {
            assert_eq!(parse_number(s), s.parse::<u64>().ok(), "{s:?}");
        }
    }

    #[test]
    fn every_gazetteer_row_is_read_with_its_fields() {
        // The rows the old parsing kept (11 fields or more, a known kind), field by field.
        let kinds = ["continent", "region", "country", "admin1", "city"];
        let want: Vec<Vec<&str>> = reference_rows(PLACES)
            .into_iter()
            .chain(reference_rows(TOWNS))
            .chain(reference_rows(LOCALITIES))
            .chain(reference_rows(REGIONS))
            .filter(|f| f.len() >= 11 && kinds.contains(&f[3]))
            .collect();
        let lx = &*LEXICON;
        assert_eq!(lx.places.len(), want.len());
        for (row, f) in lx.places.iter().zip(&want) {
            assert_eq!(
                (row.name, row.lat, row.lon, row.admin1),
                (f[1], f[5], f[6], f[10]),
                "{f:?}"
            );
            assert_eq!(row.geonames_id, f[0].parse::<u32>().ok(), "{f:?}");
            assert_eq!(row.population, f[7].parse::<u64>().unwrap_or(0), "{f:?}");
            assert_eq!(row.country, country_code(f[4]), "{f:?}");
        }
        for f in reference_rows(GIVEN).iter().filter(|f| f.len() >= 2) {
            assert!(lx.given.contains_key(key(f[0]).as_str()), "{f:?}");
        }
        let mut demonyms = 0;
        for line in DEMONYMS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((d, c)) = line.split_once('\t')
                && let Some(c) = country_code(c.trim())
            {
                assert_eq!(lx.demonyms.get(key(d).as_str()), Some(&c), "{line:?}");
                demonyms += 1;
            }
        }
        assert!(demonyms > 400 && lx.demonyms.len() <= demonyms);
        for f in reference_rows(SURNAMES) {
            assert!(lx.surnames.contains(key(f[0]).as_str()), "{f:?}");
        }
    }
}
