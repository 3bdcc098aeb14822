"""Score the engine on labelled documents: exact-span precision, recall and F1 per label, and decoys.

Documents have the shape of the shared dev sample: ``{"id", "text", "spans": [...], "decoys": [...]}``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mamori.pii.engine import detect_all
from mamori.pii.spans import LABELS

# Thresholds from the issue: exact-span F1 per label.
THRESHOLDS: dict[str, float] = {
    "MY_NUMBER": 0.97,
    "CREDIT_CARD": 0.97,
    "EMAIL": 0.97,
    "POSTAL_CODE": 0.97,
    "PHONE": 0.97,
    "PERSON": 0.90,
    "ADDRESS": 0.90,
    "DATE_OF_BIRTH": 0.90,
}


@dataclass
class Score:
    """Hold true positives, false positives and false negatives per label, and reported decoys."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    decoys_reported: int = 0

    def prf(self, label: str) -> tuple[float, float, float]:
        """Return (precision, recall, F1) for ``label``; 1.0 where nothing was expected or found."""
        tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def failures(self) -> list[str]:
        """Return the labels whose F1 is below its threshold, and a note if any decoy was reported."""
        bad = [f"{lab} F1 {self.prf(lab)[2]:.3f}" for lab, t in THRESHOLDS.items() if self.prf(lab)[2] < t]
        return bad + ([f"{self.decoys_reported} decoys reported"] if self.decoys_reported else [])

    def table(self) -> str:
        """Return a printable per-label table."""
        lines = [f"{'label':<18}{'gold':>6}{'P':>8}{'R':>8}{'F1':>8}"]
        for label in LABELS:
            gold = self.tp[label] + self.fn[label]
            if gold or self.fp[label]:
                p, r, f = self.prf(label)
                lines.append(f"{label:<18}{gold:>6}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
        lines.append(f"decoys reported: {self.decoys_reported}")
        return "\n".join(lines)


def score(docs: Iterable[dict]) -> Score:
    """Run ``detect_all`` on every document and compare with its gold spans and decoys.

    The samples label a company's contact data (a signature's TEL) like a person's, so recognition is
    scored on personal and corporate spans together; the split itself is tested on the scan tree.
    """
    result = Score()
    for doc in docs:
        gold = {(s["start"], s["end"], s["label"]) for s in doc["spans"]}
        detection = detect_all(doc["text"])
        found = {(s.start, s.end, s.label) for s in detection.personal + detection.corporate}
        for _s, _e, label in found & gold:
            result.tp[label] += 1
        for _s, _e, label in found - gold:
            result.fp[label] += 1
        for _s, _e, label in gold - found:
            result.fn[label] += 1
        for decoy in doc.get("decoys", []):
            if any(s < decoy["end"] and decoy["start"] < e for s, e, _l in found):
                result.decoys_reported += 1
    return result


def load(path: Path) -> list[dict]:
    """Return the documents of a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
