//! `confidential-information`: embargoed news, internal documents, investigations, prices,
//! unpublished results, credentials and the organisation's codenames.

pub mod commercial_pricing;
pub mod confidential_term;
pub mod credentials;
pub mod embargoed_news;
pub mod incident_investigation;
pub mod internal_documents;
pub mod unpublished_research;
