//! The tamper-evident audit log: a hash chain keyed with the audit sub-key.
//!
//! Each entry's hash covers its own fields and the previous entry's hash, so altering,
//! removing, inserting or reordering an entry breaks the chain from that point on. The hash is
//! an HMAC, so someone with only a copy of the database cannot rewrite the chain and recompute
//! it. Removing entries from the end leaves a valid but shorter chain; the service therefore
//! keeps the head (last seq and hash) apart from the entries and [`verify_chain`] checks it.

use crate::keys::hmac;
use crate::Keys;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// 1, 2, 3, ... with no gaps.
    pub seq: i64,
    /// When (Unix seconds).
    pub at: i64,
    /// The case it concerns, if any.
    pub case_id: Option<i64>,
    /// Who (an account id or a role such as `system`; never an anonymous raiser's identity).
    pub actor: String,
    /// What, e.g. `case.acknowledge`.
    pub action: String,
    /// Anything else worth keeping (never the concern's text).
    pub detail: String,
    /// The hash of the entry before, or [`GENESIS`].
    pub prev_hash: String,
    /// [`Keys::audit_hash`] of the fields above.
    pub hash: String,
}

impl Keys {
    /// HMAC-SHA256 under the audit sub-key of an unambiguous encoding of the fields (integers
    /// as 8 bytes big-endian, `case_id` as a presence byte then the integer, strings as their
    /// length in 8 bytes then their bytes), as 64 hex characters.
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub fn audit_hash(
        &self,
        seq: i64,
        at: i64,
        case_id: Option<i64>,
        actor: &str,
        action: &str,
        detail: &str,
        prev_hash: &str,
    ) -> String {
        let mut buf =
            Vec::with_capacity(64 + actor.len() + action.len() + detail.len() + prev_hash.len());
        buf.extend_from_slice(&seq.to_be_bytes());
        buf.extend_from_slice(&at.to_be_bytes());
        match case_id {
            None => buf.push(0),
            Some(id) => {
                buf.push(1);
                buf.extend_from_slice(&id.to_be_bytes());
            }
        }
        for s in [actor, action, detail, prev_hash] {
            buf.extend_from_slice(&(s.len() as u64).to_be_bytes());
            buf.extend_from_slice(s.as_bytes());
        }
        hex::encode(hmac(&self.audit, &[&buf]))
    }

    /// The entry that follows `head` (the last entry's seq and hash, `None` for an empty log),
    /// with its seq, link and hash filled in.
    #[must_use]
    pub fn next_audit_entry(
        &self,
        head: Option<(i64, &str)>,
        at: i64,
        case_id: Option<i64>,
        actor: &str,
        action: &str,
        detail: &str,
    ) -> AuditEntry {
        let (seq, prev_hash) = match head {
            None => (1, GENESIS),
            Some((seq, hash)) => (seq.saturating_add(1), hash),
        };
        AuditEntry {
            seq,
            at,
            case_id,
            actor: actor.to_string(),
            action: action.to_string(),
            detail: detail.to_string(),
            prev_hash: prev_hash.to_string(),
            hash: self.audit_hash(seq, at, case_id, actor, action, detail, prev_hash),
        }
    }
}

/// Where an audit chain fails to check.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ChainError {
    /// A seq other than the next one: entries removed, inserted or reordered.
    #[error("entry {found} is where entry {expected} should be (entries removed, inserted or reordered)")]
    Gap { expected: i64, found: i64 },
    /// `prev_hash` is not the hash of the entry before.
    #[error("entry {seq}: it does not link to the entry before it (an entry was removed, replaced or reordered)")]
    BrokenLink { seq: i64 },
    /// The hash does not recompute from the entry's fields.
    #[error("entry {seq}: its hash does not match its contents (altered, or checked with a different key)")]
    Altered { seq: i64 },
    /// The chain ends before the head the database records.
    #[error(
        "the log ends at entry {last} but its head is entry {head} (entries removed from the end)"
    )]
    Truncated { last: i64, head: i64 },
    /// The chain runs past the head the database records.
    #[error("the log runs to entry {last} but its head is entry {head} (entries added behind Pause's back)")]
    BeyondHead { last: i64, head: i64 },
    /// The last entry is not the one the head records.
    #[error("entry {seq}: the head records a different hash for it (the last entry was replaced)")]
    HeadMismatch { seq: i64 },
}

