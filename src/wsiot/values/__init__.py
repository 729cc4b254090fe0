"""The doors: one function per kind of input value (builds, dates, names), and the
validators rows, profiles and arguments share."""
