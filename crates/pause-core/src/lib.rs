//! # pause-core: the Pause screening engine
//!
//! A draft social-media post and an organisation's policy in; explained findings out. The
//! engine finds what could breach a patient's confidentiality, leak confidential information,
//! damage the employer's reputation, defame someone, bully a colleague, show a post written in
//! the heat of the moment, or cross a professional boundary, and says why each matters and
//! what to do instead.
//!
//! ```
//! use pause_core::{Engine, Policy, Verdict};
//!
//! let engine = Engine::new(&Policy::example()).unwrap();
//! let report = engine.check("Mr Patel in bed 12 is refusing his warfarin again", None);
//! assert_eq!(report.verdict, Verdict::Pause);
//! assert_eq!(report.findings[0].rule, "patient-name");
//! ```
//!
//! ## Decisions
//! * **Pure.** No I/O, no threads, no clock: the same crate runs in the CLI, the service and,
//!   compiled to WebAssembly, in the browser on the person's own device.
//! * **Build once, check many.** Building an [`Engine`] compiles every lexicon and the
//!   policy's names into one Aho-Corasick automaton; checking a draft scans it once, then
//!   each rule reads the hits. Only building can fail.
//! * **Context, not keywords.** A ten-digit number is an NHS number only if its check digit
//!   is valid *and* something around it says so; an insult is bullying only when aimed at a
//!   person; the employer named next to good news is no risk.
//! * **Spans into the original.** Drafts are normalised (look-alikes, zero-width characters,
//!   leetspeak) for matching, and every finding maps back to the exact bytes the person typed.

#![forbid(unsafe_code)]

pub mod calibration;
pub mod classifier;
pub mod clauses;
pub mod docs;
pub mod draft;
pub mod engine;
pub mod finding;
pub mod lexicon;
pub mod model_pack;
pub mod normalize;
pub mod policy;
pub mod rules;

pub use engine::{Engine, EngineError};
pub use finding::{Category, Finding, Report, Severity, Verdict};
pub use policy::{Policy, PolicyError};
pub use rules::{Rule, RULES};
