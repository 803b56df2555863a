//! `patient-name`: a person named in a patient's context.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "patient-name",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R01,
    suggestion: "Take the name out, and anything else that points to the person (bed, ward, age, town). \"A patient\" tells the story without telling whose it is.",
    docs: RuleDocs {
        what: "A name in a patient's context: a titled name near clinical words (\"Mr Patel in bed 12\"), a name introduced as a patient's (\"my patient Sarah\", \"a lady called Doris\"), a name followed by a bed, bay or age (\"Doris (84)\", \"Ruby, 5, bed 2\"), a full name or titled surname straight before care detail (\"X-rayed Gloria Mbeki's wrist\", \"Mrs Nnamdi's biopsy\"), or a name in the layout of notes and labels (\"JONES, Trevor, 11/12/1948\").",
        why: "Naming a patient in public breaches their confidentiality, whatever the intent. Even a first name, with a ward or a day, is enough for family, neighbours or colleagues to recognise them.",
        example: "Mr Patel in bed 12 is refusing his warfarin again",
        rewrite: "A patient is refusing their warfarin again; any tips for supporting adherence?",
        false_positives: "Colleagues thanked or congratulated by name (\"well done Jo\"), doctors and other staff with their titles (Dr Khan, Sister Jones), names with no clinical words near them, and public figures and people telling their own story in the news, a book or a campaign.",
    },
    check,
};

static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx|Master|MR|MRS|mr|mrs|Cpl|LCpl|L/Cpl|Sgt|Pte|Gnr|Gunner|Spr|Sapper|Rfn|Tpr|Trooper|Bdr|Cfn|SAC)\.?\s+((?:[A-Z]\.\s?)?[A-Z](?:[A-Za-z'-]|[0-9][a-z])+(?:\s+[A-Z][A-Za-z'-]+)?)").expect("valid regex")
});

static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:(?-u:\b)(?:my|our|the|a|this) (?:old |former |ex-|new |first |favourite |lovely )?(?:[a-z0-9-]+ ){0,3}(?:patient|pt|lady|gentleman|gent|man|woman|chap|fella|bloke|girl|boy|lad|resident|client|service user|admission|participant)s?,? (?:called |named |whose name is |is )?|(?-u:\b)(?:patient|pt|lady|man|gentleman|woman|chap|fella|bloke|girl|boy|lad|resident|baby) (?:called|named) |(?-u:\b)her name(?:'s| is) |(?-u:\b)his name(?:'s| is) |(?-u:\b)name on the (?:label|bag|box|script|chart|wristband|board|prescription|cot card) is )((?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?(?:\s+(?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)?)").expect("valid regex")
});

/// A pet, or a thing the author says they named: "a therapy dog", "clinic plant", "the new
/// coffee machine ... I have named it".
static PET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:dog|puppy|cat|kitten|hamster|rabbit|guinea pig|tortoise|parrot|budgie|goldfish|plant)s?(?-u:\b)").expect("valid regex")
});

/// A word for a person, who may be the one named after a pet: "our dog visited the lady in
/// bay 2, her name is ...".
static PERSON_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:patient|lady|man|woman|gent|gentleman|girl|boy|resident|client|mum|dad|child|kid|baby|lad|lass|bloke|fella)s?(?-u:\b)").expect("valid regex")
});

static NAMED_THING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:i've|i have|we've|we have|i|we) (?:officially )?named (?:it|her|him|the)(?-u:\b)|(?-u:\b)favourite (?:boiler|machine|kettle|printer|scanner|pump|trolley)(?-u:\b)").expect("valid regex")
});

static NAME_THEN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?((?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?(?:\s+(?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)?)(?:(?:'s|\x{2019}s) (?:mum|mam|dad|mother|father|son|daughter|wife|husband|partner|nan|gran|sister|brother|family))?,?\s+(?:(?:in|from|on) (?:[A-Z]{2,5} |[A-Z][a-z]+ )?(?:bed|bay|side room|cubicle|room|cot|chair) \d{1,2}(?-u:\b)|from [Ww]ard \d{1,2}(?-u:\b)|\((?:bed|bay|side room|room|cot|chair) \d{1,2}|(?:back )?in (?:resus|majors|minors|A&E|ICU|ITU|HDU|recovery)(?-u:\b)|on (?:the )?(?:[A-Z][a-z]+ |children's |[a-z]+ )?[Ww]ard(?-u:\b)|on \d{1,2}[A-H](?-u:\b)|\((?:\d{1,3}|\d{1,3}\s?(?:yo|y/o|yrs?|years?))[),]|(?:aged|age) \d{1,3}(?-u:\b)|\d{1,3},? (?:yo|y/o|year old|years old)(?-u:\b)|\d{1,3}[,.]|born (?:in )?(?:19|20)\d{2}(?-u:\b)|from [A-Z][a-z]+(?: [A-Z][a-z]+)?, \d{1,3}(?:,| yo| years? old)|\d{1,3},\s+(?:in |on )?(?:bed|bay|side room|room|cubicle) \d{1,2}(?-u:\b)|(?:bed|bay|side room|room|cubicle) \d{1,2},|(?:bed|bay|side room|cubicle|cot) \d{1,2}(?-u:\b))").expect("valid regex")
});

/// A title and an initial with a bed, bay or room: "Mrs K (bed 3)", "Mrs H in room 12", "Mr G,
/// bay 3".
static INITIAL_PLACED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx)\.? [A-Z]\.?(?: [A-Z]\.?)?,? (?:\(|in |on |from |at )?(?:bed|bay|room|side room|side-room|cubicle|chair|cot) ?\d{1,2}(?-u:\b)").expect("valid regex")
});

/// A first name and an initial with an age, as in notes: "Kirsty B, 27, Dalbeattie", "Kacper W
/// (7)". Group 1 is the first name.
static INITIAL_AGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:Mc|Mac|O')?[A-Z][a-z'-]{2,}) [A-Z]\.?(?:,? \(\d{1,3}[),]|, \d{1,3},| \d{1,3}(?:yo|y/o| yo| y/o),?)").expect("valid regex")
});

/// Whether a digit follows "(", ", " or a capital or a full stop and a space, as an age after an
/// initial does ("Kacper W (7)", "Kirsty B, 27", "Leo B. 5yo"), so the [`INITIAL_AGED`] search
/// runs only for drafts with that shape.
fn age_after_initial(b: &[u8]) -> bool {
    // Without branches over every three bytes, so the compiler vectorises it like the digit count.
    let n = b.len();
    if n < 3 {
        return false;
    }
    b[..n - 2]
        .iter()
        .zip(&b[1..n - 1])
        .zip(&b[2..])
        .map(|((&x, &y), &z)| {
            let digit = z.wrapping_sub(b'0') < 10;
            let after =
                y == b'(' || (y == b' ' && (x == b',' || x == b'.' || x.wrapping_sub(b'A') < 26));
            u8::from(digit & after)
        })
        .fold(0, |acc, v| acc | v)
        != 0
}

/// A child named the way staff name the little ones they care for: "baby Nyla", "little Jayden",
/// "wee Ruby".
static LITTLE_ONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:baby|little|wee) ((?:Mc|Mac|O')?[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words after "little" or "wee" that are not a child: "a jumped-up little Hitler", "my wee Micra".
const NOT_A_CHILD: &[&str] = &[
    "Hitler", "Micra", "Corsa", "Fiesta", "Etsy", "Irn", "Mix", "Chef",
];

/// A titled surgeon at work, not a patient: "Mr Hallworth books his private patients onto NHS
/// lists", "Mr Hallworth walked off the list at 2pm".
static SURGEON_AT_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ (?:[a-z]+ ){0,2}(?:(?:his|her) (?:own |private |nhs |whole )?(?:patients|list|lists|clinic|clinics|theatre list|operating list)|off the list|the list early)(?-u:\b)").expect("valid regex")
});

/// An age few colleagues reach: "is 102 years young", "turned 90".
static OLD_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:[89][0-9]|1[01][0-9]) (?:years?|yrs?) (?:young|old)|(?:is|turned|aged) (?:[89][0-9]|1[01][0-9]))(?-u:\b)")
        .expect("valid regex")
});

/// The next run of capitalised words at or after `at`, as the regex
/// `(?-u:\b)[A-Z][A-Za-z'-]*(?:\s[A-Z][A-Za-z'-]*)*` finds it, scanned by hand: called once per
/// capitalised word, a regex search cost several hundred instructions each.
fn cap_run(cased: &str, at: usize) -> Option<CapRun<'_>> {
    let b = cased.as_bytes();
    let word_byte = |x: u8| x.is_ascii_alphanumeric() || x == b'_';
    let rest = |mut i: usize| {
        while i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'\'' || b[i] == b'-') {
            i += 1;
        }
        i
    };
    let start =
        (at..b.len()).find(|&i| b[i].is_ascii_uppercase() && (i == 0 || !word_byte(b[i - 1])))?;
    let mut end = rest(start + 1);
    // Another capitalised word after one whitespace character.
    while let Some(c) = cased[end..].chars().next().filter(|c| c.is_whitespace()) {
        let next = end + c.len_utf8();
        if !b.get(next).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        end = rest(next + 1);
    }
    Some(CapRun {
        text: &cased[start..end],
        start,
    })
}

/// A run of capitalised words found by [`cap_run`].
struct CapRun<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> CapRun<'a> {
    fn as_str(&self) -> &'a str {
        self.text
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A notes or label layout: "SURNAME, Forename, dd/mm/yyyy".
static NOTES_LAYOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Z]{2,}(?:[-'][A-Z]+)?,\s*[A-Z][a-z'-]+|(?:Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'-]+),?\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?-u:\b)")
        .expect("valid regex")
});

