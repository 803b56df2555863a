//! `patient-contact`: a patient's phone number, e-mail address or social handle.

use std::sync::LazyLock;

use phonenumber::country::Id;
use regex::Regex;

use crate::clauses;
use crate::draft::{Draft, HANDLE};
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "patient-contact",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Remove the contact details. If someone needs to reach the patient, do it through the clinical record, not social media.",
    docs: RuleDocs {
        what: "A phone number (validated as a UK number with the libphonenumber data), an e-mail address or an @handle near words that make it a patient's or their family's. The organisation's public contacts and public helplines are never flagged; other numbers with no patient context are a low reminder.",
        why: "Contact details let anyone reach, find or harass a patient, and tie the post to one person. They are personal data under UK GDPR as well as confidential.",
        example: "Patient in bay 3 wants her daughter called, her mobile is 07700 900123",
        rewrite: "Patient in bay 3 wants her daughter called; I've passed it to the nurse in charge",
        false_positives: "The organisation's public numbers and addresses from the policy, helplines (111, Samaritans 116 123), and numbers with no patient words near them (low severity only).",
    },
    check,
};

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+44\s?\(?0?\)?\s?\d|\(?(?-u:\b)0\d)[\d\s\-()]{7,14}\d(?-u:\b)")
        .expect("valid regex")
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?-u:\b)")
        .expect("valid regex")
});

/// An address spelt out to dodge filters: "jo.bloggs1960 at example dot com".
static EMAIL_SPELT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[a-z0-9._%+-]*[a-z][a-z0-9._%+-]* (?:at|\[at\]|\(at\)) [a-z0-9-]+(?: (?:dot|\[dot\]|\(dot\)) [a-z]{2,6}){1,2}(?-u:\b)")
        .expect("valid regex")
});

/// The text with each letter O that sits beside a digit (or beside such an O) read as zero.
fn letter_o_as_zero(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let is_o = |c: u8| c == b'O' || c == b'o';
    for i in 0..b.len() {
        if !is_o(b[i]) {
            continue;
        }
        let prev = i > 0 && out[i - 1].is_ascii_digit();
        let next = b.get(i + 1).is_some_and(|c| c.is_ascii_digit() || is_o(*c))
            && b[i + 1..]
                .iter()
                .take_while(|c| is_o(**c))
                .count()
                .checked_add(i + 1)
                .and_then(|k| b.get(k))
                .is_some_and(u8::is_ascii_digit);
        // Not inside a word: "Oxford 01865", "too 07..." keep their letters.
        let word_before = i > 0 && b[i - 1].is_ascii_alphabetic();
        if (prev || next) && !word_before {
            out[i] = b'0';
        }
    }
    // Only ASCII letters were replaced by ASCII digits: still valid UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Whether the text could hold ten digits once [`letter_o_as_zero`] has read its letters O: it
/// reads only runs of O touching a digit, so the digits and those runs bound the count (most
/// drafts have a handful of digits and no such run).
fn could_reach_ten(b: &[u8], digits: usize) -> bool {
    if digits >= 10 {
        return true;
    }
    if digits == 0 {
        return false;
    }
    let is_o = |c: u8| c == b'O' || c == b'o';
    let mut n = digits;
    for k in (0..b.len()).filter(|&k| b[k].is_ascii_digit()) {
        n += b[k + 1..].iter().take_while(|&&c| is_o(c)).count();
        n += b[..k].iter().rev().take_while(|&&c| is_o(c)).count();
    }
    n >= 10
}

/// UK numbers start 01, 02, 03, 05, 07, 08 or 09 (or +44 and one of those without the 0): a
/// cheap test before asking libphonenumber, whose metadata takes a moment to load the first time.
fn uk_shaped(digits: &str) -> bool {
    let national = digits
        .strip_prefix("44")
        .map_or_else(|| digits.to_string(), |r| format!("0{r}"));
    national.len() >= 10
        && national.len() <= 11
        && national.starts_with('0')
        && matches!(
            national.as_bytes().get(1),
            Some(b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
        )
}

/// Ofcom reserves these ranges for drama; libphonenumber calls them invalid, but a post that
/// uses one is written as if it were real, so we read it as real.
fn drama_range(digits: &str) -> bool {
    let d = digits
        .strip_prefix("44")
        .map_or_else(|| digits.to_string(), |r| format!("0{r}"));
    [
        "07700900", "01134960", "01144960", "01154960", "01164960", "01174960", "01184960",
        "01214960", "01314960", "01414960", "01514960", "01614960", "02079460", "01914980",
        "02890180", "02920180", "01632960",
    ]
    .iter()
    .any(|p| d.starts_with(p))
}

fn valid_phone(candidate: &str) -> bool {
    let digits: String = candidate.chars().filter(char::is_ascii_digit).collect();
    if !(10..=12).contains(&digits.len()) {
        return false;
    }
    if drama_range(&digits) {
        return true;
    }
    if !uk_shaped(&digits) {
        return false;
    }
    phonenumber::parse(Some(Id::GB), candidate).is_ok_and(|p| phonenumber::is_valid(&p))
}

/// A number or address given as a service's, not a person's: "queries to the clinic line on",
/// "ring the discharge team on", "the volunteers on", "Carers UK's adviceline is".
fn service_line(d: &Draft<'_>, start: usize) -> bool {
    let before = d.lower_before(start, 40);
    // Freephone and non-geographic numbers belong to organisations.
    let number: String = d.cased()[start..]
        .chars()
        .take(8)
        .filter(char::is_ascii_digit)
        .collect();
    let freephone = ["0800", "0808", "030", "033", "034", "037"]
        .iter()
        .any(|p| number.starts_with(p));
    freephone
        || crate::any_of!(
            before,
            [
                " line on",
                " line is",
                "adviceline",
                "helpline",
                "team on",
                "volunteers on",
                "queries",
                "to book",
                "reception",
                "switchboard",
                "office on",
                "desk on",
                "department on",
                "dept on",
                "can also be reached",
                "appointments",
                "new number is",
                "number is now",
                "ring the shop",
                "call the shop",
                "ring us on",
                "call us on",
                "pharmacy on",
                "surgery on",
                "practice on",
                "hotline",
                "direct line",
                "support line",
                "line:",
                "public number",
                "practice number",
                "reached on",
                "ring the home",
                "manager on",
                "office hours"
            ]
        )
}

/// The author's own number: "text me on", "WhatsApp me on", "my mobile is". Sharing it is a
/// boundaries question, not a patient's details.
fn own_number(d: &Draft<'_>, start: usize) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:(?:text|call|ring|whatsapp|message|phone|contact|reach|bell|buzz) me(?: directly| privately)? (?:on|at)|my (?:personal |work |own |private )?(?:mobile|number|phone)(?: number)?(?: is)?|(?:on|via) whatsapp)[ :,(-]*$")
            .expect("valid regex")
    });
    OWN.is_match(d.lower_before(start, 40))
}

