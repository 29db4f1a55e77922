"""PDF from an HTML document with WeasyPrint (the resident's copies: data export, access report).

Imported lazily: WeasyPrint needs Pango from the system. Where it is missing, `html_to_pdf`
returns None and callers offer the printable HTML instead.
"""

import logging

logger = logging.getLogger(__name__)
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one line per page otherwise


def html_to_pdf(html: str) -> bytes | None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # missing Pango/cairo libraries
        logger.warning("PDF unavailable: %s", type(error).__name__)
        return None
    return HTML(string=html, base_url=None).write_pdf()
