//! Entity and quotation tagging: rules over capitalized spans, gazetteer look-ups and
//! document-level consistency, in one pass over the tokens plus a small assembly step.
//!
//! 1. [`tokens::tokenize`] splits the text once into words and punctuation (byte offsets).
//! 2. Runs of capitalized words (joined by `of`, `for`, `and`, `bin`, ...) are segmented left
//!    to right: a well-known organization, a gazetteer place, a name ending in an organization
//!    cue (`Ministry`, `Party`, `Union`...) or a place cue (`Highway`, `Lake`...), a nationality
//!    word (skipped: never a place), a title (skipped, but remembered as evidence for the
//!    person that follows and for later references such as `the Leader`), or a name.
//! 3. The article is then assembled: person mentions merge into the fullest name that ends
//!    or starts with them, loose single words become a person's surname, an organization's
//!    acronym or a place when the article or their context says so, and places are resolved
//!    among same-named candidates by the countries the article names (and the nationality
//!    words it uses), then by kind and population.
//! 4. [`quotes`] finds quotations and their speakers using the mentions found.

mod lexicon;
mod quotes;
mod tokens;
mod wire;

use copydesk_core::{Entities, Entity, Place, Quote};

pub(crate) use lexicon::LEXICON;
use lexicon::{Gender, Lexicon, PlaceKind, class, key};
use tokens::{CAP, HYPHEN, PARTICLE, SENT, UPPER};
pub(crate) use tokens::{Tok, WORD, tokenize};
pub(crate) use wire::{add_wire_entities, dateline_country};

/// What a mention refers to, once the article is assembled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Person(usize),
    Org(usize),
    Loc(usize),
    /// A title used alone (`the Leader`, `The President`): the word a reference uses.
    Title(&'static str),
}

/// A resolved mention, for quote attribution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ref {
    /// Byte span of the mention, title included.
    pub(crate) s: u32,
    pub(crate) e: u32,
    pub(crate) target: Target,
    /// The title the mention carried (`president` in `President Rashid`).
    pub(crate) title: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
    Loc,
    /// A capitalized word or name with no evidence yet.
    Unknown,
    Title,
}

#[derive(Clone, Debug)]
struct Mention {
    kind: Kind,
    /// Byte span of the name (title excluded).
    s: u32,
    e: u32,
    /// Token span of the name.
    ts: u32,
    te: u32,
    /// Start of the titled form (`President Rashid`), when a title preceded.
    title_s: Option<u32>,
    title: Option<&'static str>,
    /// Gazetteer rows, for places found in it.
    rows: Option<&'static [u32]>,
    /// A longer form with a lower-case head noun (`Hunan province`).
    head_e: Option<u32>,
    /// A gazetteer town set aside for lack of evidence (see `assemble`).
    demoted: bool,
    /// Preceded by the article `the`: not a person's name.
    article: bool,
    /// The mention whose name this acronym abbreviates (`MCG` for `Melbourne Cricket
    /// Ground`), for places.
    alias_of: Option<u32>,
}

/// `w.split_once('-')` by a byte search: the `char` pattern's searcher cost a hundred
/// instructions a word.
fn split_hyphen(w: &str) -> Option<(&str, &str)> {
    let at = w.bytes().position(|b| b == b'-')?;
    Some((&w[..at], &w[at + 1..]))
}

/// Words that join capitalized words into one name.
fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "and" | "the" | "&" | "y" | "und" | "on") || is_name_particle(w)
}

/// Connectors that may sit inside a person's name.
fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "bin"
            | "al"
            | "van"
            | "von"
            | "de"
            | "da"
            | "del"
            | "der"
            | "du"
            | "la"
            | "le"
            | "dos"
            | "di"
            | "wa"
    )
}

/// Month abbreviations, lower-cased.
/// Letters written after a name: honours, offices, degrees (`QC`, `MP`, `AO`, `OBE`, `MD`).
fn is_post_nominal(w: &[u8]) -> bool {
    matches!(
        w,
        b"QC"
            | b"KC"
            | b"SC"
            | b"MP"
            | b"MLA"
            | b"MLC"
            | b"MHA"
            | b"AC"
            | b"AO"
            | b"AM"
            | b"OAM"
            | b"OBE"
            | b"MBE"
            | b"CBE"
            | b"KBE"
            | b"DBE"
            | b"OM"
            | b"CH"
            | b"JP"
            | b"MD"
            | b"VC"
    )
}

fn is_month_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Lower-case words before a place (`in Tehran`, `near Goulburn`).
fn is_place_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "near"
            | "across"
            | "around"
            | "outside"
            | "towards"
            | "toward"
            | "through"
            | "via"
            | "inside"
            | "throughout"
            | "nearby"
            | "neighbouring"
            | "neighboring"
    )
}

/// Compass points that name a part of a place before its name (`North Aceh`, `Central
/// Java`), lower-cased.
fn is_compass_point(w: &str) -> bool {
    matches!(w, "north" | "south" | "east" | "west" | "central" | "northern" | "southern")
}

/// Lower-case generic heads after a place name (`Hunan province`).
fn is_place_head(w: &str) -> bool {
    matches!(
        w,
        "province"
            | "region"
            | "village"
            | "township"
            | "beach"
            | "district"
            | "county"
            | "state"
            | "city"
            | "town"
            | "suburb"
            | "valley"
            | "river"
            | "island"
            | "prefecture"
            | "governorate"
            | "territory"
            | "crossing"
            | "checkpoint"
            | "basin"
            | "delta"
            | "gorge"
            | "canyon"
            | "glacier"
            | "oasis"
    )
}

pub(crate) fn is_pronoun(w: &str) -> Option<Gender> {
    match w {
        "he" | "He" => Some(Gender::Male),
        "she" | "She" => Some(Gender::Female),
        _ => None,
    }
}

/// A [`Doc::cls`] bit beside the lexicon's: the token has a non-ASCII character.
const NON_ASCII: u32 = 1 << 30;

/// Scratch state of one article.
struct Doc<'t> {
    text: &'t str,
    /// `text` in lower case, offset for offset.
    folded: &'t str,
    toks: Vec<Tok>,
    mentions: Vec<Mention>,
    /// Countries named or implied by nationality words, with mention counts.
    countries: Vec<([u8; 2], u32)>,
    /// The country of the story's dateline, taken out of the text.
    context: Option<[u8; 2]>,
    /// Admin1 codes of the regions the article names (`SCT`).
    admin1: Vec<([u8; 2], &'static str)>,
    /// Countries named as such (`Iran`, `U.S.`).
    named_countries: Vec<[u8; 2]>,
    /// Countries of the nationality words used.
    demonym_countries: Vec<[u8; 2]>,
    /// Offsets of the paragraph breaks.
    breaks: Vec<u32>,
    /// Per paragraph: written in capitals (a headline, a dateline line: see
    /// [`Doc::capitals`]); made when a run of capitals first asks.
    shouted: std::cell::OnceCell<Vec<bool>>,
    /// [`Doc::common_word`]'s answers so far, by the word in lower case.
    common_words:
        std::cell::RefCell<std::collections::HashMap<&'t str, bool, foldhash::fast::FixedState>>,
    buf: String,
    /// Each token's [`Lexicon::classes`] bits (with `class::DONE`), or 0 before
    /// [`Doc::classify`] reached it.
    cls: Vec<u32>,
}

