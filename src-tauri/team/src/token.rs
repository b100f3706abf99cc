//! Tokens: `prt_<id>_<secret>`, the id (12 hex digits) naming the user row, the secret
//! (64 hex digits, 256 random bits) checked against its argon2 hash. The server finds the
//! row by the id and hashes once per request (once per token and server process, with the
//! cache in `server::auth`), not once per user; the hashes are compared in constant time.

use argon2::{Algorithm, Argon2, Params, Version};
use subtle::ConstantTimeEq;

const PREFIX: &str = "prt_";
const ID_LEN: usize = 12;
const SECRET_LEN: usize = 64;

/// A token as issued: shown once, never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: String,
    pub secret: String,
}

impl Token {
    /// A new random token.
    pub fn generate() -> Token {
        Token {
            id: random_hex(ID_LEN / 2),
            secret: random_hex(SECRET_LEN / 2),
        }
    }

    /// Reads a token as the user typed it (spaces around it are ignored).
    pub fn parse(text: &str) -> Option<Token> {
        let rest = text.trim().strip_prefix(PREFIX)?;
        let (id, secret) = rest.split_once('_')?;
        let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        (hex(id, ID_LEN) && hex(secret, SECRET_LEN)).then(|| Token {
            id: id.to_ascii_lowercase(),
            secret: secret.to_ascii_lowercase(),
        })
    }

    pub fn text(&self) -> String {
        format!("{PREFIX}{}_{}", self.id, self.secret)
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random numbers");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh salt for a new token's hash.
pub fn salt() -> Vec<u8> {
    let mut buf = vec![0u8; 16];
    getrandom::fill(&mut buf).expect("the operating system's random numbers");
    buf
}

/// argon2id of the secret. The secret is 256 random bits, so the hash guards a stolen
/// database rather than a guessable password: modest memory (8 MiB) and two passes.
pub fn hash(secret: &str, salt: &[u8]) -> Vec<u8> {
    let params = Params::new(8 * 1024, 2, 1, Some(32)).expect("valid argon2 parameters");
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = vec![0u8; 32];
    argon
        .hash_password_into(secret.as_bytes(), salt, &mut out)
        .expect("argon2 with a 16-byte salt and a 32-byte output");
    out
}

/// Whether `secret` hashes to `expected`, compared in constant time.
pub fn verify(secret: &str, salt: &[u8], expected: &[u8]) -> bool {
    hash(secret, salt).ct_eq(expected).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_read_back_and_verify_only_their_secret() {
        let t = Token::generate();
        assert_eq!(Token::parse(&format!("  {} \n", t.text())), Some(t.clone()));
        assert_eq!(Token::parse("prt_123_456"), None);
        assert_eq!(Token::parse(&t.text().replace("prt_", "prx_")), None);
        let salt = salt();
        let h = hash(&t.secret, &salt);
        assert!(verify(&t.secret, &salt, &h));
        assert!(!verify(&Token::generate().secret, &salt, &h));
        assert!(!verify(&t.secret, &super::salt(), &h));
    }
}
