from rest_framework.routers import DefaultRouter

from mamori.incidents.api import IncidentViewSet

router = DefaultRouter()
router.register("incidents", IncidentViewSet, basename="incident")
urlpatterns = router.urls
