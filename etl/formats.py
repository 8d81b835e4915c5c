"""What cells must look like, for every kind: code formats, the patient limit, and how each is
worded to the user. Plain constants: the SQL rules bind them too (a kind's fast_path.sql)."""

from __future__ import annotations

# Digits are ASCII: Python's \d also matches other scripts' digits, which no NHS code has.
PRACTICE_CODE = r"[A-Z][0-9]{5}"
PCN_CODE = r"U[0-9]{5}"
CCG_CODE = r"[A-Z0-9]{3}|[A-Z0-9]{5}"
NETWORK_CODE = r"[A-Z0-9-]{1,20}"
MAX_LIST_SIZE = 250_000
NO_KNOWN_PATIENTS = "NO KNOWN PATIENTS"
# The expectations every kind words alike (a kind may add an example).
EXPECT_VALUE = "a value; this column must not be empty"
EXPECT_PRACTICE_CODE = "a capital letter and 5 digits"
EXPECT_CCG_CODE = "3 or 5 capitals and digits"
# What Excel writes for a whole number: 12000, 12,000 or 12000.0
EXCEL_WHOLE_NUMBER = r"[0-9]{1,7}|[0-9]{1,3}(,[0-9]{3}){1,2}|[0-9]{1,7}\.0+"
