"""Text segmentation: lines, sentences and words with exact offsets (see :class:`Tokenizer`)."""

from newsml.text.segment import line_spans, sentence_spans, word_spans, words
from newsml.text.tokenizer import DEFAULT_TOKENIZER, Tokenizer

__all__ = ["DEFAULT_TOKENIZER", "Tokenizer", "line_spans", "sentence_spans", "word_spans", "words"]
