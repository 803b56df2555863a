//! `clinical-photo`: photos or videos from clinical areas that capture patient information.

use std::sync::LazyLock;

use regex::Regex;

use crate::clauses;
use crate::draft::Draft;
use crate::finding::{Category, Finding, Severity};
use crate::lexicon::Lex;
use crate::rules::{Rule, RuleDocs};

pub static RULE: Rule = Rule {
    id: "clinical-photo",
    category: Category::PatientConfidentiality,
    severity: Severity::High,
    policy: clauses::R04,
    suggestion: "Check every corner of the photo before posting: whiteboards, screens, labels, charts and people in the background. Crop or retake it somewhere with no patient information, and strip its location data.",
    docs: RuleDocs {
        what: "A photo, video or screenshot mentioned together with things that carry patient details (whiteboards, drug charts, labels, registers, screens, handover sheets), or taken on a ward with patients in the background.",
        why: "Photos show more than the person posting notices: names on a whiteboard, a label on a bag, a screen behind a smiling team. Patients have been identified from exactly these, and photos also carry location data.",
        example: "Team selfie before the ward round, whiteboard in the background 📸",
        rewrite: "Team selfie in the staff room before the ward round 📸",
        false_positives: "Photos with no clinical area or record mentioned (a team at a conference, a cake in the staff room).",
    },
    check,
};

/// Names said to be on a list or picture being shared: "yes the names are on it", "names and
/// sickness reasons included", "with the names still on".
static NAMES_SHOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:names|surnames|nhs numbers|dobs|hospital numbers)(?: and [a-z]+(?: [a-z]+)?)? (?:are |r |is |all |still )?(?:on it|on there|on them|visible|included|showing|in shot|still on|on show)(?-u:\b)|(?-u:\b)(?:ignore|ignoring) (?:the |their |his |her )?(?:name|names|dob|dobs|nhs number|label|labels)(?-u:\b)|(?-u:\b)(?:sickness reasons|diagnoses|dobs|nhs numbers|addresses) (?:are |is |still )?(?:on|included|visible|showing)(?-u:\b)|(?-u:\b)(?:names|surnames|details) (?:are |r |is )?(?:only )?(?:half|partly|partially|mostly|semi)[- ]?(?:blurred|covered|redacted|hidden|cropped)(?-u:\b)").expect("valid regex")
});

/// What is being shared: a list, a rota, a screenshot, a sheet, a board.
const SHARED_LIST: &[&str] = &[
    "list",
    "rota",
    "screenshot",
    "sheet",
    "board",
    "photo",
    "pic",
    "posting",
    "post this",
    "printout",
    "spreadsheet",
    "handover",
    "scan",
    "mri",
    "mra",
    "x-ray",
    "image",
    "\u{1f4f8}",
];

/// A photo the reader is asked to send for advice ("DM me your scan pics", "send me a pic of the
/// label", "happy to take a look at photos"): advice in private messages, a boundary risk, not
/// someone else's records on show.
static SENT_FOR_ADVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:dm|send|message|inbox|whatsapp|ping|drop)(?: me)?(?: over)? (?:a |your |the |their )?(?:[a-z-]+ )?(?:pics?|photos?|pictures?|screenshots?|snaps?)(?-u:\b)|(?-u:\b)(?:take|have) a look at (?:the |your |any )?(?:photos|pics)(?-u:\b)").expect("valid regex")
});

/// An offer of advice on what the reader sends: "I'll tell you", "I'd have a look", "second
/// opinion", "happy to".
static ADVICE_OFFERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:i'?ll tell you|i'?d have a look|i'?ll have a look|i'?ll let you know|second opinion|happy to|tell you if|i'?ll check)(?-u:\b)").expect("valid regex")
});

/// Words after an object that make it a room, a machine or a team, not a record: "the scan
/// room", "x-ray reception", "the label printer", "the records library".
const NOT_A_RECORD_AFTER: &[&str] = &[
    " room",
    " reception",
    " printer",
    " hub",
    " library",
    " office",
    " department",
    " dept",
    " team",
    " clerk",
    " archive",
];

