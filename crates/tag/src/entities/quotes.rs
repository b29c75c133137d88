//! Quotations and their speakers.
//!
//! Quotes are the spans between `“…”`, `«…»` or straight double quotes, within a paragraph;
//! an opening mark with no closing one runs to the end of its paragraph (the next paragraph
//! of a multi-paragraph quote opens again). Titles (`“Meet the Press”`) and short scare
//! quotes in sentences without a reporting verb are left out.
//!
//! The speaker comes, in this order, from: the attribution after the quote (`," Gates said`,
//! `," said Mr Gates`, `,” the Leader said`, `," he said`, `according to X`); the reporting
//! clause before it in the same sentence (`Rashid said, “…`, `X told Y that “…`); the quote
//! before it in the same paragraph, or in the previous paragraph when this one opens with
//! the quote (a continued statement). Pronouns resolve to the last speaker, else to the last
//! person named, and only when no second person of the same gender competes for it; titles
//! (`the Leader`) to the last person titled so, else to the last speaker.

use std::cell::RefCell;

use copydesk_core::chars::is_alnum;
use copydesk_core::{Entities, Quote};

use super::lexicon::{Gender, class};
use super::tokens::{CAP, SENT, Tok, WORD};
use super::{Ref, Target, is_pronoun};

fn is_speech_verb(w: &str) -> bool {
    w == "According"
        || matches!(
            w,
            "said"
                | "says"
                | "say"
                | "told"
                | "tells"
                | "added"
                | "adds"
                | "asked"
                | "explained"
                | "insisted"
                | "warned"
                | "noted"
                | "stated"
                | "wrote"
                | "writes"
                | "declared"
                | "continued"
                | "replied"
                | "argued"
                | "admitted"
                | "claimed"
                | "recalled"
                | "pointed"
                | "announced"
                | "urged"
                | "described"
                | "called"
                | "branded"
                | "hailed"
                | "acknowledged"
                | "conceded"
                | "suggested"
                | "stressed"
                | "emphasised"
                | "emphasized"
                | "according"
                | "predicted"
                | "vowed"
                | "cautioned"
                | "commented"
                | "remarked"
                | "quipped"
                | "joked"
                | "boasted"
                | "complained"
                | "confirmed"
                | "denied"
                // The present tense of wire and radio copy (`Jane Roe warns ...`).
                | "explains"
                | "insists"
                | "warns"
                | "notes"
                | "states"
                | "declares"
                | "replies"
                | "argues"
                | "admits"
                | "claims"
                | "recalls"
                | "announces"
                | "urges"
                | "predicts"
                | "vows"
                | "confirms"
                | "denies"
                // Participles after their subject (`with Jane Roe describing it as ...`).
                | "describing"
                | "saying"
        )
}

/// Small words a title may hold in lower case (`Meet the Press`).
fn is_title_small_word(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "of" | "and" | "in" | "on" | "for" | "to" | "at" | "with" | "or"
    )
}

struct Span {
    /// Byte span of the inner text.
    s: usize,
    e: usize,
    para: usize,
    /// Opens its paragraph (nothing but space before the mark).
    opens_para: bool,
}

/// Whether a quotation mark opens or closes: typographic marks say so; a straight one is read
/// from its neighbours (space before and a letter after opens), else it toggles.
fn opens(line: &str, i: usize, c: char, open: bool) -> bool {
    match c {
        '“' | '«' => true,
        '”' | '»' => false,
        _ => {
            let prev = line[..i].chars().next_back();
            let next = line[i + 1..].chars().next();
            let opener = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
            let closer = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-".contains(n));
            match (opener, closer) {
                (true, false) => true,
                (false, true) => false,
                _ => !open,
            }
        }
    }
}

/// `text.split('\n')`, found by `memchr` (the `char` pattern's searcher was a fifth of the
/// quote finder's cost).
fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for (para, line) in paragraphs(text).enumerate() {
        let base = para_start;
        para_start += line.len() + 1;
        let mut open: Option<usize> = None;
        let mut emit = |s: usize, e: usize, mark: usize| {
            let opens_para = line[..mark].trim().is_empty();
            out.push(Span { s: base + s, e: base + e, para, opens_para });
        };
        let mut mark = 0;
        // Only `"` and the lead bytes of `“ ” « »` (E2, C2) can start a mark.
        for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, line.as_bytes()) {
            let Some(c) = line[i..].chars().next() else { continue };
            if !matches!(c, '“' | '”' | '«' | '»' | '"') {
                continue;
            }
            let is_open = opens(line, i, c, open.is_some());
            match (open, is_open) {
                (None, true) => {
                    open = Some(i + c.len_utf8());
                    mark = i;
                }
                (Some(s), false) => {
                    emit(s, i, mark);
                    open = None;
                }
                // A new quote opening inside one: a paragraph break was lost
                // (`...harmony. "However, ...`); the first one ends here.
                (Some(s), true) => {
                    if line[s..i].trim().chars().any(char::is_alphanumeric) {
                        emit(s, i, mark);
                    }
                    open = Some(i + c.len_utf8());
                    mark = i;
                }
                (None, false) => {}
            }
        }
        if let Some(s) = open {
            emit(s, line.len(), mark);
        }
    }
    out
}

/// Index of the first token starting at or after byte `at`.
fn tok_at(toks: &[Tok], at: usize) -> usize {
    toks.partition_point(|t| (t.s as usize) < at)
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    refs: &'a [Ref],
    ents: &'a Entities,
    /// Where the last attributed quote starts.
    last_at: std::cell::Cell<u32>,
    /// Where the last attributed quote ends.
    last_end: std::cell::Cell<u32>,
    /// Where the quote being attributed starts (its opening mark).
    cur_start: std::cell::Cell<u32>,
    /// Persons' genders: from given names, and learnt from `she said` attributions.
    genders: RefCell<Vec<Option<Gender>>>,
    /// Byte offsets of the paragraph breaks (the tagger's `Doc::breaks`).
    breaks: &'a [u32],
}

/// Words between a subject and its reporting verb (`he also said`, `Gates has said`).
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "then"
            | "later"
            | "had"
            | "has"
            | "have"
            | "again"
            | "once"
            | "earlier"
            | "previously"
            | "repeatedly"
            | "today"
            | "yesterday"
            | "recently"
    )
}

