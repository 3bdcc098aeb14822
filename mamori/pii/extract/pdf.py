"""Read the text layer of PDF files with pdfium."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Budget, Part, problem_part

FPDF_ERR_PASSWORD = 4  # pdfium's error code for a missing or wrong password


def read_pdf(data: bytes, location: str, depth: int, budget: Budget) -> Iterator[Part]:
    """Yield one part per page with text; report password-protected and image-only PDFs.

    A PDF with only an owner password (printing or copying restricted) opens without a password and
    is read normally; one with a user password is reported as ``encrypted``.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == FPDF_ERR_PASSWORD:
            yield problem_part("encrypted", location)
        else:
            yield problem_part("malformed", location, kind="PDF", error=str(exc)[:80])
        return
    try:
        found_text = False
        for index in range(len(document)):
            budget.check_time()
            page = document[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            finally:
                page.close()
            if text.strip():
                found_text = True
                budget.consume(len(text))
                yield Part(location=f"{location}!p{index + 1}", text=text)
        if not found_text and len(document):
            yield problem_part("no_text", location)
    finally:
        document.close()