/// Words before an object that make it something other than a patient's record: "the GMC
/// register", "a TikTok script", "the meeting notes".
const NOT_A_RECORD_BEFORE: &[&str] = &[
    "gmc ",
    "nmc ",
    "gphc ",
    "hcpc ",
    "electoral ",
    "tiktok ",
    "video ",
    "lecture ",
    "revision ",
    "green-",
];

/// Surfaces that can carry a password as well as patients' details.
const SURFACES: &[&str] = &[
    "monitor",
    "monitors",
    "screen",
    "screens",
    "computer screen",
    "whiteboard",
    "white board",
    "whiteboards",
    "keypad",
];

/// Whether the record object at `o` is not a patient's record here: a room, a printer, a
/// register of professionals, a script for a video, or a screen or board said to carry a
/// password or a door code ("the Sunquest login is on the post-it on the monitor"): that is a
/// leak of a credential, for `credentials`.
fn not_a_record(d: &Draft<'_>, start: usize, end: usize) -> bool {
    let word = &d.lower()[start..end];
    let after = d.lower_after(end, 14);
    let before = d.lower_before(start, 10);
    let (ss, se) = d.sentence(start);
    // "the exec meeting notes", not "the MDT meeting notes" or "handover meeting notes".
    let meeting = d.lower_before(start, 24).ends_with("meeting ")
        && !crate::any_of!(
            d.lower_before(start, 24),
            ["mdt ", "handover ", "huddle ", "board round ", "safety "]
        );
    // A password on the board or screen itself, in the same sentence and close by, with no
    // patients' details said to be on it too.
    let credential = SURFACES.contains(&word)
        && d.hits_in(
            start.saturating_sub(70).max(ss),
            (end + 30).min(se.max(end)),
        )
        .any(|h| h.lex == Lex::Credential)
        && !crate::any_of!(
            &d.lower()[ss..se.max(ss)],
            [
                "names",
                "beds",
                "bed numbers",
                "dob",
                "surnames",
                "patients"
            ]
        );
    NOT_A_RECORD_AFTER.iter().any(|w| after.starts_with(w))
        || NOT_A_RECORD_BEFORE.iter().any(|w| before.ends_with(w))
        || meeting
        || credential
}

/// Whether the words between a photo word and an object say the object is quoted in an email
/// or a report ("Screenshot of an email from our ED CD: 'stop writing corridor care in the
/// notes'"), not photographed.
fn quoted_in_a_message(d: &Draft<'_>, a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    d.lower()
        .get(lo..hi)
        .is_some_and(|between| MESSAGE.is_match(between))
}

/// An email, memo, sitrep or minutes, as whole words ("memories" and "20 minutes before" are
/// not).
static MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:emails?|emailed|memos?|sitreps?|minutes (?:of|from))(?-u:\b)")
        .expect("valid regex")
});

/// Photos kept as evidence of an accusation in an earlier sentence: "...labels swapped.
/// Knowingly. I have photos."
fn evidence(d: &Draft<'_>, photo: usize, object: usize) -> bool {
    let before = d.lower_before(photo, 12);
    ["got the ", "got ", "have the ", "have "]
        .iter()
        .any(|w| before.ends_with(w))
        && d.sentence(photo) != d.sentence(object)
        && d.has(Lex::Accusation)
}

