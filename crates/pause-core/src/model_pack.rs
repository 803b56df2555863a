//! The learned models' feature keys and their packed form.
//!
//! A model is written as text (`data/model.tsv`: a feature name, a tab and seven weights a
//! line) so it can be read and reviewed. The engine needs none of the names, only each
//! feature's 32-bit key, so the build script packs the text into a compact binary that the
//! crate embeds instead: the keys sorted and their gaps written in three planes of bytes (low,
//! middle, high), then for each feature a byte saying which of its seven weights are not zero,
//! then those weights in hundredths as 16 bits, their low bytes and then their high bytes. Bytes
//! of one kind kept together compress better than rows interleaved: on the models trained on
//! 132,229 posts the extension's models take 926,630 bytes gzipped instead of 1,010,976 with
//! each row written as varints. The packing is exact: unpacking gives the same numbers, to the
//! bit, that reading the text gives.
//!
//! This file is pure `std` so the build script can include it (`#[path]`) as well as the crate.

/// FNV-1a, so features can be looked up without building strings.
pub fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for &c in bytes {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The seed of a single word's hash.
pub const UNIGRAM: u64 = 0xcbf2_9ce4_8422_2325;

/// A word pair's feature, from its two words' hashes (no second pass over the bytes).
pub fn pair(a: u64, b: u64) -> u64 {
    (a.rotate_left(17) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A feature's 64-bit hash folded to the 32 bits the model's table keys on. (With some 86,000
/// features, a word outside the model matches one by chance about once in 50,000 lookups, and
/// then only adds that feature's small weight.)
pub fn fold(h: u64) -> u32 {
    #[allow(clippy::cast_possible_truncation)]
    let folded = (h ^ (h >> 32)) as u32;
    folded
}

/// A single word's 32-bit key: its hash folded as the model's table keys it. The sorted word
/// lists (acronyms, given names, words that are not names) are kept as these keys too.
pub fn word_hash(word: &[u8]) -> u32 {
    fold(fnv(word, UNIGRAM))
}

/// The hash of a feature name (`w:word` or `b:word word`), or `None` if it is not one.
pub fn hash_name(name: &str) -> Option<u64> {
    if let Some(w) = name.strip_prefix("w:") {
        Some(fnv(w.as_bytes(), UNIGRAM))
    } else if let Some(p) = name.strip_prefix("b:") {
        let (a, b) = p.split_once(' ')?;
        Some(pair(fnv(a.as_bytes(), UNIGRAM), fnv(b.as_bytes(), UNIGRAM)))
    } else {
        None
    }
}

const MAGIC: &[u8; 4] = b"PZM3";

/// A row whose weights are written as raw `f32`s (some weight is not a plain decimal with at
/// most two places).
const RAW_ROW: u8 = 0x80;

/// A key's gap at or over this is written in full after the planes of bytes, its high byte
/// [`ESCAPE`].
const ESCAPED_GAP: u32 = 0x00ff_0000;
const ESCAPE: u8 = 0xff;

/// A model as numbers: bias, threshold (infinite when the text has none) and each feature's
/// key and weights, in key order.
pub type Rows = ([f32; 7], [f32; 7], Vec<(u32, [f32; 7])>);

/// Seven numbers separated by spaces.
fn seven(fields: &str) -> Result<[f32; 7], String> {
    let mut out = [0f32; 7];
    let mut n = 0;
    for (k, f) in fields.split(' ').filter(|f| !f.is_empty()).enumerate() {
        if k >= 7 {
            return Err("more than seven values".into());
        }
        out[k] = f.parse().map_err(|_| format!("`{f}` is not a number"))?;
        n = k + 1;
    }
    if n == 7 {
        Ok(out)
    } else {
        Err("expected seven values, one per category".into())
    }
}

/// A plain decimal with at most two places ("-0.11", "3", "1.5"), in hundredths.
fn hundredths(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || int.len() > 5
        || frac.len() > 2
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut v: i64 = int.parse().ok()?;
    for k in 0..2 {
        let d = frac.as_bytes().get(k).map_or(0, |b| i64::from(b - b'0'));
        v = v * 10 + d;
    }
    Some(if neg { -v } else { v })
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        #[allow(clippy::cast_possible_truncation)]
        let low = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

fn zigzag(v: i64) -> u64 {
    #[allow(clippy::cast_sign_loss)]
    let z = ((v << 1) ^ (v >> 63)) as u64;
    z
}

/// Packs a model's text. Errors name the line (from 1) and what is wrong with it.
///
/// # Errors
/// A line that is not a comment, `bias`, `threshold` or a feature with seven weights; a feature
/// whose 32-bit key repeats an earlier one's.
pub fn pack(text: &str) -> Result<Vec<u8>, (usize, String)> {
    let mut bias = [0f32; 7];
    let mut threshold = [f32::INFINITY; 7];
    let mut rows: Vec<(u32, usize, Vec<&str>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("bias ") {
            bias = seven(rest).map_err(|m| (line_no, m))?;
        } else if let Some(rest) = line.strip_prefix("threshold ") {
            threshold = seven(rest).map_err(|m| (line_no, m))?;
        } else {
            let (name, ws) = line.split_once('\t').ok_or_else(|| {
                (
                    line_no,
                    "expected a feature, a tab and seven weights".to_string(),
                )
            })?;
            let h =
                hash_name(name).ok_or_else(|| (line_no, format!("`{name}` is not a feature")))?;
            seven(ws).map_err(|m| (line_no, m))?;
            let fields: Vec<&str> = ws.split(' ').filter(|f| !f.is_empty()).collect();
            rows.push((fold(h), line_no, fields));
        }
    }
    rows.sort_by_key(|r| r.0);
    for w in rows.windows(2) {
        if w[0].0 == w[1].0 {
            let (first, second) = (w[0].1.min(w[1].1), w[0].1.max(w[1].1));
            return Err((
                second,
                format!("this feature has the same 32-bit key as the one on line {first}"),
            ));
        }
    }
    let mut out = Vec::with_capacity(rows.len() * 6 + 64);
    out.extend_from_slice(MAGIC);
    for v in bias.iter().chain(&threshold) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    put_varint(&mut out, rows.len() as u64);
    // The keys' gaps in three planes of bytes (all the low bytes, then the middle, then the
    // high), so the compressor sees the random low bytes apart from the high bytes, which are
    // nearly always small; a gap that does not fit is escaped in the high plane and written in
    // full after it. Then every row's mask, then the weights: each kind of byte kept together
    // compresses better than rows interleaved (the extension is measured gzipped).
    let mut planes = [Vec::new(), Vec::new(), Vec::new()];
    let mut overflow = Vec::new();
    let mut last = 0u32;
    for (key, _, _) in &rows {
        let gap = key - last;
        last = *key;
        if gap < ESCAPED_GAP {
            for (k, plane) in planes.iter_mut().enumerate() {
                plane.push(gap.to_le_bytes()[k]);
            }
        } else {
            planes[0].push(0);
            planes[1].push(0);
            planes[2].push(ESCAPE);
            put_varint(&mut overflow, u64::from(gap));
        }
    }
    for plane in &planes {
        out.extend_from_slice(plane);
    }
    out.extend_from_slice(&overflow);
    // Each weight in hundredths, zigzagged to 16 bits: the low bytes together, then the high
    // bytes (nearly all zero), then the rows written as raw `f32`s.
    let (mut weights, mut high_weights, mut raw) = (Vec::new(), Vec::new(), Vec::new());
    for (_, _, fields) in &rows {
        let exact: Option<Vec<i64>> = fields
            .iter()
            .map(|f| hundredths(f).filter(|v| v.unsigned_abs() < 1 << 15))
            .collect();
        match exact {
            Some(vals) => {
                let mask = vals
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v != 0)
                    .fold(0u8, |m, (i, _)| m | (1 << i));
                out.push(mask);
                for v in vals.iter().filter(|v| **v != 0) {
                    #[allow(clippy::cast_possible_truncation)]
                    let z = zigzag(*v) as u16;
                    let [lo, hi] = z.to_le_bytes();
                    weights.push(lo);
                    high_weights.push(hi);
                }
            }
            None => {
                out.push(RAW_ROW);
                for f in fields {
                    let v: f32 = f.parse().unwrap_or(0.0);
                    raw.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
    }
    put_varint(&mut out, weights.len() as u64);
    out.extend_from_slice(&weights);
    out.extend_from_slice(&high_weights);
    out.extend_from_slice(&raw);
    Ok(out)
}

/// Reads bytes from a packed model, failing cleanly at its end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| format!("packed model ends early at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("packed model has a bad number at byte {}", self.at))
    }

    fn f32(&mut self) -> Result<f32, String> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Unpacks what [`pack`] wrote.
///
/// # Errors
/// Bytes that are not a packed model, or that end early.
pub fn unpack(bytes: &[u8]) -> Result<Rows, String> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err("not a packed model".into());
    }
    let mut bias = [0f32; 7];
    let mut threshold = [0f32; 7];
    for v in bias.iter_mut().chain(threshold.iter_mut()) {
        *v = r.f32()?;
    }
    let n = usize::try_from(r.varint()?).map_err(|_| "too many features".to_string())?;
    let mut rows: Vec<(u32, [f32; 7])> = Vec::with_capacity(n.min(bytes.len()));
    let planes = r.take(n.checked_mul(3).ok_or("too many features")?)?;
    let (low, rest) = planes.split_at(n);
    let (mid, high) = rest.split_at(n);
    let mut key = 0u32;
    for i in 0..n {
        let gap = if high[i] == ESCAPE {
            u32::try_from(r.varint()?).map_err(|_| "a key out of range".to_string())?
        } else {
            u32::from_le_bytes([low[i], mid[i], high[i], 0])
        };
        key = key
            .checked_add(gap)
            .ok_or_else(|| "a key out of range".to_string())?;
        rows.push((key, [0f32; 7]));
    }
    let masks = r.take(n)?;
    let m = usize::try_from(r.varint()?).map_err(|_| "too many weights".to_string())?;
    let low = r.take(m)?;
    let high = r.take(m)?;
    let mut next = low.iter().zip(high);
    for (row, &mask) in rows.iter_mut().zip(masks) {
        if mask == RAW_ROW {
            for w in &mut row.1 {
                *w = r.f32()?;
            }
            continue;
        }
        for (i, w) in row.1.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                let (&lo, &hi) = next
                    .next()
                    .ok_or_else(|| "packed model has too few weights".to_string())?;
                let z = i64::from(u16::from_le_bytes([lo, hi]));
                let v = (z >> 1) ^ -(z & 1);
                // Both exact in f32 for the model's range, so the quotient is the correctly
                // rounded value of the decimal: the same f32 that parsing the text gives.
                #[allow(clippy::cast_precision_loss)]
                let hundredths = v as f32;
                *w = hundredths / 100.0;
            }
        }
    }
    Ok((bias, threshold, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text read the plain way: each name hashed, each number parsed as an `f32`.
    fn read_plainly(text: &str) -> Rows {
        let nums = |s: &str| -> [f32; 7] {
            let v: Vec<f32> = s.split(' ').map(|f| f.parse().expect("a number")).collect();
            std::array::from_fn(|i| v[i])
        };
        let (mut bias, mut threshold) = ([0f32; 7], [f32::INFINITY; 7]);
        let mut rows = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if let Some(rest) = line.strip_prefix("bias ") {
                bias = nums(rest);
            } else if let Some(rest) = line.strip_prefix("threshold ") {
                threshold = nums(rest);
            } else {
                let (name, ws) = line.split_once('\t').expect("a tab");
                rows.push((fold(hash_name(name).expect("a feature")), nums(ws)));
            }
        }
        rows.sort_by_key(|r| r.0);
        (bias, threshold, rows)
    }

    fn bits(rows: &Rows) -> (Vec<u32>, Vec<(u32, Vec<u32>)>) {
        let head = rows.0.iter().chain(&rows.1).map(|v| v.to_bits()).collect();
        let body = rows
            .2
            .iter()
            .map(|(k, ws)| (*k, ws.iter().map(|w| w.to_bits()).collect()))
            .collect();
        (head, body)
    }

    #[test]
    fn the_shipped_models_unpack_to_exactly_their_text() {
        for (text, packed) in [
            (crate::classifier::MODEL, crate::classifier::MODEL_PACKED),
            (
                crate::classifier::OPINION,
                crate::classifier::OPINION_PACKED,
            ),
        ] {
            let plain = read_plainly(text);
            let unpacked = unpack(packed).expect("the shipped model unpacks");
            assert!(plain.2.len() > 10_000, "the shipped model has its features");
            assert!(
                bits(&plain) == bits(&unpacked),
                "packed model differs from its text"
            );
        }
    }

    #[test]
    fn weights_that_are_not_plain_decimals_are_kept_exactly() {
        let text = "bias 0 0 0 0 0 0 0\nw:ward\t0.125 0 -1e-3 0 0 0 0\nw:bed\t0.5 0 0 0 0 0 -2\n";
        let unpacked = unpack(&pack(text).expect("packs")).expect("unpacks");
        assert!(bits(&read_plainly(text)) == bits(&unpacked));
    }

    #[test]
    fn a_truncated_model_is_an_error_not_a_panic() {
        let packed = pack("w:ward\t1 0 0 0 0 0 0\n").expect("packs");
        for n in 0..packed.len() {
            assert!(unpack(&packed[..n]).is_err());
        }
    }

    #[test]
    fn large_gaps_and_large_weights_are_kept_exactly() {
        // Two features whose keys are far apart (escaped gaps) and weights past 16 bits of
        // hundredths (raw rows), beside ordinary ones.
        let text = "bias 0 0 0 0 0 0 0\nw:ward\t400 0 0 0 0 0 0\nw:bed\t0.5 -0.01 0 0 0 0 -2\nw:a\t0 0 0 0 0 0 0.64\n";
        let unpacked = unpack(&pack(text).expect("packs")).expect("unpacks");
        assert!(bits(&read_plainly(text)) == bits(&unpacked));
        let keys: Vec<u32> = unpacked.2.iter().map(|r| r.0).collect();
        assert!(
            keys.windows(2).any(|w| w[1] - w[0] >= ESCAPED_GAP),
            "{keys:?}"
        );
    }
}
