//! `leader-accused`: wrongdoing pinned on one of the author's own organisation's leaders.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::rules::defamation::accusation;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "leader-accused",
    category: Category::OrganisationReputation,
    severity: Severity::Medium,
    policy: clauses::R14,
    suggestion: "If you believe a manager is doing wrong, report it where it can be investigated: counter-fraud, your Freedom to Speak Up guardian, or the director above them. In public it becomes a story about your employer, and about you.",
    docs: RuleDocs {
        what: "An accusation of wrongdoing (found as the `accusation` rule finds it, whether or not that rule is on) whose target is a leader of your own organisation, introduced by \"our\" or \"my\": \"our chief pharmacist\", \"our finance director\", \"my ward manager\", \"our head of service\". Anyone else of your own (\"our supervising consultant\", \"the locum on our unit\") counts when the wrong is done to care or its records (falsified or altered notes, a cover-up, neglect), or is theft or a bribe (\"our delivery driver has been nicking co-codamol\", \"our consultant takes backhanders from the rep\"). A ward's or a service's own leader needs no \"our\": \"the ward manager on Ash Ward\", \"the new matron\", \"the clinical lead\", \"the head of nursing\"; nor does anyone placed on a ward, a team or a shift as its staff place them (\"Dr Hussain on Ward 6\", \"Sister Julie on nights\") when the wrong is done to care or its records, or is theft or a bribe.",
        why: "When a manager or director of your own trust is said to lie, cover up or fiddle the figures, readers take it as a claim about the organisation they run, not only about one person: it damages the employer's reputation as well as being a possible defamation.",
        example: "Our estates director took backhanders from the contractor",
        rewrite: "I've raised a concern about how some finance decisions were made with our counter-fraud team",
        false_positives: "A former employer (\"my old manager\", \"at her last trust\"), a manager at an outside firm (\"our account manager at Acme Pharma\") or the ICB, someone else's manager (\"my friend's manager\"), a leader praised for exposing the wrongdoing, a private wrong between colleagues (the tea fund, a locker, a portfolio, \"stole my lunch\"), someone else's ward (\"on ward 3 at Kingsway\", \"the matron at the hospice where my mum died\"), a story told in public (a drama, the news, an inquiry), a pet, and a post `employer-criticism` already flags.",
    },
    check,
};

/// "our" or "my", then up to two words (an organisation's possessive, "our trust's cancer
/// manager", but not a person's, "my friend's manager"), right before the target: "our new ward
/// manager".
static OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z'])(?:our|my) (?:(?:trust|hospital|ward|team|unit|department|practice|surgery|federation|service)'s |[a-z-]+ ){0,2}$").expect("valid regex")
});

/// A leader's role: a leading word anywhere ("our lead nurse", "our chief pharmacist", "the
/// head porter") or a manager's title as the target's last word ("our finance director", not
/// "my finance assistant").
static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:lead|head|heads|chief|superintendent|matron|ceo|hr|board|execs?|executives?|management)(?-u:\b)|(?-u:\b)(?:managers?|directors?|partners|leads|leaders?|boss|finance|procurement)$").expect("valid regex")
});

/// A leader of a ward or a service, who is the author's own unless placed elsewhere: "the ward
/// manager on Ash Ward", "the new matron", "the clinical lead", "the head of nursing".
static WARD_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:ward manager|matron|charge nurse|clinical lead|lead nurse|head of nursing|nurse in charge|unit manager|deputy (?:ward )?manager|ward sister)(?-u:\b)").expect("valid regex")
});

/// Not the author's organisation now: a former one, or a commissioner's.
static NOT_OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:old|former|ex|previous|account|icb|commissioner)(?-u:\b)")
        .expect("valid regex")
});

/// A pet of ours, nobody's staff, in the words before the target and the target: "our dog
/// Pickle still steals sandwiches" (not "our PET lead").
static PET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^a-z])(?:our|my) (?:dog|cat|puppy|kitten|pup|hamster|parrot)(?-u:\b)")
        .expect("valid regex")
});