fn check(d: &Draft<'_>, rule: &'static Rule, out: &mut Vec<Finding>) {
    // The pattern needs one of these words (asked of the pair filter first).
    let listed = crate::lower_has_any!(
        d,
        [
            "names",
            "nhs numbers",
            "dobs",
            "hospital numbers",
            "ignor",
            "sickness reasons",
            "diagnoses",
            "addresses",
            "details"
        ]
    );
    if let Some(m) = NAMES_SHOWN.find(if listed { d.lower() } else { "" }) {
        let denied = crate::any_of!(
            d.lower_before(m.start(), 16),
            ["no ", "without ", "not ", "blank", "removed", "cropped", "blurred"]
        ) || crate::any_of!(d.lower_after(m.end(), 12), [" blurred", " removed", " covered"])
            // Staff on a redundancy list: confidential, but nobody's health.
            || crate::lower_has_any!(
 d,
                ["redundan", "restructure", "posts going", "contracts", "public list"]
            )
            || staff_chat(d);
        if !denied && SHARED_LIST.iter().any(|w| d.lower().contains(w)) {
            out.push(rule.finding(
                d,
                m.start(),
                m.end(),
                "A list or picture shared with the names still on it.".into(),
            ));
            return;
        }
    }
    // Advice about photos ("check the whiteboard before your selfie") is the lesson, not the risk.
    if !d.has(Lex::PhotoWord)
        || (d.has(Lex::Signposting)
            && crate::lower_has_any!(
                d,
                [
                    "before you",
                    "check the",
                    "check your",
                    "check what",
                    "reminder"
                ]
            ))
        || crate::lower_has_any!(
            d,
            [
                "no photos",
                "no photo",
                "no pics",
                "without a photo",
                "didn't take a photo",
                "never photograph",
                "never take photos",
                "never take a photo",
                "don't photograph",
                "do not photograph",
                "don't take photos",
                "ig refresher",
                "ig training",
                // A photo said to show no one and nothing: "no patients in shot", "screen off".
                "no patients",
                "no babies,",
                "staff only",
                "empty theatre",
                "closed for refurb",
                "never post",
                "never share",
                "never screenshot",
                "isn't in shot",
                "no people in",
                "no people,",
                "nobody in shot",
                "no one in shot",
                "nothing in shot",
                "screen off",
                "screens off",
                "whiteboard wiped",
                "no whiteboard",
                "no patient areas",
                "before anything went on",
                "before it opens",
                "don't post photos",
                "do not post photos",
                "no patient details",
                "no names on",
                "no patient info",
                "nothing identifiable",
                "no screens or",
                "no boards",
                // Rooms where no patient is cared for.
                "education centre",
                "training room",
                "skills lab",
                "classroom",
                // The person pictured or heard asked or agreed to share their story.
                "asked to speak",
                "asked to share",
                "with their permission",
                "with her permission",
                "with his permission",
                "gave permission",
                "gave consent",
                "with consent",
                "family's permission",
                "families' permission"
            ]
        )
    {
        return;
    }
    // Only with an offer of advice: "DM me your scan pics and I'll tell you", not "I'll drop the
    // photos of the handover sheet in the group chat".
    if SENT_FOR_ADVICE.is_match(d.lower()) && ADVICE_OFFERED.is_match(d.lower()) {
        return;
    }
    if staff_chat(d) {
        return;
    }
    for p in d.hits_of(Lex::PhotoWord) {
        // "your video", "a pic of your scan": the reader's own picture, sent for advice.
        if d.lower_before(p.start, 8).ends_with("your ")
            || d.lower_after(p.end, 8).starts_with(" of your")
            || leisure_or_drawn(d.lower_before(p.start, 16), d.lower_after(p.end, 4))
        {
            continue;
        }
        if let Some(obj) = d
            .hits_in(p.start.saturating_sub(120), p.end + 120)
            .filter(|o| o.lex == Lex::ClinicalRecordObject)
            .find(|o| {
                !blank(d, o.start, o.end)
                    && !not_a_record(d, o.start, o.end)
                    && !quoted_in_a_message(d, p.start, o.start)
                    && !evidence(d, p.start, o.start)
            })
        {
            let (s, e) = (p.start.min(obj.start), p.end.max(obj.end));
            let what = d.original_text(obj.start, obj.end);
            out.push(rule.finding(
                d,
                s,
                e,
                format!("A photo that may show a {what} with patient details."),
            ));
            return;
        }
        // "a clip of my patient's ear on TikTok": the patient is what was filmed.
        if let Some(who) = of_a_patient(d, p.start, p.end) {
            let (s, e) = (p.start.min(who.0), p.end.max(who.1));
            let mut f = rule.finding(
                d,
                s,
                e,
                "A photo or video of a patient: they can be recognised, and did they agree?".into(),
            );
            f.severity = Severity::Medium;
            out.push(f);
            return;
        }
        let background = d.lower().contains("background") || d.lower().contains("behind");
        if let Some(place) = d.near(Lex::HospitalPlace, p.start, p.end, 100) {
            // "Before & after of the discharge lounge refurb": the room, not who is in it.
            let refurb = crate::lower_has_any!(d, ["refurb", "makeover"]);
            if (background || d.lower().contains("patient"))
                && !refurb
                && !quoted_in_a_message(d, p.start, place.start)
            {
                let (s, e) = (p.start.min(place.start), p.end.max(place.end));
                let mut f = rule.finding(d, s, e, "A photo taken in a clinical area, where patients or their details may be in shot.".into());
                f.severity = Severity::Medium;
                out.push(f);
                return;
            }
        }
    }
}

