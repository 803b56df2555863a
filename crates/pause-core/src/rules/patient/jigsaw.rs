//! `jigsaw-identification`: details that together identify a patient.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "jigsaw-identification",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R02,
    suggestion: "Drop the details that narrow it down (age, bed or ward, day, town, role in the community, rare condition). Keep only what the point of the post needs, or make it a general lesson.",
    docs: RuleDocs {
        what: "A patient described by several details that together point to one person: age, bed or ward, day, condition, town, a role in the community (the mayor's wife, a local footballer), or rarity (the only patient in the county on a therapy). Each detail scores; a patient described with enough of them is flagged.",
        why: "No single detail names anyone, but the pieces fit together: family, neighbours and colleagues recognise the story, and a study of clinicians' patient-story tweets found a third to a half of them likely identifiable.",
        example: "The mayor's wife was in resus last night after a fall, hope she's OK",
        rewrite: "Falls in older people are a big part of our work in resus; here's what helps",
        false_positives: "Clinical education with no particular patient, and a single detail on its own (\"busy night in resus\").",
    },
    check,
};

const AGE_RE: &str = r"(?i)(?-u:\b)\d{1,3}[- ]?(?:year|yr)s?[- ]?old(?-u:\b)|(?-u:\b)aged? \d{1,3}(?-u:\b)|(?-u:\b)in (?:his|her|their) (?:late |early |mid-?)?\d0s(?-u:\b)|(?-u:\b)\d{1,3} ?(?:yo|y/o|yrs)(?-u:\b)|\(\d{1,3}!?\)|(?-u:\b)[Yy]ear (?:[1-9]|1[0-3]) (?:girl|boy|pupil|student|lad|lass)s?(?-u:\b)|(?-u:\b)(?:nonagenarian|octogenarian|centenarian)(?-u:\b)|[,:\x{2014}\x{2013}-] \d{2,3},|[,:] \d, (?:from|in) [A-Z]|(?-u:\b)turned \d{2,3}(?-u:\b)|(?-u:\b)\d{2,3}(?:st|nd|rd|th) birthday|(?-u:\b)(?:[Hh]e|[Ss]he)(?:'s| is) \d{1,3}(?: and|,| years old)|(?-u:\b)\d{2,3}(?-i:[MF])(?-u:\b)|(?-u:\b)(?:lad|lass|girl|boy|man|woman|lady|gentleman|gent|fella|chap|bloke|kid|child|baby|teenager|youngster|grandad|grandma|gran) of \d{1,3}(?:$|[^\d:.,%]|[.,](?:\D|$))";

static AGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(AGE_RE).expect("valid regex"));

/// An age, a town or a club role anywhere in the draft, in one pass (see `check`).
static WHO: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([AGE_RE, PLACE_RE, CLUB_RE, POSITION_RE]).expect("valid regexes")
});

static BED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:bed|bay|side ?room|cubicle|room|resus|majors) ?\d{1,2}[a-z]?(?-u:\b)|(?-u:\b)ward \d{1,2}[a-z]?(?-u:\b)|(?-u:\b)ward [A-Z](?-u:\b)").expect("valid regex")
});

const PLACE_RE: &str = r"(?-u:\b)(?:from|in|lives in|living in|in the village of|round|near|local to|outside|behind|opposite|out past|just past|the whole of) ([A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)?)";

static PLACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(PLACE_RE).expect("valid regex"));

static STREET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:on|in|at|off) [A-Z][a-z]+ (?:Close|Road|Street|Avenue|Lane|Drive|Way|Crescent|Grove|Terrace|Gardens|Court|Place|Mews|Row|Square|Walk|Estate)(?-u:\b)").expect("valid regex")
});

/// A player or manager of a named club ("the Scunthorpe United manager", "Stockport County's
/// keeper", "the Leeds Rhinos prop", "a Wales international"): a public figure.
const CLUB_RE: &str = r"(?-u:\b)(?:[A-Z][a-z]+ (?:United|City|Town|Rovers|Wanderers|Athletic|County|Albion|Rhinos|Rangers|Celtic|Villa|Wednesday|Rugby|Cricket)|(?:rugby|football|cricket|hockey|netball|darts|snooker)|[A-Z][a-z]+ international|[A-Z][a-z]+s'|the Villa|the Toon|the Baggies|the Blades|the Owls|Spurs|the Hammers|the Canaries|the Foxes|the Magpies|Wolves)(?:'s)? (?:new |former |old |ex-)?(?:manager|keeper|goalie|striker|captain|player|prop|winger|full-back|full back|left back|left-back|right back|right-back|centre-back|centre back|centre half|centre-half|coach|star|legend|midfielder|defender)(?-u:\b)|(?-u:\b)(?:Six Nations|international|England|Wales|Scotland|Ireland|Lions) caps(?-u:\b)";

/// A club's player by position, the club named by one capitalised word: "the Rhinos winger",
/// "Gillingham's new centre back", "the Riders' starting five".
const POSITION_RE: &str = r"(?-u:\b)[A-Z][a-z]+(?:'s|')? (?:new |former |old |ex-|star |first-choice |reserve )?(?:winger|prop|prop forward|full-back|full back|fullback|left back|left-back|right back|right-back|centre-back|centre back|centre half|centre-half|goalie|goalkeeper|striker|midfielder|fly half|fly-half|scrum half|scrum-half|flanker|wicketkeeper|fast bowler|opening batsman|centre forward|starting five|point guard)(?-u:\b)";

static POSITION: LazyLock<Regex> = LazyLock::new(|| Regex::new(POSITION_RE).expect("valid regex"));

static CLUB_ROLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(CLUB_RE).expect("valid regex"));

/// The captain of a town's side: "the Rochdale captain's knee".
static TOWN_CAPTAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:the|a) [A-Z][a-z]+ (?:captain|skipper)(?-u:\b)").expect("valid regex")
});

/// The author's own small world: "from our village", "at our church", "on our estate".
static LOCAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:from|in|at|on|round) (?:our|my) (?:little )?(?:village|town|estate|street|road|church|mosque|parish|school|close)(?-u:\b)").expect("valid regex")
});

/// One of a kind in a place: "the only Fabry patient in Surrey", "the only kid on the island
/// with a trachy".
static ONLY_ONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)the only (?:[a-z0-9'-]+ ){0,3}(?:patient|pt|baby|child|kid|man|woman|lady|gent|gentleman|person|boy|girl|family|fella|bloke|chap|lad|lass|mum|dad)s? (?:in|on|at|from|across) ").expect("valid regex")
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*(?-u:\b)|(?-u:\b)\d{1,2}/\d{1,2}(?:/\d{2,4})?(?-u:\b)").expect("valid regex")
});

fn has_part(parts: &[(&str, usize, usize, u32)], kind: &str) -> bool {
    parts.iter().any(|p| p.0 == kind)
}

/// Staff named by role: the person such a passage describes is a colleague.
static STAFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:nurse|doctor|consultant|registrar|reg|f1|f2|sho|hca|matron|sister|manager|domestic|cleaner|porter|locum|pharmacist|technician|tech|physio|midwife|receptionist|colleague|coordinator|director|trainee|student|odp|paramedic|surgeon|anaesthetist|radiographer|phlebotomist|dietitian|clerk|secretary|housekeeper)s?(?-u:\b)").expect("valid regex")
});

/// Words for the person being cared for.
static PATIENT_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:patients?|pts?|lady|ladies|gent|gentleman|man|woman|lad|lass|girl|boy|baby|toddler|teenager|resident|client|customer|service user|chap|bloke|guy|mr|mrs|ms|miss|admitted|his|her)(?-u:\b)").expect("valid regex")
});

/// Whether the passage `lo..hi` is about a colleague: a staff role, not inside a
/// community role ("one of our nurses was admitted"), and no word for a patient.
fn about_staff(d: &Draft<'_>, lo: usize, hi: usize) -> bool {
    let lower = d.lower();
    let Some(text) = lower.get(lo..hi) else {
        return false;
    };
    let staff = STAFF.find_iter(text).any(|m| {
        !d.hits_in(lo + m.start(), lo + m.end())
            .any(|h| h.lex == Lex::CommunityRole)
    });
    staff
        && !PATIENT_PERSON.is_match(text)
        && !d
            .hits_in(lo, hi)
            .any(|h| h.lex == Lex::CommunityRole && !STAFF.is_match(&lower[h.start..h.end]))
}

