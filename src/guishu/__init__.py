"""Guishu (归属): customer attribution for Chinese sales teams."""

from ._compiled import engine_build_path

__version__ = "0.1.0"

# A checkout's mypyc build of the engine (``make engine``) is searched first when it was built from the
# current sources, so ``guishu.engine`` is the compiled one; a stale build raises ImportError (``_compiled``).
__path__ = [*engine_build_path(), *__path__]
