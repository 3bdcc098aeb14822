from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The composition layer: pages and use cases that span apps (see docs/architecture.md)."""

    name = "mamori.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from mamori.audits import review
        from mamori.response.queries import chain_for_user
        from mamori.stats.national import review_figures
        from mamori.training import queries as training_queries

        # The training chapter "our company" shows the emergency chain of the response app; the two
        # consumers do not know each other, so they are wired together here.
        training_queries.register_chain_provider(chain_for_user)
        # The management review shows JIPDEC's national figures of the statistics app (same layer).
        review.register_national_figures(review_figures)