/// An age that is not one person's: a range ("aged 50-74", "aged 16 and over") or the author's
/// own ("Turned 40 today").
fn not_a_patients_age(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let after = d.lower_after(end, 10);
    let before = d.lower_before(start, 4);
    let range = after.starts_with(['-', '+', '–'])
        || after.starts_with(" to ")
        || after.starts_with(" and over")
        || after.starts_with(" or over");
    let own = d.lower()[start..end].starts_with("turned")
        && (before.trim().is_empty() || before.ends_with("i "));
    // "The renal unit celebrated its 40th birthday", "the chemo day unit is 10 years old
    // today": a place's age.
    let its = before.ends_with("its ")
        || d.lower_before(start, 8).ends_with("it's ")
        || d.lower_before(start, 8).ends_with("it is ")
        || PLACE_AGE.is_match(d.lower_before(start, 32));
    // "retiring after 38 yrs on ward 10", "12 yrs qualified": a length of service, not an age.
    let years = &d.lower()[start..end];
    let in_years = !years.contains("old") && (years.contains("yr") || years.contains("year"));
    let service = in_years
        && (["after ", "for ", "over ", "of "]
            .iter()
            .any(|w| d.lower_before(start, 8).ends_with(w))
            || [" qualified", " experience", " in post", " service"]
                .iter()
                .any(|w| d.lower_after(end, 12).starts_with(w)));
    // ": 19,400 steps", "— 12,000 appointments": a count with thousands, not "Doris, 87,".
    let count = years.ends_with(',') && after.starts_with(|c: char| c.is_ascii_digit());
    // "MMR uptake by age 5", "more people in their 60s now qualify": a figure for a
    // population.
    let statistic = (years.starts_with("age ") && before.ends_with(" by "))
        || (years.starts_with("in their")
            && crate::any_of!(
                d.lower_before(start, 12),
                [
                    "people ",
                    "patients ",
                    "those ",
                    "anyone ",
                    "adults ",
                    "women ",
                    "men ",
                    "folk "
                ]
            ));
    range || own || its || service || count || statistic
}

/// A place or an organisation straight before an age: "the unit is 10 years old".
static PLACE_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:unit|ward|clinic|service|team|department|hospital|trust|pharmacy|centre|center|hospice|charity|practice|surgery|network|club|scheme|app|building|wing|site|branch|shop|website|blog|podcast|group)(?:'s| is| turns| turned| was| has turned) $")
        .expect("valid regex")
});

/// A public figure's own public account ("said on air", "on the breakfast show", "told
/// listeners", "in an interview"): what they chose to share is not ours to keep.
static PUBLIC_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:on air|on (?:the|his|her|their) (?:breakfast |morning |radio |tv )?(?:show|programme|podcast|channel)|told (?:viewers|listeners|fans|followers|the audience)|in an interview|went public|gone public|spoke publicly|publicly|announced (?:on (?:his|her|their) own|(?:his|her|their) (?:diagnosis|illness|cancer|condition))|(?:her|his|their) family released|(?:spoke|spoken) (?:openly )?about (?:his|her|their)|speaks openly about|opened up about|newspaper piece|in the papers|(?:the|saw|read|seen) news about|vlog)(?-u:\b)").expect("valid regex")
});

/// The author's own care in a passage: "with us", "our ward", "we admitted".
static OUR_CARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:with us|our|we|we've|we're|my patient|i saw|i treated|i admitted)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words of care given to someone here, in both [`CARE_HERE`] and [`CARE_OF_THEM`]: "admitted",
/// "came into ED", "in bed 4".
const CARE_GIVEN: &str =
    "admitted|came in|came into|brought in|in ed|in a&e|in bed|in bay|thrombolys|cath lab";

/// Care given here, whoever the person is: "was in resus last night", "came into ED", "on ICU".
/// The bare words of a place of care count here, beside a public figure's own account; not
/// beside someone who runs a service, who may teach resus or visit the ward
/// ([`CARE_OF_THEM`]).
static CARE_HERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:{CARE_GIVEN}|resus|into a&e|into ed|in majors|on the ward|icu|itu|hdu)(?-u:\b)"
    ))
    .expect("valid regex")
});

/// The simulation suite's own words: "today's sim", "SimMan", "our sim faculty".
static SIM_SUITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:sim|sims|simman|simbaby|sim faculty)(?-u:\b)").expect("valid regex")
});

/// Anyone at all: a patient, a relative, a child, a pronoun.
static ANYONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:child|children|kid|kids|son|daughter|wife|husband|partner|mum|dad|mother|father|grandad|grandma|nan|pensioner|teen|infant|newborn|someone|person|family|he|she|him|fella|youngster|toddler|twins?|who|whose|himself|herself|themselves)(?-u:\b)").expect("valid regex")
});

/// A reader addressed in general, not a patient described: "if someone you love is receiving
/// end of life care", "if you're caring for a relative", "if you've just turned 65".
static GENERIC_READER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)if (?:someone you (?:love|care for|look after|know)|a loved one|your loved one|you(?:'re| are) (?:looking after|caring for|supporting) (?:someone|a loved one|a relative|a family member|a parent)|you(?:'ve| have)? (?:just )?turned \d|you(?:'re| are) (?:aged )?(?:over|under) \d)")
        .expect("valid regex")
});

/// A public figure's own story told in public: a documentary, a speech, a post, a show.
static PUBLIC_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:documentary|iplayer|bbc|itv|radio|on air|podcast|blog|commons|speech|interview|instagram post|spoken|openly|series|episode|watching|watched|call the midwife|charity walk|campaign|awareness|taster|session|grant|village facebook|do your research|teaching case|case study)(?-u:\b)")
        .expect("valid regex")
});

/// The author as the customer or the patient: "went in as a customer".
static AS_A: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)as an? (?:customer|patient)(?-u:\b)").expect("valid regex")
});

/// Whether the passage `lo..hi` describes a person at all: a word for one, or an age or a role
/// among its details. "Larkspur Lodge care home in Rotherham sends residents in dehydrated"
/// describes a home; "that one ODP who smells" a colleague; "anyone local knows, our A&E is
/// unsafe" a hospital.
fn describes_someone(
    d: &Draft<'_>,
    lo: usize,
    hi: usize,
    parts: &[(&str, usize, usize, u32)],
) -> bool {
    let Some(text) = d.lower().get(lo..hi) else {
        return false;
    };
    has_part(parts, "age")
        || has_part(parts, "role in the community")
        || PATIENT_PERSON
            .find_iter(text)
            .any(|m| !AS_A.find_iter(text).any(|a| a.start() <= m.start() && m.end() <= a.end()))
        // "Guess who": the hint itself is not a person.
        || ANYONE.find_iter(text).any(|m| {
            !d.hits_in(lo + m.start(), lo + m.end())
                .any(|h| h.lex == Lex::Rarity)
        })
}

/// A public figure accused of misconduct over a service ("Cllr Voss lied to the whole town
/// about the A&E downgrade"): defamation's business, with no care described.
fn accusation_not_care(d: &Draft<'_>, lo: usize, hi: usize) -> bool {
    d.hits_in(lo, hi).any(|h| h.lex == Lex::Accusation)
        && !d.hits_in(lo, hi).any(|h| {
            h.lex == Lex::PatientContext
                || (h.lex == Lex::ClinicalCondition && !a_service(d, h.end))
        })
}

/// A figure of the community accused in the sentence they open, and described by nothing a
/// patient is (no age, bed, town, street or words of care beside them): "Councillor Pryce buried
/// the A&E closure consultation results", "Councillor Riggs ... then voted to scrap the bus route
/// to it. Liar." The role is the accused's, and the ward or unit is the service at stake.
fn accused_figure(d: &Draft<'_>, parts: &[(&str, usize, usize, u32)]) -> bool {
    let Some(&(_, rs, _, _)) = parts.iter().find(|p| p.0 == "role in the community") else {
        return false;
    };
    let (ss, se) = d.sentence(rs);
    let opens = d.cased()[ss..rs]
        .trim_matches(|c: char| !c.is_alphanumeric())
        .is_empty();
    // "lying on HASU" is where someone lies, not a lie.
    let accused = d.hits_in(ss, d.cased().len()).any(|h| {
        h.lex == Lex::Accusation
            && !(d.lower()[h.start..h.end].starts_with("lying")
                && crate::any_of!(d.lower_after(h.end, 4), [" in ", " on "]))
    });
    opens
        && parts.iter().all(|p| {
            matches!(p.0, "role in the community" | "ward or unit")
                || (p.0 == "condition" && a_service(d, p.2))
        })
        && accused
        && !d
            .hits_in(ss, se)
            .any(|h| matches!(h.lex, Lex::PatientContext | Lex::Medicine | Lex::CareDetail))
}

