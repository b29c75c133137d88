//! What the wire conventions add to an article's entities: the dateline's place (resolved in
//! the gazetteer like the places of the text, and counted as one of them) and the people of
//! the byline and credit lines (persons of the article, though no longer in its text).

use copydesk_core::{Article, Dateline, Entity, Place};

use super::lexicon::{Lexicon, PlaceKind, PlaceRow, key};

/// Resolves the article's dateline and adds it, its region and the byline and credit names to
/// the article's entities.
pub(crate) fn add_wire_entities(lx: &Lexicon, article: &mut Article) {
    if let Some(d) = article.dateline.as_mut() {
        add_dateline(lx, d, &mut article.entities.locations);
    }
    // A name the input's own author field gives came with the article, not in its text.
    let given = article.author.as_deref().unwrap_or_default();
    let names = article
        .authors
        .iter()
        .filter(|n| !given.contains(n.as_str()))
        .chain(article.credits.iter().map(|c| &c.name));
    let mut added = Vec::new();
    for name in names {
        let persons = &article.entities.persons;
        let known = |e: &Entity| e.name == *name || e.forms.iter().any(|f| f == name);
        if persons.iter().any(known) || added.iter().any(known) {
            continue;
        }
        added.push(Entity { name: name.clone(), forms: Vec::new(), count: 1 });
    }
    article.entities.persons.extend(added);
}

/// The country of a dateline's place, resolved on the dateline alone (its region, else the
/// biggest place of the name), before the text is read: the story's context.
pub(crate) fn dateline_country(lx: &Lexicon, d: &Dateline) -> Option<[u8; 2]> {
    let (_, _, row, region_row) = resolve(lx, d, &[]);
    lx.places[row.or(region_row)? as usize].country
}

/// A dateline's place and region as written (before and after its comma), and their
/// gazetteer rows: the region chooses among same-named places, the article's
/// `places` after it.
fn resolve<'d>(
    lx: &Lexicon,
    d: &'d Dateline,
    places: &[Place],
) -> (&'d str, Option<&'d str>, Option<u32>, Option<u32>) {
    let (city, region) = match d.place.split_once(',') {
        Some((c, r)) => (c.trim(), Some(r.trim())),
        None => (d.place.trim(), None),
    };
    let region_row = region.and_then(|r| lookup(lx, r, None, places));
    let row = lookup(lx, city, region_row.map(|r| &lx.places[r as usize]), places);
    (city, region, row, region_row)
}

/// Fills the dateline's resolved place and counts it (and the region the dateline names,
/// `AL-AIN, United Arab Emirates`) among the places.
fn add_dateline(lx: &Lexicon, d: &mut Dateline, places: &mut Vec<Place>) {
    let (city, region, row, region_row) = resolve(lx, d, places);
    let (city, region) = (city.to_owned(), region.map(str::to_owned));
    let written = as_written(&city);
    let name = row.map_or(written.clone(), |r| lx.places[r as usize].name.to_owned());
    let place = place_of(lx, row, &name);
    d.name = Some(name);
    d.country = place.country.clone();
    (d.lat, d.lon, d.geonames_id) = (place.lat, place.lon, place.geonames_id);
    // The dateline comes first: its places go first, or add a mention to the same place.
    // Like every place of the text, a place is named as the text writes it (`KIEV` is
    // `Kiev`, not the gazetteer's `Kyiv`); the gazetteer's name is the dateline's `name`.
    let mut at = 0;
    let region = region.zip(region_row).map(|(r, row)| (Some(row), as_written(&r)));
    for (row, form) in [(row, written)].into_iter().chain(region) {
        let name = row.map_or(form.clone(), |r| lx.places[r as usize].name.to_owned());
        let geonames_id = place_of(lx, row, &name).geonames_id;
        let same = |p: &Place| {
            std::iter::once(&p.name)
                .chain(&p.forms)
                .any(|f| f.eq_ignore_ascii_case(&name) || f.eq_ignore_ascii_case(&form))
                || (geonames_id.is_some() && p.geonames_id == geonames_id)
        };
        if let Some(p) = places.iter_mut().find(|p| same(p)) {
            p.count += 1;
            // A place the text only names in a headline in capitals gets its usual name.
            if super::all_caps(&p.name) && !super::all_caps(&form) {
                let shouted = std::mem::replace(&mut p.name, form.clone());
                p.forms.retain(|f| *f != form);
                if !p.forms.contains(&shouted) {
                    p.forms.push(shouted);
                }
            }
            if !p.name.eq_ignore_ascii_case(&form) && !p.forms.contains(&form) {
                p.forms.push(form);
            }
            continue;
        }
        places.insert(at, place_of(lx, row, &form));
        at += 1;
    }
}

/// The place of a gazetteer row (or of no row: the name only).
fn place_of(lx: &Lexicon, row: Option<u32>, name: &str) -> Place {
    let row = row.map(|r| &lx.places[r as usize]);
    Place {
        name: name.to_owned(),
        forms: Vec::new(),
        count: 1,
        country: row.and_then(|r| r.country).map(|c| String::from_utf8_lossy(&c).into_owned()),
        lat: row.and_then(|r| r.lat.parse().ok()),
        lon: row.and_then(|r| r.lon.parse().ok()),
        geonames_id: row.and_then(|r| r.geonames_id),
    }
}

/// A name in capitals as it is written in ordinary case (`AL-AIN` → `Al-Ain`, `ST. LOUIS` →
/// `St. Louis`); other names as they are.
fn as_written(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_owned();
    }
    copydesk_core::chars::title_case(s)
}

