"""Fuzz the public API with many seeded random inputs and count what each one gave.

    .venv/bin/python scripts/fuzz.py                 # 100,000 inputs, seed 0
    .venv/bin/python scripts/fuzz.py -n 500000 --seed 7 --json report.json

Every input is a call of ``which_treaty_applies`` (then ``summarize`` of its answer),
``diff``, ``timeline`` or ``load_scenario`` / ``which_treaty_applies`` on a scenario file
written from random YAML text; the arguments mix valid values, near misses and junk of the
wrong type. An input ends in one of three ways: an answer, a ``TreatyRulesError`` (by class),
or an unexpected exception (by class and the line it came from) - a defect. The report counts
each outcome and shows the first input that led to each defect. Exit status 1 when any input
raised an unexpected exception, else 0.

Unlike the hypothesis suite (tests/fuzz/, short and run by CI), there is no shrinking: a plain
``random.Random(seed)`` draws the inputs, so the same seed and count give the same inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

import treatyrules
from treatyrules import TreatyRulesError
from treatyrules._answer.engine import default_engine
from treatyrules.scenario import load_scenario, shipped_scenarios
from treatyrules.vocabulary import DataType, Instrument, Measure, Offence

ENGINE = default_engine()
STATES = sorted(ENGINE.states)
PARTY_STATES = sorted({iso for (_, iso) in ENGINE.book.party_rows})
SHIPPED = sorted(shipped_scenarios())
MEASURES = [m.value for m in Measure]
OFFENCES = [o.value for o in Offence]
DATA_TYPES = [d.value for d in DataType]
INSTRUMENTS = [i.value for i in Instrument]
ODD_TEXT = ["", " ", "\x00", "\n", "ñ", "ES\n", " es ", "E S", "É", "null", "true", "../..", "%s", "{0}", "{}", "\u2028", "\x1f", "\ufffe"]
ODD_DATES = ["2025-02-30", "2025-13-01", "20250301", "2025-3-1", "0000-01-01", "9999-12-31", "0001-01-01", "2025-03-01T00:00", "2025-03-01 "]
WEIGHTS = {"which": 0.90, "diff": 0.03, "timeline": 0.005, "scenario_file": 0.065}


class Draw:
    """The random values, from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def text(self, size: int = 8) -> str:
        alphabet = "abcXYZ019_-./: \tñé€\u2028\x00{}[]!&*#'\""
        return "".join(self.r.choice(alphabet) for _ in range(self.r.randint(0, size)))

    def junk(self) -> Any:
        kind = self.r.randint(0, 9)
        return [
            None, True, self.r.randint(-(10**6), 10**6), self.r.choice([0.0, -0.0, 1.5, float("nan"), float("inf"), -float("inf"), 1e308]),
            b"ES", [self.r.randint(-2, 2)], {"a": 1}, 10**400, object(), (),
        ][kind]

    def odd(self) -> Any:
        return self.r.choice([self.text(), self.r.choice(ODD_TEXT), self.junk()])

    def one_of(self, values: list[str], p_valid: float = 0.8) -> Any:
        if self.chance(p_valid):
            value = self.r.choice(values)
            return value if self.chance(0.9) else self.r.choice([value.upper(), value.lower(), f" {value} "])
        return self.odd()

    def day(self) -> Any:
        roll = self.r.random()
        if roll < 0.35:
            return (date(1990, 1, 1) + timedelta(days=self.r.randint(0, 16000))).isoformat()
        if roll < 0.6:
            return date(1990, 1, 1) + timedelta(days=self.r.randint(0, 16000))
        if roll < 0.7:
            return date.fromordinal(self.r.randint(1, date.max.toordinal()))
        if roll < 0.75:
            return datetime(2025, 3, 1, self.r.randint(0, 23))
        if roll < 0.9:
            return self.r.choice(ODD_DATES)
        return self.odd()

    def state(self) -> Any:
        roll = self.r.random()
        if roll < 0.75:
            return self.r.choice(PARTY_STATES)
        if roll < 0.85:
            return self.r.choice(STATES).lower()
        return self.odd()

    def query(self) -> dict[str, Any]:
        out: dict[str, Any] = {"measure": self.one_of(MEASURES), "offence": self.one_of(OFFENCES)}
        optional: dict[str, Callable[[], Any]] = {
            "on": self.day,
            "urgent": lambda: self.r.choice([True, False]) if self.chance(0.9) else self.junk(),
            "emergency": lambda: self.r.choice([True, False]) if self.chance(0.9) else self.junk(),
            "mla_treaty": lambda: self.r.choice([None, True, False]) if self.chance(0.9) else self.junk(),
            "extradition_treaty": lambda: self.r.choice([None, True, False]) if self.chance(0.9) else self.junk(),
            "data_types": self.data_types,
            "max_penalty_years": lambda: self.r.uniform(0, 30) if self.chance(0.8) else self.r.choice([-1, 0, 10**9, "4", True, self.junk()]),
            "act_began": self.day,
            "scenario": lambda: self.r.choice(SHIPPED) if self.chance(0.85) else self.odd(),
            "lang": lambda: self.r.choice(["en", "es"]) if self.chance(0.9) else self.odd(),
        }
        for name, make in optional.items():
            if self.chance(0.7 if name == "on" else 0.25):
                out[name] = make()
        return out

    def data_types(self) -> Any:
        roll = self.r.random()
        if roll < 0.6:
            return self.r.sample(DATA_TYPES, self.r.randint(1, 3))
        if roll < 0.7:
            return self.r.choice(DATA_TYPES)
        if roll < 0.8:
            return []
        if roll < 0.9:
            return [self.r.choice(DATA_TYPES), self.odd()]
        return self.odd()

    # -- scenario files ------------------------------------------------------------------------

    def scenario_value(self, name: str) -> Any:
        if self.chance(0.1):
            return self.junk() if self.chance(0.5) else self.text()
        if name == "state":
            return self.state()
        if name == "states":
            return [self.state() for _ in range(self.r.choice([2, 2, 2, 1, 3]))]
        if name == "instrument":
            return self.one_of(INSTRUMENTS, 0.9)
        if name in ("date", "from", "effective"):
            return date.fromordinal(self.r.randint(1, date.max.toordinal())) if self.chance(0.1) else date(2024, 1, 1) + timedelta(days=self.r.randint(0, 4000))
        if name == "kind":
            return self.r.choice(["ratification", "acceptance", "approval", "accession", "reservation", "declaration", "x"])
        if name == "provision":
            return self.r.choice(["9.3", "7.9.a", "29.4", "14.3", "24", "42", "1", "99.99", ""])
        return self.text(20)

    def scenario_doc(self) -> Any:
        fields = {
            "consent": ["state", "instrument", "date", "kind"], "signature": ["state", "instrument", "date"],
            "denunciation": ["state", "instrument", "date"], "reservation": ["state", "instrument", "provision", "summary", "effective"],
            "declaration": ["state", "instrument", "provision", "summary", "effective"],
            "withdrawal": ["state", "instrument", "kind", "provision", "date"], "mla_treaty": ["states", "from"],
        }
        events = []
        for _ in range(self.r.randint(0, 6)):
            kind = self.r.choice(sorted(fields))
            body = {name: self.scenario_value(name) for name in fields[kind] if self.chance(0.92)}
            if self.chance(0.05):
                body[self.text(5)] = self.text()
            events.append({kind: body} if self.chance(0.96) else self.junk())
        doc: dict[str, Any] = {"schema": "treatyrules.scenario/1" if self.chance(0.95) else self.text(), "name": "fuzz_" + str(self.r.randint(0, 10**6)), "title": "fuzz", "events": events}
        if self.chance(0.3):
            doc["extends"] = [self.r.choice(SHIPPED) if self.chance(0.8) else self.text()]
        if self.chance(0.05):
            del doc[self.r.choice(sorted(doc))]
        return doc

    def scenario_text(self) -> str:
        roll = self.r.random()
        text = yaml.safe_dump(_printable(self.scenario_doc()), allow_unicode=True, sort_keys=False)
        if roll < 0.05:
            return self.text(60)
        if roll < 0.1:
            return self.r.choice(["", "---", "[", "{a: [}", "!0", "&a [*a]", "a: 2025-02-30", "\x1f", "a: !!int x", "schema: ["])
        if roll < 0.2:
            return text[: self.r.randint(0, len(text))]
        return text


