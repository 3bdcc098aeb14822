"""mamori (守り): personal-information protection management for the APPI and the Privacy Mark."""

__version__ = "0.1.0"
