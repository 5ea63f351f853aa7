"""Lists leaving as spreadsheets: the file writers (spreadsheet), the lists the command line knows
(lists), and the one step that writes and audits an export (export)."""
