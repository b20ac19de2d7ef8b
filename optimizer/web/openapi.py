"""The app's routes as one table, and the OpenAPI 3 document built from it
(`GET /api/openapi.json`). tests/test_web_api.py checks that the table and the app's routes
are the same; docs/api.md says the same in prose.

A route added to the app goes into ROUTES too: its method, path, what it does, the JSON
body it takes (a JSON Schema) and what it answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from optimizer.version import __version__

STATE = "The session's whole state (controls, result, last change, pinned difference)."
LIBRARY = "The library: the saved scenarios (name, slug, url, updated at and by) and `open`."
JSON_VALUE: dict[str, Any] = {"description": "Any JSON value: number, string, boolean, "
                                             "array, object or null (clears an optional key)."}
CHANGE = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "changes": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["key", "value"], "additionalProperties": False,
            "properties": {"key": {"type": "string", "example": "budget.appropriation"},
                           "value": JSON_VALUE}}},
        "set": {"type": "array", "minItems": 1, "items": {"type": "string"},
                "description": "Older form: `--set` texts, section.key=value."}},
    "example": {"changes": [{"key": "budget.appropriation", "value": 12000000},
                            {"key": "scoring.weights.reach", "value": 0.4}]}}


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


@dataclass(frozen=True)
class Endpoint:
    """One route: `body` the JSON Schema of its request body (None: none); `answer` what a
    200 carries; `media` its media type."""
    method: str
    path: str
    summary: str
    body: dict[str, Any] | None = None
    answer: str = STATE
    media: str = "application/json"
    query: tuple[str, ...] = field(default=())


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/", "The page; it starts a session (cookie) and carries the session's "
             "token in <meta name=\"grantopt-token\">.", answer="The page.",
             media="text/html"),
    Endpoint("GET", "/api/state", "The session's state."),
    Endpoint("GET", "/api/words", "Every label of the page in one language.",
             answer="Labels by name.", query=("lang",)),
    Endpoint("GET", "/api/openapi.json", "This document.", answer="OpenAPI 3 document."),
    Endpoint("POST", "/api/lang", "Switch the session's language.",
             body=_object(lang={"type": "string", "enum": ["en", "fi"]})),
    Endpoint("POST", "/api/open", "Open one of the offered scenarios.",
             body=_object(scenario={"type": "string"})),
    Endpoint("POST", "/api/reset", "Go back to the opened scenario as its file has it."),
    Endpoint("POST", "/api/change", "Change scenario keys, checked as `--set` is; all or "
             "nothing.", body=CHANGE),
    Endpoint("POST", "/api/cancel", "Stop the session's running change (it answers 409).",
             answer="{\"cancelled\": true|false}"),
    Endpoint("POST", "/api/lock", "Lock an application in or out, or free it.",
             body=_object(id={"type": "string"},
                          lock={"type": "string", "enum": ["in", "out", "free"]})),
    Endpoint("GET", "/api/explain", "Why an application is in or out, and whom it would "
             "displace or bring in.", answer="The explanation.", query=("id",)),
    Endpoint("POST", "/api/pin", "Pin the current state to compare later ones with."),
    Endpoint("POST", "/api/unpin", "Drop the pinned state."),
    Endpoint("GET", "/api/figure/{name}", "A figure: frontier.svg, map.svg or "
             "value_for_money.svg.", answer="SVG.", media="image/svg+xml"),
    Endpoint("GET", "/api/grid", "Applications × scenarios: funded or not, and the award.",
             answer="The grid.", query=("pinned",)),
    Endpoint("GET", "/api/download/{name}", "A file of the current state: scenario.toml, "
             "audit.json, allocation.xlsx, allocation.csv, report.html.",
             answer="The file, as an attachment.", media="application/octet-stream",
             query=("lang", "dialect")),
    Endpoint("POST", "/api/jobs", "Start a background job (robustness, calibrate, or "
             "portfolios: every non-dominated portfolio under weight statements, as "
             "Study.nondominated; bad statements answer 400 at once).",
             body={"type": "object", "properties": {
                       "kind": {"type": "string",
                                "enum": ["robustness", "calibrate", "portfolios"]},
                       "samples": {"type": "integer", "minimum": 0,
                                   "description": "Draws (at least 1 but for portfolios)."},
                       "statements": {"type": "array", "items": {"type": "string"},
                                      "description": "portfolios: weight statements."},
                       "score_interval": {"description": "portfolios: each criterion value "
                                                         "within ± this share (0.1, '10 %')."}},
                   "required": ["kind"],
                   "example": {"kind": "portfolios", "samples": 200,
                               "statements": ["cooperation >= reach >= target_fit"],
                               "score_interval": 0.1}},
             answer="The job: id, kind, status, done, total; its result once done."),
    Endpoint("POST", "/api/swing", "Weight statements from a SWING elicitation: the names "
             "ranked, most important first, and points relative to the first (100), a "
             "number or a range lo–hi.",
             body=_object(order={"type": "array", "items": {"type": "string"}},
                          points={"type": "object", "additionalProperties": {}}),
             answer="{\"statements\": [...]}"),
    Endpoint("GET", "/api/jobs/{job}", "A job's progress, and its result once done.",
             answer="The job."),
    Endpoint("DELETE", "/api/jobs/{job}", "Cancel a job.", answer="The job."),
    Endpoint("GET", "/s/{slug}", "The page, opened on a saved scenario (a new browser gets a "
             "new session on it).", answer="The page.", media="text/html"),
    Endpoint("GET", "/api/library", "The saved scenarios, and which one this session has open.",
             answer=LIBRARY),
    Endpoint("POST", "/api/library", "Save the session's scenario under a new name; the "
             "session then works on it (every change saved at once).",
             body=_object(name={"type": "string"}), answer=LIBRARY),
    Endpoint("POST", "/api/library/import", "Import a scenario file (the TOML `grantopt run` "
             "reads) under a name; it must be on a round the server offers.",
             body=_object(name={"type": "string"}, toml={"type": "string"}), answer=LIBRARY),
    Endpoint("GET", "/api/library/diff", "Two saved scenarios side by side, as `grantopt diff` "
             "prints them.", answer="The two names and the difference.", query=("a", "b")),
    Endpoint("POST", "/api/library/{slug}/open", "Open a saved scenario in this session."),
    Endpoint("POST", "/api/library/{slug}/rename", "Rename a saved scenario (its address "
             "stays).", body=_object(name={"type": "string"}), answer=LIBRARY),
    Endpoint("POST", "/api/library/{slug}/duplicate", "Copy a saved scenario under a new name.",
             body=_object(name={"type": "string"}), answer=LIBRARY),
    Endpoint("GET", "/api/library/{slug}/scenario.toml", "Export a saved scenario as the TOML "
             "`grantopt run` reads.", answer="The scenario file.", media="application/toml"),
    Endpoint("GET", "/api/library/{slug}/history", "Every change of a saved scenario: when, "
             "who, which key, old and new value.", answer="The history, oldest first."),
    Endpoint("DELETE", "/api/library/{slug}", "Delete a saved scenario (its history stays in "
             "the file).", answer=LIBRARY),
)

ERRORS = {
    "400": "A bad value or request: {\"error\": message} (the command line's message, in "
           "the session's language); nothing changed.",
    "401": "No session (it ended, or the access token is missing): {\"error\": message}.",
    "403": "A change not from the page: wrong Origin or missing X-Grantopt-Token.",
    "409": "The change was cancelled by a later one: {\"error\": ..., \"cancelled\": true}.",
    "413": "The body is larger than the server takes.",
    "421": "The Host header names a host the server was not started for.",
    "429": "No room for another session or job.",
}


def document() -> dict[str, Any]:
    """The OpenAPI 3 document of ROUTES."""
    paths: dict[str, dict[str, Any]] = {}
    for r in ROUTES:
        op: dict[str, Any] = {
            "summary": r.summary,
            "responses": {"200": {"description": r.answer,
                                  "content": {r.media: {}}},
                          **{code: {"description": text} for code, text in ERRORS.items()}}}
        params = [{"name": name[1:-1], "in": "path", "required": True,
                   "schema": {"type": "string"}}
                  for name in r.path.split("/") if name.startswith("{")]
        params += [{"name": q, "in": "query", "required": q in ("id",),
                    "schema": {"type": "string"}} for q in r.query]
        if params:
            op["parameters"] = params
        if r.body is not None:
            op["requestBody"] = {"required": True,
                                 "content": {"application/json": {"schema": r.body}}}
        if r.method != "GET":
            op["security"] = [{"token": []}]
        paths.setdefault(r.path, {})[r.method.lower()] = op
    return {"openapi": "3.0.3",
            "info": {"title": "grantopt what-if app", "version": __version__,
                     "description": "See docs/api.md: every change needs the page's Origin "
                                    "and its session token."},
            "paths": paths,
            "components": {"securitySchemes": {"token": {
                "type": "apiKey", "in": "header", "name": "X-Grantopt-Token"}}}}


async def get_openapi(request: Request) -> Response:
    return JSONResponse(document(), headers={"Cache-Control": "no-store"})