/// A story told in public, whose ward and matron are nobody's of ours: "the Gosport report",
/// "in Call the Midwife", "the Netflix drama".
static STORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:public inquiry|drama|documentary|netflix|bbc|itv|panorama|episode|call the midwife|the news|in the papers|gosport|letby|countess of chester)(?-u:\b)")
        .expect("valid regex")
});

/// The author's family, whose care is a patient's complaint: "the matron at the hospice where my
/// mum died".
static FAMILY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)my (?:mum|mam|dad|nan|nana|gran|granny|grandad|grandma|mother|father|husband|wife|partner|son|daughter|sister|brother|aunt|auntie|uncle)(?-u:\b)")
        .expect("valid regex")
});

/// Wrongs done to care or its records (falsified notes, cover-ups, neglect), and theft or a bribe
/// ("helping herself to the Oramorph", "takes backhanders from the rep").
static CARE_WRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"falsif|alter|changed the|notes changed|cover|buri|hid|hiding|neglig|neglect|botch|massag|faked|faking|fakes|delet|made up|doctored|fabricat|tamper|shredd|kickback|backhander|bribe|helping (?:him|her)self|helped (?:him|her)self|helps (?:him|her)self|nick|steal|stole|pinch|siphon|pocket")
        .expect("valid regex")
});

/// Private wrongs between colleagues, which say nothing of the care the employer gives.
static PRIVATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:lunch|fridge|locker|tea fund|affair|timesheet|expense|sick note|portfolio|annual leave|rota|parking|staff raffle|(?:stole|steals|nicked|nicks|pinched) my (?:lunch|idea|work|audit|research|data|credit|stuff|food|charger|pen|phone|money|wallet|parking|shift))(?:s|es)?(?-u:\b)")
        .expect("valid regex")
});

/// An outside firm or another organisation, whose wrongs are theirs even when it serves "our"
/// wards.
static OUTSIDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:agency|agencies|contractors?|providers?|suppliers?|supplies|ltd|plc|services|solutions|staffing|labs|other trust|another trust)(?-u:\b)")
        .expect("valid regex")
});

/// The target placed at the author's own workplace after the name: "Dr Moffatt, the locum on
/// our unit", "the consultant at ours".
static OUR_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.!?]{0,25}(?-u:\b)(?:on|at|in|from) our (?:unit|ward|team|department|practice|surgery|trust|hospital|site|service|clinic|theatre|theatres)(?-u:\b)|^[^.!?]{0,25} at ours(?-u:\b)|^[a-z' ]{0,20}, our (?:[a-z-]+ ){0,2}(?:consultant|registrar|nurse|sister|charge nurse|matron|pharmacist|technician|midwife|doctor|surgeon|anaesthetist|physio|manager|lead|paramedic|locum|reg|hca|anp|therapist),")
        .expect("valid regex")
});

/// The target placed on a ward, a team or a shift of the author's own workplace, told as its
/// staff tell it: "Dr Ravindran on the stroke team", "the reg on nights", "Sister Walsh on Ward
/// 3", "Dr Okafor at M&M". Group 1 is the place.
static ON_THE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^.!?]{0,25}?(?-u:\b)((?:on|in) (?:the )?(?:(?:[a-z0-9&'-]+ ){0,2}(?:ward|unit|team|theatres?|department|rota)|ward [a-z0-9]+|resus|nights|days|icu|itu|hdu|ed|a&e|majors)|at m&m)(?-u:\b)")
        .expect("valid regex")
});

/// Someone else's ward or team, placed a few words after ours: "on ward 3 at Kingsway", "on
/// the stroke team in Leeds", "ward 12 of the Royal" (the place's first letter is checked for a
/// capital in the original text).
static ELSEWHERE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?: [a-z0-9&'-]+){0,2}? (?:at|in|of) (?:the )?[a-z]").expect("valid regex")
});

/// "Our <leader>" opening the sentence before one whose accused is "he" or "she": "Our team lead
/// told the family their son had been offered everything. He hadn't. She lied to a grieving
/// family." The pronoun is that leader.
static OUR_LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)our (?:[a-z-]+ ){0,2}(?:lead|head|chief|matron|ceo|manager|director|boss|partner|superintendent)(?-u:\b)").expect("valid regex")
});

