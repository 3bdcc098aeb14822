"""Upload API of ``mamori scan --upload``: a bearer token per organisation, batches that can be retried.

POST runs/                         {"machine", "run_id", "started_at"} → {"run_id", "batches": [received]}
POST runs/<run_id>/batches/<n>/    {"machine", "files": [...]}        → {"stored": true|false}
POST runs/<run_id>/finish/         {"machine", "totals": {...}}       → {"files_personal", "persons"}
A client that lost its connection starts the run again, learns which batches arrived and sends the rest.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from rest_framework import authentication, exceptions, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mamori.scans import services
from mamori.scans.models import ScanRun


class _Uploader:
    """The authenticated principal of an upload: an organisation, not a person."""

    is_authenticated = True

    def __init__(self, organisation: Any) -> None:
        self.organisation = organisation


class ScanTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>`` with a token created by ``mamori scantoken``."""

    def authenticate(self, request: Request) -> tuple[_Uploader, str] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        organisation = services.organisation_for(token.strip())
        if organisation is None:
            raise exceptions.AuthenticationFailed("unknown or revoked scan token")
        return _Uploader(organisation), token

    def authenticate_header(self, request: Request) -> str:
        return "Bearer"


class ScanTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Describe the upload token in the OpenAPI schema (``/api/schema/``)."""

    target_class = "mamori.scans.api.ScanTokenAuthentication"
    name = "scanToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "token from 「スキャン結果」 or `mamori scantoken`",
        }


# The shapes of the three calls, for the schema; the views check them by hand so that a client
# always gets the same short error text.
class _StartIn(serializers.Serializer):
    machine = serializers.CharField()
    run_id = serializers.CharField()
    started_at = serializers.DateTimeField(required=False)


class _StartOut(serializers.Serializer):
    run_id = serializers.CharField()
    batches = serializers.ListField(child=serializers.IntegerField())
    finished = serializers.BooleanField()


class _BatchIn(serializers.Serializer):
    machine = serializers.CharField()
    files = serializers.ListField(child=serializers.DictField(), help_text="masked file results")


class _BatchOut(serializers.Serializer):
    stored = serializers.BooleanField(help_text="false when this batch had already arrived")


class _FinishIn(serializers.Serializer):
    machine = serializers.CharField()
    totals = serializers.DictField()


class _FinishOut(serializers.Serializer):
    files_personal = serializers.IntegerField()
    persons = serializers.IntegerField()


def _data(request: Request) -> dict[str, Any]:
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError("expected a JSON object")
    return dict(request.data)


def _organisation(request: Request) -> Any:
    return getattr(request.user, "organisation", None)


class _UploadView(APIView):
    authentication_classes = [ScanTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes: list[Any] = []

    def _run(self, request: Request, run_id: str) -> ScanRun:
        machine = str(_data(request).get("machine", ""))
        run = ScanRun.objects.filter(
            machine__organisation=_organisation(request), machine__name=machine, run_id=run_id
        ).first()
        if run is None:
            raise exceptions.NotFound("unknown run: start it first")
        return run


class RunStart(_UploadView):
    @extend_schema(request=_StartIn, responses=_StartOut)
    def post(self, request: Request) -> Response:
        data = _data(request)
        machine, run_id = str(data.get("machine", "")).strip(), str(data.get("run_id", ""))
        if not machine or not run_id:
            raise exceptions.ValidationError("machine and run_id are required")
        run = services.start_run(_organisation(request), machine, run_id, data.get("started_at"))
        return Response(
            {"run_id": run.run_id, "batches": run.batches, "finished": run.finished_at is not None}
        )


class RunBatch(_UploadView):
    @extend_schema(request=_BatchIn, responses=_BatchOut)
    def post(self, request: Request, run_id: str, number: int) -> Response:
        files = _data(request).get("files")
        if not isinstance(files, list):
            raise exceptions.ValidationError("files must be a list")
        try:
            stored = services.add_batch(self._run(request, run_id), number, files)
        except (ValueError, TypeError, AttributeError) as exc:
            raise exceptions.ValidationError(str(exc)) from exc
        return Response({"stored": stored})


class RunFinish(_UploadView):
    @extend_schema(request=_FinishIn, responses=_FinishOut)
    def post(self, request: Request, run_id: str) -> Response:
        totals = _data(request).get("totals") or {}
        if not isinstance(totals, dict):
            raise exceptions.ValidationError("totals must be an object")
        run = services.finish_run(self._run(request, run_id), totals)
        return Response({"files_personal": run.files_personal, "persons": run.persons})
