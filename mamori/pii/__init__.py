"""Detect Japanese personal information in text: a Django-free library used by the scanner and mail guard.

``detect(text)`` returns ``Span`` objects with one of ``LABELS``; ``mask`` and ``keyed_hash`` give the
masked preview and the keyed hash that findings store instead of the raw value.
"""

from mamori.pii.engine import detect
from mamori.pii.mask import keyed_hash, mask
from mamori.pii.spans import LABELS, Span

__all__ = ["LABELS", "Span", "detect", "keyed_hash", "mask"]