/// Words that make a capitalised pair a place, an organisation, an event or a title of rank,
/// not a patient's name.
pub(crate) const NOT_A_PERSON: &[&str] = &[
    // Greetings and songs: "Ramadan Mubarak", "Eid Mubarak", "Mr Brightside".
    "Ramadan",
    "Eid",
    "Mubarak",
    "Brightside",
    // Languages, and words that open a sentence: "we speak English on the ward", "People aged
    // 65 and over", "Secret Santa".
    "English",
    "Welsh",
    "Polish",
    "Urdu",
    "Punjabi",
    "Arabic",
    "Spanish",
    "French",
    "Portuguese",
    "Romanian",
    "Tagalog",
    "Gaelic",
    "People",
    "Santa",
    // Surveys and services: "National Inpatient Survey results out today".
    "Inpatient",
    "Outpatient",
    "Survey",
    // Snacks: "flask, Pot Noodle, Lucozade".
    "Pot",
    "Noodle",
    "Noodles",
    "Dame",
    "Compact",
    "Uni",
    "Six",
    "County",
    "Show",
    "Safety",
    "Experience",
    "Voice",
    "Forum",
    "Panel",
    "Liaison",
    "Participation",
    "Involvement",
    "Engagement",
    "Premier",
    "Inn",
    "West",
    "East",
    "North",
    "South",
    "Duchess",
    "Duke",
    "King",
    "Lady",
    "Lord",
    "Prince",
    "Princess",
    "Queen",
    "Sir",
    "Alliance",
    "Ambulance",
    "Wildlife",
    "Direct",
    "Operation",
    "Project",
    "Appeal",
    "Cancer",
    "Chest",
    "England",
    "Facebook",
    "Insta",
    "Twitter",
    "Snapchat",
    "Reddit",
    "YouTube",
    "Messenger",
    "Heart",
    "Instagram",
    "Ireland",
    "LinkedIn",
    "Live",
    "Scotland",
    "Stroke",
    "TikTok",
    "Village",
    "Wales",
    "WhatsApp",
    // Stations: "Radio Norfolk on, biscuit tin out".
    "Radio",
    "Association",
    "Avenue",
    "Awareness",
    "Bridge",
    "Charity",
    "Close",
    "Drive",
    "Foundation",
    "Hours",
    "Park",
    "Trail",
    "Walk",
    "Way",
    "Board",
    "Care",
    "Centre",
    "Chemist",
    "Clinic",
    "Council",
    "Court",
    "Day",
    "Dental",
    "Festival",
    "Friends",
    "General",
    "Group",
    "Health",
    "Hospital",
    "Hospitals",
    "Lane",
    "Medical",
    "Month",
    "Partnership",
    "Pharma",
    "Pharmacy",
    "Practice",
    "Programme",
    "Rd",
    "Road",
    "Run",
    "Service",
    "Services",
    "Society",
    "St",
    "Street",
    "Test",
    "Trust",
    "Unit",
    "Ward",
    "Week",
    "Homecare",
    "Hospice",
    "Locums",
    "Mobility",
    "Healthcare",
    // Words of organisations, events, titles and products, never a forename or a surname:
    // "Young Lives vs Cancer", "the Royal College", "Lancet Commission", "Transplant Games", "Know Your Pulse",
    // "Greater Manchester", "Baby Shark", "Clinical Lead", "Highly Commended".
    "Lives",
    "Commission",
    "Lancet",
    "Institute",
    "Committee",
    "Network",
    "Federation",
    "Collaborative",
    "Academy",
    "College",
    "University",
    "Journal",
    "Library",
    "Games",
    "Cities",
    "Rail",
    "Numbers",
    "Pulse",
    "Start",
    "Intervention",
    "Oncology",
    "Lead",
    "Scientist",
    "Therapist",
    "Commended",
    "Half",
    "Mile",
    "Strokes",
    "Shark",
    "Cakes",
    "Boost",
    "Reset",
    "Goddess",
    "Greater",
    "Royal",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "International",
    "Clinical",
    "Healthy",
    "Highly",
    "Acute",
    "Biomedical",
    "Occupational",
    "Transplant",
    // Care homes and their buildings: "Oakhaven Residential", "Ferndale Nursing Home".
    "Residential",
    "Nursing",
    "Homes",
    "Manor",
];

/// Words in a draft that make a named person someone in the public eye, or one who chose to
/// tell their own story.
pub(crate) static PUBLIC_STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:news|papers?|newspaper|on air|vlog|youtube|podcast|interview|documentary|statement|bbc|itv|telly|tv|reports?|article|footballer|comedian|presenter|actor|actress|singer|celebrity|famous|research|book|lecture|award|shortlisted|published|permission|series|episode|novel|film|storyline|character|soap|drama|watched|watching|rewatch|rewatching|netflix|season|boxset|osce|osces|fictional|scenario|great talk|a talk|webinar|speaker|presentation)(?-u:\b)")
        .expect("valid regex")
});

/// A public-story word said not to have happened yet: "not published yet", "before the
/// news gets it", "hasn't made the papers".
fn not_yet(d: &Draft<'_>, start: usize) -> bool {
    d.preceded_by(
        start,
        16,
        &[
            "not ",
            "not yet ",
            "before it's ",
            "before the ",
            "hasn't made the ",
            "un",
        ],
    )
}

fn is_staff(d: &Draft<'_>, s: usize) -> bool {
    const PRAISE: &[&str] = &[
        "well done",
        "congrats",
        "congratulations",
        "thank you",
        "thanks",
        "shout out",
        "shoutout",
        "big thanks",
        "huge thanks",
        "welcome",
        "farewell",
        "retirement",
        "leaving do",
        "happy birthday",
        "proud of",
        "legend",
        "superstar",
        "hero",
        "star",
    ];
    d.hits_in(s.saturating_sub(14), s)
        .any(|h| h.lex == Lex::StaffTitle && h.end <= s && s - h.end <= 2)
        // Any praise word near, not only the first staff word ("30 years of service for
        // Bernadette ... nurse, mentor, absolute star").
        || d.hits_in(s.saturating_sub(160), s + 160)
            .any(|h| h.lex == Lex::StaffTitle && PRAISE.contains(&&d.lower()[h.start..h.end]))
}

/// A volunteer's or a colleague's years told beside their age ("Marjorie, 85, who has run our
/// hospital shop for 30 years", "Arthur, 92, our longest-serving volunteer").
fn serving(d: &Draft<'_>, s: usize) -> bool {
    let (ss, se) = d.sentence(s);
    crate::any_of!(
        &d.lower()[ss..se],
        [
            "volunteer",
            "retire",
            "longest-serving",
            "years of service",
            "colleague",
            "birthday",
            "staff"
        ]
    )
}

/// A role straight before a title ("clinical lead Ms Whitfield"), or a workplace straight after
/// the name ("Mr Sheikh at @BrightSmileClinics", "Mr Hale at Riverside Dental").
fn is_professional(d: &Draft<'_>, title_start: usize, end: usize) -> bool {
    let role_before = d
        .hits_in(title_start.saturating_sub(32), title_start)
        .any(|h| {
            matches!(h.lex, Lex::PersonRole | Lex::StaffTitle)
                && h.end <= title_start
                && d.cased()[h.end..title_start]
                    .trim_matches([' ', '"', '\'', '\u{201d}'])
                    .is_empty()
        });
    let after = d.cased().get(end..).unwrap_or("");
    // A care home or hospice is where a resident lives, not where a professional works.
    let workplace = after.strip_prefix(" at ").is_some_and(|rest| {
        let place = rest
            .get(..rest.len().min(48))
            .unwrap_or(rest)
            .to_ascii_lowercase();
        rest.starts_with(|c: char| c == '@' || c.is_ascii_uppercase())
            && !["nursing home", "care home", "hospice", "residential home"]
                .iter()
                .any(|h| place.contains(h))
    });
    role_before || workplace
}

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:frequent fl[iy]er|regular|bed blocker|timewaster)s? ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)").expect("valid regex")
});

/// A full or titled name as the object of care: "Discharged Janine Whitworth today", "took Mr
/// Anand Mistry home", "cannulated Ellis Ward-Baker", or a name then "my patient": "Priyanka
/// Desai, my SLT patient".
static CARED_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?-u:\b)(?i:discharged|admitted|readmitted|reviewed|triaged|conveyed|cannulated|catheterised|resuscitated|intubated|anaesthetised|clerked|clerked in|nursed|scanned|x-rayed|swabbed|vaccinated|jabbed|bled|took|brought|wheeled|portered|transferred|looked after|delivered|counselled|dispensed for) (?:(?:Mr|Mrs|Ms|Miss|Mx)\.? )?((?:Mc|Mac|O')?[A-Z][a-z'-]+ (?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?)(?: home| in| up| back| to| today| this| yesterday| last| after| for| from|\.|,|!)|((?:Mc|Mac|O')?[A-Z][a-z'-]+(?: (?:Mc|Mac|O')?[A-Z][a-z'-]+)?), (?:my|our|one of my|one of our) (?:[A-Za-z-]+ ){0,2}(?:patient|pt|service user|resident|client|participant)s?(?-u:\b))").expect("valid regex")
});

/// A family named by surname with where they live, or with their complaint or inquest: "the
/// Brennan kids on Hawthorn Close", "the Grimshaw family in Accrington", "the Magee twins out of
/// Strabane", "the Lamb family's complaint".
static FAMILY_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[Tt]he ((?:Mc|Mac|O')?[A-Z][a-z'-]+) (?:family|kids|children|twins|triplets|quads|boys|girls|brothers|sisters|household)(?: (?:on|in|at|from|out of) [A-Z][a-z'-]+|(?:'s|\x{2019}s) (?:complaint|inquest|claim|concerns|solicitor|ombudsman|case))").expect("valid regex")
});

/// A member of staff said to come from somewhere: "the new band 5 from ", "locum pharmacist from ".
static STAFF_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:band \d|nurses?|pharmacists?|locums?|doctors?|hcas?|staff|colleagues?|regs?|registrars?|consultants?|porters?|cleaners?|techs?|technicians?|midwi(?:fe|ves)|physios?|carers?|agency) from $").expect("valid regex")
});

/// A full name with the town or street they come from: "Terry Kettle from Hindley", "Gary
/// Whitlock of Ashworth Drive", "Aisha Begum from Rochdale".
static NAME_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:Mc|Mac|O')?[A-Z][a-z'-]+ (?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?),? (?:from|of) ([A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?)").expect("valid regex")
});

/// A full name: two capitalised words ("Liam Doyle", "Rhys Maddox-Whitley").
static FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mc|Mac|O')?[A-Z][a-z'-]+ (?:Mc|Mac|O')?[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?(?-u:\b)")
        .expect("valid regex")
});

/// A full name's record or family: "updating Kieran Walsh's hospital passport", "had to tell Joan
/// Tiplady's daughters". Group 2 is the record, group 3 the family.
static FULL_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:Mc|Mac|O')?[A-Z][a-z'-]+ (?:Mc|Mac|O')?[A-Z][a-z-]+)(?:'s|\x{2019}s|'|\x{2019}) (?:(hospital passport|care plan|notes|records?|drug chart|obs chart|prescription|bloods|blood results|results|scan|biopsy|catheter|cannula|dressing|wound|referral|discharge|admission|medication|meds|infusion|transfusion|heparin infusion|insulin infusion|operation|op|surgery|procedure|perforation|diagnosis|treatment|chemo|dialysis|fall|x-ray|mri|ct|ecg)|(daughters?|sons?|wife|husband|family|funeral|next of kin|carer|mum|dad|partner))(?-u:\b)")
        .expect("valid regex")
});

/// A first name alone with something only a patient has, or on a treatment: "Bob's insulin at 8,
/// Marjorie's catheter at 9", "Kayden's on the syringe driver", "Fred's heel at the caravan park".
/// Group 1 is the name.
static FIRST_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)((?:Mc|Mac|O')?[A-Z][a-z]{2,})(?:'s|\x{2019}s) (?:(?:on|back on|still on|off|been off|been on) (?:the |a |his |her |high-flow |high flow )?(?:ventilator|vent|ecmo|syringe driver|oxygen|o2|cpap|bipap|niv|end of life care|eol|tpn|ng feeds?|peg feeds?|dialysis|a drip|drip|fluids|antibiotics|iv abx|ivs|morphine|insulin sliding scale|sliding scale|warfarin|chemo)|(?:insulin|catheter|catheter bag|dressings?|heel|heels|leg ulcers?|ulcers?|pressure sores?|stoma|stoma bag|peg|ng tube|trachy|picc|picc line|cannula|syringe driver|wound|wound vac|compression bandages?|nebs|nebuliser|eye drops|dosette|blister pack|enema|suppositor(?:y|ies)|depot|methadone|obs|sats|bloods|chemo|infusion|transfusion|drain|feed|feeds|pain relief|morphine|oramorph|warfarin|inr|clexane|injection|jab|jabs|meds|medication))(?-u:\b)").expect("valid regex")
});

