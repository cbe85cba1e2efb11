"""``python -m treatyrules.bdd``: the step vocabulary, the names steps accept, and article coverage.

    python -m treatyrules.bdd steps [--es]          every step, with an example
    python -m treatyrules.bdd names KIND [--es]      every name of a kind (State, measure, ground, channel, ...)
    python -m treatyrules.bdd coverage [PATH ...]    run the scenarios and list the articles and rules none asserts
                                                     (further pytest options may follow, e.g. --treatyrules-coverage-fail-under=80)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

KINDS = ("State", "instrument", "measure", "offence", "channel", "ground", "dual_criminality", "data_type")


def _steps(lang: str) -> int:
    from treatyrules.bdd.messages import say
    from treatyrules.bdd.vocabulary import VOCABULARY

    section = None
    eg = say(lang, "words.e_g")
    for spec in VOCABULARY:
        if spec.section != section:
            section = spec.section
            print(f"\n{say(lang, f'cli.{section}')}")
        word = say(lang, f"keywords.{spec.keyword}")
        print(f"  {word} {spec.template(lang)}")
        print(f"      {eg} {word} {spec.example(lang)}")
    return 0


def _names(kind: str, lang: str) -> int:
    from treatyrules.bdd.messages import say
    from treatyrules.bdd.names import names

    wanted = {k.lower(): k for k in KINDS}.get(kind.lower().replace("-", "_"))
    if wanted is None:
        print(say(lang, "cli.unknown_kind", kind=kind, kinds=", ".join(KINDS)), file=sys.stderr)
        return 2
    catalogue = names().catalogues[wanted]
    for tag, en, es in catalogue.names():
        aliases = sorted({sp for k, sp in catalogue.spellings.items() if catalogue.by_key.get(k) == tag} - {tag, en, es})
        first, second = (es, en) if lang == "es" else (en, es)
        extra = f"  ({'; '.join(aliases)})" if aliases else ""
        print(f"{tag:32} {first} / {second}{extra}")
    return 0


def _coverage(args: Sequence[str]) -> int:
    import pytest

    return int(pytest.main(["-q", "--treatyrules-coverage", *args]))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    lang = "es" if "--es" in args else "en"
    args = [a for a in args if a != "--es"]
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    try:
        if command == "steps":
            return _steps(lang)
        if command == "names" and rest:
            return _names(rest[0], lang)
        if command == "coverage":
            return _coverage(rest)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
