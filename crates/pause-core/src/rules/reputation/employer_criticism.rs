//! `employer-criticism`: the poster's employer linked to claims about safety, staffing, care
//! or management.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::{Hit, Lex};
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "employer-criticism",
    category: Category::OrganisationReputation,
    severity: Severity::Medium,
    policy: clauses::R14,
    suggestion: "If this is a real concern, raise it where it can be fixed: your line manager, or your Freedom to Speak Up guardian if you can't. A public post can't be taken back, and protects neither patients nor you.",
    docs: RuleDocs {
        what: "Your employer (named in the policy, or \"our trust\", \"my hospital\", \"where I work\", \"management\", \"on shift tonight\", or an NHS body's own handle such as \"@HumberRoyalNHS\") linked to negative claims about safety, staffing, care quality or management: \"cutbacks at our trust are putting patients at risk\".",
        why: "A public claim that your own employer is unsafe damages trust in the service and its staff, often before anyone can respond, and is a growing reason for disciplinary and fitness-to-practise cases. Raised internally, the same concern is protected and can be acted on.",
        example: "Staff cutbacks at Metropolis NHS Trust are putting patient care at risk",
        rewrite: "Proud of how our pharmacy team pulls together on the busiest days",
        false_positives: "National news told neutrally (\"NHS vacancies fell to 100,000\"), good news about the employer, a problem told with its fix, wrongdoing pinned on one person or an outside firm (that is an accusation, not a claim about the employer), signals far apart in a long post, and criticism of government policy that is not tied to your workplace.",
    },
    check,
};

/// Words that tie a complaint to the author's own shift when no employer is named.
const OWN_SHIFT: &[&str] = &[
    "tonight",
    "on shift",
    "this shift",
    " we ",
    "we're",
    "we've",
    " us ",
    "my shift",
    "on nights",
    "on days",
    "our ward",
    "my ward",
    "i work on",
    "i work in",
    "where i work",
];

/// Staffing ratios and shortfalls: "one nurse to 12 patients", "two of us for 30", "we're so
/// short in specimen reception that urgent bloods sit for 40 mins",
/// "three nurses down", "a 30 bed ward with 2 nurses", "lost 6 radiographers since January",
/// "cutting 40 nursing posts", "only runs one radiographer overnight".
static STAFFING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:one|two|three|four|five|1|2|3|4|5) (?:[a-z]+ )?(?:registered |band \d )?(?:nurses?|carers?|pharmacists?|hcas?|doctors?|techs?|rns?|of us|staff|midwi(?:fe|ves)|porters?|regs?|registrars?|consultants?|physios?|paramedics?|dispensers?|radiographers?|therapists?|prosthetists?|sonographers?|dietitians?|slts?|ots?|anps?|gps?)(?: and (?:one|a|an|1) (?:[a-z]+ )?[a-z]+)? (?:to|for|covering|looking after|on|between) (?:a |the |our |all )?(?:\d{2,3}|whole|entire|three|four|five|six)|(?:no|one|a single|only one|the only) (?:[a-z]+ ){0,2}(?:nurse|doctor|pharmacist|physio|dietitian|podiatrist|educator|consultant|therapist|band 5|band 6|registrar|midwife|prosthetist|radiographer|sonographer|paramedic|slt|salt|ot|gp)s? (?:(?:overnight |tonight |at night |on nights )?for the (?:whole|entire)|for (?:\d{2}|\d,\d{3}|\d+ million|\d+ months|over \d|more than \d)|covering (?:half|the whole|all|both|two|three|four|\d{2}))|\d{2,3}[- ]bed(?:ded)? (?:ward|unit|bay)s? with (?:\d|one|two|three)|(?:one|two|three|\d) (?:nurses?|staff|carers?|pharmacists?) (?:down|short)|on my own (?:with|for) \d{2}|only \d{1,2}(?:\.\d)?% (?:of|had|were|was|got|received|done)|came back at [1-8]?\d%|\d{2,3} unfilled|(?:lost|losing|lose) (?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:[a-z]+ )?(?:nurses|midwives|radiographers|pharmacists|doctors|consultants|physios|staff|hcas|porters|paramedics|gps|members of staff) (?:since|this|in|over|last)|(?:1|one) (?:nurse|rn), (?:1|one) (?:hca|carer|hcsw), \d{2} patients|cut(?:ting)? \d{1,4} (?:[a-z]+ )?(?:posts|jobs|beds|roles)|clos(?:e|ed|ing) (?:the )?(?:[a-z]+ ){0,2}beds|running at \d{1,2}% (?:staffing|establishment)|(?:only|just) (?:runs?|has|have|had|got) (?:one|1|a single) (?:[a-z]+ )?(?:radiographer|nurse|doctor|pharmacist|midwife|reg|registrar|consultant|porter|paramedic|crew|ambulance|scanner)s? (?:overnight|on nights|at night|for the|covering)|(?:we're|we are|we were) (?:so|that|too|dangerously|chronically) (?:short|short-staffed|short staffed|understaffed)(?: (?:in|on) [a-z' ]{1,30}?| of (?:staff|nurses|midwives|clinicians|doctors|pharmacists|people|hands|beds))? that)").expect("valid regex")
});

/// Patients cared for in corridors: "patients on corridor trolleys", "14 trolleys in the
/// corridor", "kids on trolleys in the corridor", "a corridor. of patients".
static CORRIDOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:patients|people|kids|children|babies|trolleys|nofs|elderly|\d{1,2}|[a-z]+ of them) (?:on |in )?(?:trolleys )?(?:on|in|along|down) (?:the |a |our |my )?(?:[a-z]+ )?corridors?|(?:on|in) corridor (?:trolleys|spaces|beds|chairs)|corridor (?:patients|trolleys)|corridors?[.,]? (?:of|full of|lined with) (?:patients|trolleys|people)|(?:hours|days|nights) (?:in|on) (?:the |a )?corridors?)(?-u:\b)").expect("valid regex")
});

/// A long wait: "routine echo wait at our hospital is 58 weeks", "families waited 9 hours on
/// our PAU", "a 14-week wait for a first visit".
static WAIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:wait|waits|waited|waiting)(?: list| time| times)?(?-u:\b)[^.!?\n]{0,40}?(?-u:\b)(?:\d{1,3}(?:\+|-\d{1,2})?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|sixteen|eighteen|twenty|thirty|forty|fifty) ?(?:weeks|months|years|hours|hrs|days)|\d{1,3}[- ](?:week|month|hour|day) (?:wait|waits|waiting list))(?-u:\b)").expect("valid regex")
});

