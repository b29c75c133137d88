use super::*;

fn take(text: &str) -> (String, Wire) {
    let (out, wire) = take_wire(text, (&[], &[]), None, None);
    (out.unwrap_or_else(|| text.to_owned()), wire)
}

fn dl(text: &str) -> Dateline {
    take(text).1.dateline.unwrap_or_else(|| panic!("no dateline in {text:?}"))
}

fn credit(role: &str, name: &str) -> Credit {
    Credit { role: role.into(), name: name.into() }
}

#[test]
fn reuters_style_city_date_agency() {
    let (text, w) = take(
        "VORSK, Dec 6 (Reuters) - Mayor Qorvash Telemby said on Saturday the bridge would reopen.\n\"We will not wait,\" he said.",
    );
    assert_eq!(
        text,
        "Mayor Qorvash Telemby said on Saturday the bridge would reopen.\n\"We will not wait,\" he said."
    );
    let d = w.dateline.unwrap();
    assert_eq!(d.text, "VORSK, Dec 6 (Reuters)");
    assert_eq!(d.place, "VORSK");
    assert_eq!(d.date.as_deref(), Some("Dec 6"));
    assert_eq!(d.agency.as_deref(), Some("Reuters"));
}

#[test]
fn ap_style_city_agency_em_dash() {
    let d = dl("NEW TELVORIX (AP) — The council voted on Tuesday to close the old harbour.");
    assert_eq!((d.place.as_str(), d.agency.as_deref(), d.date), ("NEW TELVORIX", Some("AP"), None));
}

#[test]
fn press_release_style_with_slashes() {
    let (text, w) = take(
        "ZORVAK CITY, 6 December 2026 /PRNewswire/ -- Telvorix Holdings today announced a new plant.",
    );
    assert_eq!(text, "Telvorix Holdings today announced a new plant.");
    let d = w.dateline.unwrap();
    assert_eq!(d.place, "ZORVAK CITY");
    assert_eq!(d.date.as_deref(), Some("6 December 2026"));
    assert_eq!(d.agency.as_deref(), Some("PRNewswire"));
}

#[test]
fn city_and_country_then_dash() {
    let d = dl("QARESH, Vorland — Thousands of people marched through the capital on Sunday.");
    assert_eq!(d.place, "QARESH, Vorland");
    assert_eq!((d.date, d.agency), (None, None));
}

#[test]
fn agency_datelines_in_ordinary_case_and_bracketed_dates() {
    let d = dl("Vorsk (CNN) -- Officials in the port city said the storm had passed.");
    assert_eq!((d.place.as_str(), d.agency.as_deref()), ("Vorsk", Some("CNN")));
    let d = dl("PORT QELL (Aug. 13) -- Declaring the fleet at stake, the minister resigned.");
    assert_eq!((d.place.as_str(), d.date.as_deref()), ("PORT QELL", Some("Aug. 13")));
    let d =
        dl("NEW VORSK--Telvorix Communications is preparing a new app for tablets, people said.");
    assert_eq!(d.place, "NEW VORSK");
    let d = dl(
        "ST. QELL, Dec. 6, 2026 (GLOBE NEWSWIRE) -- Zorvak Inc. reported results for the quarter.",
    );
    assert_eq!((d.place.as_str(), d.agency.as_deref()), ("ST. QELL", Some("GLOBE NEWSWIRE")));
    assert_eq!(d.date.as_deref(), Some("Dec. 6, 2026"));
}

#[test]
fn hyphenated_places_and_places_with_accents() {
    let d = dl("AL-QARESH, Dec 6 (Reuters) - The talks ended without a deal, diplomats said.");
    assert_eq!(d.place, "AL-QARESH");
    let d = dl("SÃO VORSK, 6 Dec (AFP) - Heavy rain flooded the lower town overnight.");
    assert_eq!(d.place, "SÃO VORSK");
}

#[test]
fn a_bare_dateline_paragraph_under_a_headline_and_byline() {
    let (text, w) = take(
        "SOCCER - VORLAND GET LUCKY WIN .\nQorvash Telemby\nAL-QARESH , Vorland 1996-12-06\nVorland began the defence of their title with a lucky 2-1 win on Friday .",
    );
    assert_eq!(
        text,
        "SOCCER - VORLAND GET LUCKY WIN .\nVorland began the defence of their title with a lucky 2-1 win on Friday ."
    );
    let d = w.dateline.unwrap();
    assert_eq!(d.place, "AL-QARESH, Vorland");
    assert_eq!(d.date.as_deref(), Some("1996-12-06"));
    assert_eq!(w.authors, ["Qorvash Telemby"]);
    let d = dl("VORSK 1996-12-06\nThe central bank left its rates unchanged on Thursday .");
    assert_eq!(d.place, "VORSK");
}

