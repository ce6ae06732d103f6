"""The database itself refuses to change or delete a logged event (a trigger on each vendor).

The hash chain detects an edit made by someone who drops the trigger first; the trigger stops
every accidental one (a stray UPDATE, a cascade) before it happens.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

SQLITE = [
    """CREATE TRIGGER guishu_event_no_update BEFORE UPDATE ON guishu_event
       BEGIN SELECT RAISE(ABORT, '事件日志只能追加 / the event log is append-only'); END""",
    """CREATE TRIGGER guishu_event_no_delete BEFORE DELETE ON guishu_event
       BEGIN SELECT RAISE(ABORT, '事件日志只能追加 / the event log is append-only'); END""",
]
SQLITE_BACK = ["DROP TRIGGER IF EXISTS guishu_event_no_update", "DROP TRIGGER IF EXISTS guishu_event_no_delete"]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION guishu_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '事件日志只能追加 / the event log is append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER guishu_event_append_only BEFORE UPDATE OR DELETE ON guishu_event
       FOR EACH ROW EXECUTE FUNCTION guishu_event_append_only()""",
]
POSTGRES_BACK = [
    "DROP TRIGGER IF EXISTS guishu_event_append_only ON guishu_event",
    "DROP FUNCTION IF EXISTS guishu_event_append_only()",
]


def forwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    statements = SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRES
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    statements = SQLITE_BACK if schema_editor.connection.vendor == "sqlite" else POSTGRES_BACK
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("guishu", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
