"""Dates in the English pages as a British reader writes them: 23 November 2026."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
