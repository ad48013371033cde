//! Writing workbooks: everything rust_xlsxwriter lives here (not yet implemented).
