//! The page and its assets, compiled into the binary: nothing is read from disk or fetched
//! from elsewhere at run time.

/// The one page: the views are parts of it, chosen by the URL's fragment.
pub(crate) const INDEX: &str = include_str!("../assets/index.html");
/// Its style.
pub(crate) const CSS: &str = include_str!("../assets/desk.css");
/// Its script: builds every view from the JSON endpoints, with text nodes only.
pub(crate) const JS: &str = include_str!("../assets/desk.js");
/// Country outlines for the overview's map (Natural Earth, public domain; made by
/// `scripts/build_world.py`).
pub(crate) const WORLD: &str = include_str!("../assets/world.json");

/// Every asset: path, content type, body.
pub(crate) const ALL: [(&str, &str, &str); 4] = [
    ("/", "text/html; charset=utf-8", INDEX),
    ("/assets/desk.css", "text/css; charset=utf-8", CSS),
    ("/assets/desk.js", "text/javascript; charset=utf-8", JS),
    ("/assets/world.json", "application/json", WORLD),
];
