//! The live wire: what the pipeline offers the desk, and what a browser gets of it.
//!
//! The pipeline calls [`Wire::publish`] for every record it hands to its sinks. That costs a
//! copy of the record's JSON and never waits: events go into a `tokio::sync::broadcast`
//! channel, which overwrites its oldest event when a subscriber falls behind. The subscriber
//! (one per open browser) learns how many it missed, and the count goes into
//! `copydesk_desk_events_dropped_total`. The last [`RECENT`] records are also kept, so that a
//! page opened now shows what just passed, and their article view works before the store
//! has committed them (or without a store at all).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use tokio::sync::broadcast;

/// Events a subscriber may fall behind by before it loses the oldest.
const CAPACITY: usize = 1024;

/// Records kept for pages opened later.
pub(crate) const RECENT: usize = 200;

/// Entity chips a summary carries at most.
const MAX_CHIPS: usize = 12;

/// A record as it passed: its id and its JSON.
pub(crate) type Event = Arc<(String, String)>;

/// The hub between the pipeline and the browsers.
#[derive(Debug)]
pub struct Wire {
    tx: broadcast::Sender<Event>,
    recent: Mutex<VecDeque<Event>>,
}

impl Wire {
    /// A wire with no subscriber yet.
    pub fn new() -> Arc<Wire> {
        let (tx, _) = broadcast::channel(CAPACITY);
        Arc::new(Wire { tx, recent: Mutex::new(VecDeque::with_capacity(RECENT)) })
    }

    /// Offers a record (its id and JSON) to the desk. Never blocks and never fails: with no
    /// browser open the event only joins the recent ones; a browser that is behind loses its
    /// oldest events, not the pipeline's time.
    pub fn publish(&self, id: &str, json: &str) {
        let event = Arc::new((id.to_owned(), json.to_owned()));
        if let Ok(mut recent) = self.recent.lock() {
            if recent.len() == RECENT {
                recent.pop_front();
            }
            recent.push_back(event.clone());
        }
        // No subscriber: nobody is watching, nothing to count.
        _ = self.tx.send(event);
    }

    /// A subscription to the events published from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }

    /// The recent records, newest first.
    pub(crate) fn recent(&self) -> Vec<Event> {
        self.recent.lock().map(|r| r.iter().rev().cloned().collect()).unwrap_or_default()
    }

    /// The JSON of a recent record.
    pub(crate) fn find(&self, id: &str) -> Option<Event> {
        self.recent.lock().ok()?.iter().rev().find(|e| e.0 == id).cloned()
    }
}

/// What a list row shows of a record: id, times, source, language, words, title, entity
/// chips (kind, name, country), tags, and the duplicate verdict. The record's other fields
/// are left out (the article view has them all).
pub fn summary(record: &Value) -> Value {
    let entities = &record["entities"];
    let mut chips = Vec::new();
    for (key, kind) in
        [("persons", "person"), ("organizations", "organization"), ("locations", "location")]
    {
        for e in entities[key].as_array().into_iter().flatten() {
            chips.push((e["count"].as_u64().unwrap_or(0), kind, e));
        }
    }
    // The most mentioned first; kinds in the order above among equals.
    chips.sort_by_key(|c| std::cmp::Reverse(c.0));
    let chips: Vec<Value> = chips
        .into_iter()
        .take(MAX_CHIPS)
        .map(|(_, kind, e)| json!({"kind": kind, "name": e["name"], "country": e.get("country").cloned().unwrap_or(Value::Null)}))
        .collect();
    json!({
        "id": record["id"],
        "received_at": record["received_at"],
        "published": record["published"],
        "source": {
            "name": record["source"]["name"],
            "path": record["source"]["path"],
            "line": record["source"]["line"],
        },
        "lang": record["lang"]["code"],
        "words": record["counts"]["words"],
        "title": record["title"],
        "entities": chips,
        "tags": record["tags"],
        "duplicate_of": record["duplicate_of"],
        "similarity": record["similarity"],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_never_waits_and_a_slow_subscriber_learns_what_it_missed() {
        let wire = Wire::new();
        // Nobody watching: publishing is only a copy.
        wire.publish("a", "{}");
        let mut slow = wire.subscribe();
        let n = CAPACITY * 10;
        for i in 0..n {
            wire.publish(&format!("n{i}"), "{}");
        }
        // The subscriber never read: it lost all but the newest CAPACITY events.
        match slow.try_recv() {
            Err(broadcast::error::TryRecvError::Lagged(missed)) => {
                assert_eq!(missed as usize, n - CAPACITY);
            }
            other => panic!("expected a lag, got {other:?}"),
        }
        assert_eq!(slow.try_recv().unwrap().0, format!("n{}", n - CAPACITY));
        let recent = wire.recent();
        assert_eq!(recent.len(), RECENT);
        assert_eq!(recent[0].0, format!("n{}", n - 1));
        assert!(wire.find(&format!("n{}", n - 1)).is_some());
        assert!(wire.find("a").is_none(), "only the recent ones are kept");
    }

    #[test]
    fn a_summary_has_the_row_fields_and_the_most_mentioned_entities() {
        let record = json!({
            "id": "x", "received_at": "2026-12-01T10:00:00.000Z", "published": null,
            "source": {"name": "http", "path": null, "line": 1, "offset": 0},
            "title": "T", "lang": {"code": "en"}, "counts": {"words": 12},
            "entities": {
                "persons": [{"name": "Maria Okafor", "forms": ["Okafor"], "count": 1}],
                "organizations": [],
                "locations": [{"name": "Perth", "forms": [], "count": 3, "country": "AU"}],
            },
            "tags": ["transport"], "duplicate_of": null, "similarity": null,
        });
        let s = summary(&record);
        assert_eq!(s["lang"], "en");
        assert_eq!(s["words"], 12);
        assert_eq!(s["entities"][0], json!({"kind": "location", "name": "Perth", "country": "AU"}));
        assert_eq!(s["entities"][1]["kind"], "person");
        assert_eq!(s["entities"][1]["country"], Value::Null);
        assert_eq!(s["tags"], json!(["transport"]));
        assert_eq!(s["source"]["line"], 1);
    }
}
