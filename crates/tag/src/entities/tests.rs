use super::*;

fn names(list: &[Entity]) -> Vec<&str> {
    list.iter().map(|e| e.name.as_str()).collect()
}

fn place_names(x: &Extracted) -> Vec<&str> {
    x.entities.locations.iter().map(|l| l.name.as_str()).collect()
}

fn places(x: &Extracted) -> Vec<(&str, Option<&str>)> {
    x.entities.locations.iter().map(|l| (l.name.as_str(), l.country.as_deref())).collect()
}

fn quotes(x: &Extracted) -> Vec<(&str, Option<&str>)> {
    x.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect()
}

fn person<'x>(x: &'x Extracted, name: &str) -> &'x Entity {
    x.entities.persons.iter().find(|p| p.name == name).expect("person found")
}

#[test]
fn the_seed_article() {
    let text = include_str!("../../../../tests/data/seed-article.txt");
    let x = extract(text);
    assert_eq!(names(&x.entities.persons), ["Khamenei", "Abdul Latif Rashid", "Ebrahim Raisi"]);
    let rashid = person(&x, "Abdul Latif Rashid");
    assert_eq!(rashid.forms, ["President Abdul Latif Rashid", "President Rashid", "Rashid"]);
    assert_eq!(rashid.count, 5);
    assert_eq!(
        places(&x),
        [
            ("Tehran", Some("IR")),
            ("Iran", Some("IR")),
            ("Iraq", Some("IQ")),
            ("Kurdistan", Some("IQ")),
            ("Saadabad Palace", Some("IR")),
            ("Baghdad", Some("IQ")),
        ]
    );
    let tehran = &x.entities.locations[0];
    assert_eq!((tehran.geonames_id, tehran.count), (Some(112931), 4));
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    let speakers: Vec<Option<&str>> = x.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Khamenei"),
            // `the Leader pointed out`: nobody is titled so; the last speaker is meant.
            Some("Khamenei"),
            Some("Khamenei"),
            Some("Khamenei"),
            Some("Abdul Latif Rashid"),
            // `he said`, right after Rashid's quote.
            Some("Abdul Latif Rashid"),
            Some("Ebrahim Raisi"),
        ]
    );
}

#[test]
fn the_canonical_name_is_the_fullest_form_and_titles_are_left_out() {
    let x = extract(
        "Senator Greig spoke first. Later Brian Greig, a Perth lawyer, met Dr Jane Smith. \
         Greig left.",
    );
    assert_eq!(names(&x.entities.persons), ["Brian Greig", "Jane Smith"]);
    let greig = &x.entities.persons[0];
    assert_eq!(greig.forms, ["Senator Greig", "Greig"]);
    assert_eq!(greig.count, 3);
    assert_eq!(x.entities.persons[1].forms, ["Dr Jane Smith"]);
}

#[test]
fn nationality_words_are_not_places() {
    let x = extract("Iraqi officials met Australian and Iranian envoys in Geneva.");
    assert_eq!(places(&x), [("Geneva", Some("CH"))]);
    assert!(x.entities.persons.is_empty());
}

#[test]
fn same_named_places_are_resolved_by_the_countries_the_article_names() {
    let au = extract("Fires burn in Western Australia. In Perth, crews rested.");
    assert_eq!(places(&au)[1], ("Perth", Some("AU")));
    let gb = extract("Snow closed roads across Scotland. In Perth, schools shut.");
    assert_eq!(places(&gb)[1], ("Perth", Some("GB")));
    // With no context the bigger place wins.
    assert_eq!(places(&extract("Crews rested in Perth."))[0], ("Perth", Some("AU")));
    // A nationality word is context too.
    assert_eq!(places(&extract("Scottish farmers met in Perth."))[0], ("Perth", Some("GB")));
    // Context does not outweigh everything: a flight from Paris in a story about American
    // airports left France, not Paris, Texas (25,000 people).
    let us =
        extract("Americans flew from Florida to Atlanta and Memphis, and from Paris to Miami.");
    assert!(places(&us).contains(&("Paris", Some("FR"))), "{:?}", places(&us));
    // `X of Y`: X is in Y's country.
    let nsw = extract("Fires burn in the Southern Highlands of New South Wales.");
    assert_eq!(places(&nsw)[0], ("Southern Highlands", Some("AU")));
}

#[test]
fn organizations_from_cue_words_known_names_and_acronyms() {
    let x = extract(
        "The Saudi Interior Ministry and the University and College Union (UCU) wrote to the \
         FBI. UCU members met Hamas.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Saudi Interior Ministry", "University and College Union", "FBI", "Hamas"]
    );
    assert_eq!(x.entities.organizations[1].forms, ["UCU"]);
    let y = extract("Police blamed Lashkar-e-Taiba for the attack.");
    assert_eq!(names(&y.entities.organizations), ["Lashkar-e-Taiba"]);
    // Terms written as acronyms are no organizations.
    let z = extract("The GST rose, IVF costs fell and the CPI was flat, the VORSK said.");
    assert_eq!(names(&z.entities.organizations), ["VORSK"]);
}

#[test]
fn quote_attribution_forms() {
    let x = extract(
        "Robert Gates met reporters.\n\
         \u{201c}We were adversaries,\u{201d} Gates said.\n\
         \"It was cold,\" said Mr Gates.\n\
         Jane Smith said: \"The talks went well.\"\n\
         Jane Smith said, \"We will meet again.\"\n\
         Rates will rise, according to Jane Smith.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("We were adversaries,", Some("Robert Gates")),
            ("It was cold,", Some("Robert Gates")),
            ("The talks went well.", Some("Jane Smith")),
            ("We will meet again.", Some("Jane Smith")),
        ]
    );
    let y = extract("\"Rates will rise soon,\" according to Jane Smith.");
    assert_eq!(quotes(&y), [("Rates will rise soon,", Some("Jane Smith"))]);
}

#[test]
fn pronouns_and_titles_resolve_to_the_person_meant() {
    let x = extract(
        "President Ali Hassan arrived on Monday. \"We are ready,\" he said.\n\
         \"Peace is close,\" the President said.",
    );
    assert_eq!(
        quotes(&x),
        [("We are ready,", Some("Ali Hassan")), ("Peace is close,", Some("Ali Hassan"))]
    );
    // A woman named later does not take `he`.
    let y =
        extract("Robert Brown met Mary Jones. \"It went well,\" she said. \"We agree,\" he said.");
    assert_eq!(
        quotes(&y),
        [("It went well,", Some("Mary Jones")), ("We agree,", Some("Robert Brown"))]
    );
}

#[test]
fn someone_who_says_something_is_the_newer_speaker() {
    let x = extract(
        "Prime Minister John Howard says One Nation will lose. \"We are confident,\" Mr Howard \
         said. Opposition Leader Simon Crean says Labor is ready. \"It is time,\" he said. \
         \"Crean says it is time,\" he added.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("We are confident,", Some("John Howard")),
            ("It is time,", Some("Simon Crean")),
            ("Crean says it is time,", Some("Simon Crean")),
        ]
    );
}

#[test]
fn someone_who_opens_a_sentence_after_the_last_quote_is_the_newer_speaker() {
    let x = extract(
        "Fire chief Mara Telemby says the wind is the worry. \"The south is at risk,\" she said.\nEmergency Services Minister Jane Qorvash has thanked the crews. \"They gave up their holidays,\" she said.\n\"I was standing with Dr. Ilse Marrow,\" she said.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("The south is at risk,", Some("Mara Telemby")),
            ("They gave up their holidays,", Some("Jane Qorvash")),
            ("I was standing with Dr. Ilse Marrow,", Some("Jane Qorvash")),
        ]
    );
}

#[test]
fn a_source_after_according_to_or_after_a_role_is_the_speaker() {
    let x = extract("\"The talks failed,\" according to Mara Qorvash, a senior diplomat.");
    assert_eq!(quotes(&x), [("The talks failed,", Some("Mara Qorvash"))]);
    let x = extract("\"We are ready,\" said the company's chief executive, Ilse Telemby.");
    assert_eq!(quotes(&x), [("We are ready,", Some("Ilse Telemby"))]);
    // A side and roles between the verb and the name.
    let x = extract("\"We had a bad day,\" said South Africa captain Ilse Telemby.");
    assert_eq!(quotes(&x), [("We had a bad day,", Some("Ilse Telemby"))]);
    // A role, then the name in apposition before the verb.
    let x = extract(
        "The Vorsk Taxi Council wants screens.\n\"Drivers are at risk,\" the council's chief \
         executive, Ilse Telemby, said.",
    );
    assert_eq!(quotes(&x), [("Drivers are at risk,", Some("Ilse Telemby"))]);
    // `according to` a body's role and the name in apposition: the person, not the body.
    let x = extract(
        "Vorsk Grain has cut its forecast.\nThe crop is \"the smallest in a decade\", according \
         to Vorsk Grain's national pools manager, Ilse Telemby.",
    );
    assert_eq!(quotes(&x), [("the smallest in a decade", Some("Ilse Telemby"))]);
    // Not past what is no role: the friend is nobody named.
    let x = extract("\"He was tired,\" said a friend of Ilse Telemby.");
    assert_eq!(quotes(&x), [("He was tired,", None)]);
}

#[test]
fn a_name_with_its_apposition_after_the_quote_is_the_speaker() {
    let x = extract(
        "Mara Telemby met Jane Qorvash on Friday. \"The talks will go on,\" Ilse Marrow, an adviser to Mara Telemby, said.",
    );
    assert_eq!(quotes(&x), [("The talks will go on,", Some("Ilse Marrow"))]);
}

#[test]
fn reporting_verbs_in_the_present_tense_name_the_speaker() {
    let x = extract(
        "Ilse Marrow was arrested in March. Minister Jane Qorvash claims she was a courier. \"She carried the money,\" she said.",
    );
    assert_eq!(quotes(&x), [("She carried the money,", Some("Jane Qorvash"))]);
}

#[test]
fn a_quote_on_its_own_after_the_last_speaker_s_reported_words_is_theirs() {
    let x = extract(
        "\"We were wrong,\" Mr Telemby said.\nHe said the bank would not sell its unit.\n\"We are \
         not going to give it away.\"",
    );
    assert_eq!(quotes(&x)[1], ("We are not going to give it away.", Some("Telemby")));
    // Not after someone else's reported words.
    let x = extract(
        "\"We were wrong,\" Mr Telemby said.\nShe said the bank would not sell its unit.\n\"We \
         are not going to give it away.\"",
    );
    assert_ne!(quotes(&x)[1].1, Some("Telemby"));
}

#[test]
fn a_name_inside_the_quote_is_not_whom_its_pronoun_refers_to() {
    let x = extract(
        "A Vorskian army spokesman said the jets had hit \"a post used by militants\".\nCabinet \
         Secretary Jan Telemby condemned the strike.\n\"This is a crime. Mark Qorvash wants \
         war,\" he said.",
    );
    assert_eq!(quotes(&x)[1], ("This is a crime. Mark Qorvash wants war,", Some("Jan Telemby")));
}

#[test]
fn ambiguous_pronouns_give_no_speaker() {
    // Two men named in the same sentence, neither has spoken yet: `he` is not guessed.
    let x = extract("John Smith met Peter Brown in Rome. \"It was useful,\" he said.");
    assert_eq!(quotes(&x), [("It was useful,", None)]);
}

#[test]
fn quotes_spanning_paragraphs_and_continued_statements() {
    let x = extract(
        "Mary Jones said: \"The first part ends here.\n\
         \"The second part follows,\" she added.\n\
         \"And a third one without attribution.\"",
    );
    assert_eq!(
        quotes(&x),
        [
            ("The first part ends here.", Some("Mary Jones")),
            ("The second part follows,", Some("Mary Jones")),
            ("And a third one without attribution.", Some("Mary Jones")),
        ]
    );
}

#[test]
fn titles_of_works_and_scare_quotes_are_not_quotes() {
    let x = extract(
        "Gates spoke on NBC\u{2019}s \u{201c}Meet the Press.\u{201d} Workers in the \
         \u{201c}gig economy\u{201d} earn less. Jane Smith said the result was \"solid\".",
    );
    assert_eq!(quotes(&x), [("solid", Some("Jane Smith"))]);
    assert!(!x.entities.organizations.iter().any(|o| o.name.contains("Press")));
}

#[test]
fn spokespersons_speak_for_their_organization() {
    let x = extract(
        "The Scottish Ambulance Service was called. A spokesman for the ambulance service \
         said: \"We would urge caution.\"",
    );
    assert_eq!(quotes(&x), [("We would urge caution.", Some("Scottish Ambulance Service"))]);
    let y = extract(
        "The European Commission opened an inquiry. A Commission spokeswoman said: \"We will \
         look at this carefully.\" According to Jones, it needs \"fresh blood\".",
    );
    assert_eq!(
        quotes(&y),
        [("We will look at this carefully.", Some("European Commission")), ("fresh blood", None)]
    );
}