/// Another person who could be the "she" ([`ANOTHER_HE`]: the "he").
static ANOTHER_SHE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:boss|manager|mate|friend|neighbour|colleague|nurse|doctor|consultant|locum|agency|hca|registrar|reg|gp|wife|mum|mother|sister|daughter|woman|girl|lady|patient|she|her|[a-z]+'s)(?-u:\b)").expect("valid regex")
});

static ANOTHER_HE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:boss|manager|mate|friend|neighbour|colleague|nurse|doctor|consultant|locum|agency|hca|registrar|reg|gp|husband|dad|father|brother|son|man|boy|bloke|lad|patient|he|him|[a-z]+'s)(?-u:\b)").expect("valid regex")
});

fn antecedent(d: &Draft<'_>, (ts, te): (usize, usize)) -> Option<(usize, usize)> {
    if !matches!(&d.lower()[ts..te], "he" | "she") {
        return None;
    }
    let own = d.sentence(ts).0;
    let prev = d.sentence(own.checked_sub(1)?).0;
    let lo = d.sentence(prev.checked_sub(1).unwrap_or(prev)).0;
    // The sentence before, or the one before that ("He hadn't." between), opened by the leader.
    let m = OUR_LEADER
        .find_iter(d.lower().get(lo..own)?)
        .filter(|m| {
            let at = lo + m.start();
            // At most one word before it: "Honestly our HEMS medical lead ...".
            !d.lower()[d.sentence(at).0..at].trim().contains(' ')
        })
        .last()?;
    let another: &Regex = if &d.lower()[ts..te] == "she" {
        &ANOTHER_SHE
    } else {
        &ANOTHER_HE
    };
    // Nobody else who could be the pronoun anywhere in those sentences: "Met my neighbour's new
    // boss today. She lied ...", "Agency nurse shouted at our ward manager. She lied ..."
    if another.is_match(d.lower().get(lo..lo + m.start())?)
        || another.is_match(d.lower().get(lo + m.end()..ts)?)
    {
        return None;
    }
    Some((lo + m.start(), lo + m.end()))
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // `employer-criticism` (registered just before) already tells the author this post is a
    // claim about their employer: one finding is enough. (Lowered to a reminder by the policy,
    // it no longer counts, and this rule speaks.)
    if super::already_told(out) {
        return;
    }
    let Some(a) = accusation::accused(d) else {
        return;
    };
    let lower = d.lower();
    let (ts, te) = antecedent(d, a.target).unwrap_or(a.target);
    let target = &lower[ts..te];
    // The words before the target in its sentence; a window that starts inside a word ("your"
    // cut to "our") loses that word.
    let mut before = d.lower_before(ts, 40);
    if ts - before.len() > d.sentence(ts).0 {
        before = before.split_once(' ').map_or("", |(_, rest)| rest);
    }
    let own = target.starts_with("our ")
        || target.starts_with("my ")
        || (OWN.is_match(before) && !before.ends_with("the ") && !before.contains("my words"));
    let after = d.lower_after(te, 24);
    // A manager at an outside firm ("our account manager at Acme Pharma"), not "at the time".
    let elsewhere = after.starts_with(" at ")
        && !["the ", "our ", "my ", "work", "ours"]
            .iter()
            .any(|w| after[4..].starts_with(w));
    // A leader praised for exposing the wrongdoing, not accused of it.
    let between = if te <= a.start {
        &lower[te..a.start]
    } else {
        ""
    };
    let praised = crate::any_of!(
        between,
        [
            "for expos",
            "for report",
            "for spotting",
            "for uncovering",
            "who exposed",
            "who reported",
            "who uncovered",
            "blew the whistle",
            "for blowing the whistle"
        ]
    );
    // Anyone of the author's own (our consultant, the locum on our unit) falsifying records,
    // covering up or neglecting care is a claim about the care the employer gives; a private
    // wrong by one colleague (lunch gone from the fridge) is not.
    // Only "our" speaks for the workplace here: "my consultant botched my hip" is a patient's
    // complaint, and "they" is nobody in particular.
    let wrong = &lower[a.start..a.end];
    let (ss, se) = d.sentence(a.start);
    let sentence = &lower[ss..se.max(ss)];
    let by_our = target.starts_with("our ")
        || OWN.find(before).is_some_and(|m| {
            m.as_str()
                .trim_start_matches(|c: char| !c.is_ascii_lowercase())
                .starts_with("our ")
        });
    let pronoun = matches!(
        target,
        "they" | "he" | "she" | "them" | "him" | "her" | "someone"
    );
    let care = CARE_WRONG.is_match(wrong)
        && !pronoun
        && !PRIVATE.is_match(sentence)
        && !OUTSIDER.is_match(sentence);
    // "the ward manager on 4B fiddled her mileage at her last trust": not ours then. (A leader
    // introduced as ours stays ours: "our chief exec fiddled her expenses at her last trust".)
    let former = crate::any_of!(
        sentence,
        [
            "last trust",
            "last job",
            "previous trust",
            "previous job",
            "old trust",
            "old job",
            "last hospital",
            "previous hospital",
            "old hospital",
            "used to work"
        ]
    );
    let placed = d.lower_after(te, 40);
    let ours_on_unit = !own
        && !former
        && (OUR_PLACE.find(placed).map(|m| m.as_str()).or_else(|| {
            let c = ON_THE_UNIT.captures(placed)?;
            let place = c.get(1)?;
            // "on ward 3 at Kingsway", "on the Shrewsbury maternity unit": someone else's ward;
            // "on her ward", "on an acute ward": nobody's in particular; "at our M&M" only.
            let named = d
                .original_text(te + place.start(), te + place.end())
                .split(' ')
                .skip(1)
                .skip_while(|w| *w == "the")
                .take_while(|w| !w.eq_ignore_ascii_case("ward"))
                .any(|w| {
                    w.starts_with(|ch: char| ch.is_uppercase())
                        && w.chars().skip(1).any(char::is_lowercase)
                })
                && place.as_str().contains(" the ");
            // A capitalised place a few words on: "at Kingsway", not "fill in a full set".
            let rest = te + place.end();
            let elsewhere = ELSEWHERE_AFTER
                .find(&placed[place.end()..])
                .is_some_and(|m| {
                    d.original_text(rest + m.end() - 1, rest + m.end())
                        .starts_with(char::is_uppercase)
                });
            (!elsewhere
                && !named
                && !crate::any_of!(place.as_str(), [" her ", " his ", " their ", " a ", " an "]))
            .then_some(place.as_str())
        }))
        .is_some_and(|m| !NOT_OWN.is_match(m));
    let leader = LEADER.is_match(target);
    // "The matron at the hospice where my mum died", "the deputy manager of the care home":
    // placed elsewhere, unless at ours.
    let placed_elsewhere = [" at ", " in ", " of "]
        .iter()
        .any(|w| after.starts_with(w))
        && !["our", "ours", "work"]
            .iter()
            .any(|w| after[4..].starts_with(w));
    let ward_leader = WARD_LEADER.is_match(target)
        && !OUTSIDER.is_match(sentence)
        && !former
        && !placed_elsewhere;
    if !((own && (leader || by_our)) || (care && ours_on_unit) || ward_leader)
        || !(leader || care || ward_leader)
        || ((ward_leader || ours_on_unit)
            && !own
            && (STORY.is_match(d.lower()) || FAMILY.is_match(sentence)))
        || PET.is_match(target)
        || PET.is_match(before)
        || NOT_OWN.is_match(before)
        || NOT_OWN.is_match(target)
        || after.starts_with(" apron")
        || after.contains("icb")
        || elsewhere
        || praised
    {
        return;
    }
    let who = d.original_text(ts, te);
    let word = d.original_text(a.start, a.end);
    let message = if leader {
        format!("\"{word}\" said of {who}, a leader of your own organisation.")
    } else {
        format!(
            "\"{word}\" said of {who}, at your own organisation: a claim about the care it gives."
        )
    };
    out.push(rule.finding(d, ts, te, message));
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "leader-accused";

    #[test]
    fn a_pronoun_after_our_leader_is_that_leader() {
        assert_span(
            "Our team lead told the family their son had been offered everything. He hadn't. She lied to a grieving family.",
            R,
            "Our team lead",
        );
        assert_clean(
            "Our team lead is brilliant. Met my neighbour's new boss today. She lied about her CV, apparently.",
            R,
        );
    }

    #[test]
    fn a_pronoun_with_another_candidate_before_the_leader_is_not_resolved() {
        assert_clean(
            "Agency nurse shouted at our ward manager. She lied on her timesheet.",
            R,
        );
    }

    #[test]
    fn an_own_leader_accused_is_a_claim_about_the_employer() {
        let f = assert_flags("Our finance director is a liar and a fraud", R);
        assert_eq!(f.category.id(), "organisation-reputation");
        assert_span(
            "Our estates director took backhanders from the contractor",
            R,
            "Our estates director",
        );
        assert_flags(
            "Everyone on the unit knows our new ward manager lied at the inquest",
            R,
        );
    }

    #[test]
    fn anyone_of_our_own_harming_care_or_its_records_is_a_claim_about_the_employer() {
        assert_flags(
            "Dr Kieran Walsh, our supervising consultant, signs off notes he has never read. Negligent.",
            R,
        );
        assert_flags(
            "Our outreach nurse falsified the obs chart last week to cover herself.",
            R,
        );
        // A private wrong, a former colleague, or an outsider: not the employer's care.
        assert_clean(
            "Our healthcare assistant Sue faked a sick note to get Glastonbury off",
            R,
        );
        assert_clean(
            "My old trainer Dr Rhodri Evans falsified my portfolio sign-offs so he didn't have to supervise me.",
            R,
        );
        assert_clean(
            "MediSupply Ltd falsified the batch records and the MHRA knows",
            R,
        );
        assert_clean("My dentist botched my crown and covered it up", R);
        assert_clean("Dr Evans, my old consultant, falsified the notes", R);
        assert_clean("Dr Hughes at my surgery botched my coil fitting", R);
        assert_clean("Dr Jones, our GP, botched mum's referral", R);
        assert_clean(
            "Our homecare provider Medivance falsified their delivery records to hit KPIs.",
            R,
        );
    }

    #[test]
    fn anyone_of_our_own_taking_from_patients_or_taking_bribes_is_a_claim_about_the_employer() {
        assert_span(
            "Our delivery driver Terry has been nicking co-codamol out of the bags on the Hoxne round.",
            R,
            "Terry",
        );
        assert_flags(
            "Our IBD consultant Dr Rowe is taking backhanders from the biologic company.",
            R,
        );
        assert_flags(
            "Our ward sister has been quietly pocketing patients' Oramorph. Thieving cow.",
            R,
        );
        // A pet, and a private wrong between colleagues, say nothing of the employer's care.
        assert_clean(
            "Our dog Pickle is 14 today and still steals sandwiches off the counter",
            R,
        );
        assert_clean("Our band 5 Gemma keeps nicking my lunch from the fridge", R);
    }

    #[test]
    fn a_ward_or_service_leader_is_our_own_without_our() {
        assert_flags(
            "The ward manager on Willow stole from the patients' comfort fund.",
            R,
        );
        assert_flags(
            "The matron on Ward 9 covered up that insulin error. Everybody on the floor knows.",
            R,
        );
        assert_flags(
            "The head of nursing fabricated the hand hygiene audit before the CQC visit.",
            R,
        );
        // At a former trust, or a leader of an outside firm, is not a claim about ours.
        assert_clean(
            "The new ward manager on 4B fiddled her mileage at her last trust. That's why she left.",
            R,
        );
        assert_clean(
            "The clinical lead at Brightline Staffing fiddles the agency timesheets.",
            R,
        );
    }

    #[test]
    fn anyone_placed_on_our_wards_harming_care_is_a_claim_about_the_employer() {
        assert_flags(
            "Dr Hussain on Ward 6 signs people off as medically fit without even seeing them. Negligent and everyone knows it.",
            R,
        );
        assert_flags(
            "Sister Julie on nights helps herself to the Oramorph. Why else is the CD balance always out on her shifts?",
            R,
        );
        // Someone else's ward, a ward of nobody's in particular, a wrong done before, a wrong
        // done to the author alone.
        assert_clean(
            "The consultant on ward 3 at Kingsway has been writing up patients he hasn't seen. Falsifying notes, for years.",
            R,
        );
        assert_clean(
            "Everyone knows Sister Lorraine Dawe covers up falls on her ward so her figures look good.",
            R,
        );
        assert_clean(
            "Everybody knows the new sister on the community hospital ward lost her last job for nicking morphine",
            R,
        );
        assert_clean(
            "Dr Anand on the immunology team stole my audit and presented it as his own. Plagiarist.",
            R,
        );
    }

    #[test]
    fn someone_elses_ward_a_story_or_a_relatives_care_is_not_ours() {
        for text in [
            "Dr Patel on Ash ward at Kingsway covered up the falls",
            "The consultant on the stroke team at Kingsway has been falsifying notes for years.",
            "The midwife on the Shrewsbury maternity unit covered up the baby deaths.",
            "Reading the Gosport report again. The matron covered up the opioid deaths for years.",
            "The matron in Call the Midwife lied to the family.",
            "The matron at the hospice where my mum died covered up her pressure sores.",
            "The deputy manager of the care home stole from residents, my nan lived there.",
            "The matron on Ash Ward stole from the patients at her last hospital.",
        ] {
            assert_clean(text, R);
        }
        // Ours: a PET lead is staff, a patient's things are not the author's own, a locum placed
        // on our ward.
        assert_flags("Our PET lead nicked the Oramorph.", R);
        assert_flags("Sister Julie on nights nicked my patient's Oramorph.", R);
        assert_flags(
            "Dr Patel, a locum on Ward 6, has been falsifying the obs charts.",
            R,
        );
    }

    #[test]
    fn one_reputation_finding_when_employer_criticism_already_fired() {
        let text =
            "Our finance director has been fiddling the books for years and everyone knows it";
        assert_flags(text, "employer-criticism");
        assert_clean(text, R);
    }

    #[test]
    fn outsiders_former_employers_and_colleagues_are_not_the_employer() {
        // A supplier, and an ordinary colleague: an accusation, not a claim about the employer.
        assert_clean(
            "MediSupply Ltd are crooks who knowingly sold us short-dated stock",
            R,
        );
        assert_clean("Dr Shah is a crook and a liar", R);
        assert_clean("Mark my words the new PCN manager lied on her CV", R);
        assert_clean(
            "My old manager Sharon took kickbacks from the agency for years",
            R,
        );
        assert_clean(
            "Our account manager at Bridgewater Pharma Distribution is pocketing the expedite fees",
            R,
        );
        // A leader praised for exposing it, someone else's manager, a modifier that is not a role.
        assert_clean(
            "Thanks to our amazing matron for exposing the fraud in the bank office",
            R,
        );
        assert_clean("My friend's manager lied to her about her pay", R);
        assert_clean("My finance assistant fiddled the petty cash", R);
        // Words after the target do not make it a former or outside leader.
        assert_flags("Our finance director is an old fraud", R);
        assert_flags("Our matron at the time lied to the coroner", R);
        // A whistleblower is the victim here, not the one praised.
        assert_flags(
            "Our medical director hounded a whistleblower out of the trust and then lied about it",
            R,
        );
        assert_flags("Our lead nurse lied to the coroner about the INR clinic", R);
        assert_flags(
            "Our trust's phlebotomy manager faked the training records for half the bank team",
            R,
        );
    }
}
