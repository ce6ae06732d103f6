from django.apps import AppConfig


class GuishuConfig(AppConfig):
    name = "guishu.web"
    label = "guishu"
    verbose_name = "归属 Guishu"
    default_auto_field = "django.db.models.BigAutoField"
