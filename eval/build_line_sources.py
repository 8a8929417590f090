"""Build the line sources made from files in this repo (2026-11-21): ``python eval/build_line_sources.py``.

The fixed test split (``splits/classifier.json``) had been read for four model decisions, so its figures
are no longer untouched. These three sources were made after that, are **test only** (no training or
tuning command names them) and are added to the split's ``test`` list:

* ``bbc_clean_lines.jsonl``: the 100 BBC News articles of ``data/summaries/bbc_extractive.jsonl``
  (real, clean body text of the BBC News corpus) as light extractor output: the headline (``heading``)
  and every non-blank article line (``story``). There is no boilerplate, so it measures one thing: how
  much story text the cleaner loses from clean real articles.
* ``written_test_residue.jsonl`` and ``written_test_pages.jsonl``: articles as extractor output and
  whole pages as a naive scraper prints them, written and labelled line by line by six of the team's
  language-model agents following ``guidelines/line_labels.md`` (fictional events and outlets), from the
  annotators' files in ``data/boilerplate/annotators/written_test/<writer>/<NN>.tsv`` (``LABEL<TAB>line``).
  The writers saw only the guideline and their brief (``annotators/written_test/briefs/``), no other file.

``written_test_pages_2.jsonl`` (built 2026-11-21, after the fresh sources above had been read for two
decisions): 24 more whole pages written and labelled the same way by four more agents
(``annotators/written_test_2/<writer>/``, briefs in ``annotators/written_test_2/briefs/``, other site
styles: cable news and live blogs, business and consumer sites, wire services and sport, regional papers
and magazines), test only.

``aeb_lines_verified.jsonl``, ``aeb_pages_verified.jsonl``, ``newspaper_pages_verified.jsonl`` (built
2026-11-21): the old split's automatically labelled test documents, relabelled line by line with the full
taxonomy by eight agents (``annotators/verified_test/<annotator>/<source>__<id>.tsv``; brief, inputs and
assignment in ``annotators/verified_test/``, inputs written by ``verification_inputs.py``). Same documents,
ids and URLs as the automatic sources, test only.

``verified_train_labels.jsonl`` (built 2026-11-21): the training pages of ``aeb_pages`` and
``newspaper_pages`` relabelled the same way by sixteen agents (``annotators/verified_train/<annotator>/``),
as an override file (``file``, ``doc_id``, ``index``, ``text``, ``label`` for every line, like
``hand_labels.jsonl``) that a training config applies with ``label_overrides``.

``written_test_pages_3.jsonl`` (built 2026-11-21, after the old split had been read for nine decisions and
the fresh sources above for four): 24 whole pages by four more agents (``annotators/written_test_3/``),
each story holding a long block of structured content (table rows, results, code, recipe steps, product
lines, schedules) and most pages structured chrome beside it (market tickers, score widgets, numbered
"Most read" lists, shopping rails). Test only and **reserved** (``RESERVED_TEST_SOURCES``): no report
scores it until a decision's rule, written first, names it.

It also builds two **training** sources, whose documents go to the split's ``train`` list:
``written_pages.jsonl``, whole pages written and labelled the same way by four more agents
(``annotators/written_pages/<writer>/``), each with many short story lines (tables, product lists,
schedules) amid page chrome; and ``written_pages_2.jsonl`` (2026-11-21), 24 pages under the brief of
``written_test_pages_3`` by four other agents (``annotators/written_pages_2/``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
BOILERPLATE = HERE / "data/boilerplate"
ANNOTATORS = BOILERPLATE / "annotators"
SPLIT = HERE / "splits/classifier.json"
sys.path.insert(0, str(HERE.parent))

from newsml.cleaning.dataset import SOURCES, VERIFIED_TRAIN_LABELS, read_jsonl  # noqa: E402
from newsml.labels import LABELS  # noqa: E402
from verification_inputs import (FOLDER as VERIFIED, TRAIN_FOLDER, TRAIN_VERIFIED,  # noqa: E402
                                 VERIFIED as VERIFIED_SOURCES, annotator_of, input_name, read_inputs)

WRITTEN_SOURCE = ("written by the newsml team (language-model agent {writer}) following eval/guidelines/line_labels.md;"
                  " {use}")


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _record(record_id: str, source: str, lines: list[tuple[str, str]], url: str | None = None) -> dict:
    return {"id": record_id, "source": source, "url": url, "text": "\n".join(text for _, text in lines),
            "lines": [{"text": text, "label": label} for label, text in lines]}


def bbc_clean() -> list[dict]:
    """The BBC articles as headline + story lines."""
    records = []
    for row in read_jsonl(HERE / "data/summaries/bbc_extractive.jsonl"):
        lines = [("heading", row["headline"].strip())]
        lines += [("story", line.strip()) for line in row["article"].split("\n") if line.strip()]
        records.append(_record(row["id"], row["source"] + " (article lines; headline as heading)", lines))
    return records


def read_tsv(path: Path) -> list[tuple[str, str]]:
    """An annotator's ``LABEL<TAB>line`` file; a bad line raises with its place."""
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        label, sep, text = raw.partition("\t")
        if not sep or label not in LABELS or not text.strip() or "\t" in text:
            raise ValueError(f"{path}:{number}: expected LABEL<TAB>text with LABEL in {LABELS}, got {raw[:80]!r}")
        lines.append((label, text.strip()))
    return lines