/// A wait told as it improves ("down from 14 to 6 weeks"), as advice to skip it ("no need to
/// wait 6 weeks, DM me"), or in a waiting room: not a claim that the service is failing.
fn wait_told_well(d: &Draft<'_>, s: usize, e: usize) -> bool {
    let (ss, se) = d.sentence(s);
    let sentence = &d.lower()[ss..se];
    d.lower()[s..e].contains("waiting room")
        || d.preceded_by(s, 16, &["no need to ", "don't ", "saves ", "saves you ", "saves you the ", "skip the ", "no point ", "not have to ", "never "])
        || crate::any_of!(
            sentence,
            ["cut the wait", "cut waits", "cutting the wait", "fell", "falling", "reduced", "brought", "halved", "improv", "proud", "thanks to", "longer than", "like everyone else", "shortest", "across the country", "my own", "and then wait"]
        )
        // The whole story is of a wait coming down, or published with a plan for it.
        || crate::lower_has_any!(
 d,
            ["down from", "down to", "bring it down", "bring that down", "bring them down", "bring waits down", "recruiting", "we publish", "national picture", "rethink", "trialled", "can't get seen", "dm me", "dm for", "nationally", "national figures", "survey", "across the nhs"]
        )
}

/// A staffing shortfall, patients cared for in corridors, or a long wait, said of the workplace;
/// with whether it is a staffing shortfall.
fn safety_pattern(d: &Draft<'_>) -> Option<(usize, usize, bool)> {
    let lower = d.lower();
    if d.has_digit() || crate::lower_has_any!(d, ["one ", "two "]) {
        if let Some(m) = STAFFING.find(lower) {
            return Some((m.start(), m.end(), true));
        }
    }
    // "No patients in the corridor today" is good news.
    if let Some(m) = CORRIDOR
        .find_iter(if crate::lower_has_any!(d, ["corridor"]) {
            lower
        } else {
            ""
        })
        .find(|m| !d.preceded_by(m.start(), 10, &["no ", "zero ", "not one ", "without "]))
    {
        return Some((m.start(), m.end(), false));
    }
    if !crate::lower_has_any!(d, ["wait"]) {
        return None;
    }
    WAIT.find_iter(lower)
        .find(|m| !wait_told_well(d, m.start(), m.end()))
        .map(|m| (m.start(), m.end(), false))
}

/// "our whole hospital", "my old ward", "our mental health trust": the author's workplace.
static OWN_WORKPLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:our|my|this) (?:[a-z&'-]+ ){0,2}(?:trust|hospital|ward|unit|department|dept|pharmacy|dispensary|practice|surgery|clinic|service|hospice|care home|team|site|a&e|ed|icu|amu|theatres?|directorate|division|management|managers|execs?|leadership|board|directors?|(?:[a-z]+ )?director|ceo|chief executive|chair|control room|stores|patch|on-call|ambulance service|health trust|pharmacy department|employer|organisation|company|branch|store|place|floor|audit|rota|figures|data|results|survey|ceo|chief exec|maternity unit|birth centre|stroke unit|critical care|district nursing)(?-u:\b)").expect("valid regex")
});

/// Bad news that a leaked internal document or investigation tells about the workplace: an
/// error rate, a death, a never event, an overspend, a failed inspection. (A leaked closure or
/// restructure is confidential, but on its own not a claim that the workplace is failing: unseen
/// writers labelled it so, and on the development set too it was more often right without it.)
static BAD_NEWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:errors?|wrong (?:dose|drug|site|patient)|deaths?|died|never events?|discrepanc(?:y|ies)|overspend|run out of|requires improvement|inadequate|missed|harm(?:ed)?|failures?|failed|out of date|one person for|\d{1,3}% of|damning|major findings|poor|overdue|can't be safely)(?-u:\b)").expect("valid regex")
});

/// Leaking the workplace's own bad news (an audit's error rate, what an RCA found, a closure
/// the board has not announced) harms its reputation as well as its confidentiality.
fn leaked_bad_news(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) -> bool {
    let Some(leak) = d
        .hits_of(Lex::InternalDocument)
        .chain(d.hits_of(Lex::Investigation))
        .chain(d.hits_of(Lex::Unpublished))
        .next()
    else {
        return false;
    };
    // "18 months without a never event" is good news.
    let Some(bad) = BAD_NEWS.find_iter(d.lower()).find(|m| {
        !crate::any_of!(
            d.lower_before(m.start(), 12),
            [
                "without a ",
                "without any ",
                "no ",
                "zero ",
                "free of ",
                "fewer "
            ]
        )
    }) else {
        return false;
    };
    let hit = crate::lexicon::Hit {
        lex: Lex::NegativeClaim,
        start: bad.start(),
        end: bad.end(),
    };
    let on_a_ward = WARD.is_match(d.cased());
    if !(employer_near(d, &hit) || employer_near(d, leak) || on_a_ward) {
        return false;
    }
    let claim = d.original_text(bad.start(), bad.end());
    out.push(rule.finding(
        d,
        bad.start(),
        bad.end(),
        format!("\"{claim}\": your workplace's bad news, from material that is not public."),
    ));
    true
}

/// A named or numbered ward or unit ("on Ward 8", "Ash Ward").
static WARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:[Ww]ard \d{1,2}[A-Z]?|[A-Z][a-z]+ [Ww]ard|on (?:the|our) (?:[a-z]+ )?(?:ward|unit))(?-u:\b)").expect("valid regex")
});

/// Whether the praise at `pos` is negated ("NOT proud to work for my trust"): criticism, not praise.
fn negated(d: &Draft<'_>, pos: usize) -> bool {
    d.preceded_by(pos, 12, &["not ", "never ", "no longer ", "hardly "])
}

/// Whether the words at `pos` sit inside quotation marks ('outstanding care'): sarcasm, not praise.
fn quoted(d: &Draft<'_>, pos: usize) -> bool {
    let before = d.lower_before(pos, 30);
    // Quote marks only: an apostrophe between two letters ("we're", "trust's") is not one.
    let b = before.as_bytes();
    let marks = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            c == b'"'
                || (c == b'\''
                    && !(i > 0
                        && b[i - 1].is_ascii_alphabetic()
                        && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic)))
        })
        .count();
    marks % 2 == 1
        // A rating in quotes is the inspector's word, not the employer's boast.
        && !before.ends_with("requires ")
}

/// The employer's own slogan in quotes set against what it hides: "tweeting about 'outstanding
/// care' while our ward runs on two agency nurses".
fn sarcastic_slogan(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) -> bool {
    if !crate::lower_has_any!(d, [" while "]) {
        return false;
    }
    for p in d.hits_of(Lex::PositiveNews) {
        if !quoted(d, p.start) {
            continue;
        }
        let (_, se) = d.sentence(p.start);
        let rest = &d.lower()[p.end..se];
        let Some(at) = rest.find(" while ") else {
            continue;
        };
        let end = p.end + at + " while".len();
        // What the slogan hides: a claim, or a service running on too little.
        let hidden = &rest[at..];
        let shortfall = d.hits_in(end, se).any(|x| x.lex == Lex::NegativeClaim)
            || ["runs on", "running on", " no ", "only ", "half ", "short"]
                .iter()
                .any(|w| hidden.contains(w));
        if !shortfall || !employer_near(d, p) {
            continue;
        }
        let slogan = d.original_text(p.start, p.end);
        out.push(rule.finding(
            d,
            p.start,
            end,
            format!("\"{slogan}\" in scare quotes against your own workplace."),
        ));
        return true;
    }
    false
}