impl<'t> Doc<'t> {
    fn w(&self, i: usize) -> &'t str {
        self.toks[i].text(self.text)
    }

    /// Word `i` as bytes: compared with an ASCII word, it needs none of the character-boundary
    /// checks of slicing the `str` (a tenth of the segmenter, in its loops over a run).
    fn wb(&self, i: usize) -> &'t [u8] {
        let t = &self.toks[i];
        &self.text.as_bytes()[t.s as usize..t.e as usize]
    }

    /// Looks up the classes of tokens `a..b` not classified yet.
    fn classify(&mut self, lx: &Lexicon, a: usize, b: usize) {
        for k in a..b {
            if self.cls[k] == 0 {
                let w = self.lower(k);
                let ascii = if self.wb(k).is_ascii() { 0 } else { NON_ASCII };
                let mut c = lx.classes.get(w).copied().unwrap_or(0);
                // `Vice-Premier`, `Deputy-Governor`, `Ex-President`: a title too.
                if c == 0
                    && let Some((head, rest)) = w.split_once('-')
                    && matches!(head, "vice" | "deputy" | "ex" | "acting")
                {
                    c = lx.classes.get(rest).copied().unwrap_or(0) & class::TITLE;
                }
                self.cls[k] = class::DONE | ascii | c;
            }
        }
    }

    /// True when classified token `k`, in lower case, is in the lexicon set of `bit`.
    fn has(&self, k: usize, bit: u32) -> bool {
        debug_assert!(self.cls[k] != 0);
        self.cls[k] & bit != 0
    }

    /// Whether a key of two or more words starting at token `i` may be in the set whose first
    /// words are marked `first`: always for a non-ASCII word (its key in [`Doc::span_key`] may
    /// be lower-cased otherwise than the folded text).
    fn may_start(&self, i: usize, first: u32) -> bool {
        self.has(i, first | NON_ASCII)
    }

    /// Word `i` in lower case (a slice of the folded text: no allocation).
    fn lower(&self, i: usize) -> &'t str {
        let t = &self.toks[i];
        &self.folded[t.s as usize..t.e as usize]
    }

    /// Lower-cased words `i..j`, space-joined: a slice of the folded text when single spaces
    /// separate them (the usual case), else built in the reused buffer.
    fn span_key(&mut self, i: usize, j: usize) -> &str {
        let spaced = (i + 1..j).all(|k| {
            let gap = self.toks[k - 1].e as usize;
            self.toks[k].s as usize == gap + 1 && self.text.as_bytes()[gap] == b' '
        });
        if spaced {
            return &self.folded[self.toks[i].s as usize..self.toks[j - 1].e as usize];
        }
        self.buf.clear();
        for k in i..j {
            // A dot joined to its word stays joined (`st. louis`).
            let joined = self.toks[k].ch == '.' && self.toks[k].s == self.toks[k - 1].e;
            if k > i && !joined {
                self.buf.push(' ');
            }
            let w = self.toks[k].text(self.text);
            if w.is_ascii() {
                self.buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                self.buf.extend(w.chars().flat_map(char::to_lowercase));
            }
        }
        &self.buf
    }

    /// `Wilton and Bulli`, `between Penrith and Springwood`, `Goulburn, Mittagong`: a loose
    /// word listed with a place (or with a town the gazetteer knows elsewhere) is a place.
    fn coordinated_with_place(&self, k: usize) -> bool {
        let m = &self.mentions[k];
        let (ts, te) = (m.ts as usize, m.te as usize);
        // (A slash too, between the ends of a route: `Rouen / Alexandria`.)
        let joins = |i: usize| {
            self.toks.get(i).is_some_and(|t| {
                t.ch == ',' || t.ch == '/' || matches!(t.text(self.text), "and" | "or")
            })
        };
        // `F-16 fighter bombers hit Jenin`: no place has a digit in its name.
        if slice(self.text, (m.s, m.e)).bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        // (A small town set aside supports another set aside, and a name listed with it
        // unless people bear its name: `Woolworths and Coles` are two firms, Coles a
        // hamlet's name and a surname.)
        let placeish = |o: &Mention| {
            o.kind == Kind::Loc
                || (o.demoted && m.demoted)
                || (o.demoted && {
                    let lx = &*lexicon::LEXICON;
                    let w = key_at(self.text, self.folded, (o.s, o.e));
                    !lx.surnames.contains(&*w) && !lx.is_given(&w)
                })
        };
        // Mentions are in text order and do not overlap: the one ending at token `end` is the
        // last that starts before it, the one starting at `start` found by a binary search.
        let ending_at = |end: usize| {
            let p = self.mentions.partition_point(|o| (o.ts as usize) < end);
            p.checked_sub(1).map(|p| &self.mentions[p]).filter(|o| o.te as usize == end)
        };
        let starting_at = |start: usize| {
            let p = self.mentions.partition_point(|o| (o.ts as usize) < start);
            self.mentions.get(p).filter(|o| o.ts as usize == start)
        };
        // (Not after a place that opens the sentence with `In`: `In Moscow, Vorsk reported`.)
        let introduced = |o: &Mention| {
            o.ts >= 1 && {
                let p = &self.toks[o.ts as usize - 1];
                p.is(SENT) && p.is(WORD) && p.text(self.text) == "In"
            }
        };
        let before = ts >= 2
            && joins(ts - 1)
            && ending_at(ts - 1).is_some_and(|o| placeish(o) && !introduced(o));
        let after = joins(te) && starting_at(te + 1).is_some_and(placeish);
        // `between X and Y` where one of the two is a known town.
        let between = m.demoted
            && self.prev_word_lower(ts) == Some("between")
            && self.toks.get(te).is_some_and(|t| t.text(self.text) == "and");
        let after_between = ts >= 2
            && self.toks[ts - 1].text(self.text) == "and"
            && ending_at(ts - 1).is_some_and(|o| {
                o.demoted && self.prev_word_lower(o.ts as usize) == Some("between")
            });
        before || after || between || after_between
    }

    /// Whether mention `k`, one word, is one of names listed before a plural noun for places:
    /// `Vorsk and Qorvash streets`, `the Vorsk, Qorvash and Telemba rivers`.
    fn listed_before_plural_place(&self, k: usize) -> bool {
        let m = &self.mentions[k];
        if m.te - m.ts != 1 {
            return false;
        }
        let joins = |t: &Tok| t.is(WORD) && matches!(t.text(self.text), "and" | "or");
        let mut joined = m.ts >= 1 && joins(&self.toks[m.ts as usize - 1]);
        // Forward over the list: commas, `and`, `or` and capitalized words.
        let mut j = m.te as usize;
        while let Some(t) = self.toks.get(j) {
            if t.ch == ',' || joins(t) {
                joined = true;
            } else if !(t.is(CAP) && t.is(WORD)) {
                break;
            }
            j += 1;
        }
        joined
            && self.toks[j - 1].is(CAP)
            && self.toks.get(j).is_some_and(|t| {
                t.is(WORD)
                    && matches!(
                        t.text(self.text),
                        "streets"
                            | "roads"
                            | "avenues"
                            | "highways"
                            | "rivers"
                            | "creeks"
                            | "lakes"
                            | "islands"
                            | "mountains"
                    )
            })
    }

    /// Whether mention `k` is joined by `and` or `or` (an article may follow) to an
    /// organization right before or right after it (`Deutsche Bank and Dresdner`), one of two
    /// words or more, a known one or an acronym: a one-word name made an organization by the
    /// word before it may be half of a firm's name (`accountancy firm Ernst and Young`).
    /// `start` is where the name starts, with the capitalized words before it that the
    /// segmenter set aside (`Hamas and Islamic Jihad`).
    fn coordinated_with_org(&self, lx: &Lexicon, k: usize, start: usize) -> bool {
        // An acronym of three to six letters counts too (`Westpac and ANZ`).
        let acronym = |o: &Mention| {
            let w = slice(self.text, (o.s, o.e));
            o.te - o.ts == 1
                && matches!(o.kind, Kind::Org | Kind::Unknown)
                && self.toks[o.ts as usize].is(UPPER)
                && (3..=6).contains(&w.len())
                && w.bytes().all(|b| b.is_ascii_uppercase())
                && !lx.not_orgs.contains(key(w).as_str())
        };
        self.listed_with(k, start, |o| {
            (o.kind == Kind::Org && (o.te - o.ts >= 2 || self.has(o.ts as usize, class::KNOWN_ORG)))
                || acronym(o)
        })
    }

    /// Whether mention `k` (from token `start`) is listed with a known organization of one
    /// word: `Qantas and Vorsk Blue`, `Vorsk Blue or Qantas`.
    fn coordinated_with_known_org(&self, k: usize, start: usize) -> bool {
        self.listed_with(k, start, |o| {
            o.kind == Kind::Org && o.te - o.ts == 1 && self.has(o.ts as usize, class::KNOWN_ORG)
        })
    }

    /// Whether mention `k` (from token `start`) is listed with a mention that `other` accepts:
    /// names joined by `and` or `or`, or by commas in a series of three or more that ends with
    /// `and` or `or`, up to eight names either way.
    fn listed_with(&self, k: usize, start: usize, other: impl Fn(&Mention) -> bool) -> bool {
        let m = &self.mentions[k];
        let and_or = |i: usize| {
            self.toks
                .get(i)
                .is_some_and(|t| t.is(WORD) && matches!(t.text(self.text), "and" | "or"))
        };
        // A comma joins too in a series of three or more names that ends with `and` or `or`
        // (`Barclays, NatWest, Vorsk and Qell`), not in an apposition (`Vorsk, a bank,`).
        // (Nor inside a name: `the Construction, Forestry, Mining and Energy Union`.)
        // (Two commas or more: `According to Vorsk, Jane and Joan met` is no list.)
        let series = |i: usize| {
            let end = (i + 1..self.toks.len().min(i + 16))
                .find(|&j| !self.toks[j].is(CAP) && self.toks[j].ch != ',')
                .unwrap_or(i);
            let start = (i.saturating_sub(16)..i)
                .rev()
                .find(|&j| !self.toks[j].is(CAP) && self.toks[j].ch != ',')
                .map_or(0, |j| j + 1);
            end > i + 1
                && (start..end).filter(|&j| self.toks[j].ch == ',').count() >= 2
                && and_or(end)
                && self.toks[end - 1].is(CAP)
                && !(end + 1..self.toks.len())
                    .take_while(|&j| self.toks[j].is(CAP))
                    .any(|j| LEXICON.word_in(self.lower(j), class::ORG_CUE))
        };
        let joins = |i: usize| {
            and_or(i)
                || (self.toks.get(i).is_some_and(|t| t.ch == ',')
                    && i >= 1
                    && self.toks[i - 1].is(CAP)
                    && series(i))
        };
        // Any member of the list counts, up to eight names either way.
        let mut s = start;
        for j in (k.saturating_sub(8)..k).rev() {
            let o = &self.mentions[j];
            if !(o.te as usize + 1 == s && joins(o.te as usize)) {
                break;
            }
            if other(o) {
                return true;
            }
            s = o.ts as usize;
        }
        // (`Westpac and the National Australia Bank`: an article may come between.)
        let mut cur = m;
        for o in self.mentions.iter().skip(k + 1).take(8) {
            let te = cur.te as usize;
            let the = te + 1 < self.toks.len() && self.w(te + 1) == "the";
            if !(joins(te) && cur.te + 1 + u32::from(the) == o.ts) {
                break;
            }
            if other(o) {
                return true;
            }
            cur = o;
        }
        false
    }

    /// Whether the last word of the name `i..j` is a big place (`Real Madrid`, `Greater
    /// Sydney`): a team, an area, not a surname.
    fn ends_in_place(&self, lx: &Lexicon, i: usize, j: usize) -> bool {
        j > i + 1 && self.big_place(lx, j - 1)
    }

    /// Whether word `i` is a country, a region or a city of 100,000 people or more.
    fn big_place(&self, lx: &Lexicon, i: usize) -> bool {
        lx.place(self.lower(i))
            .is_some_and(|rows| rows.iter().any(|&r| lx.places[r as usize].is_big()))
    }

    /// True when word `i` follows a journey's `to` or `from` (`flew to Vorsk`, `flights from
    /// Vorsk`): a known place there is one, not a person it is named like. (An unknown word
    /// there is no place: `moved to Ryanair`.)
    fn after_journey(&self, i: usize) -> bool {
        i >= 2
            && matches!(self.w(i - 1), "to" | "from")
            && matches!(
                self.w(i - 2),
                "flew"
                    | "flown"
                    | "fly"
                    | "flies"
                    | "flying"
                    | "sailed"
                    | "travelled"
                    | "traveled"
                    | "drove"
                    | "driven"
                    | "deported"
                    | "evacuated"
                    | "flights"
                    | "flight"
                    | "trip"
                    | "journey"
                    | "route"
                    | "fled"
                    | "airlifted"
                    | "extradited"
            )
    }

    /// True when a noun for a firm, with no article before it, comes right before token `i`:
    /// the name after it is the firm's (`diamond group De Vorsk`, `of retailer Harris Scarfe`;
    /// not `the company Jane Roe founded`, `publisher Jane Roe`).
    fn firm_noun_before(&self, i: usize) -> bool {
        // (A firm's noun opening the sentence counts: `Retailer Vorsk Norman has reported`;
        // so does a plural before `such as`: `retailers such as Jane Roe`.)
        let w = (i >= 1 && self.toks[i - 1].is(WORD))
            .then(|| self.lower(i - 1))
            .filter(|_| !self.toks[i - 1].is(CAP) || self.toks[i - 1].is(SENT));
        let such_as = i >= 3
            && self.prev_word_lower(i) == Some("as")
            && self.prev_word_lower(i - 1) == Some("such")
            && self.prev_word_lower(i - 2).is_some_and(is_org_noun_plural);
        such_as
            || w.is_some_and(|w| {
                is_org_noun(w)
                    && !is_people_noun(w)
                    && !matches!(w, "party" | "union" | "club" | "movement" | "faction")
            }) && (i < 2
                || !matches!(
                    self.prev_word_lower(i - 1),
                    Some("the" | "a" | "an" | "this" | "that")
                ))
    }

    /// True when word `i` is a month's abbreviation with a number among the `within` tokens
    /// after it: a date (`Dec 6`, `Jan. 12`).
    fn month_before_number(&self, i: usize, within: usize) -> bool {
        is_month_abbreviation(self.lower(i))
            && self.toks[i + 1..]
                .iter()
                .take(within)
                .any(|t| t.is(WORD) && self.text.as_bytes()[t.s as usize].is_ascii_digit())
    }

    /// True when word `i` ends a firm's name: a word of a line of business, a legal form or
    /// an airline's word (`Investments`, `Ltd`, `Airlines`).
    fn firm_word(&self, i: usize) -> bool {
        self.has(i, class::BUSINESS_CUE)
            || lexicon::LEGAL_FORMS.contains(&self.lower(i))
            || matches!(self.lower(i), "airways" | "airlines")
    }

    /// True when word `i` heads an organization's name before the `of` or `for` after it
    /// (`Department of ...`, `Campaign for ...`); the heads of `for` only are common nouns
    /// before `of` (`Movement of Iraqi troops`).
    fn heads_org(&self, i: usize) -> bool {
        self.has(i, class::ORG_HEAD)
            && match self.toks.get(i + 1).map(|_| self.wb(i + 1)) {
                Some(b"for") => true,
                Some(b"of") => !lexicon::heads_only_for(self.lower(i)),
                _ => false,
            }
    }

    /// `the town of X`, `the suburb of X`, or a list of places (see [`Doc::in_place_list`]).
    fn after_place_noun(&self, i: usize) -> bool {
        self.after_singular_place_noun(i) || self.in_place_list(i)
    }

    /// Whether the name at word `i` is in a list of places that a plural noun for places
    /// opens: `towns like Vorsk and Qorvash`, `the suburbs of Vorsk, Qorvash and Telemba`,
    /// `cities such as Vorsk`, `regional centres including Vorsk`.
    fn in_place_list(&self, i: usize) -> bool {
        // Back over the list: capitalized words, commas, `and`, `or` (twenty tokens at most).
        // (A comma right before the name after an `and` closes the list: `countries such as
        // Vorsk and Qorvash, Telembo dominates`.)
        let after_comma = i > 0 && self.toks[i - 1].ch == ',';
        let mut k = i;
        while k > 0 && k + 20 > i {
            let t = &self.toks[k - 1];
            let joins = t.is(WORD) && matches!(self.w(k - 1), "and" | "or");
            if joins && after_comma {
                return false;
            }
            if t.is(CAP) || t.ch == ',' || joins {
                k -= 1;
            } else {
                break;
            }
        }
        let plural = |j: usize| {
            self.toks[j].is(WORD)
                && matches!(
                    self.lower(j),
                    "towns"
                        // `residents of Vorsk and Qorvash`, `the outskirts of Vorsk`.
                        | "residents"
                        | "outskirts"
                        | "suburbs"
                        | "cities"
                        | "villages"
                        | "regions"
                        | "provinces"
                        | "districts"
                        | "countries"
                        | "islands"
                        | "states"
                        | "shires"
                        | "centres"
                        | "centers"
                        | "capitals"
                        | "ports"
                )
        };
        match (k >= 2).then(|| self.w(k - 1)) {
            Some("of" | "like" | "including") => plural(k - 2),
            Some("as") => k >= 3 && self.w(k - 2) == "such" && plural(k - 3),
            _ => false,
        }
    }

    /// `the town of X`, `the suburb of X`.
    fn after_singular_place_noun(&self, i: usize) -> bool {
        // `the Member for Vorsk`, `the MP for Vorsk`: a seat.
        if i >= 2 && self.w(i - 1) == "for" && matches!(self.lower(i - 2), "member" | "mp") {
            return true;
        }
        // `the river Vorsk`.
        if i >= 2 && self.w(i - 1) == "river" && self.lower(i - 2) == "the" {
            return true;
        }
        i >= 2
            && self.w(i - 1) == "of"
            && matches!(
                self.w(i - 2),
                "town"
                    | "city"
                    | "village"
                    | "suburb"
                    | "state"
                    | "province"
                    | "region"
                    | "capital"
                    | "port"
                    | "island"
                    | "district"
                    | "county"
                    | "township"
                    | "hamlet"
                    | "seat"
                    | "electorate"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
            )
    }

    /// True when word `i` (capitalized here, 4 bytes or more) also occurs in lower case in the
    /// article: some word token not capitalized is its key.
    ///
    /// Asked for a few words an article, each answer remembered by word: each occurrence of
    /// the key in the text (a `memmem` search, overlapping matches included) is checked for a
    /// token there. A set of the article's lower-case words, built on the first question,
    /// cost more than all the searches.
    fn common_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.e - t.s < 4 {
            return false;
        }
        self.written_in_lower_case(i)
    }

    /// [`Doc::common_word`] for words of three bytes too (`Man` ... `a man`), remembered by
    /// word like it.
    fn written_in_lower_case(&self, i: usize) -> bool {
        // Remembered by word: a long article asks about the same names again and again.
        let w = self.lower(i);
        if let Some(&known) = self.common_words.borrow().get(w) {
            return known;
        }
        let found = self.search_lower_case(i);
        self.common_words.borrow_mut().insert(w, found);
        found
    }

    /// [`Doc::common_word`] without the memory: a search of the text.
    fn search_lower_case(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let key = key_at(self.text, self.folded, (t.s, t.e));
        let key = key.as_bytes();
        let finder = memchr::memmem::Finder::new(key);
        let hay = self.text.as_bytes();
        let mut from = 0;
        while let Some(k) = hay.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + k;
            let o = self.toks.partition_point(|o| (o.s as usize) < at);
            if self.toks.get(o).is_some_and(|o| {
                o.s as usize == at
                    && o.e as usize == at + key.len()
                    && o.is(WORD)
                    && !o.is(CAP)
                    && o.e - o.s >= 3
            }) {
                return true;
            }
            from = at + 1;
        }
        false
    }

    /// A capitalized word, or a particle joined to one (`al-Qaida`): a name may start here.
    /// (The tokenizer sets both flags on words only.)
    #[inline(always)]
    fn is_capword(&self, i: usize) -> bool {
        self.toks[i].is(CAP | PARTICLE)
    }

    /// Whether the word before a possessive names the group or office an organization serves
    /// (`Children's`, `Sheriff's`, `People's`): a person's name never does.
    fn group_possessor(&self, k: usize) -> bool {
        // (`Cattlemen's Association`, `Servicemen's League`: a plural in -men of a trade; not
        // `Yemen's`, `Bremen's`, `Carmen's`.)
        let w = self.w(k);
        let lx = &*LEXICON;
        (w.len() > 6
            && w.ends_with("men")
            && w.starts_with(|c: char| c.is_uppercase())
            && lx.known_place(self.lower(k)).is_none()
            && !lx.is_given(self.lower(k)))
            || matches!(
                key(self.w(k)).as_str(),
                "children"
                    | "women"
                    | "men"
                    | "people"
                    | "sheriff"
                    | "veterans"
                    | "workers"
                    | "farmers"
                    | "fishermen"
                    | "teachers"
                    | "nurses"
                    | "doctors"
                    | "students"
                    | "consumers"
                    | "taxpayers"
                    | "pensioners"
                    | "seamen"
                    | "miners"
                    | "employers"
                    | "builders"
                    | "lawyers"
                    | "citizens"
                    | "soldiers"
                    | "sailors"
                    | "mothers"
                    | "fathers"
                    | "parents"
                    | "patients"
                    | "victims"
                    | "prisoners"
                    | "traders"
                    | "brothers"
                    | "sisters"
                    | "friends"
                    | "nations"
            )
    }

    /// Whether the run of capitalized words from token `i` ends with an organization's cue
    /// word (`Department`, `Hospital`, `Union`).
    fn possessive_org_end(&self, lx: &Lexicon, i: usize) -> bool {
        let mut e = i;
        while e < self.toks.len() && self.is_capword(e) && (e == i || !self.toks[e].is(SENT)) {
            e += 1;
        }
        e > i && lx.org_cues.contains(key(self.w(e - 1)).as_str())
    }

    /// Whether token `i` is a number, in figures or a word (`1.25`, `five cents`).
    fn number_at(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is(WORD)
                && (self.text.as_bytes()[t.s as usize].is_ascii_digit()
                    || is_number_word(t.text(self.text)))
        })
    }

    /// Whether token `i` says that the name before it spoke (`said`, `says`, `told`,
    /// `added`), and no price follows (`Qantas added five cents`: nobody spoke).
    fn speaks_at(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is(WORD) && matches!(t.text(self.text), "said" | "says" | "told" | "added")
        }) && !self.number_at(i + 1)
    }

    fn adjacent(&self, i: usize) -> bool {
        i + 1 < self.toks.len() && self.toks[i + 1].is(WORD) && self.toks[i].is(WORD)
    }

    fn add_country(&mut self, c: [u8; 2]) {
        if !self.demonym_countries.contains(&c) {
            self.demonym_countries.push(c);
        }
        match self.countries.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => self.countries.push((c, 1)),
        }
    }

    /// Whether the name `ts..te` stands in commas right after a title: `Kenya's President,
    /// Jane Roe,`, `the party's leader, Jane Roe.`
    fn title_apposition(&self, lx: &Lexicon, ts: usize, te: usize) -> bool {
        ts >= 2
            && self.toks[ts - 1].ch == ','
            && self.toks[ts - 2].is(WORD)
            && lx.titles.contains_key(self.lower(ts - 2))
            && self.toks.get(te).is_some_and(|t| matches!(t.ch, ',' | '.' | ')' | ';'))
    }

    fn prev_word_lower(&self, i: usize) -> Option<&'t str> {
        let p = i.checked_sub(1)?;
        let t = &self.toks[p];
        (t.is(WORD) && !t.is(CAP)).then(|| t.text(self.text))
    }

    /// [`Doc::prev_word_lower`], or the capitalized word that opens the sentence, lower-cased
    /// (`At the Vorsk saleyards`, `In Vorsk, farmers say`).
    fn prev_word_folded(&self, i: usize) -> Option<&'t str> {
        let p = i.checked_sub(1)?;
        let t = &self.toks[p];
        (t.is(WORD) && (!t.is(CAP) || t.is(SENT))).then(|| self.lower(p))
    }

    /// Whether the names at token `i` follow a title in lower case, singular or plural, over
    /// the list they are in (`presidents Vorsk Qorvash and Jane Roe`, `the president Jane
    /// Roe`).
    fn after_lower_title(&self, lx: &Lexicon, i: usize) -> bool {
        let mut k = i;
        let mut listed = false;
        while k > 0 && k + 12 > i {
            let t = &self.toks[k - 1];
            let joins = t.ch == ',' || (t.is(WORD) && self.w(k - 1) == "and");
            if t.is(CAP) || joins {
                listed |= joins;
                k -= 1;
            } else {
                break;
            }
        }
        // (Over a list only a plural: `The mayor, Jane Roe, and Walcha farmers` is no
        // title of Walcha's.)
        k > 0 && self.toks[k - 1].is(WORD) && !self.toks[k - 1].is(CAP) && {
            let w = self.lower(k - 1);
            (!listed && lx.titles.contains_key(w))
                || w.strip_suffix('s').is_some_and(|s| s.len() > 3 && lx.titles.contains_key(s))
        }
    }

    /// Token `i`'s text when it is a word.
    fn word_at(&self, i: usize) -> Option<&'t str> {
        self.toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(self.text))
    }

    /// Whether the name at token `ts` follows `the` after a preposition of place or one of
    /// `motion`'s (`across the Pilbara`, `at the MCG`, `to the SCG`, `into the Riverina`).
    fn the_after_place_preposition(&self, ts: usize, motion: &[&str]) -> bool {
        self.the_after(ts, motion, Self::prev_word_lower)
    }

    /// [`Doc::the_after_place_preposition`], the preposition opening the sentence too (`At
    /// the Vorsk saleyards`): for a town the gazetteer knows (an unknown word there is as
    /// often a market's or a sector's, `In the Vorsk market`).
    fn town_after_the(&self, ts: usize, motion: &[&str]) -> bool {
        self.the_after(ts, motion, Self::prev_word_folded)
    }

    /// `the` before token `ts`, and before it, as `preposition` reads the word there, a
    /// preposition of place or one of `motion`'s.
    fn the_after(
        &self,
        ts: usize,
        motion: &[&str],
        preposition: fn(&Self, usize) -> Option<&'t str>,
    ) -> bool {
        ts >= 2
            && self.prev_word_lower(ts) == Some("the")
            && preposition(self, ts - 1)
                .is_some_and(|w| is_place_preposition(w) || motion.contains(&w))
    }

    fn push(&mut self, kind: Kind, ts: usize, te: usize, title: Option<(u32, &'static str)>) {
        let s = self.toks[ts].s;
        let e = self.toks[te - 1].e;
        self.mentions.push(Mention {
            kind,
            s,
            e,
            ts: ts as u32,
            te: te as u32,
            title_s: title.map(|t| t.0),
            title: title.map(|t| t.1),
            rows: None,
            head_e: None,
            demoted: false,
            article: false,
            alias_of: None,
        });
    }

    /// True when `rows` are only towns and cities, none of them bigger than `pop`.
    fn only_towns(lx: &Lexicon, rows: &[u32], pop: u64) -> bool {
        rows.iter().all(|&r| {
            let p = &lx.places[r as usize];
            p.kind == PlaceKind::City && p.population < pop
        })
    }

    /// Whether the words `i..b` and the possessive right after them (`Moody's`, `Moody 's` in
    /// wire copy's tokens) are a name the organizations' list holds with the `'s`.
    fn possessive_name(&mut self, lx: &Lexicon, i: usize, b: usize) -> bool {
        if !self.has(i, class::FIRST_OF_POSSESSIVE) {
            return false;
        }
        let Some(t) = self.toks.get(b) else { return false };
        if !matches!(t.ch, '\'' | '’') || !matches!(t.text(self.text), "'s" | "’s") {
            return false;
        }
        let mut k = self.span_key(i, b).to_owned();
        k.push_str("'s");
        lx.known_orgs.contains(k.as_str())
    }

    /// Finds the mentions of one run of capitalized words `a..b`.
    fn segment(&mut self, lx: &'static Lexicon, a: usize, b: usize) {
        // A market index named after a firm or a place (`the Hang Seng index`, `the Nikkei
        // average`): no person, and its words name nothing here.
        if self.toks.get(b).is_some_and(|t| {
            t.is(WORD) && !t.is(CAP) && matches!(t.text(self.text), "index" | "average")
        }) {
            return;
        }
        self.classify(lx, a, b);
        let mut i = a;
        let mut title = self.role_before(lx, a, b);
        // `Jockey Jane Roe won`: a role that opens the sentence, capitalized there, before a
        // name of two words or three.
        if title.is_none()
            && b - a >= 3
            && self.toks[a].is(SENT)
            && !self.toks[a].is(UPPER)
            && self.has(a, class::ROLE)
            && !self.has(a, class::TITLE)
        {
            title =
                (b - a <= 4).then(|| self.role_name(lx, self.lower(a), a + 1, b, false)).flatten();
            if title.is_some() {
                i = a + 1;
            }
        }
        // `Referee Mitch Halpern stopped the fight`, `Centre Jane Roe scored`: a noun for a
        // person or a role in a team that opens the sentence, capitalized there, before a
        // given name and more of a name, is no part of the name.
        if title.is_none()
            && b - a >= 3
            && self.toks[a].is(SENT)
            && !self.toks[a].is(UPPER)
            && ((self.has(a, class::PERSON_NOUN)
                && lx.known_place(self.lower(a)).is_none()
                // (Not a firm named after its founders: `Archer Daniels Midland`.)
                && !lx.surnames.contains(self.lower(a)))
                || self.has(a, class::TEAM_ROLE))
            && !self.has(a, class::TITLE | class::KNOWN_ORG)
            && self.toks[a + 1].is(CAP)
            && (lx.is_given(self.lower(a + 1)))
        {
            i = a + 1;
        }
        // A capitalized word was skipped (`Islamic` before `Republic`): a small town of the
        // same name as the next word is then unlikely.
        let mut skipped = false;
        // A possessive right after the run (`Moody's`): looked at once a run.
        let possessive_after = self.toks.get(b).is_some_and(|t| matches!(t.ch, '\'' | '’'));
        while i < b {
            let w = self.w(i);
            if !self.toks[i].is(WORD) || (!self.toks[i].is(CAP) && is_connector(w)) {
                i += 1;
                continue;
            }
            let lw = self.lower(i);
            // `Dec 6`, `Jan. 12`: a date, not a place (`Jan` alone may be a name).
            if self.month_before_number(i, 2) {
                skipped = true;
                i += 1;
                continue;
            }
            // `Government House`, `State House`: a governor's or a president's residence is a
            // place (the words alone name nothing).
            if i + 2 == b && matches!(lw, "government" | "state") && self.lower(i + 1) == "house" {
                self.push(Kind::Loc, i, b, None);
                i = b;
                continue;
            }
            // `Two Royal Australian Air Force planes`, `Several Vorsk Police officers`: a
            // number or a quantity opening the sentence is no part of the name after it.
            if self.toks[i].is(SENT)
                && ((is_number_word(lw) && lw != "one")
                    || matches!(lw, "several" | "few" | "much" | "none" | "another" | "such"))
                // (Unless the number opens a name the lists know, `Six Nations`, `Two Rivers`;
                // or one that acts, as no count of things does: `Seven West Media reported`.
                // A count has a plural noun after the name.)
                && !(2..=(b - i).min(lx.max_words)).any(|n| {
                    let k = self.span_key(i, i + n);
                    lx.known_orgs.contains(k) || lx.place(k).is_some()
                })
                && (!is_number_word(lw)
                    || self.toks.get(b).is_some_and(|t| {
                        t.is(WORD) && !t.is(CAP) && {
                            let w = t.text(self.text);
                            w.ends_with('s')
                                && !matches!(
                                    w,
                                    "says" | "has" | "is" | "was" | "does" | "plans" | "wants"
                                )
                        }
                    }))
            {
                skipped = true;
                i += 1;
                continue;
            }
            // `Paddy's Bar`: a venue named after someone (a place where something happens,
            // below, or a firm).
            if i + 3 == b
                && matches!(self.w(i + 1), "'s" | "’s")
                && is_venue(self.lower(i + 2))
                && !self.has(i, class::TITLE)
            {
                self.push(Kind::Org, i, b, None);
                i = b;
                continue;
            }
            // `Pharmacia & Upjohn`, `Marks & Spencer`: names joined by an ampersand are a
            // firm's (not `Mr & Mrs Roe`); or a place's named with `and` (`Trinidad &
            // Tobago`).
            if let Some(amp) = (i + 1..b.min(i + 4)).find(|&k| self.toks[k].ch == '&')
                && amp + 1 < b
                && (i..=amp + 1)
                    .all(|k| k == amp || (self.toks[k].is(CAP) && !self.has(k, class::TITLE)))
            {
                let end = (amp + 1..b.min(amp + 4))
                    .take_while(|&k| self.toks[k].is(CAP) && !self.has(k, class::TITLE))
                    .last()
                    .map_or(amp + 2, |k| k + 1);
                let first = self.span_key(i, amp).to_owned();
                let with_and = format!("{first} and {}", self.span_key(amp + 1, end));
                let rows = lx.place(&with_and);
                let own =
                    usize::from(end == b && possessive_after && self.possessive_name(lx, i, b));
                self.push(if rows.is_some() { Kind::Loc } else { Kind::Org }, i, end + own, None);
                if let Some(m) = self.mentions.last_mut() {
                    m.rows = rows;
                }
                i = end;
                continue;
            }
            // (Not an initial: `A. Dale`, `I. Roe`.)
            let initial = i + 2 < b
                && self.toks[i].e - self.toks[i].s == 1
                && self.toks[i + 1].ch == '.'
                && !self.toks[i + 2].is(SENT);
            // A lead word capitalized inside a sentence opens a name: a place's (`The Hague`,
            // `The Gambia`), or any name after `All` (`All Nippon Airways`, `the All Blacks`).
            let inside = |d: &Self| {
                !d.toks[i].is(SENT) && d.toks[i].is(CAP) && !d.toks[i].is(UPPER) && i + 1 < b
            };
            if self.has(i, class::LEAD)
                && !initial
                && inside(self)
                // (The whole of the name: not `The Hills Shire Council`.)
                && let Some((n, rows)) =
                    self.longest_place(lx, i, b).filter(|&(n, _)| {
                        n > 1 && (i + n == b || !self.toks[i + n].is(CAP))
                    })
            {
                self.push(Kind::Loc, i, i + n, None);
                if let Some(m) = self.mentions.last_mut() {
                    m.rows = Some(rows);
                }
                i += n;
                continue;
            }
            let all_name = lw == "all" && inside(self) && self.toks[i + 1].is(CAP);
            if self.has(i, class::LEAD) && !initial && !all_name {
                skipped = true;
                i += 1;
                continue;
            }
            // `Leaders Vicenza beat ...`, `Holders Ajax`: what a side is, opening a sentence.
            if i == a && i + 1 < b && self.toks[i].is(SENT) && lexicon::SIDE_EPITHETS.contains(&lw)
            {
                skipped = true;
                i += 1;
                continue;
            }
            // `Retailer Vorsk Norman has reported`: a noun for a firm opening the sentence
            // is no part of the name after it.
            if self.toks[i].is(SENT)
                && i + 1 < b
                && self.toks[i + 1].is(CAP)
                && !self.toks[i].is(UPPER)
                && is_firm_noun(lw)
            {
                skipped = true;
                i += 1;
                continue;
            }
            // `Cash-strapped`, `Spice-loving` opening a sentence: an adjective; so is a
            // participle used as one (`Neighbouring Pakistan`, `Ruling Vorsk Party`). Only
            // those: a gerund opens many names (`Swimming Australia`, `Housing Industry
            // Association`, `Sporting Gijon`).
            if self.toks[i].is(SENT)
                && (split_hyphen(w).is_some_and(|(_, t)| t.starts_with(|c: char| c.is_lowercase()))
                    || (i + 1 < b
                        && !self.toks[i].is(UPPER)
                        && lexicon::is_adjectival_participle(lw)))
            {
                skipped = true;
                i += 1;
                continue;
            }
            let max = (b - i).min(lx.max_words);
            // A firm named with a possessive (`Moody's`, `Standard & Poor's`, `McDonald's`):
            // the whole run and the `'s` after it, when the list knows the name so.
            if title.is_none() && possessive_after && self.possessive_name(lx, i, b) {
                self.push(Kind::Org, i, b + 1, None);
                i = b;
                continue;
            }
            // A well-known organization, longest first.
            if title.is_none()
                && let Some(n) = (1..=max).rev().find(|&n| {
                    if n == 1 {
                        return self.has(i, class::KNOWN_ORG);
                    }
                    self.may_start(i, class::FIRST_ORG) && {
                        let k = self.span_key(i, i + n);
                        lx.known_orgs.contains(k)
                    }
                })
                // `Labor Party`, `Senate Intelligence Committee`: let a cue word among the
                // next capitalized words make it longer.
                && !(i + n..b)
                    .take_while(|&k| self.toks[k].is(CAP))
                    .take(3)
                    .any(|k| self.has(k, class::ORG_CUE))
            {
                // `Parliament House`, `Congress Building`: the building the body sits in is a
                // place. So is a venue named after its sponsor (`Telstra Stadium`).
                if i + n < b
                    && (is_building(self.lower(i + n))
                        || matches!(
                            self.lower(i + n),
                            "stadium" | "arena" | "ground" | "oval" | "dome" | "tower" | "field"
                        ))
                {
                    self.push(Kind::Loc, i, i + n + 1, None);
                    i += n + 1;
                    continue;
                }
                // `Nomura International`: a firm's arm abroad is the firm's name and this word.
                let n = if i + n < b && self.lower(i + n) == "international" { n + 1 } else { n };
                self.push(Kind::Org, i, i + n, None);
                i += n;
                continue;
            }
            let upper = self.toks[i].is(UPPER);
            // A television network named by its channel (`Channel Nine`, `Channel Seven`).
            if lw == "channel" && i + 1 < b && is_number_word(self.lower(i + 1)) {
                self.push(Kind::Org, i, i + 2, None);
                i += 2;
                continue;
            }
            // An airline named `Air` and its country or city (`Air New Zealand`, `Air India`).
            if lw == "air"
                && i + 1 < b
                && let Some((n, _)) = self.longest_place(lx, i + 1, b)
            {
                self.push(Kind::Org, i, i + 1 + n, None);
                i += 1 + n;
                continue;
            }
            // A title first (`President Obama and Democrats`): no organization or place...
            let at_title = self.has(i, class::TITLE);
            // ... unless capitalized words after it end with an organization's cue: the title
            // word opens a company's name (`General Motors Corp`, `Justice Department`).
            // (Not an honorific: `Mr Court thanked them` names a person.)
            if at_title
                && title.is_none()
                && !matches!(lw, "mr" | "mrs" | "ms" | "miss" | "dr" | "sir" | "dame" | "madam")
            {
                let run_end = (i + 1..b).find(|&k| !self.toks[k].is(CAP)).unwrap_or(b);
                // (Not a common given name and a cue word after an office: `Premier Richard
                // Court`; a royal or a saint names a body after someone, `Queen Elizabeth
                // Hospital`.)
                if let Some(k) = (i + 1..run_end).rev().find(|&k| self.has(k, class::ORG_CUE))
                    && !(k == i + 2
                        && lx.common_given.contains(self.lower(i + 1))
                        && !matches!(lw, "queen" | "king" | "prince" | "princess" | "st" | "saint"))
                {
                    self.push(Kind::Org, i, k + 1, None);
                    i = k + 1;
                    continue;
                }
            }
            // A club named by a word of clubs and its town (`Real Madrid`, `Dynamo Kiev`,
            // `Borussia Dortmund`), the town not a place of that name itself (`Rapid City`).
            if title.is_none()
                && !at_title
                && i + 1 < b
                && lexicon::is_club_prefix(self.wb(i))
                && lx.place(self.span_key(i, i + 2)).is_none()
                && let Some((n, _)) = self.longest_place(lx, i + 1, b)
            {
                self.push(Kind::Org, i, i + 1 + n, None);
                i += 1 + n;
                continue;
            }
            // A state's department named by its portfolio (`Queensland Health`, `NSW Health`,
            // `Victoria Police`): a body, not the place.
            if title.is_none()
                && !at_title
                && let Some((n, rows)) = self.longest_place(lx, i, b)
                && i + n < b
                && (i + n + 1 == b || !self.toks[i + n + 1].is(CAP))
                && !self.toks[i + n].is(UPPER)
                && matches!(
                    self.lower(i + n),
                    "health"
                        | "police"
                        | "rail"
                        | "railways"
                        | "water"
                        | "fisheries"
                        | "forestry"
                        | "tourism"
                        | "transport"
                        | "treasury"
                        | "education"
                        | "housing"
                        | "ambulance"
                        | "corrections"
                        | "parks"
                        | "roads"
                        | "energy"
                        | "power"
                        | "post"
                )
                // (A state's: a country's, `U.S. Treasury`, is the country and the body.)
                && rows.iter().any(|&r| lx.places[r as usize].kind == PlaceKind::Admin1)
            {
                self.push(Kind::Org, i, i + n + 1, None);
                i += n + 1;
                continue;
            }
            // Longest place name.
            let place = if title.is_some() || at_title {
                None
            } else {
                self.longest_place(lx, i, b).filter(|&(n, rows)| {
                    // A smaller town's name after a title (`presidents Vorsk Qorvash and
                    // Thabo Mbeki`): a person's.
                    let titled = rows.iter().all(|&r| lx.places[r as usize].minor)
                        && self.after_lower_title(lx, i);
                    (n > 1 && !titled)
                        || !(self.has(i, class::STOP_CAP)
                            // A smaller town's name with more of a name after it (`Real
                            // Madrid`): the name decides.
                            || (i + 1 < b
                                && self.toks[i + 1].is(CAP)
                                && rows.iter().all(|&r| lx.places[r as usize].minor))
                            || (upper && Self::only_towns(lx, rows, u64::MAX))
                            // (Not after a sentence's `The` and before a plural: `The
                            // Penrith Panthers`, a club.)
                            // (Not after a preposition of place opening the sentence: `In
                            // Vorsk, farmers say`, `At the Vorsk saleyards`.)
                            || (skipped
                                && Self::only_towns(lx, rows, 100_000)
                                && !self.prev_word_folded(i).is_some_and(is_place_preposition)
                                && !self.town_after_the(i, &[])
                                && !(i > 0
                                    && i + 2 == b
                                    && self.toks[i - 1].is(SENT)
                                    && self.wb(i - 1) == b"The"
                                    && self.lower(i + 1).ends_with('s')))
                            || titled
                            // A sentence's first word that the text also writes in lower
                            // case (`Man charged over shooting` ... `a man`).
                            || (self.toks[i].is(SENT)
                                && self.toks[i].e - self.toks[i].s >= 3
                                && !upper
                                && self.written_in_lower_case(i)))
                })
            };
            // `Named the International Security Assistance Force`: a sentence's first word
            // before `the` is no part of a name.
            // (Not a given name: `Alexander the Great`.)
            if title.is_none()
                && self.toks[i].is(SENT)
                && i + 2 < b
                && self.wb(i + 1) == b"the"
                && !lx.is_given(lw)
            {
                skipped = true;
                i += 1;
                continue;
            }
            // `Standings of National Basketball Association teams`: a sentence's first word
            // before `of` that heads no organization is no part of its name.
            // Nor is a participle before `on` or `for` (`Speaking on ABC Radio`).
            if title.is_none()
                && self.toks[i].is(SENT)
                && i + 2 < b
                && (self.wb(i + 1) == b"of"
                    // (`Flags on Parliament House`: a plural opening the sentence.)
                    || (self.wb(i + 1) == b"on"
                        && lw.len() > 3
                        && lw.ends_with('s')
                        && !lw.ends_with("ss")
                        && !lx.surnames.contains(lw)
                        && !lx.given.contains_key(lw)
                        && !self.has(i, class::ORG_HEAD | class::ORG_CUE))
                    || (lw.ends_with("ing")
                        && matches!(self.wb(i + 1), b"on" | b"for")
                        && !lx.surnames.contains(lw)
                        && !lx.given.contains_key(lw)))
                && !self.has(i, class::TITLE | class::LOC_HEAD)
                && !self.heads_org(i)
                && place.is_none()
            {
                skipped = true;
                i += 1;
                continue;
            }
            // Furthest organization or place cue word.
            let org_end = if title.is_some() || at_title {
                None
            } else if i + 1 < b
                && (lexicon::foreign_org_head(lw)
                    // A broadcaster: `Radio Shariat`, `Radio Free Europe`, `Television
                    // Vorsk` (a station is named after its medium).
                    || (matches!(lw, "radio" | "television") && self.toks[i + 1].is(CAP)))
                // (Not `Bank Holiday`.)
                && !(lw == "bank" && matches!(self.lower(i + 1), "holiday" | "holidays"))
            {
                // `Grupo Televisa`, `Banco de Mexico`, `Partido Popular`: a Romance or German
                // word for a group, a bank or a party opens the name (up to an `and`: `Grupo
                // Televisa and Grupo Carso`).
                // (Nor a holder of an office in it: `Banco Vorsk Chairman Jane Roe`.)
                let end = (i + 1..b).find(|&k| {
                    matches!(self.wb(k), b"and" | b"&")
                        || (self.has(k, class::TITLE)
                            && k + 1 < b
                            && lx.is_given(self.lower(k + 1)))
                });
                Some(end.unwrap_or(b))
            } else if i + 2 < b
                && self.heads_org(i)
                // (What ends with a publication's word is that, named after the body: `the
                // Centre for Vorsk Control Bulletin`.)
                && !matches!(self.lower(b - 1), "bulletin" | "report" | "memorandum")
            {
                // Up to a title before a given name: that is who holds it (`Fund for Peace
                // Director Jane Roe`; not `Department of Prime Minister and Cabinet`).
                let holder = (i + 3..b).find(|&k| {
                    self.has(k, class::TITLE)
                        && (k + 1..b)
                            .find(|&j| !self.has(j, class::TITLE))
                            .is_some_and(|j| lx.is_given(self.lower(j)))
                });
                // Two of a kind joined by `and`: `University of Vorsk and Qorvash
                // University`, the head's word ending the part after it.
                let pair = (i + 2..b.saturating_sub(2)).find(|&a| {
                    self.wb(a) == b"and" && self.toks[a + 1].is(CAP) && self.lower(b - 1) == lw
                });
                Some(match (pair, holder) {
                    (Some(p), Some(h)) => p.min(h),
                    (p, h) => p.or(h).unwrap_or(b),
                })
            } else {
                // `LNG Esports and JD Gaming`: two organizations when the part before `and`
                // is one already.
                // (`Institute of Reproduction and Development`: one, the part after `and` has
                // no cue of its own.)
                // So is an acronym alone (`ASIO and Federal Police`), and a name that ends
                // with a country (`Ansett Australia and Qantas Airways Ltd`).
                let and = (i + 1..b).find(|&k| self.wb(k) == b"and");
                // So is a firm named before `and` by a list or opening with an acronym (`BHP
                // Billiton and News Corporation`).
                let firm_before = match and {
                    Some(a) if a >= i + 2 => {
                        // (A country's is no firm's: `US Patent and Trademark Office`.)
                        // (A firm's cue after `and`: not `IAAF Medical and Anti-Doping
                        // Commission`.)
                        (self.toks[i].is(UPPER)
                            && self.wb(i).len() >= 2
                            && lx.known_place(self.lower(i)).is_none()
                            && (a + 1..b).any(|k| {
                                self.firm_word(k)
                                    || matches!(self.lower(k), "bank" | "group" | "company")
                            }))
                            || lx.known_orgs.contains(self.span_key(i, a))
                            // A firm's whole name before `and`, and another's after it, each
                            // ending with a firm's word (`Vorsk Investments and Telembo
                            // Airlines`; not `Securities and Investments Commission`).
                            // (Not a firm of two trades: `Mitsui Mining and Smelting Co`.)
                            || (self.firm_word(a - 1)
                                && a + 2 < b
                                && self.firm_word(b - 1)
                                && !self.lower(a + 1).ends_with("ing")
                                && !self.firm_word(a + 1))
                    }
                    _ => false,
                };
                // A person's name before `and` is no part of the organization after it
                // (`Republican Jane Roe and Reform Party candidate`): a common given name and
                // a known surname right before `and`.
                let person_before = and.is_some_and(|a| {
                    a >= i + 2
                        && lx.common_given.contains(self.lower(a - 2))
                        && lx.surnames.contains(self.lower(a - 1))
                        && lx.known_place(self.lower(a - 2)).is_none()
                        && !self.has(a - 1, class::ORG_CUE | class::ORG_HEAD | class::BUSINESS_CUE)
                });
                // A place after a preposition of place is no part of the organization after
                // `and` (`the University of Vorsk in Qorvash and Telembo University`).
                let place_before = match and {
                    Some(a) if self.prev_word_lower(i).is_some_and(is_place_preposition) => {
                        let k = self.span_key(i, a).to_owned();
                        lx.known_place(&k).is_some()
                    }
                    _ => false,
                };
                let end = match and {
                    Some(a)
                        if ((a == i + 1 && self.toks[i].is(UPPER))
                            || firm_before
                            || person_before
                            || place_before
                            || (i + 1..a).any(|k| {
                                self.has(k, class::ORG_CUE) && !self.has(k, class::BUSINESS_CUE)
                            })
                            || (a >= i + 2
                                && lx
                                    .known_place(self.lower(a - 1))
                                    .is_some_and(|rows| lx.names_a_country(rows))))
                            && (a + 1..b).any(|k| self.has(k, class::ORG_CUE)) =>
                    {
                        a
                    }
                    _ => b,
                };
                if firm_before && end < b {
                    Some(end)
                } else {
                    (i + 1..end).rev().find(|&k| self.has(k, class::ORG_CUE)).map(|k| {
                        // `Association for Regional Cooperation`, `Bureau of Meteorology`,
                        // `Royal Commission into the Building Industry`.
                        if k + 2 < end && matches!(self.wb(k + 1), b"of" | b"for" | b"into") {
                            end
                        } else {
                            k + 1
                        }
                    })
                }
            };
            // A person's name before `of` is no part of the organization after it (`Lai
            // Kwok-hung of Kim Eng Securities`, `Jane Roe of Vorsk Holdings`): a given name
            // first, a surname last or a hyphenated given name, and no cue, head, title or
            // place among its words.
            let org_end = org_end.filter(|&e| {
                let Some(o) = (i + 1..e).find(|&k| self.wb(k) == b"of") else {
                    return true;
                };
                let not_name = class::ORG_CUE
                    | class::ORG_HEAD
                    | class::LOC_HEAD
                    | class::LOC_CUE
                    | class::TITLE
                    | class::KNOWN_ORG
                    | class::DEMONYM;
                let person = (i..o).all(|k| self.toks[k].is(CAP) && !self.has(k, not_name))
                    && (lx.is_given(lw)
                        || lx.surnames.contains(self.lower(o - 1))
                        || (i..o).any(|k| {
                            split_hyphen(self.w(k))
                                .is_some_and(|(_, t)| t.starts_with(|c: char| c.is_lowercase()))
                        }))
                    && (o > i + 1 || lx.known_place(lw).is_none());
                !person
            });
            // A common given name and a cue word that the article uses as a surname, alone in
            // the run, are a person's name (`Richard Court` ... `Mr Court`; not `Alfred
            // Hospital`, `Wesley Church`).
            let org_end = org_end.filter(|&e| {
                !(e == i + 2
                    && b == i + 2
                    && lx.common_given.contains(lw)
                    && ({
                        let w = self.w(i + 1);
                        ["Mr ", "Mrs ", "Ms ", "Dr "].iter().any(|h| {
                            self.text.match_indices(h).any(|(at, _)| {
                                self.text[at + h.len()..].starts_with(w)
                                    && !self.text[at + h.len() + w.len()..]
                                        .starts_with(|c: char| c.is_alphanumeric())
                            })
                        })
                    })
                    && lx.known_place(lw).is_none()
                    && !self.toks[i].is(UPPER)
                    && !self.has(i, class::ORG_CUE | class::LOC_CUE | class::TITLE))
            });
            // A cue that ends a place's name of two words after more words is that place's
            // (`Gaza Strip and West Bank`: two places, no bank).
            // A firm's legal form ends its name: `of` a place after it is where the firm is
            // (`Vorsk Mining Corp of South Africa`; a body's name goes on, `United Cricket
            // Board of South Africa`).
            // (An abbreviated form: `Trading Corporation of Vorskland` is a name. Not after
            // `and`, where two names may meet.)
            let org_end = org_end.map(|e| {
                (i + 1..e.min(b).saturating_sub(1))
                    .take_while(|&k| self.wb(k) != b"and")
                    .find(|&k| {
                        self.wb(k + 1) == b"of"
                            && self.lower(k) != "corporation"
                            && lexicon::LEGAL_FORMS.contains(&self.lower(k))
                    })
                    .map_or(e, |k| k + 1)
            });
            // (Not a head's name ending with a place, `University of the Sunshine Coast`,
            // unless `and` may join two names before it.)
            let org_end = org_end.filter(|&e| {
                !(e >= i + 3
                    && e <= b
                    && (self.has(e - 1, class::ORG_CUE)
                        || (i + 1..e).any(|k| self.wb(k) == b"and"))
                    && self.has(e - 2, class::FIRST_PLACE)
                    && lx.place(self.span_key(e - 2, e)).is_some())
            });
            // Events, awards, laws, products: not entities, nor the places inside them. (A
            // cue that is a given name before more of a name is that name: `President Bill
            // Clinton`.)
            let event_cue = |k: usize| {
                self.has(k, class::EVENT_CUE)
                    && !(k + 1 < b
                        && self.toks[k + 1].is(CAP)
                        && !self.has(k + 1, class::EVENT_CUE | class::ORG_CUE)
                        && lx.given.contains_key(self.lower(k)))
            };
            // A military or police operation's name is an event's, whatever places or cues it
            // holds (`Operation Desert Storm`, `Operation Vorsk Shield`).
            // (Up to a title, `Operation Vorsk Commander Jane Roe`; a charity named after one
            // is an organization, `Operation Vorsk Foundation`.)
            if self.wb(i) == b"Operation"
                && title.is_none()
                && i + 1 < b
                && !matches!(
                    self.lower(b - 1),
                    "foundation"
                        | "fund"
                        | "trust"
                        | "society"
                        | "association"
                        | "charity"
                        | "club"
                )
            {
                i = (i + 1..b).find(|&k| self.has(k, class::TITLE)).unwrap_or(b);
                continue;
            }
            if title.is_none() && org_end != Some(b) && (i + 1..b).any(event_cue) {
                let k = (i + 1..b).rev().find(|&k| event_cue(k));
                i = k.map_or(b, |k| k + 1);
                continue;
            }
            let loc_end = if title.is_some() || at_title {
                None
            } else if (self.has(i, class::LOC_HEAD)
                || matches!(self.wb(i), b"Sea" | b"Bay" | b"Strait" | b"Straits"))
                && i + 2 < b
                && self.wb(i + 1) == b"of"
                && self.toks[i + 2].is(CAP)
            {
                // `Gulf of Mexico`, `Sea of Japan`, `Cape of Good Hope`: the head, `of` and
                // the capitalized words after it.
                Some(
                    (i + 3..b)
                        .find(|&k| !self.is_capword(k) || self.has(k, class::STOP_CAP))
                        .unwrap_or(b),
                )
            } else if self.has(i, class::LOC_HEAD)
                && i + 1 < b
                // (`River` after `the` only: `the River Murray`, not `River Phoenix`.)
                && (self.wb(i) != b"River" || self.prev_word_lower(i) == Some("the"))
            {
                Some(i + 2)
            } else {
                // Not across `and` (`Wisemans Ferry Road and Upper Color Road`). `St.` before
                // more of the name is `Saint` (`St. Louis`), not a street.
                let limit = (i + 1..b).find(|&k| self.wb(k) == b"and").unwrap_or(b);
                let end = (i + 1..limit)
                    .rev()
                    .find(|&k| {
                        self.has(k, class::LOC_CUE) && !(self.wb(k) == b"St" && k + 2 < limit)
                    })
                    .map(|k| k + 1);
                // (Not a name, `of` and a place the gazetteer knows, cue and all: `Jane Roe of
                // Ivory Coast` is someone of that country.)
                end.filter(|&e| {
                    !(i + 1..e).any(|o| {
                        self.wb(o) == b"of"
                            && o + 1 < e
                            && !self.has(o - 1, class::LOC_CUE | class::LOC_HEAD)
                            && {
                                let p = if self.wb(o + 1) == b"the" { o + 2 } else { o + 1 };
                                p < e
                                    && self.longest_place(lx, p, b).is_some_and(|(n, _)| p + n == e)
                            }
                    })
                })
            };
            let place_end = place.map(|(n, _)| i + n);
            let best = [place_end, org_end, loc_end].into_iter().flatten().max();
            if let Some(end) = best {
                // A town's name followed by more of a name: a person (`Aden Ridgeway`,
                // `Florence Nightingale`), unless what follows is a place too.
                let next = if end < b { self.lower(end) } else { "" };
                // (Or a name particle and more of the name: `Pierre van Hooijdonk`.)
                let particle = end + 1 < b
                    && self.toks[end].is(WORD)
                    && !self.toks[end].is(CAP)
                    && is_name_particle(next)
                    && self.toks[end + 1].is(CAP);
                let person_like = place_end == Some(end)
                    && end == i + 1
                    && end < b
                    && (self.toks[end].is(CAP) || particle)
                    && place.is_some_and(|(_, rows)| {
                        rows.iter().all(|&r| {
                            matches!(
                                lx.places[r as usize].kind,
                                PlaceKind::City | PlaceKind::Admin1
                            )
                        })
                    })
                    && (lx.is_given(lw)
                        || lx.surnames.contains(next)
                        || place.is_some_and(|(_, rows)| {
                            rows.iter().all(|&r| lx.places[r as usize].minor)
                        }))
                    // `George Harrison`, `Jack London`: a surname may be a place too.
                    && (lx.known_place(next).is_none()
                        || (lx.common_given.contains(lw) && lx.surnames.contains(next)))
                    && !lx.titles.contains_key(next)
                    // (Not a date after it: `Alexandria Dec 10-15`.)
                    && !self.month_before_number(end, 2);
                // A city's name and a capitalized plural to end the run: a team (`Sydney
                // Swans`, `Brisbane Broncos`, `Green Bay Packers`, `New York Giants`, New
                // York being a state too).
                // (Or two words: `Toronto Blue Jays`, `Detroit Red Wings`.)
                let last = if end + 2 == b { self.lower(b - 1) } else { next };
                let not_team = class::DEMONYM | class::EVENT_CUE | class::LOC_CUE | class::ORG_CUE;
                let two = end + 2 == b
                    && self.toks[end].is(CAP)
                    && self.toks[b - 1].is(CAP)
                    && lx.known_place(next).is_none()
                    && !self.has(end, not_team);
                let team = place_end == Some(end)
                    && (end + 1 == b || two)
                    && end <= i + 3
                    && self.toks[b - 1].is(CAP)
                    && !self.toks[b - 1].is(UPPER)
                    && last.len() > 3
                    && last.ends_with('s')
                    && !last.ends_with("ss")
                    && !lx.surnames.contains(last)
                    && !lx.frequent_given.contains(lw)
                    && lx.known_place(last).is_none()
                    && !self.has(b - 1, class::DEMONYM | class::EVENT_CUE | class::LOC_CUE)
                    // (A smaller town's club after `the`: `against the Penrith Panthers`.)
                    && place.is_some_and(|(_, rows)| {
                        rows.iter().any(|&r| {
                            let p = &lx.places[r as usize];
                            p.kind == PlaceKind::City
                                && ((!p.minor && p.population >= 50_000)
                                    || (i > 0
                                        && self.toks[i - 1].is(WORD)
                                        && self.lower(i - 1) == "the"))
                        }) && rows.iter().all(|&r| {
                            let p = &lx.places[r as usize];
                            // (A state too, when a big city has its name: `Washington
                            // Redskins`.)
                            matches!(p.kind, PlaceKind::City | PlaceKind::Admin1)
                        })
                    });
                if team {
                    self.push(Kind::Org, i, b, None);
                    i = b;
                    continue;
                }
                // A town and a word of clubs after it (`Manchester United`, `Blackburn
                // Rovers`, `Sheffield Wednesday`).
                if place_end == Some(end) && end < b && lexicon::is_club_suffix(self.wb(end)) {
                    self.push(Kind::Org, i, end + 1, None);
                    i = end + 1;
                    continue;
                }
                // A British town and `City` that the gazetteer does not know as a place is a
                // club (`Manchester City`, `Stoke City`; not `Gaza City`, `Mexico City`).
                let club = place_end == Some(end)
                    && end >= i + 2
                    && self.wb(end - 1) == b"City"
                    && lx.place(self.span_key(i, end)).is_none()
                    && place.is_some_and(|(_, rows)| {
                        rows.iter().all(|&r| lx.places[r as usize].country == Some(*b"GB"))
                    });
                if club {
                    self.push(Kind::Org, i, end, None);
                    i = end;
                    continue;
                }
                if !person_like {
                    if place_end == Some(end) {
                        let rows = place.map(|p| p.1);
                        self.push(Kind::Loc, i, end, None);
                        if let Some(m) = self.mentions.last_mut() {
                            m.rows = rows;
                        }
                    } else if org_end == Some(end) {
                        // `Woomera Detention Centre`, `Northside Shopping Centre`: a facility
                        // is a place.
                        let facility = end >= i + 3
                            && matches!(self.lower(end - 1), "centre" | "center")
                            && is_facility(self.lower(end - 2));
                        // `U.S. State Department`, `UK Foreign Office`: the country, used
                        // attributively, and a body of its government of two words or more.
                        let country = place
                            .filter(|&(n, _)| {
                                end >= i + n + 2
                                    && matches!(
                                        self.span_key(i, i + n),
                                        "u.s." | "us" | "usa" | "united states" | "uk" | "u.k."
                                    )
                                    && matches!(
                                        self.lower(end - 1),
                                        "department"
                                            | "ministry"
                                            | "administration"
                                            | "reserve"
                                            | "commission"
                                            | "agency"
                                            | "office"
                                            | "bureau"
                                            | "court"
                                            | "service"
                                    )
                            })
                            .map(|(n, rows)| (i + n, rows));
                        if let Some((body, rows)) = country.filter(|_| !facility) {
                            self.push(Kind::Loc, i, body, None);
                            if let Some(m) = self.mentions.last_mut() {
                                m.rows = Some(rows);
                            }
                            self.push(Kind::Org, body, end, None);
                        } else {
                            let kind = if facility { Kind::Loc } else { Kind::Org };
                            self.push(kind, i, end, None);
                        }
                    } else {
                        self.push(Kind::Loc, i, end, None);
                    }
                    i = end;
                    continue;
                }
            }
            if let Some(&c) = self.has(i, class::DEMONYM).then(|| lx.demonyms.get(lw)).flatten() {
                self.add_country(c);
                skipped = true;
                i += 1;
                continue;
            }
            // A nationality of two words (`Sri Lankan`, `New Zealanders`).
            if i + 1 < b
                && self.has(i, class::FIRST_DEMONYM)
                && self.toks[i + 1].is(CAP)
                && let Some(&c) = lx.demonyms.get(self.span_key(i, i + 2))
            {
                self.add_country(c);
                skipped = true;
                i += 2;
                continue;
            }
            // A title, longest first (`Prime Minister`, `Supreme Leader`), or a capitalized
            // word and a title head (`Defense Secretary`).
            let multi = self.may_start(i, class::FIRST_TITLE);
            let n_title = (1..=max.min(4))
                .rev()
                .find(|&n| {
                    if n == 1 {
                        return at_title;
                    }
                    multi && {
                        let k = self.span_key(i, i + n);
                        lx.titles.contains_key(k)
                    }
                })
                .or_else(|| {
                    (i + 1 < b && self.has(i + 1, class::TITLE_HEAD) && !lx.given.contains_key(lw))
                        .then_some(2)
                });
            if let Some(n) = n_title {
                let k = self.span_key(i, i + n).to_owned();
                let last = k.rsplit(' ').next().unwrap_or("");
                let word = lx
                    .titles
                    .get(k.as_str())
                    .or_else(|| lx.titles.get(last))
                    .copied()
                    .unwrap_or("");
                title = Some((self.toks[i].s, word));
                i += n;
                // `Archbishop of Brisbane`, `Director of Boston's airport`: the title of an
                // office in a place or body, whose name follows; no person is named here.
                // `Minister for Foreign Affairs`, `High Commissioner for Refugees`: what an
                // office is for is no name either, up to the holder's name if it follows
                // (`Minister for Foreign Affairs Jane Roe`).
                if i < b && matches!(self.wb(i), b"of" | b"for") {
                    self.push(Kind::Title, i - n, i, None);
                    if let Some(m) = self.mentions.last_mut() {
                        m.title = Some(word);
                    }
                    title = None;
                    if self.wb(i) == b"for" {
                        // (A holder named by a surname alone ends the run: `Minister for
                        // Foreign Affairs Downer said`.)
                        i = (i + 1..b)
                            .find(|&k| {
                                (k + 1 < b
                                    && self.toks[k + 1].is(CAP)
                                    && lx.given.contains_key(self.lower(k)))
                                    || (k + 1 == b
                                        && k > i + 1
                                        && lx.surnames.contains(self.lower(k)))
                            })
                            .unwrap_or(b);
                    }
                    continue;
                }
                if i >= b {
                    // A title alone: a reference to someone titled so.
                    self.push(Kind::Title, i - n, i, None);
                    if let Some(m) = self.mentions.last_mut() {
                        m.title = Some(word);
                    }
                }
                continue;
            }
            // `in East Vorskia`: a compass point and a name the gazetteer lacks, after a
            // preposition of place, are a part of a place.
            if title.is_none()
                && i + 1 < b
                && (i + 2 == b || !self.toks[i + 2].is(CAP))
                && is_compass_point(lw)
                && self.prev_word_lower(i).is_some_and(is_place_preposition)
                // (Not what one owns a part of: `shares in Northern Rock`.)
                && !(i >= 2
                    && self.prev_word_lower(i - 1).is_some_and(|w| {
                        matches!(w, "shares" | "stake" | "stakes" | "interest" | "investment")
                    }))
                && self.toks[i + 1].is(CAP)
                && !self.toks[i + 1].is(UPPER)
                && !self.has(i + 1, class::ORG_CUE | class::LOC_CUE | class::TITLE)
                && !lx.is_given(self.lower(i + 1))
            {
                self.push(Kind::Loc, i, i + 2, None);
                i += 2;
                continue;
            }
            if self.has(i, class::STOP_CAP) && !initial {
                skipped = true;
                i += 1;
                continue;
            }
            // A name: up to the next connector other than a name particle.
            let mut j = i + 1;
            while j < b {
                let t = &self.toks[j];
                let initial_dot = t.ch == '.' && self.toks[j - 1].e - self.toks[j - 1].s == 1;
                let particle = t.is(WORD) && is_name_particle(t.text(self.text));
                if !(initial_dot || self.is_capword(j) || particle) {
                    break;
                }
                if t.is(WORD) && self.has(j, class::DEMONYM) {
                    break;
                }
                // (Not a date after it: `Le Monde Dec 6`.)
                if self.month_before_number(j, 1) {
                    break;
                }
                j += 1;
            }
            while j > i + 1 && !self.is_capword(j - 1) {
                j -= 1;
            }
            // Letters after a name of two words or more are no part of it: `Jane Roe QC`,
            // `Jane Roe MP`, `Jane Roe OBE`.
            while j > i + 2 && self.toks[j - 1].is(UPPER) && is_post_nominal(self.wb(j - 1)) {
                j -= 1;
            }
            // A title further in (`House Minority Leader John Boehner`, `Verizon CIO
            // Shaygan Kheradpir`): what stands before it is segmented on its own.
            if title.is_none()
                && let Some(k) = (i + 1..j.saturating_sub(1))
                    .find(|&k| self.toks[k].is(CAP) && self.has(k, class::TITLE))
            {
                let before = self.mentions.len();
                self.segment(lx, i, k);
                // Words before a title qualify it (`House Minority`): never a person.
                for m in &mut self.mentions[before..] {
                    if m.kind == Kind::Person && m.title.is_none() {
                        m.kind = Kind::Unknown;
                    }
                }
                i = k;
                continue;
            }
            // `Queen Street`, `King George Square`: a royal title before a name that ends
            // with a place's cue word is part of the place's name.
            if let Some((s0, word)) = title
                && matches!(word, "king" | "queen" | "prince" | "princess")
                && self.has(j - 1, class::LOC_CUE)
                && let Some(t0) = (a..i).rev().find(|&k| self.toks[k].s == s0)
            {
                title = None;
                self.push(Kind::Loc, t0, j, None);
                i = j;
                continue;
            }
            let prev = self.prev_word_lower(i);
            let mut article = false;
            let kind = if title.is_some() {
                Kind::Person
            } else if j - i >= 2 {
                // `Jean-Pierre`, `Sanchez-Vicario`: either part.
                let parts = |w: &'t str| {
                    std::iter::once(w).chain(w.split('-').filter(|p| p.len() < w.len()))
                };
                // A name of two words that opens with a French, Spanish, Italian or German
                // article is a paper's or a place's (`Le Monde`, `Die Welt`, `La Stampa`),
                // whatever given names the article is too.
                let foreign_article = j - i == 2 && article_name(lx, lw, self.lower(i + 1));
                let given = !foreign_article && parts(lw).any(|w| lx.is_given(w));
                let surname = parts(self.lower(j - 1)).any(|w| lx.surnames.contains(w));
                // A man's given name after a given name, as a father's name (`Saddam
                // Hussein`; not `Tora Bora`, `Bora` being a woman's name too).
                let patronymic = j - i == 2 && {
                    let last = self.lower(i + 1);
                    lx.common_given.contains(last)
                        && lx.gender(last) == Some(Gender::Male)
                        && !self.big_place(lx, i)
                };
                let shouted = (i..j).all(|k| !self.toks[k].is(WORD) || self.toks[k].is(UPPER));
                // A person's name takes no article: `the Golden Globes`, `the Far East`.
                article = i > 0 && self.toks[i - 1].is(WORD) && self.lower(i - 1) == "the";
                if shouted && !given {
                    // `ADD TO CART`, headings.
                    i = j;
                    continue;
                }
                // A word before a common given name that is no given name itself and reads as
                // a role (an agent noun, an acronym, a word also written in lower case):
                // `Coroner Graeme Johnston`, `MP Lyn Breuer`, left out of the name.
                // (`common_word` searches the text: asked last, and rarely.)
                // (A place in a team opening the sentence, whatever names it is too: `Wing
                // Jane Roe scored`.)
                let team_role = self.toks[i].is(SENT) && lx.word_in(lw, class::TEAM_ROLE);
                if j - i >= 3
                    && (!given || team_role)
                    && lx.common_given.contains(self.lower(i + 1))
                    && lx.known_place(lw).is_none()
                    // (A frequent given name is one, whatever towns it names too: `Beatle
                    // George Harrison`.)
                    && (lx.known_place(self.lower(i + 1)).is_none()
                        || lx.frequent_given.contains(self.lower(i + 1)))
                    && (self.toks[i].is(UPPER)
                        || ["er", "or", "ist", "man", "men", "ian", "le"]
                            .iter()
                            .any(|x| lw.ends_with(x))
                        || team_role
                        || self.common_word(i))
                {
                    i += 1;
                    continue;
                }
                // (Not what speaks: `analysts at Goldman Sachs said`.)
                let speaks = self.speaks_at(j);
                // A name that ends with a word for a building, after `the` or a preposition
                // of place, or opening with a place's name, is the building's: `the Sydney
                // Opera House`, `at Royal Lodge`, `outside Vorsk Hall` (`Jane Hall said`
                // stays a person).
                // (Not `Georgia Hall won`, `jeered at Jane Hall`: a given name and `Hall`.)
                let building = is_building(self.lower(j - 1))
                    && !speaks
                    && (!given || self.lower(j - 1) != "hall")
                    && (article
                        || matches!(
                            prev,
                            Some("at" | "in" | "inside" | "outside" | "near" | "into")
                        )
                        || (lx.known_place(lw).is_some()
                            && !given
                            && !self.has(i + 1, class::ORG_CUE)));
                if building {
                    Kind::Loc
                } else if (matches!(prev, Some("at" | "from")) && speaks && !given)
                    || self.workplace(i)
                {
                    // `economists at Goldman Sachs said`: where people work, speaking, or
                    // after who works there (`analysts at Morgan Stanley expect`).
                    Kind::Org
                } else if (prev.is_some_and(is_place_preposition) || self.after_place_noun(i))
                    && !given
                    && !speaks
                {
                    Kind::Loc
                } else if !self.firm_noun_before(i)
                    && ((!foreign_article
                        && parts(lw).any(|w| lx.common_given.contains(w))
                        && (surname || !self.big_place(lx, i))
                        // (After `the`, only what is named after someone: `the John Roe
                        // government`; not `the people of the Murray Mallee`.)
                        && (!article
                            || self.named_after_someone(j)
                            || self.named_after_someone(j - 1)))
                        || (!article
                            && given
                            && (surname || patronymic)
                            && !self.ends_in_place(lx, i, j)))
                {
                    // (Not after a noun for an organization: `diamond group De Vorsk`.)
                    Kind::Person
                } else if (i..j).any(|k| self.common_word(k)) {
                    // `Social Security`, `Forrester Research`: a word the article also
                    // writes in lower case is not part of a person's name.
                    i = j;
                    continue;
                } else {
                    // No evidence yet (`Aston Villa`, `Tora Bora`, `Hosni Mubarak`): the
                    // article decides (see `person_evidence`).
                    Kind::Unknown
                }
            } else {
                Kind::Unknown
            };
            // `the Howard Government`: the leader who names the government is the person.
            let j = if kind == Kind::Person
                && j - i >= 2
                && matches!(self.lower(j - 1), "government" | "administration")
            {
                j - 1
            } else {
                j
            };
            self.push(kind, i, j, title.take());
            if article && let Some(m) = self.mentions.last_mut() {
                m.article = true;
            }
            i = j;
            // (The letters after the name name nothing: `Jane Roe QC told`.)
            while i < b && self.toks[i].is(UPPER) && is_post_nominal(self.wb(i)) {
                i += 1;
            }
        }
    }

    /// Whether token `j`, after a name, is a noun for what is named after a person (`the
    /// John Roe government`, `the Jane Roe case`) or a participle of what they did.
    fn named_after_someone(&self, j: usize) -> bool {
        self.toks.get(j).is_some_and(|t| {
            t.is(WORD)
                // (Or what they did, before a work: `the Jane Roe directed film`, `the Jane
                // Roe directed "Vorsk"`; not `the Murray Flats flooded`.)
                && ((!t.is(CAP)
                    && self.lower(j).ends_with("ed")
                    && (self.named_after_someone(j + 1)
                        || self.toks.get(j + 1).is_some_and(|n| {
                            n.is(CAP) || matches!(n.ch, '"' | '“' | '\'' | '‘')
                        })))
                    || matches!(
                    self.lower(j),
                    "government"
                        | "administration"
                        | "era"
                        | "years"
                        | "family"
                        | "case"
                        | "camp"
                        | "trial"
                        | "inquiry"
                        | "inquest"
                        | "affair"
                        | "campaign"
                        | "estate"
                        | "show"
                        | "ministry"
                        | "team"
                        | "film"
                        | "movie"
                ))
        })
    }

    /// Whether the run at token `i`, after `at` or `from`, is where the people named before
    /// that word work (`analysts at Morgan Stanley`, `a dealer at ABN AMRO`, `worked at`), or
    /// after `with`, where people of the markets do (`a broker with Dean Witter`), and no
    /// possessive follows it (`staff at Jane Roe's office`).
    fn workplace(&self, i: usize) -> bool {
        i >= 2
            && self.toks[i - 2].is(WORD)
            && match self.prev_word_lower(i) {
                Some("at" | "from") => lexicon::WORKERS.contains(&self.lower(i - 2)),
                Some("with") => lexicon::MARKET_WORKERS.contains(&self.lower(i - 2)),
                _ => false,
            }
            && !self.toks[i..]
                .iter()
                .find(|t| !(t.is(WORD) && t.is(CAP)))
                .is_some_and(|t| matches!(t.ch, '\'' | '’'))
    }

    /// A role written in lower case right before the run `a..b` (`Japan coach Shu Kamo`,
    /// `striker Takuya Takagi`, `his wife Jane Roe`): the run names its holder, whatever
    /// towns its words also name, as a title would. Not a run of more than three words, nor
    /// one with connectors or cue words in it, a known organization, a nationality, a day,
    /// nor a country, a state or a city of 200,000 people named alone (`the coach Sydney
    /// hired`).
    ///
    /// An apposition after the role too, of two or three words that close it and are no
    /// place's name: `his former foreign minister, Patterson Oti.`
    fn role_before(&self, lx: &Lexicon, a: usize, b: usize) -> Option<(u32, &'static str)> {
        // (The run's length first: the look-up is asked of every run otherwise.)
        if b - a > 3 {
            return None;
        }
        let comma = a >= 2 && self.toks[a - 1].ch == ',';
        let prev = self.prev_word_lower(if comma { a - 1 } else { a })?;
        // A noun for a firm as well as for a person names the firm unless a given name
        // follows: `zinc producer Vorsk`, but `film producer Jane Roe`.
        if !comma && is_org_noun(prev) && !lx.is_given(self.lower(a)) {
            return None;
        }
        self.role_name(lx, prev, a, b, comma)
    }

    /// The title a role word `role` (lower case) gives the run `a..b` after it, or after it
    /// and a comma (see [`Doc::role_before`]).
    fn role_name(
        &self,
        lx: &Lexicon,
        role: &str,
        a: usize,
        b: usize,
        comma: bool,
    ) -> Option<(u32, &'static str)> {
        let (&role, &bits) = lx.classes.get_key_value(role)?;
        if bits & class::ROLE == 0 {
            return None;
        }
        // (One word in commas after a kin's word is a given name: `His wife, Jane, said`.)
        let kin_given = b - a == 1
            && lexicon::is_kin(role)
            && lx.is_given(self.lower(a))
            && self.toks.get(b).is_some_and(|t| t.ch == ',');
        if comma
            && ((b - a < 2 && !kin_given)
                || !self.toks.get(b).is_none_or(|t| matches!(t.ch, ',' | '.' | '\n'))
                || lx
                    .place(&key(&self.text[self.toks[a].s as usize..self.toks[b - 1].e as usize]))
                    .is_some())
        {
            return None;
        }
        let not_name = class::ORG_CUE
            | class::EVENT_CUE
            | class::LOC_CUE
            | class::STOP_CAP
            | class::DEMONYM
            | class::KNOWN_ORG
            | class::LEAD;
        // (A place's cue word may be a surname after a common given name: `jockey Michael
        // Hills`.)
        let given_first = b - a >= 2 && lx.common_given.contains(self.lower(a));
        if (a..b).any(|k| {
            !self.toks[k].is(CAP)
                || self.has(
                    k,
                    if given_first && k + 1 == b { not_name & !class::LOC_CUE } else { not_name },
                )
        }) {
            return None;
        }
        if b - a == 1
            && lx.known_place(self.lower(a)).is_some_and(|rows| {
                rows.iter().any(|&r| {
                    let p = &lx.places[r as usize];
                    p.kind != PlaceKind::City || p.population >= 200_000
                })
            })
        {
            return None;
        }
        let word = lx.titles.get(role).copied().unwrap_or(role);
        Some((self.toks[a].s, word))
    }

    /// The longest place name at token `i` (up to token `b`): its length in words and rows.
    /// `Gaza City`, `Kuwait City`: a city's name and `City` is that city.
    fn longest_place(
        &mut self,
        lx: &'static Lexicon,
        i: usize,
        b: usize,
    ) -> Option<(usize, &'static [u32])> {
        // `Greater Sydney`, `Greater Manchester`: a city with its outskirts, in its country.
        if self.lower(i) == "greater" && i + 1 < b && self.toks[i + 1].is(CAP) {
            let (n, rows) = self.longest_place(lx, i + 1, b)?;
            return Some((n + 1, rows));
        }
        let max = (b - i).min(lx.max_words);
        let multi = self.may_start(i, class::FIRST_PLACE);
        let found = (1..=max).rev().filter(|&n| n == 1 || multi).find_map(|n| {
            let k = self.span_key(i, i + n);
            lx.place(k).map(|rows| (n, rows))
        });
        // Two places joined by `and` that name a region together are the two places
        // (`Australia and New Zealand`; a country so named is one, `Trinidad and Tobago`).
        let two = found.is_some_and(|(n, rows)| {
            n >= 3
                && (i + 1..i + n).find(|&k| self.wb(k) == b"and").is_some_and(|a| {
                    !rows.iter().any(|&r| lx.places[r as usize].kind == PlaceKind::Country)
                        && lx.place(self.span_key(i, a)).is_some()
                        && lx.place(self.span_key(a + 1, i + n)).is_some()
                })
        });
        // (Then the longest place before the `and`.)
        let found = if two {
            (1..=max).rev().find_map(|n| {
                if (i + 1..i + n).any(|k| self.wb(k) == b"and") {
                    return None;
                }
                let k = self.span_key(i, i + n);
                lx.place(k).map(|rows| (n, rows))
            })
        } else {
            found
        };
        // `Far North Queensland`, `Far West New South Wales`: the far part of a part of a place
        // named by its compass point (`Far North` alone is a region of its own).
        if i + 2 < b
            && self.toks[i].e - self.toks[i].s == 3
            && self.lower(i) == "far"
            && is_compass_point(self.lower(i + 1))
            && self.toks[i + 1].is(CAP)
            && let Some((n, rows)) = self.longest_place(lx, i + 1, b)
            && n >= 2
            && found.is_none_or(|(m, _)| m < n + 1)
        {
            return Some((n + 1, rows));
        }
        // `East Java`, `North Aceh`, `Upper Hunter`: a part of a place named by its compass
        // point is a place, the rest of the run being the place (not `North Vorsk Cowboys`);
        // a smaller town or region only after a preposition of place (`in East Gippsland`).
        if found.is_none_or(|(n, _)| n == 1)
            && i + 1 < b
            && (is_compass_point(self.lower(i))
                || matches!(self.lower(i), "eastern" | "western" | "upper" | "lower"))
            && self.toks[i + 1].is(CAP)
            // (Not a cue word: `Central Bank`.)
            && !self.has(i + 1, class::ORG_CUE | class::LOC_CUE | class::BUSINESS_CUE)
            && let Some((n, rows)) = self.longest_place(lx, i + 1, b)
            && (i + 1 + n == b || !self.toks[i + 1 + n].is(CAP))
            && (rows.iter().any(|&r| !lx.places[r as usize].minor)
                || self.prev_word_lower(i).is_some_and(is_place_preposition))
        {
            return Some((n + 1, rows));
        }
        let (n, rows) = found?;
        if i + n < b && self.lower(i + n) == "city" {
            // Its biggest city (a slice of one row).
            let city = (0..rows.len())
                .filter(|&k| lx.places[rows[k] as usize].kind == PlaceKind::City)
                .max_by_key(|&k| lx.places[rows[k] as usize].population);
            if let Some(k) = city {
                return Some((n + 1, &rows[k..k + 1]));
            }
        }
        Some((n, rows))
    }

    /// Runs in capitals. A dateline's place, the run of capitals that opens a paragraph before
    /// a comma, a bracket, a dash or a date (`LONDON 1996-12-06`, `GAZA CITY, Dec 6 (Reuters)
    /// -`), is a place (a gazetteer row when there is one). A paragraph in capitals (a
    /// headline: `TENNIS - MARTINEZ BEATS HINGIS IN ROME`) names only places and well-known
    /// organizations here: its other words are neither acronyms nor names. True when the run
    /// `a..b` was handled so.
    fn capitals(&mut self, lx: &'static Lexicon, a: usize, b: usize) -> bool {
        if !self.toks[a].is(UPPER) {
            return false;
        }
        let para = self.breaks.partition_point(|&x| x < self.toks[a].s);
        let opens = a == 0 || self.toks[a - 1].ch == '\n';
        let words_upper = (a..b).all(|k| {
            let t = &self.toks[k];
            !t.is(WORD) || t.is(UPPER) || !t.is(CAP) && is_connector(t.text(self.text))
        });
        let before_dateline = self.toks.get(b).is_none_or(|t| {
            matches!(t.ch, ',' | '(' | '-' | '–' | '—' | '/')
                || (t.is(WORD) && self.text.as_bytes()[t.s as usize].is_ascii_digit())
        });
        if opens && words_upper && before_dateline {
            self.classify(lx, a, b);
            let place = self.longest_place(lx, a, b).filter(|&(n, _)| a + n == b);
            // Or a place the gazetteer lacks, followed by its country (`LEEDS, England`).
            let country_follows = self.toks.get(b).is_some_and(|t| t.ch == ',')
                && self.toks.get(b + 1).is_some_and(|t| t.is(CAP))
                && {
                    let end = (b + 1..self.toks.len())
                        .find(|&k| !self.toks[k].is(CAP))
                        .unwrap_or(self.toks.len());
                    self.classify(lx, b + 1, end);
                    self.longest_place(lx, b + 1, end).is_some_and(|(_, rows)| {
                        rows.iter().any(|&r| lx.places[r as usize].kind != PlaceKind::City)
                    })
                };
            if place.is_some() || country_follows {
                self.push(Kind::Loc, a, b, None);
                if let Some(m) = self.mentions.last_mut() {
                    m.rows = place.map(|p| p.1);
                }
                return true;
            }
        }
        // A name in capitals in a row of results or standings, where the home side is written
        // so (`LA LAKERS 14 7 .667`, `Houston 110 GOLDEN STATE 104`): one name, for the
        // results' evidence to decide (a country's or a city's name is read as above).
        let integer = |k: usize| self.toks.get(k).is_some_and(|t| is_integer(self.text, t));
        if words_upper && (opens || (a > 0 && integer(a - 1))) && integer(b) {
            let (integers, _, lower) = row_counts(self, a, b);
            if integers >= 2 && lower == 0 {
                self.classify(lx, a, b);
                // (A place's name, whole: `NEW JERSEY`, for the results to decide too.)
                let place = self.longest_place(lx, a, b).filter(|&(n, _)| a + n == b);
                self.push(if place.is_some() { Kind::Loc } else { Kind::Unknown }, a, b, None);
                if let Some(m) = self.mentions.last_mut() {
                    m.rows = place.map(|p| p.1);
                }
                return true;
            }
        }
        // A line in capitals alone over a line that opens with a dash: the source of the
        // items below it, as in a press digest (`EL PAIS` over `- Telefonica to ...`).
        if opens
            && words_upper
            && b - a <= 4
            && self.toks.get(b).is_some_and(|t| t.ch == '\n')
            && self.toks.get(b + 1).is_some_and(|t| matches!(t.ch, '-' | '–' | '—'))
        {
            self.classify(lx, a, b);
            // (Not a heading of words the text writes in lower case: `KEY POINTS`.)
            if self.longest_place(lx, a, b).is_none_or(|(n, _)| a + n < b)
                && !(a..b).any(|k| self.toks[k].is(WORD) && self.common_word(k))
            {
                self.push(Kind::Org, a, b, None);
                return true;
            }
        }
        let shouted = self.shouted.get_or_init(|| shouted_paragraphs(self.text, &self.toks));
        if !shouted.get(para).copied().unwrap_or(false) {
            return false;
        }
        self.classify(lx, a, b);
        let mut i = a;
        while i < b {
            if !self.toks[i].is(WORD) || self.has(i, class::STOP_CAP) {
                i += 1;
                continue;
            }
            let max = (b - i).min(lx.max_words);
            let org = (1..=max).rev().find(|&n| {
                if n == 1 {
                    return self.has(i, class::KNOWN_ORG);
                }
                self.may_start(i, class::FIRST_ORG) && {
                    let k = self.span_key(i, i + n);
                    lx.known_orgs.contains(k)
                }
            });
            if let Some(n) = org {
                self.push(Kind::Org, i, i + n, None);
                i += n;
                continue;
            }
            let place = self
                .longest_place(lx, i, b)
                .filter(|&(n, rows)| n > 1 || rows.iter().any(|&r| lx.places[r as usize].is_big()));
            if let Some((n, rows)) = place {
                self.push(Kind::Loc, i, i + n, None);
                if let Some(m) = self.mentions.last_mut() {
                    m.rows = Some(rows);
                }
                i += n;
                continue;
            }
            i += 1;
        }
        true
    }

    /// `Hunan province`, `Dora village`: a lower-case head after a place or unknown word
    /// ending at token `j` makes it a place, with the longer form as an alias.
    fn head_noun(&mut self, lx: &'static Lexicon, before: usize, j: usize) {
        let n = self.toks.len();
        if let Some(last) = self.mentions.last()
            && self.mentions.len() > before
            && last.te as usize == j
            && matches!(last.kind, Kind::Loc | Kind::Unknown)
            && j < n
            && self.toks[j].is(WORD)
            && !self.toks[j].is(CAP)
            && is_place_head(self.w(j))
            // (Not a body's acronym before what someone in it is: `the VWA state president`.)
            && !(last.kind == Kind::Unknown
                && last.te - last.ts == 1
                && self.toks[j - 1].is(UPPER)
                && self.toks.get(j + 1).is_some_and(|t| t.is(WORD))
                && lx.word_in(self.lower(j + 1), class::ROLE | class::TITLE))
        {
            let (ts, head_e) = (last.ts as usize, self.toks[j].e);
            let k = self.span_key(ts, j + 1).to_owned();
            if let Some(m) = self.mentions.last_mut() {
                m.head_e = Some(head_e);
                m.kind = Kind::Loc;
                if let Some(rows) = lx.place(&k) {
                    m.rows = Some(rows);
                }
            }
        }
    }

    /// Whether word `i` has a hyphen where `anti-` or `pro-` would end, asked of every word
    /// before [`Doc::prefixed_name`]: the tokenizer's flag first.
    #[inline(always)]
    fn maybe_prefixed(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.is(HYPHEN) && {
            let (s, e) = (t.s as usize, t.e as usize);
            let b = self.text.as_bytes();
            (e - s > 5 && b[s + 4] == b'-') || (e - s > 4 && b[s + 3] == b'-')
        }
    }

    /// `anti-Taliban`, `pro-Moscow`: the name after such a prefix in word `i` is a mention (a
    /// known organization, a place, or a name the article decides on); a nationality there
    /// (`pro-Iranian`) counts its country. True when it was either. A capitalized prefix
    /// before more of a name opens that name (`Anti-Defamation League`): not taken here.
    fn prefixed_name(&mut self, lx: &'static Lexicon, i: usize) -> bool {
        // (Asked of every lower-case word: the first bytes answer almost always.)
        let b = self.wb(i);
        let prefixed = |p: &[u8]| b.len() > p.len() + 1 && b[..p.len()].eq_ignore_ascii_case(p);
        if !self.toks[i].is(WORD) || !(prefixed(b"anti-") || prefixed(b"pro-")) {
            return false;
        }
        let Some((head, tail)) = split_hyphen(self.w(i)) else { return false };
        if !(head.eq_ignore_ascii_case("anti") || head.eq_ignore_ascii_case("pro"))
            || !tail.starts_with(|c: char| c.is_uppercase())
            || tail.contains('-')
        {
            return false;
        }
        let k = key(tail);
        if self.toks[i].is(CAP)
            && self.toks.get(i + 1).is_some_and(|t| t.is(CAP))
            && !lx.known_orgs.contains(k.as_str())
            && lx.place(&k).is_none()
        {
            return false;
        }
        if let Some(&c) = lx.demonyms.get(k.as_str()) {
            self.add_country(c);
            return true;
        }
        let rows = lx.place(&k);
        let kind = if lx.known_orgs.contains(k.as_str()) {
            Kind::Org
        } else if rows.is_some() {
            Kind::Loc
        } else {
            Kind::Unknown
        };
        let e = self.toks[i].e;
        self.mentions.push(Mention {
            kind,
            s: e - tail.len() as u32,
            e,
            ts: i as u32,
            te: i as u32 + 1,
            title_s: None,
            title: None,
            rows: rows.filter(|_| kind == Kind::Loc),
            head_e: None,
            demoted: false,
            article: false,
            alias_of: None,
        });
        true
    }

    /// A place named before a hyphen and a lower-case word in tokens `ts..te` (`US-led`, `the
    /// Hong Kong-based managers`): the name is the words up to the hyphen, `head` bytes of
    /// the last token.
    fn push_hyphenated_place(&mut self, ts: usize, te: usize, head: usize, rows: &'static [u32]) {
        self.mentions.push(Mention {
            kind: Kind::Loc,
            s: self.toks[ts].s,
            e: self.toks[te - 1].s + head as u32,
            ts: ts as u32,
            te: te as u32,
            title_s: None,
            title: None,
            rows: Some(rows),
            head_e: None,
            demoted: false,
            article: false,
            alias_of: None,
        });
    }

    /// Runs of capitalized words over the whole text.
    // Once per article: out of line, so that profiles show it apart.
    #[inline(never)]
    fn scan(&mut self, lx: &'static Lexicon) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.is_capword(i) {
                // `bin Laden`, `de Gaulle` at the start of a name.
                // (Flag tests first; these four words are all name particles.)
                if self.toks[i].is(WORD)
                    && self.adjacent(i)
                    && self.toks[i + 1].is(CAP)
                    && !self.toks[i + 1].is(SENT)
                    && matches!(self.w(i), "bin" | "al" | "van" | "von")
                {
                    let mut j = i + 1;
                    while j < n && self.is_capword(j) {
                        j += 1;
                    }
                    self.push(Kind::Unknown, i, j, None);
                    i = j;
                    continue;
                }
                if self.maybe_prefixed(i) {
                    self.prefixed_name(lx, i);
                }
                i += 1;
                continue;
            }
            // (Capitalized: `Anti-Taliban fighters` opening a sentence.)
            if self.maybe_prefixed(i) && self.prefixed_name(lx, i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < n && self.is_capword(j) && !self.toks[j].is(SENT) {
                    j += 1;
                } else if j + 2 < n
                    && self.toks[j].is(WORD)
                    && self.toks[j + 1].is(WORD)
                    && !self.toks[j].is(CAP)
                    && is_name_particle(self.w(j))
                    && is_name_particle(self.w(j + 1))
                    && self.is_capword(j + 2)
                {
                    // `Fernando de la Rua`, `Ursula von der Leyen`.
                    j += 3;
                } else if j + 2 < n
                    && self.toks[j].is(WORD)
                    && self.toks[j + 1].is(WORD)
                    && (matches!(self.wb(j), b"of" | b"for")
                        // `Royal Commission into the Building Industry`: what an inquiry is
                        // into.
                        || (self.wb(j) == b"into"
                            && matches!(self.lower(j - 1), "commission" | "inquiry")))
                    && self.wb(j + 1) == b"the"
                    && self.is_capword(j + 2)
                    && !self.toks[j + 2].is(SENT)
                    && lx.word_in(self.lower(j - 1), class::ORG_CUE | class::ORG_HEAD)
                    // (After `for the`, not an organization of its own: `a fellow of the
                    // National University for the Bureau of Statistics`.)
                    && (self.wb(j) != b"for"
                        || !(j + 2..n)
                            .take_while(|&k| self.is_capword(k))
                            .any(|k| lx.word_in(self.lower(k), class::ORG_CUE)))
                {
                    // `International Committee of the Red Cross`, `National Council for the
                    // Defence of Democracy`: an organization's head word and its purpose.
                    j += 3;
                } else if j + 1 < n
                    && self.toks[j].is(WORD)
                    && !self.toks[j].is(CAP)
                    && is_connector(self.w(j))
                    && self.is_capword(j + 1)
                    && !self.toks[j + 1].is(SENT)
                    // (`the` joins an epithet of one word, `Alexander the Great`; not a name
                    // of its own: `Djindjic the Democratic Party`, a verb left out.)
                    && (self.wb(j) != b"the" || !(j + 2 < n && self.is_capword(j + 2)))
                    // (`on` after a body's word, `Commission on Human Rights`; not after a
                    // person's name: `Jane Roe on Centre Court`.)
                    && (self.wb(j) != b"on"
                        || lx.word_in(self.lower(j - 1), class::ORG_CUE | class::ORG_HEAD))
                    || (j + 1 < n && self.toks[j].ch == '&' && self.is_capword(j + 1))
                    // `George W. Bush`: an initial; `St. Louis`, `Mt. Hood`.
                    || (j + 1 < n
                        && self.toks[j].ch == '.'
                        && self.toks[j - 1].is(CAP)
                        && (self.toks[j - 1].e - self.toks[j - 1].s == 1
                            || matches!(self.wb(j - 1), b"St" | b"Mt" | b"Ft"))
                        && self.is_capword(j + 1))
                {
                    j += 2;
                } else if j + 1 < n
                    && self.toks[j].is(WORD)
                    && self.wb(j) == b"in"
                    && self.is_capword(j + 1)
                    && !(j + 2 < n && self.is_capword(j + 2))
                    && (i..j).any(|k| {
                        matches!(self.wb(k), b"for" | b"on")
                            && k > i
                            && lx.word_in(self.lower(k - 1), class::ORG_HEAD | class::ORG_CUE)
                    })
                    && lx.known_place(self.lower(j + 1)).is_some_and(|rows| {
                        rows.iter().any(|&r| {
                            matches!(
                                lx.places[r as usize].kind,
                                PlaceKind::Continent | PlaceKind::Region
                            )
                        })
                    })
                {
                    // `Organisation for Security and Cooperation in Europe`, `Conference on
                    // Disarmament in Asia`: a body for a cause in a continent or a world region.
                    j += 2;
                } else if j + 1 < n
                    && matches!(self.toks[j].text(self.text), "'s" | "’s")
                    && self.is_capword(j + 1)
                    && self.group_possessor(j - 1)
                    && self.possessive_org_end(lx, j + 1)
                {
                    // `Sheriff's Department`, `Royal Children's Hospital`: a name with a
                    // group's possessive inside, when the name after it ends with an
                    // organization's cue word (`Rupert Murdoch's News Corporation` is two).
                    j += 2;
                } else if j + 1 < n
                    && matches!(self.toks[j].text(self.text), "'s" | "’s")
                    && self.is_capword(j + 1)
                    && !(j + 2 < n && self.is_capword(j + 2))
                    && is_venue(self.lower(j + 1))
                {
                    // `Paddy's Bar`, `Jane's Cafe`: a venue named after someone.
                    j += 2;
                } else {
                    break;
                }
            }
            // A title of a work in quotation marks (`“Meet the Press.”`).
            let closes = |k: usize| self.toks.get(k).is_some_and(|t| matches!(t.ch, '”' | '"'));
            let quoted = i > 0
                && matches!(self.toks[i - 1].ch, '“' | '"')
                && (closes(j)
                    || (self.toks.get(j).is_some_and(|t| matches!(t.ch, '.' | ','))
                        && closes(j + 1)))
                && j - i > 1;
            if quoted {
                i = j;
                continue;
            }
            if self.capitals(lx, i, j) {
                i = j;
                continue;
            }
            // A hyphenated attributive place: `US-led`, `the Iraq-based group`.
            // (An article first: `The Iraq-based group`. Byte compares: every run asks.)
            if i + 1 < j
                && matches!(self.wb(i), b"The" | b"A" | b"An")
                && self.toks[i + 1].is(WORD)
                && self.wb(i + 1).contains(&b'-')
            {
                i += 1;
            }
            if self.toks[i].is(WORD) {
                let w = self.w(i);
                if let Some((head, tail)) = split_hyphen(w)
                    && tail.starts_with(|c: char| c.is_lowercase())
                    && !head.is_empty()
                {
                    let k = key(head);
                    let place = LEXICON.place(&k);
                    let demonym = lx.demonyms.get(k.as_str()).copied();
                    if place.is_none() && demonym.is_none() {
                        // Not a place: segment as usual.
                    } else if let Some(rows) = place {
                        self.push_hyphenated_place(i, i + 1, head.len(), rows);
                    } else if let Some(c) = demonym {
                        self.add_country(c);
                    }
                    if place.is_some() || demonym.is_some() {
                        i += 1;
                        if i < j {
                            let before = self.mentions.len();
                            self.segment(lx, i, j);
                            self.head_noun(lx, before, j);
                        }
                        i = j;
                        continue;
                    }
                }
            }
            // The same of a place of several words: `the Hong Kong-based managers`.
            if j - i >= 2
                && j - i <= lx.max_words
                && self.toks[j - 1].is(HYPHEN)
                && self.toks[j - 1].is(WORD)
                && (i..j - 1).all(|k| self.toks[k].is(WORD) && self.toks[k].is(CAP))
                && let Some((head, tail)) = split_hyphen(self.w(j - 1))
                && tail.starts_with(|c: char| c.is_lowercase())
                && !head.is_empty()
            {
                let mut k = self.span_key(i, j - 1).to_string();
                k.push(' ');
                k.push_str(&key(head));
                if let Some(rows) = LEXICON.place(&k) {
                    self.push_hyphenated_place(i, j, head.len(), rows);
                    i = j;
                    continue;
                }
            }
            let before = self.mentions.len();
            self.segment(lx, i, j);
            self.head_noun(lx, before, j);
            i = j;
        }
    }
}

