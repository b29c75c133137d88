//! Bearer tokens, shared by the listeners that check one (HTTP ingest, the desk).

/// The token of an `Authorization: Bearer <token>` value; the scheme is case-insensitive
/// (RFC 9110 11.1), so `bearer` and `BEARER` are taken too.
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim_start())
}

/// Whether `given` is `expected`, in a time that depends only on the lengths: every byte of
/// `expected` is compared, whatever differs and where, so that the answer's timing tells a
/// client nothing about how much of a guess was right. (A hand-written fold rather than the
/// `subtle` crate: one comparison, a dependency fewer.)
pub fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, e) in expected.iter().enumerate() {
        // `get` branches on the given length only, which the client knows anyway.
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_is_case_insensitive_and_the_token_exact() {
        assert_eq!(bearer_token("Bearer s3cret"), Some("s3cret"));
        assert_eq!(bearer_token("bearer s3cret"), Some("s3cret"));
        assert_eq!(bearer_token("BEARER   s3cret"), Some("s3cret"));
        assert_eq!(bearer_token("Basic czNjcmV0"), None);
        assert_eq!(bearer_token("Bearer"), None);
        assert_eq!(bearer_token("Bearers3cret"), None);
        assert!(same_token(b"s3cret", b"s3cret"));
        for given in [&b""[..], b"s3cre", b"s3cret!", b"S3cret", b"s3cres", b"\0\0\0\0\0\0"] {
            assert!(!same_token(given, b"s3cret"), "{given:?}");
        }
        assert!(same_token(b"", b""));
    }
}
