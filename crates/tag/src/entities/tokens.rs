//! A one-pass tokenizer for entity tagging: words (with internal hyphens, apostrophes and
//! dotted abbreviations such as `U.S.`) and single punctuation characters, with byte offsets
//! and the flags the tagger needs. Tokens borrow nothing and allocate nothing but the vector.

use copydesk_core::chars::{
    ascii_alnum_end, char_at, is_alnum, is_alpha, is_lower, is_space, is_upper,
};

/// First letter upper case.
pub(crate) const CAP: u8 = 1;
/// Two or more letters, all upper case (`FBI`, `U.S.`).
pub(crate) const UPPER: u8 = 2;
/// First word of a sentence, a paragraph or a quotation.
pub(crate) const SENT: u8 = 4;
/// A word (else one punctuation character, or `'s` as `'`).
pub(crate) const WORD: u8 = 8;
/// A lower-case particle joined to a capitalized name (`al-Qaida`, `el-Sisi`): a name may
/// start with it.
pub(crate) const PARTICLE: u8 = 16;
/// A word with a hyphen inside (`anti-Taliban`, `US-led`).
pub(crate) const HYPHEN: u8 = 32;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub(crate) s: u32,
    pub(crate) e: u32,
    pub(crate) flags: u8,
    /// The punctuation character (`\n` for a paragraph break); `\0` for words.
    pub(crate) ch: char,
}

impl Tok {
    pub(crate) fn is(&self, f: u8) -> bool {
        self.flags & f != 0
    }
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.s as usize..self.e as usize]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Words that end with a dot without ending the sentence.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Cr"
            | "St"
            | "Sen"
            | "Gov"
            | "Rep"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Insp"
            | "Staff-Insp"
            | "Prof"
            | "Jr"
            | "Sr"
            | "Capt"
            | "Det"
            | "Supt"
            | "Rev"
            | "Mt"
            | "No"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Jan"
            | "Feb"
            | "Aug"
    ) || (w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase())
}

/// True when the word at byte `at` is an organization cue (`Association`).
fn cue_follows(text: &str, at: usize) -> bool {
    let rest = &text[at.min(text.len())..];
    let w = rest.split(|c: char| !is_alnum(c)).next().unwrap_or("");
    !w.is_empty() && super::lexicon::LEXICON.org_cues.contains(super::lexicon::key(w).as_str())
}

