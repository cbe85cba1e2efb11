"""``python -m treatyrules``: the command line."""

from treatyrules.cli import main

raise SystemExit(main())
