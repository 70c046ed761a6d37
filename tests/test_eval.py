"""The evaluation instrument: gold loading, matching levels, counting, report, baseline, floors."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from .conftest import REPO, SAMPLES
from vbparse.cli import app
from vbparse.evaluate import GoldError, below_floors, collect_gold, evaluate, load_gold, totals
from vbparse.evaluate.score import score_bag, score_sequence, score_single, soft_key, strict_key

SAMPLE = "04-ubnd-quyet-dinh.txt"


def _gold(**changes) -> dict:
    """A hand-typed gold for samples/04 (values read off the sample text)."""
    gold = {
        "gold_version": 1,
        "document": SAMPLE,
        "checked_by": "test",
        "rendering": "raw text",
        "kind": "document",
        "header": {
            "heading": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "issuer": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "parent_issuer": None,
            "number": "1234/QĐ-UBND",
            "place": "Quảng Ngãi",
            "date": "2024-09-23",
            "doc_type": "Quyết định",
            "summary": "Về việc thành lập Đoàn kiểm tra công tác văn thư, lưu trữ và xử lý văn bản điện tử năm 2024",
        },
        "recipients": [],
        "sections": ["Điều 1", "Điều 1 > 1", "Điều 1 > 2", "Điều 1 > 3", "Điều 2", "Điều 2 > 1", "Điều 2 > 2", "Điều 2 > 3", "Điều 3"],
        "citations": [],
        "signatures": [{"mode": "KT", "authority": ["KT. CHỦ TỊCH"], "position": "PHÓ CHỦ TỊCH", "signer": "Đinh Công Khải"}],
        "distribution": [],
    }
    for key, value in changes.items():
        if key.startswith("header_"):
            gold["header"][key[7:]] = value
        else:
            gold[key] = value
    return gold


def _write(tmp_path, gold: dict, name: str = "g.json"):
    shutil.copy(SAMPLES / SAMPLE, tmp_path / SAMPLE)
    path = tmp_path / name
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_strict_and_soft_keys():
    assert strict_key(" Tỉnh  ủy\nPhú Yên ") == "Tỉnh ủy Phú Yên"
    assert soft_key("TỈNH UỶ PHÚ YÊN.") == soft_key("Tỉnh ủy Phú Yên")
    assert strict_key("Tỉnh uỷ") != strict_key("Tỉnh ủy")
    assert soft_key("V/v tăng cường") == soft_key("Vv tăng cường")
    assert soft_key("Tỉnh ủy") != soft_key("Tinh uy")  # diacritics are meaning, not noise


def test_single_counts_each_kind_of_error():
    assert (score_single("a", "a", strict_key).tp, score_single("a", "a", strict_key).fp) == (1, 0)
    wrong = score_single("a", "b", strict_key)
    assert (wrong.tp, wrong.fp, wrong.fn, wrong.missed, wrong.spurious) == (0, 1, 1, ["a"], ["b"])
    assert (score_single(None, "b", strict_key).fp, score_single("a", None, strict_key).fn) == (1, 1)
    nothing = score_single(None, None, strict_key)
    assert (nothing.tp, nothing.fp, nothing.fn) == (0, 0, 0)


def test_bag_matches_one_to_one_in_any_order():
    count = score_bag(["Như trên", "Lưu: VT", "Lưu: VT"], ["lưu vt", "Như trên", "Bộ Nội vụ"], soft_key)
    assert (count.tp, count.fp, count.fn) == (2, 1, 1)
    assert count.missed == ["Lưu: VT"] and count.spurious == ["Bộ Nội vụ"]


def test_sequence_respects_order():
    count = score_sequence(["I", "I > 1", "II", "III"], ["I", "II", "I > 1", "III"], strict_key)
    assert (count.tp, count.fp, count.fn) == (3, 1, 1)


def test_gold_format_is_enforced(tmp_path):
    gold = _gold()
    del gold["distribution"]
    with pytest.raises(GoldError, match="distribution"):
        load_gold(_write(tmp_path, gold))
    with pytest.raises(GoldError, match="date"):
        load_gold(_write(tmp_path, _gold(header_date="23/09/2024")))


def test_scores_a_sample_and_counts_wrong_gold_as_errors(tmp_path):
    good = _write(tmp_path, _gold(), "good.json")
    bad = _write(tmp_path, _gold(header_number="999/QĐ-UBND", header_place=None), "bad.json")
    results = evaluate(collect_gold([good, bad]))
    good_counts, bad_counts = results[1].counts, results[0].counts  # sorted by path: bad, good
    assert good_counts["header.number"]["strict"].tp == 1
    assert good_counts["sections"]["strict"].fn == 0 and good_counts["sections"]["strict"].tp == 9
    assert good_counts["signatures.signer"]["soft"].matched == ["Đinh Công Khải"]
    assert bad_counts["header.number"]["soft"].missed == ["999/QĐ-UBND"]
    assert bad_counts["header.number"]["soft"].spurious == ["1234/QĐ-UBND"]
    assert bad_counts["header.place"]["soft"].spurious == ["Quảng Ngãi"]
    summary = totals(results)
    number = summary["header.number"]["soft"]
    assert (number.tp, number.fp, number.fn, number.f1) == (1, 1, 1, 0.5)
    assert below_floors(summary, {"header.number": 0.6}) == ["header.number: soft F1 0.500 < floor 0.600"]
    assert below_floors(summary, {"header.date": 1.0}) == []


def test_absent_document_is_skipped_and_unscored_fields_left_out(tmp_path):
    missing = _write(tmp_path, _gold(document="nowhere.txt"), "missing.json")
    partial = _write(tmp_path, _gold(unscored=["citations", "header.summary"]), "partial.json")
    results = {r.gold.rsplit("/", 1)[-1]: r for r in evaluate(collect_gold([missing, partial]))}
    assert results["missing.json"].status == "skipped" and results["missing.json"].counts == {}
    counts = results["partial.json"].counts
    assert "citations.issuer" not in counts and "header.summary" not in counts and "header.date" in counts


def test_cli_report_baseline_and_floors(tmp_path):
    runner = CliRunner()
    gold = _write(tmp_path, _gold())
    first, second = tmp_path / "r1.json", tmp_path / "r2.json"
    result = runner.invoke(app, ["eval", str(gold), "--report", str(first)])
    assert result.exit_code == 0, result.output
    assert "header.number" in result.output and "1 documents scored" in result.output
    report = json.loads(first.read_text(encoding="utf-8"))
    assert report["fields"]["header.number"]["soft"]["f1"] == 1.0
    # The gold changes its mind about the signer: the baseline run shows the loss.
    gold.write_text(json.dumps(_gold(signatures=[]), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--baseline", str(first), "--report", str(second)])
    assert "signatures.signer: lost 'Đinh Công Khải'" in result.output
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"signatures.signer": 0.9}), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), "--floors", str(floors)])
    assert result.exit_code == 1
    assert runner.invoke(app, ["eval", str(tmp_path / "nope.json")]).exit_code == 2


def test_report_is_deterministic(tmp_path):
    gold = _write(tmp_path, _gold())
    runner = CliRunner()
    for name in ("a.json", "b.json"):
        runner.invoke(app, ["eval", str(gold), "--report", str(tmp_path / name)])
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_committed_gold_files_are_valid():
    assert collect_gold([REPO / "gold"])  # every committed gold file follows the format


def test_a_later_mention_by_number_alone_is_the_same_document():
    from vbparse.evaluate.answers import CitationAnswer
    from vbparse.evaluate.score import score_citations

    gold = [CitationAnswer("13-CT/TW", "2017-01-12", "Chỉ thị", "Ban Bí thư")]
    predicted = [
        CitationAnswer("13-CT/TW", "2017-01-12", "Chỉ thị", None),
        CitationAnswer("13-CT/TW", None, "Chỉ thị", "Ban Bí thư"),
        CitationAnswer("14-CT/TW", None, "Chỉ thị", None),
    ]
    counts = score_citations(gold, predicted, soft_key)
    pairs = counts["citations"]
    assert (pairs.tp, pairs.fp, pairs.fn) == (1, 1, 0)
    assert pairs.spurious == ["14-CT/TW @ -"]
    assert counts["citations.issuer"].tp == 1  # the issuer stated at the second mention counts


def test_a_mention_by_serial_alone_is_the_document_cited_in_full():
    from vbparse.evaluate.answers import CitationAnswer
    from vbparse.evaluate.score import score_citations

    gold = [CitationAnswer("35-CT/TW", "2024-06-14", "Chỉ thị", "Bộ Chính trị"), CitationAnswer("2045", None, "Công văn", None)]
    predicted = [
        CitationAnswer("35-CT/TW", "2024-06-14", "Chỉ thị", "Bộ Chính trị"),
        CitationAnswer("35", None, "Chỉ thị", None),
        CitationAnswer("2045", None, "Công văn", None),
        CitationAnswer("35", None, "Nghị quyết", None),  # another type: another document
    ]
    pairs = score_citations(gold, predicted, soft_key)["citations"]
    assert (pairs.tp, pairs.fp, pairs.fn) == (2, 1, 0)


def test_the_split_is_a_fixed_rule_shared_by_every_rendering_of_a_document():
    from pathlib import Path

    from vbparse.evaluate.split import half_of

    names = [f"doc-{i}" for i in range(200)]
    halves = [half_of(Path(f"pdf/{n}.pdf")) for n in names]
    assert halves == [half_of(Path(f"txt-layout/{n}.txt")) for n in names]
    assert halves == [half_of(Path(f"elsewhere/{n}.txt")) for n in names]
    assert 70 < halves.count("tune") < 130  # a hash, not one side


def test_input_kind_from_folder_suffix_and_tags():
    from pathlib import Path

    from vbparse.evaluate.split import input_kind

    assert input_kind(Path("c/txt/a.txt"), []) == "text"
    assert input_kind(Path("c/txt-layout/a.txt"), []) == "layout-text"
    assert input_kind(Path("c/txt-ocr/a.txt"), ["scanned"]) == "ocr-text"
    assert input_kind(Path("c/pdf/a.pdf"), ["scanned"]) == "scan"
    assert input_kind(Path("c/pdf/a.pdf"), ["broken-font"]) == "pdf-broken-font"
    assert input_kind(Path("c/pdf/a.pdf"), []) == "pdf"
    assert input_kind(Path("c/doc/a.doc"), ["draft"]) == "doc"


def test_variants_score_other_renderings_against_the_same_gold(tmp_path):
    """The layout text of a corpus PDF is scored with the PDF's gold, as its own input kind."""
    (tmp_path / "pdf").mkdir()
    (tmp_path / "txt-layout").mkdir()
    for name in ("pdf/x.pdf", "pdf/x.txt", "txt-layout/x.txt"):  # x.pdf is only looked up: x.txt is parsed for it
        shutil.copy(SAMPLES / SAMPLE, tmp_path / name)
    gold = tmp_path / "pdf" / "x.pdf.json"
    gold.write_text(json.dumps(_gold(document="x.pdf"), ensure_ascii=False), encoding="utf-8")
    from vbparse.api import parse

    entries = collect_gold([gold])
    results = evaluate(entries, parser=lambda p: parse(p.with_suffix(".txt")), variants=True)
    assert [(r.document.rsplit("/", 2)[-2], r.kind) for r in results] == [("pdf", "pdf"), ("txt-layout", "layout-text")]
    assert results[0].half == results[1].half
    assert totals(results)["header.number"]["soft"].tp == 2
    only_layout = totals([r for r in results if r.kind == "layout-text"])
    assert only_layout["header.number"]["soft"].tp == 1


def test_cli_breakdown_and_half(tmp_path):
    path = _write(tmp_path, _gold())
    out = CliRunner().invoke(app, ["eval", str(path), "--breakdown"])
    assert out.exit_code == 0, out.output
    assert "per input kind and half" in out.output
    assert "text" in out.output
    from vbparse.evaluate.split import half_of

    other = "check" if half_of(tmp_path / SAMPLE) == "tune" else "tune"
    out = CliRunner().invoke(app, ["eval", str(path), "--half", other])
    assert "0 documents scored" in out.output
    out = CliRunner().invoke(app, ["eval", str(path), "--half", "neither"])
    assert out.exit_code == 2