/// Whether the condition ending at `end` names a service, not someone's illness: "the dialysis
/// unit", "our MND team".
fn a_service(d: &Draft<'_>, end: usize) -> bool {
    let after = d.lower_after(end, 12);
    [
        " unit",
        " team",
        " service",
        " clinic",
        " centre",
        " ward",
        " nurse",
        " pathway",
        " programme",
        " screening",
        " network",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// A public figure on an official visit ("our local MP visited the rehab hub", "Councillor
/// Jenkins popped in to launch the bus route", a blessing led by the chaplains), with no care
/// described: an event, not a patient.
static OFFICIAL_VISIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:visited|visiting|popped in|popped into|dropped in|dropped into|came to open|opened|to open|visit the|visit our|visits the|visits our|to launch|launched|cut the ribbon|blessing|blessed|led by|fayre|fete|fête|open day|invited (?:us|our|me)|give a talk|gave a talk|voted|votes to|sits on (?:the|their|our) (?:board|imb|committee|panel|council))(?-u:\b)").expect("valid regex")
});

fn official_visit(d: &Draft<'_>, lo: usize, hi: usize) -> bool {
    d.lower().get(lo..hi).is_some_and(|t| {
        OFFICIAL_VISIT.is_match(t)
            && !crate::any_of!(
                t,
                [
                    "admitted",
                    "patient",
                    "brought in",
                    "came in",
                    "was in ",
                    "is in ",
                    "in resus",
                    "on our ward",
                    "in with",
                    "bed ",
                    "bay ",
                    "treated"
                ]
            )
    }) && !d
        .hits_in(lo, hi)
        .any(|h| h.lex == Lex::ClinicalCondition && !a_service(d, h.end))
}

/// Whether the passage `lo..hi` is not a real patient of ours: a public figure's own public
/// account with no care of ours beside it, or a simulated patient.
fn not_our_patient(d: &Draft<'_>, lo: usize, hi: usize) -> bool {
    let Some(text) = d.lower().get(lo..hi) else {
        return false;
    };
    (PUBLIC_ACCOUNT.is_match(text) && !OUR_CARE.is_match(text) && !CARE_HERE.is_match(text))
        // "(not a patient lol, a firefighter I met at a conference)".
        || text.contains("not a patient")
        // A job advert: "We're hiring! Part-time receptionist at the surgery".
        || crate::any_of!(text, ["we're hiring", "we are hiring", "nhs jobs", "apply now"])
        || super::SIMULATED.is_match(text)
        || SIM_SUITE.is_match(text)
}

/// Someone in particular: a pronoun, a person, an age. "Every dialysis patient", "hip fracture
/// patients" or a unit opening to patients describe nobody.
static ONE_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:he|she|him|her|his|hers|they|them|their|i|me|you|man|woman|lady|gent|gentleman|bloke|lad|lass|girl|boy|baby|child|kid|patient|pt|someone|somebody|mum|dad|husband|wife|son|daughter|grandad|grandma|nan|granny|fella|chap|guy|person|resident|client|service user|teenager|toddler|couple|family|twins|one|who|whose|neighbour|teacher|driver|retired|\d{1,3}\s?(?:yo|y/o|year[- ]old|yr old|-year-old|m|f)|aged \d)(?-u:\b)")
        .expect("valid regex")
});

/// The first match of `re` inside `lo..hi` of `text`, with offsets into `text`.
/// A player of a club in `lo..hi`: "the Rhinos winger", "Gillingham's new centre back", not
/// "Our striker" or "Sunday league keeper" (a common word before the position).
fn club_role(d: &Draft<'_>, text: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    if let Some(found) = find_in(&CLUB_ROLE, text, lo, hi) {
        return Some(found);
    }
    // A player's own documentary or interview is their story to tell.
    if super::patient_name::PUBLIC_STORY.is_match(d.lower()) {
        return None;
    }
    text.get(lo..hi).and_then(|t| {
        POSITION
            .find_iter(t)
            .find(|m| {
                let first = m.as_str().split([' ', '\'']).next().unwrap_or("");
                !crate::draft::is_common_word(first) && !NOT_A_CLUB.contains(&first)
            })
            .map(|m| (lo + m.start(), lo + m.end()))
    })
}

/// Capitalised words before a position that are not a club, beyond the common words
/// `is_common_word` already knows ("The", "Our", "Sunday", "Ward"...).
const NOT_A_CLUB: &[&str] = &["Your", "League", "Pub", "Work", "Best", "Star"];

fn find_in(re: &Regex, text: &str, lo: usize, hi: usize) -> Option<(usize, usize)> {
    text.get(lo..hi)
        .and_then(|t| re.find(t))
        .map(|m| (lo + m.start(), lo + m.end()))
}

/// A community-role hit that is not a person of the community: "my ex-colleague", "a local
/// charity", a "Captain" nickname.
fn not_a_community_member(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let after = d.lower_after(end, 24);
    let term = &d.lower()[start..end];
    let before = d.lower_before(start, 24);
    // "I'm writing to my MP": someone the author writes to, not a patient.
    let addressee = before
        .strip_suffix("my ")
        .or_else(|| before.strip_suffix("your "))
        .or_else(|| before.strip_suffix("our "))
        .or_else(|| before.strip_suffix("the "))
        .unwrap_or(before);
    let written_to = [
        "writing to ",
        "write to ",
        "wrote to ",
        "written to ",
        "emailed ",
        "email ",
        "contacted ",
        "contact ",
    ]
    .iter()
    .any(|w| addressee.ends_with(w));
    // "his famous fifteens", "you're famous now", "famous last words": fame as a joke or a
    // boast, not a well-known patient ("a very famous darts player").
    let famous_joke = term == "famous"
        && ([
            "'s ", "his ", "her ", "their ", "'re ", "are ", "i'm ", "now ", "finally ",
        ]
        .iter()
        .any(|w| before.ends_with(w))
            || [" last words", " or not"]
                .iter()
                .any(|w| after.starts_with(w)));
    // "Margaret, receptionist at the surgery for 31 years": the practice's own staff.
    let own_receptionist = term.starts_with("receptionist at") && RECEPTION_DESK.is_match(after);
    // "Bishop's Castle", "Bishop Auckland": a town, not a bishop.
    let town = term == "bishop"
        && [
            "'s castle",
            "'s stortford",
            "'s waltham",
            "'s cleeve",
            "'s lydeard",
            " auckland",
        ]
        .iter()
        .any(|w| after.starts_with(w));
    // "the patient is the captain", "you're the captain": a figure of speech, not "the captain
    // of the rugby club" or "the captain's knee".
    let figurative_captain = term == "the captain"
        && ["is ", "'re ", "are ", "be ", "was "]
            .iter()
            .any(|w| before.ends_with(w));
    // "the consultant who runs the Tuesday clinic", "the woman who runs the community pharmacy
    // in Blackwood": a provider of care, not someone in it ("the lady who runs the bakery").
    let provider = (term.ends_with("run the")
        || term.ends_with("runs the")
        || term.ends_with("runs the local"))
        && (RUNS_CARE.is_match(after)
            || CLINICIAN.is_match(before.rsplit(' ').nth(1).unwrap_or("")))
        && !CARE_OF_THEM.is_match(d.lower())
        && !d
            .hits_of(Lex::ClinicalCondition)
            .any(|h| !a_service(d, h.end));
    // "our hospital on the news tonight", "stroke on the telly": a story, not someone in it
    // ("a lad who was on the news", "the fella on the telly", "the case from Tredegar that
    // was on the news" are people).
    let story = ["on the news", "on the telly", "made the news"].contains(&term)
        && {
            let wider = d.lower_before(start, 40);
            !ONE_PERSON.is_match(wider) && !wider.contains("case")
        }
        // Nobody in our care after it either: "The house fire was on the news. Both kids are on
        // PICU with us now."
        && !d
            .lower()
            .get(end..)
            .is_some_and(|rest| SOMEONE_AFTER.is_match(rest));
    // "oral 6-MP": a drug, not a Member of Parliament.
    provider
        || town
        || story
        || after.starts_with('-')
        || (term == "mp"
            && before
                .strip_suffix('-')
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit())))
        || famous_joke
        || own_receptionist
        || figurative_captain
        || written_to
        || ((term.starts_with("a local") || term == "local gp") && LOCAL_THING.is_match(after))
        || (ORGANISATION.is_match(term) && DONOR.is_match(after))
        || (RELATION.is_match(term) && !CARED_FOR.is_match(d.lower()))
        // "like watching a slow-motion car crash": a figure of speech.
        || (term.ends_with("crash")
            && [
                    "like a ",
                    "like watching a ",
                    "slow-motion ",
                    "slow motion ",
                    "absolute ",
                    "is a ",
                    "was a ",
                    "total ",
                    "complete "
                ]
                .iter()
                .any(|w| before.ends_with(w)))
}

