"""Turn user input (str or bytes) into text, with clear errors for what cannot be text.

>>> as_text(b"caf\\xc3\\xa9")
'café'
"""

from __future__ import annotations

import re
import warnings

from newsml.errors import InputError

_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<(?:p|div|span|a|br|html|body|script|li|td|h[1-6])\b[^>]*>", re.IGNORECASE)


class HtmlInputWarning(UserWarning):
    """The text looks like HTML markup; newsml expects the plain text of a page."""


def as_text(document: str | bytes | bytearray, encoding: str = "utf-8") -> str:
    """Return ``document`` as ``str``; bytes are decoded with ``encoding`` (strictly).

    Raises :class:`InputError` for another type, bytes that do not decode, or binary data
    (more than 10% control characters). HTML is accepted with a :class:`HtmlInputWarning`.
    """
    if isinstance(document, (bytes, bytearray)):
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
    _reject_binary(text)
    if _HTML_TAG.search(text[:20000]):
        warnings.warn(
            "text looks like HTML markup; newsml labels plain-text lines, so extract the page text first "
            "(tags are kept as part of the lines)",
            HtmlInputWarning,
            stacklevel=3,
        )
    return text


def _reject_binary(text: str) -> None:
    sample = text[:65536]
    if len(sample) >= 32 and len(_BINARY_CONTROL.findall(sample)) > 0.1 * len(sample):
        raise InputError(
            "document looks like binary data (over 10% control characters in its first 64 KiB), not text"
        )
