"""Circles Desktop: offline, encrypted records for coordinators of circles."""

__version__ = "0.1.0"
