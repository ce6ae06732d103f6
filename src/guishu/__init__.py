"""Guishu (归属): customer attribution for Chinese sales teams."""

__version__ = "0.1.0"
