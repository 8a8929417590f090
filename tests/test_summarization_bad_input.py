"""Bad input never crashes or hangs: a defined result or a clear error, for every extractive method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsml.errors import InputError
from newsml.inputs import HtmlInputWarning
from newsml.summarization.api import get_summarizer, summarizers
from newsml.summarization.base import Document

ROOT = Path(__file__).resolve().parents[1]
EXTRACTIVE = [m for m in summarizers() if m not in ("abstractive", "embedding-centroid")]
FAST = ["lead", "textrank", "lexrank", "supervised"]


def _check_verbatim(text: str, summary) -> None:
    for sentence, (start, end) in zip(summary.sentences, summary.spans):
        assert text[start:end] == sentence


@pytest.mark.parametrize("method", EXTRACTIVE)
@pytest.mark.parametrize("text", ["", "   \n\t \n", "\u200b\n"])
def test_empty_text_gives_an_empty_summary(method, text):
    summary = get_summarizer(method).summarize(text, length=3, clean=False)
    assert summary.sentences == () and summary.spans == () and summary.text == ""
    assert summary.info["n_sentences"] == 0


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_one_sentence(method):
    text = "  Russia and Turkey agreed a ceasefire in Idlib on Thursday.  "
    summary = get_summarizer(method).summarize(text, length=3, clean=False)
    assert summary.sentences == ("Russia and Turkey agreed a ceasefire in Idlib on Thursday.",)
    _check_verbatim(text, summary)
    assert get_summarizer(method).summarize(text, length="2w", clean=False).sentences == summary.sentences


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_text_without_punctuation(method):
    words = ("ceasefire talks in moscow lasted six hours and both leaders said patrols would start in march "
             "while aid groups warned of a crisis ").split()
    one_line = " ".join(words * 20)
    summary = get_summarizer(method).summarize(one_line, length=3, clean=False)
    assert summary.sentences == (one_line,)
    lines = "\n".join(" ".join(words[i:i + 7]) for i in range(0, len(words), 7))
    summary = get_summarizer(method).summarize(lines, length=2, clean=False)
    assert len(summary) == 2
    _check_verbatim(lines, summary)


NON_ENGLISH = {
    "chinese": "俄罗斯和土耳其周四在伊德利卜达成停火协议。两国领导人在莫斯科进行了长时间会谈。联合巡逻将于三月开始。",
    "russian": "Россия и Турция договорились о прекращении огня в Идлибе. Переговоры в Москве длились шесть часов. "
               "Совместное патрулирование начнется в марте.",
    "arabic": "اتفقت روسيا وتركيا على وقف إطلاق النار في إدلب. استمرت المحادثات في موسكو ست ساعات. "
              "ستبدأ الدوريات المشتركة في مارس.",
    "hindi": "रूस और तुर्की ने इदलिब में युद्धविराम पर सहमति जताई। मास्को में बातचीत छह घंटे चली। संयुक्त गश्त मार्च में शुरू होगी।",
}


@pytest.mark.parametrize("method", EXTRACTIVE)
@pytest.mark.parametrize("language", sorted(NON_ENGLISH))
def test_non_english_text(method, language):
    text = NON_ENGLISH[language]
    summary = get_summarizer(method).summarize(text, length=2, clean=False)
    assert 1 <= len(summary) <= 2
    _check_verbatim(text, summary)


def _long_article(sentences: int) -> str:
    from newsml.text import Tokenizer

    tokenizer = Tokenizer()
    pool = []
    with (ROOT / "eval/data/summaries/inshorts.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            pool.extend(tokenizer.sentences(json.loads(line)["article"]))
    lines = [pool[i % len(pool)] for i in range(sentences)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def ten_thousand() -> str:
    return _long_article(10_000)


@pytest.mark.parametrize("method", FAST)
def test_ten_thousand_sentences_fast_methods(method, ten_thousand):
    summary = get_summarizer(method).summarize(ten_thousand, length=3, clean=False)
    assert len(summary) == 3
    assert summary.info["n_sentences"] >= 9_900
    _check_verbatim(ten_thousand, summary)


@pytest.mark.parametrize("method", [m for m in EXTRACTIVE if m.startswith("sumy-")])
def test_ten_thousand_sentences_sumy_reads_a_capped_prefix(method, ten_thousand):
    from newsml.summarization.sumy_adapter import MAX_SENTENCES

    summarizer = get_summarizer(method, max_sentences=min(60, MAX_SENTENCES[method[5:]]))
    summary = summarizer.summarize(ten_thousand, length="80w", clean=False)
    assert summary.info["truncated_to"] == 60
    cap_end = Document.from_text(ten_thousand, clean=False).spans[59][1]
    assert summary.sentences and all(span[1] <= cap_end for span in summary.spans)
    _check_verbatim(ten_thousand, summary)


@pytest.mark.parametrize("method", FAST + ["sumy-lexrank"])
def test_undecodable_bytes_are_a_clear_input_error(method):
    with pytest.raises(InputError, match="not valid utf-8"):
        get_summarizer(method).summarize("caf\u00e9 au lait. Deux.".encode("latin-1"), clean=False)


@pytest.mark.parametrize("method", FAST)
def test_binary_data_and_wrong_types_are_input_errors(method):
    with pytest.raises(InputError, match="binary"):
        get_summarizer(method).summarize(bytes(range(32)) * 20, clean=False)
    with pytest.raises(InputError, match="must be str or bytes"):
        get_summarizer(method).summarize(12345, clean=False)


def test_utf8_bytes_are_decoded():
    summary = get_summarizer("lead").summarize("Caf\u00e9 owners protested. Police watched.".encode(), length=1,
                                               clean=False)
    assert summary.sentences == ("Caf\u00e9 owners protested.",)


def test_html_is_summarised_with_a_warning():
    html = "<p>Russia and Turkey agreed a ceasefire.</p>\n<p>Talks lasted six hours.</p>"
    with pytest.warns(HtmlInputWarning):
        summary = get_summarizer("lexrank").summarize(html, length=1, clean=False)
    assert len(summary) == 1


def test_duplicate_sentences_map_back_to_distinct_offsets():
    text = ("Advertisement\nRussia and Turkey agreed a truce.\nAdvertisement\nThe truce starts at midnight.\n"
            "Advertisement")
    for method in EXTRACTIVE:
        summary = get_summarizer(method).summarize(text, length=5, clean=False)
        assert len(set(summary.spans)) == len(summary.spans) == 5
        _check_verbatim(text, summary)


def test_summarize_many_reports_a_bad_document_and_goes_on():
    import pytest

    import newsml

    summarizer = newsml.get_summarizer("lead")
    texts = ["One. Two. Three.", b"\xff\xfe\x00binary", "Four."]
    results = list(summarizer.summarize_many(texts, length=1, clean=False))
    assert isinstance(results[1], newsml.DocumentError) and results[1].index == 1
    assert results[0].sentences == ("One.",) and results[2].sentences == ("Four.",)
    with pytest.raises(newsml.DocumentError, match="document 1"):
        list(summarizer.summarize_many(texts, length=1, clean=False, on_error="raise"))