/// An age straight before a full name: "this time 88yo Doris Lumb", "a 72-year-old Brian Hughes".
static AGE_THEN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,3} ?(?:yo|y/o|yr old|year old|-year-old|years old),? ((?:Mc|Mac|O')?[A-Z][a-z'-]+ (?:Mc|Mac|O')?[A-Z][a-z'-]+)(?-u:\b)").expect("valid regex")
});

/// Names of diseases and signs after a person, not patients: "Parkinson's meds on time".
const EPONYMS: &[&str] = &[
    "Addison",
    "Alzheimer",
    "Asperger",
    "Barrett",
    "Bell",
    "Crohn",
    "Cushing",
    "Down",
    "Graves",
    "Guillain",
    "Hartmann",
    "Hashimoto",
    "Hodgkin",
    "Huntington",
    "Kaposi",
    "Meniere",
    "Paget",
    "Parkinson",
    "Raynaud",
    "Reynaud",
    "Sjogren",
    "Tourette",
    "Whipple",
    "Wilson",
    "Conn",
    "Burkitt",
    "Ewing",
    "Wilm",
    "Wilms",
    "Perthes",
    "Osgood",
    "Charcot",
    "Bowen",
    "Still",
    "Behcet",
    "Kawasaki",
    "Bartholin",
    "Hirschsprung",
    "Lyme",
    "Dupuytren",
    "Colles",
    "Baker",
    "Gilbert",
    "Peyronie",
    "Sjögren",
    "Ménière",
    "Addenbrooke",
    "Guy",
    "Thomas",
    "Boots",
    "Sainsbury",
    "Tesco",
    "Morrison",
    "Lloyd",
    "Mum",
    "Dad",
    "Nan",
    "Gran",
    "Grandad",
];

/// Whether a capitalised word names a disease after a person ("Parkinson's", "Crohn's").
pub(crate) fn is_eponym(w: &str) -> bool {
    EPONYMS.contains(&w)
}

/// A career after a name: "Bernadette Quinn after 22 years in oncology pharmacy", "Raj Patel
/// after 28 years as a consultant here". Years "on" something count only as "on the wards",
/// "on the road": "after six years on dialysis" is a patient's.
static CAREER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,? after (?:\d{1,2}|[a-z]+(?:-[a-z]+)?) (?:years|yrs|decades)(?:$|[^a-z ]| (?:in|at|with|as|of|here|running|flying|on the|[\x{2014}\x{2013}-])(?:$|[^a-z]))")
        .expect("valid regex")
});

/// How far from a demeaning label for a patient a full name is taken to be the one labelled.
const LABEL_REACH: usize = 160;

/// A titled name with their family or their death: "Mr Terence Bould's family were told",
/// "Mr Doherty's face when I told him", "Mr Adeyemi's son's mobile", "the inquest into Mr
/// Jepson's death".
static FAMILY_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Mx)\.? ((?:Mc|Mac|O')?[A-Z][a-z'-]+(?: (?:Mc|Mac|O')?[A-Z][a-z'-]+)?)(?:'s|’s) (?:family|son|daughter|wife|husband|partner|death|funeral|face|relatives|mum|dad|mother|father|next of kin|grandson|granddaughter|carer)(?-u:\b)").expect("valid regex")
});

static LOWER_TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)((?:mr|mrs|ms|miss)\.?\s+[a-z][a-z'-]+)\s*,?\s+(?:in|on|from) (?:bed|bay|side room)(?-u:\b)",
    )
    .expect("valid regex")
});

/// A full name, or a title and surname, straight before care detail: "X-rayed Gloria Mbeki's
/// wrist", "Marjorie Kettering has pressed her buzzer", "got Kieran Walsh up on crutches".
fn check_care_detail(d: &Draft<'_>, out: &mut Vec<(usize, usize)>) {
    if !(d.has(Lex::CareDetail) || d.has(Lex::ClinicalCondition) || d.has(Lex::Medicine)) {
        return;
    }
    // Asked only once a name next to care is found (most drafts have none).
    let story = std::cell::OnceCell::new();
    let public_story = || {
        *story.get_or_init(|| {
            PUBLIC_STORY
                .find_iter(d.lower())
                .any(|m| !not_yet(d, m.start()))
                || (d.has(Lex::Accusation) && !d.lower().contains("patient"))
        })
    };
    let cased = d.cased();
    // Only the stretches just before a word of care can hold a name next to it: the name ends
    // at most 48 bytes before the care word (checked below), and is at most 64 bytes long.
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for h in d.hits.iter().filter(|h| {
        matches!(
            h.lex,
            Lex::CareDetail | Lex::ClinicalCondition | Lex::Medicine
        )
    }) {
        let mut ws = d.sentence(h.start).0.max(h.start.saturating_sub(112));
        while !cased.is_char_boundary(ws) {
            ws -= 1;
        }
        match windows.last_mut() {
            Some(last) if ws <= last.1 => last.1 = last.1.max(h.start),
            _ => windows.push((ws, h.start)),
        }
    }
    let runs = windows.iter().flat_map(|&(ws, we)| {
        let mut at = ws;
        std::iter::from_fn(move || {
            let run = cap_run(cased, at).filter(|r| r.start() < we)?;
            at = run.end().max(at + 1);
            Some(run)
        })
    });
    for run in runs {
        // One capitalised word is never a full name.
        if !run.as_str().contains(' ') {
            continue;
        }
        // Leading words that are not names: "Got", "Caught", "X-rayed".
        let mut words: Vec<(usize, usize)> = Vec::new();
        for w in run.as_str().split(' ') {
            let start = run.start() + (w.as_ptr() as usize - run.as_str().as_ptr() as usize);
            words.push((start, start + w.len()));
        }
        let not_a_name = |w: &str| {
            !HONORIFICS.contains(&w)
                && (crate::draft::is_common_word(w)
                    || w.contains('-')
                    || w.ends_with("ing")
                    || w.ends_with("ed"))
        };
        // Only at the start of a sentence: mid-sentence, a capitalised common word is part of
        // a longer proper name ("the Great Manchester Run").
        let opens = cased[d.sentence(run.start()).0..run.start()]
            .trim_end_matches([' ', '\'', '"', '(', ':'])
            .is_empty();
        let lead = words
            .iter()
            .take_while(|&&(a, b)| opens && not_a_name(&cased[a..b]))
            .count();
        words.drain(..lead);
        let titled = words
            .first()
            .is_some_and(|&(a, b)| HONORIFICS.contains(&&cased[a..b]));
        // A verb opening the sentence: "Got Kieran Walsh up", "Caught Jasmine Achterberg's".
        if words.len() == 3
            && !titled
            && cased[d.sentence(words[0].0).0..words[0].0]
                .trim()
                .is_empty()
        {
            words.remove(0);
        }
        let word = |i: usize| &cased[words[i].0..words[i].1];
        let bare = |w: &str| {
            w.trim_end_matches("'s")
                .trim_end_matches('\u{2019}')
                .to_string()
        };
        let n = words.len();
        if !(n == 2 || (titled && n == 3)) {
            continue;
        }
        let names: Vec<String> = (usize::from(titled)..n).map(|i| bare(word(i))).collect();
        // "Staying Alive": a forename is not a verb in -ing.
        if names.first().is_some_and(|w| w.ends_with("ing")) {
            continue;
        }
        if names.iter().any(|w| {
            w.len() < 2
                || crate::draft::is_common_word(w)
                || NOT_A_PERSON.contains(&w.as_str())
                || w.chars().skip(1).all(|c| c.is_ascii_uppercase())
                || is_brand(w)
        }) {
            continue;
        }
        let (s, e) = (words[0].0, words[n - 1].1);
        // "5k round Glasgow Green", "an afternoon at Middlesex Uni": a place, not a person.
        if cased[d.sentence(s).0..s]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| {
                ["round", "around", "at", "near", "through", "across", "via"].contains(&w)
            })
        {
            continue;
        }
        // "bought a single Ferrero Rocher": a thing, not a person.
        if cased[d.sentence(s).0..s]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| ["a", "an", "the", "single", "some"].contains(&w))
        {
            continue;
        }
        // "Grey's Anatomy": a possessive inside is a title, not a name; "Friends and Family
        // Test": the end of a longer proper name.
        let mut before = cased[d.sentence(s).0..s].split_whitespace().rev();
        let joined = before
            .next()
            .is_some_and(|w| ["and", "of", "&"].contains(&w))
            && before
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
        let inner_possessive =
            n - usize::from(titled) >= 2 && word(usize::from(titled)).ends_with("'s");
        if joined || inner_possessive {
            continue;
        }
        // "Mr Coombes (ortho) requests MRI knees on all his private patients": a clinician.
        if titled && has_patients(d, s, e) {
            continue;
        }
        if is_staff(d, s)
            || d.hits_in(s.saturating_sub(24), s)
                .any(|h| h.lex == Lex::PersonRole && s - h.end.min(s) <= 2)
            || d.is_organisation(s, e)
        {
            continue;
        }
        let after = d.lower_after(e, 48);
        if CAREER_AFTER.is_match(after) {
            continue;
        }
        // "Leicester Tigers players visited": a team, not a person.
        if [" players", " fans", " squad", " fc ", " rfc"]
            .iter()
            .any(|w| after.starts_with(w))
        {
            continue;
        }
        if crate::any_of!(
            after,
            [
                ", our ",
                ", the ",
                ", a ",
                " who is a",
                " is a ",
                " is our ",
                ", who is"
            ]
        ) && after.find(',').is_some_and(|i| i < 3)
        {
            continue;
        }
        let sentence_end = d.sentence(s).1;
        let limit = (e + 48).min(sentence_end.max(e));
        let care = d.hits_in(e, limit).any(|h| {
            h.start >= e
                && matches!(
                    h.lex,
                    Lex::CareDetail | Lex::ClinicalCondition | Lex::Medicine
                )
        });
        if care && !public_story() {
            // The name without a possessive ending.
            let end = if cased[..e].ends_with("'s") { e - 2 } else { e };
            out.push((s, end));
        }
    }
}

/// Departments a colleague is "from": "Mr Ahmed from estates".
const DEPARTMENTS: &[&str] = &[
    "estates",
    "facilities",
    "it ",
    "it,",
    "it.",
    "i.t.",
    "finance",
    "hr ",
    "hr,",
    "catering",
    "procurement",
    "pharmacy",
    "portering",
    "porters",
    "security",
    "housekeeping",
    "medical records",
    "health records",
    "switchboard",
    "payroll",
    "occupational health",
    "comms",
    "communications",
    "the comms",
    "audit",
    "governance",
    "education",
    "medical physics",
    "medical engineering",
    "ebme",
];

/// Specialties a consultant is "in": "Mr Oyelaran in orthopaedics".
const SPECIALTIES: &[&str] = &[
    " in orthopaedics",
    " in ortho",
    " in urology",
    " in cardiology",
    " in surgery",
    " in general surgery",
    " in vascular",
    " in ent",
    " in gynae",
    " in obs and gynae",
    " in anaesthetics",
    " in radiology",
    " in plastics",
    " in neurosurgery",
    " in ophthalmology",
    " in theatres",
];