def _printable(value: Any) -> Any:
    """What yaml.safe_dump can write (junk objects become their repr)."""
    if isinstance(value, dict):
        return {str(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_printable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool | date | bytes):
        return value
    return repr(value)


# -- running --------------------------------------------------------------------------------


def _which(draw: Draw) -> tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]:
    return treatyrules.which_treaty_applies, (draw.state(), draw.state()), draw.query()


def _diff(draw: Draw) -> tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]:
    query = draw.query()
    query["scenario"] = draw.r.choice(SHIPPED) if draw.chance(0.85) else draw.odd()
    return treatyrules.diff, (draw.state(), draw.state()), query


def _timeline(draw: Draw) -> tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]:
    pair = ("ES", "PE") if draw.chance(0.5) else (draw.state(), draw.state())  # valid pairs mostly cached: a timeline is slow cold
    kwargs: dict[str, Any] = {"lang": draw.r.choice(["en", "es"])}
    if draw.chance(0.3):
        kwargs["scenario"] = draw.r.choice(SHIPPED) if draw.chance(0.8) else draw.odd()
    if draw.chance(0.3):
        kwargs["offence"] = draw.one_of(OFFENCES)
    return treatyrules.timeline, pair, kwargs


def run(count: int, seed: int, folder: Path) -> tuple[Counter[str], dict[str, dict[str, Any]]]:
    draw = Draw(seed)
    outcomes: Counter[str] = Counter()
    defects: dict[str, dict[str, Any]] = {}
    kinds = list(WEIGHTS)
    weights = list(WEIGHTS.values())
    scenario_path = folder / "fuzz_scenario.yaml"
    for index in range(count):
        kind = draw.r.choices(kinds, weights)[0]
        call: Callable[..., Any]
        args: tuple[Any, ...]
        kwargs: dict[str, Any]
        if kind == "scenario_file":
            scenario_path.write_text(draw.scenario_text(), encoding="utf-8")
            if draw.chance(0.7):
                call, args, kwargs = load_scenario, (scenario_path,), {}
            else:
                call, args, kwargs = treatyrules.which_treaty_applies, (draw.r.choice(PARTY_STATES), draw.r.choice(PARTY_STATES)), {**draw.query(), "scenario": scenario_path}
        else:
            call, args, kwargs = {"which": _which, "diff": _diff, "timeline": _timeline}[kind](draw)
        label = f"{kind}:"
        try:
            result: Any = call(*args, **kwargs)
            if kind == "which" or (kind == "scenario_file" and call is treatyrules.which_treaty_applies):
                treatyrules.summarize(result)
            outcomes[label + "answer"] += 1
        except TreatyRulesError as exc:
            str(exc)
            outcomes[label + type(exc).__name__] += 1
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "treatyrules" in Path(f.filename).parts and "scripts" not in Path(f.filename).parts]
            last, mine = frames[-1], (ours[-1] if ours else frames[-1])
            where = f"{Path(mine.filename).name}:{mine.lineno}" + ("" if mine is last else f" (raised in {Path(last.filename).name}:{last.lineno})")
            key = f"{type(exc).__name__} at {where}"
            outcomes[label + "UNEXPECTED " + key] += 1
            if key not in defects:
                text = scenario_path.read_text(encoding="utf-8") if kind == "scenario_file" else None
                defects[key] = {"input": index, "call": getattr(call, "__name__", str(call)), "args": repr(args), "kwargs": repr(kwargs), "scenario_text": text, "error": str(exc)[:300]}
    return outcomes, defects


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("-n", "--count", type=int, default=100_000, help="number of inputs (default: 100000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random generator (default: 0)")
    parser.add_argument("--json", help="also write the report as JSON to this file")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        outcomes, defects = run(args.count, args.seed, Path(folder))
    elapsed = time.perf_counter() - started
    width = max((len(k) for k in outcomes), default=10)
    print(f"{args.count} inputs, seed {args.seed}, {elapsed:.1f} s ({args.count / elapsed:.0f} inputs/s)")
    for key, n in sorted(outcomes.items()):
        print(f"  {key:<{width}}  {n:>8}")
    unexpected = sum(n for k, n in outcomes.items() if "UNEXPECTED" in k)
    print(f"answers {sum(n for k, n in outcomes.items() if k.endswith(':answer'))}, TreatyRulesError {args.count - unexpected - sum(n for k, n in outcomes.items() if k.endswith(':answer'))}, unexpected {unexpected}")
    for key, example in defects.items():
        print(f"\nDEFECT {key}\n  first at input {example['input']}: {example['call']}{example['args']} {example['kwargs']}\n  {example['error']}")
        if example["scenario_text"] is not None:
            print("  scenario file:\n    " + example["scenario_text"][:400].replace("\n", "\n    "))
    if args.json:
        Path(args.json).write_text(json.dumps({"count": args.count, "seed": args.seed, "seconds": elapsed, "outcomes": dict(outcomes), "defects": defects}, indent=1, default=str), encoding="utf-8")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