/// What follows "who runs the" when it is a service of care: "the Tuesday urology clinic",
/// "the private scan place", "the tea trolley in outpatients".
static RUNS_CARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:[a-z'-]+ ){0,3}(?:clinic|pharmacy|chemist|surgery|practice|scan|scanning|trolley|hospice|virtual ward|dispensary)(?-u:\b)").expect("valid regex")
});

/// Someone after a story on the news: "both kids", "the driver", "two of them", "23".
static SOMEONE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:kids?|child|children|baby|babies|driver|man|woman|lady|girl|boy|lad|lass|patient|family|mum|dad|son|daughter|husband|wife|both|of them|victims?|casualt(?:y|ies)|\d{1,3} ?(?:yo|y/o|year old|-year-old))(?-u:\b)").expect("valid regex")
});

/// A clinician's role, who runs a service of care rather than using it.
static CLINICIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:consultant|doctor|gp|pharmacist|nurse|dentist|optician|optometrist|physio|physiotherapist|surgeon|midwife|chiropodist|podiatrist|osteopath|chiropractor|psychologist|therapist)$").expect("valid regex")
});

/// Care given to the person who runs a service: care given here ([`CARE_GIVEN`]), or "was in",
/// "in resus", "on our ward", "diagnosed", "had a stroke".
static CARE_OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:{CARE_GIVEN}|in resus|was in|is in|on our|in for|diagnosed|his scripts|her scripts|my patient|one of our patients|we took|took (?:him|her)|had (?:a|an|his|her) (?:[a-z]+ )?(?:stroke|mi|heart attack|fall|op|operation|seizure))(?-u:\b)")).expect("valid regex")
});

/// The author's own relations and friends: "my cousin", "my mate's", "a friend of mine".
static RELATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:my cousin|my mate's|my friend's mum|my friend's dad|a friend of mine|my ex|my neighbour|my next door neighbour|next door neighbour)$")
        .expect("valid regex")
});

/// Care given by the author or their service, anywhere in the draft: without it, a cousin's
/// fever or a mate's side hustle is family news or advice, not a patient of ours.
static CARED_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:with us|ours?|we|we've|we're|my patient|i saw|i treated|i've treated|treated|i admitted|admitted|came in|brought in|looked after|bed|bay|ward|resus|majors|minors|cubicle|come in|come into|coming in|came into|on the (?:icu|itu) list|on my list|took a call|in for (?:her|his)|in theatre|in clinic (?:this|today|yesterday|last)|(?:her|his) results|at work|at the surgery|dispensed|processed|triaged|caseload|smear|discharge letter|typed up|scanned|swabbed|on 111|pacs|pulled up|looked up|on (?:emis|systmone|the system)|(?:her|his|their) (?:notes|records?|scan|mri|ct|x-?ray|bloods))(?-u:\b)")
        .expect("valid regex")
});

/// Community roles that are organisations: a club, a shop, a church.
static ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:club|shop|church|bakery|chippy|bookies|newsagent|lifeboat|congregation)$")
        .expect("valid regex")
});

/// An organisation giving to the ward ("the rugby club has donated", "our church raised"): a
/// donor, not a patient.
static DONOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?: (?:has|have|kindly|very kindly|just|are|is|all))*(?: donated| raised| sponsored| sponsoring| gave| given| sent| dropped off| collected| fundraised| bought)")
        .expect("valid regex")
});

/// What follows "receptionist at" when the receptionist works at a surgery, clinic or hospital:
/// one of the staff, not a patient known in the community.
static RECEPTION_DESK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:[a-z'-]+ ){0,2}(?:surgery|practice|clinic|health centre|medical centre|pharmacy|hospital|gp)(?-u:\b)").expect("valid regex")
});

/// What follows "a local" or "local GP" when it is an organisation or a thing, not a person: "a
/// local charity", "a local toy shop", "local GP practices".
static LOCAL_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^s? (?:[a-z'-]+ )?(?:practices?|surgeries|charity|school|primary|secondary|business|firm|company|cause|group|church|radio|paper|newspaper|building society|bank|bakery|shop|cafe|café|pub|club|college|council|authority|hospice|trust|paper|supermarket|garage|gym|team)").expect("valid regex")
});

