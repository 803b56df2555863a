//! `credentials`: passwords, logins and door codes with their values.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "credentials",
    category: Category::ConfidentialInformation,
    severity: Severity::High,
    policy: clauses::R16,
    suggestion: "Never post passwords or codes. If one has been shared, tell your manager or IT so it can be changed.",
    docs: RuleDocs {
        what: "A password, PIN, login or door/keypad code followed by its value: \"door code is 4821\", \"password: Summer2024\".",
        why: "Codes protect patients, medicines and records. A posted door code lets anyone into a ward or drug room; a password opens patient records. Both must be changed at once.",
        example: "New door code for the drug room is 4821 btw",
        rewrite: "Reminder: door codes changed today, ask the nurse in charge",
        false_positives: "Talking about passwords in general (\"change your NHSmail password\") without a value.",
    },
    check,
};

static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:[^.\n!?]{0,60}?(?-u:\b)(?:is|are|was|it's|its|=|:|-|to)|\s*[:=]?)\s*(?:still |now |currently |back to |changed to )?['"]?([a-z0-9._-]{3,}\s*/\s*[a-z0-9!@#$%^&*._-]{4,}|[0-9](?:[-\s]?[0-9]){3,}#?|[a-z]*[0-9][a-z0-9!@#$%^&*]{2,}|[a-z0-9!@#$%^&*]{4,}[0-9]+#?)"#).expect("valid regex")
});

/// "user locum1 / pass Pharm@cy123", "username: x password: y".
static PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:user(?:name)?|login|log in)\s*[:=]?\s*[^\s/,;]{3,}\s*[/,;]?\s*(?:pass(?:word)?|pw|pwd|pin)\s*[:=]?\s*[^\s]{3,}").expect("valid regex")
});

/// "the side door into stores is 2580 again", "the CCTV on the top floor hasn't worked since
/// the summer": codes and security holes without the word "code".
static SECURITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:door|gate|entrance|cupboard|safe|lock|lockbox|lock box|keybox|key box)s?(?-u:\b)[^.!?\n]{0,50}(?-u:\b)(?:is|it's) (?:now )?\d{3,6}#?|(?:cctv|alarm|camera|barrier|lock|swipe)s?[^.!?\n]{0,40}(?:hasn't worked|hasnt worked|doesn't work|not working|is broken|left open|propped open|never locked|don't lock)|code is literally|code is just|(?:login|password|pin|code)s? (?:is |are )?(?:on|written on) (?:a|the) (?:post-it|postit|sticky note)").expect("valid regex")
});

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // Each pattern needs one of its words (most drafts have none, and the pair filter rules
    // them out without a scan).
    let secured = crate::lower_has_any!(
        d,
        [
            "door",
            "gate",
            "entrance",
            "cupboard",
            "safe",
            "lock",
            "keybox",
            "key box",
            "cctv",
            "alarm",
            "camera",
            "barrier",
            "swipe",
            "code is",
            "post-it",
            "postit",
            "sticky note"
        ]
    );
    if let Some(m) = SECURITY.find(if secured { d.lower() } else { "" }) {
        out.push(rule.finding(
            d,
            m.start(),
            m.end(),
            "A door code or a weakness in security, in public.".into(),
        ));
        return;
    }
    let paired = crate::lower_has_any!(d, ["user", "login", "log in"]);
    if let Some(m) = PAIR.find(if paired { d.lower() } else { "" }) {
        out.push(rule.finding(
            d,
            m.start(),
            m.end(),
            "A username and password together.".into(),
        ));
        return;
    }
    for h in d.hits_of(Lex::Credential) {
        let term = &d.lower()[h.start..h.end];
        if (term.contains("keypad") || term.contains("code"))
            && d.near_any(Lex::PhotoWord, h.start, h.end, 120).is_some()
        {
            out.push(rule.finding_at_hit(
                d,
                h,
                "\"{}\" in a photo: codes can be read from pictures.",
            ));
            return;
        }
        let rest = &d.lower()[h.end..];
        if let Some(c) = VALUE.captures(rest) {
            if let Some(m) = c.get(1) {
                let mut f = rule.finding(
                    d,
                    h.start,
                    h.end + m.end(),
                    format!("\"{}\" with its value.", d.original_text(h.start, h.end)),
                );
                f.replacement = None;
                out.push(f);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "credentials";

    #[test]
    fn flags_codes_with_values() {
        assert_flags("New door code for the drug room is 4821 btw", R);
        assert_flags("ward pc login: pharm01 password: Summer2024", R);
        assert_flags("d00r c0de is 1984", R);
        assert_flags(
            "Keysafe for the bungalow on Tuxford Walk is 4-1-9-7 if anyone's covering my 2pm",
            R,
        );
    }

    #[test]
    fn a_backlog_is_not_a_code() {
        assert_clean(
            "Our safeguarding referral backlog is 140. Kids waiting weeks.",
            R,
        );
    }

    #[test]
    fn password_advice_is_clean() {
        assert_clean("Reminder to change your NHSmail password this week", R);
        assert_clean("Forgot my smartcard PIN again, IT to the rescue", R);
    }
}