/// A mobile number or a personal e-mail address given as someone else's: "her mobile is",
/// "ring Donna on", "Mr Ellison ... his mobile's", "caller's email was". Services give landlines
/// and role addresses; a person's own mobile or name-and-digits address, told about a third
/// person, is a patient's or a relative's far more often than not.
fn someone_elses(d: &Draft<'_>, start: usize, end: usize) -> bool {
    static NAMED_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:ring|call|text|phone|contact|tell) (?:(?:Mr|Mrs|Ms|Miss)\.? )?[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?(?:'s (?:mum|dad|wife|husband|daughter|son|partner|carer))? (?:on|at)[ :]*$")
            .expect("valid regex")
    });
    let what = &d.cased()[start..end];
    let mobile = {
        let digits: String = what.chars().filter(char::is_ascii_digit).take(4).collect();
        digits.starts_with("07") || digits.starts_with("447")
    };
    let personal_mail = what.split('@').next().is_some_and(|local| {
        what.contains('@')
            && (local.contains(['.', '_']) || local.bytes().any(|b| b.is_ascii_digit()))
    });
    if !(mobile || personal_mail) {
        return false;
    }
    let before = d.lower_before(start, 64);
    // The cased text has the lowercased text's byte offsets.
    let cased_before = d.cased().get(start - before.len()..start).unwrap_or("");
    NAMED_ON.is_match(cased_before)
        || crate::any_of!(
            before,
            [
                "her mobile",
                "his mobile",
                "her number",
                "his number",
                "her phone",
                "his phone",
                "her email",
                "his email",
                "she's on",
                "he's on",
                "she's at",
                "he's at",
                "'s mobile",
                "'s number",
                "'s email",
                "caller",
                "emailed",
                "emails from",
                "email from",
                "e-mail from",
                "message from",
                "mrs ",
                "mr ",
                "mum on",
                "dad on",
            ]
        )
        // A call back to a patient who did not answer ("Rang back 07712 ... four times", "...
        // straight to voicemail. If this is you, your appointment is ..."), not to a colleague
        // about the rota.
        || (crate::any_of!(
            before,
            ["rang back", "called back", "tried ringing", "tried calling", "missed call from"]
        ) || crate::any_of!(
            d.lower_after(end, 80),
            ["if this is you", "if this is your number", "straight to voicemail"]
        )) && !crate::lower_has_any!(d, ["rota", "swap", "shift", "colleague", "cover"])
}