/// Per paragraph, whether it is written in capitals: two words or more of two or more
/// letters in capitals, and at least twice as many as the other words of two or more letters.
fn shouted_paragraphs(text: &str, toks: &[Tok]) -> Vec<bool> {
    let mut out = Vec::new();
    let (mut upper, mut other) = (0u32, 0u32);
    for t in toks {
        if t.ch == '\n' {
            out.push(upper >= 2 && upper >= 2 * other);
            (upper, other) = (0, 0);
        } else if t.is(UPPER) {
            upper += 1;
        } else if t.is(WORD)
            && t.e - t.s >= 2
            && text.as_bytes()[t.s as usize].is_ascii_alphabetic()
        {
            other += 1;
        }
    }
    out.push(upper >= 2 && upper >= 2 * other);
    out
}

/// A person or organization being assembled.
#[derive(Debug, Default)]
struct Group {
    /// Word texts of the fullest name.
    words: Vec<(u32, u32)>,
    name: (u32, u32),
    forms: Vec<(u32, u32)>,
    count: u32,
    first: u32,
    gender: Option<Gender>,
}

impl Group {
    fn new(words: Vec<(u32, u32)>, s: u32, e: u32, gender: Option<Gender>) -> Group {
        Group { words, name: (s, e), first: s, gender, ..Group::default() }
    }

