"""Russian dates as a Russian reader writes them: "12 мая 2021 г." (E is the month's genitive).
Numbers are grouped by the ``grouped`` filter (meetings.templatetags.names) with a thin space
that never breaks; USE_THOUSAND_SEPARATOR stays off, so that years are never "2 021"."""

DATE_FORMAT = "j E Y г."
SHORT_DATE_FORMAT = "j E Y г."
YEAR_MONTH_FORMAT = "F Y г."
