//! The JSON Schema files in `schema/` describe exactly what copydesk writes. A small validator
//! for the subset of JSON Schema the files use (type, const, enum, required, properties,
//! additionalProperties, items, minimum, minLength, pattern prefix) keeps this test free of a
//! heavy dependency.

use serde_json::Value;

use crate::util::{generated_articles, repo_file, run};

pub(crate) fn validate(schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_u64() || v.is_i64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            errors.push(format!("{path}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        errors.push(format!("{path}: {v} != const {c}"));
    }
    if let Some(Value::Array(e)) = schema.get("enum")
        && !e.contains(v)
    {
        errors.push(format!("{path}: {v} not in enum"));
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64())
        && n < min
    {
        errors.push(format!("{path}: {n} < minimum {min}"));
    }
    if let (Some(min), Some(s)) = (schema.get("minLength").and_then(Value::as_u64), v.as_str())
        && (s.chars().count() as u64) < min
    {
        errors.push(format!("{path}: shorter than {min}"));
    }
    if let (Some("^[0-9a-f]{32}$"), Some(s)) =
        (schema.get("pattern").and_then(Value::as_str), v.as_str())
        && !(s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    {
        errors.push(format!("{path}: {s} is not 32 lower-case hex digits"));
    }
    if let Value::Object(obj) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(req)) = schema.get("required") {
            for r in req.iter().filter_map(Value::as_str) {
                if !obj.contains_key(r) {
                    errors.push(format!("{path}: missing required {r}"));
                }
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, val, &format!("{path}.{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: field {k} is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(s)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(s, item, &format!("{path}[{i}]"), errors);
        }
    }
}

pub(crate) fn load(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo_file(name)).unwrap()).unwrap()
}

#[test]
fn records_match_the_schema() {
    let schema = load("schema/record.schema.json");
    let mut input = generated_articles(5);
    input.push_str(&std::fs::read_to_string(repo_file("config/samples/articles.jsonl")).unwrap());
    // Wire copy: a dateline, a byline and a credit line fill the record's wire fields.
    input.push_str(
        "{\"text\":\"By Ilse Marrow\\nVORSK, Dec 6 (AP) — The council voted on Tuesday to close the \
         harbour.\\n(Reporting by Ana Ruiz; Editing by Jan Telemby)\"}\n\
         {\"text\":\"The council voted.\",\"dateline\":\"PERTH, Scotland\"}\n",
    );
    let r = run(&[], input);
    assert_eq!(r.records.len(), 11);
    assert!(r.records[9]["dateline"].is_object() && r.records[10]["dateline"].is_object());
    assert_eq!(r.records[9]["credits"].as_array().map(Vec::len), Some(2));
    let mut errors = Vec::new();
    for rec in &r.records {
        validate(&schema, rec, "$", &mut errors);
    }
    assert!(errors.is_empty(), "{errors:#?}");
    // And every field the schema names is written (the schema is not a wish list).
    let names: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let written: Vec<&String> = r.records[0].as_object().unwrap().keys().collect();
    assert_eq!(names, written, "schema and record list the same fields, in the same order");
}

#[test]
fn dead_letters_match_their_schema() {
    let schema = load("schema/dead-letter.schema.json");
    let dir = tempfile::tempdir().unwrap();
    let dlq = dir.path().join("dlq.jsonl");
    let r = run(
        &["--format", "ndjson", "--dead-letter", dlq.to_str().unwrap()],
        "nope\n{\"text\":\"\"}\n{\"id\":\"e\",\"text\":\"**\"}\n",
    );
    assert_eq!(r.code, 1);
    let mut errors = Vec::new();
    let lines = std::fs::read_to_string(&dlq).unwrap();
    assert_eq!(lines.lines().count(), 3);
    for l in lines.lines() {
        validate(&schema, &serde_json::from_str(l).unwrap(), "$", &mut errors);
    }
    assert!(errors.is_empty(), "{errors:#?}");
}