    fn add_form(&mut self, s: u32, e: u32, text: &str) {
        let f = &text[s as usize..e as usize];
        if !self.forms.iter().any(|&(a, b)| &text[a as usize..b as usize] == f) {
            self.forms.push((s, e));
        }
    }
}

/// The organization called `name` (a byte span of `text`; a legal form after it or not, see
/// [`same_org`]), added if new.
fn org_named(orgs: &mut Vec<Group>, text: &str, words: &[(u32, u32)], name: (u32, u32)) -> usize {
    let n = slice(text, name);
    orgs.iter().position(|o| same_org(slice(text, o.name), n)).unwrap_or_else(|| {
        orgs.push(Group::new(words.to_vec(), name.0, name.1, None));
        orgs.len() - 1
    })
}

/// Whether two names of organizations name the same one: equal, or equal but for a company's
/// legal form ([`lexicon::LEGAL_FORMS`]) or a word of reach after one of them (`Microsoft
/// Corp` and `Microsoft`, `Siemens AG` and `Siemens`, `Amnesty International` and `Amnesty`).
fn same_org(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    // (Case aside: a headline in capitals names it too, `LEEDS` and `Leeds`.)
    long.eq_ignore_ascii_case(short)
        || (long.len() > short.len()
            && long.is_char_boundary(short.len())
            && long[..short.len()].eq_ignore_ascii_case(short))
            && long[short.len()..].strip_prefix(' ').is_some_and(|form| {
                let form = form.to_ascii_lowercase();
                lexicon::LEGAL_FORMS.contains(&form.as_str())
                    || lexicon::LEGAL_FORMS.contains(&form.trim_end_matches('.'))
                    || matches!(
                        form.as_str(),
                        "international"
                            | "group"
                            | "holdings"
                            | "airlines"
                            | "airways"
                            | "motors"
                            | "energy"
                            | "petroleum"
                            | "industries"
                            | "technologies"
                            | "pharmaceuticals"
                            | "electronics"
                            // (`Moody's Investors Service` ... `Moody's`.)
                            | "investors service"
                    )
                    // (A line of business: `WMC Resources` ... `WMC`.)
                    || lexicon::LEXICON.word_in(&form, class::BUSINESS_CUE)
            })
}

fn words_of(text: &str, toks: &[Tok], m: &Mention) -> Vec<(u32, u32)> {
    // One pass, one vector (a word token is never empty; the check is kept as it was). A
    // mention may start or end inside a word (`anti-Taliban`, `US-led`): the word too.
    toks[m.ts as usize..m.te as usize]
        .iter()
        .filter(|t| t.is(WORD) && !text[t.s as usize..t.e as usize].is_empty())
        .map(|t| {
            let s = t.s.max(m.s).min(t.e);
            (s, t.e.min(m.e).max(s))
        })
        .collect()
}

fn same(text: &str, a: &[(u32, u32)], b: &[(u32, u32)]) -> bool {
    // Bytes: `str::eq_ignore_ascii_case` compares the bytes; lengths first.
    let t = text.as_bytes();
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.1 - x.0 == y.1 - y.0
                && t[x.0 as usize..x.1 as usize]
                    .eq_ignore_ascii_case(&t[y.0 as usize..y.1 as usize])
        })
}

/// Whether `acronym` is the initials of the capitalized words of a name (`SAARC`), compared
/// character by character (no string is built).
fn initials_are(text: &str, words: &[(u32, u32)], acronym: &str) -> bool {
    fn initials<'w>(words: impl Iterator<Item = &'w str>) -> impl Iterator<Item = char> {
        words.filter(|w| w.starts_with(|c: char| c.is_uppercase())).filter_map(|w| w.chars().next())
    }
    let whole = || words.iter().map(|&(s, e)| &text[s as usize..e as usize]);
    // (Or with the parts of hyphenated words: `Agence France-Presse` is `AFP`.)
    initials(whole()).eq(acronym.chars())
        || (whole().any(|w| w.contains('-'))
            && initials(whole().flat_map(|w| w.split('-'))).eq(acronym.chars()))
}

/// Everything the tag stage learns about an article's entities.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub(crate) entities: Entities,
    pub(crate) quotes: Vec<Quote>,
}

/// The field labels of a bond issue's term sheet, as wire services print them (`BORROWER
/// Vorsk Bank`, `NEG PLG NO`, `CO-LEADS Vorsk Bank, Qorvash Securities`), in lower case; true
/// for the fields whose values are organizations (the borrower, the guarantor, the banks).
const TERM_LABELS: &[(&[&str], bool)] = &[
    (&["borrower"], true),
    (&["issuer"], true),
    (&["guarantor"], true),
    (&["lead", "manager"], true),
    (&["lead", "managers"], true),
    (&["co-leads"], true),
    (&["co-lead"], true),
    (&["co-managers"], true),
    (&["bookrunner"], true),
    (&["bookrunners"], true),
    (&["amt"], false),
    (&["coupon"], false),
    (&["iss", "price"], false),
    (&["maturity"], false),
    (&["reoffer"], false),
    (&["spread"], false),
    (&["pay", "date"], false),
    (&["full", "fees"], false),
    (&["listing"], false),
    (&["denoms"], false),
    (&["neg", "plg"], false),
    (&["crs", "deflt"], false),
    (&["force", "maj"], false),
    (&["gov", "law"], false),
    (&["sale", "limits"], false),
    (&["notes"], false),
    (&["type"], false),
    (&["home", "ctry"], false),
    (&["tax", "prov"], false),
    (&["mgt"], false),
    (&["und"], false),
    (&["sell", "conc"], false),
    (&["launch", "date"], false),
    (&["fungible"], false),
    // The labels written in full (`Issue price`, `Negative pledge`, `Governing law`).
    (&["issue", "price"], false),
    (&["issue", "details"], false),
    (&["payment", "date"], false),
    (&["fees"], false),
    (&["negative", "pledge"], false),
    (&["cross", "default"], false),
    (&["force", "majeure"], false),
    (&["governing", "law"], false),
];

/// A label of a term sheet (see [`TERM_LABELS`]): the token after it, and whether its field
/// names organizations.
#[derive(Clone, Copy)]
struct TermLabel {
    e: usize,
    org: bool,
}

/// Words of the markets' tables in lower case: a bond's term sheet's labels, abbreviated or
/// in full (`neg plg`, `crs deflt`, `denoms`, `negative pledge`, `governing law`: words of
/// hardly any other kind of text), then a freight report's (`freight`, `fio`).
const MARKET_WORDS: [&str; 9] = [
    "neg plg",
    "crs deflt",
    "denoms",
    "negative pledge",
    "cross default",
    "governing law",
    "force maj",
    "freight",
    " fio ",
];

/// Whether the article (its lower case) is a bond's term sheet (two of its labels), and
/// whether it reports freight: one pass over the text for all the words.
fn market_tables(folded: &str) -> (bool, bool) {
    static WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        // (Leftmost-first: the kind the packed SIMD searcher serves.)
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(MARKET_WORDS)
            .expect("nine literal words")
    });
    let mut seen = 0u16;
    for m in WORDS.find_iter(folded) {
        seen |= 1 << m.pattern().as_usize();
    }
    ((seen & 0b111_1111).count_ones() >= 2, seen & 0b1_1000_0000 != 0)
}

/// The labels of a bond term sheet (see [`market_tables`]): every capitalized field label,
/// made no part of a name (`Moody's Aa1 Listing Luxembourg`, `Gov Law English Home Ctry
/// Japan`), in the order of the text.
fn term_sheet_labels(doc: &mut Doc<'_>) -> Vec<TermLabel> {
    let mut labels = Vec::new();
    let mut i = 0;
    while i < doc.toks.len() {
        let found = doc.toks[i].is(CAP).then(|| {
            TERM_LABELS.iter().find(|(words, _)| {
                words.iter().enumerate().all(|(k, w)| {
                    doc.toks.get(i + k).is_some_and(|t| t.is(WORD)) && doc.lower(i + k) == *w
                })
            })
        });
        if let Some(&(words, org)) = found.flatten() {
            for t in &mut doc.toks[i..i + words.len()] {
                t.flags &= !(CAP | UPPER);
            }
            labels.push(TermLabel { e: i + words.len(), org });
            i += words.len();
        } else {
            i += 1;
        }
    }
    labels
}

/// Every name in the field of a term sheet's label that names organizations (`CO-LEADS Vorsk
/// Bank, Jane Roe Securities and Qorvash`): an organization, whatever it looks like.
fn term_sheet_bodies(doc: &mut Doc<'_>, labels: &[TermLabel]) {
    for k in 0..doc.mentions.len() {
        let ts = doc.mentions[k].ts as usize;
        let Some(label) = labels.iter().rev().find(|l| l.e <= ts) else { continue };
        // (The field ends at the line's end or the sentence's: `Notes Lead manager Vorsk.`)
        let open = doc.toks[label.e..ts].iter().all(|t| !matches!(t.ch, '\n' | '.'));
        if label.org && open && doc.mentions[k].kind != Kind::Loc {
            doc.mentions[k].kind = Kind::Org;
        }
    }
}

/// Freight fixtures as brokers report them (`Ocean Lily 52,000 tonnes grain U.S. Gulf /
/// Rotterdam Dec 15-25 $ 11.75 fio Vorsk .`, `took the Ocean Prosper , 65,000 tonnes , for a
/// trip ...`, `... at $ 9.40 for Vorsk .`): a name before a tonnage is a vessel's, no entity;
/// a name after `fio` (free in and out), or after `for` at the end of a line that gives a
/// rate, is the charterer's, an organization.
fn freight_fixtures(doc: &mut Doc<'_>, lx: &Lexicon) {
    for k in 0..doc.mentions.len() {
        let (ts, te) = (doc.mentions[k].ts as usize, doc.mentions[k].te as usize);
        // A vessel: its tonnage right after it (a comma between), and no place or known
        // organization's name.
        let at = if doc.toks.get(te).is_some_and(|t| t.ch == ',') { te + 1 } else { te };
        let tonnage = doc
            .toks
            .get(at)
            .is_some_and(|t| t.text(doc.text).starts_with(|c: char| c.is_ascii_digit()))
            && matches!(doc.word_at(at + 1), Some("tonnes" | "tonne" | "tons" | "dwt"));
        let name = slice(doc.text, (doc.mentions[k].s, doc.mentions[k].e));
        let known = lx.known_orgs.contains(key(name).as_str()) || doc.mentions[k].rows.is_some();
        // (A line's first name before a tonnage is the vessel, whatever place it is named
        // after: `Sea Breeze 25,000 tonnes sorghum`.)
        let opens_line = ts == 0 || doc.toks[ts - 1].ch == '\n';
        if tonnage && (opens_line || (!known && doc.mentions[k].kind != Kind::Loc)) {
            doc.mentions[k].kind = Kind::Title;
            continue;
        }
        // The charterer: after `fio` and numbers (`fio 4,000 / 3,000 Vorsk`), or after `for`
        // that ends a line with a rate in dollars before it.
        // (Capitalized words the segmenter set aside are the charterer's too: `fio
        // Continental Grain`.)
        let mut first = ts;
        while first > 0 && doc.toks[first - 1].is(CAP) && doc.toks[first - 1].is(WORD) {
            first -= 1;
        }
        let mut i = first;
        while i > 0 {
            let t = &doc.toks[i - 1];
            if t.ch == '/' || t.text(doc.text).starts_with(|c: char| c.is_ascii_digit()) {
                i -= 1;
            } else {
                break;
            }
        }
        let line_end = doc.toks.get(te).is_none_or(|t| matches!(t.ch, '.' | '\n'));
        let rate_before =
            || doc.toks[..ts].iter().rev().take_while(|t| t.ch != '\n').any(|t| t.ch == '$');
        let after_fio = i > 0 && doc.word_at(i - 1) == Some("fio");
        // (After `for`, only a name nothing else has typed: `paid $2m for Jane Roe.` stays a
        // person.)
        let for_rate = line_end
            && ts > 0
            && doc.word_at(ts - 1) == Some("for")
            && doc.mentions[k].kind == Kind::Unknown
            && rate_before();
        if (after_fio || for_rate) && doc.mentions[k].kind != Kind::Loc {
            // (No further back than the mention before it.)
            let floor = k.checked_sub(1).map_or(0, |p| doc.mentions[p].te as usize);
            let first = first.max(floor);
            let m = &mut doc.mentions[k];
            m.kind = Kind::Org;
            if first < ts {
                m.ts = first as u32;
                m.s = doc.toks[first].s;
            }
        }
    }
}

/// Tags the entities and quotations of `text`.
#[cfg(test)]
pub(crate) fn extract(text: &str) -> Extracted {
    extract_folded_then(text, &copydesk_core::chars::fold_case(text), None, |_| ()).0
}

/// Tags the entities and quotations of `text`, given its lower case with the same offsets
/// (`chars::fold_case`, which the tag stage makes once for every use); and what `then` makes
/// of the tokens of `text` (`None` when the text was not tokenized: too long, or folding
/// changed its length). `context` is a country the story is known to be about (its
/// dateline's, taken out of the text): it counts as named, for same-named places and for
/// places the gazetteer does not know.
pub(crate) fn extract_folded_then<R>(
    text: &str,
    folded: &str,
    context: Option<[u8; 2]>,
    then: impl FnOnce(Option<&[Tok]>) -> R,
) -> (Extracted, R) {
    if folded.len() != text.len() || text.len() > u32::MAX as usize / 2 {
        return (Extracted::default(), then(None));
    }
    let lx: &'static Lexicon = &LEXICON;
    let Scratch { mut toks, mut cls, mut mentions } = SCRATCH.take();
    toks.clear();
    toks.reserve(text.len() / 5);
    tokenize(text, &mut toks);
    cls.clear();
    cls.resize(toks.len(), 0);
    mentions.clear();
    let mut doc = Doc {
        text,
        folded,
        breaks: toks.iter().filter(|t| t.ch == '\n').map(|t| t.s).collect(),
        shouted: std::cell::OnceCell::new(),
        common_words: Default::default(),
        toks,
        mentions,
        countries: Vec::new(),
        context: None,
        admin1: Vec::new(),
        demonym_countries: Vec::new(),
        named_countries: Vec::new(),
        buf: String::new(),
        cls,
    };
    if let Some(c) = context {
        doc.named_countries.push(c);
        doc.countries.push((c, 1));
        doc.context = Some(c);
    }
    let (sheet, freight) = market_tables(folded);
    let sheet = if sheet { term_sheet_labels(&mut doc) } else { Vec::new() };
    doc.scan(lx);
    if !sheet.is_empty() {
        term_sheet_bodies(&mut doc, &sheet);
    }
    if freight {
        freight_fixtures(&mut doc, lx);
    }
    let (entities, refs, genders) = assemble(&mut doc, lx);
    let quotes = quotes::find(text, &doc.toks, &doc.breaks, &refs, &entities, &genders);
    let after = then(Some(&doc.toks));
    // Kept for the next article unless a huge one made them huge.
    if doc.toks.capacity() <= SCRATCH_MAX_TOKENS {
        SCRATCH.set(Scratch { toks: doc.toks, cls: doc.cls, mentions: doc.mentions });
    }
    (Extracted { entities, quotes }, after)
}

/// The vectors of one article's [`Doc`] that grow with its length, kept per thread for the
/// next article: allocating, growing and freeing them was a few per cent of the stage.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    cls: Vec<u32>,
    mentions: Vec<Mention>,
}

/// Scratch vectors longer than this (a few megabytes) are freed after their article.
const SCRATCH_MAX_TOKENS: usize = 1 << 18;

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

fn slice(text: &str, (s, e): (u32, u32)) -> &str {
    &text[s as usize..e as usize]
}

/// [`key`] of `text[s..e]`: the same span of `folded` (no allocation) when it is printable
/// ASCII without spaces, where both are the ASCII lower case.
fn key_at<'a>(text: &str, folded: &'a str, span: (u32, u32)) -> std::borrow::Cow<'a, str> {
    let w = slice(text, span);
    if w.bytes().all(|b| matches!(b, 0x21..=0x7e)) {
        std::borrow::Cow::Borrowed(slice(folded, span))
    } else {
        std::borrow::Cow::Owned(key(w))
    }
}