/// Lower-case words that may follow a speaker's name without making it part of a longer
/// noun phrase (`according to U.S. intelligence` is not the U.S. speaking).
fn ends_phrase(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "of"
            | "who"
            | "which"
            | "and"
            | "to"
            | "during"
            | "after"
            | "before"
            | "as"
            | "when"
            | "while"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "said"
            | "says"
            | "told"
            | "added"
            | "also"
            | "has"
            | "had"
            | "is"
            | "was"
            | "from"
            | "with"
            | "for"
            | "that"
            | "about"
            | "earlier"
            | "later"
            | "tonight"
            | "recently"
            | "calls"
    ) || is_speech_verb(w)
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        t.is(WORD).then(|| t.text(self.text))
    }

    /// The mention covering token `i`.
    fn ref_at(&self, i: usize) -> Option<&Ref> {
        let t = self.toks.get(i)?;
        self.refs.iter().find(|r| r.s <= t.s && t.e <= r.e)
    }

    fn gender(&self, p: usize) -> Gender {
        self.genders.borrow().get(p).copied().flatten().unwrap_or(Gender::Unknown)
    }

    /// The person a pronoun before byte `at` refers to.
    fn pronoun(&self, g: Gender, at: u32, last: Option<Target>) -> Option<Target> {
        // (`Gender::Unknown` for a description that fits anyone: `the 23-year-old`.)
        let fits = |p: usize| {
            let pg = self.gender(p);
            g == Gender::Unknown || pg == Gender::Unknown || pg == g
        };
        // What is named from the sentence after the last quote's on: that sentence's
        // attribution names the last speaker (`"We are happy," Mr Roe said.`), no newer one.
        let until = at.min(self.cur_start.get());
        let last_end = self.last_end.get();
        let since = self.toks[tok_at(self.toks, last_end as usize).min(self.toks.len())..]
            .iter()
            .find(|t| t.is(SENT) || t.ch == '\n')
            .map_or(last_end, |t| t.s.min(until).max(last_end));
        // Someone who `says` something after the last quote is the newer speaker
        // (`Simon Crean says Labor is ready. "It is time," he said.`).
        let sayer =
            self.sayer_before(at).filter(|&(pos, _)| pos > self.last_at.get() && pos >= since);
        // So is an organization's unnamed spokesperson who spoke later still (`A spokeswoman
        // for Vorsk said the strikers were safe. "Nobody is in danger," she said.`).
        if let Some((pos, t)) = self.spoke_for(since, until, Some(g))
            && sayer.is_none_or(|(p, _)| p < pos)
        {
            return Some(t);
        }
        if let Some((_, Target::Person(p))) = sayer
            && fits(p)
        {
            return Some(Target::Person(p));
        }
        // Someone who opens a sentence after the last quote is the newer speaker too
        // (`Minister Jane Roe has paid tribute to the crews. "They were magnificent," she
        // said.`), when the last speaker is not named since.
        // (Not a name inside a quote: `"I was sitting with Dr. Jane Roe," he said.`)
        // (Only when there is a last speaker to take over from.)
        // The mentions between (refs are in text order).
        let lo = self.refs.partition_point(|r| r.s < since);
        let window = &self.refs[lo..self.refs.partition_point(|r| r.s < until).max(lo)];
        // (Nor when someone else is named in that sentence: `John Smith met Peter Brown.`)
        let newer = window.iter().rev().filter(|r| r.e <= until).find_map(|r| match r.target {
            Target::Person(p) if fits(p) && self.opens_sentence(r) => Some((p, r)),
            _ => None,
        });
        let newer = newer.filter(|_| last.is_some()).and_then(|(p, r)| {
            let end = self.toks[tok_at(self.toks, r.e as usize)..]
                .iter()
                .find(|t| t.is(SENT) || t.ch == '\n')
                .map_or(self.text.len() as u32, |t| t.s);
            let alone = !window.iter().any(|o| {
                o.s >= r.s
                    && o.e <= end.min(until)
                    && matches!(o.target, Target::Person(q) if q != p && fits(q))
            });
            alone.then_some(p)
        });
        if let Some(p) = newer
            && last != Some(Target::Person(p))
            && !window.iter().any(|r| r.e <= until && Some(r.target) == last)
        {
            return Some(Target::Person(p));
        }
        match last {
            Some(Target::Person(p)) if fits(p) => return last,
            // `a spokesperson for X said ... he said`: still X.
            Some(Target::Org(_)) => return last,
            _ => {}
        }
        // (Not a name inside the quote itself: `"Vorsk wants war," he said.`)
        let at = until;
        let mut seen: Vec<usize> = Vec::new();
        for r in self.refs.iter().rev().filter(|r| r.e <= at) {
            if let Target::Person(p) = r.target
                && fits(p)
                && !seen.contains(&p)
            {
                seen.push(p);
            }
            if seen.len() == 2 {
                break;
            }
        }
        let found = match seen.as_slice() {
            [p] => Some(*p),
            [p, q] => {
                // The last-named person, unless the other is named in the same sentence.
                let last_p =
                    self.refs.iter().rev().find(|r| r.e <= at && r.target == Target::Person(*p))?;
                let last_q =
                    self.refs.iter().rev().find(|r| r.e <= at && r.target == Target::Person(*q))?;
                let a = tok_at(self.toks, last_q.s as usize);
                let b = tok_at(self.toks, last_p.s as usize);
                let same_sentence = !self.toks[a + 1..=b.min(self.toks.len() - 1)]
                    .iter()
                    .any(|t| t.is(SENT) || matches!(t.ch, '.' | '\n'));
                (!same_sentence).then_some(*p)
            }
            _ => None,
        }?;
        if let Some(slot) = self.genders.borrow_mut().get_mut(found)
            && g != Gender::Unknown
            && slot.is_none_or(|x| x == Gender::Unknown)
        {
            *slot = Some(g);
        }
        Some(Target::Person(found))
    }

    /// Whether mention `r` opens its sentence, after nothing but capitalized words and roles
    /// (a title: `Emergency Services Minister Jane Roe`, `South African captain Jane Roe`).
    ///
    /// Or `r` is the name in apposition to a sentence's subject: `A delegate from the
    /// Peshawar group, Jane Roe, summed up ...` (an article first, no comma before).
    fn opens_sentence(&self, r: &Ref) -> bool {
        use super::lexicon::LEXICON;
        let mut k = tok_at(self.toks, r.s as usize);
        let after = tok_at(self.toks, r.e as usize);
        if k >= 3 && self.toks[k - 1].ch == ',' && self.toks.get(after).is_some_and(|t| t.ch == ',')
        {
            let start = (k.saturating_sub(16)..k - 1).rev().find(|&j| {
                self.toks[j].ch == ','
                    || self.toks[j].is(SENT)
                    || j == 0
                    || self.toks[j - 1].ch == '\n'
            });
            if let Some(j) = start
                && self.toks[j].ch != ','
                && matches!(self.word(j), Some("A" | "An" | "The"))
            {
                return true;
            }
        }
        loop {
            let t = &self.toks[k];
            if t.is(SENT) || k == 0 || self.toks[k - 1].ch == '\n' {
                return true;
            }
            // (`retiree Jane Roe`, `farmer Jane Roe`: what someone is, before the name.)
            let role = || {
                self.word(k - 1).is_some_and(|w| {
                    LEXICON.word_in(
                        w,
                        class::ROLE | class::TEAM_ROLE | class::TITLE | class::PERSON_NOUN,
                    )
                })
            };
            // After where or when, opening the sentence: `At Vorsk, retiree Jane Roe watched`.
            if self.toks[k - 1].ch == ',' && self.opening_phrase_before(k - 1) {
                return true;
            }
            if !self.toks[k - 1].is(CAP) && !role() {
                return false;
            }
            k -= 1;
        }
    }

    /// Whether the comma at token `c` closes a short phrase opening its sentence with a
    /// preposition, of place, time or circumstance (`At Vorsk,`, `On Monday night,`, `In a
    /// statement,`).
    fn opening_phrase_before(&self, c: usize) -> bool {
        let Some(start) = (c.saturating_sub(8)..c)
            .rev()
            .find(|&j| self.toks[j].is(SENT) || j == 0 || self.toks[j - 1].ch == '\n')
        else {
            return false;
        };
        matches!(
            self.word(start),
            Some(
                "At" | "In" | "On" | "Near" | "Outside" | "Inside" | "After" | "Earlier" | "Later"
            )
        ) && (start + 1..c).all(|j| self.toks[j].is(WORD))
    }

    /// The organization whose unnamed spokesperson (or official) is the subject of the last
    /// reporting verb between bytes `from` and `at` (`A spokeswoman for Vorsk said ...`), with
    /// the verb's position; for a pronoun of gender `g`, a spokesperson of that gender.
    fn spoke_for(&self, from: u32, at: u32, g: Option<Gender>) -> Option<(u32, Target)> {
        let (a, b) = (tok_at(self.toks, from as usize), tok_at(self.toks, at as usize));
        let v = (a..b.min(self.toks.len()))
            .rev()
            .find(|&k| self.word(k).is_some_and(|w| is_speech_verb(w) && w != "according"))?;
        let s0 = (a..=v)
            .rev()
            .find(|&j| self.toks[j].is(SENT) || j == 0 || self.toks[j - 1].ch == '\n')?;
        let role = (s0..v).find_map(|k| match self.word(k) {
            Some("spokesman") => Some(Some(Gender::Male)),
            Some("spokeswoman") => Some(Some(Gender::Female)),
            Some("spokesperson" | "official") => Some(None),
            _ => None,
        })?;
        if role.is_some_and(|r| g.is_some_and(|g| g != r)) {
            return None;
        }
        // (A person named there speaks: `Jane Roe, a Vorsk Union official, said`.)
        let (from, to) = (self.toks[s0].s, self.toks[v].s);
        if self
            .refs
            .iter()
            .any(|r| r.s >= from && r.s < to && matches!(r.target, Target::Person(_)))
        {
            return None;
        }
        match self.spokesperson(s0, v)? {
            t @ Target::Org(_) => Some((self.toks[v].s, t)),
            _ => None,
        }
    }

    /// The latest person before byte `at` named right before a reporting verb (`X says`).
    fn sayer_before(&self, at: u32) -> Option<(u32, Target)> {
        self.latest_sayer(at, 0, |t| matches!(t, Target::Person(_)))
    }

    /// The latest mention before byte `at` (not inside the quote being attributed) and from
    /// byte `since` on, whose target `fits`, followed by a reporting verb: its position and
    /// target. The last twelve mentions are looked at.
    fn latest_sayer(
        &self,
        at: u32,
        since: u32,
        fits: impl Fn(Target) -> bool,
    ) -> Option<(u32, Target)> {
        let at = at.min(self.cur_start.get());
        self.refs
            .iter()
            .rev()
            .filter(|r| r.e <= at && r.s >= since)
            .take(12)
            .find(|r| fits(r.target) && self.says_after(r, at))
            .map(|r| (r.s, r.target))
    }

    /// Whether a reporting verb follows mention `r` (before byte `at`): `X says`, `X, says`,
    /// `X, who has two wickets, says`, `X later said`.
    fn says_after(&self, r: &Ref, at: u32) -> bool {
        let mut k = tok_at(self.toks, r.e as usize);
        if self.toks.get(k).is_some_and(|t| t.ch == ',') {
            k += 1;
            // `Glenn McGrath, who has two wickets, says`: past the relative clause.
            if self.word(k) == Some("who")
                && let Some(c) = (k + 1..(k + 16).min(self.toks.len()))
                    .find(|&j| matches!(self.toks[j].ch, ',' | '.' | '\n' | '"' | '“'))
                && self.toks[c].ch == ','
            {
                k = c + 1;
            }
        }
        while self.word(k).is_some_and(is_adverb) {
            k += 1;
        }
        self.toks.get(k).is_some_and(|t| t.s < at)
            && self.word(k).is_some_and(|w| is_speech_verb(w) && w != "According")
    }

    /// The latest person or organization before byte `at` (and after the last attributed
    /// quote) that says something in the text's own words: `X says`, `X said on Monday that`,
    /// `A spokesman for the governor, Akbar Jan, says`. Its byte position and target.
    fn indirect_sayer(&self, at: u32) -> Option<(u32, Target)> {
        self.latest_sayer(at, self.last_at.get(), |t| {
            matches!(t, Target::Person(_) | Target::Org(_))
        })
    }

    /// The one person named in paragraph `para` (before byte `at`), when it names exactly one
    /// and quotes nobody.
    fn only_person_of(&self, para: usize, at: usize) -> Option<Target> {
        let mut found = None;
        for r in self.refs.iter().filter(|r| (r.e as usize) <= at) {
            if self.para_of(r.s) != para {
                continue;
            }
            match r.target {
                Target::Person(_) if found.is_none_or(|f| f == r.target) => found = Some(r.target),
                Target::Person(_) => return None,
                _ => {}
            }
        }
        // A paragraph with a quotation of its own has its own speakers.
        let (start, end) = self.para_bounds(para);
        let quoted = self.text[start..end].contains(['"', '“', '”']);
        found.filter(|_| !quoted)
    }

    /// How many sentences start between byte `a` and byte `b`.
    fn sentences_between(&self, a: usize, b: usize) -> usize {
        let (i, j) = (tok_at(self.toks, a), tok_at(self.toks, b));
        self.toks[i..j.max(i)].iter().filter(|t| t.is(SENT)).count()
    }

    /// Byte range of paragraph `para`.
    fn para_bounds(&self, para: usize) -> (usize, usize) {
        let breaks = self.breaks;
        let start = match para {
            0 => 0,
            p => breaks.get(p - 1).map_or(self.text.len(), |&b| b as usize + 1),
        };
        let end = breaks.get(para).map_or(self.text.len(), |&b| b as usize);
        (start, end)
    }

    /// Whether paragraph `para` opens with a pronoun that fits `t` and a reporting verb (`He
    /// said ...`, `She later told ...`).
    fn opens_with_pronoun_saying(&self, para: usize, t: Target) -> bool {
        let (start, _) = self.para_bounds(para);
        let mut k = tok_at(self.toks, start);
        let Some(g) = self.word(k).and_then(is_pronoun) else {
            return false;
        };
        k += 1;
        while self.word(k).is_some_and(is_adverb) {
            k += 1;
        }
        let fits = match t {
            Target::Person(p) => {
                // (Its gender, or the one its honorific says: `Mr Roe`.)
                let titled = self.refs.iter().find_map(|r| match (r.target, r.title) {
                    (Target::Person(q), Some("mr")) if q == p => Some(Gender::Male),
                    (Target::Person(q), Some("mrs" | "ms" | "miss")) if q == p => {
                        Some(Gender::Female)
                    }
                    _ => None,
                });
                match (self.gender(p), titled) {
                    (Gender::Unknown, None) => true,
                    (Gender::Unknown, Some(h)) => h == g,
                    (known, _) => known == g,
                }
            }
            _ => false,
        };
        fits && self.word(k).is_some_and(|w| is_speech_verb(w) && w != "according")
    }

    /// The paragraph (counted from 0) of byte `at`.
    fn para_of(&self, at: u32) -> usize {
        self.breaks.partition_point(|&b| b < at)
    }

    /// The person last titled `word` before byte `at`.
    fn titled(&self, word: &str, at: u32, last: Option<Target>) -> Option<Target> {
        self.refs
            .iter()
            .rev()
            .filter(|r| r.e <= at && matches!(r.target, Target::Person(_)))
            .find(|r| r.title == Some(word))
            .map(|r| r.target)
            .or(match last {
                Some(Target::Person(_)) => last,
                _ => None,
            })
    }

    /// How many words before token `i` a `the` opens its noun phrase (`the retired Marine Corps
    /// general`), over words only and four at most.
    fn the_before(&self, i: usize) -> Option<usize> {
        (1..=4)
            .take_while(|&d| i.checked_sub(d).and_then(|k| self.word(k)).is_some())
            .find(|&d| matches!(self.word(i - d), Some("the" | "The")))
    }

    /// What the subject at token `i` (a name, pronoun, `the <title>`) refers to; `None` when
    /// token `i` is none of these.
    fn subject(&self, i: usize, last: Option<Target>) -> Option<Option<Target>> {
        let w = self.word(i)?;
        // `Queen Elizabeth, who said ...`: the name before the relative pronoun.
        // (A place there is where someone unnamed is: `A diplomat in Suva, who did not want
        // to be named, told ...`.)
        if w == "who" && i >= 2 && self.toks[i - 1].ch == ',' {
            return self.ref_at(i - 2).map(|r| match r.target {
                Target::Title(word) => self.titled(word, r.s, last),
                Target::Loc(_) => None,
                t => Some(t),
            });
        }
        if let Some(g) = is_pronoun(w) {
            if self.word(i + 1).is_some_and(|n| !ends_phrase(n)) {
                return None;
            }
            return Some(self.pronoun(g, self.toks[i].s, last));
        }
        if let Some(r) = self.ref_at(i) {
            // A place that qualifies the subject is not the subject: where it was (`An IMF
            // spokesman in Washington said`), whose office it is (`the mayor of Vorsk said`).
            let at = tok_at(self.toks, r.s as usize);
            if matches!(r.target, Target::Loc(_))
                && at > 0
                && match self.word(at - 1) {
                    Some("in" | "at" | "from" | "near") => true,
                    Some("of") => {
                        at > 1
                            && self.word(at - 2).is_some_and(|w| {
                                super::lexicon::LEXICON
                                    .titles
                                    .contains_key(w.to_lowercase().as_str())
                            })
                    }
                    _ => false,
                }
            {
                return None;
            }
            let next = tok_at(self.toks, r.e as usize);
            if self
                .toks
                .get(next)
                .is_some_and(|t| t.is(WORD) && !t.is(CAP) && !ends_phrase(t.text(self.text)))
            {
                // `U.S. intelligence`, `Bush administration`: not the speaker.
                return None;
            }
            return Some(match r.target {
                Target::Title(word) => self.titled(word, r.s, last),
                t => Some(t),
            });
        }
        // `the pope said`: a lower-case title; words that qualify it between (`the
        // Opposition leader said`, `the Palestinian leader said`, `the retired Marine Corps
        // general said`).
        // A capitalized word that qualifies the title names whose title it is (`the
        // Palestinian leader` is not the Israeli one): the person titled so with that word
        // before, or no one here.
        let lx = &super::lexicon::LEXICON;
        // `the group said`, `the company says`: the organization named last before, within
        // the last two paragraphs.
        if (super::is_org_noun(w)
            || matches!(w, "council" | "association" | "commission" | "department" | "ministry"))
            && (1..=3).any(|d| {
            i >= d
                && matches!(self.word(i - d), Some("the" | "The"))
                && (i - d + 1..i)
                    .all(|k| self.word(k).is_some_and(|w| w.starts_with(char::is_lowercase)))
        })
            // (The noun ends the phrase: not `the party leader`, `the company's chairman`.)
            && self.toks.get(i + 1).is_none_or(|t| {
                (!t.is(WORD) || ends_phrase(t.text(self.text)))
                    && !matches!(t.text(self.text), "'s" | "’s")
            })
            && let Some(t) = self.org_named_before(self.toks[i].s)
        {
            return Some(Some(t));
        }
        // `what it calls "..."`, `it says`: the organization named last before.
        if w == "it"
            && self.word(i + 1).is_some_and(|v| is_speech_verb(v) || v == "calls")
            && let Some(t) = self.org_named_before(self.toks[i].s)
        {
            return Some(Some(t));
        }
        // `the spokesman said`, after `a spokesman for Vorsk said ...`: the organization.
        if matches!(w, "spokesman" | "spokeswoman" | "spokesperson")
            && i >= 1
            && matches!(self.word(i - 1), Some("the" | "The"))
            && let Some((_, t)) = self.spoke_for(
                self.last_end.get(),
                self.toks[i - 1].s.min(self.cur_start.get()),
                None,
            )
        {
            return Some(Some(t));
        }
        // `the 23-year-old said`, `the Gold Coast swimmer said`: someone named before, as a
        // pronoun would be (not someone unnamed, `the man said`, nor a title, below).
        if (w.ends_with("-year-old")
            || (lx.word_in(w, class::PERSON_NOUN)
                && !lx.titles.contains_key(w)
                && !is_unnamed_person(w)
                && !matches!(
                    w,
                    "boy" | "girl" | "person" | "spokesman" | "spokeswoman" | "spokesperson"
                )))
            && self.the_before(i).is_some()
            && self.toks.get(i + 1).is_none_or(|t| !t.is(WORD) || ends_phrase(t.text(self.text)))
        {
            return Some(self.pronoun(Gender::Unknown, self.toks[i].s, last));
        }
        if let Some(word) = lx.titles.get(w)
            && let Some(d) = self.the_before(i)
        {
            let qualifier = (i - d + 1..i).find(|&k| {
                self.toks[k].is(CAP)
                    && !lx.titles.contains_key(
                        super::lexicon::key(
                            &self.text[self.toks[k].s as usize..self.toks[i].e as usize],
                        )
                        .as_str(),
                    )
            });
            let Some(q) = qualifier else {
                return Some(self.titled(word, self.toks[i].s, last));
            };
            let q = self.toks[q].text(self.text);
            let at = self.toks[i].s;
            return self
                .refs
                .iter()
                .rev()
                .filter(|r| r.e <= at && matches!(r.target, Target::Person(_)))
                .find(|r| {
                    // The name right after the qualifier and the title (`Palestinian
                    // leader Jane Roe`), or titled so after the qualifier; the word may
                    // open the title's mention (`Vorskian Leader Jane Roe`).
                    let before = self.text[..r.s as usize].trim_end();
                    let titled_after =
                        before.strip_suffix(w).is_some_and(|b| b.trim_end().ends_with(q));
                    titled_after
                        || (r.title == Some(word)
                            && (self.text[r.s as usize..].starts_with(q)
                                || before.rsplit(' ').next().is_some_and(|p| p == q)))
                })
                .map(|r| Some(r.target));
        }
        None
    }

    /// The organization named last before byte `at`, within its paragraph and the two before
    /// (`the group said`, `it says`).
    fn org_named_before(&self, at: u32) -> Option<Target> {
        let para = self.para_of(at);
        self.refs[..self.refs.partition_point(|r| r.s < at)]
            .iter()
            .rev()
            .filter(|r| r.e <= at)
            .take_while(|r| self.para_of(r.s) + 2 >= para)
            // (Not an owner: `via Vorsk's email program` is about the program.)
            .filter(|r| !self.text[r.e as usize..].starts_with(['\'', '’']))
            .find(|r| matches!(r.target, Target::Org(_)))
            .map(|r| r.target)
    }

    /// The organization a lower-case description names (`the ambulance service` for
    /// `Scottish Ambulance Service`), when exactly one fits.
    fn org_by_words(&self, words: &[&str]) -> Option<Target> {
        if words.is_empty() {
            return None;
        }
        let tail = words.join(" ").to_lowercase();
        // (Or the first words of its name: `an Ergon spokesman` for `Ergon Energy`.)
        let (ends, starts) = (format!(" {tail}"), format!("{tail} "));
        let mut hits = self.ents.organizations.iter().enumerate().filter(|(_, o)| {
            let n = o.name.to_lowercase();
            n == tail || n.ends_with(&ends) || n.starts_with(&starts)
        });
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(Target::Org(i)),
            _ => None,
        }
    }

    /// `a spokesperson for X`, `an official of X`, `a statement from X` in tokens `a..b`;
    /// for a person, also `X's office` and `X's spokesman`: the person speaks through them.
    fn spokesperson(&self, a: usize, b: usize) -> Option<Target> {
        let role = |k: usize| {
            matches!(
                self.word(k),
                Some("spokesman" | "spokeswoman" | "spokesperson" | "statement" | "official")
            )
        };
        // `Prime Minister Jane Roe's office said`, `a statement from Jane Roe's office`.
        if let Some(k) = (a + 1..b).find(|&k| {
            matches!(self.word(k), Some("office" | "spokesman" | "spokeswoman" | "spokesperson"))
        }) && let Some(r) = self.possessor(k)
            && matches!(r.target, Target::Person(_))
        {
            return Some(r.target);
        }
        // `a Commission spokeswoman`, `an FTC official`: the organization before the role.
        if let Some(k) = (a + 1..b).find(|&k| role(k)) {
            if let Some(r) = self.ref_at(k - 1)
                && matches!(r.target, Target::Org(_))
            {
                return Some(r.target);
            }
            let mut j = k;
            while j > a
                && self.toks[j - 1].is(CAP)
                && self.word(j - 1).is_some_and(|w| {
                    !super::lexicon::LEXICON.lead_words.contains(super::lexicon::key(w).as_str())
                })
            {
                j -= 1;
            }
            let words: Vec<&str> = (j..k).filter_map(|i| self.word(i)).collect();
            if let Some(t) = self.org_by_words(&words) {
                return Some(t);
            }
            // `a department spokeswoman`, `a council spokesman`: the one body named with that
            // word (`Department of Foreign Affairs`, `Insurance Council of Australia`).
            if j == k
                && let Some(w) = self.word(k - 1).filter(|w| {
                    matches!(
                        *w,
                        "department"
                            | "council"
                            | "ministry"
                            | "commission"
                            | "agency"
                            | "authority"
                            | "company"
                            | "union"
                            | "party"
                            | "service"
                            | "board"
                    )
                })
            {
                let mut hits = self
                    .ents
                    .organizations
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.name.split(' ').any(|x| x.eq_ignore_ascii_case(w)));
                if let (Some((i, _)), None) = (hits.next(), hits.next()) {
                    return Some(Target::Org(i));
                }
            }
            // `"...," a spokesman said.` after `Vorsk says ...`: the body that said so since
            // the last quote.
            if matches!(self.word(k - 1), Some("a" | "an" | "A" | "An"))
                && matches!(self.word(k), Some("spokesman" | "spokeswoman" | "spokesperson"))
                && !matches!(self.word(k + 1), Some("for" | "from" | "of"))
                && let Some((_, t)) = self.indirect_sayer(self.cur_start.get())
                && matches!(t, Target::Org(_))
            {
                return Some(t);
            }
        }
        // `a spokesman for the ambulance service`, `a statement from X`.
        let k =
            (a..b).find(|&k| role(k) && matches!(self.word(k + 1), Some("for" | "from" | "of")))?;
        let mut words = Vec::new();
        for j in k + 2..b {
            if let Some(r) = self.ref_at(j)
                && matches!(r.target, Target::Org(_))
            {
                return Some(r.target);
            }
            match self.word(j) {
                Some("the" | "The") if words.is_empty() => {}
                Some(w) if !is_speech_verb(w) => words.push(w),
                _ => break,
            }
        }
        self.org_by_words(&words)
    }

    /// The name that owns word `k` (`Jane Roe's office`): a name ending right before `'s`.
    fn possessor(&self, k: usize) -> Option<&Ref> {
        let start = self.toks[k].s as usize;
        let before = self.text[..start].trim_end();
        let name_end = before.strip_suffix("'s").or_else(|| before.strip_suffix("’s"))?.len();
        self.refs.iter().find(|r| r.e as usize == name_end)
    }

    /// Attribution after a quote closing at byte `e`: `, X said`, `, said X`, `he said`,
    /// `council leader Maria Okafor said`, `according to X`.
    fn after(&self, e: usize, last: Option<Target>) -> Option<Option<Target>> {
        let mut i = tok_at(self.toks, e + 1);
        while self.toks.get(i).is_some_and(|t| matches!(t.ch, ',' | '”' | '"' | '»')) {
            i += 1;
        }
        let first = i;
        // `“shambles” and said: …`: the sentence goes on with the subject before the quote.
        if matches!(self.word(first), Some("and" | "but" | "then" | "while" | "as")) {
            return None;
        }
        // `"…," Jane Roe, an adviser to the President, said`: the name the quote is followed
        // by, its apposition before the verb.
        if let Some(r) = self
            .ref_at(first)
            .filter(|r| r.s == self.toks[first].s && matches!(r.target, Target::Person(_)))
        {
            let a = tok_at(self.toks, r.e as usize);
            let says = (a..(a + 16).min(self.toks.len()))
                .take_while(|&k| !matches!(self.toks[k].ch, '.' | '\n' | '"' | '“'))
                .any(|k| {
                    self.word(k)
                        .is_some_and(|w| is_speech_verb(w) && !w.eq_ignore_ascii_case("according"))
                });
            if self.toks.get(a).is_some_and(|t| t.ch == ',')
                && matches!(self.word(a + 1), Some("a" | "an" | "the"))
                && says
            {
                return Some(Some(r.target));
            }
        }
        // `"…," the union's national secretary, Jane Roe, said`: a role, then the name in
        // apposition to it before the verb.
        if let Some(r) = self.named_after_role(first) {
            let mut a = tok_at(self.toks, r.e as usize);
            if self.toks.get(a).is_some_and(|t| t.ch == ',') {
                a += 1;
                while self.word(a).is_some_and(is_adverb) {
                    a += 1;
                }
                if self.word(a).is_some_and(|w| is_speech_verb(w) && w != "according") {
                    return Some(Some(r.target));
                }
            }
        }
        let limit = (i + 12).min(self.toks.len());
        while i < limit {
            let t = &self.toks[i];
            if !t.is(WORD) {
                // A person's possessive goes on with the sentence (`Jane Roe's office said`;
                // not `Sheriff's Department`, a name the tagger did not join).
                if matches!(t.text(self.text), "'s" | "’s")
                    && i > 0
                    && self.ref_at(i - 1).is_some_and(|r| matches!(r.target, Target::Person(_)))
                {
                    i += 1;
                    continue;
                }
                return None;
            }
            let w = t.text(self.text);
            if !is_speech_verb(w) {
                i += 1;
                continue;
            }
            // An attribution found but not resolved gives no speaker (`Some(None)`): the
            // quote is someone's, not the previous speaker's.
            // (A name in apposition to a role first: `according to the Vorsk Board's pools
            // manager, Jane Roe`.)
            if w.eq_ignore_ascii_case("according") {
                if let Some(r) =
                    self.named_after_role(i + 2).filter(|_| self.role_before_comma(i + 2))
                {
                    return Some(Some(r.target));
                }
                return (i + 2..(i + 5).min(self.toks.len()))
                    .take_while(|&k| self.toks[k].is(WORD))
                    .find_map(|k| self.subject(k, last))
                    .or(Some(None));
            }
            // The subject right before the verb.
            let mut k = i;
            while k > first && self.word(k - 1).is_some_and(is_adverb) {
                k -= 1;
            }
            if k > first {
                return self
                    .subject(k - 1, last)
                    .or_else(|| self.spokesperson(first, i).map(Some))
                    .or(Some(None));
            }
            // `said X`, `said the Leader`: the subject after the verb; first a name in
            // apposition to a role (`said the Vorsk Society's campaign co-ordinator, Jane
            // Roe`), whose organization is only the role's.
            return self
                .named_after_role(i + 1)
                .map(|r| Some(r.target))
                .or_else(|| {
                    (i + 1..(i + 4).min(self.toks.len()))
                        .take_while(|&k| self.toks[k].is(WORD))
                        .find_map(|k| self.subject(k, last))
                })
                .or_else(|| self.role_of_side(i + 1).map(Some))
                .or_else(|| self.spokesperson(i + 1, (i + 8).min(self.toks.len())).map(Some))
                .or(Some(None));
        }
        None
    }

    /// `said South Africa captain Jane Roe`, `said Vorsk party leader Jane Roe`: a person named
    /// right after a place's or an organization's name and roles in lower case, starting at
    /// token `i`.
    fn role_of_side(&self, i: usize) -> Option<Target> {
        let side = self.ref_at(i).filter(|r| {
            r.s == self.toks[i].s && matches!(r.target, Target::Loc(_) | Target::Org(_))
        })?;
        let mut k = tok_at(self.toks, side.e as usize);
        let first_role = k;
        while self.word(k).is_some_and(|w| {
            w.starts_with(char::is_lowercase)
                && super::lexicon::LEXICON.word_in(w, class::ROLE | class::TEAM_ROLE | class::TITLE)
        }) {
            k += 1;
        }
        if k == first_role {
            return None;
        }
        self.ref_at(k)
            .filter(|r| r.s == self.toks[k].s && matches!(r.target, Target::Person(_)))
            .map(|r| r.target)
    }

    /// `said the company's chief executive, Jane Roe`: a person named after a comma that
    /// ends a role in lower case, starting at token `i`: its mention.
    fn named_after_role(&self, i: usize) -> Option<&Ref> {
        let end = (i + 10).min(self.toks.len());
        let comma = (i..end).find(|&k| {
            let t = &self.toks[k];
            if t.is(WORD) {
                return false;
            }
            t.ch == ',' || !matches!(t.text(self.text), "'s" | "’s" | "'" | "’")
        })?;
        let role =
            (i..comma).any(|k| self.word(k).is_some_and(|w| w.starts_with(char::is_lowercase)));
        if self.toks[comma].ch != ',' || !role {
            return None;
        }
        self.ref_at(comma + 1)
            .filter(|r| r.s == self.toks[comma + 1].s && matches!(r.target, Target::Person(_)))
    }

    /// Whether the words from token `i` to the next comma hold a role or a possessive (`the
    /// Vorsk Board's pools manager,`), not only words (`the police report,`).
    fn role_before_comma(&self, i: usize) -> bool {
        (i..(i + 10).min(self.toks.len())).take_while(|&k| self.toks[k].ch != ',').any(|k| {
            matches!(self.toks[k].text(self.text), "'s" | "’s")
                || self.word(k).is_some_and(|w| {
                    w.starts_with(char::is_lowercase)
                        && super::lexicon::LEXICON
                            .word_in(w, class::ROLE | class::TITLE | class::PERSON_NOUN)
                })
        })
    }

    /// Whether the sentence around a quote (bytes `s..e`) has a reporting verb.
    fn reported(&self, s: usize, e: usize) -> bool {
        let mut a = tok_at(self.toks, s);
        while a > 0 && !matches!(self.toks[a - 1].ch, '.' | '!' | '?' | '\n') {
            a -= 1;
        }
        let mut b = tok_at(self.toks, e + 1);
        while b < self.toks.len() && !matches!(self.toks[b].ch, '.' | '!' | '?' | '\n') {
            b += 1;
        }
        (a..b)
            .filter(|&k| !(s..e).contains(&(self.toks[k].s as usize)))
            .any(|k| self.word(k).is_some_and(is_speech_verb))
    }

    /// Attribution in the sentence before a quote opening at byte `s`: `X said: “`.
    fn before(&self, s: usize, last: Option<Target>) -> Option<Option<Target>> {
        let open = tok_at(self.toks, s).saturating_sub(1);
        let mut start = open;
        while start > 0 {
            let t = &self.toks[start - 1];
            if t.ch == '\n' || matches!(t.ch, '.' | '!' | '?') {
                break;
            }
            start -= 1;
            if self.toks[start].is(SENT) && !matches!(self.toks[start].ch, '"' | '“') {
                break;
            }
        }
        // The last reporting verb, its subject right before it. (`calls` right before the
        // quote only: `what Jane Roe calls the "..."`; not `what the industry calls` after
        // another's words.)
        let v = (start..open).rev().find(|&k| {
            self.word(k).is_some_and(|w| is_speech_verb(w) || (w == "calls" && k + 3 >= open))
        })?;
        if self.word(v).is_some_and(|w| w.eq_ignore_ascii_case("according")) {
            return (v + 2..open).take(3).find_map(|k| self.subject(k, last)).or(Some(None));
        }
        if self.word(v) == Some("saying") && v > start {
            let (from, to) = (self.toks[start].s, self.toks[v].s);
            let named = self.refs[self.refs.partition_point(|r| r.s < from)..]
                .iter()
                .take_while(|r| r.e <= to)
                .filter(|r| matches!(r.target, Target::Person(_) | Target::Org(_)));
            // `Vorsk raised concerns, with a spokeswoman saying "..."`: the body the sentence
            // names.
            if matches!(self.word(v - 1), Some("spokesman" | "spokeswoman" | "spokesperson"))
                && let Some(r) = named
                    .clone()
                    .find(|r| matches!(r.target, Target::Org(_)) && self.opens_sentence(r))
            {
                return Some(Some(r.target));
            }
            // `Jane Roe introduced the bill yesterday, saying "..."`: the sentence's subject.
            if self.toks[v - 1].ch == ','
                && let Some(r) = named.clone().next().filter(|r| self.opens_sentence(r))
            {
                return Some(Some(r.target));
            }
        }
        let mut k = v;
        while k > start && self.word(k - 1).is_some_and(is_adverb) {
            k -= 1;
        }
        if k > start
            && let Some(x) = self.subject(k - 1, last)
        {
            return Some(x);
        }
        // An apposition between the name and its verb: `Norman, the world number one,
        // said: “`, `Jane Roe, 41, said: “`; or the apposition is the name: `the coach,
        // Jane Roe, said: “`.
        if k > start + 2 && self.toks[k - 1].ch == ',' {
            // (No place where someone is: `A diplomat in Suva, who did not want to be named,
            // told`; a country speaks, `Egypt, which signed a treaty, described`.)
            let named = |i: usize| {
                self.ref_at(i)
                    .filter(|r| {
                        r.e == self.toks[i].e
                            && !matches!(r.target, Target::Title(_))
                            && !(matches!(r.target, Target::Loc(_)) && {
                                let at = tok_at(self.toks, r.s as usize);
                                at > 0
                                    && matches!(
                                        self.word(at - 1),
                                        Some("in" | "at" | "from" | "near")
                                    )
                            })
                    })
                    .map(|r| r.target)
            };
            if let Some(c) = (start + 1..k - 1).rev().take(12).find(|&c| self.toks[c].ch == ',') {
                let apposition = named(k - 2)
                    .filter(|_| self.ref_at(k - 2).is_some_and(|r| r.s == self.toks[c + 1].s));
                if let Some(t) = apposition.or_else(|| named(c - 1)) {
                    return Some(Some(t));
                }
            }
        }
        if let Some(t) = self.spokesperson(start, v) {
            return Some(Some(t));
        }
        // Someone unnamed, brought in with `a`: `A US diplomatic source told the agency: “`,
        // `a witness said: “` (not the last speaker).
        let unnamed = k > start
            && self.word(k - 1).is_some_and(|w| {
                !self.toks[k - 1].is(CAP)
                    && (is_unnamed_person(w)
                        || super::lexicon::LEXICON.word_in(w, class::ROLE | class::TEAM_ROLE))
            })
            && (start..k - 1).any(|j| matches!(self.word(j), Some("a" | "A" | "an" | "An")));
        unnamed.then_some(None)
    }
}

