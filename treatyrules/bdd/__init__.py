"""Gherkin for legal analysts: a shared step vocabulary in English and Spanish.

Analysts state what the law says as ``.feature`` files; the pytest plugin in
``treatyrules.bdd.plugin`` collects them and checks the engine against them.
See ``docs/analysts.md`` (``docs/analistas.md`` in Spanish).

Modules: ``names`` (human names -> tags and ISO codes), ``vocabulary`` (the
steps), ``steps`` (their pytest-bdd definitions), ``case`` and ``checks`` (the
question and what each assertion checks), ``collect`` (``.feature`` files as
test modules), ``coverage`` (articles and rules no scenario asserts),
``plugin`` (the hooks).
"""
