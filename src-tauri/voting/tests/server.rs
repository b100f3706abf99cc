//! The voting server over a real socket on 127.0.0.1, with a tiny HTTP/1.1 client: what a
//! phone can do, and everything it must be refused (with the store left unchanged).
//!
//! One test binary: the tests live in `server/`, one file per behaviour, and share the room,
//! the server's options and the phone's HTTP client of `server/support.rs`.

#[path = "server/support.rs"]
mod support;

#[path = "server/codes.rs"]
mod codes;
#[path = "server/phones.rs"]
mod phones;
#[path = "server/refusals.rs"]
mod refusals;
