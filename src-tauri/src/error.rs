//! How errors cross IPC: `{ code, message, field? }`, so the UI can put a message next
//! to the field it concerns.

use partner_risk_core::Error;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code().to_string(),
            field: e.field().map(str::to_string),
            message: e.to_string(),
        }
    }
}

impl IpcError {
    pub fn new(code: &str, field: Option<&str>, message: impl Into<String>) -> Self {
        IpcError {
            code: code.into(),
            message: message.into(),
            field: field.map(str::to_string),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: "internal".into(),
            message: message.into(),
            field: None,
        }
    }
}
