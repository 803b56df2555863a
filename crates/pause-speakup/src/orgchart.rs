//! The organisation chart import: who is who, in which role, reporting to whom.
//!
//! Validation only: [`parse_org_csv`] either accepts the whole file or says everything wrong
//! with it (up to [`MAX_ERRORS`] problems, each naming its CSV line), so that a person can fix
//! the spreadsheet in one go. The caller writes the accepted rows in one transaction.

use std::collections::{HashMap, HashSet};
use std::fmt;

/// The most errors [`parse_org_csv`] reports at once.
pub const MAX_ERRORS: usize = 20;

/// The role whose holder is the one head of a service.
pub const HEAD_OF_SERVICE: &str = "head-of-service";

const COLUMNS: [&str; 4] = ["email", "role", "manager", "service"];

/// One accepted row of the organisation chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRow {
    /// The CSV line the row starts on (the header is line 1).
    pub line: u64,
    /// Trimmed and lower-cased.
    pub email: String,
    /// One of the valid role ids, as the caller spelt it.
    pub role: String,
    /// The manager's e-mail, trimmed and lower-cased; `None` for the top of the chart.
    pub manager: Option<String>,
    /// The service (department) as written, trimmed; `None` when empty.
    pub service: Option<String>,
}

/// One problem with an organisation chart file.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("line {line}: {message}")]
pub struct OrgError {
    /// The CSV line (the header is line 1).
    pub line: u64,
    pub message: String,
}

/// Everything wrong with an organisation chart file, in line order (at most [`MAX_ERRORS`]).
#[derive(Debug, thiserror::Error)]
#[error("{}", Lines(.0))]
pub struct OrgErrors(pub Vec<OrgError>);

struct Lines<'a>(&'a [OrgError]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Whether `s` (already trimmed and lower-cased) looks like an e-mail address: one `@`, a
/// local part without spaces, quotes, brackets or commas, and a domain of dot-separated
/// labels of letters, digits and hyphens.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"\"(),:;<>@[\\]".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    s.len() <= 254 && local_ok && domain_ok
}

