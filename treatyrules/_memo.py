"""Bounded, thread-safe memo maps, and a fast constructor for trusted pydantic models.

``LRU(size)`` holds at most ``size`` entries and evicts the least recently used. A hit
takes no lock: reading an ``OrderedDict`` and moving the key to the end are each a single
C call under the GIL, so concurrent hits, inserts and evictions never corrupt it (at worst a
key evicted between the read and the move is simply not moved). Inserts take a lock so that
the size bound holds. Two threads that miss the same key both compute it; the values are
equal (every memo here caches a pure function of its key), and the second insert wins.

``construct(cls, values)`` builds a pydantic model from trusted, already valid values
without validation, exactly as ``cls.model_construct(**values)`` would (same ``__dict__``,
same field order, same ``model_fields_set``), at a fraction of the cost.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
_MISSING: Any = object()


#: the collector's thresholds during a bulk run (the interpreter's defaults: 700, 10, 10)
BULK_THRESHOLDS = (100_000, 100, 100)


def enter_bulk_collection() -> tuple[int, int, int]:
    """Tune the cyclic collector for a run of many queries; returns the thresholds to restore.

    Everything alive now (the loaded engine: rules, data, vocabulary) is frozen out of the
    collector's scans, and collections run far less often. Otherwise a full collection rescans
    the engine and every cached answer each time the caches grow by a quarter, and young
    collections scan the answer being built many times over; none of it is garbage (answers are
    trees without cycles). The collector stays on, so cycles made meanwhile are still freed.
    Measured in ``docs/decisions/0004-collector-in-bulk-runs.md``."""
    gc.collect()
    gc.freeze()
    old = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(old, BULK_THRESHOLDS, strict=True)))
    return old


@contextmanager
def bulk_collection() -> Iterator[None]:
    """``enter_bulk_collection()`` for the ``with`` block; the collector as it was afterwards."""
    old = enter_bulk_collection()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


class LRU:
    """At most ``size`` entries, least recently used evicted first."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def size(self) -> int:
        """The most entries the map holds."""
        return self._size

    def get(self, key: Hashable, default: Any = None) -> Any:
        data = self._data
        value = data.get(key, _MISSING)
        if value is _MISSING:
            self.misses += 1  # statistics only: not exact under concurrent calls
            return default
        self.hits += 1
        try:
            data.move_to_end(key)
        except KeyError:  # evicted by another thread since the read: the value is still right
            pass
        return value

    def put(self, key: Hashable, value: T) -> T:
        with self._lock:
            data = self._data
            data[key] = value
            if len(data) > self._size:
                data.popitem(last=False)
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        value = self.get(key, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        return self.put(key, make())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)


_set_dict = object.__setattr__
_new = object.__new__
_SLOTS: Any = BaseModel.__dict__  # the slot descriptors BaseModel declares
_set_fields_set = _SLOTS["__pydantic_fields_set__"].__set__
_set_extra = _SLOTS["__pydantic_extra__"].__set__
_set_private = _SLOTS["__pydantic_private__"].__set__
_SPECS: dict[type[BaseModel], tuple[dict[str, Any], frozenset[str]]] = {}
_SPECS_LOCK = threading.Lock()


def _spec(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]]:
    spec = _SPECS.get(cls)
    if spec is None:
        defaults: dict[str, Any] = {}
        required: set[str] = set()
        for name, field in cls.__pydantic_fields__.items():
            if field.alias not in (None, name) or field.validation_alias is not None or field.default_factory is not None:
                raise TypeError(f"construct() does not handle {cls.__name__}.{name}; use model_construct")
            if field.is_required():
                required.add(name)
                defaults[name] = None  # a placeholder that keeps the field order; always overwritten
            else:
                defaults[name] = field.default
        if cls.__pydantic_post_init__ or cls.model_config.get("extra") == "allow" or cls.__pydantic_root_model__:
            raise TypeError(f"construct() does not handle {cls.__name__}; use model_construct")
        spec = (defaults, frozenset(required))
        with _SPECS_LOCK:
            _SPECS.setdefault(cls, spec)
    return spec


def construct(cls: type[M], values: Mapping[str, Any]) -> M:
    """``cls.model_construct(**values)`` for trusted values, without its per-field loop.

    Defaults are shared, not copied: every model built here is frozen, so a shared
    default (``ClosedList(closed=False)``, ``()``) can never be changed through one instance.
    """
    defaults, required = _SPECS.get(cls) or _spec(cls)
    fields = {**defaults, **values}
    if len(fields) != len(defaults) or not required <= values.keys():
        raise TypeError(f"construct({cls.__name__}): unknown fields {sorted(set(values) - set(defaults))}, missing {sorted(required - set(values))}")
    m = _new(cls)
    _set_dict(m, "__dict__", fields)
    _set_fields_set(m, _fields_set(cls, values))
    _set_extra(m, None)
    _set_private(m, None)
    return m


_FIELDS_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def _fields_set(cls: type[BaseModel], values: Mapping[str, Any]) -> set[str]:
    """One shared ``model_fields_set`` per model class and set of given fields. Pydantic never
    changes the set of a frozen model (``model_copy`` copies it), and sharing it saves a set
    per model in every cached answer."""
    key = (cls, frozenset(values))
    found = _FIELDS_SETS.get(key)
    if found is None:
        found = _FIELDS_SETS.setdefault(key, set(values))
    return found