/// Staff's own chat shared, with staff's names ("posting the day staff group chat"), and no
/// patient or patient record in the post.
fn staff_chat(d: &Draft<'_>) -> bool {
    crate::lower_has_any!(d, ["staff group chat", "staff chat"])
        && !d.has(Lex::PatientContext)
        && !crate::lower_has_any!(
            d,
            [
                "patient",
                "whiteboard",
                "dnacpr",
                "handover",
                "chart",
                "notes",
                " bed ",
                " bay ",
                "sore",
                "wound",
                "x-ray",
                "scan"
            ]
        )
}

/// A picture of the author's own life ("bikini pics", "holiday photos") that is not of
/// something ("holiday photo of the handover sheet" is), or one drawn by hand ("drew me a
/// picture"): not a photo taken on the ward. `before` and `after` are the text around the photo
/// word.
fn leisure_or_drawn(before: &str, after: &str) -> bool {
    const DRAWN: &[&str] = &[
        "drew me a",
        "drew us a",
        "drawn a",
        "drew a",
        "painted a",
        "painted me a",
    ];
    const LEISURE: &[&str] = &[
        "bikini", "holiday", "beach", "wedding", "hen", "stag", "sunset", "dog", "cat", "puppy",
        "garden",
    ];
    let before = before.trim_end();
    let ends_with = |k: &&str| {
        before
            .strip_suffix(*k)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
    };
    DRAWN.iter().any(ends_with) || (LEISURE.iter().any(ends_with) && !after.starts_with(" of"))
}

/// A patient said to be in the photo or video at `start..end`: "clip of my patient's ear",
/// "a video of a patient". Returns the words naming the patient.
fn of_a_patient(d: &Draft<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    const WHO: &[&str] = &[
        "my patient's",
        "of my patient",
        "of a patient",
        "our patient's",
    ];
    let lo = (start.saturating_sub(60)..=start)
        .find(|&i| d.lower().is_char_boundary(i))
        .unwrap_or(start);
    let hi = (end..=(end + 60).min(d.lower().len()))
        .rev()
        .find(|&i| d.lower().is_char_boundary(i))
        .unwrap_or(end);
    let window = d.lower().get(lo..hi)?;
    WHO.iter()
        .filter_map(|w| window.find(w).map(|i| (lo + i, lo + i + w.len())))
        .min()
}

