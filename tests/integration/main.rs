//! End-to-end tests of the real `copydesk` binary: stdin in, stdout/stderr and exit codes out.

// Helpers outside #[test] functions unwrap too: a failed set-up is a failed test.
#![allow(clippy::unwrap_used)]

mod browser;
mod completions;
mod desk;
mod docs;
mod formats;
mod nats;
mod pipe;
mod postgres;
mod replay;
mod schema;
mod serve;
mod service;
mod signals;
mod store;
mod util;
mod watch;
