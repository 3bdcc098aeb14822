"""Versioned reference data shipped with mamori (national statistics, taxonomies); read-only at run time."""
