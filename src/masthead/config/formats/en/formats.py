"""Dates and times in English, as the back office shows them: "7 Dec 2026, 04:57".

Django's English formats write "Dec. 7, 2026, 4:57 a.m.", whose closing full stop doubles
at the end of a sentence. A newsroom reads the day first and the 24-hour clock, the way
the dashboard, the story list and the forms now all say it. Only the formats shown are
set: what Django reads from a form (``*_INPUT_FORMATS``) stays English's.

The public pages name their formats in their templates ("December 7, 2026, 04:57"), so
these reach only what is written without one: the back office, and its messages.
"""

DATE_FORMAT = "j M Y"  # 7 Dec 2026
TIME_FORMAT = "H:i"  # 04:57
DATETIME_FORMAT = "j M Y, H:i"  # 7 Dec 2026, 04:57
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 7 December
# Never day and month in figures: 07/12 is July to some and December to others.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