#[test]
fn empty_and_odd_texts() {
    for t in ["", "\"", "“", "”", "\n\n", "A", "U.S.", "'s", "Mr.", "\"\"\"", "al-", "bin"] {
        let x = extract(t);
        assert!(x.entities.persons.is_empty(), "{t:?}");
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_is_deterministic(text in "(\\PC|[\"“”«»'’\\n .,:A-Z])*") {
        let a = extract(&text);
        let b = extract(&text);
        proptest::prop_assert_eq!(&a.entities, &b.entities);
        proptest::prop_assert_eq!(&a.quotes, &b.quotes);
    }

    #[test]
    fn never_panics_on_name_like_text(
        words in proptest::collection::vec(
            "(Mr|President|the|said|he|in|of|and|U\\.S\\.|al-Qaeda|\"|“|”|[A-Z][a-z]{0,6}|[a-z]{1,6}|[.,:\\n])",
            0..60,
        )
    ) {
        let text = words.join(" ");
        let x = extract(&text);
        for p in &x.entities.persons {
            proptest::prop_assert!(!p.name.is_empty());
        }
    }
}

/// `Doc::common_word` answers as the set of the article's lower-case words it replaced did.
fn common_words_agree_with_a_set(text: &str) {
    let folded = copydesk_core::chars::fold_case(text);
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let set: std::collections::HashSet<&str> = toks
        .iter()
        .filter(|t| t.is(WORD) && !t.is(CAP) && t.e - t.s >= 4)
        .map(|t| t.text(text))
        .collect();
    let doc = Doc {
        text,
        folded: &folded,
        cls: vec![0; toks.len()],
        toks,
        mentions: Vec::new(),
        countries: Vec::new(),
        context: None,
        admin1: Vec::new(),
        named_countries: Vec::new(),
        demonym_countries: Vec::new(),
        breaks: Vec::new(),
        shouted: std::cell::OnceCell::new(),
        common_words: Default::default(),
        buf: String::new(),
    };
    for (i, t) in doc.toks.iter().enumerate() {
        let want = t.e - t.s >= 4 && set.contains(&*key_at(text, &folded, (t.s, t.e)));
        assert_eq!(doc.common_word(i), want, "{:?} in {text:?}", t.text(text));
    }
}

#[test]
fn a_capitalized_phrase_is_no_person_without_evidence() {
    // Clubs, awards, regions, works: no given name, no title, nothing a person does.
    for text in [
        "Fans of Aston Villa cheered as the Golden Globes went to a comedy.",
        "The Critics Choice ceremony moved to the Far East this year.",
        "Real Madrid signed a striker from Greater Manchester.",
        "Tickets for Velvet Harbour went on sale across Tora Bora.",
    ] {
        let x = extract(text);
        assert!(x.entities.persons.is_empty(), "{text:?}: {:?}", x.entities.persons);
    }
}

#[test]
fn the_article_gives_the_evidence_for_an_unknown_name() {
    // Neither word is a known given name or surname: what the text does with it decides.
    let cases = [
        ("Qorvash Telemby said the plan had failed.", "Qorvash Telemby"),
        ("The plan had failed, said Qorvash Telemby.", "Qorvash Telemby"),
        ("Qorvash Telemby, 52, runs the mill.", "Qorvash Telemby"),
        ("Qorvash Telemby, who runs the mill, left.", "Qorvash Telemby"),
        ("Villagers met Qorvash Telemby on Monday. Telemby left at noon.", "Qorvash Telemby"),
        ("The mill is owned by Qorvash bin Telemby.", "Qorvash bin Telemby"),
        ("The mill is owned by Qorvash T. Telemby.", "Qorvash T. Telemby"),
        ("The mill is run by treasurer Qorvash Telemby.", "Qorvash Telemby"),
    ];
    for (text, name) in cases {
        let x = extract(text);
        assert_eq!(names(&x.entities.persons), [name], "{text:?}");
    }
    let x = extract("Villagers met Qorvash Telemby on Monday.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // Given names of the world list count as evidence: `Hamid` is common in Iran.
    let x = extract("Villagers met Hamid Telemby on Monday.");
    assert_eq!(names(&x.entities.persons), ["Hamid Telemby"]);
}

#[test]
fn datelines_name_places_and_headlines_in_capitals_name_no_one() {
    let x = extract("LONDON 1996-12-06\nShares fell sharply on Friday.");
    assert_eq!(places(&x), [("LONDON", Some("GB"))]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    let x = extract("CAIRO, Dec 6 (Reuters) - Talks resumed on Friday.");
    assert_eq!(places(&x), [("CAIRO", Some("EG"))]);
    // A dateline place the gazetteer lacks, named with its country.
    let x = extract("QORVASH-TEL, United Arab Emirates 1996-12-06\nTalks resumed on Friday.");
    assert_eq!(places(&x)[1], ("United Arab Emirates", Some("AE")));
    assert_eq!(places(&x)[0].0, "QORVASH-TEL");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A sentence's first word before `of` is no part of an organization's name.
    let x = extract("Standings of National Basketball Association teams follow.");
    assert_eq!(names(&x.entities.organizations), ["National Basketball Association"]);
    let x = extract("GAZA CITY, Dec 6 - Talks resumed on Friday.");
    assert_eq!(places(&x), [("GAZA CITY", Some("PS"))]);
    let x = extract("TENNIS - SMITH BEATS JONES IN ROME.\nThe final was played on clay.");
    assert_eq!(places(&x), [("ROME", Some("IT"))]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // An acronym in an ordinary sentence is still an organization.
    let x = extract("The ABCD board met in Paris on Monday.");
    assert_eq!(names(&x.entities.organizations), ["ABCD"]);
}

#[test]
fn saints_and_cities_are_part_of_a_place_name() {
    let x = extract("Flights from St. Louis and Gaza City were cancelled.");
    assert_eq!(places(&x), [("St. Louis", Some("US")), ("Gaza City", Some("PS"))]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn organizations_are_known_by_their_people_and_kind() {
    let cases = [
        ("Zorvak militants fired rockets overnight.", "Zorvak"),
        ("The airline Quenta cut its flights.", "Quenta"),
        ("The Brevik news agency said troops had left.", "Brevik"),
        ("Shares in Telvorix fell sharply.", "Telvorix"),
        ("A Velmont spokeswoman declined to comment.", "Velmont"),
        ("Analysts said Telvorix's shares were cheap.", "Telvorix"),
    ];
    for (text, org) in cases {
        let x = extract(text);
        assert_eq!(names(&x.entities.organizations), [org], "{text:?}");
        assert!(x.entities.persons.is_empty(), "{text:?}: {:?}", x.entities.persons);
    }
    // An apposition after a noun for a kind of organization, with the capitalized word
    // before it; a name that goes on after `of ... and` without a cue of its own.
    let x = extract("Another radical group, Islamic Vorgat, may follow.");
    assert_eq!(names(&x.entities.organizations), ["Islamic Vorgat"]);
    let x = extract("She leads the Telvorix Institute of Reproduction and Development.");
    assert_eq!(
        names(&x.entities.organizations),
        ["Telvorix Institute of Reproduction and Development"]
    );
    // A term defined by the words before it is no organization.
    let x = extract("The gross domestic product (GDP) and in-vitro fertilisation (IVF) rose.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // Legal forms of companies.
    let x = extract("Telvorix AG said profits rose; Quenta Oyj and Brevik SpA agreed.");
    assert_eq!(names(&x.entities.organizations), ["Telvorix AG", "Quenta Oyj", "Brevik SpA"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // Modifiers are not organizations (the name inside `Anti-Zorvak` is one: see
    // `names_inside_hyphenated_modifiers_are_named`).
    let x = extract("Anti-Zorvak fighters advanced on the town.");
    assert_eq!(names(&x.entities.organizations), ["Zorvak"]);
    for text in [
        "Banking staff walked out on Monday.",
        "The Kabul-based militants left.",
        "The pay TV operator cut jobs.",
    ] {
        let x = extract(text);
        assert!(x.entities.organizations.is_empty(), "{text:?}: {:?}", x.entities.organizations);
    }
}

#[test]
fn teams_named_after_cities_are_organizations() {
    let x =
        extract("Barcelona beat Real Madrid 2-1 on Sunday, while Valencia drew 1-1 with Sevilla.");
    assert_eq!(
        names(&x.entities.organizations),
        ["Barcelona", "Real Madrid", "Valencia", "Sevilla"]
    );
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("Results on Saturday:\nChelsea 2 Everton 1\nAston Villa 1 Leeds 1");
    assert_eq!(names(&x.entities.organizations), ["Chelsea", "Everton", "Aston Villa", "Leeds"]);
    let x = extract("Kent beat Essex by six wickets on Friday. Essex now trail in the table.");
    assert_eq!(names(&x.entities.organizations), ["Kent", "Essex"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // National teams keep their country; players keep their names; a city in a sentence
    // without a score is a place.
    let x = extract("England beat Poland 2-0 in Warsaw.");
    assert_eq!(
        places(&x),
        [("England", Some("GB")), ("Poland", Some("PL")), ("Warsaw", Some("PL"))]
    );
    let x = extract(
        "Conchita Martinez and Martina Hingis reached the final. Martinez beat Hingis 6-4 6-3.",
    );
    assert_eq!(names(&x.entities.persons)[0], "Conchita Martinez");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    let x = extract("Ministers met in Barcelona on Sunday and flew to Madrid.");
    assert_eq!(places(&x), [("Barcelona", Some("ES")), ("Madrid", Some("ES"))]);
}

#[test]
fn titles_of_offices_names_and_places() {
    // The office of a place: the place, no person.
    let x =
        extract("He was Archbishop of Brisbane until 2001. The Director of Boston airport left.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert_eq!(places(&x)[0], ("Brisbane", Some("AU")));
    // Hyphenated titles, particles in sequence, a surname that is also a town.
    let x =
        extract("Lieutenant-General Qorvash Telemby met Fernando de la Rua and George Harrison.");
    assert_eq!(
        names(&x.entities.persons),
        ["Qorvash Telemby", "Fernando de la Rua", "George Harrison"]
    );
    assert_eq!(x.entities.persons[0].forms, ["Lieutenant-General Qorvash Telemby"]);
    // A given name alone, or a place and a common word, is nobody.
    let x = extract("The Oscar winner arrived for the Adelaide Test in the morning.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A city and a capitalized plural: a team.
    let x = extract("Fans of the Sydney Swans lined the streets.");
    assert_eq!(names(&x.entities.organizations), ["Sydney Swans"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn an_unattributed_quote_is_the_latest_reported_speakers() {
    // Someone says something in the text's own words, then a quote follows on its own.
    let x = extract(
        "A spokesman for the mayor, Qorvash Telemby, says the road will reopen.\n\
         \"We expect traffic by Friday.\"",
    );
    assert_eq!(quotes(&x), [("We expect traffic by Friday.", Some("Qorvash Telemby"))]);
    // Newer than the previous quote's speaker.
    let x = extract(
        "\"It is over,\" Jane Smith said.\nMary Jones says the talks will go on.\n\
         \"We are not finished.\"",
    );
    assert_eq!(
        quotes(&x),
        [("It is over,", Some("Jane Smith")), ("We are not finished.", Some("Mary Jones"))]
    );
    // Past a relative clause, and a pronoun after the quote.
    let x = extract(
        "\"We were lucky,\" Jane Smith said. Mary Jones, who took two wickets, says the catch \
         was the best. \"It was a blinder,\" she said.",
    );
    assert_eq!(quotes(&x)[1], ("It was a blinder,", Some("Mary Jones")));
    // A paragraph about one person, then a quote on its own.
    let x = extract(
        "Minister Qorvash Telemby has paid tribute to the firefighters.\n\"They were \
         magnificent in every way.\"",
    );
    assert_eq!(quotes(&x), [("They were magnificent in every way.", Some("Qorvash Telemby"))]);
    // `Jan` is a name, `Dec 6` a date.
    let x = extract("TEHRAN, Dec 6 - The governor's spokesman, Akbar Jan, says talks went well.");
    assert_eq!(names(&x.entities.persons), ["Akbar Jan"]);
    assert_eq!(places(&x), [("TEHRAN", Some("IR"))]);
    // A relative clause: `X, who said`.
    let x = extract("The queen spoke to Jane Smith, who said the year had been \"hard\".");
    assert_eq!(quotes(&x), [("hard", Some("Jane Smith"))]);
}

#[test]
fn small_towns_are_places_where_the_text_says_so() {
    let x = extract("Fires burned near Mittagong and in Appin overnight.");
    assert_eq!(places(&x), [("Mittagong", Some("AU")), ("Appin", Some("AU"))]);
    // Towns named like people and words: a name, a word, no place.
    let x = extract("Lleyton Hewitt won in straight sets. Hewitt then rested.");
    assert_eq!(names(&x.entities.persons), ["Lleyton Hewitt"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    let x = extract("The film leads the Golden Globe nominations with Welsh actors.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn facilities_and_acronyms_of_places_are_places() {
    let x = extract(
        "Detainees at the Woomera Detention Centre were moved. Crowds left the Melbourne \
         Cricket Ground after the MCG emptied.",
    );
    assert_eq!(place_names(&x), ["Woomera Detention Centre", "Melbourne Cricket Ground"]);
    assert_eq!(x.entities.locations[1].forms, ["MCG"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // Halls for shows, swimming and conferences; a centre for medicine is an organization.
    let x = extract(
        "The concert at the Vorsk Regional Entertainment Centre sold out, swimmers trained at \
         the Qorvash Aquatics Centre, and patients were flown to the Telembo Medical Centre.",
    );
    assert_eq!(place_names(&x), ["Vorsk Regional Entertainment Centre", "Qorvash Aquatics Centre"]);
    assert_eq!(names(&x.entities.organizations), ["Telembo Medical Centre"]);
}

#[test]
fn common_words_are_found_by_search() {
    for text in [
        "Social Security is social. Forrester Research does research, RESEARCH.",
        "Mama mama mamama. Abab ababab abab-abab Abab.",
        "Ünïcödé ünïcödé ÜNÏCÖDÉ, Éclair éclairs éclair.",
        "Word words, Word's word's; Mr. Long long-term Long.",
    ] {
        common_words_agree_with_a_set(text);
    }
}

proptest::proptest! {
    #[test]
    fn common_words_agree_with_a_set_on_any_text(
        words in proptest::collection::vec(
            "(abab|Abab|ABAB|ab|aba|Ababab|ababab|éé|Éé|ÉÉ|mama|Mama|[.,'’\\n-]| )",
            0..40,
        )
    ) {
        common_words_agree_with_a_set(&words.concat());
    }
}

#[test]
fn a_place_in_a_headline_in_capitals_is_named_as_the_text_writes_it() {
    let x = extract(
        "VORLAND NAME SQUAD FOR INDIA TEST.\nEngland named a squad on Monday for the test against India.",
    );
    let l: Vec<(&str, &[String])> =
        x.entities.locations.iter().map(|l| (l.name.as_str(), l.forms.as_slice())).collect();
    assert!(l.contains(&("India", &["INDIA".to_owned()][..])), "{l:?}");
}

#[test]
fn a_table_of_teams_names_a_team_in_every_row() {
    let x = extract(
        "Standings after Sunday's matches:\nTelvorix Rovers 17 12 4 1 45 13 40\nFeyenoord 16 11 3 2 30 16 36\nAjax Amsterdam 17 10 3 4 32 17 33\nGroningen 17 5 6 6 22 27 21",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Telvorix Rovers", "Feyenoord", "Ajax Amsterdam", "Groningen"]
    );
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // A standings table with percentages and games behind, a team named like a state too.
    let x = extract(
        "Standings after Thursday's games:\nVORSK 14 4 .778 -\nNEW YORK 10 6 .625 3\nTELVORIX 8 6 .571 4",
    );
    assert_eq!(names(&x.entities.organizations), ["VORSK", "NEW YORK", "TELVORIX"]);
    // Countries in a medals table stay places.
    let x = extract("Medals table:\nFeyenoord 5 3 2\nGermany 4 4 1\nVorland 2 1 0");
    assert!(places(&x).iter().any(|(n, _)| *n == "Germany"), "{:?}", places(&x));
    // A table of provinces with no team in it is a table of places.
    let x = extract("Rainfall in millimetres:\nGroningen 17 5 6\nUtrecht 12 4 3");
    assert!(x.entities.organizations.is_empty());
}

#[test]
fn what_speaks_without_a_name_of_a_person_is_an_organization() {
    // An acronym in ordinary text, and a word after capitalized words that name nothing alone.
    let x = extract(
        "The minister met the rebels in Vorsk on Friday, QORV-TASS said. Islamic Zorvak said it had no part in the attack.",
    );
    assert_eq!(names(&x.entities.organizations), ["QORV-TASS", "Islamic Zorvak"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A known surname in ordinary case that speaks is a person; a word no list knows as a
    // name, named bare, is a company or an agency; a word the text also writes in lower case
    // is neither.
    let x = extract("The talks ended on Friday, Johnson said.");
    assert_eq!(names(&x.entities.persons), ["Johnson"]);
    let x = extract("Sales fell in March, Vorsktel said on Friday.");
    assert_eq!(names(&x.entities.organizations), ["Vorsktel"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract(
        "The Vorland Office for Migrants said thousands of migrants had crossed the border.",
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // Nor the cause an office is for, after a title.
    let x = extract("The High Commissioner for Migrants said on Friday that the camp would close.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("Minister for Foreign Affairs Jane Telemby said the camp would close.");
    assert_eq!(names(&x.entities.persons), ["Jane Telemby"]);
}

#[test]
fn a_particle_before_a_country_makes_no_name_of_a_person() {
    let x = extract("Tour de France winner Qorvash de Telemby retired on Friday.");
    assert_eq!(names(&x.entities.persons), ["Qorvash de Telemby"]);
}

#[test]
fn an_airline_named_air_and_a_place_is_an_organization() {
    let x = extract("The carrier is owned by Qorvash Corp and Air New Zealand, the report said.");
    assert_eq!(names(&x.entities.organizations), ["Qorvash Corp", "Air New Zealand"]);
    assert!(x.entities.persons.is_empty() && x.entities.locations.is_empty());
}

#[test]
fn teams_named_after_states_in_results_and_headlines_in_capitals_name_the_team() {
    let x = extract(
        "BASKETBALL - VORSK HOLD UTAH .\nResults on Thursday:\nUtah 99 Vorsk 101\nHouston 110 Denver 96",
    );
    let orgs = names(&x.entities.organizations);
    for team in ["Utah", "Vorsk", "Houston", "Denver"] {
        assert!(orgs.contains(&team), "{team} in {orgs:?}");
    }
    // One team, whatever the case it is named in.
    assert_eq!(orgs.len(), 4, "{orgs:?}");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_title_word_that_opens_a_company_name_is_part_of_it() {
    let x = extract(
        "General Vorsk Motors Corp and the Justice Department settled on Friday, General Jane Telemby said.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["General Vorsk Motors Corp", "Justice Department"]
    );
    assert_eq!(names(&x.entities.persons), ["Jane Telemby"]);
}

#[test]
fn a_bank_named_in_one_word_is_an_organization_and_a_freight_table_has_no_teams() {
    let x = extract("The Vorlandbank left its rates unchanged on Thursday.");
    assert_eq!(names(&x.entities.organizations), ["Vorlandbank"]);
    let x = extract(
        "Fixtures reported on Friday:\nGrain : Vorsk / Rotterdam 25,000 tonnes $ 22.50\nCoal : Vorsk / Antwerp 70,000 tonnes $ 8.25",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_company_named_with_and_without_its_legal_form_is_one() {
    let x = extract(
        "Siemens AG unveiled a new train on Friday. Shares of Siemens rose, and analysts at Telemby Qorvash said the move could hurt rivals.",
    );
    let orgs = &x.entities.organizations;
    assert_eq!(names(orgs), ["Siemens AG", "Telemby Qorvash"]);
    assert_eq!(orgs[0].forms, ["Siemens"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A word of reach, and a quote's closing mark before the short name (no sentence starts
    // there).
    let x = extract(
        "Amnesty International condemned the raids. \"They are cruel,\" Amnesty said on Monday.",
    );
    assert_eq!(names(&x.entities.organizations), ["Amnesty International"]);
    assert_eq!(quotes(&x), [("They are cruel,", Some("Amnesty International"))]);
}

#[test]
fn a_one_word_name_titled_elsewhere_that_speaks_is_that_person() {
    let x = extract(
        "President Qorvashto met them in 1975. \"We want your understanding,\" Qorvashto told his visitors.",
    );
    assert_eq!(names(&x.entities.persons), ["Qorvashto"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_line_of_business_ends_a_company_name_but_does_not_split_a_longer_one() {
    let x = extract(
        "Shares in Qorvash Properties rose on Friday, said an analyst at Telemby Vorsk Securities. The Vorland Securities and Investments Commission said it was watching.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Qorvash Properties",
            "Telemby Vorsk Securities",
            "Vorland Securities and Investments Commission"
        ]
    );
    assert!(x.entities.persons.is_empty() && x.entities.locations.is_empty());
    // A firm of brothers: `a trader with Telemby Brothers`, not a person.
    let x = extract("\"Prices will fall,\" said a trader with Telemby Brothers in London.");
    assert_eq!(names(&x.entities.organizations), ["Telemby Brothers"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_name_listed_with_an_organization_is_one_and_a_price_that_adds_is_no_speaker() {
    let x = extract(
        "Economists at Vorland Bank and Telemby said rates would rise. Qorvash Zelenko added 1.25 to 17.50 and Marrow added five cents.",
    );
    // (A share price moved: Qorvash Zelenko is a company.)
    assert_eq!(names(&x.entities.organizations), ["Vorland Bank", "Telemby", "Qorvash Zelenko"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("Staff at Qorvashpac and the Vorland National Bank went on strike.");
    assert_eq!(names(&x.entities.organizations), ["Qorvashpac", "Vorland National Bank"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("Qorvashpac and VZB say they will not change their rates.");
    assert_eq!(names(&x.entities.organizations), ["Qorvashpac", "VZB"]);
    // A known surname listed with an organization stays a person's.
    let x = extract("Talks between Johnson and the Vorland National Bank ended, Johnson said.");
    assert_eq!(names(&x.entities.persons), ["Johnson"]);
    // One who adds something to what was said is still someone.
    let x = extract("The plan will fail, Qorvash Zelenko added.");
    assert_eq!(names(&x.entities.persons), ["Qorvash Zelenko"]);
}

#[test]
fn scorers_in_brackets_are_people_and_teams_named_after_places_are_teams() {
    let x = extract(
        "Summaries of matches played on Saturday:\nVorsk United 2 (Telemby 23, Qorvash 67) Feyenoord 1 (Marrow 45). Halftime 1-1. Attendance 45,000",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk United", "Feyenoord"]);
    assert_eq!(names(&x.entities.persons), ["Telemby", "Qorvash", "Marrow"]);
    // A place of two words and a capitalized plural is a team, a state's name too.
    let x = extract("The Green Bay Packers beat the New York Giants 31-3 on Sunday.");
    assert_eq!(names(&x.entities.organizations), ["Green Bay Packers", "New York Giants"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_town_in_brackets_after_a_ranked_player_is_the_club_a_country_the_nation() {
    let x = extract(
        "Top scorers after Saturday's matches:\n12 - Ilse Telemby (Newcastle)\n11 - Anna Qorvash (Arsenal)\n10 - Jane Marrow (Germany)",
    );
    assert_eq!(names(&x.entities.persons), ["Ilse Telemby", "Anna Qorvash", "Jane Marrow"]);
    assert_eq!(names(&x.entities.organizations), ["Newcastle", "Arsenal"]);
    assert_eq!(places(&x), [("Germany", Some("DE"))]);
    // Not in prose: `Jane Roe (Newcastle) said`.
    let x = extract("The winner, Ilse Telemby (Newcastle), said she was tired.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_headline_in_capitals_names_the_person_of_the_story_not_a_place_of_that_name() {
    let x = extract(
        "CRICKET - LARA ENDURES ANOTHER BAD DAY .\nBrian Lara made only 12 as his side slumped on Friday .",
    );
    assert_eq!(names(&x.entities.persons), ["Brian Lara"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // The same when the text uses the surname alone, a state's name too, in ordinary case.
    let x = extract(
        "TENNIS - VICTORIA BEATEN IN FINAL .\nMara Victoria lost the final on Sunday .\nVictoria said she was tired .",
    );
    assert_eq!(names(&x.entities.persons), ["Mara Victoria"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_given_name_that_is_also_a_law_or_event_word_starts_a_name() {
    let x = extract(
        "President Bill Telemby signed the Clean Water Bill on Friday. Bill Qorvash attended.",
    );
    assert_eq!(names(&x.entities.persons), ["Bill Telemby", "Bill Qorvash"]);
    assert!(x.entities.organizations.is_empty() && x.entities.locations.is_empty());
}

#[test]
fn australian_states_named_by_their_abbreviations_are_places() {
    let x = extract("Crews from NSW and the ACT flew to Qld and the NT on Monday.");
    assert_eq!(
        places(&x),
        [("NSW", Some("AU")), ("ACT", Some("AU")), ("Qld", Some("AU")), ("NT", Some("AU"))]
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn nationalities_of_two_words_are_no_names_and_channels_are_networks() {
    let x =
        extract("Sri Lankan officials and New Zealanders met Jane Telemby, Channel Nine reported.");
    assert_eq!(names(&x.entities.persons), ["Jane Telemby"]);
    assert_eq!(names(&x.entities.organizations), ["Channel Nine"]);
}

#[test]
fn two_places_joined_by_and_stay_places_and_a_sentence_opener_before_the_is_no_name() {
    let x = extract("Troops left the Gaza Strip and West Bank on Friday.");
    assert_eq!(places(&x).iter().map(|p| p.0).collect::<Vec<_>>(), ["Gaza Strip", "West Bank"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    let x = extract("Named the Vorland Security Assistance Force, the troops will land in May.");
    assert_eq!(names(&x.entities.organizations), ["Vorland Security Assistance Force"]);
    // A town named with an izafat is a town, not an armed group.
    let x = extract("Fighting broke out near Mazar-e-Sharif on Friday.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn the_leader_who_names_a_government_is_a_person() {
    let x = extract(
        "A senior Johnson administration official and the Howard Government rejected the plan.",
    );
    assert_eq!(names(&x.entities.persons), ["Johnson", "Howard"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // Not a government named after its place or level.
    let x = extract("The Federal Government and the Vorland government rejected the plan.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn names_inside_hyphenated_modifiers_are_named() {
    let x = extract(
        "The US-led coalition met anti-Taliban fighters, pro-Moscow groups and anti-Zorvak rebels. Anti-Hamas protests followed.",
    );
    assert_eq!(names(&x.entities.organizations), ["Taliban", "Zorvak", "Hamas"]);
    assert_eq!(places(&x), [("US", Some("US")), ("Moscow", Some("RU"))]);
    // A nationality after the prefix names no one; a capitalized prefix may open a name.
    let x = extract("Pro-Iranian militants and pro-Western rebels met the Anti-Defamation League.");
    assert_eq!(names(&x.entities.organizations), ["Anti-Defamation League"]);
}

#[test]
fn a_given_name_and_a_place_word_that_is_a_surname_is_a_person_with_evidence() {
    let x =
        extract("Andrew Park, 45, said the plan would fail. The talks were held at Albert Park.");
    assert_eq!(names(&x.entities.persons), ["Andrew Park"]);
    assert_eq!(places(&x).iter().map(|p| p.0).collect::<Vec<_>>(), ["Albert Park"]);
}

#[test]
fn a_first_word_the_text_also_writes_in_lower_case_is_no_place() {
    let x = extract("Man charged over Vorsk shooting\nA man was charged on Friday in Perth.");
    assert_eq!(places(&x).iter().map(|p| p.0).collect::<Vec<_>>(), ["Perth"]);
}

#[test]
fn regions_news_names_are_places() {
    let x = extract(
        "Trade with the Far East grew, rents in Greater Sydney rose and the West Indies toured.",
    );
    assert_eq!(
        places(&x),
        [("Far East", None), ("Greater Sydney", Some("AU")), ("West Indies", None)]
    );
    assert!(x.entities.persons.is_empty() && x.entities.organizations.is_empty());
}

#[test]
fn standings_by_surname_after_a_results_list_are_the_people_named_above() {
    let x = extract(
        "Leading results of the downhill race on Friday:\n1. Ilse Qorvash (Norway) 1:47.62\n2. Mara Telemby (Austria) 1:48.11\nStandings after three races:\n1. Qorvash 320 points\n2. Telemby 260",
    );
    assert_eq!(names(&x.entities.persons), ["Ilse Qorvash", "Mara Telemby"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn the_fielders_and_bowlers_of_a_cricket_scorecard_are_people() {
    let x = extract(
        "Vorland first innings\nQ. Telemby c Marrow b Zorvak 30\nI. Ruiz lbw b Qell 12\nJ. Vries st Ilsen b Zorvak 4\nTotal (for 3 wickets) 46",
    );
    let p = names(&x.entities.persons);
    for name in ["Marrow", "Zorvak", "Qell", "Ilsen"] {
        assert!(p.contains(&name), "{name} in {p:?}");
    }
    // A fielder named like a state, a bowler named like a title.
    let x = extract(
        "Vorland first innings\nQ. Telemby c Victoria b Bishop 30\nTotal (for 1 wicket) 30",
    );
    let p = names(&x.entities.persons);
    assert!(p.contains(&"Victoria") && p.contains(&"Bishop"), "{p:?}");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // A `b` in ordinary prose is no bowler.
    let x = extract("Plan b Telvorix was dropped in 2024.");
    assert!(names(&x.entities.persons).is_empty());
}

#[test]
fn a_name_before_a_lower_case_feature_noun_is_a_place() {
    let x = extract(
        "Officials met at the Qorvash crossing on Wednesday. Troops held the Telmby checkpoint and the Zorvak gorge.",
    );
    let p: Vec<&str> = places(&x).iter().map(|(n, _)| *n).collect();
    assert_eq!(p, ["Qorvash", "Telmby", "Zorvak"], "{:?}", x.entities.locations);
    // Heads that follow adjectives as often as names are left out (`the Chechen border`).
    let x = extract("Troops sealed the Chechen border and the Tibetan plateau.");
    assert!(places(&x).is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn listed_companies_are_organizations_without_a_cue() {
    let x =
        extract("Shares of Qorvash Mining fell, while Intel and Siemens also gained on Tuesday.");
    let orgs = names(&x.entities.organizations);
    assert!(orgs.contains(&"Intel") && orgs.contains(&"Siemens"), "{orgs:?}");
    // Large companies that are no listed index's constituents, and a local arm's parent.
    let x = extract(
        "Analysts expect Wesfarmers to lift its dividend, while Tabcorp held steady and \
         Louis Dreyfus bought wheat.",
    );
    assert_eq!(names(&x.entities.organizations), ["Wesfarmers", "Tabcorp", "Louis Dreyfus"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // Company names that are words, names or nationalities elsewhere are left to the context.
    let x = extract("American officials met Jane Ford in Target, Minnesota, on Monday.");
    let orgs = names(&x.entities.organizations);
    assert!(!orgs.iter().any(|o| ["American", "Ford", "Target"].contains(o)), "{orgs:?}");
}

#[test]
fn a_persons_office_or_spokesman_speaks_for_the_person() {
    for text in [
        "\"We will not go,\" a statement from Prime Minister Jane Telemby's office said.",
        "\"We will not go,\" President Jane Telemby's spokesman said.",
        "President Jane Telemby's office said: \"We will not go.\"",
    ] {
        let x = extract(text);
        let speakers: Vec<Option<&str>> = quotes(&x).iter().map(|q| q.1).collect();
        assert_eq!(speakers, [Some("Jane Telemby")], "{text}");
    }
}

#[test]
fn a_name_with_a_possessive_inside_is_one_organization() {
    let x = extract(
        "Vorsk County Sheriff's Department said the gunman died. She was taken to the Royal Children's Hospital in Melbourne.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorsk County Sheriff's Department", "Royal Children's Hospital"]
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A newspaper named as a daily.
    let x = extract("The People's Daily said the talks failed. The Vorsk Daily agreed.");
    assert_eq!(names(&x.entities.organizations), ["People's Daily", "Vorsk Daily"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A person's possessive before a name stays a person's.
    let x = extract("Rupert Murdoch's News Corporation bought the paper on Friday.");
    assert_eq!(names(&x.entities.persons), ["Rupert Murdoch"]);
    assert_eq!(names(&x.entities.organizations), ["News Corporation"]);
}

#[test]
fn players_of_a_match_with_set_scores_are_people_not_teams() {
    let x = extract("Results on Tuesday:\nTelemby beat Qorvash 6-4 6-3\nIlsen beat Marrow 7-5 6-2");
    assert_eq!(names(&x.entities.persons), ["Telemby", "Qorvash", "Ilsen", "Marrow"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // One score: teams.
    let x = extract("Vorsk Rovers beat Qell United 2-1 on Sunday.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Rovers", "Qell United"]);
}

#[test]
fn a_role_in_lower_case_names_the_person_after_it_whatever_towns_the_words_name() {
    // `Shu` and `Kamo` are towns too.
    let x = extract("Kazakh striker Shu Kamo scored twice. The striker said he was pleased.");
    assert_eq!(names(&x.entities.persons), ["Shu Kamo"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    let x = extract("Her husband Kamo Shu and his sister Elizabeth were at the ground.");
    assert_eq!(names(&x.entities.persons), ["Kamo Shu", "Elizabeth"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // The name in apposition to a role.
    let x = extract("He was replaced by his former foreign minister, Kamo Shu.");
    assert_eq!(names(&x.entities.persons), ["Kamo Shu"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    let x = extract("He met the foreign minister, New York's mayor and the premier.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A big city alone is no name; an adjective is no role.
    let x = extract(
        "The coach Sydney hired left. A major Japanese bank lent to a premier Sydney club.",
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert_eq!(places(&x), [("Sydney", Some("AU"))]);
}

#[test]
fn a_town_before_a_role_in_a_team_is_the_team_a_country_the_national_side() {
    let x = extract(
        "The visitors' Vorsk striker Ilse Telemby and Bath flanker Joan Qorvash were recalled, Kenya coach Anna Marrow said.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk", "Bath"]);
    assert_eq!(places(&x), [("Kenya", Some("KE"))]);
    // A sentence's first word is no team: `Leg spinner Jane Roe`.
    let x = extract("Leg spinner Ilse Telemby took four wickets.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn towns_in_brackets_after_the_players_of_a_squad_are_their_clubs() {
    let x = extract(
        "Squad: Ilse Telemby (Newcastle), Joan Qorvash (Bath), Anna Marrow (Harlequins), Jane Ilsen (Kenya).",
    );
    assert_eq!(names(&x.entities.organizations), ["Newcastle", "Bath", "Harlequins"]);
    assert_eq!(places(&x), [("Kenya", Some("KE"))]);
}

#[test]
fn an_initial_that_is_also_an_article_starts_a_name() {
    let x = extract("Vorsk 259 (A. Telemby 69, H. Qorvash 51; I. Marrow 4-43), Qell 114.");
    assert_eq!(names(&x.entities.persons), ["A. Telemby", "H. Qorvash", "I. Marrow"]);
}

#[test]
fn results_lines_name_teams_by_places_written_without_a_stop_or_by_a_cue_word() {
    let x = extract(
        "Results of games on Thursday (home team in CAPS):\nPhoenix 3 ST LOUIS 0\nTampa Bay 2 QELL 1",
    );
    assert_eq!(names(&x.entities.organizations), ["Phoenix", "ST LOUIS", "Tampa Bay", "QELL"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // In prose, the city.
    let x = extract("She flew to St Louis on Monday.");
    assert_eq!(places(&x), [("St Louis", Some("US"))]);
}

#[test]
fn an_apposition_between_a_name_and_its_verb_before_a_quote_keeps_the_name() {
    for (text, who) in [
        (
            "Ilse Telemby shot a 67 on Thursday. Telemby, the world number one, said: \"I putted well.\"",
            "Ilse Telemby",
        ),
        ("Ilse Telemby shot a 67. Telemby, 41, said: \"I putted well.\"", "Ilse Telemby"),
        (
            "Ilse Telemby shot a 67. The coach, Joan Qorvash, said: \"She putted well.\"",
            "Joan Qorvash",
        ),
    ] {
        let x = extract(text);
        let speakers: Vec<Option<&str>> = quotes(&x).iter().map(|q| q.1).collect();
        assert_eq!(speakers, [Some(who)], "{text}");
    }
}

#[test]
fn letters_after_a_name_are_no_part_of_it_and_name_nothing() {
    let x = extract(
        "Counsel assisting Ilse Telemby QC told the inquiry that Joan Qorvash MP had resigned. Ms Telemby said she was sorry.",
    );
    assert_eq!(names(&x.entities.persons), ["Ilse Telemby", "Joan Qorvash"]);
    assert_eq!(person(&x, "Ilse Telemby").count, 2);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_title_or_role_before_a_name_is_left_out_of_it() {
    let x =
        extract("Fans mourned former Beatle George Wilson. Doctor Qorvash said he died in peace.");
    assert_eq!(names(&x.entities.persons), ["George Wilson", "Qorvash"]);
    // Plural cues end organizations' names too.
    let x = extract("The Vorsk Martyrs Brigades said it fired the rockets.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Martyrs Brigades"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn an_acronym_and_a_named_organization_are_two() {
    let x = extract("Officers of VSIO and Federal Police searched the house at 10am ACDT.");
    assert_eq!(names(&x.entities.organizations), ["VSIO", "Federal Police"]);
}

#[test]
fn an_acronym_and_the_name_it_abbreviates_are_one_organization() {
    // Full name first, then the acronym.
    let x = extract(
        "Delegates of the Vorsk Timber Exporters Council met on Monday. VTEC said output would rise.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Timber Exporters Council"]);
    assert_eq!(x.entities.organizations[0].forms, ["VTEC"]);
    // The acronym first: the full name is the entity's name.
    let x = extract(
        "VTEC said output would rise. The Vorsk Timber Exporters Council has nine members.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Timber Exporters Council"]);
    // Other initials: two organizations.
    let x =
        extract("The Vorsk Timber Exporters Council met on Monday. VTC said output would rise.");
    assert_eq!(names(&x.entities.organizations).len(), 2, "{:?}", x.entities.organizations);
}

#[test]
fn a_role_in_an_apposition_is_person_evidence_and_nearby_names_a_place() {
    let x = extract(
        "Ilse Qorvash, the skipper of the yacht, says the start was fair. Residents left for nearby Bowral.",
    );
    assert_eq!(names(&x.entities.persons), ["Ilse Qorvash"]);
    assert_eq!(places(&x), [("Bowral", Some("AU"))]);
    // No role there: no evidence.
    let x = extract("Vorsk Qell, the capital of the region, is quiet.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn the_title_with_words_that_qualify_it_names_who_holds_it() {
    let x = extract(
        "Opposition Leader Ilse Telemby met the board on Monday. Mr Qorvash was there too. \"We must change,\" the Opposition leader said.",
    );
    assert_eq!(quotes(&x), [("We must change,", Some("Ilse Telemby"))]);
    let x = extract(
        "Vorskian leader Ilse Telemby and Qellish leader Joan Qorvash met. \"We will talk again,\" the Vorskian leader said.",
    );
    assert_eq!(quotes(&x), [("We will talk again,", Some("Ilse Telemby"))]);
    let x = extract(
        "Palestinian leader Ilse Telemby and Israeli leader Joan Qorvash met. \"We will talk again,\" the Palestinian leader said.",
    );
    assert_eq!(quotes(&x), [("We will talk again,", Some("Ilse Telemby"))]);
}

#[test]
fn plural_lines_of_business_end_firms_names_and_diseases_are_no_organizations() {
    let x = extract("Officials of the Red Cross said BSE was found.");
    assert_eq!(names(&x.entities.organizations), ["Red Cross"]);
    // Plural lines of business end firms' names.
    let x = extract("Allied Vorsk Banks fell 5 pence, dealers at Jane Stockbrokers said.");
    assert_eq!(names(&x.entities.organizations), ["Allied Vorsk Banks", "Jane Stockbrokers"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn someone_named_after_the_last_quotes_sentence_takes_over_as_he() {
    for (text, who) in [
        (
            "Jack Telemby said the talks went well. \"We are happy,\" Mr Telemby said. A delegate from the Vorsk group, John Qorvash, summed up the mood. \"Two things are clear,\" he said.",
            "John Qorvash",
        ),
        (
            "Jack Telemby said the talks went well. \"We are happy,\" Mr Telemby said. Vorskian captain John Qorvash expects more. \"We will be better,\" he said.",
            "John Qorvash",
        ),
    ] {
        let x = extract(text);
        let speakers: Vec<Option<&str>> = quotes(&x).iter().map(|q| q.1).collect();
        assert_eq!(speakers, [Some("Jack Telemby"), Some(who)], "{text}");
    }
}

#[test]
fn someone_unnamed_brought_in_with_a_speaks_for_no_one_named() {
    let x = extract(
        "Jack Telemby met both sides. \"We made progress,\" Mr Telemby said. A diplomatic source told reporters: \"He will stay.\" The source said: \"He must.\"",
    );
    let speakers: Vec<Option<&str>> = quotes(&x).iter().map(|q| q.1).collect();
    assert_eq!(speakers[..2], [Some("Jack Telemby"), None]);
}

#[test]
fn a_known_organization_grows_to_a_cue_word_further_on() {
    let x = extract("The Senate Vorsk Affairs Committee met the United Nations Security Council.");
    assert_eq!(
        names(&x.entities.organizations),
        ["Senate Vorsk Affairs Committee", "United Nations Security Council"]
    );
}

#[test]
fn competitors_with_their_country_in_a_ranked_list_are_people() {
    let x = extract(
        "Leading results on Friday:\n1. Ilse Qorvanko (Sweden) 12.60 seconds\n2. Aliuska Telembo (Cuba) 12.77",
    );
    assert_eq!(names(&x.entities.persons), ["Ilse Qorvanko", "Aliuska Telembo"]);
    assert_eq!(places(&x), [("Sweden", Some("SE")), ("Cuba", Some("CU"))]);
    // Not in prose.
    let x = extract("Vorsk Telembo (Cuba) opened a plant on Friday.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_city_and_two_words_ending_in_a_plural_is_a_team() {
    let x = extract("The Vorsk Indians beat the Toronto Blue Jays 3-2 in 10 innings.");
    assert!(names(&x.entities.organizations).contains(&"Toronto Blue Jays"));
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_firm_of_two_names_joined_by_and_is_one_organization() {
    let x = extract("The report by accountancy firm Telemby and Qorvash was tabled on Friday.");
    assert_eq!(names(&x.entities.organizations), ["Telemby and Qorvash"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn clubs_in_match_reports_a_city_and_a_word_before_a_role_a_relative_clause_a_defeat_by() {
    let x = extract(
        "Bristol Vorsk striker Jack Telemby scored as Vorsk beat Leeds 1-0. Newcastle, who drew 1-1 with Arsenal, stay top. Qell fell to a 2-0 defeat by Coventry.",
    );
    let orgs = names(&x.entities.organizations);
    for team in ["Bristol Vorsk", "Leeds", "Newcastle", "Arsenal", "Coventry"] {
        assert!(orgs.contains(&team), "{team}: {orgs:?}");
    }
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_name_whose_deed_is_its_own_is_an_organization() {
    let x = extract(
        "Shares rose after Telemby Qorvash raised its rating. Vorsk Qell said its profit rose. Jane Qell said her profit rose.",
    );
    assert_eq!(names(&x.entities.organizations), ["Telemby Qorvash", "Vorsk Qell"]);
    assert_eq!(names(&x.entities.persons), ["Jane Qell"]);
}

#[test]
fn where_people_work_is_an_organization_whatever_names_its_words_are() {
    let x = extract(
        "Analysts at Gordon Lynch expect rates to fall, and a dealer at Tessa Morrow called the market quiet. Staff at Jane Roe's office were told on Friday.",
    );
    assert_eq!(names(&x.entities.organizations), ["Gordon Lynch", "Tessa Morrow"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn a_state_named_like_a_big_city_and_a_plural_is_a_team() {
    let x = extract("The Washington Vorsks beat the Dallas Qells 21-6 on Sunday.");
    assert_eq!(names(&x.entities.organizations), ["Washington Vorsks", "Dallas Qells"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_role_that_opens_a_sentence_names_the_person_after_it() {
    let x = extract(
        "The colt won by a length. Jockey Michael Hills rode him. Trainer Jane Park said he was sound.",
    );
    assert_eq!(names(&x.entities.persons), ["Michael Hills", "Jane Park"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_firm_named_with_its_country_and_another_firm_are_two_organizations() {
    let x = extract("Vorsk Australia and Telemby Airways Ltd raised their fares on Friday.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Australia", "Telemby Airways Ltd"]);
}

#[test]
fn names_on_a_line_of_scorers_are_players() {
    let x = extract(
        "Result of the cup tie on Wednesday:\nVorsk 3 Qell 1\nScorers: Vorsk - Telemby 24, Marrow 53, Qorvash 87\nQell - Brennock 89\nAttendance: 28,670",
    );
    assert_eq!(names(&x.entities.persons), ["Telemby", "Marrow", "Qorvash", "Brennock"]);
    assert_eq!(names(&x.entities.organizations), ["Vorsk", "Qell"]);
}

#[test]
fn a_ranked_competitor_whose_surname_is_a_place_cue_is_a_person() {
    let x = extract(
        "Leading results of the downhill on Saturday:\n1. Jane Roe (Germany) 1:45.67\n2. Kelda Street (Canada) 1:46.02",
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe", "Kelda Street"]);
    assert_eq!(places(&x), [("Germany", Some("DE")), ("Canada", Some("CA"))]);
}

#[test]
fn a_name_listed_with_an_organization_takes_the_words_set_aside_before_it() {
    let x = extract("Hamas and Islamic Vorsk vowed to go on with the attacks.");
    assert_eq!(names(&x.entities.organizations), ["Hamas", "Islamic Vorsk"]);
}

#[test]
fn a_team_named_by_its_maker_is_an_organization() {
    let x = extract("Jane Roe has signed a new contract with the Telemby team for next season.");
    assert_eq!(names(&x.entities.organizations), ["Telemby"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn a_person_before_of_is_no_part_of_the_firm_after_it() {
    let x = extract(
        "\"Buying came from funds,\" said Lai Kwok-hung of Vorsk Securities. Jane Roe of Telemby Holdings agreed.",
    );
    assert_eq!(names(&x.entities.persons), ["Lai Kwok-hung", "Jane Roe"]);
    assert_eq!(names(&x.entities.organizations), ["Vorsk Securities", "Telemby Holdings"]);
    let x = extract("The Bank of Vorsk and the Institute of Telemby Studies said so.");
    assert_eq!(names(&x.entities.organizations), ["Bank of Vorsk", "Institute of Telemby Studies"]);
}

#[test]
fn a_market_index_named_after_a_firm_is_no_person() {
    let x = extract("The Telemby Qorvash index rose 2 percent, and the Vorsk average fell.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_line_in_capitals_over_dashed_items_names_their_source() {
    let x = extract(
        "These are the leading stories in the Vorland press on Friday.\nVORSK TIMES\n- The minister resigns.\nTELEMBY\n- Prices rise.\nKEY POINTS\n- The key points of the points plan.",
    );
    assert_eq!(names(&x.entities.organizations), ["VORSK TIMES", "TELEMBY"]);
}

#[test]
fn german_cities_named_with_their_river_are_found_by_their_short_name() {
    let x = extract("The minister flew to Frankfurt on Friday and went on to Marburg.");
    assert_eq!(places(&x), [("Frankfurt", Some("DE")), ("Marburg", Some("DE"))]);
    let frankfurt = &x.entities.locations[0];
    assert_eq!(frankfurt.geonames_id, Some(2925533), "Frankfurt am Main, the bigger one");
}

#[test]
fn an_organizations_head_word_takes_of_the_and_for_the_with_its_purpose() {
    let x = extract(
        "The Vorland Committee of the Red Crescent and the National Council for the Defence of Telemby met on Friday. Jane Roe, a fellow of the Qorvash University for the Vorsk Bureau of Statistics, was there.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Vorland Committee of the Red Crescent",
            "National Council for the Defence of Telemby",
            "Qorvash University",
            "Vorsk Bureau of Statistics"
        ]
    );
}

#[test]
fn a_coalition_an_alliance_or_a_publisher_named_after_its_noun_is_an_organization() {
    let x = extract(
        "The opposition coalition Zorvask vowed to march again, and the publisher Telembo said it would print the call.",
    );
    assert_eq!(names(&x.entities.organizations), ["Zorvask", "Telembo"]);
}

#[test]
fn clubs_named_by_a_city_and_a_word_in_results_and_reports() {
    let x = extract(
        "Results of cup matches on Wednesday:\nVorsk 2 Manchester United 0, Qell 1 Telemby 1\nLeaders Qorvash beat Dundee United 2-0 and Brennock were held to a 1-1 draw by Marrowby. Vorland beat the Zedders 34-19.",
    );
    let orgs = names(&x.entities.organizations);
    for team in
        ["Vorsk", "Manchester United", "Qell", "Telemby", "Qorvash", "Dundee United", "Marrowby"]
    {
        assert!(orgs.contains(&team), "{team}: {orgs:?}");
    }
    assert!(orgs.contains(&"Zedders"), "{orgs:?}");
    assert!(!orgs.contains(&"Leaders Qorvash"), "{orgs:?}");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_players_deed_or_a_particle_after_a_town_named_given_name_makes_a_person() {
    let x = extract(
        "Pierre van Telemby scored twice for the club. Zoran Qorvashi made 68 and Keld Marrowby carded a 66.",
    );
    assert_eq!(
        names(&x.entities.persons),
        ["Pierre van Telemby", "Zoran Qorvashi", "Keld Marrowby"]
    );
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn named_institutions_without_a_cue_word_are_organizations() {
    // Legislatures, agencies and central banks that WordNet names (orgs.tsv): no cue word and no
    // context says what they are.
    let x = extract(
        "Officials said Mossad had made the decision.\nThe move by the Knesset surprised \
         Vorsk, and the Bundesbank left rates unchanged after talks with Interpol.",
    );
    assert_eq!(names(&x.entities.organizations), ["Mossad", "Knesset", "Bundesbank", "Interpol"]);
    // A faith is no organization, and a common word that WordNet capitalizes for a department
    // stays a word.
    let x = extract("Scholars of Buddhism met officials of the Treasury in Vorsk.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn an_apposition_that_ends_in_a_kind_of_organization_names_one() {
    let x = extract(
        "The report was confirmed by Qorvash, the Dutch news agency, on Monday.\n\
         Talks with Telembair, a state-owned airline. Jane Marrow, the group leader, said no.\n\
         She met Vorskin, the company's chairman.",
    );
    assert_eq!(names(&x.entities.organizations), ["Qorvash", "Telembair"]);
}

#[test]
fn what_quotes_someone_as_saying_is_a_paper_or_an_agency() {
    let x = extract("Qorvash quoted Jane Marrow as saying the talks would resume.");
    assert_eq!(names(&x.entities.organizations), ["Qorvash"]);
    assert_eq!(names(&x.entities.persons), ["Jane Marrow"]);
}

#[test]
fn a_name_of_two_words_after_a_foreign_article_is_nobody() {
    // `Le` and `Il` are given names in the lists, but `Le X` and `Die X` name papers.
    let x = extract(
        "The French daily Le Vorskel said the plan would fail.\nDie Qorvash said Bonn would \
         wait, and Il Telembo agreed.\nPresident Le Van Marrow said nothing.",
    );
    assert_eq!(names(&x.entities.organizations), ["Le Vorskel"]);
    assert_eq!(names(&x.entities.persons), ["Le Van Marrow"]);
}

#[test]
fn an_operation_is_an_event_whatever_places_it_names() {
    let x = extract("Operation Desert Shield began in Kuwait. Operation Qorvash Bay ended.");
    assert!(x.entities.organizations.is_empty() && x.entities.persons.is_empty());
    assert_eq!(place_names(&x), ["Kuwait"]);
}

#[test]
fn a_firm_that_opens_with_an_acronym_before_and_is_one_of_two() {
    let x = extract(
        "Shares rose in QXT Vorskel and Telembo Corporation.\nThe US Patent and Trademark \
         Office and the Australian Competition and Consumer Commission agreed.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "QXT Vorskel",
            "Telembo Corporation",
            "Patent and Trademark Office",
            "Australian Competition and Consumer Commission"
        ]
    );
    assert_eq!(place_names(&x), ["US"]);
}

#[test]
fn an_organization_headed_before_of_or_for_ends_at_a_title_before_a_given_name() {
    let x = extract(
        "Fund for Qorvash Peace Director Jane Roe said the index was grim.
The Department of \
         Prime Minister and Cabinet declined to comment.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Fund for Qorvash Peace", "Department of Prime Minister and Cabinet"]
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn a_firm_before_and_an_airline_is_one_of_two() {
    let x = extract("QXT Insurance and Telembo Airways signed a deal on Monday.");
    assert_eq!(names(&x.entities.organizations), ["QXT Insurance", "Telembo Airways"]);
}

#[test]
fn names_in_copy_spaced_around_apostrophes_are_found_as_in_plain_copy() {
    let plain = extract("The Vorsk Farmers' Union said Telembo's Jane Roe was wrong.");
    let spaced = extract("The Vorsk Farmers ' Union said Telembo 's Jane Roe was wrong .");
    assert_eq!(names(&plain.entities.organizations), ["Vorsk Farmers' Union", "Telembo"]);
    assert_eq!(names(&spaced.entities.organizations), ["Vorsk Farmers ' Union", "Telembo"]);
    assert_eq!(names(&plain.entities.persons), names(&spaced.entities.persons));
}

#[test]
fn a_lead_word_capitalized_inside_a_sentence_opens_a_name() {
    let x = extract("Delegates of the All Qorvash Congress met in The Hague on Monday.");
    assert_eq!(names(&x.entities.organizations), ["All Qorvash Congress"]);
    assert_eq!(place_names(&x), ["The Hague"]);
    // Opening a sentence, `All` and `The` are no part of a name.
    let x = extract("All Qorvash Congress members left. The Vorsk Party won.");
    assert_eq!(names(&x.entities.organizations), ["Qorvash Congress", "Vorsk Party"]);
}

#[test]
fn a_noun_for_a_person_opening_a_sentence_before_a_given_name_is_no_part_of_the_name() {
    let x = extract(
        "Referee Mitch Qorvash stopped the fight.\nSurgeon Anna Telembo, who led the team, spoke.",
    );
    assert_eq!(names(&x.entities.persons), ["Mitch Qorvash", "Anna Telembo"]);
    // Not before a word that is no given name.
    let x = extract("Referee Qorvash Telembo was named.");
    assert!(!names(&x.entities.persons).contains(&"Qorvash Telembo"));
}

#[test]
fn a_participle_opening_a_sentence_is_no_part_of_the_name_after_it() {
    let x = extract("Neighbouring Pakistan, widely seen as its backer, denied it.");
    assert_eq!(place_names(&x), ["Pakistan"]);
    // Before words that name nothing known, or a town, it is left as it was (a title, a
    // club).
    let x = extract("Daring Vorskball is a blog. I read Daring Vorskball daily.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("Sporting Gijon beat Valencia 2-1 on Sunday.");
    assert_eq!(names(&x.entities.organizations), ["Sporting Gijon", "Valencia"]);
}

#[test]
fn a_name_whose_share_price_moved_is_a_company() {
    let x = extract(
        "Shares were mixed.\nVorsk Qell gained 0.75 to HK$ 68.25, while Telembo eased 40 cents.\n\
         Miners were weaker and diamond group De Qorvash fell 1.75 rand to 139.25 rand.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Qell", "Telembo", "De Qorvash"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A price in a currency to a new price; whom one tells in capitals.
    let x = extract("Vorskle rose 21 francs to 1,421 , the manager told QRV-TASS on Monday.");
    assert_eq!(names(&x.entities.organizations), ["Vorskle", "QRV-TASS"]);
    // Strokes and points are no price.
    let x = extract("Jane Qell dropped 2 shots to 70. Vorskam rose 98 points.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_party_named_without_its_cue_word_after_its_full_name_is_that_party() {
    let x = extract(
        "Jane Roe, a member of the Vorsk Path Party, resigned.\nThe premier governs in coalition \
         with Vorsk Path, said an aide.",
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
    assert_eq!(names(&x.entities.organizations), ["Vorsk Path Party"]);
    assert_eq!(x.entities.organizations[0].forms, ["Vorsk Path"]);
}

#[test]
fn names_with_swahili_wa_or_the_given_name_les_are_persons() {
    let x = extract(
        "Prime Minister Kengo wa Telembo said talks had failed.\nGoals came from Les Ferdinand. \
         Ferdinand scored again.",
    );
    assert_eq!(names(&x.entities.persons), ["Kengo wa Telembo", "Les Ferdinand"]);
    // A paper is still nobody: `Les Echos`.
    let x = extract("The daily Les Echos said the deal was off.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn sides_in_capitals_or_of_two_names_in_results_and_standings_are_teams() {
    let x = extract(
        "Results on Thursday ( home team in CAPS ) :\nHouston 110 VORSK QELL 104\nStandings :\n\
         VORSK QELL 14 7 .667 1\nTELEMBO BAY 6 12 .333 8\nQRV Telembo 2 Vorskdorf 1",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Houston", "VORSK QELL", "TELEMBO BAY", "QRV Telembo", "Vorskdorf"]
    );
    // A country's name stays a place's, and a line of words is no row.
    let x = extract("FRANCE 3 2 1 0 5 2 7\nVORSK QELL 14 points behind the leaders 7");
    assert_eq!(place_names(&x), ["FRANCE"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_british_town_and_city_is_a_club() {
    let x = extract("He plays for Leicester City, who lost to Norwich City. In Gaza City, calm.");
    assert_eq!(names(&x.entities.organizations), ["Leicester City", "Norwich City"]);
    assert_eq!(place_names(&x), ["Gaza City"]);
}

#[test]
fn a_name_ends_before_a_date_and_a_modifier_names_no_team() {
    let x = extract("PRESS DIGEST - Vorskia - Jane Qorvash Dec 6 .\nThe list is short.");
    assert!(!names(&x.entities.persons).contains(&"Jane Qorvash Dec"));
    let x = extract(
        "Vorskia replied and Telembo-born fly-half Jane Qorvash kicked 11 points.\nCentre Ilse \
         Marrow scored twice.",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    assert_eq!(names(&x.entities.persons), ["Jane Qorvash", "Ilse Marrow"]);
}

#[test]
fn what_one_is_a_member_of_and_a_guerrilla_group_are_organizations() {
    let x = extract(
        "Jane Roe, a former member of the ultra-nationalist Grey Vorsks, had a card.\nThe \
         attack was blamed on the Shining Qell guerrilla group.",
    );
    assert_eq!(names(&x.entities.organizations), ["Grey Vorsks", "Shining Qell"]);
    // Not a family, a nationality, or a word before a group named after it.
    let x = extract(
        "He is a member of the Qorvash family. Members of the pro-Vorskian Telembo Party met. \
         The Vorskian militant group Hamas spoke.",
    );
    assert_eq!(names(&x.entities.organizations), ["Telembo Party", "Hamas"]);
}

#[test]
fn the_us_or_the_uk_before_a_body_of_its_government_is_a_place_used_attributively() {
    let x = extract(
        "The U.S. Vorsk Department and the UK Telembo Office agreed, as did US Vorsk Airways and the \
         U.S. Army.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorsk Department", "Telembo Office", "US Vorsk Airways", "U.S. Army"]
    );
    assert_eq!(place_names(&x), ["U.S.", "UK"]);
}

#[test]
fn a_team_in_capitals_in_a_table_is_the_team_of_the_report() {
    let x = extract(
        "Results ( home team in CAPS ) :\nIndiana 94 NEW JERSEY 88\nHOUSTON 109 Milwaukee 102\n\
         Hakeem Qorvash had 31 points for Houston , who improved to 18-2 .\nFans in Houston \
         cheered .",
    );
    assert_eq!(names(&x.entities.organizations), ["Indiana", "NEW JERSEY", "Houston", "Milwaukee"]);
    assert_eq!(x.entities.organizations[2].forms, ["HOUSTON"]);
    assert_eq!(place_names(&x), ["Houston"]);
    assert_eq!(names(&x.entities.persons), ["Hakeem Qorvash"]);
}

#[test]
fn a_player_s_figures_and_deeds_are_person_evidence() {
    let x = extract(
        "Anil Vorskam took four for 27 and Javagal Qorvash three for 31 .\nShivnarine Telembo \
         top-scored with 71 .",
    );
    assert_eq!(
        names(&x.entities.persons),
        ["Anil Vorskam", "Javagal Qorvash", "Shivnarine Telembo"]
    );
}

#[test]
fn sides_with_their_country_in_brackets_and_a_score_are_clubs() {
    let x = extract(
        "In Athens : Vorskiakos ( Greece ) 72 Telembo Madrid ( Spain ) 65\nIn Zagreb : \
         Qorvash Zagreb ( Croatia ) 83 Qell Berlin ( Germany ) 80",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorskiakos", "Telembo Madrid", "Qorvash Zagreb", "Qell Berlin"]
    );
    // Players named by common given names stay persons (a chess round), and half points
    // are no score.
    let x = extract(
        "In round 3 : Vladimir Vorskin ( Russia ) 1 Peter Qell ( India ) 0\nAnna Telemby ( Kenya ) \
         1/2 Jane Marrow ( Cuba ) 1/2",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // Athletes with times, ranks or rounds are persons.
    let x = extract(
        "Men 's 10,000 metres : 1. Jane Vorsk ( Kenya ) 26:38.08 2. Ann Qell ( Kenya ) 26:54.41\n\
         Jane Telembo ( Zimbabwe ) 68 68 , Ann Marrow ( Kenya ) 71 65",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_councillor_titled_cr_is_a_person_and_two_firms_joined_by_and_are_two() {
    let x = extract(
        "Vorsk councillor Linh Qorvash says residents were let down. \"The raids are welcome,\" \
         Cr Qorvash said.",
    );
    assert_eq!(names(&x.entities.persons), ["Linh Qorvash"]);
    assert_eq!(quotes(&x), [("The raids are welcome,", Some("Linh Qorvash"))]);
    let x = extract(
        "Vorsk Investments and Telembo Airlines bid. The Australian Securities and Investments \
         Commission said no.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Vorsk Investments",
            "Telembo Airlines",
            "Australian Securities and Investments Commission"
        ]
    );
}

#[test]
fn a_small_town_named_as_where_someone_is_from_is_a_place() {
    let x = extract(
        "Police said a Frankston man was charged. Growers between Walgett and Moree and a \
         family from Nimbin, 90 kilometres north of Bourke, lost stock.",
    );
    let places = place_names(&x);
    for town in ["Frankston", "Walgett", "Nimbin", "Bourke"] {
        assert!(places.contains(&town), "{town}: {places:?}");
    }
    // Not a name a person bears: `a letter from Howard`.
    let x = extract("He read a letter from Howard on Monday.");
    assert!(place_names(&x).is_empty(), "{:?}", place_names(&x));
}

#[test]
fn rules_of_names_leave_their_look_alikes_alone() {
    // A gerund opens the names of sport bodies and associations.
    let x = extract("Swimming Australia head coach Jane Qell said the team was ready.");
    assert_eq!(names(&x.entities.persons), ["Jane Qell"]);
    assert!(!place_names(&x).contains(&"Australia"), "{:?}", place_names(&x));
    // A publisher is a person; the company someone founded is no firm's name.
    let x = extract("Publishing was hard, publisher Jane Qorvash said.");
    assert_eq!(names(&x.entities.persons), ["Jane Qorvash"]);
    // A community is no organization.
    let x = extract("She is a member of the Vorskin community, he said.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A place that opens a longer name is not split from it.
    let x = extract("A spokesman for The Hague Qell Council said no.");
    assert!(!place_names(&x).contains(&"The Hague"), "{:?}", place_names(&x));
    // An index or a boxer's weight is no share price.
    let x = extract(
        "The broader Vorsk Ordinaries lost 0.4 per cent. Qell shed 20 pounds to make the weight.",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A firm of two trades joined by `and` is one.
    let x = extract("Shares of Vorsk Mining and Smelting Co Ltd rose.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Mining and Smelting Co Ltd"]);
}

#[test]
fn a_town_with_a_word_of_clubs_before_or_after_it_is_a_club() {
    let x = extract(
        "Manchester United dismissed their coach while Real Madrid appointed Jane Qell. Dynamo \
         Kiev and Blackburn Rovers drew. In Rapid City, calm.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Manchester United", "Real Madrid", "Dynamo Kiev", "Blackburn Rovers"]
    );
    assert_eq!(place_names(&x), ["Rapid City"]);
}

#[test]
fn a_city_right_before_a_club_of_one_word_opens_its_name() {
    let x = extract(
        "The Chicago Vorsk lost 98-90 to Telembo.\nBoston Qorvash 102 Telembo 99.\nIn Denver.",
    );
    assert_eq!(names(&x.entities.organizations), ["Chicago Vorsk", "Telembo", "Boston Qorvash"]);
    assert_eq!(place_names(&x), ["Denver"]);
}

#[test]
fn names_after_the_plural_of_a_kind_of_organization_are_organizations() {
    let x = extract(
        "The merger of Swiss drugs groups Vorskel and Qorvash was approved.\nThe airlines \
         Telembair and Marrowjet cut fares, but the firm Ernst and Young did not.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorskel", "Qorvash", "Telembair", "Marrowjet", "Ernst and Young"]
    );
}

#[test]
fn a_sea_gulf_or_cape_of_a_name_is_one_place() {
    let x = extract(
        "The tanker sank in the Sea of Qorvash, and another ran aground in the Gulf of \
         Mexico.\nShips in the Strait of Vorsk Telembo were warned.",
    );
    assert_eq!(place_names(&x), ["Sea of Qorvash", "Gulf of Mexico", "Strait of Vorsk Telembo"]);
}

#[test]
fn a_firm_that_speaks_stays_a_firm() {
    let x = extract("Shares of Vorskel Telembo rose after Vorskel Telembo said sales grew.");
    assert_eq!(names(&x.entities.organizations), ["Vorskel Telembo"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A titled person's name stays a person's, whatever their supporters do.
    let x = extract("Maulana Jane Marrow spoke.\nJane Marrow supporters said so.");
    assert_eq!(names(&x.entities.persons), ["Jane Marrow"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_short_name_in_brackets_after_an_organization_is_its_name() {
    let x = extract("Vorsk Engineering and Locomotive Co (Velco) rose 4 rupees.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Engineering and Locomotive Co"]);
    assert_eq!(x.entities.organizations[0].forms, ["Velco"]);
}

#[test]
fn a_word_that_is_no_given_name_before_a_country_is_a_branch_not_a_person() {
    let x = extract("Rowing Australia says the crew is ready.\nJane Jordan says she agrees.");
    assert_eq!(names(&x.entities.organizations), ["Rowing Australia"]);
    assert_eq!(names(&x.entities.persons), ["Jane Jordan"]);
}

#[test]
fn a_word_opening_a_sentence_that_says_it_is_a_name() {
    let x = extract(
        "Qorvashlink says it has received 5,000 claims.\nAnalysts say it is too early.\n\
         Vorskel says talks will resume.",
    );
    assert_eq!(names(&x.entities.organizations), ["Qorvashlink"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_name_whose_person_follows_its_possessive_is_the_team_or_firm() {
    let x = extract("Vorskari's Jane Telembo and Britain's Jack Marrow will be his main rivals.");
    assert_eq!(names(&x.entities.organizations), ["Vorskari"]);
    assert_eq!(names(&x.entities.persons), ["Jane Telembo", "Jack Marrow"]);
}

#[test]
fn a_city_that_a_result_befell_is_its_club() {
    let x = extract("Newcastle were held 1-1 at home on Saturday.\nLeeds was quiet.");
    assert_eq!(names(&x.entities.organizations), ["Newcastle"]);
    assert_eq!(places(&x), [("Leeds", Some("GB"))]);
}

#[test]
fn a_ships_name_is_no_entity() {
    let x = extract(
        "The tanker Telembo docked in Darwin.\nHe is held aboard the USS Qorvash in the Arabian \
         Sea.\nRescuers searched for the Jane Marrow, a ferry that sank off Vorsk Island.",
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert_eq!(place_names(&x), ["Darwin", "Arabian Sea", "Vorsk Island"]);
}

#[test]
fn gardens_mines_and_a_participle_opening_a_sentence() {
    let x = extract(
        "Fans flocked to Vorsk Square Garden.\nMount Qorvash Mines said output rose.\nSpeaking \
         on Telembo Radio, she said no.",
    );
    assert_eq!(place_names(&x), ["Vorsk Square Garden"]);
    assert_eq!(names(&x.entities.organizations), ["Mount Qorvash Mines", "Telembo Radio"]);
}

#[test]
fn where_a_journey_goes_or_starts_is_a_place() {
    // Towns named like people wait for the text to say they are places: a journey does.
    let x = extract("The crew sailed to Darwin on Monday.\nHe spoke to Smith.");
    assert_eq!(place_names(&x), ["Darwin"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_province_named_with_a_french_or_dutch_compass_word_is_found_in_english() {
    let x = extract(
        "Fighting spread to North Kivu and South Kivu provinces.\nFloods hit North Holland.",
    );
    assert_eq!(
        places(&x),
        [("North Kivu", Some("CD")), ("South Kivu", Some("CD")), ("North Holland", Some("NL"))]
    );
}

#[test]
fn a_date_after_a_port_in_a_fixtures_table_is_no_score() {
    let x = extract(
        "Crude fixtures reported on Friday:\nVorsk Driver 80,000 Ras Tanura / Rotterdam 15/12 W65.\n\
         Qorvash Star 130,000 Bonny / Rotterdam 20/12 W75.",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    assert!(places(&x).contains(&("Rotterdam", Some("NL"))), "{:?}", places(&x));
}

#[test]
fn a_campaign_fund_or_centre_for_a_cause_is_an_organization() {
    let x = extract(
        "The Campaign for Vorsk Democracy said prisoners should be freed.\nThe Fund for Qorvash \
         Peace and the Centre for Telembo Studies agreed.\nA report in the Centre for Marrow \
         Control Bulletin says so, at the Center of Time.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Campaign for Vorsk Democracy", "Fund for Qorvash Peace", "Centre for Telembo Studies"]
    );
}

#[test]
fn unions_after_names_a_group_that_monitors_and_a_listed_firm_before_and() {
    let x = extract(
        "The CFDT and Vorsk Qorvash unions were satisfied.\nAid agencies left.\nTelembo Now, an \
         Israeli group that monitors settlements, disagreed.\nQantas and Marrow Vorsk Bank rose.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["CFDT", "Vorsk Qorvash", "Telembo Now", "Qantas", "Marrow Vorsk Bank"]
    );
}

#[test]
fn states_of_the_past_are_places() {
    let x = extract(
        "The former Soviet Union broke up, as did Yugoslavia and Czechoslovakia.\nRebels in \
         eastern Zaire took Goma.",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    assert_eq!(
        places(&x),
        [
            ("Soviet Union", None),
            ("Yugoslavia", None),
            ("Czechoslovakia", None),
            ("Zaire", Some("CD")),
            ("Goma", Some("CD"))
        ]
    );
}

#[test]
fn an_apposition_whose_kind_of_organization_follows_a_preposition_is_about_a_person() {
    let x = extract("Jack Qorvash, the leader of the resistance movement, said he would return.");
    assert_eq!(names(&x.entities.persons), ["Jack Qorvash"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_sea_of_a_name_ends_before_a_weekday_and_keeps_its_gazetteer_row() {
    let x = extract("The rig exploded in the Gulf of Mexico Tuesday.");
    assert_eq!(place_names(&x), ["Gulf of Mexico"]);
}

#[test]
fn rules_for_ships_journeys_operations_and_firms_keep_to_their_words() {
    // A ship's owner is no ship; an operator of cruise ships is a firm.
    let x = extract(
        "The freighter docked in Fremantle, the ship's owner said.\nVorskival, a cruise \
         ship operator, said fares would rise.",
    );
    assert_eq!(places(&x), [("Fremantle", Some("AU"))]);
    assert_eq!(names(&x.entities.organizations), ["Vorskival"]);
    // A journey makes no place of an unknown word.
    let x = extract("He moved to Qorvashair last year, and flights from Vorskjet are cheap.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // An operation's name ends at a title; a charity named after one is an organization.
    let x = extract(
        "Operation Vorsk Borders Commander Jane Telembo said so.\nThe Operation Qorvash \
         Foundation helps.",
    );
    assert_eq!(names(&x.entities.persons), ["Jane Telembo"]);
    assert_eq!(names(&x.entities.organizations), ["Operation Qorvash Foundation"]);
    // An acronym before `and` splits a name only before a firm's cue.
    let x = extract("The VAAF Medical and Anti-Doping Commission met.");
    assert_eq!(names(&x.entities.organizations), ["VAAF Medical and Anti-Doping Commission"]);
}

#[test]
fn the_rules_of_heads_seas_operations_and_articles_stay_in_their_class() {
    // A miner in apposition is a person's description; a movement `of` troops is no body.
    let x = extract(
        "Jack Vorskel, a coal miner who was trapped, said he was fine.\nMovement of Iraqi troops \
         near the border worried Kuwait.",
    );
    assert_eq!(names(&x.entities.persons), ["Jack Vorskel"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A port of a city named with a stop word keeps it; an operation named with a military
    // cue is still an operation; a German paper named with a surname is no person.
    let x = extract(
        "Ships left the Port of New Orleans.\nOperation Allied Force began.\nHe told Der \
         Spiegel so.",
    );
    assert_eq!(place_names(&x), ["Port of New Orleans"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_firm_named_by_its_line_of_business_is_a_firm_unless_a_given_name_follows() {
    let x = extract(
        "Russian shares rose, led by oil major Vostokneft and gas monopoly Severgaz.\nThe strike \
         hit zinc producer Kormalco, and telephone giant Andinatel cut jobs.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vostokneft", "Severgaz", "Kormalco", "Andinatel"]
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A person of that trade has a given name; `major` after an article is no firm's noun;
    // a word opening a sentence before such a noun is no firm.
    let x = extract(
        "The film was made by producer Jerry Halvorsen.\nCattle producer Annette Kerslake said \
         rain was late.\nIt was a major Qorvash hospital.",
    );
    assert_eq!(names(&x.entities.persons), ["Jerry Halvorsen", "Annette Kerslake"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_share_price_in_pence_or_in_words_moved_a_firm() {
    let x = extract(
        "London shares fell. Barkwell slipped 4p to 389-1/2p and Dunmore eased 12c.\nHarlow \
         rose three percent to $11.85.",
    );
    assert_eq!(names(&x.entities.organizations), ["Barkwell", "Dunmore", "Harlow"]);
    // Not a number of anything else.
    let x = extract("Dunmore rose three places in the table.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_name_listed_with_a_known_firm_is_a_firm() {
    let x = extract(
        "Qantas and Vorsk Blue will share the routes. In a statement, Vorsk Blue said it would \
         add aircraft.",
    );
    assert_eq!(names(&x.entities.organizations), ["Qantas", "Vorsk Blue"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A person's given name first keeps it open; the first part of a longer name is not
    // known alone.
    let x = extract("Qantas and Jack Vorskel signed the deal, Vorskel said.");
    assert_eq!(names(&x.entities.persons), ["Jack Vorskel"]);
}

#[test]
fn a_name_in_commas_after_a_title_is_a_person_even_a_small_towns() {
    let x = extract(
        "He met Kenya's President, Olumide Qorvashi, and South Africa's President, Thabo \
         Mbeki, in the capital.",
    );
    assert_eq!(names(&x.entities.persons), ["Olumide Qorvashi", "Thabo Mbeki"]);
    assert_eq!(place_names(&x), ["Kenya", "South Africa"]);
    // Not a place in commas after a title's word used otherwise.
    let x = extract("The President, in Canberra, said so.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn where_a_person_lives_after_of_is_a_place() {
    let x = extract(
        "Peter Walsh, 61, of Wendouree, was fined. His neighbour Mary Lyle, of Ballan, gave \
         evidence, as did Joan Kemp of Charlestown.",
    );
    assert_eq!(place_names(&x), ["Wendouree", "Ballan", "Charlestown"]);
    // Not what a person is part of, nor a name after `of` elsewhere.
    let x = extract("He is a member of Ballan, the trust of Wendouree said.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_cricket_scorecard_names_its_batsmen_bowlers_and_those_who_did_not_bat() {
    let x = extract(
        "Ruritania first innings\nTomas Velkov c Hardy b Osterman 45\nDariusz Pelka lbw b \
         Osterman 3\nIvo Marenko not out 101\nKasim Brodt run out 12\nTotal ( for three wickets \
         ) 167\nDid not bat : Mirek Stanko , Pavol Dunaj\nBowling : Henrik Osterman 21-4-61-2 \
         , Loek Hardy 14-2-50-0",
    );
    let mut got = names(&x.entities.persons);
    got.sort_unstable();
    assert_eq!(
        got,
        [
            "Dariusz Pelka",
            "Henrik Osterman",
            "Ivo Marenko",
            "Kasim Brodt",
            "Loek Hardy",
            "Mirek Stanko",
            "Pavol Dunaj",
            "Tomas Velkov"
        ]
    );
    // Not a place opening a line that is no batting line, nor a side in a results line.
    let x = extract("Tasmania not ready for the vote , officials say\nBrisbane 2 Sydney 1");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_name_after_in_opening_a_sentence_a_laboratory_and_the_nationals() {
    let x = extract(
        "Voters went to the polls across Victoria. In Vorskland, the sitting member held on.\n\
         Researchers at the Qorvash Animal Health Laboratory found a gene. The Nationals leader \
         spoke.",
    );
    assert_eq!(place_names(&x), ["Victoria", "Vorskland"]);
    assert_eq!(names(&x.entities.organizations), ["Qorvash Animal Health Laboratory", "Nationals"]);
    // Not a name opening a sentence after `In` with no comma (`In Vorsk fashion`).
    let x = extract("Voters went to the polls across Victoria. In Vorsk fashion they waited.");
    assert_eq!(place_names(&x), ["Victoria"]);
}

#[test]
fn an_organization_s_unnamed_spokesperson_speaks_for_it_after_a_pronoun_or_the_role() {
    // A pronoun after the spokesperson's reported words: the organization, not the last
    // person of that gender.
    let x = extract(
        "Health Minister Jane Qorvash visited the centre on Monday.\nA spokeswoman for the \
         Vorsk Refugee Council, which runs the centre, said the strikers were being watched.\n\
         \"Nobody is in danger,\" she said.",
    );
    assert_eq!(quotes(&x), [("Nobody is in danger,", Some("Vorsk Refugee Council"))]);
    // `the spokesman` after `a spokesman for X said`.
    let x = extract(
        "General Mara Telemby banned the group.\nA spokesman for the Vorsk Liberation Front \
         said it would fight the ban.\n\"We have done nothing wrong,\" the spokesman told \
         reporters.",
    );
    assert_eq!(quotes(&x), [("We have done nothing wrong,", Some("Vorsk Liberation Front"))]);
    // A spokesman of the other gender is not the one the pronoun means.
    let x = extract(
        "Jane Qorvash visited the centre.\nA spokesman for the Vorsk Refugee Council said the \
         strikers were safe.\n\"It is a disgrace,\" she said.",
    );
    assert_eq!(quotes(&x), [("It is a disgrace,", Some("Jane Qorvash"))]);
}

#[test]
fn a_name_in_apposition_to_an_organization_s_role_after_said_is_the_speaker() {
    let x = extract(
        "\"These trees are the tallest,\" said the Vorsk Society's campaign co-ordinator, Ilse \
         Telemby.",
    );
    assert_eq!(quotes(&x), [("These trees are the tallest,", Some("Ilse Telemby"))]);
}

#[test]
fn clubs_with_a_home_nation_or_a_country_in_brackets_in_a_results_line() {
    let x = extract(
        "Results of second leg matches on Tuesday :\nVorsk United ( England ) 2 Metz ( France ) \
         0\nMonaco ( France ) 3 Hamburg ( Germany ) 0\n",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk United", "Metz", "Monaco", "Hamburg"]);
    assert_eq!(place_names(&x), ["England", "France", "Germany"]);
}

#[test]
fn the_joins_an_epithet_of_one_word_not_a_name_after_a_left_out_verb() {
    let x = extract(
        "Qorvash heads the Vorsk Renewal Movement, Telemby the Democratic Party and Marrow the \
         Civic Alliance.",
    );
    let orgs = names(&x.entities.organizations);
    assert!(orgs.contains(&"Democratic Party"), "{orgs:?}");
    assert!(orgs.iter().all(|o| !o.contains(" the ")), "{orgs:?}");
}

#[test]
fn a_body_named_after_a_state_and_a_firm_in_apposition_to_a_places_possessive() {
    let x = extract(
        "Forestry Tasmania says the coupe was approved.\nThe timber is sold to Vorskel, \
         Australia's biggest woodchip exporter.",
    );
    assert_eq!(names(&x.entities.organizations), ["Forestry Tasmania", "Vorskel"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A state that is a given name too may end a person's name.
    let x = extract("Jack Victoria says the coupe was approved.");
    assert_eq!(names(&x.entities.persons), ["Jack Victoria"]);
}

#[test]
fn a_plural_opening_a_sentence_before_on_is_no_part_of_a_name() {
    let x = extract("Flags on Parliament House in Canberra will fly at half-mast.");
    assert!(
        names(&x.entities.organizations).iter().all(|o| !o.starts_with("Flags")),
        "{:?}",
        x.entities.organizations
    );
}

#[test]
fn a_place_after_a_preposition_is_where_the_speaker_was_not_the_speaker() {
    let x = extract(
        "The Qorvash Fund says it is studying the plan. A Qorvash Fund spokesman in Washington \
         said the fund wanted to see \"a coherent program\" first.",
    );
    assert_eq!(quotes(&x), [("a coherent program", Some("Qorvash Fund"))]);
}

#[test]
fn market_reports_name_firms_by_foreign_heads_lists_and_stocks() {
    let x = extract(
        "Shares rose in Mexico City. Grupo Vorsk and Grupo Qorvash rose after Banco de Telemba \
         sold dollars .\nBrokers bought oil stocks such as \
         Vorskneft and Qorvashgaz .\nDrug stocks Vorsk Wellcome and Qorvash Beecham fell .",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Grupo Vorsk",
            "Grupo Qorvash",
            "Banco de Telemba",
            "Vorskneft",
            "Qorvashgaz",
            "Vorsk Wellcome",
            "Qorvash Beecham"
        ]
    );
    // A word opening a sentence before a noun for a firm and a name is no firm.
    let x = extract("Power utility Vorsk Energy Systems was flat .");
    assert!(
        names(&x.entities.organizations).iter().all(|o| *o != "Power"),
        "{:?}",
        x.entities.organizations
    );
}

#[test]
fn a_royal_title_before_a_streets_or_squares_name_is_part_of_the_place() {
    let x = extract(
        "Shoppers filled Queen Street in Brisbane on Saturday, and a rally met in King Vorsk \
         Square.",
    );
    assert_eq!(place_names(&x), ["Queen Street", "Brisbane", "King Vorsk Square"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A royal title before a name is still a person's.
    let x = extract("Queen Elizabeth opened the new bridge over the river on Monday.");
    assert_eq!(names(&x.entities.persons), ["Elizabeth"]);
}

#[test]
fn wire_copy_firms_agencies_office_holders_and_players() {
    let x = extract(
        "Under the plan , Vorsk Groupe was to buy the firm .\nFormer security chief Jack Vorskel \
         told Qorvash-Tass that the country needed a working president .\nMara Telemby , \
         speaker of the dissolved parliament , said deputies would meet .\nIvo Qorvashin added \
         28 for the Vorsk Rockets .",
    );
    let orgs = names(&x.entities.organizations);
    assert!(orgs.starts_with(&["Vorsk Groupe", "Qorvash-Tass"]), "{orgs:?}");
    assert_eq!(names(&x.entities.persons), ["Jack Vorskel", "Mara Telemby", "Ivo Qorvashin"]);
    // A share price adds to a price; a person told by a hyphenated name stays one.
    let x = extract("Vorskel added 1.25 to 68.50 .\nHe told Mary-Jane that the vote was lost .");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert!(x.entities.organizations.iter().all(|o| o.name != "Mary-Jane"));
}

#[test]
fn a_given_name_in_commas_after_a_kins_word_is_a_person() {
    let x = extract(
        "The farmer said the drought had hurt.\nHis wife, Jenny, said the strain was showing.\n\
         \"We can't go on like this,\" she said.",
    );
    assert_eq!(names(&x.entities.persons), ["Jenny"]);
    assert_eq!(quotes(&x), [("We can't go on like this,", Some("Jenny"))]);
    // Not a word that is no given name, nor after a role that is no kin's.
    let x = extract("His son, Vorskel, was waiting.\nThe driver, Jenny, was waiting.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn names_listed_after_a_plural_noun_for_places_are_places() {
    let x = extract(
        "Fire swept through Canberra.\nThe suburbs of Duffy, Chapman, Holder and Kambah were \
         hit, as were towns like Vorskdale and Qorvash Creek.",
    );
    assert_eq!(
        place_names(&x),
        ["Canberra", "Duffy", "Chapman", "Holder", "Kambah", "Vorskdale", "Qorvash Creek"]
    );
    // Not a list after a noun that is no place's (`members of`).
    let x = extract("Fire swept through Canberra.\nMembers of Vorskdale and Qorvash met.");
    assert_eq!(place_names(&x), ["Canberra"]);
}

#[test]
fn a_share_price_that_moves_after_a_comma_or_for_a_name_like_a_persons_is_a_firms() {
    let x = extract(
        "Shares closed higher in Sydney. Vorsk Billiton led the way, rising 31 cents to $9.44.\n\
         Harvey Qorvash gained 6 cents after its chairman, Jack Qorvash, spoke.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Billiton", "Harvey Qorvash"]);
    assert_eq!(names(&x.entities.persons), ["Jack Qorvash"]);
    // A candidate's share of the vote is no share price.
    let x = extract("Jane Roe won the seat in Sydney, gaining 52 per cent of the vote.");
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn the_group_or_the_company_that_speaks_is_the_organization_named_last() {
    let x = extract(
        "The Vorsk Front has vowed to avenge the deaths.\n\"The occupation will pay,\" the group \
         said in a leaflet.",
    );
    assert_eq!(quotes(&x), [("The occupation will pay,", Some("Vorsk Front"))]);
    // Not an organization named as an owner in between.
    let x = extract(
        "According to Telembo Systems Ltd, a security company, the virus is spreading. It \
         enters through the Marrow Corp's mail program. The virus, the company warned, \"can \
         delete files\".",
    );
    assert_eq!(quotes(&x), [("can delete files", Some("Telembo Systems Ltd"))]);
}

#[test]
fn a_body_for_a_cause_in_a_continent_keeps_the_continent_in_its_name() {
    let x = extract(
        "A mission of the Organisation for Vorsk Cooperation in Europe is due in Belgrade . \
         Elections were held in Europe .",
    );
    assert_eq!(names(&x.entities.organizations), ["Organisation for Vorsk Cooperation in Europe"]);
    assert_eq!(place_names(&x), ["Belgrade", "Europe"]);
    // Not a body's name before a city: `the Vorsk Council in Brussels`.
    let x = extract("The Commission for Vorsk Affairs in Brussels met .");
    assert!(place_names(&x).contains(&"Brussels"), "{:?}", x.entities.locations);
}

#[test]
fn a_ranked_results_team_after_the_country_and_a_person_before_and_an_organization() {
    let x = extract(
        "Vorskian Grand Prix results :\n1. Jan Qorvash ( Britain ) Williams 1:32:33.791\n2. \
         Mika Vorskinen ( Germany ) Ferrari 1.883 seconds behind\n",
    );
    assert_eq!(names(&x.entities.organizations), ["Williams", "Ferrari"]);
    assert_eq!(names(&x.entities.persons), ["Jan Qorvash", "Mika Vorskinen"]);
    let x = extract("Clinton defeated Republican Bob Dole and Reform Party candidate Ross Perot .");
    assert_eq!(names(&x.entities.organizations), ["Reform Party"]);
    assert!(names(&x.entities.persons).contains(&"Bob Dole"), "{:?}", x.entities.persons);
    // A place's name before `and` stays whole: `Hong Kong Convention and Exhibition Centre`.
    let x = extract("The Hong Kong Convention and Exhibition Centre was opened on Monday .");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_line_up_names_players_and_who_heads_a_firm_is_a_person() {
    let x = extract(
        "Teams :\nVorsk United - Telem Qorvash ; Marrow Haarvliet , Ivo Dunmore , Pavol Grenk ; \
         Loek Vanstra ( Kasim Orbel 75 ) , Mirek Stanko\n",
    );
    let mut got = names(&x.entities.persons);
    got.sort_unstable();
    assert_eq!(
        got,
        [
            "Ivo Dunmore",
            "Kasim Orbel",
            "Loek Vanstra",
            "Marrow Haarvliet",
            "Mirek Stanko",
            "Pavol Grenk",
            "Telem Qorvash"
        ]
    );
    // Another side in the line stays a side; the line's last name counts with no line break
    // after it.
    let x = extract(
        "Vorsk United - Ivo Dunmore ; Pavol Grenk , Kasim Orbel , Mirek Stanko ; Telembo - \
         Loek Vanstra , Orbelsky",
    );
    let persons = names(&x.entities.persons);
    assert!(persons.iter().all(|p| *p != "Telembo"), "{persons:?}");
    assert!(persons.contains(&"Orbelsky"), "{persons:?}");
    // A list of countries or clubs after a dash is no line-up.
    let x = extract(
        "Group A - Brazil , Scotland , Morocco , Norway\nGroup B - Italy , Chile , Austria",
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x = extract("The gas monopoly Severgaz , headed by Rem Qorvashin , agreed to pay .");
    assert_eq!(names(&x.entities.persons), ["Rem Qorvashin"]);
}

#[test]
fn the_holder_of_an_office_of_a_place_is_not_the_place() {
    let x = extract("\"The river is our life,\" the mayor of Swan Hill said on Monday.");
    assert_eq!(quotes(&x), [("The river is our life,", None)]);
    // A country may speak as a state.
    let x = extract("\"We will not yield,\" North Korea said in a statement on Monday.");
    assert_eq!(quotes(&x), [("We will not yield,", Some("North Korea"))]);
}

#[test]
fn review_look_alikes_of_the_speaker_rules() {
    // `the party leader` is a person's role, not the party speaking.
    let x = extract(
        "Labor lost the seat in Sydney.\n\"We will win it back,\" said the party leader after \
         the count.",
    );
    assert_eq!(quotes(&x), [("We will win it back,", None)]);
    // A named person in apposition to an organization's role speaks for herself.
    let x = extract(
        "Jane Qorvash, a Vorsk Union official, said the strike would go on. \"We will not back \
         down,\" she said.",
    );
    assert_eq!(quotes(&x), [("We will not back down,", Some("Jane Qorvash"))]);
    // A list of places ends at the comma after its `and`.
    let x = extract("In countries such as Vorskia and Ruritania, Telembo Holdings dominates.");
    assert!(
        x.entities.locations.iter().all(|l| l.name != "Telembo Holdings"),
        "{:?}",
        x.entities.locations
    );
}

#[test]
fn a_name_like_a_towns_that_moves_in_cents_is_a_firms() {
    let x = extract(
        "Shares rose in Sydney. Rio Tinto added 68 cents to $36.20 and Woodside rose 12 cents to \
         $11.40.",
    );
    assert_eq!(names(&x.entities.organizations), ["Rio Tinto", "Woodside"]);
    assert_eq!(place_names(&x), ["Sydney"]);
    // Not where something else moved, nor a state.
    let x = extract(
        "The futures contract in London rose 0.22 to 100.05 , and Queensland rose 12 cents to \
         $4.10 in the index .",
    );
    assert_eq!(place_names(&x), ["London", "Queensland"]);
}

#[test]
fn a_building_named_after_a_body_or_ending_in_house_is_a_place() {
    // The building a legislature sits in.
    let x = extract("Protesters stayed outside Parliament House in Canberra until dark.");
    assert_eq!(place_names(&x), ["Parliament House", "Canberra"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A name ending in a building's word after `the` or a preposition of place, or opening
    // with a place's name, even when its words are a given name and a surname.
    let x = extract("Crowds filled the Sydney Opera House and later met at Royal Lodge.");
    assert_eq!(place_names(&x), ["Sydney Opera House", "Royal Lodge"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A person of that surname who speaks stays a person.
    let x = extract("Jane Hall said the rally was peaceful. Ms Hall is 45.");
    assert_eq!(names(&x.entities.persons), ["Jane Hall"]);
}

#[test]
fn a_noun_before_a_country_or_state_that_acts_is_a_body() {
    // The subject of a verb, or after `for`, `from`, `by`.
    let x =
        extract("Cricket Zimbabwe agreed to the tour. The campaign is run by Tourism Queensland.");
    assert_eq!(names(&x.entities.organizations), ["Cricket Zimbabwe", "Tourism Queensland"]);
    // An adjective before a country names the country in some light, no body.
    let x = extract("Rural Australia has suffered. Communist China was isolated.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_small_australian_locality_is_a_place_where_the_text_says_so() {
    // Localities of a few hundred people (GeoNames' postal data), after a preposition.
    let x = extract("Floods cut the road to The Channon and isolated farms near Wudinna.");
    assert_eq!(place_names(&x), ["The Channon", "Wudinna"]);
    // Not where nothing says so.
    let x = extract("Wudinna Smith said the mine would reopen.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_named_region_is_a_place_after_a_preposition_with_or_without_the() {
    // GeoNames' regions (regions.tsv): `in Gippsland`, `across the Pilbara`.
    let x = extract("Fires burned in Gippsland and across the Pilbara, and in the Wimmera.");
    assert_eq!(place_names(&x), ["Gippsland", "Pilbara", "Wimmera"]);
    // Not the first word of an organization's name after `the`.
    let x = extract("Jane Roe, a fellow at the Center for a New Vorsk Security, said so.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_name_like_a_persons_that_a_firms_noun_introduces_is_a_firm_everywhere() {
    // A firm's noun opening the sentence; later mentions follow.
    let x = extract(
        "Retailer Vorsk Norman has reported a rise in profit. Vorsk Norman shares rose 11 cents \
         to $3.42.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Norman"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // A plural for firms before `such as`.
    let x = extract("Smaller retailers such as Jane Peeters are struggling, analysts say.");
    assert_eq!(names(&x.entities.organizations), ["Jane Peeters"]);
    // A party's or a union's noun before a name is no firm's: `the party Jane Roe founded`.
    let x = extract("Jane Roe founded the party. Party leader Jane Roe said so.");
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn a_line_of_business_ends_a_firms_name() {
    let x = extract("Vorsk Resources, Qorvash Wines and Telembo Capital said profits rose.");
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorsk Resources", "Qorvash Wines", "Telembo Capital"]
    );
}

#[test]
fn hyphenated_titles_police_forces_and_foreign_agencies() {
    // `Vice-Premier`: a title before the name, no part of it.
    let x = extract("Vice-Premier Jane Qorvash, who oversees policy, has said so.");
    assert_eq!(names(&x.entities.persons), ["Jane Qorvash"]);
    // A constabulary is a police force.
    let x = extract("Vorsk Constabulary chief constable Sir Alan Roe said the bombs were found.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Constabulary"]);
    assert_eq!(names(&x.entities.persons), ["Alan Roe"]);
    // `Agence` heads an agency's name, and its acronym counts hyphenated parts.
    let x = extract("A commander told Agence Vorsk-Presse (AVP) in Kabul. AVP said no more.");
    assert_eq!(names(&x.entities.organizations), ["Agence Vorsk-Presse"]);
}

#[test]
fn a_ranked_competitor_in_results_that_run_on_in_one_line_is_a_person() {
    let x = extract(
        "Results :\nMen 's 100 metres : 1. Vorsk Qell ( Canada ) 10.03 2. Telembo Arvu ( Namibia \
         ) 10.06\n",
    );
    assert_eq!(names(&x.entities.persons), ["Vorsk Qell", "Telembo Arvu"]);
    assert_eq!(place_names(&x), ["Canada", "Namibia"]);
}

#[test]
fn a_table_of_leading_scorers_names_players_and_their_clubs() {
    let x = extract(
        "Vorsk City , with Kiko scoring twice , won again .\nLeading scorers :\nAlfonso ( Vorsk \
         City ) 10\nKiko ( Telembo ) 7\n",
    );
    assert_eq!(names(&x.entities.persons), ["Kiko", "Alfonso"]);
    assert_eq!(names(&x.entities.organizations), ["Vorsk City", "Telembo"]);
}

#[test]
fn a_comma_series_with_a_known_firm_lists_firms() {
    let x = extract("Barclays, NatWest, Vorskel and Qellum raised their base lending rates.");
    assert_eq!(names(&x.entities.organizations), ["Barclays", "NatWest", "Vorskel", "Qellum"]);
    // Not the words of one name: `the Construction, Forestry, Mining and Energy Union`.
    let x = extract("Qantas said the Vorsk, Forestry, Mining and Energy Union had agreed.");
    assert!(
        names(&x.entities.organizations).iter().all(|o| *o != "Forestry"),
        "{:?}",
        x.entities.organizations
    );
}

#[test]
fn a_compass_point_before_a_place_names_a_part_of_it() {
    // A known place: the whole is the place (`Western Sydney`), not a cue word's name.
    let x = extract(
        "Flooding hit homes across Western Sydney on Monday, and the Central Bank said rates \
         would hold.",
    );
    assert_eq!(place_names(&x), ["Western Sydney"]);
    // A region the gazetteer holds only after a preposition of place; a name it lacks too.
    let x = extract("Fires burned in East Gippsland and floods hit homes in East Vorskia.");
    assert_eq!(place_names(&x), ["East Gippsland", "East Vorskia"]);
}

#[test]
fn a_small_town_placed_in_its_state_is_a_place() {
    let x = extract(
        "Residents of Bingara in northern New South Wales say the bank will close. The farmers \
         of Wudinna, South Australia, want help.",
    );
    assert_eq!(place_names(&x), ["Bingara", "New South Wales", "Wudinna", "South Australia"]);
    // Not the town of another country: a place of that country, or no place.
    let x = extract("Residents of Bingara in New Zealand say the bank will close.");
    assert!(places(&x).iter().all(|p| p.0 != "Bingara" || p.1 == Some("NZ")), "{:?}", places(&x));
}

#[test]
fn guilds_and_shires() {
    // A guild is a body; `Shire of` heads a council's name; `X Shire` is the area.
    let x = extract(
        "The president of the Pharmacy Guild of Vorskia, Ken Qell, said so. The Shire of \
         Vorsk-West spoke too, and people in Qorvash Shire agreed.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Pharmacy Guild of Vorskia", "Shire of Vorsk-West"]
    );
    assert_eq!(place_names(&x), ["Qorvash Shire"]);
}

#[test]
fn features_and_works_named_by_their_kind_are_places() {
    let x = extract(
        "Snow fell on the Vorsk Ranges while Qell Dam filled near Telembo Wharf, and cattle \
         crossed the Arvu Tableland to the Great Vorsk Basin.",
    );
    assert_eq!(
        place_names(&x),
        ["Vorsk Ranges", "Qell Dam", "Telembo Wharf", "Arvu Tableland", "Great Vorsk Basin"]
    );
    // A venue named after its sponsor, a known firm.
    let x = extract("Fans packed Telstra Stadium for the final.");
    assert_eq!(place_names(&x), ["Telstra Stadium"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_person_whose_surname_is_an_organizations_cue_word() {
    // `Mr Court` says the word is a surname here; an honorific opens no organization's name.
    let x = extract(
        "The Premier, Richard Court, said the fires were out. Mr Court thanked the volunteers. \
         The Supreme Court and the Alfred Hospital were closed.",
    );
    assert_eq!(names(&x.entities.persons), ["Richard Court"]);
    assert_eq!(names(&x.entities.organizations), ["Supreme Court", "Alfred Hospital"]);
}

#[test]
fn a_states_department_named_by_its_portfolio_is_a_body() {
    let x = extract(
        "Queensland Health says a locum will start. NSW Health agreed, and Tasmania Police were \
         called to Hobart.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Queensland Health", "NSW Health", "Tasmania Police"]
    );
    assert_eq!(place_names(&x), ["Hobart"]);
}

#[test]
fn an_adjective_of_people_before_their_members_is_no_group() {
    let x = extract(
        "Leftist guerrillas held the embassy. Zairean rebels routed the militia, and Vorsk \
         militants fled.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk"]);
}

#[test]
fn legislatures_named_in_their_own_languages_are_bodies() {
    let x = extract(
        "The Bundestag approved the budget, the Sejm debated it and the State Duma voted on \
         Friday.",
    );
    assert_eq!(names(&x.entities.organizations), ["Bundestag", "Sejm", "State Duma"]);
}

#[test]
fn news_agencies_banks_named_bank_x_and_a_name_after_an_introductory_place() {
    let x = extract(
        "Dealers at Bank Vorskowy in Warsaw said the bank had not intervened. In Moscow, Interfax \
         reported that Qellprom would issue bonds.",
    );
    assert_eq!(names(&x.entities.organizations), ["Bank Vorskowy", "Interfax"]);
    assert_eq!(place_names(&x), ["Warsaw", "Moscow"]);
}

#[test]
fn military_and_court_titles_and_an_unnamed_speaker_in_a_place() {
    // A rank before the name is no part of it.
    let x = extract("Fiji's military commander, Commodore Vorsk Qellama, declared martial law.");
    assert_eq!(names(&x.entities.persons), ["Vorsk Qellama"]);
    // Someone unnamed in a place speaks; the place does not.
    let x = extract(
        "Armed men hold hostages in Suva. A diplomat in Suva, who did not want to be named, told \
         reporters the move was \"a coup within a coup\".",
    );
    assert_eq!(quotes(&x), [("a coup within a coup", None)]);
    // A country in that apposition speaks (metonymy).
    let x = extract(
        "Egypt, which signed a peace treaty with Israel in 1979, described the siege as \"a \
         dangerous provocation\".",
    );
    assert_eq!(quotes(&x), [("a dangerous provocation", Some("Egypt"))]);
}

#[test]
fn the_wire_spelling_taleban_is_the_taliban() {
    let x = extract("The Islamic Taleban militia captured the town, Taleban officials said.");
    assert_eq!(names(&x.entities.organizations), ["Taleban"]);
}

#[test]
fn galleries_museums_chambers_and_associations_of_men() {
    let x = extract(
        "The prize was announced at the Art Gallery of Vorskia. The president of the Qell Chamber \
         of Commerce, Jane Roe, says shops were hit, and the Vorsk Cattlemen's Association agrees.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Art Gallery of Vorskia", "Qell Chamber of Commerce", "Vorsk Cattlemen's Association"]
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn a_states_greens_are_a_party() {
    let x = extract("The Tasmanian Greens opposed the bill on Tuesday.");
    assert_eq!(names(&x.entities.organizations), ["Tasmanian Greens"]);
}

#[test]
fn a_firm_named_without_its_line_of_business_is_the_same_firm() {
    let x = extract(
        "Miner VMC Resources says the flows are normal. \"The flows are within the range,\" a \
         VMC spokesman said.",
    );
    assert_eq!(names(&x.entities.organizations), ["VMC Resources"]);
    assert_eq!(quotes(&x), [("The flows are within the range,", Some("VMC Resources"))]);
}

#[test]
fn what_the_rules_for_firms_places_and_lists_leave_alone() {
    // A country's possessive is no group's: `Yemen's Interior Ministry`.
    let x = extract("Yemen's Interior Ministry said the attack was foiled.");
    assert!(place_names(&x).contains(&"Yemen"), "{:?}", place_names(&x));
    // An adjective before a country that acts names no body.
    let x = extract("Nazi Germany invaded Poland in 1939.");
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // An introductory clause's comma joins no list.
    let x = extract("According to Interfax, Qellatov and Vorskin met on Friday.");
    assert_eq!(names(&x.entities.organizations), ["Interfax"]);
    // What one owns a part of is no place.
    let x = extract("He bought shares in Northern Vorsk last year.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
    // A church named after a given name, a golfer named Hall, a bank holiday.
    let x = extract(
        "Mourners gathered at Wesley Church. Georgia Hall won the Open over the Bank Holiday \
         weekend.",
    );
    assert!(names(&x.entities.persons).iter().all(|p| *p != "Wesley Church"));
    assert!(place_names(&x).iter().all(|p| *p != "Georgia Hall"), "{:?}", place_names(&x));
    assert!(names(&x.entities.organizations).iter().all(|o| *o != "Bank Holiday"));
}

#[test]
fn a_region_over_which_weather_moves_and_a_town_as_far_as_which_it_reaches() {
    let x = extract(
        "The cyclone moved south-east over the Pilbara, with heavy rain as far as Meekatharra.",
    );
    assert_eq!(place_names(&x), ["Pilbara", "Meekatharra"]);
}

#[test]
fn a_listed_company_named_like_a_small_town_is_the_company() {
    let x = extract("Rio Tinto said its iron ore output rose in the June quarter.");
    assert_eq!(names(&x.entities.organizations), ["Rio Tinto"]);
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_club_or_bar_where_something_happened_is_a_place() {
    let x = extract("The bomb exploded outside the Vorsk Club in Kuta on Saturday night.");
    assert_eq!(place_names(&x), ["Vorsk Club", "Kuta"]);
    // A sports club stays a club.
    let x = extract("He trained at the Vorsk Football Club for a year.");
    assert_eq!(names(&x.entities.organizations), ["Vorsk Football Club"]);
}

#[test]
fn a_unions_name_that_opens_with_a_series_of_industries() {
    let x = extract(
        "The Construction, Forestry, Mining and Energy Union (CFMEU) says the site is unsafe. \
         The CFMEU will strike.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Construction, Forestry, Mining and Energy Union"]
    );
    // Not a list of firms.
    let x = extract("Qantas, Vorsk and Telembo Airlines said fares would rise.");
    assert!(
        names(&x.entities.organizations).iter().all(|o| !o.starts_with("Qantas,")),
        "{:?}",
        x.entities.organizations
    );
}

#[test]
fn an_inquiry_is_a_body() {
    let x = extract("The Regional Vorsk Inquiry found services were poor, the Minister said.");
    assert_eq!(names(&x.entities.organizations), ["Regional Vorsk Inquiry"]);
}

#[test]
fn a_forum_is_a_body_even_after_a_place() {
    let x = extract("Leaders of the Pacific Islands Forum met in Suva on Friday.");
    assert_eq!(names(&x.entities.organizations), ["Pacific Islands Forum"]);
    assert_eq!(place_names(&x), ["Suva"]);
}

#[test]
fn a_headline_with_a_number_in_thousands_is_no_results_line() {
    let x = extract(
        "NORWAY BUYS 250,000 T OF BARLEY - TRADE .\nOSLO 1996-10-02\nThe state agency bought \
         the barley for delivery in the spring, traders in the capital said on Wednesday.",
    );
    assert_eq!(place_names(&x), ["NORWAY", "OSLO"]);
}

#[test]
fn a_persons_name_before_on_and_a_venue_is_no_part_of_it() {
    let x = extract(
        "The Spaniard lost in four sets to Peter Marsh on Margaret Court Arena last night.",
    );
    assert_eq!(names(&x.entities.persons), ["Peter Marsh"]);
    assert_eq!(place_names(&x), ["Margaret Court Arena"]);
    // A body's word still takes `on` into its name.
    let x = extract("The Commission on Human Rights will meet in Geneva next week.");
    assert_eq!(names(&x.entities.organizations), ["Commission on Human Rights"]);
}

#[test]
fn a_small_town_before_what_someone_does_and_their_name_is_a_place() {
    let x = extract(
        "The review, led by Gunnedah grazier Tom Whitlock, will report to the minister in March.",
    );
    assert_eq!(names(&x.entities.persons), ["Tom Whitlock"]);
    assert_eq!(place_names(&x), ["Gunnedah"]);
    // An award's winner is no one from a town of that name.
    let x =
        extract("The captain held up the cup with Brownlow medallist Tom Whitlock on Saturday.");
    assert!(place_names(&x).is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_seat_or_an_electorate_is_a_place() {
    let x = extract(
        "The Premier campaigned in the seat of Cessnock on Saturday, then flew to the \
         electorate of Lyne for a meeting with farmers.",
    );
    assert_eq!(place_names(&x), ["Cessnock", "Lyne"]);
}

#[test]
fn a_surname_that_a_hamlet_bears_does_not_make_a_firm_listed_with_it_a_place() {
    let x = extract(
        "The grocer said that Woolworths and Coles would open new stores in the town next year.",
    );
    assert!(place_names(&x).is_empty(), "{:?}", x.entities.locations);
    // Towns listed together still support each other, even towns people are named after.
    let x = extract("Roads were cut between Gunnedah and Tamworth after the storm on Monday.");
    assert_eq!(place_names(&x), ["Gunnedah", "Tamworth"]);
    let x = extract("Our members in places like Stanley and Strahan have waited a long time.");
    assert_eq!(place_names(&x), ["Stanley", "Strahan"]);
}

#[test]
fn names_listed_before_a_plural_noun_for_places_are_places() {
    let x = extract(
        "Protesters blocked the corner of Elizabeth and Collins streets for an hour on Friday.",
    );
    assert_eq!(place_names(&x), ["Elizabeth", "Collins"]);
    let x = extract("Water rose where the Murray and Darling rivers meet, the bureau said.");
    assert_eq!(place_names(&x), ["Murray", "Darling"]);
}

#[test]
fn names_joined_by_an_ampersand_are_a_firm_or_a_place_named_with_and() {
    let x = extract(
        "Shares of AT&T and Vorsk & Telembo rose, S&P said, while R&D spending fell in \
         Trinidad & Tobago.",
    );
    assert_eq!(names(&x.entities.organizations), ["AT&T", "Vorsk & Telembo", "S&P"]);
    let y = extract("She was taken to A&E after the crash, and the T&Cs were changed in May.");
    assert!(y.entities.organizations.is_empty(), "{:?}", y.entities.organizations);
    assert_eq!(place_names(&x), ["Trinidad & Tobago"]);
}

#[test]
fn a_capital_inside_a_word_names_a_firm_or_an_agency() {
    let x = extract(
        "The minister said aid would flow through VorskAid and TelemLink, not through \
         Mr MacArthur or Ms McDonald, and JaneRoe was a typing slip.",
    );
    assert_eq!(names(&x.entities.organizations), ["VorskAid", "TelemLink"]);
}

#[test]
fn the_river_before_its_name_and_the_member_for_a_seat() {
    let x = extract(
        "Jane Roe, the Member for Hammond, wants more water for the River Telembo, she said \
         on Monday.",
    );
    assert_eq!(place_names(&x), ["Hammond", "River Telembo"]);
    // `River` opens a place's name after `the` only.
    let x = extract("The actor River Telembo arrived in Sydney on Monday for the premiere.");
    assert_eq!(place_names(&x), ["Sydney"]);
}

#[test]
fn a_bodys_acronym_before_a_role_is_no_place() {
    let x = extract(
        "\"Roads are the lifeline out here,\" VWFA state president Jane Roe told the meeting in \
         Longreach on Monday.",
    );
    assert_eq!(names(&x.entities.organizations), ["VWFA"]);
    assert_eq!(place_names(&x), ["Longreach"]);
    assert_eq!(quotes(&x), [("Roads are the lifeline out here,", Some("Jane Roe"))]);
}

#[test]
fn a_speakers_participle_after_the_speaker() {
    let x = extract(
        "The plan angered the union, with its secretary Jane Roe describing it as \"a slap in \
         the face for workers\" at a rally on Monday.",
    );
    assert_eq!(quotes(&x), [("a slap in the face for workers", Some("Jane Roe"))]);
}

#[test]
fn where_a_trader_or_an_analyst_works_is_a_firm() {
    let x = extract(
        "\"Buyers are back,\" said a broker with Henry Telembo in Chicago on Monday, while an \
         analyst met with Jane Roe's adviser.",
    );
    assert_eq!(names(&x.entities.organizations), ["Henry Telembo"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
    // A name of one word too, where any staff work; `with` is only the markets' people's.
    let x = extract(
        "About 300 jobs at Vorskel will go, the union said, and Jane Roe worked with John \
         Smith.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorskel"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe", "John Smith"]);
}

#[test]
fn a_firms_results_its_executives_and_its_collapse_make_it_a_firm() {
    for (text, firm) in [
        (
            "Vorskel chief executive Jane Roe says the company will cut 300 jobs next year.",
            "Vorskel",
        ),
        (
            "Telembo managing director Jane Roe says the company will cut 300 jobs next year.",
            "Telembo",
        ),
        (
            "Qorvash has reported a record half-year profit of $80 million, helped by fuel sales.",
            "Qorvash",
        ),
        (
            "Vorskel posted a net loss of $20 million for the year to June, the company said.",
            "Vorskel",
        ),
        (
            "The collapse of Telembo has left thousands of workers without jobs, the union said.",
            "Telembo",
        ),
    ] {
        let x = extract(text);
        assert_eq!(names(&x.entities.organizations), [firm], "{text}");
    }
}

#[test]
fn a_venue_named_after_someone_is_one_name() {
    let x = extract(
        "The fire started at Molly's Tavern in Fremantle just after midnight, police said.",
    );
    assert_eq!(place_names(&x), ["Molly's Tavern", "Fremantle"]);
}

#[test]
fn a_given_name_after_the_names_a_person_only_for_what_is_named_after_them() {
    let x = extract("Growers across the Murray Flats want more water, the council said on Monday.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    let x =
        extract("Critics of the John Roe government and the Jane Qorvash directed film spoke up.");
    assert_eq!(names(&x.entities.persons), ["John Roe", "Jane Qorvash"]);
    let x = extract("Rain gauges on the Murray Flats recorded 40mm overnight, the bureau said.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn he_said_after_someone_new_who_opens_a_sentence_after_where_it_happened() {
    let x = extract(
        "\"Crews are out across the network,\" a Vorskel spokesman said. At Telembo, grazier \
         John Qorvash, 64, watched the creek rise over his paddocks. \"It came up in minutes,\" \
         he said.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("Crews are out across the network,", Some("Vorskel")),
            ("It came up in minutes,", Some("John Qorvash"))
        ]
    );
}

#[test]
fn the_n_year_old_or_the_swimmer_said_is_someone_named_before() {
    let x = extract(
        "\"It was a tough night,\" Jane Roe said. Ann Walsh, ranked 80th, could not hide her \
         joy. \"This is the best day of my life,\" the 19-year-old said. Tim Vorsk finished \
         third. \"I had nothing left,\" the Perth swimmer said. \"It hurt,\" the man said.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("It was a tough night,", Some("Jane Roe")),
            ("This is the best day of my life,", Some("Ann Walsh")),
            ("I had nothing left,", Some("Tim Vorsk")),
            ("It hurt,", None)
        ]
    );
}

#[test]
fn a_department_spokeswoman_and_what_someone_calls_something() {
    let x = extract(
        "The Department of Vorsk Affairs says 30 citizens are in the area.\n\"We are advising \
         them to leave,\" a department spokeswoman said.\nThe Vorsk Liberation Front ended what it calls \
         \"lawful resistance\", while Premier Jane Roe calls it \"a disgrace\".",
    );
    assert_eq!(
        quotes(&x),
        [
            ("We are advising them to leave,", Some("Department of Vorsk Affairs")),
            ("lawful resistance", Some("Vorsk Liberation Front")),
            ("a disgrace", Some("Jane Roe"))
        ]
    );
    // `calls` further on, after another's words, reports nothing of theirs.
    let x = extract(
        "Professor Jane Roe says the commission will \"not hesitate\" to act if an airline \
         engages in what the industry calls \"capacity dumping\".",
    );
    assert_eq!(quotes(&x)[0], ("not hesitate", Some("Jane Roe")));
}

#[test]
fn saying_after_a_comma_is_the_sentences_subject_or_its_bodys_spokeswoman() {
    let x = extract(
        "Treasurer Jane Roe introduced the bill in the Senate yesterday, saying it was needed \
         to meet \"a new kind of risk\". The Vorsk Farmers Association has raised concerns, \
         with a spokeswoman saying growers had \"serious doubts\" about it.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("a new kind of risk", Some("Jane Roe")),
            ("serious doubts", Some("Vorsk Farmers Association"))
        ]
    );
}

#[test]
fn the_ends_of_a_route_joined_by_a_slash_support_each_other() {
    let x = extract(
        "Fixtures reported on Monday included a cargo of wheat Rouen / Alexandria, traders \
         said.",
    );
    assert_eq!(place_names(&x), ["Rouen", "Alexandria"]);
    // A date after the route is no part of a name (`Alexandria` is a given name too).
    let x =
        extract("Fixtures included a cargo of wheat Rouen / Alexandria Dec 10-15, traders said.");
    assert_eq!(place_names(&x), ["Rouen", "Alexandria"]);
}

#[test]
fn an_unnamed_spokesman_speaks_for_the_body_that_said_so_or_that_his_word_names() {
    let x = extract(
        "The Vorsk Community Health Service says it has seen more young patients.\n\"We are \
         seeing children of 13,\" a spokeswoman said.\nTelembo Energy says 30,000 homes are \
         without power.\n\"Crews will work around the clock,\" a Telembo spokesman said.\nThe \
         Insurance Council of Australia says claims are coming in.\n\"We have assessors on \
         standby,\" a council spokesman said.",
    );
    assert_eq!(
        quotes(&x),
        [
            ("We are seeing children of 13,", Some("Vorsk Community Health Service")),
            ("Crews will work around the clock,", Some("Telembo Energy")),
            ("We have assessors on standby,", Some("Insurance Council of Australia"))
        ]
    );
}

#[test]
fn residents_and_outskirts_of_a_town_are_places() {
    let x = extract(
        "Residents of Ingham and Cardwell are cleaning up after the storm. Police on the \
         outskirts of Bowen say the highway is cut.",
    );
    assert_eq!(place_names(&x), ["Ingham", "Cardwell", "Bowen"]);
}

#[test]
fn the_far_part_of_a_compass_part_of_a_place_is_one_place() {
    let x = extract(
        "Graziers in Far West New South Wales and Far North Queensland are still waiting for \
         rain.",
    );
    assert_eq!(place_names(&x), ["Far West New South Wales", "Far North Queensland"]);
}

#[test]
fn a_hyphenated_attributive_place_of_several_words_is_a_place() {
    let x = extract(
        "The ship's Hong Kong-based managers have not responded, and its New Zealand-born \
         master has left.",
    );
    assert_eq!(place_names(&x), ["Hong Kong", "New Zealand"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_number_opening_the_sentence_is_no_part_of_the_name_after_it() {
    let x = extract(
        "Two Royal Vorskian Air Force planes landed in Darwin. Several Vorsk Federal Police \
         officers were hurt.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Royal Vorskian Air Force", "Vorsk Federal Police"]
    );
}

#[test]
fn squads_and_fellowships_named_so_are_organizations() {
    let x = extract(
        "The Vorsk Homicide Squad is investigating, and the man had been to Gamblers Anonymous.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Homicide Squad", "Gamblers Anonymous"]);
}

#[test]
fn the_commonwealth_is_no_place() {
    // (A district of Quezon City bears the name; news means the federation or the nations.)
    let x = extract(
        "The Commonwealth had no choice but to suspend Zimbabwe, after a report by Commonwealth \
         observers. Shares in the Commonwealth Bank rose.",
    );
    assert_eq!(place_names(&x), ["Zimbabwe"]);
    assert_eq!(names(&x.entities.organizations), ["Commonwealth Bank"]);
}

#[test]
fn a_bond_term_sheets_labels_are_no_names_and_its_banks_are_organizations() {
    // The capitals layout, one field or two a line.
    let x = extract(
        "VORSK LANDESBANK ISSUES 300 MLN MARK BOND\nFRANKFURT 1996-11-04\nBORROWER      Vorsk \
         Landesbank\nAMT           300 MLN MARKS       COUPON       5.25 PCT\nPAY DATE      \
         07.DEC.96           FULL FEES    1.50 PCT\nLISTING       Frankfurt           DENOMS \
         (K)   1-10-100\nNEG PLG       NO                  CRS DEFLT    NO\nSALE LIMITS   \
         U.S., UK\nCO-LEADS      Qorvash Bank, Jane Telemby Securities, Paribas",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Vorsk Landesbank", "Qorvash Bank", "Jane Telemby Securities", "Paribas"]
    );
    assert_eq!(place_names(&x), ["Frankfurt", "U.S.", "UK"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // The mixed-case layout, several fields a line.
    let x = extract(
        "Borrower Qorvash Motor Credit Corp\nAmt $ 200 mln Coupon 6.375 pct Maturity 15.OCT.01\n\
         Neg Plg Yes Crs Deflt Yes Force Maj IPMA\nGov Law English Home Ctry Japan Tax Prov \
         Standard\nDenoms ( K ) 1-10-100 Listing Luxembourg\nNotes Lead manager Nomura \
         International . Co-leads Jane Vorsk and Telemby .",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Qorvash Motor Credit Corp", "IPMA", "Nomura International", "Jane Vorsk", "Telemby"]
    );
    assert_eq!(place_names(&x), ["Japan", "Luxembourg"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // The labels written in full.
    let x = extract(
        "Borrower Qorvash Motor Credit Corp\nIssue price 101.32 Maturity 15.JAN.02\nPayment \
         date 15.JAN.97 Listing Luxembourg\nNegative pledge No Cross default No\nForce majeure \
         IPMA Governing law English\nLead manager Telemby Europe\nCo-leads Jane Vorsk \
         International , Nomura .",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Qorvash Motor Credit Corp",
            "IPMA",
            "Telemby Europe",
            "Jane Vorsk International",
            "Nomura"
        ]
    );
    assert_eq!(place_names(&x), ["Luxembourg"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn a_cricket_ground_named_by_its_initials_is_a_place() {
    let x = extract(
        "More than 80,000 fans are expected at the VCG on Saturday, and the Test moves to the \
         QCG next week, officials of the Vorsk Cricket Board said in Melbourne.",
    );
    assert_eq!(place_names(&x), ["VCG", "QCG", "Melbourne"]);
    assert_eq!(names(&x.entities.organizations), ["Vorsk Cricket Board"]);
}

#[test]
fn an_inquiry_is_named_with_what_it_is_into() {
    let x = extract(
        "The Royal Commission into the Vorsk Building Industry sat in Sydney, and the Senate \
         Inquiry into the Child Migrant Scheme will report next month.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "Royal Commission into the Vorsk Building Industry",
            "Senate Inquiry into the Child Migrant Scheme"
        ]
    );
}

#[test]
fn a_place_after_a_preposition_is_no_part_of_the_organization_after_and() {
    let x = extract(
        "Students protested at the University of Vorsk in Brisbane and Telembo University in \
         Perth.",
    );
    assert_eq!(names(&x.entities.organizations), ["University of Vorsk", "Telembo University"]);
    assert_eq!(place_names(&x), ["Brisbane", "Perth"]);
}

#[test]
fn a_smaller_towns_club_after_the_is_an_organization() {
    let x = extract(
        "Their next match, against the Penrith Panthers in Penrith on Sunday, will go ahead, \
         and the Bathurst Bushrangers play at home.\nThe Goulburn Bulldogs beat them last year.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Penrith Panthers", "Bathurst Bushrangers", "Goulburn Bulldogs"]
    );
}

#[test]
fn a_venue_where_something_happened_is_a_place_wherever_named() {
    let x = extract(
        "The blasts destroyed the Vorsk Club, a popular nightspot.\nHer son was killed at the \
         Vorsk Club.\nPolice say the man bought the van used in the attack on the Qorvash Club in \
         Kuta.",
    );
    assert_eq!(place_names(&x), ["Vorsk Club", "Qorvash Club", "Kuta"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn firms_named_with_a_possessive_keep_it_and_ratings_are_no_organizations() {
    for (text, want) in [
        (
            "The notes are rated AAA by Standard & Poor's and Aaa by Moody's, the lead manager \
             said.",
            ["Standard & Poor's", "Moody's"],
        ),
        (
            "The notes are rated AAA by Standard & Poor 's and Aaa by Moody 's , the lead \
             manager said .",
            ["Standard & Poor 's", "Moody 's"],
        ),
    ] {
        let x = extract(text);
        assert_eq!(names(&x.entities.organizations), want, "{text}");
    }
    // A possessive the list does not hold with the name is no part of it.
    let x = extract("Marks & Spencer's profits rose in London on Monday.");
    assert_eq!(names(&x.entities.organizations), ["Marks & Spencer"]);
}

#[test]
fn in_freight_fixtures_vessels_are_no_entities_and_charterers_are_organizations() {
    let x = extract(
        "LONDON GRAIN FREIGHT FIXTURES .\nLONDON 1996-12-06\nSea Breeze 25,000 tonnes sorghum \
         Hamburg / Jeddah Dec 5-15 $ 26.00 fio Vorsk Grain .\nMaria Telemby 22,000 tonnes wheat \
         Antwerp / Tunisia Dec 18-24 $ 12.00 fio 4,000 / 3,000 Qorvash .\nVorskco took the \
         Ocean Prosper , 65,000 tonnes , for a trip , while coal from Richards Bay to Taranto \
         was reported at $ 9.40 for Telembo .",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Grain", "Qorvash", "Telembo"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    assert!(!place_names(&x).contains(&"Sea Breeze"), "{:?}", place_names(&x));
}

#[test]
fn a_region_named_with_the_after_a_preposition_of_place_is_a_place() {
    let x = extract(
        "Police in the Vorskina are searching for two men who robbed a service station at \
         Junee.\nThe Qorvash Panthers will play against the Telembos in the Coalition Cup.",
    );
    assert_eq!(place_names(&x), ["Vorskina", "Junee"]);
}

#[test]
fn a_town_before_a_noun_for_what_someone_does_is_a_place() {
    let x = extract(
        "For thousands of builders, the collapse has meant months of worry.\nToowoomba builder \
         Jane Roe, 45, says she was unable to get insurance. A Ballarat farmer, John Doe, says \
         the same, and the Bendigo nurse agrees.",
    );
    assert_eq!(place_names(&x), ["Toowoomba", "Ballarat", "Bendigo"]);
}

#[test]
fn malls_tracks_barracks_and_residences_are_places() {
    let x = extract(
        "Shoppers in the Queen Street Mall in Brisbane were evacuated, walkers on the Vorsk \
         Track were rescued, troops at Qorvash Barracks were put on alert, and the Governor \
         held a reception at Government House.",
    );
    assert_eq!(
        place_names(&x),
        ["Queen Street Mall", "Brisbane", "Vorsk Track", "Qorvash Barracks", "Government House"]
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn the_narrow_rules_stay_narrow() {
    // A number opening a firm's name that acts is the firm's.
    let x = extract("Seven West Media and Nine Entertainment reported profits in Sydney.");
    assert_eq!(names(&x.entities.organizations), ["Seven West Media", "Nine Entertainment"]);
    // An acronym ending in CG is a ground only where something happens at it.
    let x = extract(
        "The BCG vaccine was given to children in Sydney, and the MCG was full as 80,000 fans \
         went to the MCG.",
    );
    assert_eq!(names(&x.entities.organizations), ["BCG"]);
    assert_eq!(place_names(&x), ["Sydney", "MCG"]);
    // `according to` a thing, not a role, and a name after it: nobody's words.
    let x = extract("\"The talks failed,\" according to the police report, Jane Roe, 45, said.");
    assert_eq!(quotes(&x), [("The talks failed,", None)]);
    // A town listed with states is still a place.
    let x = extract("Floods hit Moree, Queensland and Victoria on Monday.");
    assert_eq!(place_names(&x), ["Moree", "Queensland", "Victoria"]);
    // A firm named with a possessive and a longer name of it: one organization.
    let x = extract(
        "Moody 's Investors Service said on Thursday it cut the ratings . Moody 's said more \
         cuts may follow .",
    );
    assert_eq!(names(&x.entities.organizations), ["Moody 's Investors Service"]);
    // A rating is no place either.
    let x = extract("The ratings of its unit in Vorsk, Japan, were confirmed at A3 on Monday.");
    assert_eq!(place_names(&x), ["Vorsk", "Japan"]);
    // Ratings are no organizations; a firm named like a unit still is one.
    let x = extract("Shares in BP rose in London after the notes were rated AAA.");
    assert_eq!(names(&x.entities.organizations), ["BP"]);
}

#[test]
fn a_team_named_by_its_nickname_in_a_report_of_games_is_an_organization() {
    let x = extract(
        "The Vorskas beat the Western Qorvals by 31 points on Saturday, and the coach said the \
         season was far from over.\nThe Telembos were 4 for 96 at stumps after the captain won \
         the toss and chose to bat, but the wickets fell late in the day.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorskas", "Western Qorvals", "Telembos"]);
    // The name of the sport says so too.
    let x = extract(
        "Rain cut the second cricket Test at the MCG to 40 overs. The Qorvals will resume at \
         three for 89 with eight wickets in hand.",
    );
    assert_eq!(names(&x.entities.organizations), ["Qorvals"]);
    // Not outside a report of games, not a people, not a family, not an event.
    let x = extract(
        "The Vorskas were evicted from their farm near Bingara, and the Americans were told \
         to leave.",
    );
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    let x = extract(
        "Jane Roe and the Roes were at the game, where the captain scored two goals in the \
         final and the coach said the Ashes were next. They hope to regain the Ashes.",
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
}

#[test]
fn a_town_after_a_preposition_opening_the_sentence_is_a_place() {
    let x = extract(
        "In Gundagai, farmers say the rain came too late.\nAt the Bingara saleyards, grazier \
         Jane Roe from Barraba says prices have doubled.\nWalcha timber worker John Doe says \
         the mill will close.",
    );
    assert_eq!(place_names(&x), ["Gundagai", "Bingara", "Barraba", "Walcha"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe", "John Doe"]);
    assert!(x.entities.organizations.is_empty(), "{:?}", x.entities.organizations);
    // A modifier is no trade: `a Vorsk-led force`.
    let x = extract("Plans for a Canadian-led multinational force have been shelved.");
    assert!(x.entities.locations.is_empty(), "{:?}", x.entities.locations);
}

#[test]
fn a_mans_given_name_after_a_given_name_is_a_persons_name() {
    // As a father's name (`Saddam Hussein`): a man's given name, not one of both sexes.
    let x = extract(
        "Time was running out for Qusay Khalil, he said, as planes bombed the caves of Tora \
         Bora.",
    );
    assert_eq!(names(&x.entities.persons), ["Qusay Khalil"]);
}

#[test]
fn docks_jetties_and_streets_of_other_kinds_are_places() {
    let x = extract(
        "The yachts tied up at Vorsk Dock, ferries left from the Qorvash Jetty, and traffic \
         was stopped on North Terrace and the Telembo Esplanade.",
    );
    assert_eq!(
        place_names(&x),
        ["Vorsk Dock", "Qorvash Jetty", "North Terrace", "Telembo Esplanade"]
    );
}

#[test]
fn a_firm_named_like_a_person_is_known_by_what_only_a_firm_undergoes() {
    let x = extract(
        "A clerk who stole $40,000 from Harris Vorsk has been jailed. Harris Vorsk went into \
         receivership last year, and the collapse of Martin Qorvash followed.",
    );
    assert_eq!(names(&x.entities.organizations), ["Harris Vorsk", "Martin Qorvash"]);
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
    // Whom a person named right before works for, set off by commas.
    let x = extract(
        "Administrator Jane Roe, from Vorsk Hodgson, says the mines will keep running. John \
         Doe, from Qorvash Heights, said the fire was close.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Hodgson"]);
    assert_eq!(place_names(&x), ["Qorvash Heights"]);
    // Not what a person has or does too.
    let x = extract(
        "John Smith was appointed to oversee the liquidation. Kerry Vorsk's shares rose, and \
         Jane Roe shares the view.",
    );
    assert_eq!(names(&x.entities.persons), ["John Smith", "Kerry Vorsk", "Jane Roe"]);
    // Not a person the article names by the surname too.
    let x = extract("Jane Roe's creditors met on Monday. Roe said she would pay them.");
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
}

#[test]
fn of_and_a_place_ends_a_firm_but_not_a_body_or_a_university() {
    let x = extract(
        "The union backed Vorsk Telemb of Ivory Coast. Students of the University of the \
         Sunshine Coast met officials of the Qorvash Cricket Board of South Africa and of \
         Telemby Mining Corp of South Africa.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "University of the Sunshine Coast",
            "Qorvash Cricket Board of South Africa",
            "Telemby Mining Corp"
        ]
    );
    assert_eq!(place_names(&x), ["Ivory Coast", "South Africa"]);
}

#[test]
fn a_station_named_after_its_medium_is_an_organization() {
    let x = extract(
        "The militia's Radio Vorsk said the rebels had taken the town. He told Radio \
         Qorvash the vote was fair, and Television Telemby showed the count.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Radio Vorsk", "Radio Qorvash", "Television Telemby"]
    );
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn two_of_a_kind_joined_by_and_are_two_organizations() {
    let x = extract(
        "Staff at the University of Vorsk and Qorvash Regional University walked out, the \
         Department of Health and Human Services said.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        [
            "University of Vorsk",
            "Qorvash Regional University",
            "Department of Health and Human Services"
        ]
    );
}

#[test]
fn a_body_named_after_a_sport_and_a_country_is_told_and_named_between_commas() {
    let x = extract(
        "The event's organisers, Tennis Australia, say sales are up. He told Cricket Tasmania \
         the pitch was ready. Outback Queensland was dry, and cattle from Outback Queensland \
         fetched record prices.",
    );
    assert_eq!(names(&x.entities.organizations), ["Tennis Australia", "Cricket Tasmania"]);
}

#[test]
fn the_names_on_a_line_of_scorers_are_players() {
    let x = extract(
        "Vorskland beat Qorvia 54-21 in a rugby international at Telemby on Saturday .\nWing \
         Jon Vorsk scored two tries .\nScorers :\nVorskland - Tries : Vorsk ( 2 ) , Qorvash , \
         Johnson , penalty try . Conversions : Telembo ( 5 ) .",
    );
    assert_eq!(names(&x.entities.persons), ["Jon Vorsk", "Qorvash", "Johnson", "Telembo"]);
}

#[test]
fn a_river_named_after_the_word_river_is_a_place() {
    let x = extract("The river Vorsk surged to a record high in Germany on Friday.");
    assert_eq!(place_names(&x), ["Vorsk", "Germany"]);
}

#[test]
fn a_surname_listed_with_firms_is_a_firm_unless_someone_bears_it() {
    let x = extract(
        "The regional subsidiaries, Vorsk Airlines and Pemberton, were grounded last week. \
         Police asked anyone with information to call Crime Stoppers.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Airlines", "Pemberton", "Crime Stoppers"]);
    let x = extract(
        "Vorsk Airlines and Pemberton were named in the report. Mark Pemberton said he would \
         appeal.",
    );
    assert_eq!(names(&x.entities.organizations), ["Vorsk Airlines"]);
    assert_eq!(names(&x.entities.persons), ["Mark Pemberton"]);
}

#[test]
fn names_after_a_plural_title_are_persons_a_small_town_of_that_name_too() {
    // `Thabo Mbeki` is a small town in the gazetteer too.
    let x = extract(
        "Observers from Nigeria and South Africa, whose presidents Vorsk Qorvash and Thabo \
         Mbeki sit on the committee, agreed.",
    );
    assert_eq!(names(&x.entities.persons), ["Vorsk Qorvash", "Thabo Mbeki"]);
    assert_eq!(place_names(&x), ["Nigeria", "South Africa"]);
}

#[test]
fn a_department_of_several_portfolios_is_one_organization() {
    let x = extract(
        "A spokesman for the Department of Agriculture, Fisheries and Forestry said the ban \
         would stay. The Department of Health, Queensland and Victoria agreed.",
    );
    assert_eq!(
        names(&x.entities.organizations),
        ["Department of Agriculture, Fisheries and Forestry", "Department of Health"]
    );
    assert_eq!(place_names(&x), ["Queensland", "Victoria"]);
}

#[test]
fn the_new_rules_stay_in_their_lanes() {
    // A place's cue ending the text, with no full stop.
    let x = extract("Ferries leave from Vorsk Quay");
    assert_eq!(place_names(&x), ["Vorsk Quay"]);
    // A department and people after it.
    let x = extract("The suit names the Department of Health, Jane Roe and John Smith.");
    assert_eq!(names(&x.entities.organizations), ["Department of Health"]);
    assert_eq!(names(&x.entities.persons), ["Jane Roe", "John Smith"]);
    // A singular title over a list is no title of the names after it.
    let x = extract("The mayor, Jane Roe, and Walcha farmers met in Walcha on Monday.");
    assert_eq!(place_names(&x), ["Walcha"]);
    // A label and a sentence is no line of scorers.
    let x = extract("Penalty: Jane Roe of Walcha was fined $500 in Walcha on Monday.");
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
    // A title holder before `and` ends the first organization there.
    let x = extract(
        "The University of Vorsk Chancellor Jane Roe and Qorvash University signed the deal.",
    );
    assert_eq!(names(&x.entities.persons), ["Jane Roe"]);
    // The armed wing of a group is no role of a person.
    let x = extract("Qorvash Brigades, the armed wing of Hamas, said it fired the rockets.");
    assert!(x.entities.persons.is_empty(), "{:?}", x.entities.persons);
}

#[test]
fn two_countries_named_together_as_a_region_are_two_places() {
    let x = extract(
        "A proposal by Australia and New Zealand for a sanctuary failed, and Trinidad and \
         Tobago abstained.",
    );
    assert_eq!(place_names(&x), ["Australia", "New Zealand", "Trinidad and Tobago"]);
}

#[test]
fn an_office_before_a_given_name_and_a_cue_word_is_a_persons_title() {
    let x = extract(
        "Premier Richard Court said the deal was signed at Queen Elizabeth Hospital, and the \
         General Motors Corp agreed.",
    );
    assert_eq!(names(&x.entities.persons), ["Richard Court"]);
    assert_eq!(
        names(&x.entities.organizations),
        ["Queen Elizabeth Hospital", "General Motors Corp"]
    );
}