/// A titled name that opens its sentence as the one accused ("Mr Oyelaran lied to the patient
/// about...", "Mr Hale in urology has been pocketing...") or that works in a specialty: a
/// clinician, not a patient.
fn accused_clinician(d: &Draft<'_>, title_start: usize, end: usize) -> bool {
    let (ss, se) = d.sentence(title_start);
    // The subject of its sentence or clause: "Mr Pike and Mr Asante have been fiddling ...",
    // "Minutes from the meeting: Mr Pike ...".
    let before = d.cased()[ss..title_start].trim_end();
    let opens = before.trim().is_empty()
        || before.ends_with(':')
        || (before.ends_with(" and")
            && ["Mr ", "Mrs ", "Ms ", "Miss ", "Dr "]
                .iter()
                .any(|t| before.contains(t)));
    let accused = opens
        && d.hits_in(end, se)
            .any(|h| h.lex == Lex::Accusation && h.start >= end);
    accused
        || SPECIALTIES
            .iter()
            .any(|w| d.lower_after(end, 24).starts_with(w))
}

/// Verbs a titled name does to others when they work here, not when they are cared for: "Mr
/// Kendrick bills his private patients", "Mr Hollis admitted the figures were fudged", "Mr Rao
/// is a butcher".
const AT_WORK_VERBS: &[&str] = &[
    " bills ",
    " books nhs ",
    " books theatre ",
    " operates ",
    " operated ",
    " has operated ",
    " charges ",
    " botches ",
    " botched ",
    " signs off ",
    " signed off ",
    " lost our ",
    " cut the same ",
    " cuts corners",
    " is a butcher",
];

/// Roles in brackets after a titled name: "Mr Coombes (ortho)", "Ms Harcourt (breast surgeon".
const BRACKETED_ROLES: &[&str] = &[
    " (ortho)",
    " (ortho,",
    " (surgeon",
    " (consultant",
    " (breast surgeon",
    " (gen surg)",
    " (general surgeon",
    " (urology)",
    " (urologist",
    " (vascular)",
    " (vascular surgeon",
    " (plastics)",
    " (plastic surgeon",
    " (ent)",
    " (ent surgeon",
    " (gynae)",
    " (gynaecologist",
    " (anaesthetist",
    " (cardiologist",
    " (neurosurgeon",
];

/// A retired clinician named in a sentence with no care in it: "Mr Emrys Llewellyn, retired
/// consultant plastic surgeon, has died". With care beside them ("... is back with us on Ward 7
/// and refusing his warfarin") they are a patient like any other.
fn retired_colleague(d: &Draft<'_>, title_start: usize, end: usize) -> bool {
    let (ss, se) = d.sentence(title_start);
    crate::any_of!(
        d.lower_after(end, 24),
        [
            ", retired consultant",
            ", former consultant",
            ", retired surgeon",
            ", retired gp"
        ]
    ) && !d
        .hits_in(ss, se)
        .any(|h| matches!(h.lex, Lex::Medicine | Lex::HospitalPlace | Lex::CareDetail))
}

/// A practice of one's own straight after a possessive name: "Mr Wieczorek's private clinic".
static PRIVATE_PRACTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:'s|\x{2019}s)? private (?:clinic|practice|list|patients|work)(?-u:\b)")
        .expect("valid regex")
});

/// Whether the titled name at `title_start..end` is someone with patients of their own, a list or
/// a private practice: a clinician, not a patient ("Mr Julian Whitlock ... slips his Oakfield
/// private patients into it", "Mr Wieczorek's private clinic", "Mr Faulkner's private knee").
fn has_patients(d: &Draft<'_>, title_start: usize, end: usize) -> bool {
    // The name may carry its possessive: "Mr Wieczorek's private clinic".
    let end = if d.lower()[..end].ends_with("'s") || d.lower()[..end].ends_with("\u{2019}s") {
        end - if d.lower()[..end].ends_with("'s") {
            2
        } else {
            4
        }
    } else {
        end
    };
    let after = d.lower_after(end, 24);
    let (_, se) = d.sentence(title_start);
    let rest = d.lower().get(end..se.max(end)).unwrap_or("");
    AT_WORK_VERBS.iter().any(|v| after.starts_with(v))
        || BRACKETED_ROLES.iter().any(|r| after.starts_with(r))
        || PRIVATE_PRACTICE.is_match(after)
        || crate::any_of!(
            rest,
            [
                "his private patients",
                "her private patients",
                "his private practice",
                "her private practice",
                "his private clinic",
                "her private clinic",
                "his private list",
                "her private list",
                "his own patients",
                "her own patients",
                "his registrar",
                "her registrar",
                "his theatre list",
                "her theatre list"
            ]
        )
}

/// A capital inside a word ("HomeMeds", "PillPost"): a brand, not a person's name, unless it
/// follows a surname prefix ("McDonald", "MacLeod", "DeShawn", "O'Brien").
fn is_brand(w: &str) -> bool {
    let rest = [
        "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'",
    ]
    .iter()
    .find_map(|p| w.strip_prefix(p))
    .unwrap_or_else(|| w.get(1..).unwrap_or(""));
    let b = rest.as_bytes();
    b.windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
}

/// Whether the full name at `s..e` can be a private person's: every word a name (not a common
/// word, a place or title word, or a brand), not an organisation, a colleague or a professional,
/// and not in a public figure's story.
fn a_private_full_name(d: &Draft<'_>, s: usize, e: usize) -> bool {
    !d.cased()[s..e]
        .split_whitespace()
        .any(|w| crate::draft::is_common_word(w) || NOT_A_PERSON.contains(&w) || is_brand(w))
        && !d.is_organisation(s, e)
        && !is_staff(d, s)
        && !is_professional(d, s, e)
        && !PUBLIC_STORY.is_match(d.lower())
}