/// A handle that is a clinician's or an organisation's, never a patient's: "@DrTomVickers",
/// "@NorthValeHBcomms", "@TrentUniHosp", "@STSNHSFT", "@TyneHeartCentre", a councillor's
/// "@CllrDerekPyle".
fn staff_or_organisation_handle(handle: &str) -> bool {
    let h = handle.trim_start_matches('@').to_ascii_lowercase();
    ["dr", "nurse", "prof", "sister", "matron", "the", "ward_"]
        .iter()
        .any(|p| h.starts_with(p))
        || [
            "trust", "comms", "icb", "council", "pharmacy", "clinic", "hb", "cymru", "transport",
            "imaging", "services",
            "mobility", "dx", "assist", "fund", "ltd", "uk", "news", "health", "group", "official",
        ]
        .iter()
        .any(|w| h.ends_with(w) || h.contains(&format!("{w}_")) || h.starts_with(w))
        // Anywhere in it: "@STSNHSFT", "@TrentUniHosp", "@HullHospitals".
        || ["nhs", "hosp", "cllr"].iter().any(|w| h.contains(w))
        || ["centre", "center", "carehome", "carehomes"]
            .iter()
            .any(|w| h.ends_with(w))
        // A colleague's handle: "@KellyHCA22", "@ward_sister_jo".
        || ["hca", "sister", "nurse", "midwife", "physio", "pharmacist", "_rn", "rgn"]
            .iter()
            .any(|w| h.contains(w))
        // A role as a whole part of the handle: "@kayleigh_rmn", "@AnnaMcK_Pharm",
        // "@NightMatronBev" (not "@amy_docherty" or "@medicated_mum").
        || handle_parts(handle.trim_start_matches('@'))
            .iter()
            .any(|p| ["rmn", "pharm", "matron", "medic", "doc", "dr"].contains(&p.as_str()))
}