/// An insult aimed at colleagues named by role ("the techs on our site are useless"): bullying,
/// not a claim about the employer, unless the role is the management itself.
fn insult_at_staff(d: &Draft<'_>, h: &Hit) -> bool {
    let insult = d
        .hits_in(h.start, h.end)
        .any(|x| x.lex == Lex::Insult && x.start == h.start);
    insult
        && d.hits_in(d.sentence(h.start).0, h.start).any(|r| {
            r.lex == Lex::PersonRole
                && !d
                    .hits_in(r.start, r.end)
                    .any(|e| matches!(e.lex, Lex::EmployerGeneric | Lex::PolicyEmployer))
        })
}

/// Whether the reference `s..e` is close enough to the claim `h` to be about it: in the same
/// sentence, or within `window` bytes in a short post or in the sentence just before or after.
/// In a long post "our ward" in one story and "chaos" in another are not a claim about the ward.
fn within_reach(d: &Draft<'_>, h: &Hit, s: usize, e: usize, window: usize) -> bool {
    let (hs, he) = d.sentence(h.start);
    if s < he && e > hs {
        return true;
    }
    let (rs, re) = d.sentence(s);
    let short = d.lower().len() <= SHORT_POST;
    (short || re == hs || he == rs) && s < h.end + window && e + window > h.start
}

/// A post this long (in bytes) or shorter is one thought: its sentences share their subject.
const SHORT_POST: usize = 240;

/// An NHS organisation's own handle ("@HumberRoyalNHS", "@BaeHafrenUHB", "@WesternHSCTrust"):
/// staff who tag an NHS body in a complaint are, as often as not, tagging their own employer
/// even when the policy names another.
static NHS_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w@])@(?:[A-Za-z0-9_]{2,24}(?:NHS|Nhs|NHSFT|NHSTrust|UHB|HB|HSC|HSCT|HSCTrust|HealthBoard|PCN)|[A-Za-z0-9_]{1,23}[A-Za-z0-9]nhs)(?-u:\b)")
        .expect("valid regex")
});

/// Where the draft tags an NHS organisation's handle ([`NHS_HANDLE`]) as the author's own
/// employer: not a campaign ("@DefendOurNHS"), a body in the news ("HSJ: @EastCoastUHB placed
/// in special measures"), one the author is joining, or one the author writes about as a patient
/// or a relative ("my nan was left for hours at @OakfieldUHB").
fn nhs_handles<'a>(d: &'a Draft<'a>) -> impl Iterator<Item = (usize, usize)> + 'a {
    let cased = d.cased();
    let own = d.has_byte(b'@')
        && !crate::lower_has_any!(
            d,
            [
                "my mum",
                "my dad",
                "my nan",
                "my gran",
                "my grandad",
                "my grandma",
                "my son",
                "my daughter",
                "my wife",
                "my husband",
                "my partner",
                "my baby",
                "my sister",
                "my brother",
                "my mother",
                "my father",
                "as a patient",
                "my appointment",
                "my outpatient",
                "my op ",
                "hsj",
                "bbc",
                "itv",
                "reporting",
                "reported that",
                "documentary",
                "panorama",
                "colleagues there",
                "thoughts with",
                "join @",
                "joining @",
                "start at @",
                "starting at @",
                "move to @",
                "moving to @"
            ]
        );
    own.then(|| NHS_HANDLE.find_iter(cased))
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m.end() - m.as_str().trim_start_matches(|c| c != '@').len(),
                m.end(),
            )
        })
        .filter(|&(s, e)| {
            // A campaign's handle: "@DefendOurNHS", "@SaveOurNHS", "@KeepOurNHSPublic".
            let handle = &d.cased()[s + 1..e];
            ![
                "save", "defend", "keep", "protect", "support", "fund", "fight", "our",
            ]
            .iter()
            .any(|w| {
                handle
                    .get(..w.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(w))
            })
        })
}

fn employer_near(d: &Draft<'_>, h: &Hit) -> bool {
    nhs_handles(d).any(|(s, e)| within_reach(d, h, s, e, 200))
        || OWN_WORKPLACE
            .find_iter(d.lower())
            .filter(|m| !crate::any_of!(m.as_str(), [" old ", " former ", " last ", " previous "]))
            .any(|m| within_reach(d, h, m.start(), m.end(), 220))
        || d.hits_of(Lex::PolicyEmployer)
            .chain(d.hits_of(Lex::EmployerGeneric))
            .chain(d.hits_of(Lex::EmployerIndirect))
            .any(|x| within_reach(d, h, x.start, x.end, 200))
}

/// "is a liar", "'s a fraud": a verdict on someone's character.
static CHARACTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:is|'s|was) an? (?:[a-z]+ )?(?:liar|fraud|crook|thief|cheat)|are (?:[a-z]+ )?(?:liars|frauds|crooks|thieves|cheats))(?-u:\b)").expect("valid regex")
});

/// Wrongdoing pinned on one person for their own gain or character, or on an outside firm ("our
/// finance director is fiddling his expenses", "he's a liar and a fraud", "Acme Facilities have
/// been signing off checks they never did"): defamation of them, not a claim about the employer.
fn accuses_someone_else(d: &Draft<'_>, h: &Hit) -> bool {
    if !d.hits_in(h.start, h.end).any(|x| x.lex == Lex::Accusation) {
        return false;
    }
    let (ss, se) = d.sentence(h.start);
    let sentence = &d.lower()[ss..se];
    let own_gain = crate::any_of!(
        sentence,
        [
            "expenses",
            "overtime",
            "mileage",
            "holiday pay",
            "kickbacks",
            "backhanders",
            "timesheets",
            "as her own",
            "as his own",
            "on-call claims",
            "overtime claims",
            "raffle",
            "pocketing",
            "helped herself",
            "helped himself",
            "private clinic",
            "private lists"
        ]
    );
    let firm_in = |fs: usize, fe: usize| {
        d.hits_in(fs, fe).all(|x| x.lex != Lex::PolicyEmployer)
            && d.people().iter().any(|&(s, e)| {
                s >= fs && e <= fe && (d.is_organisation(s, e) || d.cased()[s..e].starts_with('@'))
            })
    };
    // In a short post the firm may be named in one sentence and called negligent in the next.
    let whole = d.lower().len();
    let outside_firm = firm_in(ss, se)
        || (whole <= SHORT_POST && firm_in(0, whole) && !own_workplace_in(d, 0, whole));
    own_gain || outside_firm || CHARACTER.is_match(sentence) || elsewhere(d)
}