/// Checks a chain read in seq order: seq starts at 1 and goes up by one; each `prev_hash` is
/// the hash of the entry before ([`GENESIS`] for the first); each hash recomputes under
/// `keys`. `head` is the (seq, hash) the database records as last, so that removing entries
/// from the end shows; `None` skips that check. Returns how many entries were checked.
///
/// # Errors
/// The first [`ChainError`] found, in seq order.
pub fn verify_chain(
    keys: &Keys,
    entries: impl IntoIterator<Item = AuditEntry>,
    head: Option<(i64, String)>,
) -> Result<u64, ChainError> {
    let mut expected_seq = 1i64;
    let mut prev_hash = GENESIS.to_string();
    let mut count = 0u64;
    for e in entries {
        if e.seq != expected_seq {
            return Err(ChainError::Gap {
                expected: expected_seq,
                found: e.seq,
            });
        }
        if e.prev_hash != prev_hash {
            return Err(ChainError::BrokenLink { seq: e.seq });
        }
        let hash = keys.audit_hash(
            e.seq,
            e.at,
            e.case_id,
            &e.actor,
            &e.action,
            &e.detail,
            &e.prev_hash,
        );
        if hash != e.hash {
            return Err(ChainError::Altered { seq: e.seq });
        }
        prev_hash = e.hash;
        expected_seq = expected_seq.saturating_add(1);
        count += 1;
    }
    let last = expected_seq - 1;
    if let Some((head_seq, head_hash)) = head {
        if last < head_seq {
            return Err(ChainError::Truncated {
                last,
                head: head_seq,
            });
        }
        if last > head_seq {
            return Err(ChainError::BeyondHead {
                last,
                head: head_seq,
            });
        }
        if head_seq > 0 && head_hash != prev_hash {
            return Err(ChainError::HeadMismatch { seq: last });
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        Keys::parse("8f3a5d0c1e2b4f6a7c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d").unwrap()
    }

    fn chain(keys: &Keys, n: i64) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 1..=n {
            let head = out.last().map(|e| (e.seq, e.hash.as_str()));
            let entry = keys.next_audit_entry(
                head,
                1_780_000_000 + i * 60,
                (i % 2 == 0).then_some(i * 10),
                &format!("account:{i}"),
                "case.acknowledge",
                &format!("detail {i}"),
            );
            out.push(entry);
        }
        out
    }

    fn head(entries: &[AuditEntry]) -> Option<(i64, String)> {
        entries.last().map(|e| (e.seq, e.hash.clone()))
    }

    #[test]
    fn an_intact_chain_checks() {
        let k = keys();
        let c = chain(&k, 5);
        assert_eq!(c[0].seq, 1);
        assert_eq!(c[0].prev_hash, GENESIS);
        assert_eq!(c[1].prev_hash, c[0].hash);
        assert_eq!(verify_chain(&k, c.clone(), head(&c)), Ok(5));
        assert_eq!(verify_chain(&k, c, None), Ok(5));
    }

    #[test]
    fn an_empty_chain_checks_against_an_empty_head() {
        let k = keys();
        assert_eq!(verify_chain(&k, Vec::new(), None), Ok(0));
        assert_eq!(
            verify_chain(&k, Vec::new(), Some((0, GENESIS.to_string()))),
            Ok(0)
        );
    }

    #[test]
    fn a_changed_detail_shows() {
        let k = keys();
        let mut c = chain(&k, 5);
        let h = head(&c);
        c[2].detail = "nothing to see here".to_string();
        assert_eq!(verify_chain(&k, c, h), Err(ChainError::Altered { seq: 3 }));
    }

    #[test]
    fn every_field_is_covered_by_the_hash() {
        let k = keys();
        let c = chain(&k, 3);
        let edits: [fn(&mut AuditEntry); 6] = [
            |e| e.at += 1,
            |e| e.case_id = None,
            |e| e.actor.push('x'),
            |e| e.action = "case.close".into(),
            |e| e.detail.clear(),
            |e| e.hash = GENESIS.into(),
        ];
        for (i, edit) in edits.iter().enumerate() {
            let mut t = c.clone();
            edit(&mut t[1]);
            assert_eq!(
                verify_chain(&k, t, head(&c)),
                Err(ChainError::Altered { seq: 2 }),
                "edit {i}"
            );
        }
    }

    #[test]
    fn a_deleted_middle_entry_shows() {
        let k = keys();
        let mut c = chain(&k, 5);
        let h = head(&c);
        c.remove(2);
        assert_eq!(
            verify_chain(&k, c.clone(), h.clone()),
            Err(ChainError::Gap {
                expected: 3,
                found: 4
            })
        );
        // Renumbering to hide the gap breaks the link instead.
        for e in c.iter_mut().skip(2) {
            e.seq -= 1;
        }
        assert_eq!(
            verify_chain(&k, c, h),
            Err(ChainError::BrokenLink { seq: 3 })
        );
    }

    #[test]
    fn reordered_entries_show() {
        let k = keys();
        let mut c = chain(&k, 5);
        let h = head(&c);
        c.swap(1, 2);
        assert_eq!(
            verify_chain(&k, c.clone(), h.clone()),
            Err(ChainError::Gap {
                expected: 2,
                found: 3
            })
        );
        // Swapping the seqs back does not help.
        c[0..3].iter_mut().zip(1..).for_each(|(e, s)| e.seq = s);
        assert_eq!(
            verify_chain(&k, c, h),
            Err(ChainError::BrokenLink { seq: 2 })
        );
    }

    #[test]
    fn a_truncated_tail_shows_against_the_head() {
        let k = keys();
        let mut c = chain(&k, 5);
        let h = head(&c);
        c.truncate(3);
        // The shorter chain is consistent in itself...
        assert_eq!(verify_chain(&k, c.clone(), None), Ok(3));
        // ...but not with the head.
        assert_eq!(
            verify_chain(&k, c, h.clone()),
            Err(ChainError::Truncated { last: 3, head: 5 })
        );
        assert_eq!(
            verify_chain(&k, Vec::new(), h),
            Err(ChainError::Truncated { last: 0, head: 5 })
        );
    }

    #[test]
    fn entries_past_the_head_or_a_replaced_last_entry_show() {
        let k = keys();
        let c = chain(&k, 5);
        let old_head = Some((4, c[3].hash.clone()));
        assert_eq!(
            verify_chain(&k, c.clone(), old_head),
            Err(ChainError::BeyondHead { last: 5, head: 4 })
        );
        // A last entry replaced by a validly hashed one (someone with the key) still differs
        // from the recorded head.
        let mut replaced = c.clone();
        replaced[4] = k.next_audit_entry(
            Some((4, &c[3].hash)),
            c[4].at,
            None,
            "someone",
            "case.close",
            "",
        );
        assert_eq!(
            verify_chain(&k, replaced, head(&c)),
            Err(ChainError::HeadMismatch { seq: 5 })
        );
    }

    #[test]
    fn a_wrong_key_shows_at_the_first_entry() {
        let c = chain(&keys(), 3);
        let other = Keys::parse(&Keys::generate()).unwrap();
        assert_eq!(
            verify_chain(&other, c.clone(), head(&c)),
            Err(ChainError::Altered { seq: 1 })
        );
    }

    #[test]
    fn a_chain_not_starting_at_one_shows() {
        let k = keys();
        let c = chain(&k, 3);
        assert_eq!(
            verify_chain(&k, c[1..].to_vec(), head(&c)),
            Err(ChainError::Gap {
                expected: 1,
                found: 2
            })
        );
    }

    #[test]
    fn the_encoding_is_unambiguous() {
        let k = keys();
        let h = |actor: &str, action: &str| k.audit_hash(1, 0, None, actor, action, "", GENESIS);
        assert_ne!(h("ab", "c"), h("a", "bc"));
        assert_ne!(
            k.audit_hash(1, 0, None, "a", "b", "", GENESIS),
            k.audit_hash(1, 0, Some(0), "a", "b", "", GENESIS)
        );
        assert_eq!(h("a", "b").len(), 64);
        assert_eq!(h("a", "b"), h("a", "b"));
    }

    #[test]
    fn errors_read_clearly() {
        assert_eq!(
            ChainError::Altered { seq: 7 }.to_string(),
            "entry 7: its hash does not match its contents (altered, or checked with a different key)"
        );
        assert_eq!(
            ChainError::Truncated { last: 3, head: 5 }.to_string(),
            "the log ends at entry 3 but its head is entry 5 (entries removed from the end)"
        );
    }
}
