from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The composition layer: pages and use cases that span apps (see docs/architecture.md)."""

    name = "mamori.portal"
    label = "portal"
    verbose_name = _("Portal")
