"""Read the catalogue of safety measures (PPC Guidelines (General Rules) §10) shipped as data.

Pure (no Django): the risk forms, the risk matrix and its Excel export pick controls from it by code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "safety_measures.yaml"


@dataclass(frozen=True)
class Control:
    """One safety measure: its guideline section code, category, title and the two sets of methods."""

    code: str
    category: str
    category_label: str
    title: str
    measure: str
    small_business: str

    @property
    def label(self) -> str:
        """Return the code and title, as shown in pickers and exports."""
        return f"{self.code} {self.title}"


@dataclass(frozen=True)
class Catalogue:
    """The whole catalogue and where it comes from."""

    source: dict[str, Any]
    controls: tuple[Control, ...]

    def get(self, code: str) -> Control | None:
        """Return the control of ``code``, or None for a code the catalogue does not know."""
        return next((c for c in self.controls if c.code == code), None)

    def labels(self, codes: list[str]) -> list[str]:
        """Return the labels of ``codes`` in catalogue order (unknown codes as they are, at the end)."""
        known = [c.label for c in self.controls if c.code in codes]
        return known + [code for code in codes if self.get(code) is None]


@cache
def catalogue() -> Catalogue:
    """Return the catalogue read from ``data/safety_measures.yaml`` (once per process)."""
    data = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    categories = data["categories"]
    controls = tuple(
        Control(
            code=str(item["code"]),
            category=item["category"],
            category_label=categories[item["category"]],
            title=item["title"],
            measure=item["measure"],
            small_business=item["small_business"],
        )
        for item in data["controls"]
    )
    return Catalogue(source=data["source"], controls=controls)
