"""Editing the rules as legal staff do: one operation per command (record an act, change an act,
re-point a citation, a parameter's new value, a requirement's wording, an ad-hoc requirement),
each validated with the whole KB before it is written, written into the Turtle files as text,
recorded as PROV, shown before it is saved and undone to the byte; and `kb diff`."""
