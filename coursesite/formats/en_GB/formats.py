"""British English as the site has always written a moment: "6 Dec 2026, 19:05",
on a 24-hour clock (Django's en_GB says "6 Dec 2026, 7:05 p.m.")."""

DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
