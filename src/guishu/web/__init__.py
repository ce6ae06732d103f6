"""The service (归属服务): Django around the engine.

Sites, staff and roles, the append-only event log with its hash chain, the projections for
fast reads, and the HTTP API. Rules live only in ``guishu.engine``: this package stores,
locks, authorises and answers, and asks the engine for every decision.
"""
