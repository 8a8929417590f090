"""Turn user input (str or bytes) into text, with clear errors for what cannot be text.

>>> as_text(b"caf\\xc3\\xa9")
'café'
"""

from __future__ import annotations

import re
import warnings

from newsml.errors import InputError

_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<(?:p|div|span|a|br|html|body|script|li|td|h[1-6])\b[^>]*>", re.IGNORECASE)


class HtmlInputWarning(UserWarning):
    """The text looks like HTML markup; newsml expects the plain text of a page."""


def as_text(document: str | bytes | bytearray, encoding: str = "utf-8") -> str:
    """Return ``document`` as ``str``; bytes are decoded with ``encoding`` (strictly).

    Raises :class:`InputError` for another type, bytes that do not decode, or binary bytes (a NUL near
    the start, or more than 10% control bytes). A ``str`` is text already and is never rejected. HTML is
    accepted with a :class:`HtmlInputWarning`.
    """
    if isinstance(document, (bytes, bytearray)):
        _reject_binary(bytes(document[:65536]))
        try:
            text = bytes(document).decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                f"document is not valid {encoding}: byte {error.start} "
                f"({bytes(document)[error.start:error.start + 1]!r}) cannot be decoded; "
                "pass encoding='...' (for example 'latin-1' or 'cp1252') or decode it yourself"
            ) from None
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}; use a Python codec name such as 'utf-8'") from None
    elif isinstance(document, str):
        text = document
    else:
        raise InputError(f"document must be str or bytes, not {type(document).__name__}")
    if _HTML_TAG.search(text[:20000]):
        warnings.warn(
            "text looks like HTML markup; newsml labels plain-text lines, so extract the page text first "
            "(tags are kept as part of the lines)",
            HtmlInputWarning,
            stacklevel=3,
        )
    return text


def _reject_binary(sample: bytes) -> None:
    """Reject bytes with a NUL in the first bytes or over 10% control bytes (images, archives, PDFs)."""
    controls = len(_BINARY_CONTROL.findall(sample))
    if b"\x00" in sample[:1024] or (len(sample) >= 32 and controls > 0.1 * len(sample)):
        raise InputError(
            "document looks like binary data (over 10% control characters in its first 64 KiB), not text"
        )