/// Another organisation named as where it happened ("the urology lead at North Wessex",
/// "Mr Chandra at Northfield General", "Northvale's chief exec").
static OTHER_ORGANISATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:at|of|from) (?:the )?(?:[A-Z][a-z]+ ){1,3}(?:General|Trust|Hospitals?|Infirmary|Foundation Trust|NHS Trust|Health Board)|(?:at|of|from) (?:North|South|East|West|Mid|Upper|Lower) [A-Z][a-z]+|[A-Z][a-z]+(?:'s|\u{2019}s) (?:chief exec|chief executive|ceo|medical director|chief nurse|director of nursing|chief pharmacist|board))(?-u:\b)").expect("valid regex")
});

/// Whether `s..e` refers to the author's own workplace: "our"/"my" workplace, a generic or
/// indirect reference that is not just "the trust", or the employer the policy names.
fn own_workplace_in(d: &Draft<'_>, s: usize, e: usize) -> bool {
    nhs_handles(d).any(|(hs, he)| hs >= s && he <= e)
        || OWN_WORKPLACE.find_iter(&d.lower()[s..e]).any(|m| {
            !crate::any_of!(m.as_str(), [" old ", " former ", " last ", " previous "])
                && !m.as_str().starts_with("this ")
        })
        || d.hits_in(s, e).any(|x| {
            x.start >= s
                && (x.lex == Lex::PolicyEmployer
                    || (matches!(x.lex, Lex::EmployerGeneric | Lex::EmployerIndirect)
                        && !d.lower()[x.start..x.end].starts_with("the ")))
        })
}

/// The post places the wrongdoing at another named organisation and never at the author's
/// own: an accusation against them, not a claim about the employer.
pub(crate) fn elsewhere(d: &Draft<'_>) -> bool {
    let cased = d.cased();
    OTHER_ORGANISATION.find_iter(cased).any(|m| {
        d.hits_in(m.start(), m.end())
            .all(|x| x.lex != Lex::PolicyEmployer)
    }) && !own_workplace_in(d, 0, cased.len())
}

/// A word of the claim lexicon used as a name or for someone else's trouble: "our crisis team",
/// "a safe space for people in crisis".
fn not_a_claim(d: &Draft<'_>, h: &Hit) -> bool {
    let lower = d.lower();
    // "Nobody was harmed, but I felt sick for a week": the harm denied, not claimed.
    if d.preceded_by(
        h.start,
        20,
        &[
            "nobody was ",
            "no one was ",
            "no-one was ",
            "nobody got ",
            "no one got ",
            "no patient was ",
            "no patients were ",
            "no one has been ",
        ],
    ) {
        return true;
    }
    let word = &lower[h.start..h.end];
    let after = d.lower_after(h.end, 16);
    // "truly terrible puns", "failed miserably" keeping up on Strava: a joke, not a claim.
    if (matches!(word, "terrible" | "awful" | "dreadful")
        && crate::any_of!(
            after,
            [
                "pun", "joke", "singing", "dancing", "biscuit", "coffee", "handwriting", "taste",
                "banter", "karaoke", "impression", "dad joke"
            ]
        ))
        || (word == "failed" && after.starts_with(" miserably"))
        // Advice: "avoid caffeine".
        || (word == "avoid"
            && crate::any_of!(
                after,
                ["caffeine", "alcohol", "screens", "naps", "heavy", "blue light", "sugar"]
            ))
    {
        return true;
    }
    // Trains and buses are cancelled, not the workplace.
    if word == "cancelled" {
        let (ss, se) = d.sentence(h.start);
        if crate::any_of!(
            &lower[ss..se],
            [
                "train ",
                "trains",
                "bus ",
                "buses",
                "flight",
                "ferry",
                "avanti",
                "northern",
                "transpennine"
            ]
        ) {
            return true;
        }
    }
    if word != "crisis" {
        return false;
    }
    let after = &lower[h.end..];
    [
        " team",
        " service",
        " line",
        " cafe",
        " café",
        " house",
        " resolution",
    ]
    .iter()
    .any(|w| after.starts_with(w))
        || crate::any_of!(
            d.lower_before(h.start, 16),
            [
                "people in ",
                "patients in ",
                "someone in ",
                "those in ",
                "anyone in "
            ]
        )
}

/// The claim's sentence says it is true everywhere ("staffing is tough everywhere this winter")
/// and does not name the employer: national news, not a claim about the workplace.
fn told_of_everyone(d: &Draft<'_>, h: &Hit) -> bool {
    let (ss, se) = d.sentence(h.start);
    crate::any_of!(
        &d.lower()[ss..se],
        [
            "everywhere",
            "across the nhs",
            "nationally",
            "across the country",
            "up and down the country",
            "every trust",
            "every hospital",
            "national scandal",
            "government level"
        ]
    ) && d.hits_in(ss, se).all(|x| x.lex != Lex::PolicyEmployer)
}

/// A problem told with its fix ("over capacity this winter; a new unit opens next month"):
/// balanced news, not criticism.
fn with_its_fix(lower: &str) -> bool {
    crate::any_of!(
        lower,
        [
            "action plan",
            "is funded",
            "are funded",
            "both funded",
            "now funded",
            "opens next month",
            "should really help",
            "credit to",
            "we're hiring",
            "we are hiring",
            "working on it",
            "it's fair",
            "one step at a time",
            "how we learn",
            "we're recruiting",
            "we are recruiting",
            "re-inspection",
            "feels different",
            "turnaround",
            "so fewer",
            "so that fewer",
            "a good one",
            "small step",
            "recruitment open day",
            "open day is",
            "spread the word"
        ]
    )
}

/// A safety problem told with what was learned or changed since ("the learning culture on our
/// ward is great", "since then, double checks; errors down by half"): how safety should work.
fn learned_from(lower: &str) -> bool {
    crate::any_of!(
        lower,
        [
            "learning culture",
            "a learning thing",
            "not a blame thing",
            "learning shared",
            "how we learn",
            "down by half",
            "halved",
            "since then,",
            "we're recruiting",
            "we are recruiting",
            "we're hiring",
            "we are hiring"
        ]
    )
}

/// What the employer says, put in scare quotes: "Trust says our lone working policy is 'robust'",
/// "management insist it's 'a reconfiguration'".
static SCARE_QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u:\b)(?:says?|insists?|calls? (?:it|itself|this)|claims?|bangs? on about|promised|tells us|told us|describes? (?:it|this) as)(?: [a-z']+){0,5} ['"\u{2018}\u{201C}]"#).expect("valid regex")
});

