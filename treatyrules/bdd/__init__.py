"""Gherkin for legal analysts: a shared step vocabulary in English and Spanish.

Analysts state what the law says as ``.feature`` files; the pytest plugin in
``treatyrules.bdd.plugin`` collects them and checks the engine against them.
See ``docs/analysts.md`` (``docs/analistas.md`` in Spanish).

Modules, each importing only those before it: ``messages`` (every text shown,
from the catalogue domain ``bdd``, in the feature's language), ``names`` (human
names -> tags and ISO codes), ``vocabulary`` (the steps), ``language`` (the step
parser), ``case`` and ``checks`` (the question, asked in the feature's language,
and what each assertion checks), ``steps`` (their pytest-bdd definitions),
``collect`` (``.feature`` files as test modules), ``coverage`` (articles and
rules no scenario asserts), ``plugin`` (the hooks).
"""