/// Parses an organisation chart: a CSV file with a header naming the columns `email`, `role`,
/// `manager` and `service` in any order and any case (other columns, such as `name`, are
/// ignored; a UTF-8 byte-order mark is tolerated; rows whose cells are all empty are
/// skipped). E-mails are trimmed and lower-cased. `roles` are the valid role ids (matched
/// case-insensitively). `existing` maps the e-mails of accounts already in the service to
/// their current manager's e-mail; rows in the file replace those.
///
/// # Errors
/// Every problem found (at most [`MAX_ERRORS`]), in line order: a missing column, an empty or
/// malformed e-mail, an e-mail twice in the file, an unknown role, a manager who is neither
/// in the file nor in `existing`, someone who is their own manager, a cycle of managers
/// (naming everyone in it), two heads of one service, and a file without rows.
pub fn parse_org_csv(
    text: &str,
    roles: &[&str],
    existing: &HashMap<String, Option<String>>,
) -> Result<Vec<OrgRow>, OrgErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut errors: Vec<OrgError> = Vec::new();
    let err = |line: u64, message: String| OrgError { line, message };

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());

    // The header.
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            return Err(OrgErrors(vec![err(
                1,
                format!("the header cannot be read: {e}"),
            )]))
        }
    };
    if header.iter().all(String::is_empty) {
        return Err(OrgErrors(vec![err(
            1,
            "the file is empty (expected a header row: email,role,manager,service)".to_string(),
        )]));
    }
    let mut index = [0usize; 4];
    let mut missing = Vec::new();
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        let found: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [i] => *slot = *i,
            [] => missing.push(name),
            _ => errors.push(err(
                1,
                format!("the header names the column `{name}` twice"),
            )),
        }
    }
    if !missing.is_empty() {
        errors.push(err(
            1,
            format!(
                "the header has no {} column{} (expected email, role, manager and service, in any order)",
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
                if missing.len() == 1 { "" } else { "s" },
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(OrgErrors(errors));
    }
    let [email_col, role_col, manager_col, service_col] = index;

    let role_list = roles.join(", ");
    let mut rows: Vec<OrgRow> = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut heads: HashMap<String, (String, u64)> = HashMap::new();

    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                errors.push(err(line, format!("the row cannot be read: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("").trim();

        let email = cell(email_col).to_lowercase();
        if email.is_empty() {
            errors.push(err(line, "the email is empty".to_string()));
        } else if !is_email(&email) {
            errors.push(err(
                line,
                format!("{:?} is not an email address", cell(email_col)),
            ));
        } else if let Some(first) = first_line.get(&email) {
            errors.push(err(
                line,
                format!("{email} appears again (first on line {first})"),
            ));
        }

        let role_text = cell(role_col);
        let role = roles
            .iter()
            .find(|r| r.eq_ignore_ascii_case(role_text))
            .map(|r| (*r).to_string());
        if role.is_none() {
            let what = if role_text.is_empty() {
                "the role is empty".to_string()
            } else {
                format!("{role_text:?} is not a role")
            };
            errors.push(err(line, format!("{what} (expected one of: {role_list})")));
        }

        let manager_text = cell(manager_col);
        let manager = (!manager_text.is_empty()).then(|| manager_text.to_lowercase());
        if let Some(m) = &manager {
            if !is_email(m) {
                errors.push(err(
                    line,
                    format!("the manager {manager_text:?} is not an email address"),
                ));
            } else if *m == email {
                errors.push(err(line, format!("{email} is their own manager")));
            }
        }

        let service = Some(cell(service_col).to_string()).filter(|s| !s.is_empty());

        if !first_line.contains_key(&email) && is_email(&email) {
            first_line.insert(email.clone(), line);
        } else {
            continue; // a duplicate or a bad e-mail: nothing more to check against others
        }
        if let (Some(role), Some(service)) = (&role, &service) {
            if role.eq_ignore_ascii_case(HEAD_OF_SERVICE) {
                let key = service.to_lowercase();
                if let Some((other, other_line)) = heads.get(&key) {
                    errors.push(err(
                        line,
                        format!(
                            "two heads of service {service:?}: {email} here and {other} on line {other_line}"
                        ),
                    ));
                } else {
                    heads.insert(key, (email.clone(), line));
                }
            }
        }
        // Rows with errors are kept too, for the manager checks below; any error means the
        // caller gets the errors, not the rows.
        rows.push(OrgRow {
            line,
            email,
            role: role.unwrap_or_default(),
            manager,
            service,
        });
    }

    if rows.is_empty() && errors.is_empty() {
        errors.push(err(1, "the file has a header but no rows".to_string()));
    }

    check_managers(&rows, existing, &mut errors);

    if errors.is_empty() {
        return Ok(rows);
    }
    errors.sort_by_key(|e| e.line);
    errors.truncate(MAX_ERRORS);
    Err(OrgErrors(errors))
}

/// Managers that exist nowhere, and cycles in the chart the import would leave.
fn check_managers(
    rows: &[OrgRow],
    existing: &HashMap<String, Option<String>>,
    errors: &mut Vec<OrgError>,
) {
    // The chart after the import: existing accounts, replaced by the file's rows.
    let mut manager_of: HashMap<String, Option<String>> = existing
        .iter()
        .map(|(e, m)| {
            (
                e.trim().to_lowercase(),
                m.as_ref().map(|m| m.trim().to_lowercase()),
            )
        })
        .collect();
    let line_of: HashMap<&str, u64> = rows.iter().map(|r| (r.email.as_str(), r.line)).collect();
    for r in rows {
        manager_of.insert(r.email.clone(), r.manager.clone());
    }

    for r in rows {
        if let Some(m) = &r.manager {
            if *m != r.email && !manager_of.contains_key(m) && is_email(m) {
                errors.push(OrgError {
                    line: r.line,
                    message: format!(
                        "the manager {m} is neither in this file nor an existing account"
                    ),
                });
            }
        }
    }

    // Each person has at most one manager, so following managers from anyone either ends or
    // enters a cycle. Walk from each row in line order, marking who has been settled.
    let mut settled: HashSet<String> = HashSet::new();
    for r in rows {
        let mut path: Vec<String> = Vec::new();
        let mut on_path: HashMap<String, usize> = HashMap::new();
        let mut at = Some(r.email.clone());
        while let Some(person) = at {
            if settled.contains(&person) {
                break;
            }
            if let Some(&start) = on_path.get(&person) {
                report_cycle(&path[start..], &line_of, r.line, errors);
                break;
            }
            on_path.insert(person.clone(), path.len());
            path.push(person.clone());
            at = manager_of
                .get(&person)
                .cloned()
                .flatten()
                .filter(|m| *m != person); // own manager is reported on its own
        }
        settled.extend(path);
    }
}

fn report_cycle(
    cycle: &[String],
    line_of: &HashMap<&str, u64>,
    reached_from: u64,
    errors: &mut Vec<OrgError>,
) {
    // Start the description at the person on the earliest line.
    let lines: Vec<Option<u64>> = cycle
        .iter()
        .map(|e| line_of.get(e.as_str()).copied())
        .collect();
    let first = (0..cycle.len())
        .min_by_key(|&i| lines[i].unwrap_or(u64::MAX))
        .unwrap_or(0);
    let ordered: Vec<&str> = cycle[first..]
        .iter()
        .chain(&cycle[..first])
        .map(String::as_str)
        .collect();
    let mut chain = ordered.join(" -> ");
    chain.push_str(" -> ");
    chain.push_str(ordered.first().copied().unwrap_or_default());
    let in_file: Vec<String> = {
        let mut ls: Vec<u64> = lines.iter().flatten().copied().collect();
        ls.sort_unstable();
        ls.iter().map(u64::to_string).collect()
    };
    let (line, message) = if in_file.is_empty() {
        (
            reached_from,
            format!("the managers above this person form a cycle among existing accounts: {chain}"),
        )
    } else {
        (
            lines
                .iter()
                .flatten()
                .copied()
                .min()
                .unwrap_or(reached_from),
            format!(
                "a cycle of managers: {chain} (line{} {})",
                if in_file.len() == 1 { "" } else { "s" },
                in_file.join(", ")
            ),
        )
    };
    errors.push(OrgError { line, message });
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: &[&str] = &["staff", "manager", "head-of-service", "guardian"];

    fn none() -> HashMap<String, Option<String>> {
        HashMap::new()
    }

    #[track_caller]
    fn ok(text: &str) -> Vec<OrgRow> {
        match parse_org_csv(text, ROLES, &none()) {
            Ok(rows) => rows,
            Err(e) => panic!("{e}"),
        }
    }

    #[track_caller]
    fn errors_with(text: &str, existing: &HashMap<String, Option<String>>) -> Vec<String> {
        match parse_org_csv(text, ROLES, existing) {
            Ok(rows) => panic!("accepted: {rows:?}"),
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    #[track_caller]
    fn errors(text: &str) -> Vec<String> {
        errors_with(text, &none())
    }

    #[test]
    fn a_good_file_parses_with_lines_and_normalised_emails() {
        let rows = ok("email,role,manager,service\n\
             Boss@Trust.NHS.uk ,head-of-service,,Cardiology\n\
             ann@trust.nhs.uk,Manager,boss@trust.nhs.uk,Cardiology\n\
             bob@trust.nhs.uk,staff,ANN@trust.nhs.uk,\n");
        assert_eq!(
            rows,
            vec![
                OrgRow {
                    line: 2,
                    email: "boss@trust.nhs.uk".into(),
                    role: "head-of-service".into(),
                    manager: None,
                    service: Some("Cardiology".into()),
                },
                OrgRow {
                    line: 3,
                    email: "ann@trust.nhs.uk".into(),
                    role: "manager".into(),
                    manager: Some("boss@trust.nhs.uk".into()),
                    service: Some("Cardiology".into()),
                },
                OrgRow {
                    line: 4,
                    email: "bob@trust.nhs.uk".into(),
                    role: "staff".into(),
                    manager: Some("ann@trust.nhs.uk".into()),
                    service: None,
                },
            ]
        );
    }

    #[test]
    fn columns_in_any_order_any_case_with_extras_and_a_bom() {
        let rows = ok("\u{feff}Name, SERVICE ,Manager,Role,Email\n\
             Ann,Wards,,manager,ann@t.nhs.uk\n\
             \"Smith, Bob\",Wards,ann@t.nhs.uk,staff,bob@t.nhs.uk\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].email, "bob@t.nhs.uk");
        assert_eq!(rows[1].manager.as_deref(), Some("ann@t.nhs.uk"));
        assert_eq!(rows[1].service.as_deref(), Some("Wards"));
    }

    #[test]
    fn blank_rows_are_skipped_but_lines_still_count() {
        let rows = ok("email,role,manager,service\n\n,,,\na@t.nhs.uk,staff,,\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 4);
    }

    #[test]
    fn quoted_fields_spanning_lines_keep_the_starting_line() {
        let text = "email,role,manager,service,note\n\
             a@t.nhs.uk,staff,,,\"two\nlines\"\n\
             b@t.nhs.uk,nurse,,,\n";
        assert_eq!(
            errors(text),
            vec!["line 4: \"nurse\" is not a role (expected one of: staff, manager, head-of-service, guardian)"]
        );
    }

    #[test]
    fn missing_columns_are_named() {
        assert_eq!(
            errors("email,role\na@t.nhs.uk,staff\n"),
            vec!["line 1: the header has no `manager`, `service` columns (expected email, role, manager and service, in any order)"]
        );
        assert_eq!(
            errors("email,role,manager,service,Email\n"),
            vec!["line 1: the header names the column `email` twice"]
        );
    }

    #[test]
    fn an_empty_file_or_one_without_rows_is_rejected() {
        assert_eq!(
            errors(""),
            vec!["line 1: the file is empty (expected a header row: email,role,manager,service)"]
        );
        assert_eq!(
            errors("email,role,manager,service\n"),
            vec!["line 1: the file has a header but no rows"]
        );
        assert_eq!(
            errors("\u{feff}email,role,manager,service\n\n"),
            vec!["line 1: the file has a header but no rows"]
        );
    }

    #[test]
    fn bad_emails_are_rejected() {
        let errs = errors(
            "email,role,manager,service\n\
             ,staff,,\n\
             not-an-email,staff,,\n\
             a@b,staff,,\n\
             a b@t.nhs.uk,staff,,\n\
             a@t.nhs.uk,staff,,\n",
        );
        assert_eq!(
            errs,
            vec![
                "line 2: the email is empty",
                "line 3: \"not-an-email\" is not an email address",
                "line 4: \"a@b\" is not an email address",
                "line 5: \"a b@t.nhs.uk\" is not an email address",
            ]
        );
    }

    #[test]
    fn email_shapes() {
        for good in [
            "a@t.nhs.uk",
            "first.last+tag@nhs.net",
            "o'neil@trust-1.nhs.uk",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "@t.nhs.uk",
            "a@",
            "a@@t.uk",
            "a@t",
            "a@.uk",
            "a@t..uk",
            ".a@t.uk",
            "a.@t.uk",
            "a..b@t.uk",
            "a@-t.uk",
            "a,b@t.uk",
            "<a@t.uk>",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn duplicate_emails_name_the_first_line() {
        assert_eq!(
            errors("email,role,manager,service\na@t.nhs.uk,staff,,\nA@T.nhs.uk ,staff,,\n"),
            vec!["line 3: a@t.nhs.uk appears again (first on line 2)"]
        );
    }

    #[test]
    fn unknown_roles_list_the_valid_ones() {
        assert_eq!(
            errors("email,role,manager,service\na@t.nhs.uk,boss,,\nb@t.nhs.uk,,,\n"),
            vec![
                "line 2: \"boss\" is not a role (expected one of: staff, manager, head-of-service, guardian)",
                "line 3: the role is empty (expected one of: staff, manager, head-of-service, guardian)",
            ]
        );
    }

    #[test]
    fn managers_must_exist_in_the_file_or_the_service() {
        let text = "email,role,manager,service\na@t.nhs.uk,staff,boss@t.nhs.uk,\n";
        assert_eq!(
            errors(text),
            vec![
                "line 2: the manager boss@t.nhs.uk is neither in this file nor an existing account"
            ]
        );
        let existing = HashMap::from([("Boss@t.nhs.uk".to_string(), None)]);
        let rows = parse_org_csv(text, ROLES, &existing).unwrap();
        assert_eq!(rows[0].manager.as_deref(), Some("boss@t.nhs.uk"));
        assert_eq!(
            errors("email,role,manager,service\na@t.nhs.uk,staff,boss,\n"),
            vec!["line 2: the manager \"boss\" is not an email address"]
        );
    }

    #[test]
    fn nobody_manages_themselves() {
        assert_eq!(
            errors("email,role,manager,service\na@t.nhs.uk,staff,A@t.nhs.uk,\n"),
            vec!["line 2: a@t.nhs.uk is their own manager"]
        );
    }

    #[test]
    fn a_cycle_in_the_file_names_everyone_in_it() {
        let errs = errors(
            "email,role,manager,service\n\
             top@t.nhs.uk,manager,,\n\
             a@t.nhs.uk,staff,b@t.nhs.uk,\n\
             b@t.nhs.uk,staff,c@t.nhs.uk,\n\
             c@t.nhs.uk,staff,a@t.nhs.uk,\n\
             d@t.nhs.uk,staff,a@t.nhs.uk,\n",
        );
        assert_eq!(
            errs,
            vec!["line 3: a cycle of managers: a@t.nhs.uk -> b@t.nhs.uk -> c@t.nhs.uk -> a@t.nhs.uk (lines 3, 4, 5)"]
        );
    }

    #[test]
    fn a_cycle_through_existing_accounts_is_found() {
        // In the service: x reports to a. The file makes a report to x.
        let existing = HashMap::from([
            ("x@t.nhs.uk".to_string(), Some("a@t.nhs.uk".to_string())),
            ("a@t.nhs.uk".to_string(), None),
        ]);
        let errs = errors_with(
            "email,role,manager,service\na@t.nhs.uk,manager,x@t.nhs.uk,\n",
            &existing,
        );
        assert_eq!(
            errs,
            vec!["line 2: a cycle of managers: a@t.nhs.uk -> x@t.nhs.uk -> a@t.nhs.uk (line 2)"]
        );
        // The file's row replaces the existing one: moving x under someone else breaks it.
        let rows = parse_org_csv(
            "email,role,manager,service\na@t.nhs.uk,manager,x@t.nhs.uk,\nx@t.nhs.uk,manager,,\n",
            ROLES,
            &existing,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn a_cycle_among_existing_accounts_is_reported_where_it_is_reached() {
        let existing = HashMap::from([
            ("x@t.nhs.uk".to_string(), Some("y@t.nhs.uk".to_string())),
            ("y@t.nhs.uk".to_string(), Some("x@t.nhs.uk".to_string())),
        ]);
        let errs = errors_with(
            "email,role,manager,service\na@t.nhs.uk,staff,x@t.nhs.uk,\n",
            &existing,
        );
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with(
                "line 2: the managers above this person form a cycle among existing accounts: "
            ),
            "{errs:?}"
        );
        assert!(errs[0].contains("x@t.nhs.uk") && errs[0].contains("y@t.nhs.uk"));
    }

    #[test]
    fn one_head_per_service() {
        let errs = errors(
            "email,role,manager,service\n\
             a@t.nhs.uk,head-of-service,,Cardiology\n\
             b@t.nhs.uk,head-of-service,,Renal\n\
             c@t.nhs.uk,head-of-service,, cardiology \n",
        );
        assert_eq!(
            errs,
            vec!["line 4: two heads of service \"cardiology\": c@t.nhs.uk here and a@t.nhs.uk on line 2"]
        );
        // Heads without a service do not clash.
        ok("email,role,manager,service\na@t.nhs.uk,head-of-service,,\nb@t.nhs.uk,head-of-service,,\n");
    }

    #[test]
    fn all_errors_are_collected_in_line_order_up_to_twenty() {
        let mut text = String::from("email,role,manager,service\n");
        for i in 0..30 {
            text.push_str(&format!("p{i}@t.nhs.uk,nurse,ghost{i}@t.nhs.uk,\n"));
        }
        let e = parse_org_csv(&text, ROLES, &none()).unwrap_err();
        assert_eq!(e.0.len(), MAX_ERRORS);
        let lines: Vec<u64> = e.0.iter().map(|e| e.line).collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted);
        // Each bad row gives both its errors: the role and the missing manager.
        assert_eq!(lines[..4], [2, 2, 3, 3]);
        assert!(e.0[0].message.contains("not a role"));
        assert!(e.0[1].message.contains("neither in this file"));
    }

    #[test]
    fn display_is_one_line_per_error() {
        let e = OrgErrors(vec![
            OrgError {
                line: 2,
                message: "x".into(),
            },
            OrgError {
                line: 5,
                message: "y".into(),
            },
        ]);
        assert_eq!(e.to_string(), "line 2: x\nline 5: y");
    }
}
