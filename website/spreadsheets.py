"""Cells for spreadsheet exports (CSV and xlsx) of what the public wrote.

Exports hold text typed into anonymous forms (directory proposals, newsletter signups).
A cell starting with = + - @ (or a tab or carriage return before one) is run as a formula
by spreadsheet programs, so such text is prefixed with an apostrophe, which they show as
plain text. Characters that XML (and so xlsx) cannot hold (control characters, U+FFFE,
U+FFFF, lone surrogates) become U+FFFD, so one odd signup cannot break the export."""

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_cell(value):
    if not isinstance(value, str):
        return value
    value = NOT_IN_XML.sub("\ufffd", value)
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value


def from_spreadsheet_cell(value):
    """Undo ``spreadsheet_cell``'s apostrophe when a file we exported is imported back."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
