"""The languages of every output: Kyrgyz (the memo's own, and the default), Russian, English."""

LANGS = ("ky", "ru", "en")
DEFAULT_LANG = "ky"
