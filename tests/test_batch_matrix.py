"""``treatyrules batch`` (many queries in, one answer per line out) and ``treatyrules matrix``
(every measure by default, ``--jobs N`` processes, CSV, JSON or Parquet)."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import sys
import threading
from pathlib import Path

import pytest

import treatyrules
from treatyrules._answer.batch import CSV_COLUMNS, FIELDS, answer_lines, csv_chunks, format_from_name, ndjson_lines
from treatyrules.cli import main
from treatyrules.cli import _matrix
from treatyrules.cli._matrix import COLUMNS, show_progress
from treatyrules.errors import InvalidQueryError
from treatyrules.vocabulary import Measure

ICT = "electronic_evidence_any_offence"
GOOD = {"requesting": "ES", "requested": "PE", "measure": "expedited_preservation", "offence": ICT, "on": "2025-03-01"}
RATIFIED = "peru_and_spain_ratify_second_protocol"


def _ndjson(*records: object) -> list[str]:
    return [(r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records]


# -- the shared function --------------------------------------------------------------------


class TestAnswerLines:
    def test_answers_in_order_and_one_typed_error_per_bad_line(self) -> None:
        lines = _ndjson(GOOD, dict(GOOD, requesting="XX"), "", "not json", [1, 2], dict(GOOD, colour="red"), dict(GOOD, requested="PT"))
        results = list(answer_lines(lines, "ndjson", "summary", "en"))

        assert [r.line for r in results] == [1, 2, 4, 5, 6, 7]  # the blank line 3 is skipped, not numbered away
        assert [r.ok for r in results] == [True, False, False, False, False, True]
        assert [r.error["type"] for r in results if r.error] == ["UnknownStateError", "InvalidQueryError", "InvalidQueryError", "InvalidQueryError"]
        unknown = results[1].error
        assert unknown is not None and (unknown["field"], unknown["value"]) == ("requesting", "XX")
        assert "colour" in results[4].error["message"]  # type: ignore[index]

    def test_the_summary_view_is_summarize_of_the_answer(self) -> None:
        (result,) = answer_lines(_ndjson(GOOD), "ndjson", "summary", "en")
        expected = treatyrules.summarize(treatyrules.which_treaty_applies(**GOOD))  # type: ignore[arg-type]

        assert json.loads(result.to_json()) == {"line": 1, "answer": expected.model_dump(mode="json")}

    def test_the_full_view_is_the_answer(self) -> None:
        query = dict(GOOD, urgent=True, mla_treaty=False, data_types=["subscriber_information"], scenario=RATIFIED)
        (result,) = answer_lines(_ndjson(query), "ndjson", "full", "en")
        expected = treatyrules.which_treaty_applies(**query)  # type: ignore[arg-type]

        assert result.to_dict() == {"line": 1, "answer": expected.model_dump(mode="json")}

    def test_spanish_changes_the_texts_only(self) -> None:
        (en,) = answer_lines(_ndjson(GOOD), "ndjson", "full", "en")
        (es,) = answer_lines(_ndjson(GOOD), "ndjson", "full", "es")
        (bad,) = answer_lines(_ndjson(dict(GOOD, requesting="XX")), "ndjson", "full", "es")

        assert en.value is not None and es.value is not None
        assert es.value.lang == "es"
        assert [b.applicable for b in es.value.bases] == [b.applicable for b in en.value.bases]  # type: ignore[union-attr]
        assert bad.error is not None and "código de Estado desconocido" in bad.error["message"]

    def test_csv_input_with_flags_lists_and_empty_cells(self) -> None:
        text = (
            "requesting,requested,measure,offence,on,urgent,mla_treaty,data_types,max_penalty_years\n"
            f"ES,PE,expedited_preservation,{ICT},2025-03-01,yes,unknown,subscriber_information;traffic_data,4\n"
            f"ES,PE,expedited_preservation,{ICT},2025-03-01,,,,\n"
            f"ES,PE,expedited_preservation,{ICT},2025-03-01,maybe,,,\n"
            "\n"
            f"ES,PE,expedited_preservation,{ICT},2025-03-01,no,no,,many\n"
            "ES,PE\n"
        )
        results = list(answer_lines(io.StringIO(text), "csv", "full", "en"))

        assert [r.line for r in results] == [2, 3, 4, 6, 7]
        first = results[0].value
        assert first is not None
        assert (first.query.urgent, first.query.mla_treaty, first.query.max_penalty_years) == (True, None, 4.0)
        assert first.query.data_types == ("subscriber_information", "traffic_data")
        assert results[1].ok and results[1].value.query.urgent is False  # type: ignore[union-attr]
        assert [r.error["field"] for r in results[2:4] if r.error] == ["urgent", "max_penalty_years"]
        assert results[4].error is not None and results[4].error["type"] == "InvalidQueryError"

    def test_a_quoted_csv_cell_may_span_lines(self) -> None:
        text = f'requesting,requested,measure,offence,on\n"ES",PE,expedited_preservation,{ICT},2025-03-01\nES,"P\nE",expedited_preservation,{ICT},2025-03-01\nES,PT,expedited_preservation,{ICT},2025-03-01\n'
        results = list(answer_lines(text.splitlines(keepends=True), "csv", "summary", "en"))

        assert [(r.line, r.ok) for r in results] == [(2, True), (3, False), (5, True)]

    def test_a_csv_header_with_an_unknown_field_is_one_error(self) -> None:
        with pytest.raises(InvalidQueryError, match="colour"):
            list(answer_lines(["requesting,requested,colour\n", "ES,PE,red\n"], "csv"))

    def test_output_as_ndjson_and_csv(self) -> None:
        results = list(answer_lines(_ndjson(GOOD, dict(GOOD, measure="teleport")), "ndjson", "summary", "en"))
        lines = list(ndjson_lines(results))
        table = list(csv.DictReader(io.StringIO("".join(csv_chunks(results)))))

        assert [json.loads(line)["line"] for line in lines] == [1, 2]
        assert list(table[0]) == list(CSV_COLUMNS)
        assert table[0]["route_channel"] == "point_of_contact_24_7" and "budapest=true" in table[0]["applicable"]
        assert (table[1]["error_type"], table[1]["line"]) == ("UnknownTagError", "2")
        assert json.loads(table[1]["json"])["error"]["value"] == "teleport"

    def test_a_server_may_refuse_scenario_paths(self, tmp_path: Path) -> None:
        path = tmp_path / "s.yaml"
        path.write_text("schema: treatyrules.scenario/1\nname: mine\ntitle: mine\n", encoding="utf-8")
        lines = _ndjson(dict(GOOD, scenario=str(path)), dict(GOOD, scenario=RATIFIED))
        served = list(answer_lines(lines, "ndjson", "summary", "en", scenario_files=False))
        local = list(answer_lines(lines, "ndjson", "summary", "en"))

        assert [r.ok for r in served] == [False, True] and served[0].error["type"] == "UnknownTagError"  # type: ignore[index]
        assert [r.ok for r in local] == [True, True]

    def test_format_from_the_extension(self) -> None:
        assert [format_from_name(n) for n in ("q.csv", "q.NDJSON", "q.jsonl", "q.json", "q.txt", None)] == ["csv", "ndjson", "ndjson", "ndjson", None, None]
        assert "scenario" in FIELDS


# -- the command ----------------------------------------------------------------------------


class TestBatchCommand:
    def test_a_file_all_answered_exits_0(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "q.ndjson"
        path.write_text("".join(_ndjson(GOOD, dict(GOOD, requested="PT"))), encoding="utf-8")
        assert main(["batch", str(path)]) == 0
        captured = capsys.readouterr()

        assert [json.loads(line)["answer"]["query"]["requested"] for line in captured.out.splitlines()] == ["PE", "PT"]
        assert captured.err == ""

    def test_some_lines_failing_exits_1_and_answers_the_rest(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "q.csv"
        path.write_text(f"requesting,requested,measure,offence,on\nES,PE,expedited_preservation,{ICT},2025-03-01\nES,XX,expedited_preservation,{ICT},2025-03-01\n", encoding="utf-8")
        assert main(["batch", str(path), "--output-format", "csv", "--view", "full", "--lang", "es"]) == 1
        captured = capsys.readouterr()
        limit = csv.field_size_limit(1 << 30)  # a full answer's JSON is larger than the csv module's default cell
        try:
            table = list(csv.DictReader(io.StringIO(captured.out)))
        finally:
            csv.field_size_limit(limit)

        assert [(r["line"], r["error_type"]) for r in table] == [("2", ""), ("3", "UnknownStateError")]
        assert json.loads(table[0]["json"])["answer"]["lang"] == "es"
        assert table[0]["lang"] == "es"
        assert "1 de 2 líneas" in captured.err and "Traceback" not in captured.err

    def test_standard_input_is_ndjson_by_default(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(_ndjson(GOOD))))
        assert main(["batch"]) == 0
        assert json.loads(capsys.readouterr().out)["line"] == 1

    @pytest.mark.parametrize(("name", "message"), [("q.txt", "--input-format"), ("missing.csv", "cannot read")])
    def test_unreadable_input_is_one_line_and_exit_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str) -> None:
        path = tmp_path / name
        if name.endswith(".txt"):
            path.write_text("", encoding="utf-8")
        assert main(["batch", str(path)]) == 2
        captured = capsys.readouterr()

        assert captured.out == "" and message in captured.err and len(captured.err.strip().splitlines()) == 1

    def test_bytes_that_are_not_utf8_fail_their_line_only(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "q.ndjson"
        path.write_bytes(json.dumps(GOOD).encode() + b'\n{"requesting": "\xff\xfe", "requested": "PE", "measure": "expedited_preservation", "offence": "%s"}\n' % ICT.encode())
        assert main(["batch", str(path)]) == 1
        out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]

        assert "answer" in out[0] and out[1]["error"]["type"] == "UnknownStateError"


# -- the matrix -----------------------------------------------------------------------------

MATRIX = ["matrix", "--offence", ICT, "--on", "2027-04-01", "--states", "ES,PE,PT", "--no-progress"]


class TestMatrix:
    def test_every_measure_when_none_is_given(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(MATRIX) == 0
        table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))

        assert list(table[0]) == list(COLUMNS)
        assert {r["measure"] for r in table} == {m.value for m in Measure}
        assert [(r["requesting"], r["requested"]) for r in table[:1]] == [("ES", "PE")]
        assert table[0]["measure"] == list(Measure)[0].value

    @pytest.mark.parametrize("threads", [1, 2], ids=["as-it-runs", "other-threads"])
    @pytest.mark.parametrize("fmt", ["csv", "json"])
    def test_two_processes_give_the_same_output_as_one(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, threads: int) -> None:
        """Forked where the process runs no other thread, spawned where it does
        (docs/decisions/0007-matrix-workers-forked.md): the same rows either way."""
        one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
        argv = MATRIX + ["--format", fmt, "--scenario", RATIFIED, "--measure", "expedited_preservation"] if fmt == "json" else MATRIX
        assert main(argv + ["--jobs", "1", "-o", str(one)]) == 0
        methods: list[str] = []
        get_context = multiprocessing.get_context
        if threads > 1:
            started = threading.Event()
            other = threading.Thread(target=started.wait, daemon=True)  # a host's thread, idle
            other.start()
        single = _matrix._single_threaded()
        monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: methods.append(method) or get_context(method))
        try:
            assert main(argv + ["--jobs", "2", "-o", str(two)]) == 0
        finally:
            if threads > 1:
                started.set()
                other.join()

        assert methods == ["fork" if single else "spawn"]
        assert threads == 1 or not single
        assert one.read_bytes() == two.read_bytes() and one.stat().st_size > 1000

    def test_parquet(self, tmp_path: Path) -> None:
        pq = pytest.importorskip("pyarrow.parquet")
        target = tmp_path / "m.parquet"
        assert main(MATRIX + ["--measure", "expedited_preservation", "--format", "parquet", "-o", str(target)]) == 0
        table = pq.read_table(target)

        assert table.column_names == list(COLUMNS)
        rows = table.to_pylist()
        budapest = next(r for r in rows if (r["requesting"], r["requested"], r["instrument"]) == ("ES", "PE", "budapest"))
        assert budapest["applicable"] is True and budapest["grounds_count"] == 3
        assert "point_of_contact_24_7" in budapest["channels"]

    def test_parquet_without_the_extra_is_one_line(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        assert main(MATRIX + ["--format", "parquet", "-o", str(tmp_path / "m.parquet")]) == 2
        err = capsys.readouterr().err

        assert 'pip install "treatyrules[parquet]"' in err and len(err.strip().splitlines()) == 1
        assert not (tmp_path / "m.parquet").exists()

    @pytest.mark.parametrize(("extra", "message"), [(["--jobs", "0"], "--jobs"), (["--measure", "teleport"], "teleport")])
    def test_bad_options_are_one_line(self, capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
        assert main(MATRIX + extra) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and message in captured.err

    def test_no_progress_bar_unless_someone_watches(self) -> None:
        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        assert show_progress(io.StringIO(), io.StringIO()) is False  # both piped or captured
        assert show_progress(Tty(), Tty()) is False  # the rows go to the same terminal
        assert show_progress(None, Tty()) is True  # -o FILE, watched on a terminal
        assert show_progress(io.StringIO(), Tty()) is True  # > FILE (a StringIO is no pipe)
