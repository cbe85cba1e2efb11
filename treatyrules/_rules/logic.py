"""Three-valued truth, as the rules use it: the names of ``treatyrules._facts.logic``.

The module moved below the rules, to the facts (``_facts.status`` builds truths and must not
import ``_rules``, which sits above it in the pipeline); these re-exports keep every
``from treatyrules._rules.logic import ...`` working.
"""

from __future__ import annotations

from treatyrules._facts.logic import FALSE as FALSE
from treatyrules._facts.logic import TRUE as TRUE
from treatyrules._facts.logic import Fact as Fact
from treatyrules._facts.logic import Missing as Missing
from treatyrules._facts.logic import Truth as Truth
from treatyrules._facts.logic import all_of as all_of
from treatyrules._facts.logic import any_of as any_of
from treatyrules._facts.logic import not_ as not_