// Index loops: mentions are read and re-kinded in place while `targets` is filled.
#[allow(clippy::needless_range_loop)]
/// Turns mentions into entities; returns them with the resolved mentions (in text order)
/// and the persons' genders.
fn assemble(doc: &mut Doc<'_>, lx: &'static Lexicon) -> (Entities, Vec<Ref>, Vec<Option<Gender>>) {
    let text = doc.text;
    // The scan finds mentions left to right (binary searches rely on it).
    debug_assert!(doc.mentions.windows(2).all(|w| w[0].te <= w[1].ts), "mentions out of order");
    let toks = &doc.toks;
    let mut targets: Vec<Option<Target>> = vec![None; doc.mentions.len()];

    // A ship's name is no entity (`the tanker Vorsk`, `HMAS Vorsk`, `the Vorsk, a ferry`),
    // whatever place or person it is named after.
    for k in 0..doc.mentions.len() {
        if doc.mentions[k].title.is_none() && names_a_ship(doc, k) {
            doc.mentions[k].kind = Kind::Title;
        }
    }

    // A firm named with a possessive and the words of a longer name of it after it, ending
    // with a cue: one name (`Moody's Investors Service`).
    for k in 0..doc.mentions.len().saturating_sub(1) {
        let (m, n) = (&doc.mentions[k], &doc.mentions[k + 1]);
        if m.kind == Kind::Org
            && n.ts == m.te
            && matches!(n.kind, Kind::Org | Kind::Unknown)
            && n.title.is_none()
            && matches!(doc.toks[m.te as usize - 1].text(text), "'s" | "’s")
            && doc.has(n.te as usize - 1, class::ORG_CUE)
        {
            let (e, te) = (n.e, n.te);
            doc.mentions[k].e = e;
            doc.mentions[k].te = te;
            doc.mentions[k + 1].kind = Kind::Title;
        }
    }

    // A department of several portfolios listed with commas (`Department of Agriculture,
    // Fisheries and Forestry`, `Department of Communications, Information Technology and the
    // Arts`): one name up to the last, the names between no mentions of their own.
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let (ts, te) = (m.ts as usize, m.te as usize);
        if m.kind != Kind::Org
            || te < ts + 3
            || !matches!(doc.lower(ts), "department" | "ministry" | "minister")
            || doc.word_at(ts + 1) != Some("of")
            || doc.toks.get(te).is_none_or(|t| t.ch != ',')
        {
            continue;
        }
        // Up to `and`, its portfolio and the token after it (no capital): commas and
        // capitalized words only, no title.
        let mut j = te;
        let mut end = None;
        while j < doc.toks.len() && j < te + 14 {
            let t = &doc.toks[j];
            if t.ch == ',' || (t.is(CAP) && !doc.has(j, class::TITLE)) {
                j += 1;
            } else if doc.word_at(j) == Some("and") {
                let mut e = j + 1;
                if doc.word_at(e) == Some("the") {
                    e += 1;
                }
                let start = e;
                while e < doc.toks.len() && doc.toks[e].is(CAP) && e < start + 3 {
                    e += 1;
                }
                if e > start && doc.toks.get(e).is_none_or(|t| !t.is(CAP)) {
                    end = Some(e);
                }
                break;
            } else {
                break;
            }
        }
        let Some(end) = end else { continue };
        // (The commas join portfolios of one or two words, names of nothing else: not a
        // list of bodies, places or people, `the Department of Health, Queensland and
        // Victoria`.)
        if doc.toks[te..end].windows(4).any(|w| w.iter().all(|t| t.is(CAP)))
            || doc.mentions[k + 1..]
                .iter()
                .take_while(|o| (o.ts as usize) < end)
                .any(|o| o.kind != Kind::Unknown || o.title.is_some())
        {
            continue;
        }
        let e = doc.toks[end - 1].e;
        doc.mentions[k].te = end as u32;
        doc.mentions[k].e = e;
        for o in doc.mentions[k + 1..].iter_mut().take_while(|o| (o.ts as usize) < end) {
            o.kind = Kind::Title;
        }
    }

    // A firm named like a person (`Harris Scarfe`, `Arthur Andersen`): what only a firm
    // undergoes or has, wherever the article names it so, and nobody of that name titled
    // or named by the surname alone.
    let firms: Vec<&str> = (0..doc.mentions.len())
        .filter(|&k| {
            let m = &doc.mentions[k];
            matches!(m.kind, Kind::Person | Kind::Unknown)
                && m.title.is_none()
                && m.te - m.ts >= 2
                && (firm_only(doc, k) || employer(doc, k))
        })
        .map(|k| slice(text, (doc.mentions[k].s, doc.mentions[k].e)))
        .collect();
    if !firms.is_empty() {
        let person_too = |name: &str| {
            let surname = name.rsplit(' ').next().unwrap_or(name);
            doc.mentions.iter().any(|o| {
                let t = slice(text, (o.s, o.e));
                (o.title.is_some() && (t == name || t == surname))
                    || (o.te - o.ts == 1 && t == surname)
            })
        };
        let firms: Vec<&str> = firms.into_iter().filter(|n| !person_too(n)).collect();
        retype_named(&mut doc.mentions, text, &firms, Kind::Org, |m| {
            matches!(m.kind, Kind::Person | Kind::Unknown) && m.title.is_none()
        });
    }

    // One name, one kind: a name read as a person once (no title) and as a place or an
    // organization elsewhere (`towards Hill Top` ... `at Hill Top`) is that.
    // (The places' and organizations' names in a set first: a scan of all mentions for each
    // person made a long article quadratic.)
    let mut kind_of: std::collections::HashMap<&str, Kind, foldhash::fast::FixedState> =
        Default::default();
    for o in doc.mentions.iter().filter(|o| matches!(o.kind, Kind::Loc | Kind::Org)) {
        kind_of.entry(slice(text, (o.s, o.e))).or_insert(o.kind);
    }
    if !kind_of.is_empty() {
        for m in doc.mentions.iter_mut() {
            if m.kind == Kind::Person
                && m.title.is_none()
                && let Some(&kind) = kind_of.get(slice(text, (m.s, m.e)))
            {
                m.kind = kind;
            }
        }
    }

    // In a row of results or standings, names side by side before a score are one side's (`NEC
    // Nijmegen 1`: an acronym and a town).
    for k in 0..doc.mentions.len().saturating_sub(1) {
        let (m, n) = (&doc.mentions[k], &doc.mentions[k + 1]);
        let side = |o: &Mention| {
            o.title.is_none() && matches!(o.kind, Kind::Unknown | Kind::Loc | Kind::Org)
        };
        if m.te == n.ts
            && side(m)
            && side(n)
            && doc.toks.get(n.te as usize).is_some_and(|t| is_integer(text, t))
            && results_row(doc, m.ts as usize, n.te as usize)
        {
            let (e, te) = (n.e, n.te);
            let m = &mut doc.mentions[k];
            (m.e, m.te, m.kind, m.rows) = (e, te, Kind::Unknown, None);
            // (A title mention without a title is no mention: dropped from the output.)
            doc.mentions[k + 1].kind = Kind::Title;
        }
    }

    // Teams: sports clubs are often named after their city (`Barcelona beat Real Madrid
    // 2-1`, `Sheffield Wednesday 2 Leeds 1`).
    let look = Lookups::new(doc, lx);
    let mut teams: FastSet<&[u8]> = FastSet::default();
    // The shapes (numbers after the name) of the table rows a team opens.
    let mut team_rows: Vec<usize> = Vec::new();
    for k in 0..doc.mentions.len() {
        let Some(side) = competitor(doc, lx, &look, k) else { continue };
        if side == Side::Player {
            // `Hingis beat Seles 6-4 6-3`: set scores, one player a side.
            doc.mentions[k].kind = Kind::Person;
            doc.mentions[k].rows = None;
            continue;
        }
        {
            join_club_name(&mut doc.mentions, &doc.toks, doc.text, k, false);
            // The word right after it in the same name, that names nothing on its own, is
            // part of the club's name (`beat Manchester United 2-0`, `with Dundee United`).
            if let Some(n) = doc.mentions.get(k + 1)
                && n.ts == doc.mentions[k].te
                && n.te - n.ts == 1
                && n.kind == Kind::Unknown
                && n.title.is_none()
                && doc.toks[n.ts as usize].s == doc.toks[n.ts as usize - 1].e + 1
            {
                let (e, te) = (n.e, n.te);
                doc.mentions[k + 1].kind = Kind::Title;
                doc.mentions[k].e = e;
                doc.mentions[k].te = te;
            }
            // A city right before a club of one word is its name's first word (`the Miami
            // Heat lost`, `Orlando Magic 105`), unless a preposition makes it the place.
            if k > 0
                && doc.mentions[k].te - doc.mentions[k].ts == 1
                && let p = &doc.mentions[k - 1]
                && p.te == doc.mentions[k].ts
                && p.kind == Kind::Loc
                && p.title.is_none()
                && p.rows.is_some_and(|rows| {
                    rows.iter().all(|&r| lx.places[r as usize].kind == PlaceKind::City)
                })
                && doc.toks[p.te as usize].s == doc.toks[p.te as usize - 1].e + 1
                && !doc.prev_word_lower(p.ts as usize).is_some_and(is_place_preposition)
            {
                let (s, ts) = (p.s, p.ts);
                doc.mentions[k - 1].kind = Kind::Title;
                doc.mentions[k].s = s;
                doc.mentions[k].ts = ts;
            }
            if let Some(n) = table_row(doc, k) {
                team_rows.push(n);
            }
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
            teams.insert(&text.as_bytes()[doc.mentions[k].s as usize..doc.mentions[k].e as usize]);
        }
    }
    // A table whose rows name teams names a team in every row of that shape, a club named
    // after a province too (`Groningen 17 5 6 6 22 27 21` under `Feyenoord 16 11 3 2 30 16
    // 36`); countries stay places.
    if !team_rows.is_empty() {
        for k in 0..doc.mentions.len() {
            let m = &doc.mentions[k];
            let country = m.rows.is_some_and(|rows| {
                rows.iter().any(|&r| {
                    matches!(
                        lx.places[r as usize].kind,
                        PlaceKind::Country | PlaceKind::Continent | PlaceKind::Region
                    )
                })
            });
            if matches!(m.kind, Kind::Loc | Kind::Unknown)
                && !country
                && table_row(doc, k).is_some_and(|n| team_rows.contains(&n))
            {
                join_club_name(&mut doc.mentions, &doc.toks, doc.text, k, false);
                doc.mentions[k].kind = Kind::Org;
                doc.mentions[k].rows = None;
                teams.insert(
                    &text.as_bytes()[doc.mentions[k].s as usize..doc.mentions[k].e as usize],
                );
            }
        }
    }
    // A side's name before a role in a team and a name (`Leeds striker Tony Yeboah`, `Bath
    // flanker Andy Robinson`, `Essex captain Jane Roe`): a town or an unknown word there is
    // the team. (A country or a nation is the national side, a place: `Japan coach Shu
    // Kamo`, `England batsman`.) An unknown word that opens a sentence must be a name
    // elsewhere in the text too, not a sentence's first word (`Leg spinner Jane Roe`, `Team
    // captain Jane Roe`).
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let (ts, te) = (m.ts as usize, m.te as usize);
        let local = match m.kind {
            Kind::Unknown => true,
            Kind::Loc => m.rows.is_some_and(|rows| {
                rows.iter().all(|&r| lx.places[r as usize].kind == PlaceKind::City)
            }),
            _ => false,
        };
        let role = doc.toks.get(te).is_some_and(|t| {
            t.is(WORD) && !t.is(CAP) && lx.word_in(t.text(text), class::TEAM_ROLE)
        });
        // (Not a name inside a modifier: `Argentine-born fly-half Jane Roe`.)
        let modifier = m.e < doc.toks[te - 1].e
            || split_hyphen(slice(text, (m.s, m.e)))
                .is_some_and(|(_, tail)| tail.starts_with(|c: char| c.is_lowercase()));
        if local
            && role
            && !modifier
            && doc.toks.get(te + 1).is_some_and(|t| t.is(CAP))
            && (m.kind == Kind::Loc || !doc.toks[ts].is(SENT) || named_elsewhere(doc, k))
        {
            // (A city and an unknown word: `Manchester United striker`.)
            if m.kind == Kind::Unknown && m.te - m.ts == 1 {
                join_club_name(&mut doc.mentions, &doc.toks, doc.text, k, true);
            }
            let m = &doc.mentions[k];
            let (s, e) = (m.s as usize, m.e as usize);
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
            teams.insert(&text.as_bytes()[s..e]);
        }
    }
    // A team by its nickname, in a report of games: a capitalized plural after `the` that no
    // list knows, that plays or is played against (`the Proteas were 3 for 111`, `the Swans
    // beat the Western Bulldogs`, `a late charge from the Bombers`; not `the Ashes`, an
    // event, nor `the Americans`, a people).
    let mut games: Option<bool> = None;
    for k in 0..doc.mentions.len() {
        if let Some(ts) = team_nickname(doc, lx, k, &mut games) {
            let m = &mut doc.mentions[k];
            (m.ts, m.s) = (ts as u32, doc.toks[ts].s);
            let (s, e) = (m.s as usize, m.e as usize);
            m.kind = Kind::Org;
            teams.insert(&text.as_bytes()[s..e]);
        }
    }
    // A team once, a team throughout the article (`Essex` of the table is the `Essex` of
    // the report).
    if !teams.is_empty() {
        // (A headline in capitals names the team too: `LEEDS HOLD CHELSEA`; and a team in
        // capitals in a table is the team of the report, `HOUSTON 109` ... `for Houston`, but
        // not after a place's preposition, `in Houston`.)
        let folded: FastSet<Vec<u8>> = teams.iter().map(|t| t.to_ascii_lowercase()).collect();
        let at_place: Vec<bool> = doc
            .mentions
            .iter()
            .map(|m| doc.prev_word_lower(m.ts as usize).is_some_and(is_place_preposition))
            .collect();
        for (k, m) in doc.mentions.iter_mut().enumerate() {
            if !matches!(m.kind, Kind::Loc | Kind::Unknown) {
                continue;
            }
            let name = &text.as_bytes()[m.s as usize..m.e as usize];
            let team = teams.contains(name)
                || ((all_caps(slice(text, (m.s, m.e))) || !at_place[k])
                    && folded.contains(&name.to_ascii_lowercase()));
            if matches!(m.kind, Kind::Loc | Kind::Unknown)
                && team
                && m.rows.is_none_or(|rows| {
                    rows.iter().all(|&r| {
                        matches!(lx.places[r as usize].kind, PlaceKind::City | PlaceKind::Admin1)
                    })
                })
            {
                m.kind = Kind::Org;
                m.rows = None;
            }
        }
    }

    // A name that moves in cents or to a new price is a listed firm's, even one named like a
    // person (`Vorsk Norman gained 6 cents`, `Jane Roe Ltd eased 12c`).
    // So is a name like a town's or a river's (`Rio Tinto added 68 cents`, `Woodside rose 12
    // cents`): no country or state moves in cents.
    // (Not where something else moved: `the futures contract in London rose 0.22 to 100.05`.)
    let small_place = |m: &Mention| {
        m.kind == Kind::Loc
            && !(m.ts as usize)
                .checked_sub(1)
                .map(|p| &doc.toks[p])
                .filter(|t| t.is(WORD) && !t.is(CAP))
                .is_some_and(|t| {
                    let w = t.text(doc.text);
                    is_place_preposition(w) || matches!(w, "on" | "from" | "of" | "to" | "for")
                })
            && m.rows.is_some_and(|rows| {
                rows.iter().all(|&r| {
                    !matches!(lx.places[r as usize].kind, PlaceKind::Country | PlaceKind::Admin1)
                })
            })
    };
    // (`Vorsk Norman shares rose 11 cents`: the firm's shares.)
    fn shares_move(doc: &Doc<'_>, te: usize) -> bool {
        doc.toks.get(te).is_some_and(|t| t.is(WORD) && t.text(doc.text) == "shares")
            && share_price_move(doc, te + 1)
    }
    let mut firms: Vec<&str> = Vec::new();
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let te = m.te as usize;
        let named_like_a_person = m.kind == Kind::Person && m.title.is_none() && m.te - m.ts >= 2;
        let moved = (named_like_a_person || small_place(m))
            && (share_price_move(doc, te) || shares_move(doc, te));
        if moved {
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
        }
        let m = &doc.mentions[k];
        if m.te - m.ts >= 2
            && m.title.is_none()
            && (moved || doc.firm_noun_before(m.ts as usize))
            && matches!(m.kind, Kind::Org | Kind::Unknown | Kind::Person)
        {
            firms.push(slice(text, (m.s, m.e)));
        }
    }
    // A name like a person's that a firm's noun introduces or whose shares move is a firm's
    // wherever the article names it (`Retailer Vorsk Norman has reported ... Vorsk Norman
    // said`).
    retype_named(&mut doc.mentions, text, &firms, Kind::Org, |m| {
        m.kind == Kind::Person && m.title.is_none() && m.te - m.ts >= 2
    });
    // An organization's name that opens with a series of words joined by commas (`the
    // Construction, Forestry, Mining and Energy Union`): the series is part of the name.
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let ts = m.ts as usize;
        if m.kind != Kind::Org || !(ts + 1..m.te as usize).any(|i| doc.wb(i) == b"and") {
            continue;
        }
        // (Words of an industry, none a name: not `Qantas, Vorsk and Telembo Airlines`; and
        // `the` before them.)
        let lx = &*LEXICON;
        let mut s0 = ts;
        while s0 >= 2
            && doc.toks[s0 - 1].ch == ','
            && doc.toks[s0 - 2].is(WORD)
            && doc.toks[s0 - 2].is(CAP)
            && !doc.toks[s0 - 2].is(UPPER)
        {
            s0 -= 2;
        }
        let industry = |i: usize| {
            let w = doc.lower(i);
            !doc.has(i, class::KNOWN_ORG)
                && lx.known_place(w).is_none()
                && !lx.is_given(w)
                && !lx.surnames.contains(w)
        };
        if s0 < ts && s0 >= 1 && doc.lower(s0 - 1) == "the" && (s0..ts).step_by(2).all(industry) {
            let s = doc.toks[s0].s;
            for o in
                doc.mentions.iter_mut().filter(|o| (o.ts as usize) >= s0 && (o.te as usize) <= ts)
            {
                o.kind = Kind::Unknown;
            }
            doc.mentions[k].ts = s0 as u32;
            doc.mentions[k].s = s;
        }
    }
    // A nightclub, a bar or a hotel where something happened is a place: `outside the Vorsk
    // Club`, `at Paddy's Bar` (not a sports club: `at the Vorsk Football Club`).
    let venues: Vec<usize> = (0..doc.mentions.len())
        .filter(|&k| {
            let m = &doc.mentions[k];
            let (ts, te) = (m.ts as usize, m.te as usize);
            let before =
                if ts >= 1 && doc.prev_word_lower(ts) == Some("the") { ts - 1 } else { ts };
            // (Or placed in a town after it: `the attack on the Vorsk Club in Kuta`.)
            let placed = doc.toks.get(te).is_some_and(|t| t.is(WORD) && t.text(doc.text) == "in")
                && doc.mentions.get(k + 1).is_some_and(|o| {
                    matches!(o.kind, Kind::Loc | Kind::Unknown) && o.ts as usize == te + 1
                });
            m.kind == Kind::Org
                && te - ts >= 2
                && is_venue(doc.lower(te - 1))
                && (placed
                    || doc.prev_word_lower(before).is_some_and(|w| {
                        matches!(w, "at" | "in" | "inside" | "outside" | "near" | "into" | "from")
                    }))
                && !(ts..te - 1).any(|i| {
                    matches!(
                        doc.lower(i),
                        "football"
                            | "cricket"
                            | "rugby"
                            | "golf"
                            | "tennis"
                            | "yacht"
                            | "sailing"
                            | "rowing"
                            | "bowling"
                            | "bowls"
                            | "racing"
                            | "sports"
                            | "athletic"
                            | "country"
                            | "rotary"
                            | "lions"
                            | "press"
                    )
                })
        })
        .collect();
    // What one mention showed holds wherever the article names the venue (`The blasts
    // destroyed the Vorsk Club`).
    let names: Vec<&str> =
        venues.iter().map(|&k| slice(text, (doc.mentions[k].s, doc.mentions[k].e))).collect();
    retype_named(&mut doc.mentions, text, &names, Kind::Loc, |m| {
        m.kind == Kind::Org && m.te - m.ts >= 2
    });
    for k in venues {
        doc.mentions[k].rows = None;
    }

    // Cricket scorecards: the fielder and the bowler of a batting line are people
    // (`Atherton c Mongia b Prasad 30`, `lbw b Kumble 12`, `st Rashid b Mushtaq 4`), a name
    // that is also a town or a state (`c Lara`) or a title (`b Bishop`) too.
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let local = m.rows.is_none_or(|rows| {
            rows.iter()
                .all(|&r| matches!(lx.places[r as usize].kind, PlaceKind::City | PlaceKind::Admin1))
        });
        let one_word_title = m.kind == Kind::Title && m.te - m.ts == 1;
        if (matches!(m.kind, Kind::Unknown | Kind::Loc) || one_word_title)
            && local
            && scorecard_player(doc, k)
        {
            doc.mentions[k].kind = Kind::Person;
            doc.mentions[k].rows = None;
            doc.mentions[k].title = None;
        }
    }

    // A leading scorer's name (`Leading scorers :` ... `Kiko ( Vorsk City ) 7`), wherever
    // the article names the player (`with Kiko scoring`).
    let mut scorers: Vec<&str> = Vec::new();
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        if matches!(m.kind, Kind::Unknown | Kind::Org | Kind::Loc | Kind::Person)
            && scorer_table_row(doc, m.ts as usize, m.te as usize)
        {
            scorers.push(slice(text, (m.s, m.e)));
            doc.mentions[k].kind = Kind::Person;
            doc.mentions[k].rows = None;
        }
    }
    retype_named(&mut doc.mentions, text, &scorers, Kind::Person, |m| {
        matches!(m.kind, Kind::Unknown | Kind::Org)
    });
    // A player's club in brackets in a ranked list or a squad (`12 - Alan Roe (Newcastle)`,
    // `Squad: Jane Roe (Bath), Joan Doe (Harlequins)`): a town in brackets right after a
    // person, on a line that opens with a number or that names another person so, is a
    // team. (A country or a state there is the player's nation: `1. Jane Roe (Germany)`.)
    let bracketed = |k: usize| {
        let (ts, te) = (doc.mentions[k].ts as usize, doc.mentions[k].te as usize);
        k >= 1
            && ts >= 1
            && toks[ts - 1].ch == '('
            && toks.get(te).is_some_and(|t| t.ch == ')')
            && doc.mentions[k - 1].kind == Kind::Person
            && doc.mentions[k - 1].te as usize + 1 == ts
    };
    let mut clubs = Vec::new();
    for k in 1..doc.mentions.len() {
        let m = &doc.mentions[k];
        let ts = m.ts as usize;
        let town = m.kind == Kind::Unknown
            || (m.kind == Kind::Loc
                && m.rows.is_some_and(|rows| {
                    rows.iter().all(|&r| lx.places[r as usize].kind == PlaceKind::City)
                }));
        if !town || !bracketed(k) {
            continue;
        }
        let start = line_start(toks, ts);
        let end = line_end(toks, ts);
        let ranked = is_integer(doc.text, &toks[start]) || {
            let p = &doc.mentions[k - 1];
            scorer_table_row(doc, p.ts as usize, p.te as usize)
        };
        // (The mentions next to `k` only: a line holds a few.)
        let listed = || {
            (k.saturating_sub(6)..(k + 7).min(doc.mentions.len())).any(|o| {
                let ots = doc.mentions[o].ts as usize;
                o != k && ots >= start && ots < end && bracketed(o)
            })
        };
        if ranked || listed() {
            clubs.push(k);
        }
    }
    for k in clubs {
        doc.mentions[k].kind = Kind::Org;
        doc.mentions[k].rows = None;
    }
    // A name of two or three words with a country in brackets after it, on a line that opens
    // with a number, is a competitor's: `3. Aliuska Lopez (Cuba) 12.85`, `137 Jane Roe
    // (Britain) 70 67`.
    for k in 0..doc.mentions.len().saturating_sub(1) {
        let (m, c) = (&doc.mentions[k], &doc.mentions[k + 1]);
        let (ts, te) = (m.ts as usize, m.te as usize);
        let toks = &doc.toks;
        let country = c.kind == Kind::Loc && c.rows.is_some_and(|rows| lx.names_a_country(rows));
        // (A name that ends with a place's cue word is one too: `Picabo Street (U.S.)`.)
        if (m.kind == Kind::Unknown || (m.kind == Kind::Loc && m.rows.is_none()))
            && (2..=3).contains(&(te - ts))
            && country
            && toks.get(te).is_some_and(|t| t.ch == '(')
            && c.ts as usize == te + 1
            && toks.get(c.te as usize).is_some_and(|t| t.ch == ')')
        {
            let start = line_start(toks, ts);
            // (Or a rank right before it, the results run on in one line: `100 metres : 1.
            // Jane Roe ( Canada ) 10.03 2. Joan Doe ( Namibia ) 10.06`.)
            let rank_before = ts >= 2
                && toks[ts - 1].ch == '.'
                && toks[ts - 1].s == toks[ts - 2].e
                && is_integer(doc.text, &toks[ts - 2])
                && toks.get(c.te as usize + 1).is_some_and(|t| {
                    t.is(WORD) && t.text(doc.text).starts_with(|ch: char| ch.is_ascii_digit())
                });
            if is_integer(doc.text, &toks[start]) || rank_before {
                doc.mentions[k].kind = Kind::Person;
            }
        }
    }
    // A side with its country in brackets and its score after, on a line of two such sides
    // that opens with no number: a club (`Vorsk Qell ( Greece ) 72 Telembo ( Spain ) 65`).
    let bracket_side = |doc: &Doc<'_>, k: usize| {
        let (m, c) = (&doc.mentions[k], doc.mentions.get(k + 1));
        let te = m.te as usize;
        c.is_some_and(|c| {
            // (A state of the past too: `( Yugoslavia )`; a nation of the United Kingdom,
            // a first-level division in the gazetteer: `( England )`.)
            c.kind == Kind::Loc
                && c.rows.is_some_and(|rows| {
                    rows.iter().any(|&r| {
                        matches!(
                            lx.places[r as usize].kind,
                            PlaceKind::Country | PlaceKind::Region | PlaceKind::Admin1
                        )
                    })
                })
                && doc.toks.get(te).is_some_and(|t| t.ch == '(')
                && c.ts as usize == te + 1
                && doc.toks.get(c.te as usize).is_some_and(|t| t.ch == ')')
                && doc.toks.get(c.te as usize + 1).is_some_and(|t| is_integer(doc.text, t))
                // (A score, not a time or a distance: `26:38.08`, `8.95`; and no rank before
                // the name: `1. Jane Roe ( Kenya ) 26:38.08`.)
                // (One score a side: a golfer's rounds are several, `68 68`.)
                && doc.toks.get(c.te as usize + 2).is_none_or(|n| {
                    let attached = n.s == doc.toks[c.te as usize + 1].e;
                    !(is_integer(doc.text, n) || (matches!(n.ch, ':' | '.' | ',' | '/') && attached))
                })
                && !(m.ts >= 2
                    && doc.toks[m.ts as usize - 1].ch == '.'
                    && is_integer(doc.text, &doc.toks[m.ts as usize - 2]))
        })
    };
    for k in 0..doc.mentions.len().saturating_sub(1) {
        let m = &doc.mentions[k];
        // (A person named by a given name stays one: `Vladimir Kramnik ( Russia ) 1`.)
        let first = doc.lower(m.ts as usize);
        let given = lx.is_given(first);
        let side = match m.kind {
            Kind::Unknown => !given,
            Kind::Person => m.title.is_none() && !given,
            // A city, a city-state (`Hamburg`), or a country in brackets with another
            // (`Monaco ( France )`).
            Kind::Loc => m.rows.is_none_or(|rows| {
                let other_country = doc.mentions.get(k + 1).and_then(|c| c.rows).is_some_and(|c| {
                    let of = |rows: &[u32]| {
                        rows.iter().filter_map(|&r| lx.places[r as usize].country).next()
                    };
                    of(c) != of(rows)
                });
                rows.iter().all(|&r| match lx.places[r as usize].kind {
                    PlaceKind::City | PlaceKind::Admin1 => true,
                    PlaceKind::Country => other_country,
                    _ => false,
                })
            }),
            _ => false,
        };
        if !side || m.te - m.ts > 3 || !bracket_side(doc, k) {
            continue;
        }
        let (start, end) =
            (line_start(&doc.toks, m.ts as usize), line_end(&doc.toks, m.ts as usize));
        let other = (0..doc.mentions.len().saturating_sub(1)).any(|j| {
            let o = &doc.mentions[j];
            j != k && (o.ts as usize) >= start && (o.te as usize) < end && bracket_side(doc, j)
        });
        if other && !is_integer(doc.text, &doc.toks[start]) {
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
        }
    }

    // A team's line-up: a side, a dash, then names between commas and semicolons,
    // substitutes in brackets with their minute (`Vorsk - Jane Roe ; Joan Doe , Ann Lee (
    // Kim Poe 75 )`): the names are players. Every token after the dash is such a name, a
    // separator, a bracket or a number, and there are three separators at least.
    let mut k = 0;
    while k < doc.mentions.len() {
        let m = &doc.mentions[k];
        let (ts, te) = (m.ts as usize, m.te as usize);
        // (The line's start by a word check: a scan of the line for every mention was
        // quadratic on long lines. Semicolons part a line-up's lines, defence from midfield:
        // a list of countries or clubs after a dash has none.)
        let opens = ts == 0 || toks[ts - 1].ch == '\n';
        let lineup = toks.get(te).is_some_and(|t| t.ch == '-') && opens && {
            let end = line_end(toks, te);
            let rest = &toks[te + 1..end];
            rest.iter().any(|t| t.ch == ';')
                && rest.iter().filter(|t| matches!(t.ch, ',' | ';')).count() >= 3
                && rest.iter().all(|t| {
                    matches!(t.ch, ',' | ';' | '(' | ')' | '.' | '-' | '\'')
                        || t.is(CAP)
                        || (t.is(WORD) && is_integer(doc.text, t))
                        || (t.is(WORD) && is_name_particle(t.text(doc.text)))
                })
        };
        if !lineup {
            k += 1;
            continue;
        }
        let end = line_end(toks, te) as u32;
        let mut j = k + 1;
        while j < doc.mentions.len() && doc.mentions[j].ts < end {
            // (Not another side in the list: `Inter - Jane Roe 12 ; Boavista - Joan Doe 70`;
            // nor a country.)
            let side = toks.get(doc.mentions[j].te as usize).is_some_and(|t| t.ch == '-');
            let country = doc.mentions[j].rows.is_some_and(|rows| lx.names_a_country(rows));
            let n = &mut doc.mentions[j];
            if matches!(n.kind, Kind::Unknown | Kind::Loc | Kind::Org) && !side && !country {
                n.kind = Kind::Person;
                n.rows = None;
            }
            j += 1;
        }
        k = j;
    }

    // A ranked result's team or make after the rider's or driver's country (`1. Jane Roe (
    // Britain ) Williams 1:32:33`, `2. Jane Roe ( Spain ) Banesto`): an organization.
    for k in 2..doc.mentions.len() {
        let (p, c, m) = (&doc.mentions[k - 2], &doc.mentions[k - 1], &doc.mentions[k]);
        let (ts, te) = (m.ts as usize, m.te as usize);
        let teamlike = match m.kind {
            Kind::Unknown | Kind::Loc => true,
            Kind::Person => m.title.is_none() && !lx.is_given(doc.lower(ts)),
            _ => false,
        };
        if teamlike
            && te - ts <= 3
            && p.kind == Kind::Person
            && c.kind == Kind::Loc
            && c.rows.is_some_and(|rows| lx.names_a_country(rows))
            && toks[p.te as usize].ch == '('
            && c.ts == p.te + 1
            && toks[c.te as usize].ch == ')'
            && c.te as usize + 1 == ts
            && is_integer(doc.text, &toks[line_start(toks, ts)])
        {
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
            doc.mentions[k].title = None;
        }
    }

    // `a broker with Dean Witter`, `a trader at Vorsk und Telembo`, `jobs at Vorskel`: where
    // people work is a firm, whatever its name looks like (and a name of one word too).
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        if matches!(m.kind, Kind::Unknown | Kind::Person)
            && m.title.is_none()
            && doc.workplace(m.ts as usize)
        {
            doc.mentions[k].kind = Kind::Org;
            doc.mentions[k].rows = None;
        }
    }

    // The names of a line of scorers after its label are players (`Vorsk - Tries : Doe (
    // 2 ) , Roe , penalty try`), a name like a small town's too. (A colon after a word
    // first: most articles have no such line.)
    let colon = (1..doc.toks.len()).any(|i| {
        doc.toks[i].ch == ':' && doc.toks[i - 1].is(WORD) && scorers_label(doc.lower(i - 1))
    });
    for k in 0..if colon { doc.mentions.len() } else { 0 } {
        let m = &doc.mentions[k];
        let ts = m.ts as usize;
        let loose = m.kind == Kind::Unknown
            || (m.kind == Kind::Loc
                && m.rows.is_some_and(|rows| rows.iter().all(|&r| lx.places[r as usize].minor)));
        if loose
            && m.title.is_none()
            && m.te - m.ts <= 3
            && doc.toks[line_start(&doc.toks, ts)..ts].iter().any(|t| t.ch == ':')
            // (Not the next label: `Conversions :`.)
            && doc.toks.get(m.te as usize).is_none_or(|t| t.ch != ':')
            // (Names, counts and marks between the label and it, no sentence: not `Penalty:
            // Jane Roe of Walcha was fined`.)
            && {
                let line = line_start(&doc.toks, ts);
                let colon = (line..ts).rev().find(|&j| doc.toks[j].ch == ':').unwrap_or(line);
                doc.toks[colon + 1..ts].iter().all(|t| {
                    !t.is(WORD) || t.is(CAP) || is_integer(text, t) || is_name_particle(t.text(text))
                }) && doc.toks.get(m.te as usize).is_none_or(|t| {
                    !t.is(WORD) || t.is(CAP) || is_integer(text, t) || matches!(t.text(text), "and" | "penalty")
                })
            }
            && scorers_line(doc, ts)
        {
            doc.mentions[k].kind = Kind::Person;
            doc.mentions[k].rows = None;
        }
    }

    // Names of two or more words with no evidence of a person in themselves (no common
    // given name, no title): the article's evidence decides.
    // So do a common given name and a place's cue word that is a surname too (`Andrew Park,
    // 45, said`; `Albert Park` with no such evidence stays a place).
    // (The names that persons bear are indexed once, when a name first has a person's
    // evidence: most articles never need them.)
    let mut named: Option<NamesOfSeveralWords<'_>> = None;
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let (ts, te) = (m.ts as usize, m.te as usize);
        let given_and_cue = m.kind == Kind::Loc
            && te - ts == 2
            && m.rows.is_none()
            && lx.common_given.contains(doc.lower(ts))
            && doc.has(te - 1, class::LOC_CUE)
            && lx.surnames.contains(doc.lower(te - 1));
        // A small town's name that a title introduces is a person's (`South Africa's
        // President, Vorsk Qorvash,`).
        let titled_town = m.kind == Kind::Loc
            && te - ts >= 2
            && m.rows.is_some_and(|rows| rows.iter().all(|&r| lx.places[r as usize].minor))
            && doc.title_apposition(lx, ts, te);
        if (m.kind == Kind::Unknown || given_and_cue || titled_town)
            && !m.article
            && te - ts >= 2
            && !(te - ts == 2 && article_name(lx, doc.lower(ts), doc.lower(ts + 1)))
            && !branch_in_country(doc, lx, k)
            && short_form_of_org(doc, k).is_none()
            && person_evidence(doc, lx, &look, k)
            && !org_named_so(
                doc,
                lx,
                &look,
                named.get_or_insert_with(|| names_of_several_words(doc)),
                k,
            )
        {
            doc.mentions[k].kind = Kind::Person;
        }
    }

    // Persons: fullest names first, shorter ones join the name they end or start with.
    let mut persons: Vec<Group> = Vec::new();
    let mut order: Vec<usize> =
        (0..doc.mentions.len()).filter(|&k| doc.mentions[k].kind == Kind::Person).collect();
    order.sort_by_key(|&k| {
        (std::cmp::Reverse(doc.mentions[k].te - doc.mentions[k].ts), doc.mentions[k].s)
    });
    let find_person = |persons: &[Group], w: &[(u32, u32)]| -> Option<usize> {
        persons.iter().position(|p| {
            p.words.len() >= w.len()
                && (same(text, &p.words[p.words.len() - w.len()..], w)
                    || same(text, &p.words[..w.len()], w))
        })
    };
    for &k in &order {
        let m = &doc.mentions[k];
        let w = words_of(text, toks, m);
        if w.is_empty() {
            continue;
        }
        let idx = match find_person(&persons, &w) {
            Some(p) => p,
            None => {
                let first = key_at(text, doc.folded, w[0]);
                let gender = lx.gender(&first);
                persons.push(Group::new(w, m.s, m.e, gender));
                persons.len() - 1
            }
        };
        targets[k] = Some(Target::Person(idx));
    }

    // Countries the article names (unambiguously) and nationality words: context for
    // same-named places.
    for m in &doc.mentions {
        let Some(rows) = m.rows.filter(|_| m.kind == Kind::Loc) else { continue };
        let first = rows.first().and_then(|&r| lx.places[r as usize].country);
        let one_country =
            rows.iter().all(|&r| lx.places[r as usize].country == first && first.is_some());
        let country_row =
            rows.iter().map(|&r| &lx.places[r as usize]).find(|p| p.kind == PlaceKind::Country);
        let other_regions = rows.iter().any(|&r| {
            let p = &lx.places[r as usize];
            p.kind == PlaceKind::Admin1 && country_row.is_some_and(|c| c.country != p.country)
        });
        let (c, n) = match (one_country, country_row) {
            (_, Some(c)) if !other_regions => {
                if let Some(code) = c.country
                    && !doc.named_countries.contains(&code)
                {
                    doc.named_countries.push(code);
                }
                (c.country, 2)
            }
            (true, _) => (first, 1),
            _ => (None, 0),
        };
        if let Some(c) = c {
            match doc.countries.iter_mut().find(|(k, _)| *k == c) {
                Some((_, k)) => *k += n,
                None => doc.countries.push((c, n)),
            }
            if let [only] = rows
                && lx.places[*only as usize].kind == PlaceKind::Admin1
                && !lx.places[*only as usize].admin1.is_empty()
            {
                doc.admin1.push((c, lx.places[*only as usize].admin1));
            }
        }
    }

    // A small foreign town named without a preposition is more likely a name or a word
    // (`Bush`, `Senna`): it waits, like other loose words, for evidence.
    // Which places support which country, made once (up to two names a country: enough to
    // tell whether a place other than the town itself does): a scan of every mention for
    // every town made a long list of towns quadratic.
    let mut support: Vec<([u8; 2], &str, Option<&str>)> = Vec::new();
    for o in doc.mentions.iter().filter(|o| o.kind == Kind::Loc) {
        let Some(rows) = o.rows else { continue };
        let name = slice(text, (o.s, o.e));
        let first = rows.first().and_then(|&r| lx.places[r as usize].country);
        let all_in =
            first.filter(|&c| rows.iter().all(|&r| lx.places[r as usize].country == Some(c)));
        let countries = rows
            .iter()
            .map(|&r| &lx.places[r as usize])
            .filter(|p| p.kind == PlaceKind::Country)
            .filter_map(|p| p.country)
            .chain(all_in);
        for c in countries {
            match support.iter_mut().find(|(k, _, _)| *k == c) {
                None => support.push((c, name, None)),
                Some((_, a, b)) if *a != name && b.is_none() => *b = Some(name),
                Some(_) => {}
            }
        }
    }
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        let Some(rows) = m.rows.filter(|_| m.kind == Kind::Loc && m.te - m.ts == 1) else {
            continue;
        };
        // (`across the Pilbara`: a region takes `the`; not `at the Center for a New ...`.)
        let ts = m.ts as usize;
        let the_after_preposition = doc.town_after_the(ts, &["over", "into", "from", "to"])
            && !doc
                .toks
                .get(m.te as usize)
                .is_some_and(|t| t.is(WORD) && matches!(t.text(text), "for" | "of"));
        // (`as far as Vorsk`: how far something reaches.)
        let as_far_as = ts >= 3
            && doc.prev_word_lower(ts) == Some("as")
            && doc.prev_word_lower(ts - 1) == Some("far")
            && doc.prev_word_lower(ts - 2) == Some("as");
        // (Not when another state or country follows: `Bingara in New Zealand` is not this
        // town.)
        if (m.head_e.is_some()
            || as_far_as
            || doc.prev_word_folded(ts).is_some_and(is_place_preposition)
            || the_after_preposition
            || in_its_state_or_country(doc, lx, k, rows)
            || doc.after_place_noun(m.ts as usize)
            || doc.after_journey(m.ts as usize)
            || town_of_origin(doc, lx, k))
            && placed_in(doc, lx, k, rows) != Some(false)
        {
            continue;
        }
        // Evidence for a country other than the town itself: a nationality word, or another
        // place named there.
        let name = slice(text, (m.s, m.e));
        let supported = |c: [u8; 2]| {
            doc.demonym_countries.contains(&c)
                || support
                    .iter()
                    .any(|&(k, a, b)| k == c && (a != name || b.is_some_and(|b| b != name)))
        };
        // A smaller town (`towns.tsv`) always waits: many are named like people and words.
        let weak = rows.iter().all(|&r| lx.places[r as usize].minor)
            || rows.iter().all(|&r| {
                let p = &lx.places[r as usize];
                p.kind == PlaceKind::City
                    && p.population < 200_000
                    && !p.country.is_some_and(supported)
            });
        if weak {
            doc.mentions[k].kind = Kind::Unknown;
            doc.mentions[k].rows = None;
            doc.mentions[k].demoted = true;
        }
    }

    // Loose single words: a known person's name, an organization's acronym, a place.
    let mut orgs: Vec<Group> = Vec::new();
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        if m.kind != Kind::Org {
            continue;
        }
        let w = words_of(text, toks, m);
        let name = slice(text, (m.s, m.e));
        let name = name.strip_prefix("The ").unwrap_or(name);
        let idx = orgs.iter().position(|o| {
            let on = slice(text, o.name);
            same_org(on.strip_prefix("The ").unwrap_or(on), name)
        });
        // An acronym and the name it abbreviates are one organization, in either order
        // (`the Organisation of Petroleum Exporting Countries` ... `OPEC`).
        let acronym = |words: &[(u32, u32)]| {
            let [(s, e)] = words else { return None };
            let a = &text[*s as usize..*e as usize];
            (a.len() >= 2 && all_caps(a) && a.chars().all(char::is_alphanumeric)).then_some(a)
        };
        let idx = idx.or_else(|| match acronym(&w) {
            Some(a) => {
                orgs.iter().position(|o| o.words.len() > 1 && initials_are(text, &o.words, a))
            }
            None if w.len() > 1 => orgs
                .iter()
                .position(|o| acronym(&o.words).is_some_and(|a| initials_are(text, &w, a))),
            None => None,
        });
        let idx = match idx {
            Some(i) => {
                // The fullest name is the canonical one (`Microsoft Corp` ... `Microsoft`),
                // in ordinary case rather than a headline's capitals.
                let current = slice(text, orgs[i].name);
                if name.len() > current.len() || (all_caps(current) && !all_caps(name)) {
                    orgs[i].name = (m.s, m.e);
                    orgs[i].words = w;
                }
                i
            }
            None => {
                orgs.push(Group::new(w, m.s, m.e, None));
                orgs.len() - 1
            }
        };
        targets[k] = Some(Target::Org(idx));
    }
    for k in 0..doc.mentions.len() {
        let m = doc.mentions[k].clone();
        if m.kind != Kind::Unknown {
            continue;
        }
        let w = words_of(text, toks, &m);
        if w.is_empty() {
            continue;
        }
        let first = &toks[m.ts as usize];
        let word = slice(text, (m.s, m.e));
        // Surname or given name of someone named in full; when it speaks, the whole name of
        // someone named by one word elsewhere (`President Suharto` ... `Suharto told`).
        // (The first match only: no list of all of them.)
        let speaks = doc.speaks_at(m.te as usize);
        let first_match = persons.iter().position(|p| {
            (p.words.len() > w.len() || (speaks && p.words.len() == w.len()))
                && (same(text, &p.words[p.words.len() - w.len()..], &w)
                    || same(text, &p.words[..w.len()], &w))
        });
        if let Some(p) = first_match {
            targets[k] = Some(Target::Person(p));
            doc.mentions[k].kind = Kind::Person;
            continue;
        }
        // `Lashkar-e-Taiba`, `Hizb-ul-Mujahideen`: names joined by an Urdu/Persian izafat
        // are organizations (armed groups, parties), not people.
        if w.len() == 1
            && word.as_bytes().contains(&b'-')
            && ["-e-", "-i-", "-ul-"].iter().any(|j| word.contains(j))
            && !izafat_place(lx, &key(word))
        {
            let o = org_named(&mut orgs, text, &w, (m.s, m.e));
            targets[k] = Some(Target::Org(o));
            doc.mentions[k].kind = Kind::Org;
            continue;
        }
        // An acronym of a named organization, or a new one.
        if first.is(UPPER) && w.len() == 1 {
            let bare: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
            if let Some(o) =
                orgs.iter().position(|o| o.words.len() > 1 && initials_are(text, &o.words, &bare))
            {
                targets[k] = Some(Target::Org(o));
                doc.mentions[k].kind = Kind::Org;
                continue;
            }
            // Of a place named in full (`MCG`, `Melbourne Cricket Ground`): that place.
            let place = doc.mentions.iter().position(|o| {
                o.kind == Kind::Loc
                    && o.te - o.ts > 1
                    && initials_are(text, &words_of(text, toks, o), &bare)
            });
            if let Some(p) = place {
                doc.mentions[k].kind = Kind::Loc;
                doc.mentions[k].alias_of = Some(p as u32);
                continue;
            }
            // A cricket ground named by its initials where something happens (`at the MCG`,
            // `SCG`: `Melbourne Cricket Ground`) is a place, as its full name is.
            // (A venue somewhere in the article: `at the MCG`, `to the SCG`; not `the BCG
            // vaccine`.)
            if (3..=4).contains(&bare.len())
                && bare.ends_with("CG")
                && doc.mentions.iter().any(|o| {
                    slice(text, (o.s, o.e)) == word
                        && doc.the_after_place_preposition(o.ts as usize, &["to", "from", "into"])
                })
            {
                doc.mentions[k].kind = Kind::Loc;
                continue;
            }
            // (Or capitals joined by an ampersand: `S&P`, not `R&D`.)
            let ampersand = word.contains('&') && bare.len() >= 2;
            if ((3..=6).contains(&bare.len()) || ampersand)
                && bare.chars().all(char::is_alphabetic)
                && !lx.not_orgs.contains(key(&bare).as_str())
                && !(ampersand && lx.not_orgs.contains(key(word).as_str()))
                && !defines_term(text, toks, m.ts as usize, &bare)
            {
                let o = org_named(&mut orgs, text, &w, (m.s, m.e));
                targets[k] = Some(Target::Org(o));
                doc.mentions[k].kind = Kind::Org;
                continue;
            }
        }
        // `AusAID`, `FreightLink`, `PetroChina`: a capital inside a word, after a capital and
        // two lower-case letters or more, names a firm or an agency (not `McDonald`,
        // `MacArthur`).
        // (Nor two names run together, `JaneRoe`.)
        if w.len() == 1
            && inner_capital(word)
            && lx.known_place(&key(word)).is_none()
            && !word
                .bytes()
                .skip(1)
                .position(|c| c.is_ascii_uppercase())
                .is_some_and(|at| lx.is_given(&key(&word[..at + 1])) || &word[..at + 1] == "The")
        {
            let o = org_named(&mut orgs, text, &w, (m.s, m.e));
            targets[k] = Some(Target::Org(o));
            doc.mentions[k].kind = Kind::Org;
            continue;
        }
        // (A word of a named organization's name is left to the quotations' look-up: `A
        // Commission spokeswoman` speaks for the European Commission.)
        let in_org = orgs.iter().any(|o| o.words.iter().any(|&x| slice(text, x) == word));
        let prev = doc.prev_word_lower(m.ts as usize);
        let next_said = doc.speaks_at(m.te as usize);
        let lk = key_at(text, doc.folded, (m.s, m.e));
        let namelike = lx.given.contains_key(&*lk) || lx.surnames.contains(&*lk);
        // With the capitalized words right before it that the segmenter set aside
        // (`Islamic Jihad`, `Islamic` alone naming nothing).
        let start = org_start(doc, &look, m.ts as usize);
        let acronym = first.is(UPPER) && word.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        // A word no list knows as a name, that the text never writes in lower case, nor
        // names anyone by in full (that was looked at above): a company or an agency, as wire
        // copy names them bare (`Chrysler said`, `Interfax said`), not a person. (Not a
        // group of people: `Englishmen said`.)
        // (A closure: the search of the text is asked only of a name that speaks.)
        // (Opening a sentence, a word is a name as well when what it says is `it`'s:
        // `Centrelink says it has received`; not a plural, `Analysts say it`, nor a surname
        // in a headline, `Vorsk says ...`.)
        let it_says = || {
            !word.ends_with('s')
                && !word.contains(['\'', '’'])
                && toks.get(m.te as usize + 1).is_some_and(|t| t.is(WORD) && t.text(text) == "it")
        };
        let unnamed = || {
            !namelike
                && (!first.is(SENT) || it_says())
                && !word.ends_with("men")
                && !doc.common_word(m.ts as usize)
        };
        // A one-word bank (`Bundesbank`, `Rabobank`, `Riksbank`).
        let bank = w.len() == 1 && word.len() > 6 && word.ends_with("bank");
        // A short name in brackets right after an organization's name is that name's
        // (`Tata Engineering and Locomotive Co (Telco)`; an acronym there is an organization of its
        // own, as above).
        let bracketed = w.len() == 1
            && k > 0
            && doc.mentions[k - 1].kind == Kind::Org
            && doc.mentions[k - 1].te + 1 == m.ts
            && toks[m.ts as usize - 1].ch == '('
            && toks.get(m.te as usize).is_some_and(|t| t.ch == ')');
        if bracketed && let Some(Target::Org(o)) = targets[k - 1] {
            targets[k] = Some(Target::Org(o));
            doc.mentions[k].kind = Kind::Org;
            continue;
        }
        // A party or a movement named without its cue word after its full name.
        if let Some(Target::Org(o)) = short_form_of_org(doc, k).and_then(|j| targets[j]) {
            targets[k] = Some(Target::Org(o));
            doc.mentions[k].kind = Kind::Org;
            continue;
        }
        // An organization: by the words around it (`Hamas militants`); what speaks and is no
        // one's name, such a word, an acronym in ordinary text (`ITAR-TASS said`) or a word
        // after capitalized words that name nothing alone (`Islamic Jihad said`); a word
        // listed with an organization (`Deutsche Bank and Dresdner`, `Islamic Jihad and
        // Hamas`).
        let borne_surname =
            || lx.surnames.contains(&*lk) && look.last_words.contains(word.as_bytes());
        if (!in_org && org_evidence(doc, lx, &look, k))
            || bank
            || (w.len() == 1 && next_said && (acronym || start < m.ts as usize || unnamed()))
            // (A surname too, when nobody of the article bears it: `Kendell Airlines and
            // Hazelton`.)
            || (((w.len() == 1
                && !lx.is_given(&lk)
                && !borne_surname()
                && !lx.not_orgs.contains(&*lk))
                || (w.len() >= 2 && ends_in_country(doc, lx, &m)))
                && doc.coordinated_with_org(lx, k, start))
            || ((next_said || acts_or_is_named_as_a_body(doc, m.ts as usize, m.te as usize))
                && branch_in_country(doc, lx, k))
        {
            // (A name after a prefix starts inside its word: `anti-Zorvak rebels`.)
            let s0 = if start < m.ts as usize { toks[start].s } else { m.s };
            doc.mentions[k].ts = start as u32;
            doc.mentions[k].s = s0;
            // A firm of two names joined by `and`, after a noun for a firm: one organization
            // (`accountancy firm Ernst and Young`).
            let te = m.te as usize;
            let partner = (w.len() == 1
                && doc.prev_word_lower(m.ts as usize).is_some_and(is_org_noun)
                && toks.get(te).is_some_and(|t| t.is(WORD) && t.text(text) == "and"))
            .then(|| doc.mentions.get(k + 1))
            .flatten()
            .filter(|n| {
                n.kind == Kind::Unknown
                    && n.ts as usize == te + 1
                    && n.te as usize == te + 2
                    && toks.get(te + 2).is_none_or(|t| !t.is(CAP))
            })
            .map(|n| (n.e, n.te));
            let e0 = if let Some((e, te2)) = partner {
                doc.mentions[k].e = e;
                doc.mentions[k].te = te2;
                // (A title mention without a title is no mention: dropped from the output.)
                doc.mentions[k + 1].kind = Kind::Title;
                e
            } else {
                m.e
            };
            let w = words_of(text, toks, &doc.mentions[k]);
            let o = org_named(&mut orgs, text, &w, (s0, e0));
            targets[k] = Some(Target::Org(o));
            doc.mentions[k].kind = Kind::Org;
            continue;
        }
        // (Names of two words or more had their evidence weighed before.) A known given name
        // or surname that speaks is a person's (`Johnson said`), and a known surname that
        // names an administration (`the Bush administration`).
        let names_government = toks
            .get(m.te as usize)
            .is_some_and(|t| t.is(WORD) && matches!(t.text(text), "administration" | "government"));
        let is_person = w.len() == 1
            && ((next_said && namelike) || (names_government && lx.surnames.contains(&*lk)));
        // `Residents of Vorsk in northern New South Wales`: a town the gazetteer knows there.
        // (The word after it first: a lookup for every loose word otherwise.)
        let placed = toks
            .get(m.te as usize)
            .is_some_and(|t| t.ch == ',' || (t.is(WORD) && t.text(text) == "in"));
        let town_there = (w.len() == 1 && !is_person && placed)
            .then(|| lx.place(&lk))
            .flatten()
            .filter(|rows| in_its_state_or_country(doc, lx, k, rows));
        if let Some(rows) = town_there {
            doc.mentions[k].kind = Kind::Loc;
            doc.mentions[k].rows = Some(rows);
        } else if is_person {
            let gender = lx.given.get(&*lk).copied();
            persons.push(Group::new(w, m.s, m.e, gender));
            targets[k] = Some(Target::Person(persons.len() - 1));
            doc.mentions[k].kind = Kind::Person;
        } else if (prev.is_some_and(is_place_preposition) || doc.after_place_noun(m.ts as usize))
            && !first.is(SENT)
            && !first.is(UPPER)
            // (No place has a digit in its name: `confirmed at A3`, a rating.)
            && !word.bytes().any(|b| b.is_ascii_digit())
            || doc.coordinated_with_place(k)
            || doc.listed_before_plural_place(k)
            // `In Vorskland, the rain fell`: where, opening the sentence.
            || (m.ts >= 1
                && toks[m.ts as usize - 1].is(SENT)
                && doc.lower(m.ts as usize - 1) == "in"
                && toks.get(m.te as usize).is_some_and(|t| t.ch == ','))
            // `Police in the Vorskina are searching`, `across the Qorvabor`: a region named
            // with `the` after a preposition of place (no name of a person, no word the text
            // writes in lower case, nothing of a longer name after it).
            || (w.len() == 1
                && doc.the_after_place_preposition(m.ts as usize, &["from", "into", "over"])
                && !namelike
                && !first.is(UPPER)
                // (Not a plural, a team's or a people's: `against the Bulldogs`; nor a word
                // of the lexicon's, `in the Coalition`.)
                && !word.ends_with('s')
                && doc.cls[m.ts as usize] & !(class::DONE | NON_ASCII) == 0
                && !toks
                    .get(m.te as usize)
                    .is_some_and(|t| t.is(CAP) || matches!(t.ch, '\'' | '’'))
                && !doc.common_word(m.ts as usize))
        {
            doc.mentions[k].kind = Kind::Loc;
        }
    }

    // Places named as a person's name (`Rashid` is also a town): the person wins. (A
    // headline's words in capitals again once the text's are decided.)
    let n = doc.mentions.len();
    let again: Vec<usize> =
        (0..n).filter(|&k| toks[doc.mentions[k].ts as usize].is(UPPER)).collect();
    for k in (0..n).chain(again) {
        let m = &doc.mentions[k];
        if m.kind != Kind::Loc || m.te - m.ts != 1 || persons.is_empty() {
            continue;
        }
        let w = words_of(text, toks, m);
        let name = slice(text, w[0]);
        let hit = persons.iter().position(|p| {
            p.words.len() > 1 && p.words.iter().any(|&x| slice(text, x).eq_ignore_ascii_case(name))
        });
        let Some(p) = hit else { continue };
        let kinds = |ok: &dyn Fn(PlaceKind) -> bool| {
            m.rows.is_none_or(|rows| rows.iter().all(|&r| ok(lx.places[r as usize].kind)))
        };
        let small = kinds(&|k| k == PlaceKind::City);
        // The surname of someone named in full, and no country or region: a state or
        // province of that name yields too (`Brian Lara` ... `Lara was caught`).
        let surname =
            persons[p].words.last().is_some_and(|&x| slice(text, x).eq_ignore_ascii_case(name))
                && kinds(&|k| matches!(k, PlaceKind::City | PlaceKind::Admin1));
        // A headline in capitals has no case to tell a name from a place (`CRICKET - LARA
        // ENDURES ANOTHER DAY`): the person the text names wins, unless the text names the
        // place in ordinary case as well. (Asked last: it looks at every mention.)
        let shouted = || {
            toks[m.ts as usize].is(UPPER)
                && !doc.mentions.iter().any(|o| {
                    o.kind == Kind::Loc
                        && !toks[o.ts as usize].is(UPPER)
                        && slice(text, (o.s, o.e)).eq_ignore_ascii_case(name)
                })
        };
        if small || surname || shouted() {
            targets[k] = Some(Target::Person(p));
            doc.mentions[k].kind = Kind::Person;
        }
    }

    // The story's country: its dateline's when it has one, else the one named most.
    let dominant =
        doc.context.or_else(|| doc.countries.iter().max_by_key(|(_, n)| *n).map(|(c, _)| *c));

    // Places: resolve, then merge by gazetteer row (or by name for cue-made places).
    #[derive(Default)]
    struct LocGroup {
        row: Option<u32>,
        name: (u32, u32),
        forms: Vec<(u32, u32)>,
        count: u32,
        first: u32,
        country: Option<[u8; 2]>,
    }
    let mut locs: Vec<LocGroup> = Vec::new();
    let rows: Vec<Option<u32>> = doc
        .mentions
        .iter()
        .map(|m| {
            let rows = m.rows.filter(|_| m.kind == Kind::Loc)?;
            let row = best_row(lx, rows, doc)?;
            // A smaller town in a country the article gives no other sign of is likely a
            // namesake elsewhere (`at Headingley` in a story from Leeds is not the one in
            // Manitoba): the place stays, its row does not.
            let p = &lx.places[row as usize];
            let country_seen = p.country.is_some_and(|c| {
                doc.named_countries.contains(&c)
                    || doc.demonym_countries.contains(&c)
                    || doc.countries.iter().any(|&(k, n)| k == c && n >= 2)
            });
            (!p.minor || country_seen).then_some(row)
        })
        .collect();
    for k in 0..doc.mentions.len() {
        let m = &doc.mentions[k];
        if m.kind != Kind::Loc {
            continue;
        }
        let mut row = rows[k];
        // `the Southern Highlands of New South Wales`: in the country of the place after
        // `of`; a same-named place elsewhere (Papua New Guinea's province) is not meant.
        let of_country = (toks.get(m.te as usize).is_some_and(|t| t.text(text) == "of"))
            .then(|| {
                doc.mentions
                    .iter()
                    .zip(&rows)
                    .find(|(o, _)| o.ts == m.te + 1 && o.kind == Kind::Loc)
                    .and_then(|(_, r)| lx.places[(*r)? as usize].country)
            })
            .flatten();
        if let (Some(c), Some(r)) = (of_country, row)
            && lx.places[r as usize].country != Some(c)
        {
            row = None;
        }
        // A capitalized word at the start of a sentence that is only a small town somewhere
        // is more likely an ordinary word (`Reading`, `Split`) unless named elsewhere too.
        if let Some(r) = row {
            let p = &lx.places[r as usize];
            let sent = toks[m.ts as usize].is(SENT);
            if sent && p.kind == PlaceKind::City && p.population < 200_000 && m.te - m.ts == 1 {
                let again = doc.mentions.iter().any(|o| {
                    o.s != m.s
                        && !toks[o.ts as usize].is(SENT)
                        && slice(text, (o.s, o.e)) == slice(text, (m.s, m.e))
                });
                // (Unless what follows says it is the town: `Toowoomba builder Jane Roe`.)
                if !again && !town_of_origin(doc, lx, k) {
                    continue;
                }
            }
        }
        let name = slice(text, (m.s, m.e));
        let alias = m.alias_of.and_then(|a| match targets[a as usize] {
            Some(Target::Loc(g)) => Some(g),
            _ => None,
        });
        let idx = alias.or_else(|| {
            locs.iter().position(|l| match (row, l.row) {
                (Some(a), Some(b)) => a == b,
                _ => slice(text, l.name) == name,
            })
        });
        let idx = match idx {
            Some(i) => i,
            None => {
                let country = match row {
                    Some(r) => lx.places[r as usize].country,
                    None if of_country.is_some() => of_country,
                    // A place the gazetteer does not know: in the country of the nearest
                    // known place of its paragraph, else the article's main country.
                    None => nearest_country(doc, lx, &rows, k).or(dominant),
                };
                // A single unknown word read as a place from its context only, in an article
                // that names no country: more likely a product or a site (`on Reddit`).
                if row.is_none() && country.is_none() && m.te - m.ts == 1 && m.head_e.is_none() {
                    continue;
                }
                locs.push(LocGroup {
                    row,
                    name: (m.s, m.e),
                    first: m.s,
                    country,
                    ..LocGroup::default()
                });
                locs.len() - 1
            }
        };
        let l = &mut locs[idx];
        l.count += 1;
        for form in [Some((m.s, m.e)), m.head_e.map(|e| (m.s, e))].into_iter().flatten() {
            let (f, n) = (slice(text, form), slice(text, l.name));
            // The longest form names the place; of two as long, the one in ordinary case
            // (`England`, not the headline's `ENGLAND`).
            if (f.len() > n.len() || (f.len() == n.len() && all_caps(n) && !all_caps(f)))
                && m.head_e.map(|e| (m.s, e)) != Some(form)
            {
                let old = l.name;
                l.name = form;
                l.forms.retain(|&f| slice(text, f) != slice(text, form));
                if !l.forms.iter().any(|&f| slice(text, f) == slice(text, old)) {
                    l.forms.push(old);
                }
            } else if slice(text, form) != slice(text, l.name)
                && !l.forms.iter().any(|&f| slice(text, f) == slice(text, form))
            {
                l.forms.push(form);
            }
        }
        targets[k] = Some(Target::Loc(idx));
    }

    // Counts and forms of persons and organizations.
    // At most one a mention: sized once instead of grown.
    let mut refs = Vec::with_capacity(doc.mentions.len());
    for (k, m) in doc.mentions.iter().enumerate() {
        let target = match (m.kind, targets[k]) {
            (Kind::Title, _) => m.title.map(Target::Title),
            (_, t) => t,
        };
        let Some(target) = target else { continue };
        refs.push(Ref { s: m.title_s.unwrap_or(m.s), e: m.e, target, title: m.title });
        let group = match target {
            Target::Person(p) => &mut persons[p],
            Target::Org(o) => &mut orgs[o],
            _ => continue,
        };
        group.count += 1;
        group.first = group.first.min(m.s);
        if let Some(ts) = m.title_s {
            group.add_form(ts, m.e, text);
        }
        group.add_form(m.s, m.e, text);
    }

    let finish = |g: &Group| -> Entity {
        let name = slice(text, g.name).to_owned();
        let mut forms: Vec<String> = Vec::new();
        for &f in &g.forms {
            let f = slice(text, f);
            if f != name && !forms.iter().any(|x| x == f) {
                forms.push(f.to_owned());
            }
        }
        Entity { name, forms, count: g.count.max(1) }
    };
    // Output in order of first mention; the quote module needs the same indices, so refs are
    // remapped.
    let p_order = first_order(persons.iter().map(|g| g.first));
    let o_order = first_order(orgs.iter().map(|g| g.first));
    let l_order = first_order(locs.iter().map(|g| g.first));
    for r in &mut refs {
        r.target = match r.target {
            Target::Person(i) => Target::Person(p_order[i]),
            Target::Org(i) => Target::Org(o_order[i]),
            Target::Loc(i) => Target::Loc(l_order[i]),
            t => t,
        };
    }
    let mut ents = Entities::default();
    let mut genders = vec![None; persons.len()];
    ents.persons = reorder(&persons, &p_order).into_iter().map(&finish).collect();
    for (i, g) in persons.iter().enumerate() {
        genders[p_order[i]] = g.gender;
    }
    ents.organizations = reorder(&orgs, &o_order).into_iter().map(&finish).collect();
    ents.locations = reorder(&locs, &l_order)
        .into_iter()
        .map(|l| {
            let row = l.row.map(|r| &lx.places[r as usize]);
            // A country is called by its usual name when the article uses it (`Iran`, not
            // `Islamic Republic of Iran`), else by its fullest form.
            let mut name = slice(text, l.name);
            if let Some(r) = row
                && r.kind == PlaceKind::Country
                && l.forms.iter().any(|&f| slice(text, f) == r.name)
            {
                name = r.name;
            }
            let mut forms: Vec<String> = Vec::new();
            for f in std::iter::once(l.name).chain(l.forms.iter().copied()) {
                let f = slice(text, f);
                if f != name && !forms.iter().any(|x| x == f) {
                    forms.push(f.to_owned());
                }
            }
            let name = name.to_owned();
            Place {
                name,
                forms,
                count: l.count.max(1),
                country: l.country.map(|c| String::from_utf8_lossy(&c).into_owned()),
                lat: row.and_then(|r| r.lat.parse().ok()),
                lon: row.and_then(|r| r.lon.parse().ok()),
                geonames_id: row.and_then(|r| r.geonames_id),
            }
        })
        .collect();
    refs.sort_by_key(|r| r.s);
    (ents, refs, genders)
}

