"""The site's own date formats per language, over Django's (settings.FORMAT_MODULE_PATH).

Templates name formats ("DATETIME_FORMAT", "TIME_FORMAT"), never spell them, so
each language writes a moment its own way. Only what differs from Django's own
formats for a language is here.
"""