/// The gazetteer row of a dateline's place: in the region's country (or region) when the
/// dateline names one, else in a country the article's places are in, else the biggest.
fn lookup(lx: &Lexicon, name: &str, within: Option<&PlaceRow>, places: &[Place]) -> Option<u32> {
    let k = key(name);
    let rows = lx
        .place(&k)
        .or_else(|| lx.place(&k.replace('-', " ")))
        .or_else(|| lx.place(&k.replace(['.', '\''], "")))?;
    let score = |r: u32| -> f64 {
        let p = &lx.places[r as usize];
        let mut s = super::kind_score(p);
        if let Some(w) = within {
            if w.country.is_some() && p.country == w.country {
                s += 20.0;
                if w.kind == PlaceKind::Admin1 && p.admin1 == w.admin1 {
                    s += 5.0;
                }
            }
        } else if let Some(c) = p.country {
            let c = String::from_utf8_lossy(&c);
            if places.iter().any(|x| x.country.as_deref() == Some(&*c)) {
                s += 4.0;
            }
        }
        s
    };
    rows.iter().copied().max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::LEXICON;

    fn article(dateline: &str, authors: &[&str]) -> Article {
        let mut raw = copydesk_core::RawArticle::new("The council voted.", Default::default());
        raw.meta.dateline = Some(dateline.to_owned());
        let mut a = copydesk_normalize::normalize(raw, &Default::default()).unwrap();
        // As a byline in the text gives them.
        a.authors = authors.iter().map(|s| (*s).to_owned()).collect();
        a
    }

    #[test]
    fn a_dateline_in_capitals_resolves_to_its_city_and_counts_as_a_place() {
        let mut a = article("TEHRAN, Dec 6 (Reuters)", &["Ilse Marrow"]);
        add_wire_entities(&LEXICON, &mut a);
        let d = a.dateline.as_ref().unwrap();
        assert_eq!((d.name.as_deref(), d.country.as_deref()), (Some("Tehran"), Some("IR")));
        assert!(d.lat.is_some() && d.geonames_id.is_some());
        let l = &a.entities.locations[0];
        assert_eq!((l.name.as_str(), l.count, l.country.as_deref()), ("Tehran", 1, Some("IR")));
        assert_eq!(a.entities.persons[0].name, "Ilse Marrow");
    }

    #[test]
    fn a_dateline_place_is_named_as_written_and_the_gazetteer_name_stays_in_the_dateline() {
        for (written, gazetteer, place) in
            [("KIEV", "Kyiv", "Kiev"), ("SAO PAULO", "São Paulo", "Sao Paulo")]
        {
            let mut a = article(written, &[]);
            add_wire_entities(&LEXICON, &mut a);
            assert_eq!(a.dateline.as_ref().unwrap().name.as_deref(), Some(gazetteer));
            assert_eq!(a.entities.locations[0].name, place);
        }
    }

    #[test]
    fn the_region_of_a_dateline_chooses_the_city_and_is_a_place_too() {
        let mut a = article("PERTH, Scotland", &[]);
        add_wire_entities(&LEXICON, &mut a);
        assert_eq!(a.dateline.as_ref().unwrap().country.as_deref(), Some("GB"));
        let names: Vec<&str> = a.entities.locations.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Perth", "Scotland"]);
        let mut a = article("PERTH", &[]);
        add_wire_entities(&LEXICON, &mut a);
        assert_eq!(a.dateline.as_ref().unwrap().country.as_deref(), Some("AU"));
    }

    #[test]
    fn authors_the_input_gave_are_not_persons_of_the_text() {
        let mut a = article("PERTH", &["Ilse Marrow"]);
        a.author = Some("Ilse Marrow".into());
        add_wire_entities(&LEXICON, &mut a);
        assert!(a.entities.persons.is_empty());
    }

    #[test]
    fn a_dateline_place_the_text_names_too_is_one_place_with_its_usual_name() {
        let mut a = article("ROME", &[]);
        a.entities.locations = vec![Place { name: "ROME".into(), count: 1, ..Place::default() }];
        add_wire_entities(&LEXICON, &mut a);
        let l = &a.entities.locations;
        assert_eq!(l.len(), 1);
        assert_eq!(
            (l[0].name.as_str(), l[0].count, l[0].forms.as_slice()),
            ("Rome", 2, &["ROME".to_owned()][..])
        );
        let mut a = article("LEEDS, England", &[]);
        a.entities.locations = vec![Place { name: "England".into(), count: 1, ..Place::default() }];
        add_wire_entities(&LEXICON, &mut a);
        let names: Vec<(&str, u32)> =
            a.entities.locations.iter().map(|l| (l.name.as_str(), l.count)).collect();
        assert_eq!(names, [("Leeds", 1), ("England", 2)]);
    }

    #[test]
    fn the_datelines_country_places_the_unknown_places_of_the_text() {
        let mut raw = copydesk_core::RawArticle::new(
            "LEEDS, England (Reuters) - Play at Qorvash Oval was washed out on Friday, officials \
             said.\nIndia will play Pakistan in Lahore next week.",
            Default::default(),
        );
        raw.meta.lang = Some("en".into());
        let a = copydesk_normalize::normalize(raw, &Default::default()).unwrap();
        let a = crate::Tagger::new(Default::default()).tag(a);
        let oval = a.entities.locations.iter().find(|l| l.name == "Qorvash Oval").unwrap();
        assert_eq!(oval.country.as_deref(), Some("GB"), "{:?}", a.entities.locations);
    }

    #[test]
    fn an_unknown_dateline_place_is_kept_as_written() {
        let mut a = article("QORVASH BAY (AP)", &[]);
        add_wire_entities(&LEXICON, &mut a);
        let d = a.dateline.as_ref().unwrap();
        assert_eq!((d.name.as_deref(), d.country.as_deref()), (Some("Qorvash Bay"), None));
        assert_eq!(a.entities.locations[0].name, "Qorvash Bay");
    }
}