/// Whether the article treats name `k` (two words or more, unknown) as a person's: a
/// reporting verb after it (`Hosni Mubarak said`, `..., who`, an age: `Jane Roe, 41,`), `said`
/// or a lower-case title before it (`said Jane Roe`, `party leader Jane Roe`), or its last word
/// used alone elsewhere, as surnames are (`Mubarak`, `Mr Mubarak`).
fn person_evidence<'t>(doc: &Doc<'t>, lx: &Lexicon, look: &Lookups<'t>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let toks = &doc.toks;
    let word = |i: usize| toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(doc.text));
    let reporting = |w: &str| {
        matches!(
            w,
            "said" | "says" | "told" | "added" | "explained" | "insisted" | "warned" | "admitted"
        )
    };
    // A noun for a firm right before it names what it is: `diamond group De Vorsk`.
    if doc.firm_noun_before(ts) {
        return false;
    }
    // (`Hutchison added 1.25`: a price moved, nobody spoke; `Qantas said its profit`: a
    // company spoke.)
    if word(te).is_some_and(reporting) && !doc.number_at(te + 1) && word(te + 1) != Some("its") {
        return true;
    }
    // A name particle or an initial inside: `Osama bin Laden`, `Abdel Aziz al-Rantissi`,
    // `George W. Bush`; not before a country or a big place (`Tour de France`).
    if !doc.ends_in_place(lx, ts, te)
        && (ts + 1..te).any(|i| {
            let t = &toks[i];
            t.is(PARTICLE)
                || (t.is(WORD) && !t.is(CAP) && is_name_particle(t.text(doc.text)))
                || (t.ch == '.' && toks[i - 1].is(CAP) && toks[i - 1].e - toks[i - 1].s == 1)
        })
    {
        return true;
    }
    if toks.get(te).is_some_and(|t| t.ch == ',') {
        // `..., who`; an apposition before its verb (`a spokesman, Jane Roe, says`).
        if word(te + 1).is_some_and(|w| w == "who" || reporting(w)) {
            return true;
        }
        // `Jane Roe, the skipper of ...`, `Jane Roe, a veteran lawyer,`: a role within the
        // apposition's first words.
        let role = (te + 1..te + 5)
            .take_while(|&i| word(i).is_some() && !toks[i].is(CAP))
            .any(|i| word(i).is_some_and(|w| lx.word_in(w, class::ROLE | class::TEAM_ROLE)));
        if role && word(te + 1).is_some_and(|w| matches!(w, "the" | "a" | "an")) {
            return true;
        }
        // `Jane Roe, speaker of the dissolved parliament,`: a title of an office, no article.
        if word(te + 1)
            .is_some_and(|w| !toks[te + 1].is(CAP) && lx.word_in(w, class::TITLE | class::ROLE))
            && matches!(word(te + 2), Some("of" | "for"))
        {
            return true;
        }
        let age = toks.get(te + 1).is_some_and(|t| {
            let w = t.text(doc.text);
            (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        });
        if age && toks.get(te + 2).is_some_and(|t| t.ch == ',') {
            return true;
        }
    }
    if let Some(w) = doc.prev_word_lower(ts)
        && (reporting(w) || lx.titles.contains_key(w))
    {
        return true;
    }
    // (Or a plural title over a list of names: `presidents Vorsk Qorvash and Jane Roe`.)
    if doc.after_lower_title(lx, ts) {
        return true;
    }
    if doc.title_apposition(lx, ts, te) {
        return true;
    }
    // `a firm headed by Jane Roe`, `a panel chaired by Jane Roe`: who heads is someone.
    if ts >= 2
        && doc.prev_word_lower(ts) == Some("by")
        && matches!(doc.prev_word_lower(ts - 1), Some("headed" | "chaired" | "founded"))
        && lx.is_given(doc.lower(ts))
        && !doc.ends_in_place(lx, ts, te)
    {
        return true;
    }
    // The last word alone elsewhere, or the first when it is a given name (`Saddam`, as
    // Arabic names are shortened); neither a place nor a word the article writes in lower
    // case (`the Adelaide Test` ... `the Test`), and the name not named after a place.
    let first = doc.lower(ts);
    let given = lx.is_given(first);
    if !given && lx.known_place(first).is_some() {
        return false;
    }
    // A player's deed: `Jane Roe scored twice`, `Jane Roe made 68`, `carded a 66`. (Not
    // a name that opens with a place: `Aston Villa scored`; nor one that ends with one.)
    if !doc.ends_in_place(lx, ts, te)
        && word(te).is_some_and(|w| match w {
            "scored" | "netted" | "carded" | "clocked" | "top-scored" => true,
            "made" | "took" | "kicked" => doc.number_at(te + 1),
            // `Jane Roe added 28 for the Vorsk Rockets` (a share price adds `to` a price).
            "added" => doc.number_at(te + 1) && word(te + 2) == Some("for"),
            // `Jane Roe had 31 points and 14 rebounds`.
            "had" | "grabbed" => {
                doc.number_at(te + 1)
                    && word(te + 2).is_some_and(|w| {
                        matches!(w, "points" | "rebounds" | "assists" | "goals" | "saves")
                    })
            }
            _ => false,
        })
    {
        return true;
    }
    // A bowler's figures right after the name: `Jane Roe three for 31`.
    if !doc.ends_in_place(lx, ts, te)
        && doc.number_at(te)
        && word(te + 1) == Some("for")
        && toks.get(te + 2).is_some_and(|t| is_integer(doc.text, t))
    {
        return true;
    }
    // A given name first, and a source's or a person's place in the sentence: `according to
    // Jane Roe`, `Jane Roe, a senior diplomat,`.
    if given {
        let source = ts >= 2
            && doc.prev_word_lower(ts) == Some("to")
            && doc.prev_word_lower(ts - 1) == Some("according");
        let apposition = toks.get(te).is_some_and(|t| t.ch == ',')
            && word(te + 1).is_some_and(|w| matches!(w, "a" | "an"))
            && toks.get(te + 2).is_some_and(|t| t.is(WORD) && !t.is(CAP));
        if source || apposition {
            return true;
        }
    }
    let alone = |i: usize| {
        let t = &toks[i];
        look.singles.contains(&doc.text.as_bytes()[t.s as usize..t.e as usize])
            && lx.known_place(doc.lower(i)).is_none()
            && (lx.surnames.contains(doc.lower(i)) || !doc.common_word(i))
    };
    alone(te - 1) || (given && alone(ts))
}

type FastSet<T> = std::collections::HashSet<T, foldhash::fast::FixedState>;

/// Sets over an article's mentions that the evidence rules ask about, made once: scanning
/// every mention (or the text) for every question made a long article quadratic.
struct Lookups<'t> {
    /// Texts of single-word mentions that may be a name used alone: unknown words, persons,
    /// smaller towns.
    singles: FastSet<&'t [u8]>,
    /// Last words of names of two words or more that are not places (surnames, mostly).
    last_words: FastSet<&'t [u8]>,
    /// Per token: inside a mention.
    covered: Vec<bool>,
}