// Once per article: out of line, so that profiles show it apart.
#[inline(never)]
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut sent = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if c == ' ' {
            i += 1;
            continue;
        }
        let clen = c.len_utf8();
        if is_space(c) {
            if c == '\n' {
                out.push(Tok { s: i as u32, e: i as u32 + 1, flags: 0, ch: '\n' });
                sent = true;
            }
            i += clen;
            continue;
        }
        if !is_alnum(c) {
            // Text tokenized with spaces around an apostrophe, as CoNLL-style wire copy is:
            // `Yeltsin 's health` is the possessive `Yeltsin's`, and `Farmers ' Union` the
            // plural possessive inside a name (`Farmers' Union`).
            let after_word = i > 0
                && b[i - 1] == b' '
                && out.last().is_some_and(|t| t.is(WORD) && t.e as usize == i - 1);
            if after_word && is_apostrophe(c) {
                let next = char_at(text, i + clen);
                let next2 = next.and_then(|n| char_at(text, i + clen + n.len_utf8()));
                if matches!(next, Some('s' | 'S')) && !next2.is_some_and(is_alnum) {
                    out.push(Tok { s: i as u32, e: (i + clen + 1) as u32, flags: 0, ch: '\'' });
                    i += clen + 1;
                    continue;
                }
                if next == Some(' ') && b[i - 2] == b's' && cue_follows(text, i + clen + 1) {
                    i += clen;
                    continue;
                }
            }
            out.push(Tok { s: i as u32, e: (i + clen) as u32, flags: 0, ch: c });
            match c {
                '.' | '!' | '?' | ':' | ';' => {
                    let prev_abbr = c == '.'
                        && out.len() >= 2
                        && out[out.len() - 2].e == i as u32
                        && out[out.len() - 2].is(WORD)
                        && is_abbreviation(out[out.len() - 2].text(text));
                    if !prev_abbr && c != ';' {
                        sent = true;
                    }
                }
                '“' | '«' | '‘' => sent = true,
                // A straight quote opens after a space or at the start (`said: "We`); one
                // that closes (`," Amnesty said`) starts no sentence.
                '"' if i == 0 || text.as_bytes()[i - 1].is_ascii_whitespace() => sent = true,
                _ => {}
            }
            i += clen;
            continue;
        }
        // A word.
        let start = i;
        let mut end = i + clen;
        let mut dots = 0;
        let mut possessive = None;
        let mut hyphen = false;
        loop {
            // Runs of ASCII letters and digits without decoding.
            end = ascii_alnum_end(b, end);
            // Most words end at a space or a punctuation mark that joins nothing: done.
            if b.get(end).is_some_and(|&nb| {
                nb < 0x80
                    && !matches!(nb, b'\'' | b'-' | b'.')
                    && !(nb == b',' && b[end - 1].is_ascii_digit())
                    && nb != b'&'
            }) {
                break;
            }
            let Some(d) = char_at(text, end) else { break };
            if is_alnum(d) {
                end += d.len_utf8();
                continue;
            }
            let j = end;
            let dlen = d.len_utf8();
            let next = char_at(text, j + dlen);
            if is_apostrophe(d) {
                let next2 = next.and_then(|n| char_at(text, j + dlen + n.len_utf8()));
                match next {
                    Some('s' | 'S') if !next2.is_some_and(is_alnum) => {
                        possessive = Some((j, j + dlen + 1));
                        break;
                    }
                    Some(n) if is_alnum(n) => {
                        end = j + dlen;
                        continue;
                    }
                    // Plural possessive inside a name: `Employers’ Association`.
                    _ if b[end - 1] == b's'
                        && next == Some(' ')
                        && cue_follows(text, j + dlen + 1) =>
                    {
                        end = j + dlen;
                        break;
                    }
                    _ => break,
                }
            }
            // A number with thousands separators is one word (`100,000`): its groups are not
            // integers of their own (a results line's scores, a table's columns).
            if d == ','
                && b[start..end].iter().all(|x| x.is_ascii_digit() || *x == b',')
                && b.len() >= end + 4
                && b[end + 1..end + 4].iter().all(u8::is_ascii_digit)
                && !b.get(end + 4).is_some_and(|x| x.is_ascii_alphanumeric())
            {
                end += 4;
                continue;
            }
            // Capitals joined by an ampersand are one word (`AT&T`, `S&P`, `P&O`).
            if d == '&'
                && next.is_some_and(|n| n.is_ascii_uppercase())
                && b[start..end].iter().all(u8::is_ascii_uppercase)
            {
                end += 1;
                continue;
            }
            if d == '-' && next.is_some_and(is_alnum) {
                end = j + 1;
                hyphen = true;
                continue;
            }
            // A web name, a capitalized word and a domain or a short capitalized word after
            // a dot (`Amazon.com`, `One.Tel`): one word. (Not a sentence's end without its
            // space: `in Sydney.The`.)
            if d == '.'
                && dots == 0
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
                && b[start].is_ascii_uppercase()
                // (A word, not an initial or a title's abbreviation: not `B.Lee`, `Mr.Roe`.)
                && b.get(start + 1).is_some_and(u8::is_ascii_lowercase)
                && !matches!(&text[start..end], "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "Sr" | "Jr")
            {
                let tail = ascii_alnum_end(b, j + 1);
                let part = &text[j + 1..tail];
                let after = b.get(tail).is_none_or(|&x| !x.is_ascii_alphanumeric() && x != b'.');
                let domain = matches!(part, "com" | "net" | "org" | "co" | "au" | "uk");
                // (A short word before it too: `One.Tel`; not `Perth.Two`.)
                let short_name = (2..=4).contains(&part.len())
                    && end - start <= 4
                    && part.as_bytes()[0].is_ascii_uppercase()
                    && part.bytes().skip(1).all(|x| x.is_ascii_lowercase())
                    && !matches!(
                        part,
                        "The"
                            | "He"
                            | "She"
                            | "It"
                            | "In"
                            | "On"
                            | "At"
                            | "But"
                            | "And"
                            | "An"
                            | "We"
                            | "They"
                            | "This"
                            | "That"
                            | "Mr"
                            | "Mrs"
                            | "Ms"
                            | "Dr"
                            | "His"
                            | "Her"
                            | "Its"
                            | "For"
                            | "If"
                            | "As"
                            | "So"
                            | "Yet"
                            | "Now"
                            | "Then"
                    );
                if after && tail > j + 1 && (domain || short_name) {
                    end = tail;
                    continue;
                }
            }
            // `U.S.`, `U.N.`, `D.C.`: single capitals joined by dots.
            if d == '.' {
                let seg = &text[start..end];
                let last = seg.rsplit('.').next().unwrap_or(seg);
                let initial = last.len() == 1 && last.as_bytes()[0].is_ascii_uppercase();
                let next_initial = next.is_some_and(|n| n.is_ascii_uppercase())
                    && char_at(text, j + 2) == Some('.');
                if initial && (dots > 0 || next_initial) {
                    end = j + 1;
                    dots += 1;
                    if next_initial {
                        continue;
                    }
                }
            }
            break;
        }
        let mut flags = if hyphen { WORD | HYPHEN } else { WORD };
        if is_upper(c) {
            let w = &text[start..end];
            flags |= CAP;
            // Two letters or more and no lower-case one, in one walk that stops at the first
            // lower-case character (the second, in most capitalized words).
            let mut letters = 0;
            let mut lower = false;
            for c in w.chars() {
                if is_lower(c) {
                    lower = true;
                    break;
                }
                letters += usize::from(is_alpha(c));
            }
            if letters >= 2 && !lower {
                flags |= UPPER;
            }
        } else if end - start >= 4
            && matches!(b[start], b'a' | b'e')
            && b[start + 1] == b'l'
            && b[start + 2] == b'-'
            && text[start + 3..end].starts_with(|c: char| c.is_uppercase())
        {
            flags |= PARTICLE;
        }
        if sent {
            flags |= SENT;
            sent = false;
        }
        out.push(Tok { s: start as u32, e: end as u32, flags, ch: '\0' });
        i = end;
        if let Some((s, e)) = possessive {
            out.push(Tok { s: s as u32, e: e as u32, flags: 0, ch: '\'' });
            i = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(text, &mut v);
        v.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn a_web_name_is_one_word_a_sentence_without_its_space_is_not() {
        assert_eq!(
            words("Vorsk.com and One.Tel rose in Perth.Two fell. B.Lee and Mr.Roe"),
            [
                "Vorsk.com",
                "and",
                "One.Tel",
                "rose",
                "in",
                "Perth",
                ".",
                "Two",
                "fell",
                ".",
                "B",
                ".",
                "Lee",
                "and",
                "Mr",
                ".",
                "Roe"
            ]
        );
    }

    #[test]
    fn a_number_with_thousands_separators_and_capitals_joined_by_an_ampersand_are_one_word() {
        assert_eq!(
            words("Crowd 45,000, then 1,250,000 tonnes; 3,14 and 2,1000 and 7, 500"),
            [
                "Crowd",
                "45,000",
                ",",
                "then",
                "1,250,000",
                "tonnes",
                ";",
                "3",
                ",",
                "14",
                "and",
                "2",
                ",",
                "1000",
                "and",
                "7",
                ",",
                "500"
            ]
        );
    }

    #[test]
    fn splits_words_abbreviations_and_possessives() {
        assert_eq!(
            words("The U.S. and al-Qa'ida's men. Employers’ Association, Zeus’ Gwen, Mr. Li"),
            [
                "The",
                "U.S.",
                "and",
                "al-Qa'ida",
                "'s",
                "men",
                ".",
                "Employers’",
                "Association",
                ",",
                "Zeus",
                "’",
                "Gwen",
                ",",
                "Mr",
                ".",
                "Li"
            ]
        );
    }

    #[test]
    fn reads_possessives_spaced_apart_as_conll_style_copy_writes_them() {
        // `'s` after a space is the word's possessive; `' ` after a plural before a cue word
        // joins the name; a quotation's apostrophes stay punctuation.
        assert_eq!(
            words("Vorsk 's men , Farmers ' Union and ' sorry ' , Zeus ' Gwen"),
            [
                "Vorsk", "'s", "men", ",", "Farmers", "Union", "and", "'", "sorry", "'", ",",
                "Zeus", "'", "Gwen"
            ]
        );
    }

    #[test]
    fn marks_particles_joined_to_names() {
        let text = "al-Qaida el-Sisi al-qaida Al-Ahram el-\u{c9}lys alb-Q al-";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let particles: Vec<&str> =
            v.iter().filter(|t| t.is(PARTICLE)).map(|t| t.text(text)).collect();
        assert_eq!(particles, ["al-Qaida", "el-Sisi", "el-\u{c9}lys"]);
        // A capitalized word is CAP, not a particle.
        assert!(v.iter().any(|t| t.text(text) == "Al-Ahram" && t.is(CAP) && !t.is(PARTICLE)));
    }

    #[test]
    fn marks_sentence_starts_but_not_after_titles() {
        let text = "He met Mr. Li. Then \u{201c}Yes";
        let mut v = Vec::new();
        tokenize(text, &mut v);
        let starts: Vec<&str> = v.iter().filter(|t| t.is(SENT)).map(|t| t.text(text)).collect();
        assert_eq!(starts, ["He", "Then", "Yes"]);
        // A straight quote opens a sentence, and closes none.
        let text = "It is bad,\" Amnesty said. \"We act";
        tokenize(text, &mut v);
        let starts: Vec<&str> = v.iter().filter(|t| t.is(SENT)).map(|t| t.text(text)).collect();
        assert_eq!(starts, ["It", "We"]);
    }
}
