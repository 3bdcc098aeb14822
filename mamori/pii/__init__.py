"""Detect Japanese personal information in text: a Django-free library used by the scanner and mail guard.

``detect(text)`` returns ``Span`` objects with one of ``LABELS``; ``detect_all(text)`` also returns,
apart, the contact data of organisations (``corporate``), which is no personal data; ``mask`` and ``keyed_hash`` give the
masked preview and the keyed hash that findings store instead of the raw value.
"""

from mamori.pii import charsets

charsets.install()  # before the engine's modules compile their patterns: half of their import time

from mamori.pii.engine import Detection, detect, detect_all  # noqa: E402
from mamori.pii.mask import keyed_hash, mask  # noqa: E402
from mamori.pii.spans import LABEL_NAMES, LABELS, Span  # noqa: E402

__all__ = ["LABELS", "LABEL_NAMES", "Detection", "Span", "detect", "detect_all", "keyed_hash", "mask"]