impl<'t> Lookups<'t> {
    fn new(doc: &Doc<'t>, lx: &Lexicon) -> Lookups<'t> {
        let bytes = doc.text.as_bytes();
        let mut singles = FastSet::default();
        let mut last_words = FastSet::default();
        let mut covered = vec![false; doc.toks.len()];
        for o in &doc.mentions {
            let minor_town = o.kind == Kind::Loc
                && o.rows.is_some_and(|rows| rows.iter().all(|&r| lx.places[r as usize].minor));
            if o.te - o.ts == 1 && (matches!(o.kind, Kind::Unknown | Kind::Person) || minor_town) {
                singles.insert(&bytes[o.s as usize..o.e as usize]);
            }
            if o.te - o.ts >= 2 && o.kind != Kind::Loc {
                last_words.insert(&bytes[doc.toks[o.te as usize - 1].s as usize..o.e as usize]);
            }
            for c in &mut covered[o.ts as usize..(o.te as usize).min(doc.toks.len())] {
                *c = true;
            }
        }
        Lookups { singles, last_words, covered }
    }
}

/// Whether the acronym at token `i`, in brackets, abbreviates the lower-case words before
/// them (`in-vitro fertilisation (IVF)`, `gross domestic product (GDP)`): a term, not an
/// organization. Hyphenated words count each part.
fn defines_term(text: &str, toks: &[Tok], i: usize, acronym: &str) -> bool {
    if i == 0 || toks[i - 1].ch != '(' {
        return false;
    }
    let mut initials: Vec<char> = Vec::new();
    let mut k = i - 1;
    while k > 0 && initials.len() < acronym.len() {
        k -= 1;
        let t = &toks[k];
        if !t.is(WORD) || t.is(CAP) {
            break;
        }
        for part in t.text(text).rsplit('-') {
            if let Some(c) = part.chars().next() {
                initials.push(c.to_ascii_uppercase());
            }
        }
    }
    initials.reverse();
    initials.len() >= acronym.len()
        && initials[initials.len() - acronym.len()..].iter().copied().eq(acronym.chars())
}

/// Last words of a venue's name: where people go out (`the Vorsk Club`, `Paddy's Bar`).
fn is_venue(w: &str) -> bool {
    matches!(w, "club" | "bar" | "hotel" | "nightclub" | "pub" | "cafe" | "tavern" | "restaurant")
}

/// Words for a building that end its name (lower-cased): `Parliament House`, `Royal Lodge`.
fn is_building(w: &str) -> bool {
    matches!(w, "house" | "lodge" | "hall" | "building" | "buildings" | "chambers" | "mansion")
}

/// Kinds of facility named `X ... Centre` (lower-cased): places, not organizations.
fn is_facility(w: &str) -> bool {
    matches!(
        w,
        "shopping"
            | "detention"
            | "convention"
            | "exhibition"
            | "community"
            | "aquatic"
            | "leisure"
            | "trade"
            | "processing"
            | "reception"
            | "sports"
            | "civic"
            | "transit"
            | "aquatics"
            | "entertainment"
            | "arts"
            | "tennis"
            | "swimming"
            | "cultural"
            | "conference"
            | "events"
            | "recreation"
            | "visitor"
            | "visitors"
            | "function"
    )
}

/// Lower-case nouns for a firm of a line of business (`retailer`, `miner`, `telco`), that may
/// open a sentence before the firm's name (`Retailer Vorsk Norman said`).
fn is_firm_noun(w: &str) -> bool {
    matches!(
        w,
        "retailer"
            | "insurer"
            | "lender"
            | "carmaker"
            | "automaker"
            | "drugmaker"
            | "chipmaker"
            | "telco"
            | "conglomerate"
            | "manufacturer"
            | "refiner"
            | "exporter"
            | "supplier"
            | "airline"
            | "broadcaster"
            | "firm"
            | "miner"
            | "producer"
            | "brewer"
            | "utility"
            | "consortium"
    )
}

/// Lower-case nouns for an organization or a kind of one: `the airline Qantas`, `the
/// Interfax news agency`, `militant group Hamas`.
fn is_org_noun(w: &str) -> bool {
    is_firm_noun(w)
        || matches!(
            w,
            "agency"
            | "newspaper"
            | "daily"
            | "carrier"
            | "company"
            | "group"
            | "militia"
            | "movement"
            | "network"
            | "bank"
            | "club"
            | "party"
            | "maker"
            | "operator"
            | "union"
            | "organisation"
            | "organization"
            | "faction"
            | "supermarket"
            | "chain"
            | "coalition"
            | "alliance"
            | "publisher"
            // Lines of business: `zinc producer Vorsk`, `gas monopoly Vorsk`, `telephone
            // giant Vorsk`.
            | "giant"
            | "monopoly"
        )
}

/// The plural of a noun for a kind of organization, before the names of several: `Swiss drugs
/// groups Vorsk and Qorvash`, `the airlines Vorsk and Qorvash`.
fn is_org_noun_plural(w: &str) -> bool {
    if let Some(stem) = w.strip_suffix("ies") {
        return matches!(stem, "compan" | "agenc" | "part" | "utilit");
    }
    // `drug stocks Vorsk and Qorvash`: listed firms.
    if w == "stocks" {
        return true;
    }
    // (Not the nouns for people too: `trapped miners`, `film makers`; `operators` are firms
    // more often than people: `tour operators`.)
    w.strip_suffix('s').is_some_and(|stem| is_org_noun(stem) && !is_people_noun(stem))
}

/// Nouns for a kind of organization that name people too (`a coal miner`, `a film maker`).
fn is_people_noun(w: &str) -> bool {
    matches!(w, "miner" | "maker" | "publisher" | "brewer" | "producer" | "giant")
}

/// Lower-case nouns for an organization's people or parts, after its name: `Hamas
/// militants`, `Ansett employees`, `FedEx shares`, `a Centrelink spokeswoman`.
fn is_member_noun(w: &str) -> bool {
    matches!(
        w,
        "militants"
            | "fighters"
            | "gunmen"
            | "guerrillas"
            | "rebels"
            | "members"
            | "supporters"
            | "activists"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "executives"
            | "employees"
            | "staff"
            | "workers"
            | "shareholders"
            | "shares"
            | "stock"
            | "chairman"
            | "chairwoman"
            | "boss"
            | "headquarters"
            | "subsidiary"
            | "bosses"
            // `its Vorsk Defense unit`: a firm's part is a firm.
            | "unit"
            | "division"
    )
}

/// Whether the name of mention `m` ends with a country's (`Ansett Australia`, `Nestle UK`):
/// the form of a firm's branch in that country, when it is listed with an organization.
fn ends_in_country(doc: &Doc<'_>, lx: &Lexicon, m: &Mention) -> bool {
    let last = m.te as usize - 1;
    doc.toks[last].is(CAP)
        && lx.known_place(doc.lower(last)).is_some_and(|rows| lx.names_a_country(rows))
}

/// Whether mention `k` is a word that is no given name before a country (`Cricket Vorskland`
/// when Vorskland is a country; `Tennis Australia`, `Nestle UK`): a body's or a firm's branch
/// in that country, never a person (`Michael Jordan` opens with a given name).
///
/// Or in a state or province not named like a person (`Forestry Tasmania`, `Tourism
/// Queensland`; not `Victoria`, a given name too).
fn branch_in_country(doc: &Doc<'_>, lx: &Lexicon, k: usize) -> bool {
    let m = &doc.mentions[k];
    let ts = m.ts as usize;
    let last = ts + 1;
    let in_state = || {
        let w = doc.lower(last);
        doc.toks[last].is(CAP)
            && !lx.is_given(w)
            && !lx.surnames.contains(w)
            && lx.known_place(w).is_some_and(|rows| {
                rows.iter().any(|&r| lx.places[r as usize].kind == PlaceKind::Admin1)
            })
    };
    m.te as usize == ts + 2
        && doc.toks[ts].is(CAP)
        && !lx.is_given(doc.lower(ts))
        && (ends_in_country(doc, lx, m) || in_state())
}

/// Makes `to` every mention that `fits` and is written as one of `names`: what one mention
/// showed of a name holds wherever the article writes it.
fn retype_named(
    mentions: &mut [Mention],
    text: &str,
    names: &[&str],
    to: Kind,
    fits: impl Fn(&Mention) -> bool,
) {
    if names.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if fits(m) && names.contains(&slice(text, (m.s, m.e))) {
            m.kind = to;
        }
    }
}

/// Whether the town of mention `k` (gazetteer `rows`) is placed in its state or country right
/// after it: `Wudinna in northern South Australia`, `Wudinna, South Australia`.
fn in_its_state_or_country(doc: &Doc<'_>, lx: &Lexicon, k: usize, rows: &[u32]) -> bool {
    placed_in(doc, lx, k, rows) == Some(true)
}

/// Whether the town of mention `k` (gazetteer `rows`) is placed right after it in a state or
/// country (`Wudinna in northern South Australia`, `Wudinna, South Australia`): `Some(true)`
/// in its own, `Some(false)` in another (`Bingara in New Zealand`: not this town), `None`
/// when no state or country follows.
fn placed_in(doc: &Doc<'_>, lx: &Lexicon, k: usize, rows: &[u32]) -> Option<bool> {
    let te = doc.mentions[k].te as usize;
    let word = |i: usize| doc.word_at(i);
    let sep = doc.toks.get(te)?;
    let mut at = te + 1;
    if sep.ch != ',' && word(te) != Some("in") {
        return None;
    }
    let comma = sep.ch == ',';
    if word(at).is_some_and(|w| {
        matches!(
            w,
            "northern"
                | "southern"
                | "eastern"
                | "western"
                | "central"
                | "north"
                | "south"
                | "east"
                | "west"
                | "far"
                | "outback"
                | "regional"
                | "rural"
                | "the"
        )
    }) {
        at += 1;
    }
    let o = doc.mentions.get(k + 1).filter(|o| o.ts as usize == at && o.kind == Kind::Loc)?;
    // (After a comma, a state listed with others is no placement: `floods in Moree,
    // Queensland and Victoria`.)
    let listed = doc
        .toks
        .get(o.te as usize)
        .is_some_and(|t| t.ch == ',' || (t.is(WORD) && matches!(t.text(doc.text), "and" | "or")));
    if comma && listed {
        return None;
    }
    let mut outer = o
        .rows?
        .iter()
        .map(|&q| &lx.places[q as usize])
        .filter(|q| matches!(q.kind, PlaceKind::Admin1 | PlaceKind::Country))
        .peekable();
    outer.peek()?;
    Some(outer.any(|q| {
        rows.iter().any(|&r| {
            let p = &lx.places[r as usize];
            p.country == q.country
                && (q.kind == PlaceKind::Country || p.admin1.is_empty() || p.admin1 == q.admin1)
        })
    }))
}

/// Whether the name `ts..te` is the subject of a verb a body's statement takes (`Cricket
/// Vorskland agreed`, `... has appealed`) or follows a word that names what a body does (`a
/// spokesman for Ambulance Vorskland`, `run by ...`), its first word no adjective (`Rural
/// Vorskland has`, `Communist Vorskland was`).
fn acts_or_is_named_as_a_body(doc: &Doc<'_>, ts: usize, te: usize) -> bool {
    let first = doc.lower(ts);
    if ["al", "an", "ern", "ent", "ist", "ese", "ish", "ic", "ate", "ar"]
        .iter()
        .any(|x| first.ends_with(x))
    {
        return false;
    }
    let verb = doc.toks.get(te).is_some_and(|t| {
        t.is(WORD) && {
            let w = t.text(doc.text);
            matches!(
                w,
                "has"
                    | "had"
                    | "will"
                    | "would"
                    | "wants"
                    | "says"
                    | "said"
                    | "warned"
                    | "agreed"
                    | "announced"
                    | "confirmed"
                    | "rejected"
                    | "denied"
            )
        }
    });
    // (`told Vorsk Australia`; or named between commas, `the organisers, Vorsk Australia,
    // say`; not a place's preposition, `cattle from Outback Queensland`.)
    let apposition =
        ts >= 1 && doc.toks[ts - 1].ch == ',' && doc.toks.get(te).is_some_and(|t| t.ch == ',');
    verb || apposition
        || doc.prev_word_lower(ts).is_some_and(|p| matches!(p, "for" | "by" | "told"))
}

/// Where an organization's name that mention token `ts` starts, with the capitalized words
/// right before it that the segmenter set aside (`Islamic Jihad`: `Islamic` alone names
/// nothing), but no title, nationality or rank (`Senior`).
fn org_start(doc: &Doc<'_>, look: &Lookups<'_>, mut ts: usize) -> usize {
    let toks = &doc.toks;
    while ts > 0
        && toks[ts - 1].is(CAP)
        && toks[ts - 1].e + 1 == toks[ts].s
        && doc.cls[ts - 1] != 0
        && doc.has(ts - 1, class::STOP_CAP)
        && !doc.has(ts - 1, class::LEAD | class::TITLE | class::DEMONYM)
        && !matches!(
            doc.lower(ts - 1),
            "senior" | "junior" | "former" | "acting" | "deputy" | "interim" | "ex"
        )
        && !look.covered.get(ts - 1).copied().unwrap_or(false)
    {
        ts -= 1;
    }
    ts
}

/// Whether the article treats unknown name `k` as an organization's: a noun for its people or
/// parts after it (`Hamas militants`, `FedEx's shares`), a noun for a kind of organization
/// before or after it (`the airline Qantas`, `the Interfax news agency`) or heading an
/// apposition (`Vorsk, the Dutch news agency,`), `shares in` before it, a person of its
/// after its possessive (`Vorsk's Jane Roe`), or what it quotes (`Vorsk quoted ... as saying`).
fn org_evidence(doc: &Doc<'_>, lx: &Lexicon, look: &Lookups<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (org_start(doc, look, m.ts as usize), m.te as usize);
    let toks = &doc.toks;
    let name = slice(doc.text, (m.s, m.e));
    // Not a modifier: `Anti-Taliban fighters`, `Pakistan-based`, `Banking staff` opening a
    // sentence, `pay TV operator`.
    let hyphen_modifier = split_hyphen(name).is_some_and(|(head, tail)| {
        tail.starts_with(|c: char| c.is_lowercase())
            || matches!(head, "Anti" | "Pro" | "Non" | "Ex" | "Post" | "Pre")
    });
    // (A letter alone is a class of shares or a list's mark: `Telmex L shares`.)
    if hyphen_modifier
        || (te - ts == 1 && name.chars().count() == 1)
        || (te - ts == 1 && toks[ts].is(SENT) && name.ends_with("ing"))
        || (toks[ts].is(UPPER) && lx.not_orgs.contains(key(name).as_str()))
    {
        return false;
    }
    let lower =
        |i: usize| toks.get(i).filter(|t| t.is(WORD) && !t.is(CAP)).map(|t| t.text(doc.text));
    // A possessive between (`FedEx's shares`) for the parts that no person has.
    let possessive = toks.get(te).is_some_and(|t| t.ch == '\'' || t.ch == '’');
    let after = if possessive { te + 1 } else { te };
    if let Some(w) = lower(after) {
        // A word with an adjective's ending before its members is an adjective of people
        // (`Leftist guerrillas`, `Zairean rebels`, `Maoist militants`), no group's name.
        let adjective = te - ts == 1
            && ["ist", "ean", "ian", "ese", "ani", "ite"].iter().any(|x| name.ends_with(x))
            && !toks[ts].is(UPPER);
        let part = if possessive {
            matches!(w, "shares" | "stock" | "headquarters" | "subsidiary" | "shareholders")
        } else {
            // (`Vorsk chief executive Jane Roe`, `Vorsk managing director Jane Roe`.)
            ((is_member_noun(w)
                || matches!(
                    (w, lower(after + 1)),
                    ("chief", Some("executive")) | ("managing", Some("director"))
                ))
                && !adjective)
                // (Not a word opening a sentence before a noun for people too, or before
                // such a noun and a name: `Cattle producer Jane Roe`, `Power utility Vorsk
                // Energy`.)
                || (is_org_noun(w)
                    && !(te - ts == 1
                        && toks[ts].is(SENT)
                        && (is_people_noun(w) || toks.get(after + 1).is_some_and(|t| t.is(CAP)))))
                // `the CFDT and Vorsk Qorvash unions` (a name of one word there is too often a
                // common word opening a sentence: `Aid agencies`).
                || (is_org_noun_plural(w) && te - ts >= 2 && !toks[ts].is(SENT))
                || (w == "news" && lower(after + 1).is_some_and(is_org_noun))
                // `the Shining Path guerrilla group`: what kind of group, then the group.
                // (Not a word that qualifies a group named after it: `the Vorskian militant
                // group Hamas`.)
                || (matches!(
                    w,
                    "guerrilla" | "rebel" | "militant" | "separatist" | "opposition"
                        | "extremist" | "paramilitary" | "pressure" | "lobby"
                ) && lower(after + 1).is_some_and(is_org_noun)
                    && !toks.get(after + 2).is_some_and(|t| t.is(CAP)))
                // `the Williams team`: a team named by its maker or sponsor.
                || (matches!(w, "team" | "squad" | "outfit")
                    && doc.prev_word_lower(ts) == Some("the"))
        };
        if part {
            return true;
        }
    }
    // `Vorsk's Jane Roe`: a name whose person is named in full after it is the team or the
    // firm that person is with (a place's or a person's name is no unknown name).
    if possessive
        && doc
            .mentions
            .get(k + 1)
            .is_some_and(|n| n.ts as usize == te + 1 && n.kind == Kind::Person && n.te - n.ts >= 2)
    {
        return true;
    }
    // `Goldman Sachs raised its rating`, `Qantas said its profit rose`: what the name did is
    // its own, not his or hers.
    if !possessive
        && lower(te).is_some_and(|w| w.len() > 3 && w.ends_with("ed") || w == "said" || w == "says")
        && lower(te + 1) == Some("its")
    {
        return true;
    }
    // `Vorsk has reported a record half-year profit`, `Vorsk posted a net loss`: a firm's
    // results, within the clause.
    if !possessive {
        let mut i = te;
        if matches!(lower(i), Some("has" | "have" | "had")) {
            i += 1;
        }
        if matches!(lower(i), Some("reported" | "posted" | "announced" | "recorded" | "booked"))
            && (i + 1..i + 7)
                .map_while(lower)
                .any(|w| matches!(w, "profit" | "profits" | "loss" | "losses" | "earnings"))
        {
            return true;
        }
    }
    // `the collapse of Vorsk`, `the liquidators of Vorsk`: what only a firm undergoes or has.
    if firm_noun_of(doc, ts) {
        return true;
    }
    // `a member of the ultra-nationalist Grey Wolves`: what one is a member of, after `the`
    // and up to two words in lower case (not a family: `members of the Vorsk family`).
    let mut b = ts;
    while b > 0 && b + 2 >= ts && lower(b - 1).is_some_and(|w| w != "of") {
        b -= 1;
    }
    if b >= 2
        && lower(b - 1) == Some("of")
        && matches!(lower(b - 2), Some("member" | "members"))
        && (b..ts).all(|i| lower(i).is_some_and(|w| w.starts_with(|c: char| c.is_alphabetic())))
        && (b == ts || lower(b) == Some("the"))
        // (A whole name, no nationality: not `of the pro-Kurdish ...`, `of the Vorskian ...`.)
        && m.s == toks[ts].s
        && !lx.word_in(doc.lower(ts), class::DEMONYM | class::STOP_CAP)
        // (Not what a person or a body has: `the Vorsk family`, `the Walkley board`.)
        && lower(te).is_none_or(|w| {
            !matches!(
                w,
                "family" | "clan" | "household" | "board" | "staff" | "team" | "cabinet"
                    | "government" | "administration" | "camp" | "entourage" | "crew"
                    | "community" | "people" | "nation" | "tribe" | "generation"
                    | "generations" | "congregation" | "faith" | "church"
            )
        })
    {
        return true;
    }
    // `radical group, Islamic Jihad,`: the noun before an apposition.
    if ts >= 2 && toks[ts - 1].ch == ',' && lower(ts - 2).is_some_and(is_org_noun) {
        return true;
    }
    // `Vorsk gained 0.75 to 68.25`, `Vorsk eased 40 cents`: a share price moved; or, after
    // a comma in its clause, moving (`Vorsk led the way, rising 31 cents`).
    if !possessive && (price_move(doc, te) || price_move_after_comma(doc, te)) {
        return true;
    }
    // `Vorsk, the Ruritanian news agency, said`, `Vorsk, a state-owned airline.`: the noun
    // that ends an apposition after it, when it is the apposition's head (not `the group
    // leader`).
    // (Or a place's possessive for the article: `Vorsk, Australia's biggest exporter.`)
    let place_possessive = toks.get(te + 1).is_some_and(|t| t.is(CAP))
        && toks.get(te + 2).is_some_and(|t| matches!(t.text(doc.text), "'s" | "’s"))
        && lx.known_place(doc.lower(te + 1)).is_some();
    if !possessive
        && toks.get(te).is_some_and(|t| t.ch == ',')
        && (lower(te + 1).is_some_and(|w| matches!(w, "the" | "a" | "an")) || place_possessive)
    {
        // The apposition's end: its first token that is no word or hyphen, or a relative
        // pronoun (`Vorsk, an Israeli group that monitors ...`), within six.
        let relative = |i: usize| matches!(lower(i), Some("that" | "which"));
        let first = if place_possessive { te + 3 } else { te + 2 };
        let end = (first..first + 6)
            .find(|&i| toks.get(i).is_none_or(|t| !t.is(WORD) && t.ch != '-') || relative(i))
            .unwrap_or(first + 6);
        if end > first
            && end < first + 6
            && (relative(end)
                || toks.get(end).is_none_or(|t| matches!(t.ch, ',' | '.' | ';' | ')' | '\n')))
            && lower(end - 1).is_some_and(|w| is_org_noun(w) && !is_people_noun(w))
            // (The noun heads the apposition: not `the leader of the resistance movement`.)
            && !(first..end).any(|i| {
                matches!(lower(i), Some("of" | "for" | "in" | "at" | "on" | "with" | "from" | "to" | "by"))
            })
        {
            return true;
        }
    }
    // `Qantas and Vorsk Blue`: a name of several words listed with a known organization, no
    // given name first (`Qantas and Jane Roe` stays open).
    // (A known one: `Primary Industries and Vorsk Resources` may be one name.)
    if te - ts >= 2 && !lx.is_given(doc.lower(ts)) && doc.coordinated_with_known_org(k, ts) {
        return true;
    }
    // `told ITAR-TASS`: whom one tells, written in capitals, is a news organization (a person
    // is not written so).
    if toks[ts].is(UPPER) && te == ts + 1 && doc.prev_word_lower(ts) == Some("told") {
        return true;
    }
    // `told Vorsk-Tass that`: a hyphenated word no list knows as a name, told something, is
    // an agency's or a paper's name too.
    if te == ts + 1
        && doc.prev_word_lower(ts) == Some("told")
        && name.contains('-')
        && !lx.is_given(doc.lower(ts))
        && !lx.surnames.contains(doc.lower(ts))
        && lx.known_place(doc.lower(ts)).is_none()
        && name
            .split('-')
            .all(|p| !lx.is_given(&p.to_lowercase()) && !lx.surnames.contains(&*p.to_lowercase()))
    {
        return true;
    }
    // `Vorsk quoted Jane Roe as saying`: a paper or an agency quotes.
    if !possessive
        && lower(te) == Some("quoted")
        && (te + 1..te + 10)
            .take_while(|&i| toks.get(i).is_some_and(|t| t.ch != '.' && t.ch != '\n'))
            .any(|i| lower(i) == Some("as") && lower(i + 1) == Some("saying"))
    {
        return true;
    }
    // `oil stocks such as Vorsk and Qorvash`: what the plural is made of.
    if ts >= 3
        && doc.prev_word_lower(ts) == Some("as")
        && doc.prev_word_lower(ts - 1) == Some("such")
        && doc.prev_word_lower(ts - 2).is_some_and(is_org_noun_plural)
    {
        return true;
    }
    match doc.prev_word_lower(ts) {
        Some(w) if is_org_noun(w) || is_org_noun_plural(w) => true,
        // `oil major Vorsk`: a big firm of a line of business (not `a major Vorsk hospital`).
        // (A line of business before it, not any word: `in major Vorsk cities`.)
        Some("major") => {
            ts >= 2
                && doc.prev_word_lower(ts - 1).is_some_and(|w| {
                    matches!(
                        w,
                        "oil"
                            | "mining"
                            | "energy"
                            | "media"
                            | "retail"
                            | "steel"
                            | "chemicals"
                            | "drug"
                            | "drugs"
                            | "pharmaceutical"
                            | "tech"
                            | "technology"
                            | "telecoms"
                            | "car"
                            | "auto"
                            | "food"
                            | "gas"
                            | "resources"
                            | "shipping"
                            | "insurance"
                            | "banking"
                            | "software"
                            | "chip"
                    )
                })
        }
        // The second of two after such a plural: `drugs groups Vorsk and Qorvash`.
        Some("and") => {
            let mut a = ts - 1;
            while a > 0
                && (toks[a - 1].is(CAP) || (toks[a - 1].ch == '-' && a >= 2 && toks[a - 2].is(CAP)))
                && a + 4 > ts
            {
                a -= 1;
            }
            a < ts - 1
                && (doc.prev_word_lower(a).is_some_and(is_org_noun_plural)
                    || (a >= 3
                        && doc.prev_word_lower(a) == Some("as")
                        && doc.prev_word_lower(a - 1) == Some("such")
                        && doc.prev_word_lower(a - 2).is_some_and(is_org_noun_plural)))
        }
        Some("in" | "of") => {
            ts >= 2
                && toks[ts - 2].is(WORD)
                && toks[ts - 2].text(doc.text).eq_ignore_ascii_case("shares")
        }
        _ => false,
    }
}

/// Whether the words at token `i` tell how a share price moved: a verb of moving, then a
/// number of cents, pence or percent (`eased 40 cents`), or a decimal number or a number in a
/// currency, then `to` and the new price (`gained 0.75 to HK$ 68.25`, `fell 1.75 rand to
/// 139.25`, `rose 21 francs to 1,421`); not strokes, points or weights (`dropped 2 shots to
/// 70`, `rose 12.5 points`, `lost 0.4 per cent`, `shed 20 pounds to make the weight`).
fn price_move(doc: &Doc<'_>, i: usize) -> bool {
    let toks = &doc.toks;
    let word = |i: usize| toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(doc.text));
    let moved = word(i).is_some_and(|w| {
        matches!(
            w,
            "rose"
                | "fell"
                | "gained"
                | "eased"
                | "shed"
                | "added"
                | "lost"
                | "dropped"
                | "climbed"
                | "slipped"
                | "firmed"
                | "jumped"
                | "dipped"
                | "edged"
                | "slid"
                | "tumbled"
                | "plunged"
                | "rallied"
                | "advanced"
                | "declined"
                | "surged"
                // (Participles too, mostly after a comma: `Vorsk led the way, rising 31
                // cents`.)
                | "rising"
                | "falling"
                | "gaining"
                | "adding"
                | "losing"
                | "shedding"
                | "jumping"
                | "climbing"
                | "slipping"
                | "easing"
                | "dropping"
                | "soared"
                | "slumped"
        )
    });
    if !moved {
        return false;
    }
    // A change in pence or cents written as one word (`slipped 4p`, `eased 12c`, `rose
    // 2-1/2p`), or in words and per cent (`rose three percent`).
    if let Some(n) = word(i + 1) {
        let amount = n.strip_suffix(['p', 'c']).is_some_and(|a| {
            a.starts_with(|c: char| c.is_ascii_digit())
                && a.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'/'))
        });
        if amount
            || (is_number_word(n) && word(i + 2).is_some_and(|w| matches!(w, "percent" | "pct")))
        {
            return true;
        }
    }
    // The price: its whole and its decimals are tokens apart (`0`, `.`, `75`) or one.
    let Some(n) = word(i + 1).filter(|w| w.starts_with(|c: char| c.is_ascii_digit())) else {
        return false;
    };
    // (Then `to` and the new price, a currency's sign or word between or not: an index's
    // `lost 0.4 per cent` or `rose 12.5 points` is no share's.)
    let to_price = |k: usize| {
        word(k) == Some("to")
            && (k + 1..k + 4)
                .any(|j| word(j).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())))
    };
    let (decimal, after) = if n.contains('.') {
        (true, i + 2)
    } else if toks.get(i + 2).is_some_and(|t| t.ch == '.' && t.s == toks[i + 1].e)
        && word(i + 3).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        && toks[i + 3].s == toks[i + 2].e
    {
        (true, i + 4)
    } else {
        (false, i + 2)
    };
    let unit = word(after)
        .is_some_and(|w| matches!(w, "cents" | "cent" | "pence" | "percent" | "pct" | "p" | "c"));
    // A price in a currency, to a new price: `rose 21 francs to 1,421`.
    let currency = word(after).is_some_and(|w| {
        matches!(
            w,
            "francs"
                | "marks"
                | "yen"
                | "rand"
                | "pounds"
                | "dollars"
                | "lire"
                | "guilders"
                | "baht"
                | "rupees"
                | "pesos"
                | "crowns"
                | "kronor"
                | "shillings"
                | "ringgit"
        )
    }) && to_price(after + 1);
    (decimal && to_price(after)) || unit || currency
}

/// Whether a share price moved in the clause after token `te`, after a comma and within six
/// words, no other name between (`Vorsk led the way, rising 31 cents to $9.44`).
fn price_move_after_comma(doc: &Doc<'_>, te: usize) -> bool {
    let toks = &doc.toks;
    (te..(te + 7).min(toks.len()))
        .take_while(|&i| toks[i].ch == ',' || (toks[i].is(WORD) && !toks[i].is(CAP)))
        .find(|&i| toks[i].ch == ',')
        .is_some_and(|c| share_price_move(doc, c + 1))
}

/// [`price_move`] in money, not in per cent (`gaining 52 per cent of the vote` is a
/// candidate's): cents, pence, a currency or a decimal price to a new one.
fn share_price_move(doc: &Doc<'_>, i: usize) -> bool {
    let word = |i: usize| doc.word_at(i);
    // (Nor a weight: `shed 12 pounds to 154` made the weight.)
    price_move(doc, i)
        && !(i + 2..i + 5).any(|k| matches!(word(k), Some("percent" | "pct" | "per")))
        && !word(i + 2)
            .is_some_and(|w| matches!(w, "pounds" | "kilos" | "kg" | "lb" | "lbs" | "stone"))
}

/// The names of several words of an article: whether a person bears one, and its unknown
/// mentions.
type NamesOfSeveralWords<'t> =
    std::collections::HashMap<&'t str, (bool, Vec<usize>), foldhash::fast::FixedState>;

fn names_of_several_words<'t>(doc: &Doc<'t>) -> NamesOfSeveralWords<'t> {
    let mut named = NamesOfSeveralWords::default();
    for (j, o) in doc.mentions.iter().enumerate() {
        if o.te - o.ts >= 2 && matches!(o.kind, Kind::Person | Kind::Unknown) {
            let e = named.entry(slice(doc.text, (o.s, o.e))).or_default();
            if o.kind == Kind::Person {
                e.0 = true;
            } else {
                e.1.push(j);
            }
        }
    }
    named
}

/// Whether the article treats the name of mention `k`, there or elsewhere, as an organization's
/// (`shares of Vorsk Telembo rose after Vorsk Telembo said`): one name, one kind, and the
/// firm's evidence outweighs a verb of speaking.
/// (`named`: [`names_of_several_words`].)
fn org_named_so(
    doc: &Doc<'_>,
    lx: &Lexicon,
    look: &Lookups<'_>,
    named: &NamesOfSeveralWords<'_>,
    k: usize,
) -> bool {
    let m = &doc.mentions[k];
    let Some((person, unknown)) = named.get(slice(doc.text, (m.s, m.e))) else {
        return false;
    };
    // (A titled person's name stays a person's: `Maulana Vorsk Telembo` ... `Vorsk Telembo
    // supporters`.)
    !person
        && unknown.iter().any(|&j| {
            doc.mentions[j].te - doc.mentions[j].ts == m.te - m.ts && org_evidence(doc, lx, look, j)
        })
}

/// Whether mention `k`, a town's name of one word, is named as where someone or something is
/// from: `a family from Nimbin`, `a Frankston man`, `between Walgett and Moree`. (Not a
/// name a person bears: `a letter from Howard`.)
fn town_of_origin(doc: &Doc<'_>, lx: &Lexicon, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let next = doc.toks.get(te).filter(|t| t.is(WORD) && !t.is(CAP)).map(|t| t.text(doc.text));
    // (Nothing after it or before it that could say so: no look-up.)
    if next.is_none()
        && !doc.prev_word_lower(ts).is_some_and(|w| matches!(w, "from" | "between" | "of"))
    {
        return false;
    }
    let lw = doc.lower(ts);
    if lx.is_given(lw) || lx.surnames.contains(lw) || lx.word_in(lw, class::KNOWN_ORG) {
        return false;
    }
    // `Vorsk farmer Jane Roe`: what someone does, from where, before their name. (Not a
    // team's role: `Vorsk coach Jane Roe` names a club.)
    // (Nor an award's: `Vorsk medallist Jane Roe`.)
    // (Or a trade of two words: `Vorsk timber worker Jane Roe`, `Vorsk dairy farmer`.)
    let lower_at =
        |i: usize| doc.toks.get(i).filter(|t| t.is(WORD) && !t.is(CAP)).map(|t| t.text(doc.text));
    let person_noun = |w: &str| lx.word_in(w, class::PERSON_NOUN);
    let (noun, noun_at) = match (next, lower_at(te + 1)) {
        (Some(a), Some(b))
            if !person_noun(a)
                && person_noun(b)
                && !lx.word_in(a, class::ROLE | class::TITLE)
                && a.len() > 3
                && !a.ends_with("ly") =>
        {
            (Some(b), te + 1)
        }
        _ => (next, te),
    };
    if noun.is_some_and(|w| {
        lx.word_in(w, class::PERSON_NOUN)
            && !lx.word_in(w, class::TEAM_ROLE | class::TITLE)
            && !matches!(
                w,
                "medallist"
                    | "medalist"
                    | "winner"
                    | "laureate"
                    | "champion"
                    | "finalist"
                    | "nominee"
                    | "recipient"
                    | "holder"
            )
    }) && (doc.toks.get(noun_at + 1).is_some_and(|t| t.is(WORD) && t.is(CAP))
        // (Or after an article: `a Toowoomba builder, Jane Roe,`, `the Vorsk farmer says`; a
        // trade of one word, `a Vorsk-led multinational force` is none.)
        || (noun_at == te
            && ts > 0
            && doc.toks[ts - 1].is(WORD)
            && matches!(doc.lower(ts - 1), "a" | "an" | "the")))
    {
        return true;
    }
    match doc.prev_word_lower(ts) {
        // (Speaking, when a person's name comes right before: `Jane Roe from Vorsk says`; a
        // firm otherwise, `analysts from Vorsk say`.)
        Some("from") => {
            !doc.speaks_at(te)
                || doc.mentions[..k]
                    .last()
                    .is_some_and(|o| o.te as usize + 1 == ts && o.kind == Kind::Person)
        }
        Some("between") => next == Some("and"),
        // `Jane Roe, 54, of Vorsk,`, `Jane Roe of Vorsk`: where a person lives.
        Some("of") => {
            let toks = &doc.toks;
            let mut j = ts - 1;
            let mut age = false;
            if j >= 1 && toks[j - 1].ch == ',' {
                j -= 1;
                if j >= 2 && is_integer(doc.text, &toks[j - 1]) && toks[j - 2].ch == ',' {
                    j -= 2;
                    age = true;
                }
            }
            doc.mentions[..k].iter().rev().find(|o| o.te as usize <= j).is_some_and(|o| {
                o.te as usize == j
                    && (o.kind == Kind::Person
                        || o.title.is_some()
                        || (age && o.kind == Kind::Unknown && o.te - o.ts >= 2))
            })
        }
        Some("a" | "an" | "the") => next.is_some_and(|w| {
            matches!(
                w,
                "man"
                    | "woman"
                    | "boy"
                    | "girl"
                    | "teenager"
                    | "resident"
                    | "residents"
                    | "family"
                    | "couple"
                    | "farmer"
                    | "mother"
                    | "father"
                    | "grandmother"
                    | "grandfather"
                    | "businessman"
                    | "businesswoman"
            )
        }),
        _ => false,
    }
}

/// Whether `word` has a capital after its first capital and two lower-case letters or more
/// (`AusAID`, `FreightLink`), that no surname's prefix explains (`MacArthur`,
/// `VanDyke`, `FitzGerald`).
fn inner_capital(word: &str) -> bool {
    let b = word.as_bytes();
    let Some(at) = (1..b.len()).find(|&i| b[i].is_ascii_uppercase()) else { return false };
    at >= 3
        && b[1..at].iter().all(u8::is_ascii_lowercase)
        && b[0].is_ascii_uppercase()
        && !matches!(&word[..at], "Mac" | "Van" | "Von" | "Fitz" | "Della" | "Dela" | "Del")
}

/// The earlier mention of an organization that mention `k` names without its last word, when
/// that is a party's or a movement's cue word (`the Vorsk Path Party` ... `in coalition with
/// Vorsk Path`).
fn short_form_of_org(doc: &Doc<'_>, k: usize) -> Option<usize> {
    let m = &doc.mentions[k];
    let n = (m.te - m.ts) as usize;
    doc.mentions[..k].iter().position(|o| {
        let (ots, ote) = (o.ts as usize, o.te as usize);
        o.kind == Kind::Org
            && ote - ots == n + 1
            && matches!(
                doc.lower(ote - 1),
                "party" | "movement" | "front" | "alliance" | "league" | "congress"
            )
            && (0..n)
                .all(|i| doc.toks[ots + i].is(WORD) && doc.w(ots + i) == doc.w(m.ts as usize + i))
    })
}