#[test]
fn a_headline_written_as_a_sentence_still_stands_above_a_bare_dateline() {
    let (text, w) = take(
        "Vorland bonds end firmer on weak jobs data .\nVORSK 1996-12-06\nVorland bonds ended firmer on Friday , dealers said .",
    );
    assert_eq!(w.dateline.unwrap().place, "VORSK");
    assert_eq!(
        text,
        "Vorland bonds end firmer on weak jobs data .\nVorland bonds ended firmer on Friday , dealers said ."
    );
    // A sentence above an ordinary paragraph is the text, and the search stops there.
    let (_, w) = take("The bonds ended firmer .\nThe market was calm .\nVORSK 1996-12-06");
    assert!(w.dateline.is_none());
}

#[test]
fn ordinary_first_sentences_are_never_datelines() {
    for text in [
        "NATO - the alliance - met on Tuesday to discuss the budget.",
        "NASA — the space agency — said the launch was delayed.",
        "COVID-19 cases rose again in the city, officials said.",
        "UPDATE 1-Oil prices rose on Tuesday as supplies tightened.",
        "BREAKING NEWS — The council has voted to close the harbour.",
        "SOCCER - VORLAND GET LUCKY WIN , QARESH IN SURPRISE DEFEAT .",
        "Paris - the city of light - was dark on Tuesday night.",
        "The U.S. - China talks ended on Friday without a deal.",
        "I - like many others - was surprised by the result.",
        "Vorsk, a city of 40,000 people — most of them farmers — voted on Sunday.",
        "EXCLUSIVE: Telvorix to cut 500 jobs, sources say.",
        "A - B testing is how the team chose the design, she said.",
        "Zorvak (the company) - not its founder - will pay the fine.",
    ] {
        let (out, w) = take_wire(text, (&[], &[]), None, None);
        assert_eq!((out, w.dateline), (None, None), "{text:?}");
    }
}

#[test]
fn bylines_give_authors() {
    let (text, w) = take("By Qorvash Telemby and Ilse Marrow\nThe council voted on Tuesday.");
    assert_eq!(text, "The council voted on Tuesday.");
    assert_eq!(w.authors, ["Qorvash Telemby", "Ilse Marrow"]);
    let (_, w) = take("By Qorvash Telemby, Reuters\nThe council voted on Tuesday.");
    assert_eq!(w.authors, ["Qorvash Telemby"]);
    let (_, w) = take("BY QORVASH TELEMBY, Associated Press Writer\nThe council voted.");
    assert_eq!(w.authors, ["Qorvash Telemby"]);
    let (_, w) = take("By Ana Ruiz, Ilse Marrow and Jan de Vrees\nThe council voted.");
    assert_eq!(w.authors, ["Ana Ruiz", "Ilse Marrow", "Jan de Vrees"]);
    let (text, w) =
        take("By Ilse Marrow\nVORSK (AP) — The council voted on Tuesday to close the harbour.");
    assert_eq!(text, "The council voted on Tuesday to close the harbour.");
    assert_eq!((w.authors.len(), w.dateline.is_some()), (1, true));
}

#[test]
fn sentences_starting_with_by_are_not_bylines() {
    for text in [
        "By the time the police arrived, the crowd had gone.",
        "By Tuesday the river had risen by two metres.",
        "By Order of the Council\nThe harbour is closed.",
    ] {
        let (out, w) = take_wire(text, (&[], &[]), None, None);
        assert_eq!((out, w.authors), (None, vec![]), "{text:?}");
    }
}

#[test]
fn reuters_credit_lines_give_credits_with_roles() {
    let (text, w) = take(
        "The bridge will reopen in May.\n(Reporting by Parisa Qorvash in Dubai; Additional reporting by Ilse Marrow; Editing by Jan Telemby and Ana Ruiz)",
    );
    assert_eq!(text, "The bridge will reopen in May.");
    assert_eq!(
        w.credits,
        [
            credit("reporting", "Parisa Qorvash"),
            credit("additional reporting", "Ilse Marrow"),
            credit("editing", "Jan Telemby"),
            credit("editing", "Ana Ruiz"),
        ]
    );
    // No byline: the reporters are the authors.
    assert_eq!(w.authors, ["Parisa Qorvash"]);
}