/// The parts of a patient's description found inside `lo..hi` (one passage of the draft).
fn parts_in(d: &Draft<'_>, lo: usize, hi: usize) -> Vec<(&'static str, usize, usize, u32)> {
    let cased = d.cased();
    let mut parts: Vec<(&'static str, usize, usize, u32)> = Vec::new();
    let first = |lex: Lex| d.hits_of(lex).find(|h| h.start >= lo && h.end <= hi);
    if d.has_digit() || d.has(Lex::AgeAnchor) {
        if let Some((s, e)) =
            find_in(&AGE, cased, lo, hi).filter(|&(s, e)| !not_a_patients_age(d, s, e))
        {
            parts.push(("age", s, e, 1));
        }
    }
    if let Some((s, e)) = find_in(&BED, cased, lo, if d.has(Lex::BedAnchor) { hi } else { lo }) {
        parts.push(("bed or ward", s, e, 2));
    } else if let Some(h) = d.hits_of(Lex::HospitalPlace).find(|h| {
        // "ward" in "ward manager" is a job, not a place.
        h.start >= lo
            && h.end <= hi
            && !d
                .hits_in(h.start, h.end)
                .any(|r| matches!(r.lex, Lex::PersonRole | Lex::StaffTitle) && r.end > h.end)
    }) {
        parts.push(("ward or unit", h.start, h.end, 1));
    }
    if let Some(h) = first(Lex::TimeReference) {
        parts.push(("day or time", h.start, h.end, 1));
    } else if d.has_digit() && (d.has_byte(b'/') || d.has(Lex::MonthName)) {
        if let Some((s, e)) = find_in(&DATE, cased, lo, hi) {
            parts.push(("date", s, e, 1));
        }
    }
    if let Some(h) = first(Lex::ClinicalCondition) {
        parts.push(("condition", h.start, h.end, 1));
    }
    let employer = |s: usize, e: usize| d.hits_in(s, e).any(|h| h.lex == Lex::PolicyEmployer);
    if d.has_upper {
        if let Some(m) = cased.get(lo..hi).and_then(|t| {
            PLACE.captures_iter(t).find_map(|c| {
                // "three hours from Leeds": a journey, not a home.
                let journey = c.get(0).is_some_and(|w| {
                    let before = d.lower_before(lo + w.start(), 16);
                    [
                        "hours ", "hour ", "miles ", "mins ", "minutes ", "drive ", "journey ",
                    ]
                    .iter()
                    .any(|x| before.ends_with(x))
                });
                c.get(1).filter(|m| {
                    !journey
                        && !crate::draft::is_common_word(m.as_str())
                        && !employer(lo + m.start(), lo + m.end())
                })
            })
        }) {
            parts.push(("town", lo + m.start(), lo + m.end(), 1));
        }
        // "at Marsh Lane Pharmacy": a venue named after its street, not a home.
        if let Some((s, e)) = find_in(&STREET_NAME, cased, lo, hi).filter(|&(_, e)| {
            !crate::any_of!(
                d.lower_after(e, 12),
                [
                    " pharmacy",
                    " surgery",
                    " medical",
                    " health",
                    " clinic",
                    " centre",
                    " practice"
                ]
            )
        }) {
            parts.push(("street", s, e, 2));
        }
    }
    if let Some(h) = d
        .hits_of(Lex::CommunityRole)
        .find(|h| h.start >= lo && h.end <= hi && !not_a_community_member(d, h.start, h.end))
    {
        parts.push(("role in the community", h.start, h.end, 3));
        // A medicine tells the condition it treats, for someone known in the community and
        // not accused of anything: "dispensing the levothyroxine for our local MSP's wife".
        if !has_part(&parts, "condition") && !d.has(Lex::Accusation) {
            if let Some(m) = first(Lex::Medicine) {
                parts.push(("medicine", m.start, m.end, 1));
            }
        }
    } else if d.has_upper {
        if let Some((s, e)) = club_role(d, cased, lo, hi).or_else(|| {
            crate::lower_has_any!(d, ["captain", "skipper"])
                .then(|| find_in(&TOWN_CAPTAIN, cased, lo, hi))
                .flatten()
        }) {
            parts.push(("role in the community", s, e, 3));
        }
    }
    // Only drafts that say "our" or "my" can name the author's own village or church.
    let lower = d.lower();
    if !has_part(&parts, "town") && crate::lower_has_any!(d, ["our ", "my "]) {
        if let Some((s, e)) = find_in(&LOCAL, lower, lo, hi) {
            parts.push(("town", s, e, 1));
        }
    }
    if let Some(h) = d
        .hits_of(Lex::Rarity)
        .find(|h| h.start >= lo && h.end <= hi && !figure_of_speech(d, h.start))
    {
        // "You know who you are" points at someone without saying who: it weighs less than
        // "the only patient in the county on X", so a ward and a thank-you are not enough.
        let pointed = d.lower()[h.start..h.end].starts_with("you know who");
        parts.push(("rarity", h.start, h.end, if pointed { 1 } else { 2 }));
    } else if let Some(m) = ONLY_ONE
        .find_iter(&d.lower()[lo..hi])
        // "the only bloke on the physio team" is a colleague.
        .find(|m| !crate::any_of!(d.lower_after(lo + m.end(), 24), ["team", "staff", "rota"]))
    {
        parts.push(("rarity", lo + m.start(), lo + m.end(), 2));
    }
    parts
}

/// "Only one" as a figure of speech, not a rarity: "every single one thinks they're the only
/// person on the unit", "treated her dad like he was the only one on the ward", "am I the only
/// one who".
fn figure_of_speech(d: &Draft<'_>, start: usize) -> bool {
    let before = d.lower_before(start, 40);
    crate::any_of!(
        before,
        [
            "thinks they're",
            "thinks their",
            "think they're",
            "think their",
            "thinks he's",
            "thinks she's",
            "like he was",
            "like she was",
            "like they were",
            "am i ",
            "i'm the"
        ]
    )
}

/// The passage around `pos`: the sentences within [`REACH`] bytes either side, whole.
fn passage(d: &Draft<'_>, pos: usize) -> (usize, usize) {
    let lo = d.sentence(pos.saturating_sub(REACH)).0;
    let hi = d
        .sentence((pos + REACH).min(d.cased().len().saturating_sub(1)))
        .1;
    (lo, hi.max(d.sentence(pos).1))
}

/// How far from a word of care the details of one patient's description reach.
const REACH: usize = 120;

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    // A story told with its details changed: the author has already done what the rule asks.
    if crate::lower_has_any!(
        d,
        [
            "details changed",
            "details have been changed",
            "details altered",
            "details have been altered",
            "identifying details removed",
            "identifying details changed"
        ]
    ) {
        return;
    }
    // Without a word of care, a condition or a medicine may still place someone in our care
    // ("the chair of the parish council ... after we sorted his gout flare"), but not in a
    // public figure's own story or an accusation.
    let cared = d.has(Lex::HospitalPlace)
        || ((d.has(Lex::ClinicalCondition) || d.has(Lex::Medicine))
            && !d.has(Lex::Accusation)
            && !PUBLIC_WORDS.is_match(d.lower()));
    let patientish = d.has(Lex::PatientContext)
        || (cared
            && (d.has(Lex::CommunityRole)
                || d.has(Lex::Rarity)
                || (d.has_upper && club_role(d, cased, 0, cased.len()).is_some())
                || (d.has_digit() && AGE.is_match(cased))))
        || (crate::lower_has_any!(d, ["the only "]) && ONLY_ONE.is_match(d.lower()));
    if !patientish {
        return;
    }
    // Who the patient is (an age, a town, a role in the community, a rarity) must be in the
    // draft for it to describe someone: checked for all at once before any detail is gathered.
    let lower = d.lower();
    let who = d.has(Lex::CommunityRole)
        || d.has(Lex::Rarity)
        || crate::lower_has_any!(d, ["the only ", "our ", "my ", "captain", "skipper"])
        || ((d.has_digit() || d.has(Lex::AgeAnchor) || d.has_upper) && WHO.is_match(cased));
    if !who {
        return;
    }
    // The whole draft first: a passage never holds more than the whole, so most drafts stop here.
    let whole = parts_in(d, 0, cased.len());
    if !described(whole.iter().map(|p| p.3).sum(), &whole) {
        return;
    }
    // Without a role in the community or a rarity, someone in particular must be there.
    let someone = d.has(Lex::CommunityRole)
        || d.has(Lex::Rarity)
        || crate::lower_has_any!(d, ["the only "])
        || ONE_PERSON.is_match(lower)
        || (d.has_digit() && AGE.is_match(cased))
        || (d.has_upper && club_role(d, cased, 0, cased.len()).is_some());
    if !someone {
        return;
    }
    // Where a patient is described: around each word of care, or each place of care.
    let mut passages: Vec<(usize, usize)> = Vec::new();
    for h in d.hits.iter().filter(|h| {
        h.lex == Lex::PatientContext
            || (!d.has(Lex::PatientContext)
                && (h.lex == Lex::HospitalPlace
                    || (cared && matches!(h.lex, Lex::ClinicalCondition | Lex::Medicine))))
    }) {
        let p = passage(d, h.start);
        if !passages.contains(&p) {
            passages.push(p);
        }
        if passages.len() >= 6 {
            break;
        }
    }
    let Some((score, parts)) = passages
        .iter()
        .filter(|&&(lo, hi)| !about_staff(d, lo, hi) && !not_our_patient(d, lo, hi))
        .map(|&(lo, hi)| {
            let parts = parts_in(d, lo, hi);
            (parts.iter().map(|p| p.3).sum::<u32>(), parts)
        })
        .filter(|(score, parts)| described(*score, parts))
        // Without a word of care, a third detail is needed: "Twins!" is a condition and a role.
        .filter(|(_, parts)| {
            d.has(Lex::PatientContext) || d.has(Lex::HospitalPlace) || parts.len() >= 3
        })
        .filter(|(_, parts)| {
            let (lo, hi) = (
                parts.iter().map(|p| p.1).min().unwrap_or(0),
                parts.iter().map(|p| p.2).max().unwrap_or(0),
            );
            let (lo, hi) = (d.sentence(lo).0, d.sentence(hi.saturating_sub(1)).1.max(hi));
            describes_someone(d, lo, hi, parts)
                && !d
                    .lower()
                    .get(lo..hi)
                    .is_some_and(|t| GENERIC_READER.is_match(t))
                && !accusation_not_care(d, lo, hi)
                && !accused_figure(d, parts)
                && !official_visit(d, lo, hi)
        })
        .max_by_key(|(score, _)| *score)
    else {
        return;
    };
    let start = parts.iter().map(|p| p.1).min().unwrap_or(0);
    let end = parts.iter().map(|p| p.2).max().unwrap_or(start);
    let names: Vec<&str> = parts.iter().map(|p| p.0).collect();
    let mut f = rule.finding(
        d,
        start,
        end,
        format!(
            "Together these details could identify the patient: {}.",
            names.join(", ")
        ),
    );
    if score <= 3 {
        f.severity = Severity::Medium;
    }
    out.push(f);
}

