"""REST adapter of the incident register: serializers check shape, services and queries do the work."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from mamori.incidents import queries, services
from mamori.incidents.facts import FACT_FIELDS, TRI_STATE_FACTS
from mamori.incidents.forms import MAX_PERSONS
from mamori.incidents.models import Incident
from mamori.incidents.taxonomy import (
    Cause,
    DataCategory,
    DiscoveredBy,
    Event,
    EventClass,
    Medium,
    Role,
    Status,
)


class IncidentSerializer(serializers.ModelSerializer):
    """An incident as the API shows it (the description only on the detail)."""

    reporter = serializers.CharField(source="reporter.get_username", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True, default=None)
    determination = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id",
            "number",
            "title",
            "is_near_miss",
            "status",
            "department",
            "reporter",
            "occurred_at",
            "discovered_at",
            "known_on",
            "discovered_by",
            "data_categories",
            "medium",
            "event_class",
            "cause",
            *(name for name in FACT_FIELDS if name != "known_on"),
            "contractor",
            "entrustor_notified_at",
            "appi_status",
            "appi_grounds",
            "final_due",
            "preliminary_target",
            "pmark_preliminary_required",
            "pmark_final_due",
            "next_deadline",
            "created_at",
            "updated_at",
            "determination",
        ]
        read_only_fields = fields

    def get_determination(self, obj: Incident) -> dict[str, Any] | None:
        latest = obj.determinations.first()
        return latest.result if latest else None


class IncidentDetailSerializer(IncidentSerializer):
    class Meta(IncidentSerializer.Meta):
        fields = [*IncidentSerializer.Meta.fields, "description"]
        read_only_fields = fields


class IncidentReportSerializer(serializers.Serializer):
    """What any employee may send to report an accident or near miss."""

    is_near_miss = serializers.BooleanField(default=False)
    event_class = serializers.ChoiceField(choices=EventClass.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True)
    discovered_at = serializers.DateTimeField()
    discovered_by = serializers.ChoiceField(choices=DiscoveredBy.choices)
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=DataCategory.choices), required=False
    )
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, required=False, allow_null=True)
    persons_is_upper_bound = serializers.BooleanField(default=False)
    medium = serializers.ChoiceField(choices=Medium.choices, required=False, allow_blank=True)
    advanced_encryption = serializers.BooleanField(required=False, allow_null=True, default=None)
    recovered_before_viewed = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        occurred, discovered = attrs.get("occurred_at"), attrs["discovered_at"]
        if occurred and occurred > discovered:
            raise ValidationError({"occurred_at": _("It cannot have happened after it was noticed.")})
        return attrs


class _FactsSerializerBase(serializers.Serializer):
    """The manager's coding and facts; every field optional (PATCH)."""

    title = serializers.CharField(max_length=200, required=False)
    events = serializers.ListField(child=serializers.ChoiceField(choices=Event.choices), required=False)
    likely = serializers.BooleanField(required=False)
    event_class = serializers.ChoiceField(choices=EventClass.choices, required=False, allow_blank=True)
    cause = serializers.ChoiceField(choices=Cause.choices, required=False, allow_blank=True)
    medium = serializers.ChoiceField(choices=Medium.choices, required=False, allow_blank=True)
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=DataCategory.choices), required=False
    )
    known_on = serializers.DateField(required=False)
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, required=False, allow_null=True)
    persons_is_upper_bound = serializers.BooleanField(required=False)
    my_number_persons = serializers.IntegerField(
        min_value=0, max_value=MAX_PERSONS, required=False, allow_null=True
    )
    pseudonymized = serializers.BooleanField(required=False)
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    occurred_at_contractor = serializers.BooleanField(required=False)
    contractor = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_near_miss = serializers.BooleanField(required=False)


#: The tri-state facts come from the one list of ``incidents.facts`` (``null`` = unknown).
IncidentFactsSerializer = type(
    "IncidentFactsSerializer",
    (_FactsSerializerBase,),
    {
        "__doc__": _FactsSerializerBase.__doc__,
        **{name: serializers.BooleanField(required=False, allow_null=True) for name in TRI_STATE_FACTS},
    },
)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Incidents and near misses the user may read; report, code and move them on."""

    serializer_class = IncidentSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            queries.incidents_for_user(self.request.user)
            .prefetch_related("determinations")
            .order_by("-discovered_at")
        )

    def get_object(self) -> Incident:
        return queries.get_incident_for_user(self.request.user, self.kwargs["pk"])

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return IncidentDetailSerializer if self.action == "retrieve" else IncidentSerializer

    @extend_schema(request=IncidentReportSerializer, responses={201: IncidentDetailSerializer})
    def create(self, request: Request) -> Response:
        """Report an accident or near miss."""
        if request.user.organisation_id is None:  # type: ignore[union-attr]
            raise PermissionDenied
        data = IncidentReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        incident = services.incident_create(reporter=request.user, **data.validated_data)
        return Response(IncidentDetailSerializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=IncidentFactsSerializer, responses={200: IncidentDetailSerializer})
    @action(detail=True, methods=["patch"])
    def facts(self, request: Request, pk: str) -> Response:
        """Change the coding and facts (manager only); the determination is re-evaluated."""
        incident = self.get_object()
        if not queries.can_triage(request.user, incident):
            raise PermissionDenied
        data = IncidentFactsSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        incident = services.incident_triage(incident=incident, actor=request.user, **data.validated_data)
        return Response(IncidentDetailSerializer(incident).data)

    @extend_schema(request=StatusSerializer, responses={200: IncidentDetailSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str) -> Response:
        """Move the incident to another status (manager only)."""
        incident = self.get_object()
        if not queries.can_triage(request.user, incident):
            raise PermissionDenied
        data = StatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            incident = services.incident_set_status(
                incident=incident, actor=request.user, **data.validated_data
            )
        except services.TransitionError as exc:
            raise ValidationError({"status": str(exc)}) from None
        return Response(IncidentDetailSerializer(incident).data)
