"""Guishu (归属): customer attribution for Chinese sales teams."""

from ._compiled import install as _use_current_engine_build

__version__ = "0.1.0"

_use_current_engine_build()