/// Nouns for people that name no one: `a source said`, `a witness told reporters`.
fn is_unnamed_person(w: &str) -> bool {
    matches!(
        w,
        "source"
            | "sources"
            | "official"
            | "officials"
            | "witness"
            | "witnesses"
            | "man"
            | "woman"
            | "resident"
            | "residents"
            | "dealer"
            | "dealers"
            | "trader"
            | "traders"
            | "observer"
            | "observers"
            | "expert"
            | "experts"
            | "member"
            | "worker"
            | "student"
            | "passenger"
            | "neighbour"
            | "neighbor"
            | "friend"
            | "relative"
    )
}

/// Quotes of `text` with their speakers' canonical names.
// Once per article: out of line, so that profiles show it apart.
#[inline(never)]
pub(crate) fn find(
    text: &str,
    toks: &[Tok],
    breaks: &[u32],
    refs: &[Ref],
    ents: &Entities,
    genders: &[Option<Gender>],
) -> Vec<Quote> {
    let ctx = Ctx {
        text,
        toks,
        refs,
        ents,
        last_at: std::cell::Cell::new(0),
        last_end: std::cell::Cell::new(0),
        cur_start: std::cell::Cell::new(0),
        genders: RefCell::new(genders.to_vec()),
        breaks,
    };
    let mut out = Vec::new();
    let mut last: Option<Target> = None;
    // The previous quote: its paragraph, speaker and end.
    let mut prev: Option<(usize, Option<Target>, usize)> = None;
    for sp in spans(text) {
        let inner = text[sp.s..sp.e].trim();
        // Only the first nine words matter (a title has at most eight; a scare quote three):
        // the rest of a long quotation is not split.
        let mut first = [""; 9];
        let mut n = 0;
        for (slot, w) in first.iter_mut().zip(
            inner.split(|c: char| !is_alnum(c) && c != '\'' && c != '’').filter(|w| !w.is_empty()),
        ) {
            *slot = w;
            n += 1;
        }
        // `n` is the number of words, or 9 for nine or more.
        let words = &first[..n];
        if words.is_empty() {
            continue;
        }
        // A title: every word capitalized but small ones, no sentence inside.
        let titled = words.len() <= 8
            && words.iter().enumerate().all(|(k, w)| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
                    || (k > 0 && is_title_small_word(w))
            })
            && !inner.contains(", ")
            && (words.len() > 1 || inner.len() < 4);
        if titled && words.len() > 1 {
            continue;
        }
        ctx.cur_start.set(sp.s.saturating_sub(1) as u32);
        // A quote closed by a full stop ends its sentence: what follows is not its attribution.
        let mut speaker = if inner.ends_with('.') { None } else { ctx.after(sp.e, last) };
        if speaker.is_none() {
            speaker = ctx.before(sp.s, last);
        }
        if words.len() <= 3 && speaker.is_none() && !ctx.reported(sp.s, sp.e) {
            // A scare quote or a term, not speech.
            continue;
        }
        let speaker = match speaker {
            Some(s) => s,
            None => {
                // Unattributed: the one who said something in the text's own words since the
                // last quote, in this paragraph or the one before (`Akbar Jan says the man was
                // arrested.` / `“He was armed.”`); else the previous quote's speaker nearby.
                let sayer = ctx
                    .indirect_sayer(sp.s as u32)
                    .filter(|&(at, _)| ctx.para_of(at) + 1 >= sp.para);
                match (sayer, prev) {
                    (Some((_, t)), _) => Some(t),
                    // (Nearby in sentences too: a story in one paragraph is all one.)
                    (None, Some((p, t, end)))
                        if (p == sp.para || (p + 1 == sp.para && sp.opens_para))
                            && ctx.sentences_between(end, sp.s) <= 2 =>
                    {
                        t
                    }
                    // The previous speaker, a paragraph of theirs in the text's own words
                    // (`He said the bank would not sell.`), then a quote on its own: theirs.
                    (None, Some((p, Some(t), _)))
                        if p + 2 == sp.para
                            && sp.opens_para
                            && ctx.opens_with_pronoun_saying(sp.para - 1, t) =>
                    {
                        Some(t)
                    }
                    // A paragraph about one person, then a quote on its own: theirs
                    // (`Minister Ted Quinlan has paid tribute to firefighters.` / `“...”`).
                    _ if sp.opens_para && sp.para > 0 => ctx.only_person_of(sp.para - 1, sp.s),
                    _ => None,
                }
            }
        };
        if speaker.is_some() {
            last = speaker;
            ctx.last_at.set(sp.s as u32);
            ctx.last_end.set(sp.e as u32);
        }
        prev = Some((sp.para, speaker, sp.e));
        let name = speaker.and_then(|t| match t {
            Target::Person(i) => ents.persons.get(i).map(|e| e.name.clone()),
            Target::Org(i) => ents.organizations.get(i).map(|e| e.name.clone()),
            Target::Loc(i) => ents.locations.get(i).map(|e| e.name.clone()),
            Target::Title(_) => None,
        });
        out.push(Quote { text: inner.to_owned(), speaker: name });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn paragraphs_split_as_str_split_does() {
        for text in ["", "\n", "a", "a\n", "\na", "a\n\nb", "“x”\n\n\n", "é\nü\n"] {
            assert_eq!(
                super::paragraphs(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }
}
