//! The policy clauses findings cite: the R01-R24 catalogue of what UK regulators, NHS employers
//! and the law expect of healthcare staff on social media, each with its main sources.

macro_rules! clauses {
    ($($id:ident => $text:literal,)*) => {
        $(pub const $id: &str = $text;)*
        /// Every clause, for `pause rules` and the docs.
        pub const ALL: &[&str] = &[$($id,)*];
    };
}

clauses! {
    R01 => "R01 No directly identifying patient information (GPhC Standards for pharmacy professionals, standard 7; GMC Using social media as a medical professional 2024, paras 18-20; NMC Code 20.10; HCPC guidance on social media)",
    R02 => "R02 No indirect (jigsaw) identification of patients (GMC Using social media 2024, para 19; MDU advice on details across posts)",
    R04 => "R04 No photos from clinical areas that capture patients, records, screens, whiteboards or labels (NMC social media guidance; NHS trust policies)",
    R05 => "R05 Do not disparage patients, even unnamed (NMC social media guidance; GPhC Demonstrating professionalism online 2016)",
    R06 => "R06 Keep professional boundaries: no friending, dating or private messaging of patients (GPhC Demonstrating professionalism online; NMC guidance; GMC boundaries guidance)",
    R07 => "R07 No individual clinical advice in public or informal channels; signpost to a consultation (PDA advice; NMC Code para 6; RCGP Social Media Highway Code)",
    R08 => "R08 Accurate, evidence-based health information; do not contradict public-health guidance (GMC Good medical practice 2024, para 89; HCPC guidance on misinformation)",
    R10 => "R10 Declare conflicts of interest; no undisclosed endorsements (GMC Good medical practice 2024, para 90; GPhC standard 5; PMCPA social media guidance 2023)",
    R11 => "R11 No bullying, harassment, intimidation or trolling (GPhC Demonstrating professionalism online; GMC Using social media 2024, para 14; NMC guidance; NHS trust policies)",
    R12 => "R12 No discrimination or discriminatory remarks (GPhC Demonstrating professionalism online; HCPC standard 1.7, 2024; GMC Using social media 2024, para 14)",
    R13 => "R13 Do not air complaints about identifiable colleagues online (NMC advice; NHS trust policies route them to managers, Freedom to Speak Up or grievance)",
    R14 => "R14 Do not damage your employer's reputation with public claims; raise concerns through proper channels (NHS trust social media policies; PDA on fitness-to-practise cases)",
    R16 => "R16 No confidential, commercially sensitive or embargoed information (NHS trust policies; conference embargo rules; GPhC standard 7)",
    R17 => "R17 No defamatory allegations about identifiable people or organisations (Defamation Act 2013, s.1; NHS trust policies)",
    R19 => "R19 Pause when emotions run high; you rarely need to react immediately (GPhC Demonstrating professionalism online; HCPC guidance on social media)",
    R20 => "R20 Raise concerns internally first: line manager, then the Freedom to Speak Up guardian (GPhC standard 8; NHS Freedom to Speak Up policy 2022; PIDA s.43G)",
    R23 => "R23 No unprofessional content: drunkenness, drugs, offensive material (NMC guidance; GPhC Demonstrating professionalism online; HCPC guidance)",
}