const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Mx", "Mr.", "Mrs.", "Ms."];

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let cased = d.cased();
    if !cased.bytes().any(|b| b.is_ascii_uppercase()) || super::SIMULATED.is_match(d.lower()) {
        return;
    }
    let mut push = |s: usize, e: usize, msg: &str| {
        // The name without a possessive ending: "Mrs Goldberg's daughter".
        let e = if cased[s..e].ends_with("'s") {
            e - 2
        } else {
            e
        };
        let name = d.original_text(s, e);
        let mut f = rule.finding(d, s, e, msg.replace("{}", name));
        f.replacement = Some("[patient name]");
        out.push(f);
    };
    let introduced = d.has(Lex::NameIntroducer);
    let titled =
        d.has(Lex::Honorific) && (!d.has(Lex::Accusation) || crate::lower_has_any!(d, ["patient"]));
    let placed = d.has_digit() || crate::lower_has_any!(d, ["ward", "age"]);
    for c in (introduced)
        .then(|| INTRODUCED.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            // "a patient I'd grown fond of": the author, not a name.
            let pronoun = m.as_str().starts_with("I'") || m.as_str().starts_with("I\u{2019}");
            let first = m.as_str().split(' ').next().unwrap_or("");
            // "the Young Patients Family Fund": a capitalised "Patients" inside is a proper name.
            let intro = c.get(0).map_or("", |w| &cased[w.start()..m.start()]);
            let proper = intro.get(1..).is_some_and(|i| i.contains("Patient"));
            // "The new consultant has brought a therapy dog. His name is Biscuit", "I have a
            // favourite boiler. Her name is Brenda": a pet's or a thing's name.
            let pet = ["her name", "his name"]
                .iter()
                .any(|w| intro.get(..w.len()).is_some_and(|i| i.eq_ignore_ascii_case(w)))
                // One first name, and no bed, bay or ward beside it ("her name is Edna Platt",
                // "the lady on the trolley in bay 3, her name is Edna" name a patient).
                && !m.as_str().contains(' ')
                && !crate::any_of!(
                    {
                        let (ss, se) = d.sentence(m.start());
                        &d.lower()[ss..se.max(ss)]
                    },
                    ["bed ", "bay ", "ward", "cubicle", "side room", "patient"]
                )
                && {
                    let mut from = m.start().saturating_sub(100);
                    while !d.lower().is_char_boundary(from) {
                        from += 1;
                    }
                    let b = &d.lower()[from..m.start()];
                    // The pet or the thing is the last one spoken of ("the lady with the
                    // guide dog, her name is Mavis" names the lady).
                    PET.find_iter(b)
                        .chain(NAMED_THING.find_iter(b))
                        .map(|p| p.end())
                        .max()
                        .is_some_and(|end| !PERSON_WORD.is_match(&b[end..]))
                };
            if !pronoun
                && !proper
                && !pet
                && !crate::draft::is_common_word(m.as_str())
                && !NOT_A_PERSON.contains(&first)
            {
                push(m.start(), m.end(), "\"{}\" is named as a patient.");
            }
        }
    }
    let little = crate::lower_has_any!(d, ["baby ", "little ", "wee "])
        && !crate::lower_has_any!(
            d,
            [
                "welcome to the world",
                "in memory of",
                "congratulations",
                "congrats",
                "maternity leave",
                // The author's own family: "Sister-in-law had her baby last night, wee Rory".
                "auntie",
                "uncle ",
                "niece",
                "nephew",
                "grandson",
                "granddaughter",
                "in-law",
                "godson",
                "goddaughter",
                "my sister",
                "my brother"
            ]
        );
    for c in (little)
        .then(|| LITTLE_ONE.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            let name = m.as_str();
            // "Irn Bru", "Etsy shop": a name runs on into a brand's second word.
            let next_capital = cased
                .get(m.end() + 1..)
                .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_uppercase()));
            if !crate::draft::is_common_word(name)
                && !is_eponym(name)
                && !NOT_A_CHILD.contains(&name)
                && !NOT_A_PERSON.contains(&name)
                && !next_capital
                && !PUBLIC_STORY.is_match(d.lower())
                && super::patient_context(d, m.start(), m.end())
            {
                push(m.start(), m.end(), "\"{}\" is a child named in their care.");
            }
        }
    }
    for m in (d.has_digit() && titled)
        .then(|| INITIAL_PLACED.find_iter(cased))
        .into_iter()
        .flatten()
    {
        // A quoted example in a lesson: "Mr X in bed 12" on a billboard.
        if !d.cased()[..m.start()].ends_with(['"', '\'', '\u{201c}', '\u{2018}']) {
            push(
                m.start(),
                m.end(),
                "\"{}\" is a patient named by initial and bed.",
            );
        }
    }
    for c in (d.has_digit() && age_after_initial(cased.as_bytes()))
        .then(|| INITIAL_AGED.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        let (Some(m), Some(first)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let first = first.as_str();
        // A given name ("Plan B, 10" is not) or a name beside a condition, and not a colleague
        // welcomed or congratulated ("Welcome to Priya S, 24, our newest pre-reg").
        let given = crate::classifier::is_given(&first.to_ascii_lowercase())
            || d.near(Lex::ClinicalCondition, m.start(), m.end(), 80)
                .is_some();
        if given
            && !crate::draft::is_common_word(first)
            && !NOT_A_PERSON.contains(&first)
            && d.near_any(Lex::Celebration, m.start(), m.end(), 80)
                .is_none()
            && d.near_any(Lex::StaffTitle, m.start(), m.end(), 80)
                .is_none()
            && !PUBLIC_STORY.is_match(d.lower())
        {
            // "Kirsty B, 27" with its age; "Kacper W" before a bracket.
            let end = m.start()
                + m.as_str().find(" (").map_or_else(
                    || m.as_str().trim_end_matches([',', ' ']).len(),
                    |i| i - usize::from(m.as_str()[..i].ends_with(',')),
                );
            push(
                m.start(),
                end,
                "\"{}\" is a patient named by first name, initial and age.",
            );
        }
    }
    for c in (placed)
        .then(|| NAME_THEN_PLACE.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(whole) = c.get(1) {
            // "Our Zain (7, neuroblastoma)", "Wee Ruby (3)": a common word before the name is
            // not part of it.
            let (ns, ne) = match whole.as_str().split_once(' ') {
                // Left alone, one word must have its age or bed in brackets: "Christmas Eve on
                // the children's ward" is a day.
                Some((first, rest))
                    if crate::draft::is_common_word(first)
                        && rest.starts_with(|c: char| c.is_ascii_uppercase())
                        && (rest.contains(' ')
                            || c.get(0).is_some_and(|w| w.as_str().contains('('))) =>
                {
                    (whole.start() + first.len() + 1, whole.end())
                }
                _ => (whole.start(), whole.end()),
            };
            let name = &cased[ns..ne];
            let lone_at_start = !name.contains(' ')
                && d.cased()[d.sentence(ns).0..ns].trim().is_empty()
                && c.get(0)
                    .is_some_and(|w| w.as_str().to_ascii_lowercase().contains("ward"));
            // A bed in brackets after the name ("Mrs K (bed 3)") makes a patient even in a thank
            // you: staff have no beds.
            // "Kai (6, bed 9)": an age then a bed in the same brackets.
            let bracket = d.lower_after(ne, 16);
            let bedded = OLD_AGE.is_match(d.lower_after(ne, 48))
                || (bracket.starts_with(" (")
                    && crate::any_of!(bracket, [", bed ", ", bay ", ", cot ", ", room "]))
                || c.get(0).is_some_and(|w| {
                    let w = w.as_str();
                    w.contains("(bed")
                        || w.contains(" in bed ")
                        || w.contains(" in bay ")
                        || w.contains(" bed ")
                        || w.contains(" bay ")
                        || w.contains("(bay")
                        || w.contains("(chair")
                        || w.contains("(side room")
                        || w.contains("(room")
                        || w.contains(", bed ")
                        || w.contains(", bay ")
                        || w.contains(", room ")
                        || w.contains(" in room ")
                        || w.contains(" in cubicle ")
                        || w.contains(" in cot ")
                        || w.contains(" from cot ")
                });
            // "on the ward round" is where the staff are.
            let ward_round = c.get(0).is_some_and(|w| {
                w.as_str().ends_with("ard") && d.lower_after(w.end(), 7).starts_with(" round")
            });
            // "Nurses 32, Doctors 29": a score, not an age (an age has its comma: "Doris, 84,").
            let tally = c.get(0).is_some_and(|w| {
                w.as_str().ends_with(',')
                    && cased[ne..w.end()].starts_with(' ')
                    && cased[ne..w.end()]
                        .trim_start()
                        .starts_with(|ch: char| ch.is_ascii_digit())
                    && !w.as_str().contains(" bed ")
                    && !w.as_str().contains(" bay ")
                    && !w.as_str().contains(" room ")
            });
            // An age that ends a sentence or has one digit counts only after a comma, and one
            // digit only after a full name: "Jamal Pierce, 22.", "Callum Whitfield, 8, had", not
            // "Covid 19." or "Step 2,".
            let loose = c.get(0).is_some_and(|w| {
                let rest = &cased[ne..w.end()];
                let digits = rest.bytes().filter(u8::is_ascii_digit).count();
                let age_only = rest
                    .trim_start_matches(',')
                    .trim_start()
                    .trim_end_matches([',', '.'])
                    .bytes()
                    .all(|b| b.is_ascii_digit());
                let bed_after = crate::any_of!(
                    d.lower_after(w.end(), 14).trim_start(),
                    ["bed", "bay", "room", "cot", "cubicle"]
                );
                age_only
                    && !bed_after
                    && (rest.ends_with('.') || digits == 1)
                    && !(rest.starts_with(',') && (digits > 1 || name.contains(' ')))
            });
            if loose {
                continue;
            }
            // "the new band 5 from India on Ward 7": where a colleague comes from, not a name.
            if STAFF_FROM.is_match(d.lower_before(ns, 32)) {
                continue;
            }
            // Every word a name ("Doughnut Friday on the postnatal ward" is a day's treat).
            if !name
                .split_whitespace()
                .any(|w| crate::draft::is_common_word(w) || NOT_A_PERSON.contains(&w))
                && !lone_at_start
                // "Baby in resus": any baby ("Baby Isla in cot 4" is named).
                && name != "Baby"
                && !ward_round
                && !tally
                && (bedded || !is_staff(d, ns))
                && (bedded
                    || c.get(0).is_some_and(|w| {
                        let w = w.as_str();
                        // An age or a year of birth told as an aside ("Noel, 54, well known to
                        // the team", "Janet Booth, born 1958"): a person described, as patients are.
                        w.contains('(')
                            || w.contains("age")
                            || w.contains("born")
                            || (w.ends_with(',') && !tally && !serving(d, ns))
                    })
                    || super::patient_context(d, ns, ne))
            {
                push(ns, ne, "\"{}\" is named with a bed, room or age.");
            }
        }
    }
    // A full name from a town, in a post about care (not a speaker, a colleague or the news).
    let care = d.has(Lex::PatientContext)
        || d.has(Lex::DisparagingPatient)
        || d.has(Lex::ClinicalCondition)
        || d.has(Lex::HospitalPlace);
    let from = care && crate::lower_has_any!(d, [" from ", " of "]);
    for c in (from)
        .then(|| NAME_FROM.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let (Some(m), Some(place)) = (c.get(1), c.get(2)) {
            let words_ok = !m
                .as_str()
                .split_whitespace()
                .chain(place.as_str().split_whitespace())
                .any(|w| crate::draft::is_common_word(w) || NOT_A_PERSON.contains(&w));
            // "Sarah Jones of Leeds Teaching Hospitals gave a talk": a workplace, a speaker.
            let org_after = crate::any_of!(
                d.lower_after(place.start(), place.end() - place.start() + 24),
                [
                    "hospital",
                    "trust",
                    "nhs",
                    "university",
                    "council",
                    "pharmacy",
                    "practice",
                    "surgery",
                    "teaching",
                    "general",
                    "infirmary",
                    "clinic",
                    "health",
                    "group",
                    "ltd",
                    "college",
                    "school",
                    "hospice",
                    "ambulance"
                ]
            ) || crate::lower_has_any!(
                d,
                [
                    "talk",
                    "webinar",
                    "session",
                    "lecture",
                    "conference",
                    "presented",
                    "speaker"
                ]
            );
            if words_ok
                && !org_after
                && !d.is_organisation(m.start(), m.end())
                && !d.is_organisation(place.start(), place.end())
                && !is_staff(d, m.start())
                && !is_professional(d, m.start(), m.end())
                && !PUBLIC_STORY.is_match(d.lower())
            {
                push(m.start(), m.end(), "\"{}\" is named with where they live.");
            }
        }
    }
    let families = d.has_upper
        && crate::lower_has_any!(
            d,
            [
                " family ",
                " family's ",
                " family\u{2019}s ",
                " kids ",
                " children ",
                " twins ",
                " triplets ",
                " quads ",
                " boys ",
                " girls ",
                " brothers ",
                " sisters ",
                " household "
            ]
        );
    for c in (families)
        .then(|| FAMILY_NAMED.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            if !crate::draft::is_common_word(m.as_str())
                && !NOT_A_PERSON.contains(&m.as_str())
                && !PUBLIC_STORY.is_match(d.lower())
            {
                push(
                    m.start(),
                    m.end(),
                    "\"{}\" names a family, with where they live.",
                );
            }
        }
    }
    for c in (d.has(Lex::Honorific))
        .then(|| FAMILY_OF.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            let title_start = c.get(0).map_or(m.start(), |t| t.start());
            if !crate::draft::is_common_word(m.as_str())
                && !is_professional(d, title_start, m.end())
                && !PUBLIC_STORY.is_match(d.lower())
            {
                push(
                    title_start,
                    m.end(),
                    "\"{}\" is named with their family or their death.",
                );
            }
        }
    }
    // Most drafts hold none of the verbs of care or "my patient": looked for first.
    let cared_for = d.has_upper && d.has(Lex::CareVerb);
    for c in (cared_for)
        .then(|| CARED_FOR.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1).or_else(|| c.get(2)) {
            if !m
                .as_str()
                .split_whitespace()
                .any(|w| crate::draft::is_common_word(w) || NOT_A_PERSON.contains(&w))
                && !d.is_organisation(m.start(), m.end())
                && !super::SIMULATED.is_match(d.lower())
            {
                push(
                    m.start(),
                    m.end(),
                    "\"{}\" is named as someone in your care.",
                );
            }
        }
    }
    for c in (d.has(Lex::DisparagingPatient))
        .then(|| LABELLED.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            if !crate::draft::is_common_word(m.as_str()) {
                push(
                    m.start(),
                    m.end(),
                    "\"{}\" is named with a label for a patient.",
                );
            }
        }
    }
    // A full name near a demeaning label for a patient: "Liam Doyle has absconded from cubicle 3
    // again ... Frequent flyer of the year goes to".
    for h in d.hits_of(Lex::DisparagingPatient) {
        let lo = d.sentence(h.start.saturating_sub(LABEL_REACH)).0;
        let hi = d
            .sentence((h.end + LABEL_REACH).min(cased.len().saturating_sub(1)))
            .1;
        let Some(window) = cased.get(lo..hi.max(lo)) else {
            continue;
        };
        for m in FULL_NAME.find_iter(window) {
            let (s, e) = (lo + m.start(), lo + m.end());
            // Part of a longer proper name: "the Thalassaemia International Federation".
            let longer = cased[e..].starts_with(' ')
                && cased[e + 1..].starts_with(|c: char| c.is_ascii_uppercase());
            if longer || !a_private_full_name(d, s, e) {
                continue;
            }
            push(s, e, "\"{}\" is named near a label for a patient.");
            break;
        }
    }
    let possessive = d.has_upper
        // The lowercased text holds whatever the cased one does: its pair filter rules out
        // most drafts first.
        && crate::lower_has_any!(d, ["'s ", "\u{2019}s ", "s' ", "s\u{2019} "])
        && (cased.contains("'s ")
            || cased.contains("\u{2019}s ")
            || cased.contains("s' ")
            || cased.contains("s\u{2019} "));
    for c in (possessive)
        .then(|| FULL_POSSESSIVE.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        let Some(m) = c.get(1) else { continue };
        let (s, e) = (m.start(), m.end());
        // A bare apostrophe makes a possessive only after an s: "Seren Williams' family".
        let bare = !cased[e..].starts_with("'s") && !cased[e..].starts_with("\u{2019}s");
        if bare && !m.as_str().ends_with('s') {
            continue;
        }
        let record = c.get(2).is_some();
        if !a_private_full_name(d, s, e) || !(record || super::patient_context(d, s, e)) {
            continue;
        }
        push(s, e, "\"{}\" is named with their record or their family.");
    }
    // A first name alone with a patient's kit or treatment, in a draft about care, and not a
    // colleague ("well done Jo") or a disease named after a person.
    let first_care = possessive
        && (d.has(Lex::CareDetail)
            || d.has(Lex::Medicine)
            || d.has(Lex::PatientContext)
            || d.has(Lex::ClinicalCondition));
    for c in (first_care)
        .then(|| FIRST_POSSESSIVE.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        let Some(m) = c.get(1) else { continue };
        let (s, e) = (m.start(), m.end());
        let name = m.as_str();
        if crate::draft::is_common_word(name)
            || NOT_A_PERSON.contains(&name)
            || EPONYMS.contains(&name)
            || is_brand(name)
            || d.is_organisation(s, e)
            || is_staff(d, s)
            || PUBLIC_STORY.is_match(d.lower())
        {
            continue;
        }
        push(s, e, "\"{}\" is named with their treatment.");
    }
    // The age's words, which the pattern needs: "yo" before a space or comma, "y/o" or "old".
    let aged =
        d.has_digit() && d.has_upper && crate::lower_has_any!(d, ["yo ", "yo,", "y/o", "old"]);
    for c in aged
        .then(|| AGE_THEN_NAME.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        let Some(m) = c.get(1) else { continue };
        if a_private_full_name(d, m.start(), m.end()) {
            push(m.start(), m.end(), "\"{}\" is named with their age.");
        }
    }
    for c in (titled)
        .then(|| LOWER_TITLED.captures_iter(d.lower()))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            push(
                m.start(),
                m.end(),
                "\"{}\" is named in a patient's context.",
            );
        }
    }
    for c in (titled)
        .then(|| TITLED.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            // The surname after an initial: "Mr R. Bhattacharya".
            let name = m.as_str();
            let surname = match name.as_bytes() {
                [_, b'.', ..] => name[2..].trim_start(),
                _ => name,
            };
            if crate::draft::is_common_word(surname) || NOT_A_PERSON.contains(&surname) {
                continue;
            }
            let title_start = c.get(0).map_or(m.start(), |t| t.start());
            // "spells it with two Ms. Thick as mince": letters counted, not a title.
            let counted = d
                .lower_before(title_start, 8)
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| ["two", "three", "double", "2", "3", "four"].contains(&w));
            // "Mrs Doyle on Day Surgery", "Mr Okafor in the discharge lounge": placed where
            // patients are, so a "legend" beside it is said of a patient, not a colleague.
            let placed_here = crate::any_of!(d.lower_after(m.end(), 5), [" on ", " in ", " from "])
                && d.hits_in(m.end(), m.end() + 28)
                    .any(|h| h.lex == Lex::HospitalPlace && h.start >= m.end());
            // "nifedipine MR. Fifteen years in": modified release after a drug, not a title.
            let release = cased[title_start..].starts_with("MR")
                && d.cased()[..title_start]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
            // "Mr Ahmed from estates fixed the door": a colleague from a department; "Mr Patel
            // (my dad, not a patient!)": the author's own family.
            let after = d.lower_after(m.end(), 28);
            let department = after
                .strip_prefix(" from ")
                .map(|r| r.strip_prefix("the ").unwrap_or(r))
                .is_some_and(|r| DEPARTMENTS.iter().any(|w| r.starts_with(w)));
            let own_family = after.starts_with(" (my ") || after.contains("not a patient");
            if counted
                || release
                || department
                || own_family
                || (is_staff(d, m.start()) && !placed_here)
                || is_professional(d, title_start, m.end())
                || accused_clinician(d, title_start, m.end())
                || has_patients(d, title_start, m.end())
                || retired_colleague(d, title_start, m.end())
                || SURGEON_AT_WORK.is_match(d.lower_after(m.end(), 48))
                || (crate::any_of!(
                    d.lower_after(m.end(), 24),
                    [
                        ", our ",
                        ", the ",
                        " our consultant",
                        ", consultant"
                    ]
                ) && !d.lower_after(m.end(), 24).starts_with(", the one ")
                    // "Mr Sutcliffe, our bed blocker in bay 4": the label is a patient's.
                    && !d
                        .hits_in(m.end(), m.end() + 28)
                        .any(|h| h.lex == Lex::DisparagingPatient))
            {
                continue;
            }
            // "Mr Nkemelu ... keeps collecting his lorazepam"; "Mrs Goldberg's daughter?
            // She's on Ward 9".
            // Context is looked for from the surname: "Mr R." may end a sentence for the splitter.
            let from = m.end() - surname.len();
            if super::patient_context(d, from, m.end())
                || d.near(Lex::Medicine, from, m.end(), 80).is_some()
                || d.near_any(Lex::HospitalPlace, title_start, m.end(), 40)
                    .is_some()
            {
                push(
                    title_start,
                    m.end(),
                    "\"{}\" is named in a patient's context.",
                );
            }
        }
    }
    let mut cared = Vec::new();
    check_care_detail(d, &mut cared);
    for (s, e) in cared {
        push(s, e, "\"{}\" is named next to their care.");
    }
    for c in (d.has_digit())
        .then(|| NOTES_LAYOUT.captures_iter(cased))
        .into_iter()
        .flatten()
    {
        if let Some(m) = c.get(1) {
            // A surname, not an acronym: "JONES, Trevor", not "NHS, England".
            let surname = m.as_str().split(',').next().unwrap_or("");
            let titled_label = HONORIFICS.iter().any(|t| m.as_str().starts_with(t));
            let forename = m.as_str().rsplit(' ').next().unwrap_or("");
            if !titled_label && !surname.contains(['A', 'E', 'I', 'O', 'U', 'Y'])
                || d.hits_in(m.start(), m.start() + surname.len())
                    .any(|h| h.lex == Lex::Acronym)
                || (!titled_label && crate::draft::is_common_word(forename))
            {
                continue;
            }
            push(
                m.start(),
                m.end(),
                "\"{}\" is written as on a patient's notes, with a date of birth.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "patient-name";

    #[test]
    fn a_patient_named_through_their_relative_beside_a_bed() {
        assert_span(
            "Kayla's mum (bed 6 Pearl ward, the epilepsy one) just screamed at me for 10 mins over a levetiracetam delay.",
            R,
            "Kayla",
        );
    }

    #[test]
    fn a_survey_is_not_a_person() {
        assert_clean(
            "National Inpatient Survey results out today. Always worth reading the free-text comments, that's where the gold is.",
            R,
        );
    }

    #[test]
    fn a_titled_clinician_with_patients_or_a_list_of_their_own_is_not_a_patient() {
        for t in [
            "Mr Kendrick (ortho) bills his private patients for ops his registrar does. That's fraud.",
            "Mr Wieczorek's private clinic charges patients for follow-ups he never does.",
            "Mr Julian Whitlock books NHS theatre time and then slips his private patients into it.",
            "Everyone in theatres knows Mr Aldridge has operated after a liquid lunch more than once.",
            "Mr Sandeep Rao is a butcher. Ask any theatre nurse at the Maelor.",
            "Mr Coombes (ortho) requests MRI knees on all his private patients at the Nuffield",
        ] {
            assert_clean(t, R);
        }
        // A consultant who is the patient is still named.
        assert_flags(
            "Rating consultants having bloods taken. No.1: Mr Roper in ortho, went grey and asked for his mum",
            R,
        );
    }

    #[test]
    fn a_name_with_its_chair_label_or_infusion_is_a_patient() {
        assert_flags(
            "Grace Mensah (chair 6, exchange every 4 weeks) asked me to say a massive thank you to everyone who gave blood",
            R,
        );
        assert_flags(
            "Dispensing a baby's first ever antibiotic, name on the label is Isla Chenoweth, how cute is that",
            R,
        );
        assert_flags(
            "Found the pump library error. It was Tariq Mahmood's heparin infusion on CCU on 3rd March",
            R,
        );
        assert_clean(
            "Another anniversary of Connor Sparrowhawk's death. #JusticeForLB changed how we think about our jobs.",
            R,
        );
    }

    #[test]
    fn a_retired_consultant_a_team_and_a_career_line_are_not_patients() {
        for t in [
            "Sad to hear that Mr Emrys Llewellyn, retired consultant plastic surgeon, has died. He taught half of us how to hold a needle holder.",
            "Leicester Tigers players visited the children's diabetes team today to launch the sports camp.",
            "Congratulations to Sister Rhiannon Pugh on 30 years in burns nursing 🎉 Started on Ward Cennen in 1995 with a paper rota.",
            "Today we said goodbye to Bernadette Quinn after 22 years in oncology pharmacy. She knew every regimen by heart.",
        ] {
            assert_clean(t, R);
        }
        // Years on a treatment are a patient's, not a career.
        assert_flags(
            "Said goodbye to Mr Harold Pike after six years on dialysis, he went peacefully with his daughter there",
            R,
        );
    }

    #[test]
    fn patients_with_private_rooms_requests_specialties_or_a_retired_past_are_still_named() {
        for t in [
            "Mr Green is refusing his insulin again until he gets his private room back",
            "Mrs Evans requests a priest, she's end of life now",
            "Mr Davies (neuro obs hourly) in bay 2 keeps pulling his cannula",
            "Mr Emrys Llewellyn, retired consultant surgeon from Tenby, is back with us on Ward 7 and refusing his warfarin again",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn a_baby_is_not_a_name() {
        assert_clean(
            "3am. Coffee machine broken. Baby in resus. Two more on CPAP desatting. I am DONE.",
            R,
        );
    }

    #[test]
    fn a_snack_is_not_a_person() {
        assert_clean(
            "Night shift survival kit: flask, Pot Noodle, Lucozade, 3 pens that will go missing by 2am.",
            R,
        );
    }

    #[test]
    fn a_surgeon_at_work_a_song_or_a_greeting_is_not_a_patient() {
        assert_clean(
            "Everyone knows Mr Hallworth books his private patients onto NHS lists and pockets the difference",
            R,
        );
        assert_clean(
            "Mr Hallworth walked off the list at 2pm for his private clinic AGAIN and 8 patients got cancelled",
            R,
        );
        assert_clean(
            "Dispensary radio has played Mr Brightside four times today while we did the ward patients' TTOs",
            R,
        );
        assert_clean(
            "Depot clinic vibes: Radio Norfolk on, biscuit tin out, 14 jabs done by 11. Living the dream.",
            R,
        );
        assert_clean(
            "Ramadan Mubarak! If you're fasting and on regular medicines, pop in for a chat about fitting doses around suhoor and iftar",
            R,
        );
    }

    #[test]
    fn a_little_one_named_in_their_care_is_a_patient() {
        assert_flags(
            "Praying for baby Musa on the neonatal unit at BRI tonight. Such a brave little fighter",
            R,
        );
        assert_flags(
            "Happy 1st birthday to gorgeous little Maisie who we diagnosed with PKU at 8 days old!",
            R,
        );
        assert_clean(
            "Welcome to the world baby Aarav! Congrats to our band 7 Priya, 8lb 2oz, arrived Tuesday",
            R,
        );
        assert_clean(
            "Sister-in-law had her baby last night on the labour ward! 8lb 2oz, wee Rory. Auntie duties commence",
            R,
        );
        assert_clean(
            "The new bed manager on the ward is a jumped-up little Hitler who talks to porters like dirt",
            R,
        );
    }

    #[test]
    fn a_name_after_patient_with_several_words_before_it_is_introduced() {
        assert_flags(
            "Happy 18th to our longest-standing sickle cell patient Tomi!! Been coming to us since she was 4",
            R,
        );
    }

    #[test]
    fn a_title_and_initial_with_a_bed_or_room_is_a_patient() {
        assert_flags("Mrs K (bed 3) is refusing her meds again", R);
        assert_flags(
            "Mrs H in room 12 at Oakhaven taught the whole lounge a new card game today. 91 and lethal at rummy",
            R,
        );
        assert_clean(
            "Confidentiality trainer today: 'If you wouldn't put \"Mr X in bed 12\" on a billboard, don't put it on Twitter.'",
            R,
        );
    }

    #[test]
    fn the_author_after_patient_is_not_a_name() {
        assert_clean(
            "Lost a patient I'd looked after all week. Had a cry, had a tea.",
            R,
        );
        assert_clean("The patient I'll never forget taught me to slow down.", R);
        assert_flags("My patient Sarah Jenkins is asking for you", R);
    }

    #[test]
    fn flags_titled_names_near_clinical_words() {
        assert_span("Mr Patel in bed 12 is refusing his warfarin", R, "Mr Patel");
        assert_flags("Mrs Okafor was admitted last night with chest pain", R);
        assert_span(
            "Mr Osei's left ear on the op list when it's his right, caught it at sign in",
            R,
            "Mr Osei",
        );
        assert_span(
            "RCA on Mrs Hallworth's perforation from last month is finished",
            R,
            "Mrs Hallworth",
        );
    }

    #[test]
    fn places_and_brands_before_care_words_are_not_names() {
        for t in [
            "Did the lead apron challenge today: 5k round Glasgow Green in full PPE for Chest Heart & Stroke Scotland",
            "Fascinating afternoon at Middlesex Uni refreshing my GI anatomy for the new PEG pathway teaching",
            "Rep dropped off two boxes of Fortisip Compact samples and we can't use them all",
            "Sepsis Six within the hour: oxygen, cultures, antibiotics, fluids, lactate, urine output",
            "Northumberland County Show with the bowel screening stand today",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn colleagues_from_departments_and_the_authors_family_are_not_patients() {
        assert_clean(
            "Mr Ahmed from estates fixed the clinic door in ten minutes flat. Unsung heroes",
            R,
        );
        assert_clean(
            "Mr Patel (my dad, not a patient!) retired today after 40 years driving buses past the hospital",
            R,
        );
    }

    #[test]
    fn flags_names_introduced_as_patients() {
        assert_span("my patient Sarah Jenkins made my day", R, "Sarah Jenkins");
        assert_flags("A lady called Doris came to the counter", R);
        assert_span(
            "Accepted a friend request from one of my IBD patients, Leanne Doherty, she's lovely",
            R,
            "Leanne Doherty",
        );
        assert_clean(
            "The Young Patients Family Fund will keep covering travel for families with a baby in neonatal care",
            R,
        );
    }

    #[test]
    fn flags_names_with_beds_or_ages() {
        assert_flags("Doris (84) was so grateful", R);
        assert_flags("Frank in bed 6 sang all night", R);
        assert_span(
            "your patient Lorna McAllister in bed 8 says you're her favourite nurse",
            R,
            "Lorna McAllister",
        );
        assert_flags(
            "Mrs Hennessey in room 9 you absolute warrior, no epidural",
            R,
        );
        assert_flags("Alfie in cot 3 finally went home today", R);
        assert_span(
            "Bumped into my old patient Ryan (knee replacement in March) at Tiger Tiger",
            R,
            "Ryan",
        );
        assert_flags(
            "Popped in to see Mrs Fairweather at Hillcrest Nursing Home, dysphagia review done",
            R,
        );
    }

    #[test]
    fn colleagues_thanked_by_name_are_not_patients() {
        assert_clean("Well done Jo and Priya on passing your exams!", R);
        assert_clean("Dr Khan gave a brilliant talk on sepsis", R);
        assert_clean("Mr Smith, our new chief pharmacist, starts Monday", R);
        assert_clean(
            "Celebrating 30 years of service for Bernadette on our ward today, nurse, mentor, absolute star",
            R,
        );
        assert_clean(
            "\"Clinical lead\" Ms Whitfield couldn't organise the patient list",
            R,
        );
        assert_clean(
            "Mr Rahim Sheikh at @BrightSmileClinics charges patients double",
            R,
        );
        assert_clean("Our reg sounds like a Dalek on the ward round", R);
        assert_clean(
            "Still thinking about the 24 Hours in A&E episode with the grandad knitting in resus",
            R,
        );
        assert_clean(
            "My sister's walking the Pennine Way for the MND Association in memory of our uncle",
            R,
        );
        assert_clean(
            "Asked to speak at a LinkedIn Live about being a male nurse in oncology",
            R,
        );
        assert_clean(
            "Marathon finished for Chest Heart & Stroke Scotland, £2,100 raised!",
            R,
        );
        assert_clean(
            "Doughnut Friday on the postnatal ward courtesy of our fab manager Lorraine",
            R,
        );
        assert_flags("Mr Okafor in bed 3 at 🏥 is refusing his warfarin", R);
    }

    #[test]
    fn redacts_names() {
        assert_redacts(
            "Mr Patel in bed 12 is refusing his warfarin",
            "[patient name] in bed 12 is refusing his warfarin",
        );
    }

    #[test]
    fn a_title_before_a_name_in_brackets_with_a_bed_is_still_a_name() {
        assert_flags(
            "Mrs Abernethy (bed 7, Ward 12) asked me to post a huge thank you to the team",
            R,
        );
        assert_clean(
            "Huge thank you to Sister Abernethy on Ward 12 for the cake",
            R,
        );
    }

    #[test]
    fn flags_a_full_name_next_to_their_care() {
        assert_span(
            "X-rayed Gloria Mbeki's wrist for the second time this month",
            R,
            "Gloria Mbeki",
        );
        assert_span(
            "Marjorie Kettering has pressed her buzzer 47 times tonight",
            R,
            "Marjorie Kettering",
        );
        assert_flags("Got Kieran Walsh up on crutches after his ORIF", R);
        assert_flags("Spent an hour sorting Derek Holloway's methadone script", R);
        assert_span(
            "Got to tell Mrs Nnamdi her breast biopsy was benign",
            R,
            "Mrs Nnamdi",
        );
        assert_redacts(
            "Fiona Castellano finally agreed to the NG feed today",
            "[patient name] finally agreed to the NG feed today",
        );
    }

    #[test]
    fn names_of_colleagues_public_figures_and_organisations_stay_clean() {
        assert_clean(
            "Well done Rhys Morgan and Fatima Begum on your MSc results!",
            R,
        );
        assert_clean(
            "Big congrats to paramedic Leon Baptiste who delivered his first baby on a job",
            R,
        );
        assert_clean(
            "Footballer Kwame Asante's ACL rehab vlog is better than our leaflets",
            R,
        );
        assert_clean(
            "International Overdose Awareness Day: naloxone saves lives",
            R,
        );
        assert_clean("Lakeside Pharma's generic apixaban got approved today", R);
        assert_clean("Prince William visited our ICU today", R);
        assert_clean(
            "Gavin Reed's stroke storyline in the soap was so realistic",
            R,
        );
        assert_clean("Harlow Vale Hospital ran out of sepsis screening packs", R);
        assert_clean("Jo Smith, our new physio, starts on ICU on Monday", R);
        assert_clean(
            "Physio team at the Great Manchester Run raising money for the stroke unit",
            R,
        );
        assert_clean(
            "Friends and Family Test results are out for outpatient pharmacy",
            R,
        );
        assert_clean(
            "Watched Grey's Anatomy do a heart transplant in 20 minutes",
            R,
        );
        assert_clean("Care Plus Pharmacy on Albert Rd hand out methadone", R);
    }

    #[test]
    fn flags_a_name_in_the_notes_layout() {
        assert_span(
            "Whoever took the notes for 'JONES, Trevor, 11/12/1948' off my desk, bring them back",
            R,
            "JONES, Trevor",
        );
        assert_clean(
            "NHS, England, 01/04/2025 is when the new contract starts",
            R,
        );
        assert_span(
            "half a label stuck to my sleeve: 'Mr K. Obi 12/07/58 Warfarin'",
            R,
            "Mr K. Obi",
        );
    }

    #[test]
    fn a_bed_or_bay_after_the_name_makes_a_patient_even_in_thanks() {
        assert_flags(
            "Shout out to Tom Whitfield in bay 3 for being the best post-op patient",
            R,
        );
        assert_clean("Shout out to Tom Whitfield for covering the ward today", R);
        assert_flags(
            "Mrs Dorothy Mills on Ward 5 is 102 years young and wants a sherry, legend",
            R,
        );
    }

    #[test]
    fn flags_a_name_with_an_age_and_bed_or_a_room() {
        assert_span(
            "still thinking about little Ruby, 5, bed 2 on PICU",
            R,
            "Ruby",
        );
        assert_flags("RIP Albert, room 12, 96 years young", R);
        assert_flags(
            "Bed blocker in bay 4 (Mr R0ss, the one with the leg ulcer) still here",
            R,
        );
        assert_clean("Team quiz: Nurses 32, Doctors 29 on Ward 4", R);
    }

    #[test]
    fn flags_a_full_name_beside_a_death_in_our_care() {
        assert_flags(
            "Got a lovely card from the family of Doreen Pilling, who died with us last month.",
            "patient-name",
        );
        assert_clean(
            "Doreen Pilling retires this week after 40 years with us. Legend.",
            "patient-name",
        );
    }

    #[test]
    fn a_story_not_yet_in_the_news_is_not_a_public_story() {
        assert_flags(
            "The review into Tom Briggs's death on our ward is done. Not published yet.",
            "patient-name",
        );
    }

    #[test]
    fn flags_a_name_with_a_unit_bed_or_an_age_before_the_bay() {
        assert_flags(
            "Huge shout out to Derek Oyelaran in HDU bed 4 who came off the ventilator today",
            R,
        );
        assert_flags(
            "Still thinking about little Maisie Doyle, 6, in bay 2 on Rainbow Ward.",
            R,
        );
    }

    #[test]
    fn flags_a_titled_name_with_a_medicine_or_a_ward_in_the_next_sentence() {
        assert_flags(
            "Our Saturday regular Mr Nkemelu keeps collecting his lorazepam a week early.",
            R,
        );
        assert_flags(
            "Is anyone on here Mrs Eileen Goldberg's daughter? She's on Ward 9 and wants her glasses",
            R,
        );
    }

    #[test]
    fn flags_a_name_with_an_age_or_year_of_birth_told_as_an_aside() {
        for t in [
            "Form 1 done for Noel, 54, well known to the team. Neighbours filming him again.",
            "Doing my mate's mum's anaesthetic next week, Janet Booth, born 1958, gallbladder out.",
            "Had to share this: Mrs Ferguson from Holywood, 78, told me she'd never been asked by a doctor",
            "Sent Mr R. Bhattacharya's warfarin dose to the wrong surgery inbox this morning",
        ] {
            assert_flags(t, R);
        }
        for t in [
            "PPO investigator interviewed me about the death on F wing, Jamal Pierce, 22. Can't say much",
            "Callum Whitfield, 8, had 11 teeth out under GA at the dental hospital today",
            "Forensic twitter: our new admission is Danny Corrigan, nicest man on the ward",
            "I'm a midwife at the Royal and I looked after Hannah Greaves last Tuesday, the section was textbook",
        ] {
            assert_flags(t, R);
        }
        // A one-digit number or a number ending a sentence after a word is not an age.
        assert_clean(
            "Back on the ward after Covid 19. Step 2, get the obs done",
            R,
        );
        assert_clean(
            "Nobody wants to work with the new band 5 from India on Ward 7, or the locum pharmacist from Romania on our ward",
            R,
        );
        assert_clean(
            "Today I learnt you can crush amlodipine but not nifedipine MR. Fifteen years in and still learning.",
            R,
        );
        assert_flags(
            "Child protection conference this afternoon for the Brennan kids on Hawthorn Close",
            R,
        );
        assert_flags(
            "Cpl Sione Taufa, 3 RIFLES, on our ward at QEHB after the rollover. GCS 8 and intubated.",
            R,
        );
        // A volunteer's age and years of service.
        assert_clean(
            "Marjorie, 85, who has run our hospital shop as a volunteer for 30 years, retires on Friday.",
            R,
        );
    }

    #[test]
    fn flags_a_titled_name_with_their_family_or_death_or_placed_on_a_unit() {
        for t in [
            "Mr Terence Bould's family were told he 'passed peacefully'. He didn't.",
            "Dr Halloran lied at the inquest into Mr Jepson's death about the swallow screen.",
            "Mrs Kathleen Doyle on Day Surgery asked to keep her wisdom teeth in a pot. Legend.",
            "Lorraine Fitch from chair 5, who did Couch to 5k all through her FEC, asked for my insta",
        ] {
            assert_flags(t, R);
        }
        assert_flags(
            "Discharge lounge has the same bloke every Tuesday, Terry Kettle from Hindley, hogging a chair",
            R,
        );
        assert_clean(
            "Great talk from Sarah Jones of Leeds Teaching Hospitals on sepsis in the ward today",
            R,
        );
        // A colleague thanked by title, at their workplace.
        assert_clean(
            "Huge thanks to Mr Hale at Riverside Dental for the teaching session, a legend",
            R,
        );
    }

    #[test]
    fn letters_counted_are_not_a_title() {
        assert_clean(
            "The new receptionist on outpatients still spells rheumatology with two Ms. Thick as mince, bless her.",
            R,
        );
    }

    #[test]
    fn the_name_leaves_out_the_possessive() {
        let text = "Is anyone on here Mrs Eileen Goldberg's daughter? She's on Ward 9";
        let f = assert_flags(text, R);
        assert_eq!(&text[f.start..f.end], "Mrs Eileen Goldberg");
    }

    #[test]
    fn brands_products_and_projects_are_not_names() {
        assert_clean(
            "HomeMeds Direct lost a patient's insulin for a week and then lied about it.",
            R,
        );
        assert_clean(
            "Condoms sold out by 3pm and someone bought a single Ferrero Rocher and a box of Rennie.",
            R,
        );
        assert_clean(
            "Heard that Project Falcon is finally happening, they're folding HDU into critical care.",
            R,
        );
    }

    #[test]
    fn made_up_patients_and_tv_characters_are_not_patients() {
        assert_clean(
            "Today's OSCE station: 'Mr Smith, 67, presents with confusion on day three of clarithromycin.' Entirely fictional.",
            R,
        );
        assert_clean(
            "Grey's Anatomy rewatch: Cristina Yang is the reason I'm in medicine, chemo and all",
            R,
        );
        assert_clean(
            "Volunteers from Sussex Wildlife helped us plant this for the dementia unit. Patients love it",
            R,
        );
    }

    #[test]
    fn a_name_near_a_label_for_a_patient_is_flagged() {
        assert_flags(
            "Liam Doyle has absconded from cubicle 3 AGAIN while on a 136. Fourth time this month. Frequent flyer of the year goes to... 🏆",
            R,
        );
        assert_flags(
            "Mr Sutcliffe, our bed blocker in bay 4, is refusing his care home placement AGAIN.",
            R,
        );
        // A hotel chain and a part of a city are not people.
        assert_clean(
            "Frequent flyer back in ED for the 40th time this year. Some people really do treat us like a Premier Inn.",
            R,
        );
        assert_clean(
            "Frequent flyer again, and the new reg talks down to half the patients. Shouldn't be let near West Belfast.",
            R,
        );
    }

    #[test]
    fn a_name_with_its_bed_appositive_record_or_family_is_flagged() {
        assert_flags(
            "Massive thank you to Mr Farouk Haddad, bay 3 bed 6 on Ward 22, for letting our students watch",
            R,
        );
        assert_flags(
            "Accepted a friend request from Sandra Hughes, one of my chairside patients at the Neath unit.",
            R,
        );
        assert_flags(
            "Cwsg mewn hedd Dai Roberts, our longest-serving patient at the Carmarthen satellite",
            R,
        );
        assert_flags(
            "Our Zain (7, neuroblastoma, from Rochdale) flies to Lapland with a wish charity tomorrow!!",
            R,
        );
        assert_flags(
            "Lovely afternoon updating Kieran Walsh's hospital passport with his mum.",
            R,
        );
        assert_flags(
            "Please share: Baby Leo Dunn's family are travelling every week while he's in our NICU",
            R,
        );
        // A day, and a colleague's family with no care beside it.
        assert_clean(
            "Missed my daughter's nativity because I was working Christmas Eve on the children's ward.",
            R,
        );
        assert_clean(
            "Congratulations to Jo Bloggs's daughter on her graduation!",
            R,
        );
        assert_span(
            "Sending all my love to Seren Williams' family tonight. Our patient fought so hard",
            R,
            "Seren Williams",
        );
        assert_flags(
            "The PHSO draft decision on the Lamb family's complaint came in today, upheld on all three points",
            R,
        );
        assert_clean("Chris' family came to the leaving do", R);
        assert_span(
            "Mrs S\u{0430}ndr\u{0430} P\u{043e}well on 7B is 100 today!! Cake, bunting, the lot",
            R,
            "S\u{0430}ndr\u{0430} P\u{043e}well",
        );
    }

    #[test]
    fn a_patient_introduced_with_a_word_before_is_named() {
        assert_flags(
            "Messaged my old TWOC patient Keith Farnworth on FB to see how he's getting on",
            R,
        );
        assert_flags(
            "My lovely service user Gemma Ross has just got engaged!!!",
            R,
        );
        // Awards, congresses and groups are not people.
        assert_clean(
            "Delighted our trust has been shortlisted for the HSJ Patient Safety Awards for our sepsis work",
            R,
        );
        assert_clean(
            "Our Patient Participation Group meets the first Tuesday of every month at 6pm.",
            R,
        );
    }

    #[test]
    fn accused_surgeons_and_longer_proper_names_are_not_patients() {
        // Surgeons are "Mr": accused together after a colon, they are not patients.
        assert_clean(
            "Minutes from the closed consultant meeting: Mr Pike and Mr Asante have been fiddling the waiting list for their private patients",
            R,
        );
        assert_clean(
            "Frequent flyer miles, that is ✈️ off to Cyprus for the Thalassaemia International Federation conference next week!",
            R,
        );
    }

    #[test]
    fn clinicians_accused_organisations_and_songs_are_not_patients() {
        for t in [
            "Mr Adeyinka lied to the patient about the risks on the consent form. I was there.",
            "Mr Halloran in urology books his private patients into NHS lists, everyone knows",
            "A Bluebell Homecare driver left a patient's chemo on the doorstep in the rain",
            "Radio played Staying Alive while we did compressions on the manikin, perfect tempo",
        ] {
            assert_clean(t, R);
        }
        assert_flags("Mr Halloran in bed 4 is refusing his insulin again", R);
    }

    #[test]
    fn a_first_name_with_a_patients_kit_or_treatment_is_a_patient() {
        assert_span(
            "Happy Monday! Bob's insulin at 8, Marjorie's catheter at 9, then off to the caravan park",
            R,
            "Bob",
        );
        assert_flags(
            "Popped into the Co-op in my tabard and three folk asked how Donnie's chemo is going",
            R,
        );
    }

    #[test]
    fn a_disease_named_after_a_person_is_not_a_patient() {
        assert_clean(
            "Parkinson's meds on time saves lives: get it right on every ward",
            R,
        );
    }

    #[test]
    fn an_age_and_a_bed_in_brackets_make_a_patient_even_in_a_shout_out() {
        assert_span(
            "Shoutout to Kai (6, bed 9) who told the consultant his tie was 'a bit rubbish'",
            R,
            "Kai",
        );
    }

    #[test]
    fn an_age_before_a_full_name_makes_a_patient() {
        assert_span(
            "Third resident sent in this month - this time 88yo Doris Lumb - with an encrusted cath",
            R,
            "Doris Lumb",
        );
    }

    #[test]
    fn names_of_charities_events_and_titles_are_not_patients() {
        assert_clean(
            "Lancet Commission update on dementia risk: 14 modifiable factors now, including untreated vision loss and high LDL.",
            R,
        );
        assert_clean(
            "Young Lives vs Cancer can help with travel costs for families of children on chemo.",
            R,
        );
        assert_clean(
            "Know Your Numbers week: blood pressure and cholesterol checks in the atrium.",
            R,
        );
        assert_clean(
            "Transplant Games team raised £900 for kidney research this year.",
            R,
        );
        assert_clean(
            "Free Hemavance samples for anyone who wants to try them with their haemophilia clinic.",
            R,
        );
        assert_clean(
            "Oakhaven Residential in Crownhill are sedating residents with lorazepam to keep them quiet.",
            R,
        );
        // A real full name beside care is still one.
        assert_span(
            "Gareth Prosser back in today with his chest infection, third time this month",
            R,
            "Gareth Prosser",
        );
    }

    #[test]
    fn a_pets_or_a_things_name_is_not_a_patients() {
        assert_clean(
            "Ward 6 has a new therapy dog visiting on Fridays. His name is Digby and he's a very good boy.",
            R,
        );
        assert_clean(
            "We've named the new bladder scanner. Her name is Doreen and she's temperamental.",
            R,
        );
        // The person last spoken of is the one named.
        assert_span(
            "Our therapy dog visited the lady in bay 2 today, her name is Mavis Eccles and she cried",
            R,
            "Mavis Eccles",
        );
    }

    #[test]
    fn a_patient_named_beside_a_trolley_a_machine_or_a_teddy_is_still_named() {
        // From a review of the pet guard: only pets, or things the author says they named.
        for t in [
            "Lady on a trolley in the corridor for 14 hours, her name is Edna Platt and she's 94.",
            "Little girl in bay 2 clutching her teddy all night, her name is Poppy",
            "Gent on the dialysis machine in bay 4, his name is Harold and he's a legend",
        ] {
            assert_flags(t, R);
        }
        for t in [
            "Memory Chikwanha in bed 4 needs her insulin",
            "Mrs Early on ward 7 needs her warfarin checked",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn a_first_name_and_initial_with_an_age_is_a_patient_as_in_notes() {
        for t in [
            "Kirsty B, 27, Dalbeattie. Pregnant again and still on 20 a day. Some folk just don't listen.",
            "status: Jaswinder K, 67, triple vessel, CABG Tuesday. surgeons please don't bump her again",
            "Does anyone know who the allocated social worker is for Kacper W (7), placed with carers last month?",
        ] {
            assert_flags(t, R);
        }
        for t in [
            "Welcome to Priya S, 24, our newest pre-reg pharmacist!",
            "Congratulations to Tom H, 19, who ran the Great North Run for the unit",
            "Grade C, 12, was the pass mark on the ward quiz",
        ] {
            assert_clean(t, R);
        }
    }
}
