//! Turning what an export stores into the text a person wrote.

use std::borrow::Cow;

/// Undoes X's escaping of `full_text`: it writes `&`, `<` and `>` as `&amp;`, `&lt;`, `&gt;`
/// and nothing else, so only those are decoded (a literal `&quot;` stays as typed).
#[must_use]
pub fn unescape_x(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let (ch, len) = if rest.starts_with("&amp;") {
            ('&', 5)
        } else if rest.starts_with("&lt;") {
            ('<', 4)
        } else if rest.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(ch);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Replaces each short link (`https://t.co/...`) with what it stands for, wherever it occurs.
#[must_use]
pub fn expand_links<'a>(text: &'a str, links: &[(&str, &str)]) -> Cow<'a, str> {
    let mut out = Cow::Borrowed(text);
    for (short, long) in links {
        if !short.is_empty() && !long.is_empty() && out.contains(short) {
            out = Cow::Owned(out.replace(short, long));
        }
    }
    out
}

/// Repairs Meta's mojibake: Facebook and Instagram exports write each UTF-8 byte of non-ASCII
/// text as its own `\u00XX` escape, so "café" arrives as "cafÃ©". When every character of a
/// string is below U+0100 and those bytes form valid UTF-8, they are decoded as UTF-8; any
/// other string is returned as it was (so genuine Latin-1 text such as "Ã©" alone survives only
/// when it is not valid UTF-8, which is the best a reader can do).
#[must_use]
pub fn fix_mojibake(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xFF) {
        return Cow::Borrowed(text);
    }
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(text),
    }
}

/// Decodes HTML character references: the common named ones and all numeric ones.
#[must_use]
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|j| j + 1);
        let decoded = match end {
            Some(end) if rest.as_bytes().get(end) == Some(&b';') && end <= 12 => {
                entity(&rest[1..end]).map(|c| (c, end + 1))
            }
            _ => None,
        };
        if let Some((c, len)) = decoded {
            out.push(c);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        "reg" => '®',
        "pound" => '£',
        "euro" => '€',
        _ => return None,
    })
}

/// Turns the HTML of a Mastodon post into plain text: paragraphs become blank lines, `<br>`
/// becomes a newline, tags are dropped (the hidden `<span class="invisible">` parts of links
/// are kept, so links read in full), and character references are decoded.
#[must_use]
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_owned();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..i]));
        rest = &rest[i..];
        let Some(end) = rest.find('>') else {
            // A stray `<`: keep it as text.
            out.push_str(&decode_entities(rest));
            rest = "";
            break;
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => out.push('\n'),
            "p" | "div" | "blockquote" | "ul" | "ol" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5"
            | "h6" => {
                end_block(&mut out);
            }
            "li" if !tag.starts_with('/') && !out.is_empty() && !out.ends_with('\n') => {
                out.push('\n');
            }
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    let trimmed = out.trim_matches(|c: char| c == '\n' || c == ' ');
    trimmed.to_owned()
}

fn end_block(out: &mut String) {
    if out.is_empty() {
        return;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if out.ends_with("\n\n") {
        return;
    }
    if out.ends_with('\n') {
        out.push('\n');
    } else {
        out.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_only_what_x_escapes() {
        assert_eq!(
            unescape_x("fish &amp; chips &lt;3 &gt; &quot;"),
            "fish & chips <3 > &quot;"
        );
        assert_eq!(unescape_x("&amp;amp;"), "&amp;");
    }

    #[test]
    fn repairs_facebook_mojibake() {
        assert_eq!(
            fix_mojibake("caf\u{c3}\u{a9} \u{f0}\u{9f}\u{98}\u{80}"),
            "café 😀"
        );
        assert_eq!(fix_mojibake("plain"), "plain");
        assert_eq!(fix_mojibake("already café ✓"), "already café ✓");
    }

    #[test]
    fn html_paragraphs_links_and_entities() {
        let html = "<p>Hello &amp; welcome<br>line two</p><p>see <a href=\"https://example.org/a/b\"><span class=\"invisible\">https://</span><span class=\"\">example.org/a/b</span></a> &#x1F600;</p>";
        assert_eq!(
            html_to_text(html),
            "Hello & welcome\nline two\n\nsee https://example.org/a/b 😀"
        );
    }

    #[test]
    fn stray_angle_brackets_survive() {
        assert_eq!(html_to_text("a < b"), "a < b");
        assert_eq!(
            decode_entities("AT&T &bogus; &#999999999;"),
            "AT&T &bogus; &#999999999;"
        );
    }
}