/// Whether the name of mention `k` is also a mention elsewhere that opens no sentence: a name,
/// not a sentence's first word.
fn named_elsewhere(doc: &Doc<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let name = slice(doc.text, (m.s, m.e));
    doc.mentions.iter().any(|o| {
        o.s != m.s && !doc.toks[o.ts as usize].is(SENT) && slice(doc.text, (o.s, o.e)) == name
    })
}

/// Whether a hyphenated name is a place the gazetteer spells with spaces for some of its
/// hyphens (`mazar-e-sharif`, known as `Mazar-e Sharif` and `Mazar-i-Sharif`).
fn izafat_place(lx: &Lexicon, k: &str) -> bool {
    let variants = [
        Some(k.to_owned()),
        Some(k.replace('-', " ")),
        k.rfind('-').map(|p| format!("{} {}", &k[..p], &k[p + 1..])),
        k.find('-').map(|p| format!("{} {}", &k[..p], &k[p + 1..])),
    ];
    variants.iter().flatten().any(|v| lx.known_place(v).is_some())
}

/// Whether mention `k` names a ship: after a noun for one (`the tanker Vorsk`) or a navy's
/// prefix (`HMAS Vorsk`, `USS Vorsk`), or with such a noun in apposition (`the Vorsk, a
/// ferry`).
fn names_a_ship(doc: &Doc<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let is_ship = |w: &str| {
        matches!(
            w,
            "ship"
                | "tanker"
                | "ferry"
                | "freighter"
                | "vessel"
                | "yacht"
                | "liner"
                | "trawler"
                | "submarine"
                | "frigate"
                | "destroyer"
                | "cruiser"
                | "warship"
                | "ketch"
        )
    };
    let toks = &doc.toks;
    let word = |i: usize| toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(doc.text));
    if ts > 0 && word(ts - 1).is_some_and(|w| is_ship(w) || matches!(w, "HMAS" | "HMS" | "USS")) {
        return true;
    }
    // (The noun ends the apposition: not `the ship's owner`, `a cruise ship operator`.)
    toks.get(te).is_some_and(|t| t.ch == ',')
        && matches!(word(te + 1), Some("a" | "an" | "the"))
        && (te + 2..te + 5).take_while(|&i| word(i).is_some()).any(|i| {
            word(i).is_some_and(is_ship)
                && word(i + 1).is_none_or(|w| matches!(w, "that" | "which"))
                && toks.get(i + 1).is_none_or(|t| t.ch != '\'' && t.ch != '’')
        })
}

/// Whether a name of two words, `first` and `second` (lower case), opens with a French,
/// Spanish, Italian or German article: a paper's or a place's (`Le Monde`, `Die Welt`), not a
/// person's, unless a French article comes before a surname (`Le Roux`, and `Les Ferdinand`:
/// `Les` is a given name too).
fn article_name(lx: &Lexicon, first: &str, second: &str) -> bool {
    matches!(first, "le" | "la" | "les" | "el" | "il" | "los" | "las" | "die" | "der" | "das")
        && !(matches!(first, "le" | "la" | "les") && lx.surnames.contains(second))
        && !(first == "les" && lx.given.contains_key(second))
}

/// A number written as a word (`five cents`).
fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// The first token of the line of token `i`.
fn line_start(toks: &[Tok], i: usize) -> usize {
    toks[..i].iter().rposition(|t| t.ch == '\n').map_or(0, |p| p + 1)
}

/// The end of the line of token `i`: its line break, or the end of the text.
fn line_end(toks: &[Tok], i: usize) -> usize {
    toks[i..].iter().position(|t| t.ch == '\n').map_or(toks.len(), |p| i + p)
}

/// Whether mention `k` names whom a person named right before works for, set off by commas
/// (`Administrator Jane Roe, from Vorsk Hodgson, says`): a firm, no person.
fn employer(doc: &Doc<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    k > 0
        && ts >= 3
        && doc.prev_word_lower(ts) == Some("from")
        && doc.toks[ts - 2].ch == ','
        && doc.toks.get(te).is_some_and(|t| t.ch == ',')
        && doc.mentions[k - 1].te as usize == ts - 2
        && (doc.mentions[k - 1].kind == Kind::Person || doc.mentions[k - 1].title.is_some())
}

/// Whether the words around mention `k` tell what only a firm undergoes or has: its shares,
/// stores or creditors (`Vorsk Roe shares`, `Vorsk Roe's creditors`), receivership,
/// liquidation or administration (`Vorsk Roe went into receivership`, `was placed in
/// voluntary administration`), its collapse or liquidators (`the collapse of Vorsk Roe`).
fn firm_only(doc: &Doc<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let lower =
        |i: usize| doc.toks.get(i).filter(|t| t.is(WORD) && !t.is(CAP)).map(|t| t.text(doc.text));
    // (Not what a person has or does too: `Jane Roe's shares rose`, `Jane Roe shares the
    // view`, `Jane Roe's creditors`.)
    let possessive = doc.toks.get(te).is_some_and(|t| matches!(t.ch, '\'' | '’'));
    let part = if possessive {
        lower(te + 1).is_some_and(|w| matches!(w, "stores" | "subsidiary" | "outlets"))
    } else {
        lower(te).is_some_and(|w| {
            matches!(w, "shareholders" | "stores" | "creditors" | "subsidiary" | "outlets")
        })
    };
    if part {
        return true;
    }
    // What befell it, right after its name: `went into receivership`, `was placed in
    // voluntary administration`, `has gone into liquidation` (not `Jane Roe was appointed
    // to oversee the liquidation`).
    if !possessive {
        let mut i = te;
        while lower(i).is_some_and(|w| {
            matches!(w, "has" | "had" | "was" | "is" | "been" | "went" | "gone" | "placed" | "put")
        }) && i < te + 3
        {
            i += 1;
        }
        if i > te && matches!(lower(i), Some("into" | "in")) {
            let j = if lower(i + 1) == Some("voluntary") { i + 2 } else { i + 1 };
            if matches!(lower(j), Some("receivership" | "liquidation" | "administration")) {
                return true;
            }
        }
    }
    firm_noun_of(doc, ts)
}

/// Whether the name at token `ts` follows `of` after what only a firm undergoes or has (`the
/// collapse of Vorsk`, `the liquidators of Vorsk`).
fn firm_noun_of(doc: &Doc<'_>, ts: usize) -> bool {
    ts >= 2
        && doc.word_at(ts - 1) == Some("of")
        && doc.prev_word_lower(ts - 1).is_some_and(|w| {
            matches!(
                w,
                "collapse"
                    | "liquidator"
                    | "liquidators"
                    // (Not one administrator: `the Administrator of Norfolk Island`.)
                    | "administrators"
                    | "receiver"
                    | "receivers"
                    | "takeover"
                    | "float"
                    | "shareholders"
            )
        })
}

/// Where mention `k` starts when it is a capitalized plural after `the` that no list knows (one or two
/// words: `the Proteas`, `the Western Bulldogs`) and that plays a game: the subject of a verb
/// of a game or of a past tense (`the Proteas were`, `the Swans beat`), or beaten or played
/// against (`beat the Bombers`, `a charge from the Bombers`, `against the Swans`).
fn team_nickname(doc: &Doc<'_>, lx: &Lexicon, k: usize, games: &mut Option<bool>) -> Option<usize> {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    if m.kind != Kind::Unknown || m.title.is_some() || !doc.lower(te - 1).ends_with('s') {
        return None;
    }
    let the = |i: usize| doc.word_at(i).is_some_and(|w| w.eq_ignore_ascii_case("the"));
    // (With a word of a compass the segmenter set aside: `the Western Bulldogs`.)
    let ts = if ts >= 2
        && doc.toks[ts - 1].is(CAP)
        && (is_compass_point(doc.lower(ts - 1))
            || matches!(doc.lower(ts - 1), "western" | "eastern"))
        && the(ts - 2)
    {
        ts - 1
    } else {
        ts
    };
    if ts == 0 || !the(ts - 1) || te - ts > 2 {
        return None;
    }
    let last = doc.lower(te - 1);
    let plural = last.len() >= 5
        && last.ends_with('s')
        && !last.ends_with("ss")
        && last.bytes().all(|b| b.is_ascii_lowercase());
    if !plural
        || lx.word_in(last, class::DEMONYM | class::STOP_CAP | class::EVENT_CUE)
        || doc.written_in_lower_case(te - 1)
    {
        return None;
    }
    let next = doc.toks.get(te).filter(|t| t.is(WORD) && !t.is(CAP)).map(|t| t.text(doc.text));
    let acts = next.is_some_and(|w| {
        (w.len() > 4 && w.ends_with("ed"))
            || matches!(
                w,
                "were"
                    | "are"
                    | "have"
                    | "had"
                    | "will"
                    | "beat"
                    | "won"
                    | "lost"
                    | "drew"
                    | "led"
                    | "lead"
                    | "trail"
                    | "took"
                    | "made"
                    | "held"
                    | "hit"
                    | "need"
                    | "face"
                    | "meet"
                    | "host"
                    | "play"
                    | "went"
                    | "ran"
                    | "kept"
                    | "fought"
            )
    });
    let played = ts >= 2
        && matches!(
            doc.prev_word_lower(ts - 1),
            Some(
                "beat"
                    | "beating"
                    | "defeated"
                    | "defeating"
                    | "against"
                    | "over"
                    | "from"
                    | "downed"
                    | "edged"
                    | "thrashed"
                    | "trounced"
                    | "overcame"
                    | "faces"
                    | "face"
                    | "faced"
                    | "meet"
                    | "meets"
                    | "met"
                    | "hosts"
                    | "hosted"
                    | "play"
                    | "plays"
                    | "played"
            )
        );
    if !(acts || played) {
        return None;
    }
    // (The article's words once, before the scans of its mentions below.)
    if !*games.get_or_insert_with(|| reports_games(doc)) {
        return None;
    }
    // (Not a family: `the Waughs were`, when Steve Waugh is named.)
    let family = doc.mentions.iter().any(|o| {
        o.kind == Kind::Person && o.te > o.ts && {
            let surname = doc.lower(o.te as usize - 1);
            last.strip_suffix('s').is_some_and(|s| s == surname)
                || last.strip_suffix("es").is_some_and(|s| s == surname)
        }
    });
    if family {
        return None;
    }
    // (An event is won, kept or held, a team beaten: `retained the Ashes`.)
    let name = slice(doc.text, (m.s, m.e));
    let event = doc.mentions.iter().any(|o| {
        let o_ts = o.ts as usize;
        slice(doc.text, (o.s, o.e)) == name
            && o_ts >= 2
            && the(o_ts - 1)
            && matches!(
                doc.prev_word_lower(o_ts - 1),
                Some(
                    "win"
                        | "wins"
                        | "won"
                        | "winning"
                        | "retain"
                        | "retains"
                        | "retained"
                        | "regain"
                        | "regained"
                        | "hold"
                        | "holds"
                        | "held"
                        | "host"
                        | "hosted"
                        | "stage"
                        | "staged"
                        | "contest"
                        | "contested"
                )
            )
    });
    (!event).then_some(ts)
}

/// Whether the article reports games: three words of scores, players or play or more
/// (`goals`, `coach`, `wickets`, `premiership`).
fn reports_games(doc: &Doc<'_>) -> bool {
    // Goals, coaches, leagues, cricket, tries, players' places, scoring, the sport's name.
    const STRONG: u32 =
        1 | 1 << 2 | 1 << 4 | 1 << 7 | 1 << 8 | 1 << 10 | 1 << 11 | 1 << 12 | 1 << 13;
    let mut seen: u32 = 0;
    for t in doc.toks.iter().filter(|t| t.is(WORD) && !t.is(CAP)) {
        let bit = match t.text(doc.text) {
            "goal" | "goals" => 1,
            "points" => 1 << 1,
            "coach" => 1 << 2,
            "captain" | "skipper" => 1 << 3,
            "premiership" | "ladder" | "league" => 1 << 4,
            "season" | "round" => 1 << 5,
            "match" | "game" | "games" => 1 << 6,
            "wicket" | "wickets" | "innings" => 1 << 7,
            "stumps" | "overs" | "batting" | "bowling" | "runs" => 1 << 12,
            "try" | "tries" | "penalty" | "penalties" => 1 << 8,
            "quarter" | "half-time" | "halftime" | "final" | "semi-final" => 1 << 9,
            "scored" | "kicked" | "defeated" | "victory" | "win" => 1 << 10,
            "striker" | "midfielder" | "defender" | "batsman" | "bowler" | "wicketkeeper" => {
                1 << 11
            }
            "cricket" | "football" | "soccer" | "rugby" | "hockey" | "netball" | "basketball"
            | "baseball" => 1 << 13,
            _ => 0,
        };
        seen |= bit;
        // (Points, rounds and finals are a campaign's too: a word of sport among them.)
        if seen.count_ones() >= 3 && seen & STRONG != 0 {
            return true;
        }
    }
    false
}

/// A label of a line of scorers, lower-cased (`Scorers :`, `Tries :`).
fn scorers_label(w: &str) -> bool {
    matches!(
        w,
        "scorers"
            | "scorer"
            | "goalscorers"
            | "goalscorer"
            | "goals"
            | "tries"
            | "try"
            | "conversions"
            | "conversion"
            | "penalties"
            | "penalty"
    )
}

/// Whether token `i` is on a line of scorers: one that opens with their label (`Scorers:
/// Ajax - Roe 24, Poe 53`, `Tries: Roe 2`), after a side and a dash (`Vorsk - Tries : Doe ,
/// Roe`), or one that goes on with a side, a dash and its scorers right after such a line
/// (`Feyenoord - Doe 89`). The numbers there are minutes or counts, and the names players.
fn scorers_line(doc: &Doc<'_>, i: usize) -> bool {
    let toks = &doc.toks;
    let labelled = |start: usize| {
        toks.get(start).is_some_and(|t| t.is(WORD))
            && toks.get(start + 1).is_some_and(|t| t.ch == ':')
            && scorers_label(doc.lower(start))
    };
    let start = line_start(toks, i);
    if labelled(start) {
        return true;
    }
    // (Or after a side and a dash: `Vorsk - Tries : Doe , Roe`.)
    if let Some(k) = (start + 1..(start + 5).min(i)).find(|&k| labelled(k))
        && toks[start..k].iter().all(|t| t.is(CAP) || t.ch == '-')
        && toks[start..k].iter().any(|t| t.ch == '-')
    {
        return true;
    }
    // (A side and a dash first: `Feyenoord - Doe 89`, not the next result, `Ajax 2 Roda 1`.)
    let dash = toks[start..i].iter().any(|t| t.ch == '-');
    let mut line = start;
    for _ in 0..2 {
        if !dash || line == 0 {
            return false;
        }
        line = line_start(toks, line - 1);
        if labelled(line) {
            return true;
        }
    }
    false
}

/// Whether the name `ts..te` opens a line of a table of leading scorers: the name, its club or
/// country in brackets and a count, under a heading of scorers (`Leading scorers :` ...
/// `Jane Roe ( Vorsk City ) 15`), each line between them of that shape.
fn scorer_table_row(doc: &Doc<'_>, ts: usize, te: usize) -> bool {
    let (text, toks) = (doc.text, &doc.toks);
    let shaped = |start: usize| {
        let end = line_end(toks, start);
        end >= start + 4
            && toks[end - 2].ch == ')'
            && is_integer(text, &toks[end - 1])
            && toks[start..end - 2].iter().any(|t| t.ch == '(')
    };
    // (The cheap tests first: every mention asks.)
    if (ts > 0 && toks[ts - 1].ch != '\n')
        || toks.get(te).is_none_or(|t| t.ch != '(')
        || !shaped(ts)
    {
        return false;
    }
    let mut line = ts;
    for _ in 0..40 {
        if line == 0 {
            return false;
        }
        line = line_start(toks, line - 1);
        let end = line_end(toks, line);
        let heading = end >= line + 2
            && end <= line + 4
            && toks[end - 1].ch == ':'
            && toks[line..end - 1].iter().any(|t| {
                t.is(WORD) && {
                    let w = t.text(text).to_ascii_lowercase();
                    w.ends_with("scorers") || w.ends_with("scorer")
                }
            });
        if heading {
            return true;
        }
        if !shaped(line) {
            return false;
        }
    }
    false
}

/// An integer as a word (`2`, `532`).
fn is_integer(text: &str, t: &Tok) -> bool {
    t.is(WORD) && text.as_bytes()[t.s as usize..t.e as usize].iter().all(u8::is_ascii_digit)
}

/// A score as a word: digits, a hyphen or dash, digits (`2-1`, `6-4`).
fn is_score(text: &str, t: &Tok) -> bool {
    let w = t.text(text);
    t.is(WORD)
        && w.split_once(['-', '–']).is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.len() <= 3
                && b.len() <= 3
                && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        })
}

/// Whether mention `k` follows the `c` (caught), `b` (bowled) or `st` (stumped) of a cricket
/// batting line: a line with a `b`, whose last word is the runs scored.
fn scorecard_player(doc: &Doc<'_>, k: usize) -> bool {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let (text, toks) = (doc.text, &doc.toks);
    let word = |i: usize| toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(text));
    let line = || &toks[line_start(toks, ts)..line_end(toks, te)];
    let runs_last = |line: &[Tok]| line.last().is_some_and(|t| is_integer(text, t));
    let has_word =
        |line: &[Tok], f: fn(&str) -> bool| line.iter().any(|t| t.is(WORD) && f(t.text(text)));
    // The fielder or the bowler (`c Doe b Roe 30`).
    if ts > 0 && matches!(word(ts - 1), Some("b" | "c" | "st")) {
        let line = line();
        return runs_last(line) && has_word(line, |w| w == "b");
    }
    // The batsman, who opens the line, then how he was out (`Jane Roe lbw b Doe 11`,
    // `Jane Roe not out 163`, `Jane Roe run out 24`).
    if word(te).is_some_and(|w| {
        matches!(w, "c" | "b" | "lbw" | "st" | "run" | "not" | "retired" | "hit" | "absent")
    }) {
        // (The line's start by a word check first: `not` and `run` follow names in prose.)
        if ts > 0 && toks[ts - 1].ch != '\n' {
            return false;
        }
        let line = line();
        return runs_last(line) && has_word(line, |w| matches!(w, "b" | "out" | "hurt"));
    }
    // A bowler's figures, overs-maidens-runs-wickets, right after the name (`Jane Roe
    // 28-5-98-2`).
    if word(te).is_some_and(|w| {
        w.bytes().filter(|&b| b == b'-').count() == 3
            && w.split('-').all(|p| {
                !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            })
    }) {
        return true;
    }
    // The players who did not bat, listed after the label (`Did not bat: Jane Roe, Joan Doe`,
    // `To bat: ...`).
    if ts == 0 || !matches!(toks[ts - 1].ch, ',' | ':') {
        return false;
    }
    // (The list is short: its line starts within 40 tokens, else this is no such list.)
    let Some(start) = (ts.saturating_sub(40)..ts).rev().find(|&k| k == 0 || toks[k - 1].ch == '\n')
    else {
        return false;
    };
    let label = |words: &[&str]| {
        words.iter().enumerate().all(|(n, w)| {
            toks.get(start + n).is_some_and(|t| t.is(WORD) && t.text(text).eq_ignore_ascii_case(w))
        }) && toks.get(start + words.len()).is_some_and(|t| t.ch == ':')
    };
    ts > start + 2
        && (label(&["did", "not", "bat"]) || label(&["to", "bat"]) || label(&["yet", "to", "bat"]))
}

/// The number of columns after mention `k` when it opens a table row: the mention starts its
/// line and only numbers follow it to the line's end, two whole ones at least
/// (`Feyenoord 16 11 3 2 30 16 36` gives 7; `MIAMI 14 4 .778 -`, with a percentage and a
/// dash for games behind, 4).
fn table_row(doc: &Doc<'_>, k: usize) -> Option<usize> {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let toks = &doc.toks;
    if ts > 0 && toks[ts - 1].ch != '\n' {
        return None;
    }
    let end = line_end(toks, te);
    let row = &toks[te..end];
    if row.iter().filter(|t| is_integer(doc.text, t)).count() < 2
        || !row.iter().all(|t| is_integer(doc.text, t) || matches!(t.ch, '.' | '/' | '-'))
    {
        return None;
    }
    let (a, b) = (m.e as usize, row.last().map_or(m.e, |t| t.e) as usize);
    Some(doc.text[a..b].split_ascii_whitespace().count())
}

/// A club named in two names, each known on its own (`Ajax Amsterdam`, the town of Ajax and
/// the city): the name just before team mention `k` at the start of its line, with nothing
/// between them, joins it; anywhere when `anywhere` (`Manchester United striker`).
fn join_club_name(mentions: &mut [Mention], toks: &[Tok], text: &str, k: usize, anywhere: bool) {
    if k == 0 {
        return;
    }
    let (p, m) = (&mentions[k - 1], &mentions[k]);
    // (Or after a score or a comma within a results line: `Juventus 2 Manchester United 0`,
    // `Rangers 2 Grasshoppers 1, Ajax Amsterdam 0 Auxerre 1`.)
    let opens = anywhere
        || p.ts == 0
        || toks[p.ts as usize - 1].ch == '\n'
        || matches!(toks[p.ts as usize - 1].ch, ',' | ';' | ':')
        || is_integer(text, &toks[p.ts as usize - 1])
        || is_score(text, &toks[p.ts as usize - 1]);
    if p.te == m.ts && opens && p.title.is_none() && matches!(p.kind, Kind::Loc | Kind::Unknown) {
        let (s, ts) = (p.s, p.ts);
        // (A title mention without a title is no mention: dropped from the output.)
        mentions[k - 1].kind = Kind::Title;
        mentions[k].s = s;
        mentions[k].ts = ts;
    }
}

/// Whether the line of tokens `ts..te` is a row of results or standings: two numbers or
/// scores at least, and three words in lower case at most.
fn results_row(doc: &Doc<'_>, ts: usize, te: usize) -> bool {
    let (integers, scores, lower) = row_counts(doc, ts, te);
    integers + scores >= 2 && lower <= 3
}

/// On the line of tokens `ts..te`: its integers, its scores (`2-1`) and its words in lower
/// case.
fn row_counts(doc: &Doc<'_>, ts: usize, te: usize) -> (usize, usize, usize) {
    let (text, toks) = (doc.text, &doc.toks);
    let row = &toks[line_start(toks, ts)..line_end(toks, te)];
    let integers = row.iter().filter(|t| is_integer(text, t)).count();
    let scores = row.iter().filter(|t| !is_integer(text, t) && is_score(text, t)).count();
    let lower = row
        .iter()
        .filter(|t| t.is(WORD) && !t.is(CAP) && text.as_bytes()[t.s as usize].is_ascii_alphabetic())
        .count();
    (integers, scores, lower)
}

/// Whether mention `k`, a city, a place named by its cue word or a name with no evidence of a
/// person, names a sports team:
/// - in a results line (a paragraph of two numbers or more and at most three lower-case words)
///   it is followed by a small number: `Sheffield Wednesday 2 Leeds 1`, `Barcelona 15 10 3 2
///   30 33`; a state too when another side on the line has a score (`Utah 99 Seattle 91`).
///   Not a word after a full stop inside the line (`Attendance 45,000`), and a name with a
///   number in brackets after a team's score is a scorer, a player (`Ajax 2 (Roe 23)`);
/// - in a sentence with a score or a winning margin, it beats, draws or loses, or is beaten,
///   played against or drawn with: `Barcelona beat Real Madrid 2-1`, `drew 1-1 with
///   Valencia`, `Leicestershire beat Somerset by an innings`.
///
/// Countries stay places (national teams are named by their country); a word that is the last
/// word of a longer name in the article is someone's surname (`Hingis beat Martinez`). With set
/// scores (two in a row: `6-4 6-3`) the sides are players, persons.
fn competitor(doc: &Doc<'_>, lx: &Lexicon, look: &Lookups<'_>, k: usize) -> Option<Side> {
    let m = &doc.mentions[k];
    let (ts, te) = (m.ts as usize, m.te as usize);
    let (text, toks) = (doc.text, &doc.toks);
    // A city or an unknown name; in a results line a state too (`Utah 99 Seattle 91`).
    let mut state = false;
    match m.kind {
        Kind::Unknown => {}
        // (A place named by its cue word, no gazetteer row: `Tampa Bay 2 Los Angeles 1`.)
        Kind::Loc if m.rows.is_none() => {}
        Kind::Loc => {
            let rows = m.rows?;
            let kinds = |ok: &dyn Fn(PlaceKind) -> bool| {
                rows.iter().all(|&r| ok(lx.places[r as usize].kind))
            };
            if !kinds(&|k| k == PlaceKind::City) {
                if !kinds(&|k| matches!(k, PlaceKind::City | PlaceKind::Admin1)) {
                    return None;
                }
                state = true;
            }
        }
        _ => return None,
    }
    let word = |i: usize| toks.get(i).filter(|t| t.is(WORD)).map(|t| t.text(text));
    let results_line = || results_row(doc, ts, te);
    // Someone's surname (`Conchita Martinez` ... `Martinez beat`, `2. Martinez 260 points`).
    let surname = look.last_words.contains(&text.as_bytes()[m.s as usize..m.e as usize]);
    // A score is a small number (`Rotterdam 70,000 tonnes` in a freight table is no score),
    // and no date (`Rotterdam 15/12 W65`).
    let score_after = toks.get(te).is_some_and(|t| {
        is_integer(text, t)
            && t.e - t.s <= 3
            && !toks.get(te + 1).is_some_and(|n| {
                matches!(n.ch, ',' | '.' | '/')
                    && n.e == t.e + 1
                    && toks.get(te + 2).is_some_and(|d| is_integer(text, d) && d.s == n.e)
            })
    });
    if score_after && scorers_line(doc, ts) {
        return Some(Side::Player);
    }
    if score_after && results_line() {
        let first = line_start(toks, ts);
        // A name and a minute in brackets after a team's score is a scorer (`Ajax 2 (Telemby
        // 23, Qorvash 67) Feyenoord 1`); a word after a full stop within the line is no team
        // (`Halftime 1-1. Attendance 45,000`).
        let in_brackets = toks[first..ts]
            .iter()
            .rev()
            .find(|t| matches!(t.ch, '(' | ')'))
            .is_some_and(|t| t.ch == '(');
        if in_brackets {
            return Some(Side::Player);
        }
        let after_stop = ts > first && toks[ts - 1].ch == '.';
        // A state plays another side on its line (`Utah 99 Seattle 91`); a table of states
        // and numbers alone is a table of places (`Groningen 17 5 6` under `Rainfall`).
        let last = line_end(toks, te);
        // (The mentions next to `k` only: a line holds a few.)
        let opponent = || {
            let near = k.saturating_sub(4)..(k + 5).min(doc.mentions.len());
            doc.mentions[near].iter().any(|o| {
                o.s != m.s
                    && (o.ts as usize) >= first
                    && (o.te as usize) < last
                    && toks.get(o.te as usize).is_some_and(|t| is_integer(text, t))
            })
        };
        return (!surname && !after_stop && (!state || opponent())).then_some(Side::Team);
    }
    if state {
        return None;
    }
    // (`Newcastle, who drew 1-1 with Arsenal`: past the relative pronoun.)
    let verb_at = if toks.get(te).is_some_and(|t| t.ch == ',') && word(te + 1) == Some("who") {
        te + 2
    } else {
        te
    };
    let beats = word(verb_at).is_some_and(|w| {
        matches!(
            w,
            "beat"
                | "beats"
                | "defeated"
                | "drew"
                | "lost"
                | "won"
                | "thrashed"
                | "edged"
                | "routed"
                | "crushed"
                | "hammered"
                | "trounced"
                | "downed"
                | "overcame"
        )
    }) || (matches!(word(verb_at), Some("were" | "was"))
        // `Newcastle were held 1-1 by Forest`: a side that a result befell.
        && word(verb_at + 1).is_some_and(|w| {
            matches!(
                w,
                "held" | "beaten" | "defeated" | "thrashed" | "hammered" | "crushed" | "routed"
                    | "upset" | "edged" | "stunned" | "humbled"
            )
        }));
    // (An article between: `beat the Barbarians 34-19`.)
    let before = if ts > 1 && word(ts - 1) == Some("the") { ts - 1 } else { ts };
    let beaten = before > 0
        && word(before - 1).is_some_and(|w| {
            matches!(
                w,
                "beat"
                    | "beats"
                    | "beating"
                    | "defeated"
                    | "against"
                    | "over"
                    | "v"
                    | "vs"
                    | "with"
            )
        })
        // `a 2-0 defeat by Coventry`, `a win by Ajax`.
        || (ts > 1
            && word(ts - 1) == Some("by")
            && word(ts - 2).is_some_and(|w| matches!(w, "defeat" | "win" | "victory" | "loss" | "draw")));
    if !(beats || beaten) {
        return None;
    }
    let sent_start = (0..=ts).rev().find(|&i| toks[i].is(SENT) || toks[i].ch == '\n').unwrap_or(0);
    let sent_end =
        (te..toks.len()).find(|&i| toks[i].is(SENT) || toks[i].ch == '\n').unwrap_or(toks.len());
    // A score (`2-1`) or a winning margin (`by an innings`, `by 39 runs`, `by six wickets`).
    let sent = &toks[sent_start..sent_end];
    let margin =
        sent.windows(3).any(|w| {
            w.iter().all(|t| t.is(WORD))
                && w[0].text(text) == "by"
                && matches!(
                    w[2].text(text),
                    "innings" | "runs" | "wickets" | "goals" | "strokes" | "shots" | "lengths"
                )
        }) || sent.windows(2).any(|w| w[0].text(text) == "by" && w[1].text(text) == "innings");
    if !(sent.iter().any(|t| is_score(text, t)) || margin) {
        return None;
    }
    // Set scores (`6-4 6-3`, two scores in a row): a match of one player a side.
    if sent.windows(2).any(|w| is_score(text, &w[0]) && is_score(text, &w[1])) {
        return Some(Side::Player);
    }
    (!surname).then_some(Side::Team)
}

/// Who a name in a sports result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// A club or national side (`Barcelona beat Real Madrid 2-1`).
    Team,
    /// One player (`Hingis beat Seles 6-4 6-3`).
    Player,
}

/// The country of the known place nearest to mention `k` in its paragraph.
fn nearest_country(doc: &Doc<'_>, lx: &Lexicon, rows: &[Option<u32>], k: usize) -> Option<[u8; 2]> {
    let m = &doc.mentions[k];
    let para = |at: u32| doc.breaks.partition_point(|&b| b < at);
    let p = para(m.s);
    doc.mentions
        .iter()
        .enumerate()
        .filter_map(|(j, o)| Some((o, lx.places[rows[j]? as usize].country?)))
        .filter(|(o, _)| para(o.s) == p)
        .min_by_key(|(o, _)| o.s.abs_diff(m.s))
        .map(|(_, c)| c)
}

/// `order[i]` = output position of group `i` when sorted by first mention.
fn first_order(firsts: impl Iterator<Item = u32>) -> Vec<usize> {
    let firsts: Vec<u32> = firsts.collect();
    let mut idx: Vec<usize> = (0..firsts.len()).collect();
    idx.sort_by_key(|&i| (firsts[i], i));
    let mut order = vec![0; firsts.len()];
    for (pos, &i) in idx.iter().enumerate() {
        order[i] = pos;
    }
    order
}

fn reorder<'g, T>(groups: &'g [T], order: &[usize]) -> Vec<&'g T> {
    let mut out: Vec<Option<&T>> = vec![None; groups.len()];
    for (i, g) in groups.iter().enumerate() {
        out[order[i]] = Some(g);
    }
    out.into_iter().flatten().collect()
}

/// Letters, all of them capitals.
fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// How likely a place of this kind and size is named, before context: a country always
/// wins; a region scores as a city of ~440,000; a city the logarithm of its population.
fn kind_score(p: &lexicon::PlaceRow) -> f64 {
    match p.kind {
        PlaceKind::Country => 30.0,
        PlaceKind::Continent | PlaceKind::Region => 28.0,
        PlaceKind::Admin1 => 13.0,
        PlaceKind::City => ((p.population + 1) as f64).ln(),
    }
}

/// The most likely of same-named places: countries over regions over cities; a place in a
/// country (or region) the article names beats a bigger one elsewhere.
/// The most likely of same-named places. A city scores the logarithm of its population; a
/// country always wins; a region scores as a city of ~440,000, more when the article lists
/// other regions of the same country (`Georgia` among US states). Context adds: the
/// country named or a nationality word (+4), other places in that country (+1 each), at most
/// +4.2 together; the city's region named (+5). So `Perth` is Australian by default (2.4 M
/// against 47,000 people) and Scottish in a story that names Scotland or says `Scottish`.
fn best_row(lx: &Lexicon, rows: &[u32], doc: &Doc<'_>) -> Option<u32> {
    let score = |r: u32| -> f64 {
        let p = &lx.places[r as usize];
        let mut s = kind_score(p);
        if let Some(c) = p.country {
            let named = doc.named_countries.contains(&c) || doc.demonym_countries.contains(&c);
            let others =
                doc.countries.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| (*n).min(3));
            // Worth a population ratio of about 65 at most: `Paris` in a story about American
            // airports is still the French one.
            s += (if named { 4.0 } else { 0.0 } + f64::from(others)).min(4.2);
            if !p.admin1.is_empty() && doc.admin1.iter().any(|(k, a)| *k == c && *a == p.admin1) {
                s += 5.0;
            }
            if p.kind == PlaceKind::Admin1 {
                let siblings = doc.admin1.iter().filter(|(k, _)| *k == c).count().min(3);
                s += 6.0 * siblings as f64;
            }
        }
        s
    };
    rows.iter().copied().max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))
}

#[cfg(test)]
mod tests;