/// Whether the parts describe one person: enough of them, and who the patient is (age, role,
/// rarity, town) among them. A bed, a day and a condition alone describe a shift, not a person;
/// a coy hint ("guess who") counts only with a clinical detail beside it. An age and a home town
/// together ("She's 61, from Bakewell") are enough on their own: in a patient's story they are
/// what neighbours recognise.
fn described(score: u32, parts: &[(&str, usize, usize, u32)]) -> bool {
    let has = |k: &str| has_part(parts, k);
    let personal = has("age")
        || has("role in the community")
        || has("town")
        || has("street")
        || (has("rarity") && (has("bed or ward") || has("ward or unit")));
    (score >= 3 && parts.len() >= 2 && personal) || (has("age") && has("town"))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "jigsaw-identification";

    #[test]
    fn a_story_with_its_details_changed_is_not_jigsaw() {
        assert_clean(
            "Story shared with permission and details changed: a farmer in his seventies who 'never bothers the doctor' finally came in about a mole his wife had nagged him about for months. Caught early, sorted, he's back on the tractor in Spalding.",
            R,
        );
    }

    #[test]
    fn an_age_band_of_a_population_is_not_a_patients_age() {
        assert_clean(
            "Shingles vaccine eligibility has changed in England, more people in their 60s now qualify through their GP. Worth checking.",
            R,
        );
        assert_flags(
            "Lady in her 60s from Bude on the ward with shingles in her eye, poor thing",
            R,
        );
    }

    #[test]
    fn a_councillor_accused_or_voting_is_not_a_patient() {
        for t in [
            "Councillor Dafydd Hopkin promised the hospice £50k, got his photo op and the money never came. Liar.",
            "Councillor Bryce Halcrow voted to shut the care home then his brother-in-law's company bought the building",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "That councillor from Hessle who voted to cut podiatry budgets is on our ward with a foot ulcer.",
            R,
        );
        assert_flags(
            "Fun fact: the councillor who voted against the new staff car park came in for tear trough filler today.",
            R,
        );
    }

    #[test]
    fn a_councillor_or_mp_in_our_care_is_still_described() {
        for t in [
            "The councillor who voted to shut our walk-in centre was in resus last night 👀",
            "Our ex-MP is on HASU after a stroke",
            "Councillor Pryce lying on HASU after a stroke.",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn six_mp_is_a_drug_not_a_member_of_parliament() {
        assert_clean(
            "Mams, if your bairn's on oral 6-MP and they're sick after a dose, ring the ward and ask whether to give it again",
            R,
        );
    }

    #[test]
    fn only_one_as_a_figure_of_speech_is_not_a_rarity() {
        for t in [
            "CF parents are the most entitled. Every single one thinks their kid's the only one on the unit.",
            "A patient's daughter emailed to say we treated her dad 'like he was the only one on the ward'.",
            "Am I the only one who gets a thrill when ED validation means someone gets to stay home?",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "Only person in the whole of Powys on home haemodialysis and I do her bloods every Thursday in Rhayader",
            R,
        );
    }

    #[test]
    fn a_unit_opening_or_patients_in_general_describe_nobody() {
        assert_clean(
            "Press release out this morning: our new satellite dialysis unit in Sutton Coldfield opens to patients in May, 24 stations and free parking",
            R,
        );
        assert_clean(
            "Our audit of post-op delirium in hip fracture patients is published in Anaesthesia today, open access",
            R,
        );
        assert_flags(
            "Bed 7 Seabrook Ward: 32M, Kurdish, diphtheria confirmed this afternoon. Full PPE please everyone",
            R,
        );
    }

    #[test]
    fn a_head_teacher_by_nickname_is_a_role_in_the_community_but_a_bakery_is_not() {
        assert_flags(
            "The heidie from Bearsden Academy was on my trolley in recovery today, hernia's sorted sir",
            R,
        );
        assert_clean(
            "Lovely gent at the counter today told me he remembers when our shop was a bakery. Said the smell of bread was nicer than amoxicillin suspension",
            R,
        );
    }

    #[test]
    fn you_know_who_you_are_with_only_a_ward_is_not_enough() {
        assert_clean(
            "Thank you to the family who dropped off a tin of Quality Street for the unit. You know who you are",
            R,
        );
        assert_flags(
            "28yo, Ward 306, came in Tuesday, DE6 postcode, third admission this year with the same thing. You know who you are mate, please stop drinking",
            R,
        );
    }

    #[test]
    fn a_clubs_player_by_position_is_a_public_figure() {
        assert_flags(
            "Scoped the Rhinos winger this morning. Lovely lad, proper worried his colitis will flare before the Grand Final.",
            R,
        );
        assert_flags(
            "Sat in clinic with one of the Riders' starting five who's been told to keep his ankle sprain hush-hush till after the play-offs",
            R,
        );
        // Their own documentary is their story.
        assert_clean(
            "Former England prop Danny's documentary about his own dementia diagnosis is on iPlayer tonight",
            R,
        );
    }

    #[test]
    fn flags_community_roles_with_clinical_details() {
        assert_flags("The mayor's wife was in resus last night after a fall", R);
        assert_flags(
            "Local footballer came in with a broken leg today, gutted for him",
            R,
        );
    }

    #[test]
    fn a_public_figure_on_an_official_visit_is_an_event() {
        for t in [
            "Our local MP visited the new day unit this morning, lots of questions about the virtual ward",
            "Councillor Okafor popped into the pharmacy today to launch the free delivery scheme",
            "The parish council in Bitchfield have invited our MND team to give a talk. Lovely village",
            "Councillor Tariq Mahmood lied to the town about why the Smethwick dialysis unit is closing",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "Our local MP was admitted to the stroke unit this morning, left sided weakness",
            R,
        );
    }

    #[test]
    fn a_journey_an_mp_written_to_and_a_pathway_are_not_a_patient() {
        for t in [
            "We're hiring! Part-time receptionist at the surgery, 20 hours, friendly team. Apply on NHS Jobs.",
            "Practice scenario for tomorrow's study group: Mrs A, 72, day 2 post hip replacement, pain 7/10. Write your APIE",
            "Blimey, the M62 this morning, three hours from Leeds. Clinic started late, patients were lovely about it.",
            "Bristol to Exeter rail replacement bus. For my aseptics training. I'm writing to my MP.",
            "Patient fell in the bathroom at 4am and there was literally nobody on the floor to help her. Our ward. Tonight. Write to your MSP.",
            "Our local MP visited the healthcare unit today and the team were brilliant showing off the new hep C pathway",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn a_street_describes_someone_but_a_venue_on_it_does_not() {
        assert_flags(
            "Our unit's regulars bring their own duvets. The chap with the leg ulcer from the flats on Oldham Road, bed 6 every other weekend, thinks we're a Travelodge.",
            R,
        );
        assert_clean(
            "Free blood pressure checks this week at Marsh Lane Pharmacy for anyone over 40 who hasn't been diagnosed with high blood pressure",
            R,
        );
    }

    #[test]
    fn a_member_of_a_parliament_or_a_county_player_is_a_public_figure() {
        assert_flags(
            "Guess which Edinburgh MSP was in our day surgery unit this week for a 'minor procedure'",
            R,
        );
        assert_flags(
            "She did the weather on Points West for years and now she's on our acute ward.",
            R,
        );
    }

    #[test]
    fn the_only_patient_of_a_kind_in_a_county_is_recognisable() {
        assert_flags(
            "Ordering the monthly compassionate-use enzyme for the only Fabry patient in Surrey again. Same guy, same drama every month",
            R,
        );
    }

    #[test]
    fn a_provost_a_head_of_a_primary_or_a_nicknamed_clubs_player_is_recognisable() {
        assert_flags(
            "Proud to have been the ODP for the Provost's daughter's section today. Wee girl, 7lb 9, mum and baby doing grand.",
            R,
        );
        assert_flags(
            "One of our Mounjaro patients is the head at a primary in Sale and the school gate mums would die if they knew",
            R,
        );
        assert_flags(
            "Had the Rovers' new centre-back in for his ACL rehab this morning. Miles off match fitness",
            R,
        );
        assert_flags(
            "Guess who came into fracture clinic today with a scaphoid?? Only the Canaries' left back",
            R,
        );
    }

    #[test]
    fn the_only_fella_on_an_island_and_an_age_out_past_a_village_describe_someone() {
        assert_flags(
            "The only fella on home haemodialysis on the whole of Rathlin and we got him to the ferry with 2 minutes to spare",
            R,
        );
    }

    #[test]
    fn a_lad_of_nineteen_is_an_age_but_a_team_of_nineteen_is_not() {
        assert_flags(
            "Lad of 19 died on ward 36 last night. First time in years I've sat in the car park and sobbed.",
            R,
        );
        assert_clean(
            "A team of 19 on ward 36 last night and still we couldn't get the obs done on time.",
            R,
        );
    }

    #[test]
    fn a_reader_addressed_in_general_is_not_a_patient() {
        assert_clean(
            "If someone you love is receiving end of life care at home in Cornwall, Cornwall Hospice Care have an advice line listed on their website.",
            R,
        );
        assert_clean(
            "If you're caring for someone at the end of life in Sunderland or South Tyneside and need advice out of hours, our 24/7 palliative care advice line is 0191 498 7720.",
            R,
        );
        // A particular reader is still someone: "if you're the mum of the twins born ...".
        assert_flags(
            "If you're the mum of the twins born at the L&D on Christmas morning that were in the Herald & Post, your girls are due their 8 week jabs",
            R,
        );
    }

    #[test]
    fn an_age_after_a_dash_counts() {
        assert_flags(
            "Our service lost track of a woman discharged from the LGI to a hostel in Beeston \u{2014} 34, insulin dependent, no English \u{2014} and found her 4 days later in DKA",
            R,
        );
    }

    #[test]
    fn an_age_and_a_home_town_are_enough() {
        assert_flags(
            "Isotretinoin patient told me she's stopped her contraception. She's 20, from Lytham.",
            R,
        );
        assert_flags(
            "Tuesday's 3am trauma call: 19 y/o lad from Holmfirth, motorbike vs lamp post. Should be ok but the family are in bits.",
            R,
        );
        // A thing's age is not a person's.
        assert_clean(
            "The lift in Block C is out for three weeks: it's 40 years old and is finally being replaced in Leeds style, patients please use Block D",
            R,
        );
    }

    #[test]
    fn flags_age_bed_and_condition() {
        assert_flags("92 year old in bed 4 with sepsis, still cracking jokes", R);
        assert_clean(
            "Scunthorpe's renal unit celebrated its 40th birthday today, lovely to see retired staff back for cake",
            R,
        );
        // The notes' shorthand for age and sex.
        assert_flags(
            "Pharmacy twitter, help: 61M, bed 14 Ash ward, HGV driver from Boston, INR 7.9",
            R,
        );
        assert_flags(
            "Only patient in the county on this gene therapy, from Settle, doing well",
            R,
        );
    }

    #[test]
    fn general_education_is_clean() {
        assert_clean(
            "Reminder: check renal function before starting metformin in older patients",
            R,
        );
        assert_clean("Busy night in resus", R);
    }

    #[test]
    fn flags_players_of_named_clubs() {
        assert_flags(
            "Guess who came through pre-op assessment in Cardiff today? Let's just say he's got a few Six Nations caps and a new knee on the way",
            R,
        );
        assert_flags(
            "Wife of the Scunthorpe United manager had her baby with us at 4am",
            R,
        );
        assert_flags(
            "took the Leeds Rhinos prop down to MRI this afternoon, knee's in bits",
            R,
        );
    }

    #[test]
    fn flags_the_authors_own_village_and_school_years() {
        assert_flags(
            "Just dispensed for the Olympic rower from our village, hope she's fit",
            R,
        );
        assert_flags(
            "Did the referral for the Year 11 girl whose dad is the vicar",
            R,
        );
    }

    #[test]
    fn flags_ages_after_a_colon_and_exclaimed() {
        assert_flags("Bed 4 on Ward 17 this week: 61, from Hull, won't move", R);
        assert_flags("Our oldest patient (105!) came in for her flu jab today", R);
    }

    #[test]
    fn football_talk_without_a_patient_is_clean() {
        assert_clean("Scunthorpe United manager sacked after five defeats", R);
    }

    #[test]
    fn details_far_apart_in_a_long_post_are_clean() {
        assert_clean(
            "Our 80s disco for the ward fundraiser is on Friday. Tickets from the office, bring your dancing shoes and your mates. Last year we raised enough for two recliner chairs. Separately, a reminder that the car park barrier is broken again, so allow extra time. Thanks to the mayor for opening it.",
            R,
        );
    }

    #[test]
    fn a_colleague_described_by_role_is_not_a_patient() {
        assert_clean(
            "Our deputy manager is pregnant again so guess who's doing the rota on the ward",
            R,
        );
        assert_clean(
            "Dear agency nurse on bay 7 last night, the obs were made up. Everybody knows.",
            R,
        );
    }

    #[test]
    fn a_colleague_who_is_a_patient_is_still_flagged() {
        assert_flags(
            "One of our nurses was admitted to ICU last night aged 34, thinking of her",
            R,
        );
    }

    #[test]
    fn organisations_and_age_ranges_are_not_people() {
        assert_clean(
            "A local school sent cards to the children's ward today, the kids were thrilled",
            R,
        );
        assert_clean(
            "Flu jabs for everyone aged 65 and over at the surgery this week, book in",
            R,
        );
        assert_clean(
            "Turned 30 today and spent it in resus, cake in the office",
            R,
        );
    }

    #[test]
    fn flags_the_captain_of_a_named_town() {
        assert_flags(
            "Scrubbed in for the Barnsley captain's knee this morning, lovely lad",
            R,
        );
    }

    #[test]
    fn a_provider_who_teaches_resus_is_not_cared_for() {
        assert_clean(
            "The GP who runs the surgery in Tredegar did a resus training session for us, brilliant",
            R,
        );
    }

    #[test]
    fn a_town_named_for_a_bishop_is_not_a_bishop() {
        assert_clean(
            "Flu clinic Saturday at the Bishop's Castle surgery, 9 till 1. No appointment needed if you're 65+ or you've had a letter.",
            R,
        );
        assert_flags(
            "The bishop was in resus last night after a fall at the cathedral, 78 and still joking",
            R,
        );
    }

    #[test]
    fn flags_details_spread_over_a_short_story() {
        assert_flags(
            "Said goodbye to our longest-stay patient today after 90 days on Ward 9. Enjoy being home in Otley.",
            R,
        );
    }

    #[test]
    fn a_public_figures_own_account_is_clean() {
        assert_clean(
            "The local radio presenter said on air this morning she had a stroke at 41 and spent weeks in rehab. Know the signs.",
            R,
        );
        assert_clean(
            "TV presenter talking about his prostate cancer on the breakfast show today, 58 and fighting fit. Get checked, lads.",
            R,
        );
    }

    #[test]
    fn a_public_figure_in_our_care_is_still_flagged() {
        assert_flags(
            "The local radio presenter who talks on air every morning is on our ward with a stroke, aged 41",
            R,
        );
        assert_flags(
            "Granada weatherman was in cardiology clinic this morning. Looking very thin.",
            R,
        );
        assert_flags("Former boxing champ is on our detox unit this week.", R);
    }

    #[test]
    fn a_simulated_patient_is_clean() {
        assert_clean(
            "The 'patient' in my OSCE today was an actor called Dave, 70 years old with chest pain in bed 3. Passed!",
            R,
        );
    }

    #[test]
    fn flags_an_age_said_of_him_or_her() {
        assert_flags(
            "Remember the chest pain man from clinic? He's 52 and runs a dance school in Whitby.",
            R,
        );
        assert_clean("My son is off school, he's 9 and bored stiff", R);
    }

    #[test]
    fn a_place_with_no_person_is_not_a_patient() {
        assert_clean(
            "Larkspur Lodge care home in Rotherham sends residents in to us dehydrated with pressure sores every week.",
            R,
        );
        assert_clean(
            "Won't name it but anyone local knows, our A&E is unsafe at weekends. No senior cover after 10pm.",
            R,
        );
        assert_clean(
            "Went into the new pharmacy on Market Street in Hastings as a customer today. Lovely shop.",
            R,
        );
        // "Guess who" is a hint, not a person.
        assert_clean(
            "They scrapped the weekend pharmacy ward service. Guess who's chasing 40 missed doses every Monday now.",
            R,
        );
        assert_flags(
            "Guess who's on our ward with a fractured pelvis after falling off the stage at the panto, the Dame himself",
            R,
        );
    }

    #[test]
    fn a_colleague_a_unit_and_a_simulation_are_not_patients() {
        assert_clean(
            "Every theatre has that one ODP who smells. Not naming names but Dev, shower.",
            R,
        );
        assert_clean(
            "The chemo day unit is 10 years old today! Happy birthday to the best unit in Lancashire",
            R,
        );
        assert_clean(
            "Today's sim: 'SimMan, 58, bed 12, post-op AAA, MAP 55 and falling.' Our sim faculty are evil",
            R,
        );
        // A community role beside a staff hashtag is still the patient.
        assert_flags(
            "Anaesthetising the Mayor of Barnstaple's husband this morning. No pressure then #ODP #theatres",
            R,
        );
    }

    #[test]
    fn a_public_figure_accused_over_a_service_is_not_a_patient() {
        assert_clean(
            "Cllr Jenny Voss lied to the whole town about the A&E downgrade. She knew in 2024.",
            R,
        );
    }

    #[test]
    fn a_club_donating_to_the_unit_is_not_a_patient() {
        assert_clean(
            "Our local football club has donated signed shirts for the dialysis unit Christmas raffle",
            R,
        );
        assert_flags(
            "The captain of our local football club is on the dialysis unit again, 3rd time since June",
            R,
        );
    }

    #[test]
    fn the_authors_relations_outside_our_care_are_not_patients() {
        assert_clean(
            "My cousin's newborn has a temp of 38.5 and she asked me what to do. Calpol and sleep it off",
            R,
        );
        assert_clean(
            "Working in outpatients at MGH is like watching a slow-motion car crash. Letters unsent for months, results unchecked, and management answer with a QI email",
            R,
        );
        assert_flags(
            "Recognised the girl in Bay C as my cousin's ex. Admitted with an overdose last night, aged 19",
            R,
        );
    }

    #[test]
    fn a_condition_or_medicine_places_someone_in_our_care_without_a_word_of_care() {
        for t in [
            "Big thanks to the chair of Hexham parish council for the cake after we sorted his gout flare last week, told you the colchicine would work!",
            "We've started emicizumab for the only adult with haemophilia A in West Cornwall, a 52-year-old fisherman from Newlyn",
        ] {
            assert_flags(t, R);
        }
        for t in [
            "Twins! 💕💕",
            "Teaching case for the F1s this morning: a man in his 70s with new confusion, turned out to be hyponatraemia",
            "Olympic rower Tom Harcourt-Blake was on the radio this morning talking about his testicular cancer",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn a_visit_and_someone_who_is_not_a_patient_are_not_patients() {
        assert_clean(
            "Today I learned the Mayor of Bury visits the ED staff every Christmas with a tray of sausage rolls",
            R,
        );
        assert_clean(
            "Got a date on Saturday (not a patient lol, a firefighter I met at a trauma conference)",
            R,
        );
    }

    #[test]
    fn a_coy_hint_with_a_public_role_and_a_named_unit_is_flagged() {
        assert_flags(
            "Guess who was in for an HIV screen today 👀 starts with a B, reads the travel news on Radio Tees. Not saying any more 🤐",
            R,
        );
        assert_flags(
            "The famous face everyone's whispering about on HASU? Yes it's him. If you watched Bake Off series 9 you already know",
            R,
        );
        assert_flags(
            "Angio suite list today: 58M M1 from Ludlow and the Hereford rugby captain with a carotid dissection.",
            R,
        );
        // A bake off on the ward, the radio on nights: no one described.
        assert_clean(
            "Ward bake off winner was the porters' lemon drizzle. Again!!",
            R,
        );
        assert_clean(
            "Night shift on the hospice: Vera Lynn on the radio, tea in the good mugs.",
            R,
        );
    }

    #[test]
    fn a_language_a_local_firm_and_local_practices_are_not_a_patient() {
        assert_clean(
            "Our hospital is one of six trusts piloting a respiratory virtual ward with local GP practices, announced this morning",
            R,
        );
        assert_clean(
            "Our fracture clinic has a reading corner now, thanks to a local book shop. The wee faces on the children's ward",
            R,
        );
        assert_clean(
            "Dr Mensah tried to do the ward round in Welsh this morning, took him ten minutes to say 'bore da'",
            R,
        );
    }

    #[test]
    fn years_of_service_are_not_an_age() {
        assert_clean(
            "leaving do for Bernadette tonight, retiring after 38 yrs on ward 10, we'll miss u",
            R,
        );
        assert_clean(
            "12 yrs qualified as an RN today. 9 of them in palliative care. Still love it.",
            R,
        );
    }

    #[test]
    fn counts_and_population_figures_are_not_ages() {
        assert_clean(
            "Runner life: 21,300 steps today. Dispensary → wards → lounge → dispensary, again.",
            R,
        );
        assert_clean(
            "New figures today: flu vaccine uptake by age 65 in Leeds is the best in the region.",
            R,
        );
        // An age between commas still counts.
        assert_flags(
            "Brenda from the flower shop, 74, in bay 3 on the stroke unit today. Family in bits.",
            R,
        );
    }

    #[test]
    fn fame_as_a_joke_staff_at_the_desk_and_a_figure_of_speech_are_not_patients() {
        assert_clean(
            "Left a tray of flapjack in the ward kitchen on Tuesday and now I'm famous on the unit 😂",
            R,
        );
        assert_clean(
            "Happy retirement to Pauline, receptionist at the surgery for 29 years, who knew every family in the village",
            R,
        );
        assert_clean(
            "Good rehab on the stroke unit today: the patient is the captain and we're the crew",
            R,
        );
        // Fame that describes the patient still counts.
        assert_flags(
            "Not saying who, but a very famous snooker player was on our ward today with his hip 👀",
            R,
        );
        assert_flags(
            "Had the captain of the town cricket team on the fracture clinic list this morning, 34, wrist",
            R,
        );
    }

    #[test]
    fn someone_who_runs_a_service_of_care_is_its_provider_not_a_patient() {
        assert_clean(
            "The optician who runs the Tuesday eye clinic in Frome charges for tests the NHS pays for. Crook.",
            R,
        );
        assert_clean(
            "The pharmacist who runs the shop on Castle Street in Ludlow sells diazepam to anyone who asks.",
            R,
        );
        // Someone who runs a shop, or a provider we have cared for, is still described.
        assert_flags(
            "The fella who runs the bike shop on Mill Street in Totnes came into resus with chest pain tonight.",
            R,
        );
        assert_flags(
            "The woman who runs the pharmacy in Kirkby Stephen was admitted to our stroke unit today, aged 58.",
            R,
        );
    }

    #[test]
    fn a_public_figure_who_went_public_is_not_our_patient() {
        assert_clean(
            "The boxer who announced his diagnosis of Parkinson's last week is an inspiration. Early signs matter.",
            R,
        );
        assert_clean(
            "Singer Jade Morrow has gone public with her ovarian cancer diagnosis. Please know your symptoms.",
            R,
        );
        // A public figure in our care is still described, whatever the papers say.
        assert_flags(
            "The famous darts player from the papers is on our renal ward this week, aged 61.",
            R,
        );
    }

    #[test]
    fn a_neighbour_outside_our_care_is_not_a_patient_but_one_we_saw_is() {
        assert_clean(
            "My neighbour's toddler has a chest infection, told her mum to use the leftover amoxicillin from last time.",
            R,
        );
        assert_flags(
            "My next door neighbour was in clinic today for her HIV meds. Never knew. Awkward at the school gate.",
            R,
        );
        assert_flags(
            "My neighbour's daughter was on my list this morning, the one from Westgate Road with the eating disorder.",
            R,
        );
    }

    #[test]
    fn a_story_on_the_news_is_not_someone_on_the_news() {
        assert_clean(
            "Ambulance handover delays were on the news again tonight. Figures for every trust are on the BBC site.",
            R,
        );
        assert_clean(
            "Good to see sepsis on the telly tonight. Anything that gets people asking 'could it be sepsis?' is a win.",
            R,
        );
        assert_flags(
            "The lad who was on the news after the Grimsby crash is on our ward tonight, aged 19, still unconscious.",
            R,
        );
    }

    #[test]
    fn what_a_reviewer_found_the_new_guards_hid_is_still_found() {
        for t in [
            // A neighbour's health learned at work.
            "Processed my neighbour's HIV test at work today, positive. How do I face her?",
            "My neighbour is on my caseload now, early onset dementia at 58",
            // A public figure's statement beside our care.
            "The mayor's wife was in resus last night after a fall. The family released a statement this morning.",
            "The councillor who announced the A&E closure was in resus last night with chest pain, aged 64.",
            // Someone who runs a service, with their own illness.
            "The nurse who runs the diabetes clinic at our practice had a stroke on Saturday, thrombolysed in ED.",
            "The man who runs the taxi service in Buckie had his MI on Tuesday, we took him straight to the cath lab.",
            // A story on the news with someone in our care after it.
            "The Tredegar house fire was on the news last night. Both kids are on PICU with us now.",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn a_neighbour_seen_coming_into_a_and_e_is_described() {
        assert_flags(
            "Just saw my neighbour come into A&E, won't say why but wow 👀",
            R,
        );
    }

    #[test]
    fn a_medicine_for_someone_known_in_the_community_tells_their_condition() {
        for t in [
            "Dispensing the Levothyroxine for our local MSP's wife again. She's lovely tbh, always asks about my kids",
            "the mayor's husband in for his little blue tablets again. i will never be able to look at him at the civic dinner",
            "The reporter from the local paper who wrote that nasty piece about the hospital is on our ward now with sepsis. Karma's a funny thing 🙃",
        ] {
            assert_flags(t, R);
        }
        // An accusation, or a medicine with no one known in the community, is not a patient
        // described.
        for t in [
            "The owner of the pharmacy I used to locum at in Maidstone was selling diazepam out the back door. Crooks.",
            "Our local MP visited the dispensary today to hear about HRT shortages. Good to be heard.",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn looking_up_someone_you_know_on_the_system_is_their_record() {
        assert_flags(
            "Pulled up my neighbour's MRI on PACS so she didn't have to wait for the consultant. It's a disc thing, nothing scary. What's the harm 🤷‍♀️",
            R,
        );
        assert_clean(
            "My neighbour's toddler has a chest infection, told her mum to use the leftover amoxicillin from last time.",
            R,
        );
    }
}
