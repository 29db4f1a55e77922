from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Synthetic city-size data (`manage.py scale_data`) and the pre-aggregated counts that
    keep coordinator pages fast at that size. Sits on top of every other app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "nabij.scale"
    verbose_name = "Schaal"
