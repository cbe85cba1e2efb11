"""Fuzzing the HTTP API: every request is answered 2xx, 304 or 4xx with the typed error body,
never 5xx. ``POST /which/batch`` gets random bytes, wrong content types, invalid UTF-8, huge
lines and bodies over the limits; ``GET /which`` random parameters, repeated and over-long.

Short in the ordinary run (``strategies.FUZZ``); the app has small limits so that the examples
cross them with a few kilobytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from treatyrules.http.app import create_app  # noqa: E402
from treatyrules.http.limits import Limits  # noqa: E402

from .strategies import FUZZ, MEASURES, OFFENCES, STATES, junk  # noqa: E402

LIMITS = Limits(max_body_bytes=4096, max_batch_lines=8, max_query_bytes=1024, max_params=24, max_repeats=6)
ERROR_TYPES = {"InvalidQueryError", "UnknownStateError", "UnknownTagError", "InvalidDateError", "RequestValidationError", "HTTPError", "NoLegalBasisError", "QueryError"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(limits=LIMITS)) as c:
        yield c


def check(response: Any) -> None:
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["type"] in ERROR_TYPES, error
        assert isinstance(error["message"], str) and error["message"] and "Traceback" not in error["message"]


def check_stream(response: Any) -> None:
    check(response)
    if response.status_code == 200:
        numbers = []
        for line in response.text.splitlines():
            record = json.loads(line)
            assert set(record) in ({"line", "answer"}, {"line", "error"}), record
            if "error" in record:
                assert record["error"]["type"] in ERROR_TYPES
            numbers.append(record["line"])
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


_fields = st.fixed_dictionaries(
    {},
    optional={
        "requesting": st.one_of(st.sampled_from(STATES), st.text(max_size=4), junk),
        "requested": st.one_of(st.sampled_from(STATES), st.text(max_size=4), junk),
        "measure": st.one_of(st.sampled_from(MEASURES), st.text(max_size=10), junk),
        "offence": st.one_of(st.sampled_from(OFFENCES), junk),
        "on": st.one_of(st.sampled_from(["2025-03-01", "2019-01-01", "1900-02-30", ""]), junk),
        "urgent": st.one_of(st.booleans(), junk),
        "data_types": st.one_of(st.lists(st.text(max_size=8), max_size=3), junk),
        "scenario": st.one_of(st.sampled_from(["", "../../etc/passwd", "unknown"]), junk),
    },
)


def _ndjson_line(fields: dict[str, Any]) -> str:
    return json.dumps(fields, default=repr)


def _csv_body(rows: list[dict[str, Any]]) -> str:
    header = "requesting,requested,measure,offence,on,urgent"
    body = [header]
    for row in rows:
        body.append(",".join(str(row.get(k, "")).replace(",", ";").replace("\n", " ") for k in header.split(",")))
    return "\n".join(body) + "\n"


content_types = st.sampled_from(["text/csv", "application/x-ndjson", "text/csv; charset=utf-8", "application/json", "text/plain", "", "multipart/form-data; boundary=x", "APPLICATION/X-NDJSON"])
huge_line = st.integers(min_value=1000, max_value=6000).map(lambda n: '{"requesting": "' + "E" * n + '"}')

bodies = st.one_of(
    st.binary(max_size=6000),
    st.lists(_fields.map(_ndjson_line), max_size=12).map(lambda lines: "\n".join(lines).encode()),
    st.lists(_fields, max_size=12).map(lambda rows: _csv_body(rows).encode()),
    st.lists(st.one_of(_fields.map(_ndjson_line), huge_line, st.text(max_size=40)), max_size=4).map(lambda lines: "\n".join(lines).encode()),
    st.binary(max_size=200).map(lambda junk_bytes: b'{"requesting": "ES", "requested": "' + junk_bytes + b'"}\n\xff\xfe\n'),
)


@FUZZ
@given(bodies, content_types, st.sampled_from(["", "?view=summary", "?lang=es", "?view=tiny", "?lang=fr&view=full"]))
def test_batch_answers_or_refuses_with_the_typed_error(client: TestClient, body: bytes, content_type: str, query: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    check_stream(client.post("/which/batch" + query, content=body, headers=headers))


_param_names = st.sampled_from(["requesting", "requested", "measure", "offence", "on", "view", "lang", "data_types", "mla_treaty", "urgent", "max_penalty_years", "x"])
_param_values = st.one_of(st.sampled_from([*STATES[:5], *MEASURES[:3], *OFFENCES[:2], "summary", "es", "true", "2025-03-01", "1e309", "nan"]), st.text(max_size=30), st.text(min_size=900, max_size=1200))


@FUZZ
@given(st.lists(st.tuples(_param_names, _param_values), max_size=30), st.sampled_from(["/which", "/draft", "/diff", "/timeline", "/i18n/es"]), st.sampled_from([None, '"x"', "*"]))
def test_get_answers_or_refuses_with_the_typed_error(client: TestClient, params: list[tuple[str, Any]], path: str, if_none_match: str | None) -> None:
    headers = {"If-None-Match": if_none_match} if if_none_match else {}
    response = client.get(path, params=params, headers=headers)
    check(response)
    if response.status_code == 200 and path != "/draft":
        assert response.headers["etag"] and response.headers["cache-control"].startswith("public, max-age=")