/// Whether the record object at `start..end` is said to be empty: "a blank whiteboard",
/// "empty boards", "the whiteboard, completely blank".
fn blank(d: &Draft<'_>, start: usize, end: usize) -> bool {
    const EMPTY: &[&str] = &["blank", "empty", "unused", "wiped", "clean"];
    let before = d.lower_before(start, 24);
    let after = d.lower_after(end, 24);
    let last = before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| EMPTY.contains(&w));
    let next = after
        .split_whitespace()
        .take(3)
        .any(|w| EMPTY.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())));
    // "not a single request form in shot", "no notes on the desk".
    let none = before.ends_with("not a single ") || before.ends_with("no ");
    last || next || none
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const R: &str = "clinical-photo";

    #[test]
    fn pictures_of_the_authors_life_drawings_and_staff_chats_are_not_clinical_photos() {
        assert_clean(
            "Scilly locums are basically on holiday. 3 scripts, a swim, bikini pics on Insta. Nice life for some",
            R,
        );
        assert_clean(
            "A patient's grandchild drew me a picture of 'the medicine lady' on the ward today. It's on my fridge now",
            R,
        );
        assert_clean(
            "Posting the day staff group chat so everyone can see what they really think of us on nights. Names and all. Enjoy.",
            R,
        );
        assert_flags(
            "Quick pic of the drug chart for my revision notes, bed 4",
            R,
        );
    }

    #[test]
    fn a_photo_of_todays_lists_and_forms_is_flagged() {
        assert_flags(
            "Screenshot of today's ward bleed list for the newbies so they know what they're walking into",
            R,
        );
        assert_flags(
            "Housebound round prep 📸 request forms for all 11 of today's patients stacked on top ready to go!",
            R,
        );
        assert_clean(
            "Sample reception tidy-up done and not a single request form in shot 😉 before and after pics",
            R,
        );
        assert_clean(
            "Challenge: show your worst-ever request form handwriting (no patient details, obviously) 📸",
            R,
        );
    }

    #[test]
    fn a_list_shared_with_the_names_on_it_is_flagged() {
        assert_flags(
            "Screenshotting our Monday injection list so people get it: 46 patients, 2 nurses. Yes the names are on it",
            R,
        );
        assert_flags(
            "Posting next week's rota so people can see how short we are, names and sickness reasons included",
            R,
        );
        assert_flags(
            "gorgeous circle of Willis on the MRA today (ignore the name in the top corner lol)",
            R,
        );
        assert_flags(
            "Staffing sheet for next month for the bank lot (has everyone's sickness reasons on, just ignore that bit)",
            R,
        );
        assert_clean(
            "Posting the new clinic list template, no names on it obviously, for anyone setting one up",
            R,
        );
        // A redundancy list is confidential business, not a patient's.
        assert_clean(
            "the redundancy list for the admin restructure has 14 names on it and 3 of them are in my office",
            R,
        );
    }

    #[test]
    fn a_video_of_a_patient_is_flagged() {
        assert_flags(
            "Posted a microsuction clip of my patient's ear on TikTok and it's on 2 million views (he has no idea lol)",
            R,
        );
        assert_flags(
            "Sedation awareness display all up in recovery (yes that's a live drug chart pinned behind the poster, don't zoom in)",
            R,
        );
    }

    #[test]
    fn a_before_and_after_of_a_patient_is_flagged_and_of_a_refurb_is_not() {
        assert_flags(
            "Before & after of my patient's leg ulcer from today's ward round, the TVN team are magicians (consent? she was asleep lol)",
            R,
        );
        assert_clean(
            "Before & after of the discharge lounge refurb, empty chairs and sunshine yellow walls. First patients through on Monday",
            R,
        );
    }

    #[test]
    fn a_snap_of_the_cd_register_after_a_check_is_flagged() {
        assert_flags(
            "Quick snap of the CD register from tonight's check, can someone tell me if room 3's oxycodone balance looks right?",
            R,
        );
    }

    #[test]
    fn a_photo_said_to_show_nothing_is_clean() {
        assert_clean(
            "New scanner on Ward 9! Pic of the kit in the clean utility, no patients in shot, whiteboard wiped",
            R,
        );
        assert_clean(
            "Our new ultrasound in clinic, photo taken in the empty room, screen off",
            R,
        );
        assert_clean(
            "Recorded a short video for our trust Instagram on what happens at an early pregnancy scan. No patients, just me and a probe cover",
            R,
        );
        assert_clean(
            "Team photo from our rehab ward graduation, staff only, the patients had their own celebration",
            R,
        );
        assert_clean(
            "PSA to all ED staff: never post keypad codes, logins or photos of the tracking board",
            R,
        );
        assert_flags("Team selfie on the ward, whiteboard in the background", R);
    }

    #[test]
    fn flags_photos_of_records() {
        assert_flags(
            "Team selfie before the ward round, whiteboard in the background 📸",
            R,
        );
        assert_flags("Pic of the CD register for the audit lol", R);
        assert_flags("Selfie on the ward with patients in the background", R);
    }

    #[test]
    fn ordinary_photos_are_clean() {
        assert_clean("Team photo at the conference dinner!", R);
        assert_clean("Photo of the cake Priya made for the staff room", R);
    }

    #[test]
    fn information_governance_lessons_are_clean() {
        assert_clean(
            "IG refresher: never photograph anywhere with a whiteboard or screen in shot",
            R,
        );
    }

    #[test]
    fn a_blank_board_or_a_classroom_is_clean() {
        assert_clean(
            "Photo of a completely blank ward whiteboard on day one of the new layout 😂",
            R,
        );
        assert_clean(
            "Whiteboard in the education centre says welcome in six languages, pic below",
            R,
        );
        assert_flags("Pic of the ward whiteboard at handover, what a night", R);
    }

    #[test]
    fn a_story_told_with_consent_is_clean() {
        assert_clean(
            "A mum asked to speak about her son's stay on the children's ward at public board; the recording and photos are on the trust page",
            R,
        );
    }

    #[test]
    fn a_new_or_empty_room_is_not_a_risk() {
        assert_clean(
            "New whiteboard in theatre 3, snapped at 7am before anything went on it. Clean and shiny",
            R,
        );
        assert_clean(
            "Re the photo above: that's our new ward before it opens, no patients or paperwork yet",
            R,
        );
        assert_clean(
            "No whiteboard pic today (patient names, folks) but the ward is full to the rafters",
            R,
        );
    }

    #[test]
    fn the_readers_own_photo_or_a_reminder_is_not_a_clinical_photo() {
        for t in [
            "Send me a pic of your scan and I'll tell you what I think",
            "Reminder: please don't post photos taken on the ward, even the empty bays, the screens catch everything",
        ] {
            assert_clean(t, R);
        }
        assert_flags(
            "Screenshot of the handover board 😂 look at bed 6's notes from the night",
            R,
        );
    }

    #[test]
    fn a_photo_sent_for_advice_is_a_boundary_not_a_record_on_show() {
        for t in [
            "DM me your scan pics and I'll tell you if it's a boy or a girl",
            "Anyone with a dodgy ankle, DM me a pic and I'll tell you if you need an X-ray",
            "Told her to send a pic of the label and I'd have a look",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn a_password_on_a_screen_or_board_is_a_credential_not_a_record() {
        assert_clean(
            "New pic of our dispensary 📸 (yes the Sunquest login is on the post-it on the monitor)",
            R,
        );
        assert_clean(
            "Office wifi password's on the whiteboard behind me in this pic, don't zoom in 📸",
            R,
        );
        // The board still shows patients when the code sits far from it.
        assert_flags(
            "Pic of our whiteboard 📸 all 38 visits colour coded by area with the key safe numbers down the side",
            R,
        );
        assert_flags(
            "Hospital wifi password's on the sticky note in this pic along with the afternoon clinic list lol",
            R,
        );
    }

    #[test]
    fn rooms_printers_registers_of_professionals_and_quoted_emails_are_not_records() {
        for t in [
            "Caught our reg fast asleep in the scan room between lists 😴 pic below",
            "Caught the new tech asleep in the CD room on nights 😴 pic below",
            "Is it just us that's attached to the new label printer? Photo of Barry the printer",
            "That \"Dr\" on TikTok isn't on the GMC register and is selling pens by DM",
            "TikTok script: 'what my mum thinks I do as a student nurse'",
            "Screenshot of an email from our ED CD today: 'please stop writing corridor care in the notes'",
            "Exec meeting notes leaked: they know the unit is unsafe. Screenshot in replies.",
        ] {
            assert_clean(t, R);
        }
    }

    #[test]
    fn the_guards_stay_narrow_records_on_show_are_still_flagged() {
        for t in [
            "I'll drop the photos of the handover sheet in the group chat, names and all",
            "Take a look at the photos of our theatre list 😂",
            "Ward whiteboard from my last ever shift, so many memories 📸",
            "Screenshot of the MDT meeting notes 📸",
            "Tonight's handover sheet has every bed's diagnosis and DNACPR on it. Got the photo.",
            "Pic of our ward whiteboard 📸 names, beds and all. Door code is on it too lol",
        ] {
            assert_flags(t, R);
        }
    }

    #[test]
    fn photos_kept_as_evidence_of_an_accusation_are_not_a_record_on_show() {
        assert_clean(
            "Cumbria Medical Supplies sold us dressings with the labels swapped. Knowingly. I have photos.",
            R,
        );
        assert_flags(
            "Our pharmacy's CD register is an absolute shambles and I've got the photo to prove it 📸",
            R,
        );
    }
}
