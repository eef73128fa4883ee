"""The OpenAPI 3.1 document's parts DRF cannot infer: the token scheme and problem answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly

PROBLEM = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem; `errors` lists invalid parameters or fields.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
}
# Answers any operation may give, besides its own.
COMMON = {
    "400": "The parameters or the body are not valid; see `errors`.",
    "401": "The token is missing, malformed or revoked.",
    "403": "The user lacks the permission this needs.",
    "404": "No such object, or not one you may see.",
    "405": "The method is not allowed here.",
    "406": "Only JSON is offered.",
    "415": "The body's media type is not accepted.",
    "429": "Too many requests; wait the seconds in `Retry-After`.",
    "500": "A fault on the server's side (logged there).",
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer"},
    }
}

exclude = extend_schema(exclude=True)


class TokenScheme(OpenApiAuthenticationExtension):
    """Describe ``TokenAuthentication`` as HTTP bearer authentication."""

    target_class = "masthead.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from the back office: `Bearer mh_…`.",
        }


class Schema(AutoSchema):
    """``DEFAULT_SCHEMA_CLASS``: also says which reads need no credentials at all."""

    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        anyone_reads = any(
            isinstance(p, DjangoModelPermissionsOrAnonReadOnly) for p in self.view.get_permissions()
        )
        if anyone_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


def add_problems(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """``POSTPROCESSING_HOOKS`` entry: every operation may answer with a problem."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in COMMON.items():
                answer = responses.setdefault(status, {"description": description})
                answer["content"] = {"application/problem+json": {"schema": PROBLEM}}
                if status == "429":
                    answer["headers"] = RETRY_AFTER
    return result
