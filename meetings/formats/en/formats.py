"""English dates as the register has always shown them: "12 May 2021" in full, "12 May 2021"
short. Numbers are grouped by the ``grouped`` filter (meetings.templatetags.names)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
YEAR_MONTH_FORMAT = "M Y"
