//! `defamation`: identifiable people or organisations accused of wrongdoing.

pub mod accusation;
