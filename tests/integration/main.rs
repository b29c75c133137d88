//! End-to-end tests of the real `copydesk` binary: stdin in, stdout/stderr and exit codes out.

mod pipe;
mod schema;
mod signals;
mod util;
