"""Hand-checkable cases of the summary statistics, line metrics, label alignment and highlighting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsml.evaluation.highlight import marked, shared_spans
from newsml.evaluation.line_metrics import COARSE, confusion, label_space, line_metrics, to_space
from newsml.evaluation.summary_stats import (SummaryStatistics, coverage, density, fragments, novel_ngram_rate,
                                             redundancy)
from newsml.evaluation.systems import align_labels
from newsml.labels import LABELS


def test_fragments_coverage_density_by_hand() -> None:
    # article: a b c d e f g ; summary: a b c x e f y
    # fragments: (a b c) and (e f); coverage = 5/7; density = (3^2 + 2^2)/7 = 13/7
    article = "a b c d e f g".split()
    summary = "a b c x e f y".split()
    assert fragments(article, summary) == [("a", "b", "c"), ("e", "f")]
    assert coverage(article, summary) == pytest.approx(5 / 7)
    assert density(article, summary) == pytest.approx(13 / 7)


def test_fragments_take_the_longest_match_in_the_article() -> None:
    # "the" occurs twice; the second occurrence continues longer ("the mat was red")
    article = "the cat sat on the mat was red".split()
    summary = "the mat was red".split()
    assert fragments(article, summary) == [("the", "mat", "was", "red")]
    assert density(article, summary) == pytest.approx(16 / 4)


def test_fully_abstractive_and_fully_extractive_extremes() -> None:
    article = "one two three four".split()
    assert coverage(article, "five six".split()) == 0.0
    assert density(article, "five six".split()) == 0.0
    assert coverage(article, article) == 1.0
    assert density(article, article) == 4.0
    assert coverage(article, []) == 0.0


def test_novel_ngram_rates_by_hand() -> None:
    article = "the cat sat on the mat".split()
    summary = "the cat lay on the mat".split()
    # unigrams: only "lay" is new -> 1/6; bigrams: "cat lay", "lay on" new of 5 -> 2/5
    # trigrams: "the cat lay", "cat lay on", "lay on the" new of 4 -> 3/4
    assert novel_ngram_rate(article, summary, 1) == pytest.approx(1 / 6)
    assert novel_ngram_rate(article, summary, 2) == pytest.approx(2 / 5)
    assert novel_ngram_rate(article, summary, 3) == pytest.approx(3 / 4)
    assert novel_ngram_rate(article, ["x"], 2) == 0.0  # no bigram at all


def test_redundancy_is_mean_pairwise_rouge_l() -> None:
    # "a b c d" vs "a b x y": LCS 2 of 4 -> F 0.5; both vs "p q r s": 0 -> mean of (0.5, 0, 0) = 1/6
    assert redundancy(["a b c d", "a b x y", "p q r s"]) == pytest.approx(100 / 6)
    assert redundancy(["only one sentence"]) == 0.0


def test_summary_statistics_row() -> None:
    stats = SummaryStatistics(novel_ngrams=(1, 2))
    row = stats.compute("Heavy rain flooded the town. Shops closed.", ["Heavy rain flooded the town."])
    assert row["words"] == 5 and row["sentences"] == 1
    assert row["compression"] == pytest.approx(7 / 5)
    assert row["coverage"] == 1.0 and row["density"] == 5.0
    assert row["novel_1"] == 0.0 and row["novel_2"] == 0.0 and row["redundancy"] == 0.0
    assert list(row) == stats.keys()


def test_confusion_matrix_in_the_fine_space() -> None:
    gold = ["story", "story", "ad", "caption", "heading", "other"]
    pred = ["story", "caption", "ad", "caption", "story", "other"]
    matrix = confusion(gold, pred, LABELS)
    assert matrix.sum() == 6
    assert matrix[LABELS.index("story"), LABELS.index("caption")] == 1
    assert matrix[LABELS.index("heading"), LABELS.index("story")] == 1
    assert np.trace(matrix) == 4
    scores = line_metrics(matrix, LABELS)
    assert scores["accuracy"] == pytest.approx(4 / 6)
    assert scores["story_p"] == pytest.approx(1 / 2) and scores["story_r"] == pytest.approx(1 / 2)
    assert scores["caption_p"] == pytest.approx(1 / 2) and scores["caption_r"] == 1.0
    # binary: gold boilerplate = ad, caption, other (3); predicted boilerplate = caption, ad, caption, other (4)
    # true boilerplate predicted as boilerplate = 3 -> P = 3/4, R = 1, F1 = 6/7
    assert scores["boilerplate_p"] == pytest.approx(3 / 4)
    assert scores["boilerplate_r"] == pytest.approx(1.0)
    assert scores["boilerplate_f1"] == pytest.approx(6 / 7)
    assert scores["story_recall"] == pytest.approx(1 / 2)  # one of two story lines kept
    # macro F1 over the five classes present (related absent from gold and predictions)
    f1 = [scores[f"{label}_f1"] for label in ("story", "heading", "ad", "caption", "other")]
    assert scores["macro_f1"] == pytest.approx(np.mean(f1))


def test_coarse_gold_labels_are_scored_in_the_binary_space() -> None:
    gold = ["story", "boilerplate", "boilerplate", "heading"]
    pred = ["heading", "related", "story", "heading"]
    space = label_space(gold)
    assert space == COARSE
    matrix = confusion(gold, pred, space)
    assert matrix.tolist() == [[0, 1, 0], [0, 1, 0], [1, 0, 1]]
    scores = line_metrics(matrix, space)
    assert scores["story_recall"] == 1.0  # labelled heading: kept, not lost
    assert scores["boilerplate_p"] == 1.0 and scores["boilerplate_r"] == 0.5
    assert to_space("ad", COARSE) == "boilerplate"
    with pytest.raises(ValueError, match="cannot be scored"):
        to_space("boilerplate", LABELS)
    with pytest.raises(ValueError, match="gold labels"):
        confusion(["story"], [], COARSE)
    # partly refined gold (hand labels inside automatic boilerplate) stays in the coarse space
    mixed = ["story", "caption", "boilerplate"]
    assert label_space(mixed) == COARSE
    assert confusion(mixed, ["story", "ad", "story"], COARSE).tolist() == [[1, 0, 0], [0, 0, 0], [1, 0, 1]]


def test_metrics_of_stacked_matrices_match_one_by_one() -> None:
    rng = np.random.default_rng(0)
    stack = rng.integers(0, 5, size=(4, 6, 6))
    together = line_metrics(stack, LABELS, present=np.ones(6, bool))
    for i in range(4):
        alone = line_metrics(stack[i], LABELS, present=np.ones(6, bool))
        for key, value in alone.items():
            assert together[key][i] == pytest.approx(float(value)), key


def test_zero_denominators_give_zero() -> None:
    scores = line_metrics(np.zeros((6, 6)), LABELS)
    assert all(float(v) == 0.0 for v in scores.values())


def test_align_labels_by_overlap_even_when_lines_split_differently() -> None:
    text = "Ad here\nFirst part\u2028second part of the story.\nFooter"
    gold = ["Ad here", "First part\u2028second part of the story.", "Footer"]
    spans = [(0, 7, "ad"), (8, 18, "heading"), (19, 44, "story"), (45, 51, "other")]
    assert align_labels(text, gold, spans) == ("ad", "story", "other")
    with pytest.raises(ValueError, match="not in the document"):
        align_labels(text, ["Missing line"], spans)


def test_highlight_marks_shared_bigrams_only() -> None:
    html = marked("Rain flooded the town <centre>.", ["Heavy rain flooded the town."])
    assert html == "<mark>Rain flooded the town</mark> &lt;centre&gt;."
    assert shared_spans("Nothing in common here.", ["Completely different words."]) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("a b c d e".split()), max_size=12),
       st.lists(st.sampled_from("a b c x y".split()), max_size=12))
def test_statistics_invariants(article: list[str], summary: list[str]) -> None:
    found = fragments(article, summary)
    assert all(" ".join(f) in " ".join(article) for f in found)
    assert 0.0 <= coverage(article, summary) <= 1.0
    assert density(article, summary) <= max(1, len(summary))
    assert coverage(article, summary) <= density(article, summary) or not found
    for n in (1, 2):
        assert 0.0 <= novel_ngram_rate(article, summary, n) <= 1.0
