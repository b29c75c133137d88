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

use copydesk_core::{Entities, Quote};

use super::lexicon::Gender;
use super::tokens::{SENT, Tok, WORD};
use super::{Ref, Target, is_pronoun};

fn is_speech_verb(w: &str) -> bool {
    matches!(
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

fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for (para, line) in text.split('\n').enumerate() {
        let base = para_start;
        para_start += line.len() + 1;
        let mut open: Option<(usize, char)> = None;
        for (i, c) in line.char_indices() {
            match (open, c) {
                (None, '“' | '«' | '"') => open = Some((i + c.len_utf8(), c)),
                (Some((s, o)), '”' | '»' | '"')
                    if (o == '“' && c == '”')
                        || (o == '«' && c == '»')
                        || (o == '"' && (c == '"' || c == '”')) =>
                {
                    let opens_para = line[..s - o.len_utf8()].trim().is_empty();
                    out.push(Span { s: base + s, e: base + i, para, opens_para });
                    open = None;
                }
                // A straight quote closing a typographic one in messy text.
                (Some((s, '“')), '"') => {
                    let opens_para = line[..s - 3].trim().is_empty();
                    out.push(Span { s: base + s, e: base + i, para, opens_para });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some((s, o)) = open {
            let opens_para = line[..s - o.len_utf8()].trim().is_empty();
            out.push(Span { s: base + s, e: base + line.len(), para, opens_para });
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
    genders: &'a [Option<Gender>],
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

    /// The person a pronoun before byte `at` refers to.
    fn pronoun(&self, g: Gender, at: u32, last: Option<Target>) -> Option<Target> {
        let fits = |p: usize| {
            let pg = self.genders.get(p).copied().flatten().unwrap_or(Gender::Unknown);
            pg == Gender::Unknown || pg == g
        };
        if let Some(Target::Person(p)) = last
            && fits(p)
        {
            return last;
        }
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
        match seen.as_slice() {
            [p] => Some(Target::Person(*p)),
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
                (!same_sentence).then_some(Target::Person(*p))
            }
            _ => None,
        }
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

    /// What the subject at token `i` (a name, pronoun or `the <title>`) refers to.
    fn subject(&self, i: usize, last: Option<Target>) -> Option<Option<Target>> {
        let w = self.word(i)?;
        if let Some(g) = is_pronoun(w) {
            return Some(self.pronoun(g, self.toks[i].s, last));
        }
        let r = self.ref_at(i)?;
        Some(match r.target {
            Target::Title(word) => self.titled(word, r.s, last),
            t => Some(t),
        })
    }

    /// Attribution after a quote closing at byte `e`: `, X said`, `, said X`, `he said`.
    fn after(&self, e: usize, last: Option<Target>) -> Option<Option<Target>> {
        let mut i = tok_at(self.toks, e + 1);
        while self.toks.get(i).is_some_and(|t| matches!(t.ch, ',' | '”' | '"' | '»')) {
            i += 1;
        }
        let limit = (i + 8).min(self.toks.len());
        let mut subj: Option<usize> = None;
        while i < limit {
            let t = &self.toks[i];
            if !t.is(WORD) {
                return None;
            }
            let w = t.text(self.text);
            if is_speech_verb(w) {
                if w == "according" {
                    return (i + 2..(i + 8).min(self.toks.len()))
                        .take_while(|&k| !matches!(self.toks[k].ch, '.' | '\n' | ','))
                        .find_map(|k| self.subject(k, last));
                }
                if let Some(k) = subj {
                    return self.subject(k, last);
                }
                // `said X`, `said the Leader`: the subject after the verb.
                return (i + 1..(i + 4).min(self.toks.len()))
                    .take_while(|&k| self.toks[k].is(WORD))
                    .find_map(|k| self.subject(k, last));
            }
            let named = is_pronoun(w).is_some() || self.ref_at(i).is_some();
            if subj.is_none() && named {
                subj = Some(i);
            } else if !named
                && !matches!(
                    w,
                    "the" | "The" | "also" | "then" | "later" | "had" | "has" | "again" | "once"
                )
                && !t.is(super::tokens::CAP)
            {
                return None;
            }
            i += 1;
        }
        None
    }

    /// Attribution in the sentence before a quote opening at byte `s`: `X said: “`.
    fn before(&self, s: usize, last: Option<Target>) -> Option<Option<Target>> {
        let open = tok_at(self.toks, s).saturating_sub(1);
        let mut start = open;
        while start > 0 {
            let t = &self.toks[start - 1];
            if t.ch == '\n' || (t.is(SENT) && !matches!(self.toks[start].ch, '"' | '“')) {
                if t.is(SENT) {
                    start -= 1;
                }
                break;
            }
            if matches!(t.ch, '.' | '!' | '?') {
                break;
            }
            start -= 1;
        }
        // The last reporting verb, its subject the nearest name or pronoun before it.
        let v = (start..open).rev().find(|&k| self.word(k).is_some_and(is_speech_verb))?;
        if self.word(v) == Some("according") {
            return (v + 2..open).find_map(|k| self.subject(k, last));
        }
        (start..v).rev().take(6).find_map(|k| self.subject(k, last))
    }
}

/// Quotes of `text` with their speakers' canonical names.
pub(crate) fn find(
    text: &str,
    toks: &[Tok],
    refs: &[Ref],
    ents: &Entities,
    genders: &[Option<Gender>],
) -> Vec<Quote> {
    let ctx = Ctx { text, toks, refs, genders };
    let mut out = Vec::new();
    let mut last: Option<Target> = None;
    let mut prev: Option<(usize, Option<Target>)> = None;
    for sp in spans(text) {
        let inner = text[sp.s..sp.e].trim();
        let words: Vec<&str> = inner
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .collect();
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
        let mut speaker = ctx.after(sp.e, last);
        if speaker.is_none() {
            speaker = ctx.before(sp.s, last);
        }
        if words.len() <= 3 && speaker.is_none() {
            // A scare quote or a term, not speech.
            continue;
        }
        let speaker = match speaker {
            Some(s) => s,
            None => match prev {
                Some((p, t)) if p == sp.para || (p + 1 == sp.para && sp.opens_para) => t,
                _ => None,
            },
        };
        if speaker.is_some() {
            last = speaker;
        }
        prev = Some((sp.para, speaker));
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