def written(folder: str, prefix: str, use: str) -> list[dict]:
    """The written documents of the writers ``annotators/<folder>/<prefix>*/``, in writer and file order."""
    records = []
    for writer in sorted((ANNOTATORS / folder).glob(f"{prefix}*")):
        for path in sorted(writer.glob("*.tsv")):
            records.append(_record(f"{folder.replace('_', '-')}-{writer.name}-{path.stem}",
                                   WRITTEN_SOURCE.format(writer=writer.name, use=use), read_tsv(path)))
    return records


def verified_documents(source: str, folder: Path) -> list[tuple[dict, str, list[tuple[str, str]]]]:
    """``(original record, annotator, (label, text) per line)`` of every document of ``source`` named in
    ``folder/assignment.json``, in the order of the source file.

    Every such document must have its annotator's file, one row per input line with the input's text;
    anything else raises with the file and row.
    """
    annotators = annotator_of("assignment.json", folder)
    documents = []
    for original in read_jsonl(BOILERPLATE / SOURCES[source].file):
        stem = input_name(f"{source}:{original['id']}")
        if stem not in annotators:
            continue  # a document of the other part of the split
        path = folder / annotators[stem] / f"{stem}.tsv"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no verified labels for {stem} (annotator {annotators[stem]})")
        inputs = [text for _, text in read_inputs(stem, folder)]
        lines = read_tsv(path)
        if len(lines) != len(inputs):
            raise ValueError(f"{path}: {len(lines)} rows for {len(inputs)} input lines")
        for number, ((_, text), expected) in enumerate(zip(lines, inputs), start=1):
            if text != expected.strip():
                raise ValueError(f"{path}:{number}: text {text[:60]!r} differs from input {expected[:60]!r}")
        documents.append((original, annotators[stem], lines))
    return documents


def verified(source: str) -> list[dict]:
    """The test documents of ``source`` with the verifying annotators' labels (same ids, URLs and lines)."""
    return [_record(original["id"], f"relabelled by the newsml team (language-model agent {annotator}) following "
                    f"eval/guidelines/line_labels.md; test only; lines and automatic labels from {original['source']}",
                    lines, original.get("url"))
            for original, annotator, lines in verified_documents(source, VERIFIED)]


def verified_train_labels() -> list[dict]:
    """Override records (as in ``hand_labels.jsonl``) for every line of the relabelled training pages."""
    return [{"file": SOURCES[source].file, "doc_id": original["id"], "index": index,
             "text": original["lines"][index]["text"], "label": label, "annotator": annotator}
            for source in TRAIN_VERIFIED
            for original, annotator, lines in verified_documents(source, TRAIN_FOLDER)
            for index, (label, _) in enumerate(lines)]


def label_counts(labels: list[str]) -> str:
    """``"story 12, heading 1, ..."``: how often each label occurs, in the order of LABELS."""
    return ", ".join(f"{label} {labels.count(label)}" for label in LABELS)


def main() -> None:
    built = {"bbc_clean": (bbc_clean(), "test"),
             "written_test_residue": (written("written_test", "residue_", "test only"), "test"),
             "written_test_pages": (written("written_test", "page_", "test only"), "test"),
             "written_test_pages_2": (written("written_test_2", "page_", "test only"), "test"),
             **{f"{source}_verified": (verified(source), "test") for source in VERIFIED_SOURCES},
             "written_test_pages_3": (written("written_test_3", "page_", "test only"), "test"),
             "written_pages": (written("written_pages", "train_", "training"), "train"),
             "written_pages_2": (written("written_pages_2", "train_", "training"), "train")}
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    for part in ("train", "test"):
        split[part] = [doc for doc in split[part] if doc.split(":", 1)[0] not in built]
    for name, (records, part) in built.items():
        write_jsonl(BOILERPLATE / SOURCES[name].file, records)
        split[part] += [f"{name}:{record['id']}" for record in records]
        labels = [line["label"] for record in records for line in record["lines"]]
        print(f"{SOURCES[name].file} ({part}): {len(records)} documents, {len(labels)} lines, {label_counts(labels)}")
    test_only = ", ".join(name for name, (_, part) in built.items() if part == "test")
    split["test_only_sources"] = (f"{test_only}: never trained or tuned on; the fresh ones made after the split "
                                  "had been read for model decisions, the verified ones relabel the split's own "
                                  "test documents, written_test_pages_3 is reserved for a later decision "
                                  "(eval/build_line_sources.py, eval/README.md)")
    SPLIT.write_text(json.dumps(split, indent=1), encoding="utf-8")
    overrides = verified_train_labels()
    write_jsonl(BOILERPLATE / VERIFIED_TRAIN_LABELS, overrides)
    print(f"{VERIFIED_TRAIN_LABELS} (train, overrides): {len({row['doc_id'] for row in overrides})} documents, "
          f"{len(overrides)} lines, {label_counts([row['label'] for row in overrides])}")


if __name__ == "__main__":
    main()
