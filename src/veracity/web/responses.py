"""The one JSON shape of every API error, shared by the app's error handlers
and the endpoints that answer an error themselves."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

# HTTP status of each library error code.
STATUS: dict[str, int] = {
    "usage": 400, "bad_input": 422, "not_found": 404, "too_large": 413,
    "unavailable": 503, "model": 503, "store": 500, "error": 500,
    # The client closed the connection first, so nobody reads this answer; the
    # status (nginx's "client closed request") is what the access log shows.
    "abandoned": 499,
}


def error_body(status: int, code: str, message: str,
               details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one JSON shape of every API error."""
    return {"error": {"status": status, "code": code, "message": message,
                      "details": details or []}}


def error_response(status: int, code: str, message: str,
                   details: list[dict[str, Any]] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, details), status_code=status)
