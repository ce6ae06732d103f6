"""The HTTP API (JSON, /api/v1): one small view per endpoint; views authorise and delegate."""