/// The parts of a handle, split at underscores, dots, digits and capitals: "NightMatronBev" is
/// night, matron, bev.
fn handle_parts(handle: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in handle.chars() {
        if (!c.is_ascii_alphabetic() || (c.is_ascii_uppercase() && prev_lower)) && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        if c.is_ascii_alphabetic() {
            cur.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase();
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    let mut emit = |s: usize, e: usize, what: &str, replacement: &'static str| {
        if d.near(Lex::PublicHelpline, s, e, 60).is_some() || service_line(d, s) {
            return;
        }
        // "the mobile we have for you is ...": a patient's record read out.
        let on_file = crate::any_of!(
            d.lower_before(s, 40),
            [
                "we have for you",
                "we have on file",
                "on file for",
                "on our system for",
                "on the system for"
            ]
        );
        let patient = (super::patient_context(d, s, e) || on_file || someone_elses(d, s, e))
            && !own_number(d, s);
        let mut f = rule.finding(d, s, e, format!("A {what} in a patient's context."));
        if !patient {
            f.severity = Severity::Low;
            f.message =
                format!("A {what}: if it is not a public one, think twice before posting it.");
        }
        f.replacement = Some(replacement);
        out.push(f);
    };
    // Letter O for zero ("O7712 384 561"): read as a digit beside a digit, byte for byte, so
    // spans still point into the text.
    let zeroed;
    let phone_text = if could_reach_ten(cased.as_bytes(), d.digits)
        && cased.bytes().any(|b| b == b'O' || b == b'o')
    {
        zeroed = letter_o_as_zero(cased);
        zeroed.as_str()
    } else {
        cased
    };
    if phone_text.bytes().filter(u8::is_ascii_digit).count() >= 10 {
        for m in PHONE.find_iter(phone_text) {
            let text = m.as_str().trim_end_matches(['-', ' ', '(']);
            if valid_phone(text) && !d.public_contacts.is_public_phone(text) {
                emit(
                    m.start(),
                    m.start() + text.len(),
                    "phone number",
                    "[phone number]",
                );
            }
        }
    }
    if d.lower().contains(" dot ") {
        for m in EMAIL_SPELT.find_iter(d.lower()) {
            emit(m.start(), m.end(), "e-mail address", "[email]");
        }
    }
    if d.has_byte(b'@') {
        for m in EMAIL.find_iter(cased) {
            let local = m
                .as_str()
                .split('@')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let role_box = [
                "info",
                "enquiries",
                "admin",
                "team",
                "office",
                "hello",
                "contact",
                "pharmacy",
                "support",
                "volunteers",
                "volunteer",
                "pals",
                "communications",
                "comms",
                "press",
                "media",
                "jobs",
                "careers",
                "recruitment",
                "events",
                "training",
                "education",
                "research",
                "feedback",
                "complaints",
                "medicines",
                "mi",
                "bookings",
                "appointments",
                "reception",
                "noreply",
                "no-reply",
                "outpatients",
                "inpatients",
                "clinic",
                "referrals",
                "dispensary",
                "switchboard",
            ];
            if !d.public_contacts.is_public_email(m.as_str())
                && !d.public_contacts.is_organisation_email(m.as_str())
                && !role_box.iter().any(|r| {
                    local == *r
                        || local.starts_with(&format!("{r}."))
                        || local.ends_with(&format!(".{r}"))
                })
            {
                emit(m.start(), m.end(), "e-mail address", "[email]");
            }
        }
        for c in HANDLE.captures_iter(cased) {
            let Some(m) = c.get(1) else { continue };
            let lead = d.lower_before(m.start(), 14);
            if crate::any_of!(lead, ["replying to", "qt ", "rt ", "via ", "h/t", "cc "]) {
                continue;
            }
            if d.hits_in(m.start(), m.end())
                .any(|h| h.lex == Lex::PolicyEmployer)
                || staff_or_organisation_handle(m.as_str())
            {
                continue;
            }
            // A handle is a patient's only when the words say so ("patient @x", "her son @y").
            let before = d.lower_before(m.start(), 40);
            let theirs = [
                "patient",
                "pt ",
                "her son",
                "his son",
                "her daughter",
                "his daughter",
                "his wife",
                "her husband",
                "relative",
                "family",
                "mum",
                "dad",
                "grandson",
                "granddaughter",
                "resident",
                "service user",
                "client",
            ];
            let praise = d
                .near_any(Lex::StaffTitle, m.start(), m.end(), 80)
                .is_some();
            let near = |lex: Lex| d.near_any(lex, m.start(), m.end(), 150).is_some();
            let treatment = near(Lex::Medicine)
                && near(Lex::ClinicalCondition)
                && crate::lower_has_any!(
                    d,
                    ["results", "hba1c", "bloods", "your scan", "your test"]
                );
            // A personal handle beside a condition, outside talk of a talk or a paper ("@kerry_b
            // hope the thrush has cleared up", "@gymboy posting with untreated gonorrhoea").
            // A personal handle (lower case, or with digits, dots or underscores), not a firm's
            // ("@CareLinkHomecare"), and not advice given to its owner ("@sam_k with your kidney
            // function take ..."), which is the boundaries rules' business.
            let personal = {
                let h = &m.as_str()[1..];
                h.bytes().all(|b| !b.is_ascii_uppercase())
                    || h.bytes().any(|b| b.is_ascii_digit() || b == b'.')
            };
            // A handle that says its owner's job is a colleague's, tagged in fun or in a
            // pile-on: "@lowri.aseptics", "@dan_the_pharmacist".
            let whole_handle = d.cased()[m.start() + 1..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                .next()
                .unwrap_or("");
            let staff_handle = handle_parts(whole_handle).iter().any(|p| {
                [
                    "aseptics",
                    "pharmacist",
                    "pharmacy",
                    "pharmtech",
                    "nurse",
                    "rn",
                    "rgn",
                    "rmn",
                    "midwife",
                    "paramedic",
                    "physio",
                    "medic",
                    "hca",
                    "theatres",
                ]
                .contains(&p.as_str())
            });
            // Their own health ("back on the floor after the chemo!! @siobhan.rgn") is still
            // confidential; only the fun or the pile-on is let through.
            if staff_handle
                && !d.has(Lex::PatientContext)
                && (d.has(Lex::PileOn) || d.has(Lex::Insult) || d.has(Lex::Mockery))
            {
                continue;
            }
            let calm = !d
                .hits
                .iter()
                .any(|x| matches!(x.lex, Lex::Accusation | Lex::Endorsement | Lex::Insult));
            let their_condition = personal
                && near(Lex::ClinicalCondition)
                && calm
                && !crate::lower_has_any!(
                    d,
                    [
                        "take ",
                        "dm me",
                        "your ",
                        "you're",
                        "you'd",
                        "you can",
                        "you should",
                        "sponsor",
                        "#ad",
                        "code ",
                        "sounds like",
                        "off me"
                    ]
                )
                && !public_talk(d);
            // Care done to the handle's owner or their family: "@marjbakes thanks for the cake
            // at your dressing change, heel's nearly healed", "@sally_b your mum's ACE-III".
            let family_after = crate::any_of!(
                d.lower_after(m.end(), 24),
                [
                    "your mum's",
                    "your dad's",
                    "your nan's",
                    "your son's",
                    "your daughter's",
                    "your wife's",
                    "your husband's",
                    "your mum ",
                    "your dad "
                ]
            );
            // Advice to the handle's owner ("@sam_k with your knee, double up the ibuprofen") is
            // the boundaries rules' business; a tag to pile on is bullying's.
            let advised = d.has(Lex::AdviceVerb)
                || d.has(Lex::PileOn)
                || crate::lower_has_any!(
                    d,
                    [
                        "dm me",
                        "you'd",
                        "you can",
                        "you should",
                        "i'd ",
                        "double up",
                        "can't advise",
                        "can't give advice",
                        "stop her",
                        "stop his",
                        "just stop",
                        "should stop",
                        "sounds like"
                    ]
                );
            let cared = personal
                && calm
                && !advised
                && !public_talk(d)
                && (near(Lex::CareDetail)
                    || (family_after && (near(Lex::ClinicalCondition) || near(Lex::Medicine))));
            // A personal handle of someone the author has a relationship with through care:
            // "one of our service users has just requested me on Insta, @x", "the lady we took in
            // last week just messaged me on Facebook, @y".
            let befriended =
                personal && d.has(Lex::PatientRelationship) && near(Lex::PatientContext);
            // A patient of the pharmacy or the surgery told in public that their medicines or
            // results are in: "@jen_m88 your prescription's ready for collection at our branch".
            let served = personal && {
                let after = d
                    .lower_after(m.end(), 32)
                    .trim_start_matches([' ', ',', ':', '-']);
                // One word to the person first: "@jonnyb_88 mate your results are back".
                let after = ["mate ", "hun ", "hon ", "babe ", "pal ", "love "]
                    .iter()
                    .find_map(|w| after.strip_prefix(w))
                    .unwrap_or(after);
                [
                    "your prescription",
                    "your repeat",
                    "your meds",
                    "your medication",
                    "your blister pack",
                    "your dosette",
                    "your results",
                    "your test results",
                    "your bloods",
                ]
                .iter()
                .any(|w| after.starts_with(w))
            };
            let clinical = served
                || (near(Lex::PatientContext) && near(Lex::HospitalPlace))
                || treatment
                || their_condition
                || befriended
                || cared;
            let said_before = d.lower_before(m.start(), 80);
            // The author's own handle ("add me on Insta @jabs_by_jess") or a sponsor's.
            let own = crate::any_of!(
                d.lower_before(m.start(), 24),
                [
                    "add me",
                    "follow me",
                    "my insta",
                    "my ig",
                    "my tiktok",
                    "i'm @",
                    "im @"
                ]
            ) || d.has(Lex::Endorsement)
                || crate::lower_has_any!(d, ["sponsored", "#ad", "code "]);
            if own {
                continue;
            }
            // A firm's or a service's handle ("@BayVistaCare", "@ManxCare when does this stop?",
            // "for @ICUsteps") is a patient's only when a word for one sits right before it.
            let close = d.lower_before(m.start(), 16);
            // A firm's or a service's name ("@BayVistaCare", "@IrwellKids"), or a handle told off
            // in a complaint ("@SevernsideMH how is this acceptable?"); a person's CamelCase
            // name ("@JoanTiplady") is neither.
            let camel = !personal
                && m.as_str().as_bytes()[1..]
                    .windows(2)
                    .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
            let business = handle_parts(&m.as_str()[1..]).iter().any(|p| {
                [
                    "care",
                    "homecare",
                    "health",
                    "ltd",
                    "taxi",
                    "taxis",
                    "cabs",
                    "kids",
                    "mh",
                    "services",
                    "group",
                    "pharma",
                    "dental",
                    "autism",
                    "supplies",
                    "online",
                    "direct",
                    "solutions",
                    "tots",
                    "ipc",
                    "co",
                    "uk",
                    "steps",
                    "trust",
                ]
                .contains(&p.as_str())
            }) || handle_parts(&m.as_str()[1..]).last().is_some_and(|p| {
                // A shop's name ends in what it sells: "@GlowUpScrubs", "@BrightSmileShop"
                // (a person's may start with it: "@BeautyByChloe"); a paper's in what it is:
                // "@DerbyTelegraph", "@OxfordMailGazette" (not a word that is also a surname or a
                // nickname: "@TomMercury", "@JessHerald", "@KateFM" may be a patient's).
                [
                    "scrubs",
                    "shop",
                    "store",
                    "boutique",
                    "wear",
                    "app",
                    "telegraph",
                    "gazette",
                    "chronicle",
                    "argus",
                    "advertiser",
                    "courier",
                    "examiner",
                    "newsroom",
                ]
                .contains(&p.as_str())
            });
            let complaint = crate::any_of!(
                d.lower_after(m.end(), 24),
                [
                    " how is",
                    " when does",
                    " please explain",
                    " why ",
                    " you sent",
                    " you charged",
                    " your driver"
                ]
            ) || crate::any_of!(
                d.lower_before(m.start(), 24),
                ["tagging", "how is this ok, "]
            );
            let firm = camel && (business || complaint);
            // "Go follow @GazVsAML, one of mine on the ward": said right after it.
            let after = d.lower_after(m.end(), 48);
            let patients = if firm {
                theirs.iter().any(|w| close.contains(w))
                    || ["one of mine", "one of our", "my patient"].iter().any(|w| {
                        after
                            .trim_start_matches([' ', ',', '-', '\u{2014}', '\u{2013}'])
                            .starts_with(w)
                    })
                    || crate::any_of!(after, ["she's one of our", "he's one of our"])
            } else {
                theirs.iter().any(|w| before.contains(w))
                    || theirs.iter().any(|w| said_before.contains(w))
                    || (clinical
                        && (!praise
                            || their_condition
                            || cared
                            || treatment
                            || (near(Lex::ClinicalCondition) && near(Lex::HospitalPlace))))
            };
            if patients {
                let mut f = rule.finding(
                    d,
                    m.start(),
                    m.end(),
                    "A social-media handle that seems to be a patient's or their family's.".into(),
                );
                f.replacement = Some("[handle]");
                out.push(f);
            }
        }
    }
}

/// Talk of a talk, a paper or a campaign: a handle there is a speaker's or an author's.
fn public_talk(d: &Draft<'_>) -> bool {
    crate::lower_has_any!(
        d,
        [
            "talk",
            "session",
            "webinar",
            "lecture",
            "present",
            "conference",
            "paper",
            "study",
            "research",
            "podcast",
            "blog",
            "thread",
            "article",
            "course",
            "awareness",
            "campaign",
            "charity",
            "fundrais",
            "teaching",
            "journal",
            "poster",
            "book"
        ]
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "patient-contact";

    #[test]
    fn a_firms_handle_is_not_a_patients() {
        assert_clean(
            "@SecureMoveCymru left a detained patient sat in the back of a van for 3 hours outside A&E. Cowboy outfit.",
            R,
        );
    }

    #[test]
    fn flags_patients_phone_numbers() {
        assert_span(
            "Patient in bay 3, her mobile is 07700 900123",
            R,
            "07700 900123",
        );
        assert_flags(
            "the family's landline is 0113 496 0321, ring them re discharge",
            R,
        );
    }

    #[test]
    fn flags_patients_emails_and_handles() {
        assert_flags(
            "patient gave me her email, jane.doe@example.com, for the leaflet",
            R,
        );
        assert_flags(
            "this patient's son @daveyboy_88 keeps messaging the ward",
            R,
        );
    }

    #[test]
    fn a_personal_handle_with_care_done_to_them_or_their_family_is_flagged() {
        assert_flags(
            "Shoutout to @marjbakes_leigh for the lemon drizzle at her dressing change today, heel's nearly healed, lady!",
            R,
        );
        assert_flags(
            "@sally_bidefordmum your mum's ACE-III came back at 71, which means it's almost certainly Alzheimer's",
            R,
        );
        assert_flags(
            "@darren_fitz_88 mate your stitches are due out Tuesday at the walk-in, don't forget!",
            R,
        );
        // Advice to the handle's owner is a boundaries question, not their identity.
        assert_clean(
            "@runner_gemma sounds like runner's knee hun, ice it and skip Sunday's long run x",
            R,
        );
    }

    #[test]
    fn a_patients_handle_told_with_a_friendship_is_flagged() {
        assert_flags(
            "One of our service users has just requested me on Insta, @tylerb_walsall07 😅 bless him. Do I accept? He's been discharged a month",
            R,
        );
        // The author's own handle, and a sponsor's.
        assert_clean(
            "Any of the patients I jabbed at Saturday's drop-in, add me on Insta @jabs_by_jess if you want to stay in touch",
            R,
        );
    }

    #[test]
    fn a_personal_handle_beside_a_condition_is_a_patients() {
        assert_flags(
            "@kerry_b_1984 thank you for the lovely review! Hope the thrush has cleared up now",
            R,
        );
        // Advice to the handle's owner is a boundaries question; a firm's handle is not a patient's.
        assert_clean(
            "@sam_k_1987 with your kidney function you'd be fine on paracetamol for the gout",
            R,
        );
        assert_clean(
            "@CareLinkHomecare are a bunch of crooks, charging us for chemo visits that never happened",
            R,
        );
    }

    #[test]
    fn the_authors_own_number_is_not_a_patients() {
        assert_clean(
            "If your gran's on our ward and you want an update, just text me on 07700 900736",
            R,
        );
        assert_clean(
            "any of my old pts want a proper chat, my personal number is 07700 900238",
            R,
        );
        assert_clean(
            "Send me a pic of the rash on WhatsApp (07700 900218) and I'll tell you what it is",
            R,
        );
        assert_flags(
            "If Precious Mensah sees this, the mobile we have for you is 07700 900418 and it keeps going to someone else",
            R,
        );
        assert_flags(
            "the lady from bay 3 we discharged keeps ringing from 07700 900461, how did she get it",
            R,
        );
    }

    #[test]
    fn public_contacts_and_helplines_are_never_flagged() {
        assert_clean(
            "Pharmacy queries: 0161 496 0000 or pharmacy@metropolis.example",
            R,
        );
        assert_clean("Struggling? Samaritans are there 24/7 on 116 123", R);
        // A service's own line, given for patients and families to use.
        assert_clean(
            "The haematology day unit has a new direct line: 020 7946 0318. Please update your patient leaflets!",
            R,
        );
        assert_clean(
            "Families: the stroke unit's public number is 0161 496 0021, please use that rather than messaging staff",
            R,
        );
    }

    #[test]
    fn numbers_without_patient_context_are_low_only() {
        assert_clean("Call me on 07700 900456 about the five-a-side", R);
        // A service's landline, even said of a person's team.
        assert_clean(
            "Staff reminder: the wellbeing hub is open to all of us, 0161 496 0721 in working hours",
            R,
        );
    }

    #[test]
    fn someone_elses_mobile_or_personal_email_is_flagged() {
        assert_flags(
            "If someone from the community resp team could ring Mrs Aziz on 07700 900417 about her concentrator alarm",
            R,
        );
        assert_flags(
            "Ring Margaret Lloyd's daughter on 07700 900417 if you're covering me tomorrow, she's expecting a call",
            R,
        );
        assert_flags(
            "Got a lovely email from shaz.dobson@example.com after her pouch surgery: 'you lot gave me my life back'",
            R,
        );
        assert_flags(
            "If anyone from the home treatment team sees this, she's on 07700 900417 and wants a call back",
            R,
        );
        assert_flags(
            "Caller's email for the callback was gaz.holt1977@example.com if anyone on days can try him",
            R,
        );
    }

    #[test]
    fn redacts() {
        assert_redacts(
            "patient's mobile is 07700 900123",
            "patient's mobile is [phone number]",
        );
    }

    #[test]
    fn flags_addresses_spelt_out_and_spares_the_organisations_domain() {
        assert_flags(
            "Her daughter's email is k.price1961 at example dot com if the ward needs her",
            R,
        );
        assert_clean(
            "Our patients' library needs volunteers, email library@metropolis.example",
            R,
        );
    }

    #[test]
    fn a_service_s_line_freephone_or_role_address_is_not_a_patient_s() {
        for t in [
            "Clozapine clinic closed Monday, bloods on Tuesday and all patients have been told. Queries to the clinic line on 0161 496 0123.",
            "Patients: the bus runs to the Tuesday clinic again. Ring the volunteers on 01632 960214 to book a seat",
            "Speaking to patients' carers today. The adviceline is 0808 808 7777 for anyone caring at home.",
            "Can't get through? Outpatients can also be reached at outpatients@northmoor.example, no medical details please",
        ] {
            let all = findings(t, R);
            assert!(all.is_empty(), "{t}: {all:?}");
        }
    }

    #[test]
    fn a_firm_s_or_a_colleague_s_handle_tagged_in_a_complaint_is_not_a_patient_s() {
        for t in [
            "My hospital has had patients on trolleys in the ED corridor every day since Boxing Day. @ManxCare when does this stop?",
            "Tagging the care home where my client went for respite @BayVistaCare, you sent her home with someone else's tablets",
            "Tagging @kayleigh_rmn so everyone knows who forgot to send the bloods off this morning",
            "Pile-on time: RT if you've ever had a script bounced by @AnnaMcK_Pharm for no reason",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "Go follow @GazVsAML, one of mine on the ward, vlogging his induction chemo",
            R,
        );
    }

    #[test]
    fn a_person_s_camel_case_handle_or_a_name_with_doc_in_it_is_still_a_patient_s() {
        assert_flags(
            "Lovely to see @JoanTiplady back on Ward 7 for her chemo today",
            R,
        );
        assert_flags(
            "Lovely to see @amy_docherty back on Ward 7 for her chemo today",
            R,
        );
    }

    #[test]
    fn a_clinician_s_or_organisation_s_handle_is_not_a_patient_s() {
        assert_clean(
            "The F2 who left his patients on the ward with no handover is @DrTomVickers.",
            R,
        );
        assert_clean(
            "Hey @NorthValeHBcomms, our ED has had patients waiting in ambulances on the ward.",
            R,
        );
        // A colleague's handle says their job.
        assert_clean(
            "Tag someone who takes 45 minutes to check ONE chemo bag 👇 @lowri.aseptics 😂😂 #slowcoach",
            R,
        );
    }

    #[test]
    fn service_numbers_and_the_handles_of_firms_and_colleagues_are_not_a_patients() {
        for t in [
            "Our patient advice line has a new number: the new number is 0161 496 0456, same hours",
            "Housebound? Our pharmacy delivers free: ring the shop on 0161 496 0789 to sign up your patients",
            "Why is our trust sending patients to @SwiftScanDx when their reports take weeks?",
            "Patients deserve better than the way @KellyHCA22 spoke to the night team",
            "Patients sat 6 hours in chemo chairs at @WoldsUniHosp again today. Not the nurses' fault, it's the staffing.",
            "Second CABG cancelled this week as there's no ICU bed at @WearHeartCentre. Patients deteriorating on the waiting list",
            "Two patients on trolleys in the corridor at @WeardaleNHSFT tonight. How is this acceptable?",
            "@CllrJanHewitt taking backhanders from the care home chain her patients' families rely on",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn a_mobile_written_with_letter_o_for_zero_is_a_phone_number() {
        let f = assert_flags(
            "Patient's daughter gave me her mobile (O7712 384 561) to text her how her mum's hip went.",
            R,
        );
        assert_eq!(f.severity, crate::Severity::High);
        assert_clean("Off to Oxford tomorrow, back on the 10th", R);
    }

    #[test]
    fn a_patients_handle_that_ends_like_a_paper() {
        assert_flags(
            "Our patient from bay 4 @TomMercury says thanks to everyone for his care",
            R,
        );
        assert_flags(
            "@JessHerald, 19, off home today after 3 weeks on our ward",
            R,
        );
    }

    #[test]
    fn a_shops_camelcase_handle_is_not_a_patients() {
        // A local paper's handle, tagged with a story about patients (but a surname that is
        // also a paper's name is a person's: see `a_patients_handle_that_ends_like_a_paper`).
        assert_clean(
            "Hey @DerbyTelegraph, fancy a story? Ask why theatre 6 was shut for three weeks after the sewage leak and why patients were never told.",
            R,
        );
        assert_clean(
            "Absolutely obsessed with my new @LuxeFitScrubs set, comfiest scrubs ever on the ward, go check them out",
            R,
        );
    }

    #[test]
    fn a_mobile_rung_back_with_no_answer_is_someone_elses() {
        assert_flags(
            "Rang back 07700 900382 three times, no joy. If this is you, your smear is booked for Tuesday at 10.",
            R,
        );
        assert_flags(
            "Tried calling 07700 900382 all morning and it goes straight to voicemail, can someone try after lunch",
            R,
        );
    }

    #[test]
    fn a_patients_handle_that_starts_like_a_shop_is_still_theirs() {
        assert_flags(
            "The lady in bed 6 with the infected cyst is @BeautyByChloe on Insta, go look at her lashes",
            R,
        );
        // A colleague's number tried for the rota is not a patient's.
        assert_clean(
            "I tried calling 07700 900382 for the rota swap, straight to voicemail, is this still Jo's?",
            R,
        );
    }

    #[test]
    fn a_personal_handle_told_their_prescription_is_ready_is_a_patients() {
        assert_flags(
            "Hey @jen_mcintyre_88 your prescription's ready for collection at our Lockerbie branch 😊 the fridge item too!",
            R,
        );
        assert_flags("@dave.h1972, your bloods are back and all fine", R);
        assert_flags("@jonnyb_88 mate your results are back, all negative 😂", R);
        for t in [
            "Follow @nhs_pharmacy_ed for your prescription questions answered live on Thursday",
            "@BootsUK your prescription app has been down all morning",
        ] {
            assert_clean(t, R);
        }
    }
}
