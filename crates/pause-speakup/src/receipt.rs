//! Receipt codes: what an anonymous raiser keeps to come back to their case.
//!
//! 16 characters of Crockford base32 (digits and upper-case letters without I, L, O and U)
//! carry 80 random bits: too many to guess, few enough to write down. The service stores only
//! a blind index of the code ([`Keys::index`](crate::Keys::index)). Typing is forgiven: case,
//! spaces and dashes are ignored, and O, I and L are read as the digits they look like.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// The length of a canonical receipt code.
pub const RECEIPT_LEN: usize = 16;

/// A new receipt code: 16 upper-case characters, no dashes.
///
/// # Panics
/// If the operating system's random number generator fails.
#[must_use]
pub fn new_receipt() -> String {
    let bytes = crate::keys::random_bytes::<10>();
    let mut bits = bytes
        .iter()
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let mut out = [0u8; RECEIPT_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(bits & 31) as usize];
        bits >>= 5;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// A code as a person reads it: groups of four joined by dashes, `ABCD-EFGH-JKMN-PQRS`.
#[must_use]
pub fn format_receipt(canonical: &str) -> String {
    let chars: Vec<char> = canonical.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a person typed, as a canonical code: case-insensitive, whitespace and dashes ignored,
/// O read as 0 and I and L as 1. `None` unless exactly 16 valid characters remain.
#[must_use]
pub fn normalise_receipt(input: &str) -> Option<String> {
    let mut out = String::with_capacity(RECEIPT_LEN);
    for c in input.chars() {
        if c.is_whitespace() || c == '-' {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
            return None;
        }
        if out.len() == RECEIPT_LEN {
            return None;
        }
        out.push(c);
    }
    (out.len() == RECEIPT_LEN).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_codes_are_16_canonical_characters() {
        for _ in 0..200 {
            let code = new_receipt();
            assert_eq!(code.len(), 16, "{code}");
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
            assert_eq!(normalise_receipt(&code).as_deref(), Some(code.as_str()));
        }
    }

    #[test]
    fn new_codes_differ_and_use_the_whole_alphabet() {
        let codes: Vec<String> = (0..500).map(|_| new_receipt()).collect();
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), codes.len());
        // 8,000 characters drawn from 32: every character appears (the chance one does not is
        // about 32 * (31/32)^8000, far below 1e-100).
        for &c in ALPHABET {
            assert!(
                codes.iter().any(|code| code.as_bytes().contains(&c)),
                "{}",
                c as char
            );
        }
        // And the first character is not stuck (all 80 bits reach the code).
        let firsts: std::collections::HashSet<_> = codes.iter().map(|c| &c[..1]).collect();
        assert!(firsts.len() > 16, "{firsts:?}");
    }

    #[test]
    fn the_alphabet_is_crockford() {
        assert_eq!(ALPHABET.len(), 32);
        for banned in [b'I', b'L', b'O', b'U'] {
            assert!(!ALPHABET.contains(&banned));
        }
    }

    #[test]
    fn format_groups_by_four() {
        assert_eq!(format_receipt("ABCDEFGHJKMNPQRS"), "ABCD-EFGH-JKMN-PQRS");
        assert_eq!(format_receipt(""), "");
    }

    #[test]
    fn normalise_forgives_typing() {
        let want = Some("ABCDEFGHJKMNPQRS".to_string());
        assert_eq!(normalise_receipt("ABCD-EFGH-JKMN-PQRS"), want);
        assert_eq!(normalise_receipt("abcd efgh jkmn pqrs"), want);
        assert_eq!(normalise_receipt("  abcdefghjkmnpqrs\n"), want);
        assert_eq!(
            normalise_receipt("oOiI-lL00-1111-2222").as_deref(),
            Some("0011110011112222")
        );
    }

    #[test]
    fn normalise_rejects_wrong_lengths_and_characters() {
        assert_eq!(normalise_receipt(""), None);
        assert_eq!(normalise_receipt("ABCD-EFGH-JKMN-PQR"), None);
        assert_eq!(normalise_receipt("ABCD-EFGH-JKMN-PQRST"), None);
        assert_eq!(normalise_receipt("ABCD-EFGH-JKMN-PQRU"), None);
        assert_eq!(normalise_receipt("ABCD_EFGH_JKMN_PQRS"), None);
        assert_eq!(normalise_receipt("ÀBCD-EFGH-JKMN-PQRS"), None);
        assert_eq!(normalise_receipt(&"A".repeat(10_000)), None);
    }

    #[test]
    fn format_then_normalise_round_trips() {
        let code = new_receipt();
        assert_eq!(normalise_receipt(&format_receipt(&code)), Some(code));
    }
}
