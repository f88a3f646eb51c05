"""citeres: find, resolve and check the references in plain-text essays."""

__version__ = "0.1.0"
