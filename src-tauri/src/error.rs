//! How errors cross IPC: `{ code, message, field?, value?, reason? }`. The message is the
//! core's sentence for people; field, value and reason are the core error's parts as data,
//! so the UI can put the message next to the field it concerns and word special cases
//! without reading the sentence back.

use partner_risk_core::Error;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    /// A stable machine-readable code (`invalid`, `not_found`, `conflict`, `internal`…).
    pub code: String,
    /// The sentence the window shows.
    pub message: String,
    /// The input field the error concerns, as a path (`title`, `votes[0].score`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The offending value as the user gave it (or the key of what was not found).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<String>,
    /// The core's short reason, without field or value ("must not be empty").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError::from_core(e, None)
    }
}

impl IpcError {
    pub fn new(code: &str, field: Option<&str>, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
            field: field.map(str::to_string),
            value: None,
            reason: None,
        }
        .logged(None)
    }

    /// The same error with the value it concerns and the reason, as data beside the
    /// sentence (the UI words special cases from them, never from the sentence).
    pub fn about(mut self, value: impl Into<String>, reason: &str) -> Self {
        self.value = Some(value.into());
        self.reason = Some(reason.to_string());
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: "internal".into(),
            message: message.into(),
            field: None,
            value: None,
            reason: None,
        }
        .logged(None)
    }

    /// A core error, logged with the command (`op`) it came from when known. The
    /// message is the core's sentence for people, about what the command works on
    /// (`create_risk` → "Give the risk a title."); the one-line form is for the CLI.
    pub fn from_core(e: Error, op: Option<&str>) -> Self {
        IpcError {
            code: e.code().to_string(),
            field: e.field().map(str::to_string),
            value: e.value().map(str::to_string),
            reason: e.reason().map(|r| r.into_owned()),
            message: e.for_people(op.map(subject_of)),
        }
        .logged(op)
    }

    /// The log line of this error: code and field, never the message, the value or the
    /// reason, which may quote a title or a description the user typed.
    pub fn log_line(&self, op: Option<&str>) -> String {
        let mut line = String::from("ipc error");
        if let Some(op) = op {
            line.push_str(" in ");
            line.push_str(op);
        }
        line.push_str(": code=");
        line.push_str(&self.code);
        if let Some(field) = &self.field {
            line.push_str(" field=");
            line.push_str(field);
        }
        line
    }

    // Every IpcError is made by one of the constructors above, so logging here logs
    // each error the window is sent.
    fn logged(self, op: Option<&str>) -> Self {
        let level = match self.code.as_str() {
            "internal" | "database" | "io" | "damaged" => log::Level::Error,
            _ => log::Level::Warn,
        };
        log::log!(level, "{}", self.log_line(op));
        self
    }
}

/// What a command works on, from its name: `workshops::add_participant` → `participant`.
pub fn subject_of(op: &str) -> &str {
    let name = op.rsplit("::").next().unwrap_or(op);
    name.rsplit('_').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_line_names_code_field_and_command_but_not_the_message() {
        let e = IpcError::from_core(
            Error::Invalid {
                field: "title".into(),
                value: "Secret merger with Acme".into(),
                message: "is too long".into(),
            },
            Some("create_risk"),
        );
        assert_eq!(e.value.as_deref(), Some("Secret merger with Acme"));
        assert_eq!(e.reason.as_deref(), Some("is too long"));
        let line = e.log_line(Some("create_risk"));
        assert_eq!(line, "ipc error in create_risk: code=invalid field=title");
        assert!(!line.contains("Acme"));
        assert!(!line.contains("too long"));
        assert_eq!(
            IpcError::internal("boom").log_line(None),
            "ipc error: code=internal"
        );
    }

    #[test]
    fn the_message_is_the_cores_sentence_about_what_the_command_works_on() {
        assert_eq!(subject_of("create_risk"), "risk");
        assert_eq!(subject_of("workshops::add_participant"), "participant");
        let empty = || Error::invalid("title", "", "must not be empty");
        let e = IpcError::from_core(empty(), Some("update_risk"));
        assert_eq!(e.message, "Give the risk a title.");
        assert_eq!(e.field.as_deref(), Some("title"));
        let e = IpcError::from_core(empty(), Some("workshops::create_workshop"));
        assert_eq!(e.message, "Give the workshop a title.");
        let e = IpcError::from_core(
            Error::invalid("name", "", "must not be empty"),
            Some("create_partnership"),
        );
        assert_eq!(e.message, "A partnership needs a name.");
    }
}