/// Irony and understatement about the workplace ("Speech therapy at the mothership: one
/// therapist for four wards. Genius."): a claim without a negative word.
fn ironic_claim(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) -> bool {
    let Some(h) = d.hits_of(Lex::EmployerIrony).find(|h| employer_near(d, h)) else {
        return pointed_remark(d, rule, out);
    };
    let said = d.original_text(h.start, h.end);
    out.push(rule.finding(
        d,
        h.start,
        h.end,
        format!("\"{said}\": irony about your own workplace still reads as a claim against it."),
    ));
    true
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    if let Some((ms, me, staffing)) = safety_pattern(d) {
        let synthetic = crate::lexicon::Hit {
            lex: Lex::SafetyConcern,
            start: ms,
            end: me,
        };
        if employer_near(d, &synthetic)
            || OWN_SHIFT.iter().any(|w| d.lower().contains(w))
            // A staffing ratio is told of the author's own workplace even when it is named only
            // by its ward or site ("2 RNs for 28 patients on Ward 7"), unless it is a care home's.
            || (staffing && !crate::lower_has_any!(d, ["care home", "nursing home"]))
        {
            let claim = d.original_text(ms, me);
            let mut f = rule.finding(
                d,
                ms,
                me,
                format!(
                    "\"{claim}\": a patient-safety concern about your own workplace, in public."
                ),
            );
            f.concern = true;
            out.push(f);
            return;
        }
    }
    if sarcastic_slogan(d, rule, out) {
        return;
    }
    if !d.has(Lex::NegativeClaim) {
        if !ironic_claim(d, rule, out) && !leaked_bad_news(d, rule, out) {
            heated_about_workplace(d, rule, out);
        }
        return;
    }
    let lower = d.lower();
    static NATIONAL: crate::lexicon::WordSet = crate::lexicon::WordSet::new(&[
        "across the nhs",
        "nationally",
        "national",
        "the government",
        "uk-wide",
        "england",
        "the country",
        "survey",
        "report says",
        "figures show",
        "king's fund",
        "nuffield",
        "bbc",
        "according to",
    ]);
    // A story on screen ("the chief exec character is such a crook ... every episode").
    let fiction = || {
        crate::lower_has_any!(
            d,
            [
                "episode",
                "telly",
                "hospital drama",
                "box set",
                "the series",
                "the film"
            ]
        )
    };
    for h in d.hits_of(Lex::NegativeClaim) {
        let safety = d
            .hits_in(h.start, h.end)
            .any(|x| x.lex == Lex::SafetyConcern);
        let (ss, se) = d.sentence(h.start);
        let sentence = &lower[ss..se];
        let tied = employer_near(d, h);
        // Good news that mentions a problem it solved is not criticism.
        let (ps, pe) = d.sentence(h.start);
        // Vacancies are good news only when someone is recruiting to them.
        let recruiting = crate::lower_has_any!(
            d,
            [
                "recruiting",
                "hiring",
                "join us",
                "join our",
                "apply",
                "come and",
                "down from",
                "down to",
                "fell",
                "ask about",
                "interested in",
                "recruitment",
                "open day"
            ]
        );
        let praise = d.hits_in(ps, pe).any(|p| {
            p.lex == Lex::PositiveNews
                && p.start >= ps
                && !quoted(d, p.start)
                && !negated(d, p.start)
                && (recruiting || !lower[p.start..p.end].starts_with("vacanc"))
        }) && !safety;
        let joking = crate::lower_has_any!(d, ["😂", "🤣", "haha"]);
        // A quoted slogan ('outstanding care') makes the praise around it sarcasm.
        let sarcastic = d.hits_of(Lex::PositiveNews).any(|p| quoted(d, p.start))
            || crate::lower_has_any!(
                d,
                [
                    "amazing how",
                    "love how",
                    "love that",
                    "funny how",
                    "interesting that",
                    "interesting how",
                    "great to see how",
                    "\u{1F643}",
                    "meanwhile",
                    "before tweeting",
                    "tweeting about",
                    "post all the",
                    "all you like"
                ]
            );
        let balanced = !sarcastic && ((!safety && with_its_fix(lower)) || learned_from(lower));
        if (praise && !sarcastic)
            || (joking && !safety)
            || balanced
            || insult_at_staff(d, h)
            || accuses_someone_else(d, h)
            || not_a_claim(d, h)
            || told_of_everyone(d, h)
            || fiction()
        {
            continue;
        }
        let own_shift = safety
            && OWN_SHIFT
                .iter()
                .any(|w| sentence.contains(w) || lower.starts_with(w.trim()));
        let told_nationally = NATIONAL.is_match(lower) && !d.has(Lex::PolicyEmployer);
        if tied || (own_shift && !told_nationally) {
            let claim = d.original_text(h.start, h.end);
            let mut f = rule.finding(
                d,
                h.start,
                h.end,
                format!("\"{claim}\" said about your own workplace."),
            );
            if safety {
                f.message = format!(
                    "\"{claim}\": a patient-safety concern about your own workplace, in public."
                );
            }
            out.push(f);
            return;
        }
    }
    if !ironic_claim(d, rule, out) && !leaked_bad_news(d, rule, out) {
        heated_about_workplace(d, rule, out);
    }
}

/// The employer as an institution, not a shift, a rota or a colleague: "our trust", "this
/// hospital", "management at my place", "nobody at head office".
static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?:our|my|this) (?:[a-z&'-]+ )?(?:trust|hospital|health board|board|hospice|practice|surgery|a&e|ed|pharmacy dept|employer|organisation|company|execs?|directors|leadership)|(?:our|my|this|the|senior|theatre) management|(?:our|my) place|head office|the execs|(?:at|from|up) the top|up top|the hospice i work for|where i work)(?-u:\b)")
        .expect("valid regex")
});

/// Anger, despair, swearing or drink poured out about the author's own workplace ("Absolutely
/// livid. Our trust has announced vacancy control", "nobody at this trust cares. I'M DONE"): in
/// the corpus and the calibration set nine such posts in ten were labelled as harming the
/// employer, whatever words the complaint used.
fn heated_about_workplace(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    let lower = d.lower();
    let Some(heat) = d.hits.iter().find(|h| {
        matches!(
            h.lex,
            Lex::Anger | Lex::Despair | Lex::Swear | Lex::DontCare | Lex::Drinking
        )
    }) else {
        return;
    };
    if crate::lower_has_any!(d, ["😂", "🤣", "haha", "lol"])
        || d.hits_of(Lex::PositiveNews)
            .any(|p| !quoted(d, p.start) && !negated(d, p.start))
    {
        return;
    }
    // Wrongdoing pinned on one person ("our practice manager has been pocketing the budget")
    // or a remark about a group of staff is defamation's or bullying's, not the employer's.
    if d.hits_of(Lex::Accusation)
        .any(|h| accuses_someone_else(d, h))
        || d.hits.iter().any(|h| {
            matches!(
                h.lex,
                Lex::ProtectedGroup | Lex::Stereotype | Lex::Slur | Lex::DiscriminatoryPhrase
            )
        })
    {
        return;
    }
    let workplace = INSTITUTION
        .find_iter(lower)
        .filter(|m| {
            let after = d.lower_after(m.end(), 10);
            !crate::any_of!(
                m.as_str(),
                [
                    " old ",
                    " former ",
                    " last ",
                    " previous ",
                    " week ",
                    " time "
                ]
            ) && !d.lower_before(m.start(), 6).ends_with("know ")
                && !d.lower_before(m.start(), 4).ends_with("in ")
                && !crate::any_of!(
                    after,
                    [
                        " scrubs",
                        " uniform",
                        " lanyard",
                        " badge",
                        " tunic",
                        " car park",
                        " clinic",
                        " service",
                        " team"
                    ]
                )
        })
        .map(|m| (m.start(), m.end()))
        .chain(d.hits_of(Lex::PolicyEmployer).map(|x| (x.start, x.end)))
        .find(|&(s, e)| within_reach(d, heat, s, e, 200));
    let Some((s, e)) = workplace else {
        return;
    };
    let place = d.original_text(s, e);
    out.push(rule.finding(
        d,
        s,
        e,
        format!("\"{place}\": your own workplace, in a post written in anger or distress."),
    ));
}

