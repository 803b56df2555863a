//! Encryption at rest and keyed hashes, from one master key the operator keeps outside the
//! database.
//!
//! A copied database alone reveals no concern text (sealed with XChaCha20-Poly1305) and no
//! receipt code or raiser account (stored only as keyed blind indexes), and its audit log
//! cannot be rewritten without the key (each entry's hash is keyed).
//!
//! The master key is never used directly: three sub-keys are derived from it with
//! HMAC-SHA256 under fixed labels (`pause speak-up seal v1`, `... index v1`, `... audit v1`),
//! so that a weakness in one use cannot spill into another.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The first byte of every sealed value: the format (cipher, nonce length, associated data).
const SEAL_VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The shortest sealed value: version, nonce and tag around an empty plaintext.
pub const SEALED_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// HMAC-SHA256 of the concatenation of `parts` under `key`.
pub(crate) fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts a key of any length: `new_from_slice` cannot fail for it.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Fills `buf` from the operating system's random number generator.
///
/// # Panics
/// If the operating system cannot supply random bytes: nothing secret may be made without
/// them, and there is no sensible fallback.
fn random(buf: &mut [u8]) {
    getrandom::getrandom(buf).expect("the operating system's random number generator failed");
}

/// Random bytes for other modules (receipt codes).
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    random(&mut buf);
    buf
}

/// The sub-keys derived from a master key. [`std::fmt::Debug`] prints none of them.
#[derive(Clone)]
pub struct Keys {
    seal: [u8; 32],
    index: [u8; 32],
    pub(crate) audit: [u8; 32],
    fingerprint: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys { .. }")
    }
}

/// A key file or variable that is not a key. Never contains the text it was given.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    /// Not 64 characters once surrounding whitespace is trimmed.
    #[error(
        "the speak-up key must be 64 hexadecimal characters, but is {found} characters long \
         (make one with `pause speak-up keygen`)"
    )]
    Length { found: usize },
    /// A character other than 0-9, a-f, A-F.
    #[error(
        "the speak-up key must be 64 hexadecimal characters (0-9, a-f), but character \
         {position} is not one"
    )]
    NotHex { position: usize },
    /// 32 zero bytes: a placeholder, not a key.
    #[error("the speak-up key is all zeros, a placeholder rather than a key (make one with `pause speak-up keygen`)")]
    AllZero,
}

/// A sealed value that does not open.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    /// Too short to hold a version byte, a nonce and a tag.
    #[error("the sealed value is {len} bytes, shorter than the {SEALED_OVERHEAD} of an empty one")]
    Truncated { len: usize },
    /// A format this version of Pause does not know.
    #[error("the sealed value has format version {0}, which this version of Pause cannot open")]
    UnknownVersion(u8),
    /// The key or the label is not the one it was sealed with, or it has been altered.
    #[error("the sealed value does not open: a different key or field, or it has been altered")]
    Rejected,
    /// It opened, but [`Keys::open_string`] was asked for text and it is not UTF-8.
    #[error("the sealed value opened but is not UTF-8 text")]
    NotUtf8,
}

impl Keys {
    /// A new master key: 32 random bytes as 64 lower-case hex characters and a newline (what
    /// `pause speak-up keygen` writes).
    ///
    /// # Panics
    /// If the operating system's random number generator fails.
    #[must_use]
    pub fn generate() -> String {
        let mut key = random_bytes::<32>();
        while key == [0u8; 32] {
            key = random_bytes::<32>();
        }
        let mut text = hex::encode(key);
        text.push('\n');
        text
    }

    /// Reads a key file's or environment variable's content: 64 hex characters, upper or
    /// lower case, surrounding whitespace ignored.
    ///
    /// # Errors
    /// What is wrong ([`KeyError`]), never the content itself.
    pub fn parse(text: &str) -> Result<Keys, KeyError> {
        let text = text.trim();
        let found = text.chars().count();
        if found != 64 {
            return Err(KeyError::Length { found });
        }
        if let Some(position) = text.chars().position(|c| !c.is_ascii_hexdigit()) {
            return Err(KeyError::NotHex {
                position: position + 1,
            });
        }
        let mut master = [0u8; 32];
        hex::decode_to_slice(text, &mut master).map_err(|_| KeyError::NotHex { position: 1 })?;
        if master == [0u8; 32] {
            return Err(KeyError::AllZero);
        }
        Ok(Keys::from_master(&master))
    }

    /// The sub-keys of a 32-byte master key.
    #[must_use]
    pub fn from_master(master: &[u8; 32]) -> Keys {
        let derive = |label: &str| hmac(master, &[label.as_bytes()]);
        let fingerprint = derive("pause speak-up fingerprint v1");
        Keys {
            seal: derive("pause speak-up seal v1"),
            index: derive("pause speak-up index v1"),
            audit: derive("pause speak-up audit v1"),
            fingerprint: hex::encode(&fingerprint[..8]),
        }
    }