#[test]
fn credits_at_the_end_of_the_last_paragraph_and_contributor_sentences() {
    let (text, w) = take(
        "First.\n\"We will not wait,\" he said. (Writing by Ilse Marrow; Edited by Jan Telemby)",
    );
    assert_eq!(text, "First.\n\"We will not wait,\" he said.");
    assert_eq!(w.credits, [credit("writing", "Ilse Marrow"), credit("editing", "Jan Telemby")]);
    let (text, w) = take(
        "The vote is on Friday.\nAssociated Press writers Ilse Marrow in Vorsk and Jan Telemby contributed to this report.",
    );
    assert_eq!(text, "The vote is on Friday.");
    assert_eq!(
        w.credits,
        [credit("contributing", "Ilse Marrow"), credit("contributing", "Jan Telemby")]
    );
    let (_, w) = take("The vote is on Friday.\nThe Courier's Ana Ruiz contributed to this report.");
    assert_eq!(w.credits, [credit("contributing", "Ana Ruiz")]);
    let (_, w) = take("The vote is on Friday.\nAna Ruiz contributed reporting from Qaresh.");
    assert_eq!(w.credits, [credit("contributing", "Ana Ruiz")]);
    let (_, w) = take("The vote is on Friday.\nCompiled by Ana Ruiz.");
    assert_eq!(w.credits, [credit("compiling", "Ana Ruiz")]);
}

#[test]
fn closing_sentences_that_only_look_like_credits_stay() {
    for text in [
        "The film was directed by Ana Ruiz and opened on Friday.",
        "First.\nHe was supported by many in the party (and by some outside it).",
        "First.\nThe report was written by the council, not by Ana Ruiz.",
        "First.\nThe family contributed to this report by giving interviews.",
    ] {
        let (out, w) = take_wire(text, (&[], &[]), None, None);
        assert_eq!((out, w.credits), (None, vec![]), "{text:?}");
    }
}

#[test]
fn the_inputs_own_fields_fill_in() {
    let (out, w) = take_wire(
        "The council voted.",
        (&[], &[]),
        Some("VORSK, Vorland, Dec. 6"),
        Some("Ilse Marrow, Jan Telemby"),
    );
    assert_eq!(out, None);
    assert_eq!(w.authors, ["Ilse Marrow", "Jan Telemby"]);
    let d = w.dateline.unwrap();
    assert_eq!((d.place.as_str(), d.date.as_deref()), ("VORSK, Vorland", Some("Dec. 6")));
    let (_, w) = take_wire(
        "The council voted.",
        (&[], &[]),
        Some("Port Qell"),
        Some("By Ilse Marrow and Jan Telemby"),
    );
    assert_eq!(w.authors, ["Ilse Marrow", "Jan Telemby"]);
    assert_eq!(w.dateline.unwrap().place, "Port Qell");
    for (given, names) in [
        ("Posted by Ilse Marrow", vec!["Ilse Marrow"]),
        ("Ilse Marrow - Apr 16, 2015 8:02 pm UTC", vec!["Ilse Marrow"]),
        ("by: Ilse Marrow", vec!["Ilse Marrow"]),
        ("Ilse Marrow —", vec!["Ilse Marrow"]),
        ("Ana Ruiz, Jan Telemby", vec!["Ana Ruiz", "Jan Telemby"]),
        ("Our Foreign Staff", vec![]),
        ("Telvorix", vec![]),
        ("Last Updated: January 7, 2025", vec![]),
        ("Follow Author", vec![]),
        ("Ilse Marrow Monday, February 29, 2016 @ 11:10 PM UTC", vec!["Ilse Marrow"]),
    ] {
        assert_eq!(take_wire("Text.", (&[], &[]), None, Some(given)).1.authors, names, "{given:?}");
    }
    // An outlet is no author.
    let (_, w) = take_wire("The council voted.", (&[], &[]), None, Some("Courier staff"));
    assert_eq!(w.authors, Vec::<String>::new());
    // The text's own byline wins.
    let (_, w) = take_wire("By Ana Ruiz\nThe council voted.", (&[], &[]), None, Some("Web desk"));
    assert_eq!(w.authors, ["Ana Ruiz"]);
}

#[test]
fn a_wire_story_through_normalize_keeps_who_reported_it() {
    let raw = copydesk_core::RawArticle::new(
        "By Ilse Marrow\nVORSK, Dec 6 (Reuters) - The mayor said on Saturday the talks were over.\n\"We will not negotiate,\" he said.\n(Reporting by Parisa Qorvash; Editing by Jan Telemby)\n",
        Default::default(),
    );
    let a = crate::normalize(raw, &crate::NormalizeConfig::default()).unwrap();
    assert_eq!(
        a.text,
        "The mayor said on Saturday the talks were over.\n\"We will not negotiate,\" he said."
    );
    assert_eq!(a.authors, ["Ilse Marrow"]);
    assert_eq!(
        a.credits,
        [credit("reporting", "Parisa Qorvash"), credit("editing", "Jan Telemby")]
    );
    let d = a.dateline.unwrap();
    assert_eq!((d.place.as_str(), d.agency.as_deref()), ("VORSK", Some("Reuters")));
    // Counts and fingerprints are of the text without them.
    assert_eq!(a.counts.paragraphs, 2);
}
