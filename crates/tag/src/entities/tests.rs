use super::*;

fn names(list: &[Entity]) -> Vec<&str> {
    list.iter().map(|e| e.name.as_str()).collect()
}

#[test]
fn seed_article() {
    let text = include_str!("../../../../tests/data/seed-article.txt");
    let x = extract(text);
    assert_eq!(names(&x.entities.persons), ["Khamenei", "Abdul Latif Rashid", "Ebrahim Raisi"]);
    let locs: Vec<(&str, Option<&str>)> =
        x.entities.locations.iter().map(|l| (l.name.as_str(), l.country.as_deref())).collect();
    eprintln!("{locs:?}");
    eprintln!("{:?}", x.entities.organizations);
    for q in &x.quotes {
        eprintln!("{:?}", q);
    }
}