def rebuild(model: M, changes: Mapping[str, Any]) -> M:
    """A copy of the trusted ``model`` with some fields replaced (``model_copy(update=...)``
    without its overhead; the set of explicitly set fields is the original's, shared)."""
    fields = dict(model.__dict__)
    fields.update(changes)
    m = _new(type(model))
    _set_dict(m, "__dict__", fields)
    _set_fields_set(m, model.__pydantic_fields_set__)
    _set_extra(m, None)
    _set_private(m, None)
    return m


# -- shared structure with per-use leaves ------------------------------------------------------
#
# A ``Recipe`` is a model tree in which some leaves vary from one use to the next: the parts
# that contain none are kept as the very objects of the tree they were taken from; the parts
# that do are ``ModelRecipe``/``TupleRecipe`` nodes that rebuild only the path down to each
# ``Leaf``. ``fill(recipe, resolve)`` makes the tree for one use, ``resolve(leaf)`` giving
# each leaf's value; a node met twice in one tree is rebuilt once and shared, as it was.


class Leaf:
    """A place in a recipe whose value the use supplies: ``tables[kind][side][index]`` for the
    kinds given as tables, else ``call(leaf)``."""

    __slots__ = ("kind", "side", "index", "extra")

    def __init__(self, kind: int, side: int, index: int = 0, extra: Any = None) -> None:
        self.kind = kind
        self.side = side
        self.index = index
        self.extra = extra

    def __repr__(self) -> str:
        return f"Leaf({self.kind!r}, {self.side}, {self.index}, {self.extra!r})"


class ModelRecipe:
    """A model with some fields rebuilt: ``base`` holds the fields that stay. ``shared``: the
    node occurs more than once in its recipe (rebuilt once per use, and shared)."""

    __slots__ = ("cls", "base", "fields_set", "subs", "shared")

    def __init__(self, model: BaseModel, subs: tuple[tuple[str, Any], ...]) -> None:
        self.cls = type(model)
        self.base = model.__dict__
        self.fields_set = model.__pydantic_fields_set__
        self.subs = subs
        self.shared = False


class TupleRecipe:
    """A tuple with some items rebuilt."""

    __slots__ = ("base", "subs", "shared")

    def __init__(self, base: tuple[Any, ...], subs: tuple[tuple[int, Any], ...]) -> None:
        self.base = base
        self.subs = subs
        self.shared = False


RECIPES = (Leaf, ModelRecipe, TupleRecipe)


def mark_shared(recipe: Any) -> None:
    """Flag the nodes that occur more than once in ``recipe`` (call once, when it is made)."""
    seen: set[int] = set()

    def visit(node: Any) -> None:
        if type(node) is ModelRecipe or type(node) is TupleRecipe:
            if id(node) in seen:
                node.shared = True
                return
            seen.add(id(node))
            for _, sub in node.subs:
                visit(sub)

    visit(recipe)


def part_of(recipe: Any, key: int | str) -> Any:
    """The recipe (or the value itself) of item ``key`` of a tuple, or of field ``key`` of a model."""
    kind = type(recipe)
    if kind is ModelRecipe or kind is TupleRecipe:
        for at, sub in recipe.subs:
            if at == key:
                return sub
        return recipe.base[key]
    return recipe[key] if type(key) is int else getattr(recipe, key)  # type: ignore[arg-type]


def len_of(recipe: Any) -> int:
    """How many items the tuple that ``recipe`` makes has."""
    return len(recipe.base) if type(recipe) is TupleRecipe else len(recipe)


def fill(recipe: Any, tables: Sequence[Sequence[Sequence[Any]]], call: Callable[[Leaf], Any], done: dict[int, Any] | None = None) -> Any:
    """The value of ``recipe`` for one use (a value that is not a recipe is itself)."""
    kind = type(recipe)
    if kind is Leaf:
        return tables[recipe.kind][recipe.side][recipe.index] if recipe.kind < len(tables) else call(recipe)
    if kind is not ModelRecipe and kind is not TupleRecipe:
        return recipe
    if done is None:
        done = {}
    if recipe.shared:
        made = done.get(id(recipe))
        if made is not None:
            return made
    n = len(tables)
    if kind is TupleRecipe:
        items = list(recipe.base)
        for index, sub in recipe.subs:
            if type(sub) is Leaf:
                items[index] = tables[sub.kind][sub.side][sub.index] if sub.kind < n else call(sub)
            else:
                items[index] = fill(sub, tables, call, done)
        made = tuple(items)
    else:
        fields = dict(recipe.base)
        for name, sub in recipe.subs:
            if type(sub) is Leaf:
                fields[name] = tables[sub.kind][sub.side][sub.index] if sub.kind < n else call(sub)
            else:
                fields[name] = fill(sub, tables, call, done)
        made = _new(recipe.cls)
        _set_dict(made, "__dict__", fields)
        _set_fields_set(made, recipe.fields_set)
        _set_extra(made, None)
        _set_private(made, None)
    if recipe.shared:
        done[id(recipe)] = made
    return made
