"""Form pieces shared by every app."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """A date field shown with the browser's date picker."""

    input_type = "date"
