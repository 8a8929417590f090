"""ROUGE through newsml's RougeScorer agrees with plain rouge-score on the same inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from newsml.evaluation.rouge import ROUGE_TYPES, RougeScorer, valid_rouge_types
from newsml.evaluation.scoring import SummaryScorer
from newsml.evaluation.data import SummaryDocument
from newsml.types import Summary

PAIRS = [
    ("Turkey and Russia agreed a ceasefire in Idlib.\nPatrols start on March 15.",
     "Russia and Turkey agreed a truce in Idlib.\nJoint patrols begin March 15."),
    ("The council said repairs would take weeks.", "Repairs will take weeks, the council said."),
    ("Markets rose after the vote.\nThe opposition called it reckless.\nParliament passed the budget.",
     "Parliament passed the budget by 320 votes to 250."),
    ("Running runners ran quickly.", "The runner is running."),
]

WORDS = st.sampled_from("the a cat dog sat ran on mat rug quickly slowly talks agreed ceasefire running".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")
TEXT = st.lists(SENTENCE, min_size=1, max_size=4).map("\n".join)


def plain(stem: bool = True) -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=stem)


@pytest.mark.parametrize("prediction, reference", PAIRS)
@pytest.mark.parametrize("stem", [True, False])
def test_parity_with_plain_rouge_score(prediction: str, reference: str, stem: bool) -> None:
    ours = RougeScorer(stem=stem).score(prediction, [reference])
    theirs = plain(stem).score(reference, prediction)
    for rouge_type in ROUGE_TYPES:
        assert ours[rouge_type] == pytest.approx(theirs[rouge_type], abs=1e-12), rouge_type


@settings(max_examples=60, deadline=None)
@given(prediction=TEXT, reference=TEXT)
def test_parity_on_generated_ascii_text(prediction: str, reference: str) -> None:
    ours = RougeScorer().score(prediction, reference)
    theirs = plain().score(reference, prediction)
    for rouge_type in ROUGE_TYPES:
        assert ours[rouge_type] == pytest.approx(theirs[rouge_type], abs=1e-12)


def test_several_references_take_the_best_f1_per_type() -> None:
    prediction = PAIRS[0][0]
    references = [PAIRS[1][1], PAIRS[0][1]]
    ours = RougeScorer().score(prediction, references)
    for rouge_type in ROUGE_TYPES:
        best = max((plain().score(r, prediction)[rouge_type] for r in references), key=lambda s: s.fmeasure)
        assert ours[rouge_type] == pytest.approx(best)


def test_summary_scorer_reports_x100_precision_recall_f() -> None:
    prediction, reference = PAIRS[0]
    doc = SummaryDocument("d", "unused article", (reference,))
    row = SummaryScorer().score(Summary(tuple(prediction.split("\n")), "test"), doc)
    theirs = plain().score(reference, prediction)
    for rouge_type in ROUGE_TYPES:
        assert row[f"{rouge_type}_p"] == pytest.approx(100 * theirs[rouge_type].precision)
        assert row[f"{rouge_type}_r"] == pytest.approx(100 * theirs[rouge_type].recall)
        assert row[f"{rouge_type}_f"] == pytest.approx(100 * theirs[rouge_type].fmeasure)


def test_missing_reference_is_an_error() -> None:
    with pytest.raises(ValueError, match="no reference"):
        SummaryScorer().score(Summary(("x",), "t"), SummaryDocument("d", "x", ()))
    with pytest.raises(ValueError, match="at least one reference"):
        RougeScorer().score("x", [])


def test_valid_rouge_types_are_those_rouge_score_accepts() -> None:
    for rouge_type in valid_rouge_types():
        rouge_scorer.RougeScorer([rouge_type])
