"""Cut a long article into model-sized chunks at sentence boundaries (the map step of map-reduce).

Sentences are packed greedily, in order, into chunks of at most ``budget`` tokens. A single sentence
longer than the budget is first cut into pieces at whitespace (at token boundaries where a script has no
spaces), so no text is ever dropped: joining the chunks gives back every word of the input.

>>> pack([3, 4, 2, 5, 1], budget=7)
[[0, 1], [2, 3], [4]]
"""

from __future__ import annotations

from typing import Any, Sequence

SEPARATOR_TOKENS = 1
"""Tokens reserved per sentence for the space that joins it to the previous one."""


def pack(counts: Sequence[int], budget: int) -> list[list[int]]:
    """Group consecutive item indices so that each group's total count stays within ``budget``.

    An item larger than ``budget`` gets a group of its own (callers split such items first).
    """
    if budget < 1:
        raise ValueError(f"budget must be >= 1, got {budget}")
    groups: list[list[int]] = []
    total = 0
    for index, count in enumerate(counts):
        if groups and total + count <= budget:
            groups[-1].append(index)
            total += count
        else:
            groups.append([index])
            total = count
    return groups


def token_counts(tokenizer: Any, texts: Sequence[str]) -> list[int]:
    """Tokens of each text as it appears inside a chunk (after a space), plus :data:`SEPARATOR_TOKENS`."""
    if not texts:
        return []
    ids = tokenizer([" " + text for text in texts], add_special_tokens=False, verbose=False)["input_ids"]
    return [len(row) + SEPARATOR_TOKENS for row in ids]


def split_long(tokenizer: Any, text: str, budget: int) -> list[str]:
    """Cut ``text`` into pieces of at most about ``budget`` tokens, preferring to cut at whitespace."""
    if getattr(tokenizer, "is_fast", False):
        offsets = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True,
                            verbose=False)["offset_mapping"]
        starts = [start for start, end in offsets if end > start]
    else:  # slow tokenizers have no offsets: cut between whitespace-separated words, one token per word
        starts, position = [], 0
        for word in text.split():
            position = text.index(word, position)
            starts.append(position)
            position += len(word)
    pieces: list[str] = []
    first = 0
    while first < len(starts):
        last = min(first + budget, len(starts))
        if last < len(starts):
            for cut in range(last, first + max(1, budget // 2), -1):
                if text[starts[cut] - 1].isspace() or text[starts[cut]].isspace():
                    last = cut
                    break
        end = starts[last] if last < len(starts) else len(text)
        piece = text[starts[first]:end].strip()
        if piece:
            pieces.append(piece)
        first = last
    return pieces or [text]


def chunk_sentences(tokenizer: Any, sentences: Sequence[str], budget: int) -> tuple[list[str], int]:
    """Chunks of whole sentences (joined by spaces) within ``budget`` tokens; also how many sentences were cut.

    ``budget`` counts content tokens only: the caller subtracts the special tokens and any task prefix.
    """
    units: list[str] = []
    counts: list[int] = []
    n_split = 0
    for sentence, count in zip(sentences, token_counts(tokenizer, sentences)):
        if count <= budget:
            units.append(sentence)
            counts.append(count)
            continue
        n_split += 1
        pieces = split_long(tokenizer, sentence, max(1, budget - 2 * SEPARATOR_TOKENS))
        units.extend(pieces)
        counts.extend(token_counts(tokenizer, pieces))
    return [" ".join(units[i] for i in group) for group in pack(counts, budget)], n_split
