//! Spreadsheet import: registers as people keep them (a messy workbook, CSV in every
//! encoding and separator, OpenDocument), our own export coming back the same, mappings
//! given back, and hostile files refused with a clear error. Every fixture is made here,
//! apart from the real registers of `import/realdata.rs`.
//!
//! One test binary: the tests live in `import/`, one file per behaviour, and share the
//! stores, dry runs and file writing of `import/support.rs`.

#[path = "import/support.rs"]
mod support;

#[path = "import/fuzz.rs"]
mod fuzz;
#[path = "import/hostile.rs"]
mod hostile;
#[path = "import/opendocument.rs"]
mod opendocument;
#[path = "import/readings.rs"]
mod readings;
#[path = "import/realdata.rs"]
mod realdata;
#[path = "import/text.rs"]
mod text;
#[path = "import/workbooks.rs"]
mod workbooks;