    /// 16 hex characters that identify the key without revealing it, so that an operator can
    /// check that two machines (or a backup and its key) hold the same one.
    #[must_use]
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Encrypts `plaintext` with XChaCha20-Poly1305 under a random 24-byte nonce:
    /// `[1] ++ nonce ++ ciphertext and tag`. `label` (e.g. `case.text`) is the associated
    /// data, so a sealed value copied into another field does not open there.
    ///
    /// # Panics
    /// If the operating system's random number generator fails, or the plaintext is longer
    /// than the cipher allows (256 GiB).
    #[must_use]
    pub fn seal(&self, label: &str, plaintext: &[u8]) -> Vec<u8> {
        let nonce = random_bytes::<NONCE_LEN>();
        let cipher = XChaCha20Poly1305::new((&self.seal).into());
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: label.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 encrypts anything shorter than 256 GiB");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
        out.push(SEAL_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypts what [`Keys::seal`] made under the same label.
    ///
    /// # Errors
    /// [`SealError`]: too short, an unknown version, or a wrong key, wrong label or altered
    /// bytes (which cannot be told apart, by design).
    pub fn open(&self, label: &str, sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < SEALED_OVERHEAD {
            return Err(SealError::Truncated { len: sealed.len() });
        }
        let (version, rest) = sealed.split_at(1);
        if version[0] != SEAL_VERSION {
            return Err(SealError::UnknownVersion(version[0]));
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new((&self.seal).into());
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: label.as_bytes(),
                },
            )
            .map_err(|_| SealError::Rejected)
    }

    /// [`Keys::seal`] for text.
    #[must_use]
    pub fn seal_str(&self, label: &str, s: &str) -> Vec<u8> {
        self.seal(label, s.as_bytes())
    }

    /// [`Keys::open`] for text.
    ///
    /// # Errors
    /// As [`Keys::open`], and [`SealError::NotUtf8`].
    pub fn open_string(&self, label: &str, sealed: &[u8]) -> Result<String, SealError> {
        String::from_utf8(self.open(label, sealed)?).map_err(|_| SealError::NotUtf8)
    }

    /// A blind index: HMAC-SHA256 under the index sub-key of `label ++ 0x00 ++ value`, as 64
    /// hex characters. Equal values under one label give equal indexes, so the database can
    /// look them up, but a copy of it cannot turn an index back into the value (receipt codes,
    /// raiser account ids, idempotency keys).
    #[must_use]
    pub fn index(&self, label: &str, value: &str) -> String {
        hex::encode(hmac(
            &self.index,
            &[label.as_bytes(), &[0], value.as_bytes()],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    fn keys() -> Keys {
        Keys::parse(KEY).unwrap()
    }

    #[test]
    fn generated_keys_parse_and_differ() {
        let a = Keys::generate();
        let b = Keys::generate();
        assert_eq!(a.len(), 65);
        assert!(a.ends_with('\n'));
        assert!(a[..64]
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
        let (ka, kb) = (Keys::parse(&a).unwrap(), Keys::parse(&b).unwrap());
        assert_ne!(ka.fingerprint(), kb.fingerprint());
    }

    #[test]
    fn parse_ignores_surrounding_whitespace_and_case() {
        let a = Keys::parse(&format!("  {KEY}\r\n")).unwrap();
        let b = Keys::parse(&KEY.to_uppercase()).unwrap();
        assert_eq!(a.fingerprint(), keys().fingerprint());
        assert_eq!(b.fingerprint(), keys().fingerprint());
        assert_eq!(a.index("x", "y"), b.index("x", "y"));
    }

    #[test]
    fn parse_errors_say_what_is_wrong_without_the_content() {
        let short = &KEY[..63];
        let e = Keys::parse(short).unwrap_err();
        assert_eq!(e, KeyError::Length { found: 63 });
        assert!(!e.to_string().contains(short));
        assert!(e.to_string().contains("63 characters long"));

        let mut bad = KEY.to_string();
        bad.replace_range(10..11, "g");
        let e = Keys::parse(&bad).unwrap_err();
        assert_eq!(e, KeyError::NotHex { position: 11 });
        assert!(!e.to_string().contains(&bad));

        assert_eq!(Keys::parse("").unwrap_err(), KeyError::Length { found: 0 });
        // A multi-byte character counts as one character and is not hex.
        let e = Keys::parse(&format!("é{}", &KEY[1..])).unwrap_err();
        assert_eq!(e, KeyError::NotHex { position: 1 });
        assert_eq!(Keys::parse(&"0".repeat(64)).unwrap_err(), KeyError::AllZero);
    }

    #[test]
    fn debug_prints_no_key_material() {
        let k = keys();
        let debug = format!("{k:?}");
        assert_eq!(debug, "Keys { .. }");
        assert!(!debug.contains(KEY));
    }

    #[test]
    fn sealed_values_open_with_the_same_key_and_label() {
        let k = keys();
        let sealed = k.seal_str("case.text", "The night shift is two nurses short again");
        assert_eq!(sealed[0], 1);
        assert_eq!(sealed.len(), SEALED_OVERHEAD + 41);
        assert_eq!(
            k.open_string("case.text", &sealed).unwrap(),
            "The night shift is two nurses short again"
        );
        assert_eq!(k.open("empty", &k.seal("empty", b"")).unwrap(), b"");
    }

    #[test]
    fn sealing_twice_gives_different_bytes() {
        let k = keys();
        assert_ne!(k.seal("case.text", b"same"), k.seal("case.text", b"same"));
    }

    #[test]
    fn the_plaintext_is_not_in_the_sealed_bytes() {
        let k = keys();
        let sealed = k.seal("case.text", b"ward 7 ward 7 ward 7");
        assert!(!sealed.windows(6).any(|w| w == b"ward 7"));
    }

    #[test]
    fn a_wrong_key_or_label_does_not_open() {
        let k = keys();
        let other = Keys::parse(&Keys::generate()).unwrap();
        let sealed = k.seal_str("case.text", "secret");
        assert_eq!(other.open("case.text", &sealed), Err(SealError::Rejected));
        assert_eq!(k.open("reply.text", &sealed), Err(SealError::Rejected));
    }

    #[test]
    fn tampered_truncated_and_unknown_versions_do_not_open() {
        let k = keys();
        let sealed = k.seal_str("case.text", "secret");
        for i in 1..sealed.len() {
            let mut t = sealed.clone();
            t[i] ^= 0x01;
            assert_eq!(
                k.open("case.text", &t),
                Err(SealError::Rejected),
                "byte {i}"
            );
        }
        let mut v2 = sealed.clone();
        v2[0] = 2;
        assert_eq!(k.open("case.text", &v2), Err(SealError::UnknownVersion(2)));
        assert_eq!(
            k.open("case.text", &sealed[..SEALED_OVERHEAD - 1]),
            Err(SealError::Truncated {
                len: SEALED_OVERHEAD - 1
            })
        );
        assert_eq!(
            k.open("case.text", &sealed[..sealed.len() - 1]),
            Err(SealError::Rejected)
        );
        assert_eq!(
            k.open("case.text", &[]),
            Err(SealError::Truncated { len: 0 })
        );
    }

    #[test]
    fn open_string_rejects_bytes_that_are_not_text() {
        let k = keys();
        let sealed = k.seal("blob", &[0xff, 0xfe]);
        assert_eq!(k.open_string("blob", &sealed), Err(SealError::NotUtf8));
    }

    #[test]
    fn indexes_are_stable_keyed_and_separated_by_label() {
        let k = keys();
        let a = k.index("receipt", "ABCDEFGHJKMNPQRS");
        assert_eq!(a.len(), 64);
        assert_eq!(a, k.index("receipt", "ABCDEFGHJKMNPQRS"));
        assert_ne!(a, k.index("receipt", "ABCDEFGHJKMNPQRT"));
        assert_ne!(a, k.index("account", "ABCDEFGHJKMNPQRS"));
        // The separator keeps label and value apart.
        assert_ne!(k.index("ab", "c"), k.index("a", "bc"));
        let other = Keys::parse(&Keys::generate()).unwrap();
        assert_ne!(a, other.index("receipt", "ABCDEFGHJKMNPQRS"));
        // Pinned: a change to the derivation would orphan every stored index.
        assert_eq!(
            a,
            hex::encode(hmac(&k.index, &[b"receipt\0ABCDEFGHJKMNPQRS"]))
        );
    }

    #[test]
    fn sub_keys_are_derived_by_hmac_of_the_master_under_their_labels() {
        let mut master = [0u8; 32];
        hex::decode_to_slice(KEY, &mut master).unwrap();
        let k = keys();
        assert_eq!(k.seal, hmac(&master, &[b"pause speak-up seal v1"]));
        assert_eq!(k.index, hmac(&master, &[b"pause speak-up index v1"]));
        assert_eq!(k.audit, hmac(&master, &[b"pause speak-up audit v1"]));
        assert_ne!(k.seal, k.index);
        assert_ne!(k.index, k.audit);
    }

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac(b"Jefe", &[b"what do ya want ", b"for nothing?"]);
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