/// The employer's words in scare quotes and then contradicted, with the employer in the same
/// sentence. (Rhetorical
/// questions were tried too: most "why does..." in the corpus are about colleagues, not the
/// employer, and they are left to the bullying rules.)
fn pointed_remark(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) -> bool {
    let lower = d.lower();
    let employer_in = |s: usize, e: usize| {
        OWN_WORKPLACE
            .find_iter(&lower[s..e])
            .any(|m| !crate::any_of!(m.as_str(), [" old ", " former ", " last ", " previous "]))
            || d.hits_in(s, e).any(|x| {
                x.start >= s
                    && matches!(
                        x.lex,
                        Lex::PolicyEmployer | Lex::EmployerGeneric | Lex::EmployerIndirect
                    )
            })
    };
    // An opening quote (an apostrophe after a space, not the one in "don't") gates the regex.
    let quoted = if lower.contains(" '")
        || d.has_byte(b'"')
        || lower.contains("\u{2018}")
        || lower.contains("\u{201C}")
    {
        SCARE_QUOTED.find(lower)
    } else {
        None
    };
    let Some((s, e)) = quoted
        .filter(|m| {
            let (s, e) = d.sentence(m.start());
            // Quoted and then contradicted: "... 'robust'. Mine hasn't worked since March".
            let contradicted = crate::any_of!(
                &lower[m.end()..],
                [
                    " when ",
                    " while ",
                    " but ",
                    " yet ",
                    "sure",
                    "\u{1F644}",
                    "\u{1F643}",
                    "meanwhile",
                    "mine ",
                    "reality",
                    "apparently"
                ]
            );
            contradicted && employer_in(s, e)
        })
        .map(|m| (m.start(), m.end()))
    else {
        return false;
    };
    let said = d.original_text(s, e);
    out.push(rule.finding(
        d,
        s,
        e,
        format!(
            "\"{said}\": a pointed remark about your own workplace reads as a claim against it."
        ),
    ));
    true
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "employer-criticism";

    #[test]
    fn an_nhs_bodys_own_handle_tagged_in_a_complaint_is_the_employer() {
        assert_flags(
            "@KingswayGeneralNHS care to explain why your 'outstanding' stroke unit had zero SLT cover all weekend?",
            R,
        );
        assert_flags(
            "@ValleysUHB post all the #DiabetesWeek graphics you like, your own inpatient diabetes team is down to one nurse",
            R,
        );
        assert_flags(
            "Another plastics list cancelled because there's no theatre staff. @CalthorpeUHB sort it out.",
            R,
        );
        assert_flags(
            "@MFTnhs have cancelled all study leave again. Staff are exhausted and care is suffering.",
            R,
        );
        // A primary care network employs its practice pharmacists and therapists.
        assert_flags(
            "@SevernHillsPCN you are a disgrace. Three years of unpaid overtime and not even a thank you",
            R,
        );
        // The news, a campaign, a patient's or a relative's complaint, or a new job.
        for t in [
            "HSJ: @EastCoastUHB placed in special measures after the CQC found unsafe staffing. Thoughts with colleagues there.",
            "@DefendOurNHS rally outside parliament today: underfunding is leaving patients in corridors",
            "My nan was left in soiled sheets for hours at @OakfieldUHB. We have made a formal complaint to PALS.",
            "Delighted to join @MeadowNHS next month after 10 years at a trust where I felt unsafe every shift.",
        ] {
            assert_clean(t, R);
        }
        // A person's handle is not the employer's.
        assert_clean(
            "Everyone go and tell @sarah_physio_nhs what you think of her 'rehab is for everyone' post. She's clueless.",
            R,
        );
        // Good news tagged to one, a charity's handle, or a handle that only ends in the letters.
        assert_clean(
            "Thank you @TrentsideNHS for the free staff breakfast this morning for the NHS birthday",
            R,
        );
        assert_clean(
            "Safe sleep reminder: on their back, feet to foot, clear cot. @LullabyTrust has loads more.",
            R,
        );
    }

    #[test]
    fn jokes_trains_and_advice_are_not_claims_about_the_workplace() {
        assert_clean(
            "Happy retirement to our chief pharmacist! Thirty years of leadership and truly terrible puns.",
            R,
        );
        assert_clean(
            "Trains from Bangor cancelled AGAIN. Arrived at work drenched.",
            R,
        );
        assert_clean(
            "Sleep hygiene for night workers, from our occupational health team: avoid caffeine late on.",
            R,
        );
        assert_clean(
            "Our Eccles team got a lovely mention in the local paper for the free BP checks. Proud of you lot!",
            R,
        );
        assert_flags(
            "Our chief exec lied to the local paper about our waiting times. I've got the real figures.",
            R,
        );
        assert_flags(
            "Our practice manager cancelled the fire training again. Third year running.",
            R,
        );
    }

    #[test]
    fn a_staffing_ratio_is_the_authors_workplace_unless_a_care_homes() {
        assert_flags(
            "Third night this week with one registered nurse for 28 patients on Ward 7. Noble's is not safe right now and someone has to say it.",
            R,
        );
        assert_flags(
            "Two pharmacists covering the whole of Treliske this weekend. 750 beds. It is not safe.",
            R,
        );
        assert_clean(
            "Sunnymead care home in Thirsk takes the council's money for 1:1 dementia care and staffs nights with one carer for 12 residents.",
            R,
        );
        // Any clinician counts, and one covering a whole area.
        assert_flags(
            "Fenland Royal is the most dangerous hospital I've ever locumed at. 1 med reg for 120 patients overnight. Avoid.",
            R,
        );
        assert_flags(
            "AM I THE ONLY ONE WHO THINKS IT'S INSANE THAT OUR LIMB CENTRE HAS ONE PROSTHETIST COVERING HALF OF LINCOLNSHIRE???",
            R,
        );
    }

    #[test]
    fn a_long_wait_or_a_thin_rota_at_our_workplace_is_flagged() {
        assert_flags(
            "Routine echo wait at our hospital is 58 weeks. Patients are getting sicker while they wait.",
            R,
        );
        assert_flags(
            "Families waited 9 hours on our PAU tonight with no food offered.",
            R,
        );
        // Days, "hrs", and small numbers in words count as long waits too.
        assert_flags(
            "Patients on our wards waiting 3 days for their Parkinson's meds to be ordered. Time critical medicines my foot.",
            R,
        );
        assert_flags(
            "Kids with scalds waiting 9 hrs in our ED before plastics even see them. Not ok.",
            R,
        );
        assert_flags(
            "Folk at our day hospital waited three hours in the cold for transport home today. That's the service now.",
            R,
        );
        // The author's own appointment, a record low, or the whole country.
        assert_clean(
            "Had my own thyroid clinic appointment today, waited two hours and finished a whole novel. Staff were lovely though.",
            R,
        );
        assert_clean(
            "Big week: the sleep service hit its shortest wait from referral to diagnosis in three years. Proud of this team",
            R,
        );
        assert_flags(
            "One dietitian for 400 dialysis patients where I work. ONE.",
            R,
        );
        assert_flags(
            "The neonatal unit where I work has had no practice educator for 14 months.",
            R,
        );
        // A wait coming down, advice to skip it, or the national picture.
        assert_clean(
            "Our routine endoscopy wait is down to 6 weeks from 12 last year thanks to the weekend lists.",
            R,
        );
        assert_clean(
            "Outpatient waits at our centre are around 14 weeks; we're recruiting two more physiologists to bring it down.",
            R,
        );
        assert_clean(
            "RCSLT's latest survey shows children's SLT waits over 40 weeks in some parts of England. Nationally, we need investment.",
            R,
        );
    }

    #[test]
    fn patients_cared_for_in_corridors_at_our_workplace_are_flagged() {
        assert_flags(
            "Our ward's had NOFs on corridor trolleys for three weeks now. Dignity? Aye right.",
            R,
        );
        assert_flags(
            "Love that my hospital's answer to 14 trolleys in the corridor is a new wellbeing poster",
            R,
        );
        assert_clean(
            "No patients in the corridor at our hospital today for the first time since October, well done everyone",
            R,
        );
        assert_clean(
            "Our corridor art project with the local primary school is up!",
            R,
        );
    }

    #[test]
    fn flags_the_seed_tweet() {
        assert_flags(
            "Staff cutbacks at Metropolis NHS Trust are putting patient care at risk",
            R,
        );
    }

    #[test]
    fn flags_generic_employer_phrases_and_own_shift() {
        assert_flags(
            "Management at my hospital couldn't care less about staff",
            R,
        );
        assert_flags("Unsafe staffing again tonight. 2 nurses for 28 patients", R);
        assert_flags("@MetropolisNHS your A&E is a disgrace", R);
    }

    #[test]
    fn good_news_and_national_news_are_clean() {
        assert_clean("So proud of our pharmacy team at Metropolis General!", R);
        assert_clean(
            "King's Fund figures show NHS staffing vacancies fell to 100,000",
            R,
        );
        // A cake is not a claim about the employer.
        assert_clean(
            "Our ward raised £800 at the Macmillan coffee morning ☕🧁 who knew the night staff could bake",
            R,
        );
    }

    #[test]
    fn flags_staff_losses_cuts_and_thin_cover() {
        assert_flags("Our department has lost 6 radiographers since January", R);
        assert_flags("1 nurse, 1 HCA, 24 patients on our ward again", R);
        assert_flags(
            "Board papers say they're cutting 40 nursing posts at our trust",
            R,
        );
        assert_flags("Our place only runs one radiographer overnight", R);
        assert_flags(
            "Rota for our new out-of-hours hub: ONE GP overnight for the whole of North Cumbria. I wish I was joking.",
            R,
        );
        assert_flags(
            "We're so short in specimen reception that urgent ED bloods sit in a tray for 40 mins before anyone books them in",
            R,
        );
        assert_clean(
            "We lost 3 stone between us on the team weight-loss challenge",
            R,
        );
        // Short of something else, or short-handed for a reason told kindly.
        assert_clean(
            "We're so short of mince pies that someone has to do a Greggs run",
            R,
        );
    }

    #[test]
    fn negated_praise_is_still_criticism() {
        assert_flags(
            "Proud of the NHS. NOT proud to work for my current trust, which treats staff like disposable parts",
            R,
        );
        assert_clean("So proud to work for our trust, what a team", R);
    }

    #[test]
    fn top_as_in_from_the_top_is_not_praise() {
        assert_flags("This hospital is a shambles from top to bottom.", R);
        assert_flags("Metropolis NHS Trust is rotten from the top.", R);
    }

    #[test]
    fn raises_a_concern() {
        let engine = crate::Engine::new(&crate::Policy::example()).unwrap();
        let r = engine.check(
            "Unsafe staffing on our ward tonight, patients at risk",
            None,
        );
        assert!(r.raise_concern);
    }

    #[test]
    fn flags_leaked_bad_news_about_the_workplace() {
        assert_flags(
            "Our insulin prescribing audit found 38% of charts had an error. Not published yet",
            R,
        );
        assert_flags(
            "The serious incident report into the death on Ward 8 went round internally today",
            R,
        );
        assert_clean(
            "Our audit won the poster prize at the regional meeting. Not published yet, so proud",
            R,
        );
    }

    #[test]
    fn flags_decline_idioms_and_sarcastic_slogans() {
        assert_flags(
            "Infection control on our unit has gone to the dogs since the restructure",
            R,
        );
        assert_flags(
            "Our trust shut the children's respite beds to balance the books",
            R,
        );
        assert_flags(
            "@MetropolisNHS posting about 'award-winning care' while our A&E has no heating",
            R,
        );
        assert_clean(
            "Got an 'award' for best tea maker while on nights, our ward is the best",
            R,
        );
    }

    #[test]
    fn insults_at_colleagues_by_role_are_bullying_not_the_employer() {
        assert_clean("The porters on our site are useless, took an hour", R);
        assert_flags(
            "Our management are useless, three wards without a nurse in charge",
            R,
        );
    }

    #[test]
    fn signals_in_different_stories_of_a_long_post_are_not_a_claim() {
        assert_clean(
            "Week in review. Monday I finally finished the decorating and the spare room looks great. \
             Our ward welcomed two new preceptees on Wednesday and they fitted right in with everyone. \
             Thursday was a lovely quiz night with friends from uni. \
             Saturday the kids' birthday party turned into total chaos, eleven seven-year-olds and a bouncy castle.",
            R,
        );
        assert_flags(
            "Our ward has had one nurse to twelve patients all week, every night shift. Chaos, and nobody above us seems to notice.",
            R,
        );
    }

    #[test]
    fn wrongdoing_pinned_on_one_person_or_an_outside_firm_is_defamation_not_the_employer() {
        assert_clean(
            "Our estates director is fiddling his mileage claims again",
            R,
        );
        assert_clean("Our head of finance is a liar and a crook", R);
        assert_clean(
            "Brightclean Facilities have been faking the cleaning logs at our site for months",
            R,
        );
        assert_flags(
            "Our trust is fiddling the waiting list figures to hit target",
            R,
        );
    }

    #[test]
    fn a_problem_told_with_its_fix_is_balanced() {
        assert_clean(
            "Morale on our unit has been low since the restructure. The action plan is working and people are smiling again.",
            R,
        );
        assert_flags(
            "Morale on our unit has been rock bottom since the restructure and nobody above us cares.",
            R,
        );
    }

    #[test]
    fn irony_and_understatement_about_the_workplace_are_a_claim() {
        assert_flags(
            "Weekend physio cover where I'm based: one physio for three wards. Genius.",
            R,
        );
        assert_flags(
            "Our leadership shut the staff canteen to save money on the night shift. Make it make sense.",
            R,
        );
        assert_flags(
            "Third week the hoist on our ward has been broken for lack of a part. Totally fine.",
            R,
        );
        assert_clean(
            "My daughter solved the crossword in ten minutes. Genius.",
            R,
        );
        assert_clean(
            "Proud of the new falls pathway on our ward: fewer falls every month this year.",
            R,
        );
    }

    #[test]
    fn services_named_crisis_national_news_and_fiction_are_not_claims() {
        assert_clean(
            "Our crisis team are running a stall at the summer fair, come and say hello",
            R,
        );
        assert_clean(
            "Our ward's new quiet room gives people in crisis somewhere calm to wait",
            R,
        );
        assert_clean(
            "Recruitment is hard everywhere this year. Our ward team keeps smiling through it.",
            R,
        );
        assert_clean(
            "Binged the new hospital drama: the trust board are such crooks, lying to everyone every episode",
            R,
        );
        assert_flags(
            "Our crisis team is in crisis: two staff for the whole county",
            R,
        );
    }

    #[test]
    fn the_employers_words_in_scare_quotes_are_a_claim() {
        assert_flags(
            "Our trust says the new rota is 'family friendly'. Mine has me on six lates in a row.",
            R,
        );
        assert_clean(
            "Our trust says the flu clinic is 'open to all staff' from Monday.",
            R,
        );
        assert_clean("Why does my cat always sit on the laptop?", R);
        assert_clean(
            "Does anyone at our trust know when the car park reopens?",
            R,
        );
    }

    #[test]
    fn a_problem_told_with_what_was_learned_or_fixed_is_balanced() {
        for t in [
            "wrote my first datix today, for a near miss on our ward. felt terrifying but honestly the learning culture on our ward is great",
            "Honest: we had a bad run of medication errors on our ward in the spring. Since then, protected drug rounds and double checks. Errors down by half.",
        ] {
            assert_clean(t, "employer-criticism");
        }
    }

    #[test]
    fn plain_words_for_an_unsafe_workplace_are_a_claim() {
        for t in [
            "Where I work the night shift has one nurse for the whole floor half the time. It isn't safe.",
            "Our unit has been a shambles since the merger and nobody in charge will admit it.",
            "Our ward keeps running out of thickener and someone is going to get hurt. Everyone upstairs knows.",
            "My trust's answer to a 40% vacancy rate is a wellbeing webinar.",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn wrongdoing_placed_elsewhere_or_for_private_gain_is_an_accusation_not_a_claim() {
        for t in [
            "The cardiology lead at Eastfield General bills for clinics he never runs. Fraud, and the trust knows it.",
            "Our deputy manager has been fiddling her on-call claims for a year, thousands of pounds.",
            "Brightside Locums sent us two pharmacists with forged certificates. Negligent, start to finish.",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn good_news_and_national_news_are_not_claims() {
        for t in [
            "Two years without a never event in our theatres. Proud of every one of you.",
            "Infection control audit on our ward came back at 97% this month, well done all",
            "Reporting near misses is how we learn. Datix them, every time, on our unit too.",
            "Parking at work costs more than lunch. A national scandal that needs fixing at government level.",
            "Our team sat on the panel for the new band 6 posts today: so many great candidates.",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn apostrophes_are_not_scare_quotes_and_ratings_in_quotes_are_not_boasts() {
        for t in [
            "Our trust has 9 pharmacist vacancies and we're recruiting: flexible working, a great team, come and see us",
            "Our unit was rated 'requires improvement' two years ago. Since then, a new triage system, and the re-inspection went well. Proud of us.",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "Our trust can't fill nine pharmacy vacancies while the execs sign off their own pay rises",
            R,
        );
    }

    #[test]
    fn a_leaked_closure_alone_is_not_a_claim_against_the_workplace() {
        assert_clean(
            "Heard at the managers' meeting that our day unit is closing in May and moving sites. Not announced yet.",
            R,
        );
        assert_flags(
            "Leaked draft RCA for our ward: the insulin error was missed three times by the night team. Not published yet.",
            R,
        );
    }

    #[test]
    fn anger_poured_out_about_the_employer_is_a_claim_about_it() {
        for t in [
            "Absolutely livid. Our trust has announced a second round of 'vacancy control' this week.",
            "Three glasses of wine in and I'll say it: the management at our trust would let the place burn down before they'd fund another nurse.",
            "Fuming!!! Parked here 11 years and now management want £65 a month off band 2s. Our trust can do one.",
        ] {
            assert_flags(t, R);
        }
        for t in [
            // A rota, a colleague, a place in an idiom or a uniform: not the employer.
            "fcuk this rota, fcuk the car park, fcuk everything about today",
            "Today a newly qualified nurse told me to 'know my place' in front of a patient. I'm so angry.",
            "Three pints deep in the social club, still in my ED scrubs 🙈",
            "FUMING. Our practice manager has been pocketing the training budget for 2 years and nobody will listen!!!",
            "Absolutely livid, our trust won the quiz again haha",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn this_is_how_people_die_and_a_leaked_damning_report_are_claims() {
        assert_flags(
            "Our trust's new capacity protocol puts a 4th patient in a 3-bed bay. This is how people die.",
            R,
        );
        assert_flags(
            "Leaked: the draft CQC report on our ambulance service is damning. Screenshot in the comments",
            R,
        );
        assert_clean(
            "First year as a nurse is brutal and nobody really prepares you for it. Be kind to yourself.",
            R,
        );
    }

    #[test]
    fn good_news_with_its_fix_or_a_recruitment_day_is_not_a_claim() {
        for t in [
            "Our trust has opened 12 new SDEC chairs this week so fewer patients wait on trolleys. Small step, but a good one.",
            "Our trust has 312 vacancies right now, and the recruitment open day is Saturday 10-2. Spread the word!",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn a_unit_named_by_its_kind_with_broken_kit_or_cut_cover_is_the_employer() {
        assert_flags(
            "Our MIU's X-ray machine has been broken for 3 weeks. Every query ankle gets sent to Newport in a taxi.",
            R,
        );
        assert_flags(
            "Our trust has cut the alcohol care team to weekdays only. So if you start fitting on a Saturday, good luck to you.",
            R,
        );
        assert_flags(
            "Nowt changes at ours. Same broken centrifuge, same excuses from the top floor, same families waiting.",
            R,
        );
    }
}
