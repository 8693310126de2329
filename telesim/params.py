"""Reading request parameters the way the Bot API does (query string, urlencoded, multipart or JSON).

Form values arrive as strings; non-string values are JSON-encoded by clients such as PTB, so they are
decoded here according to the types in :mod:`telesim.schema`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from telesim.errors import bad_request
from telesim.schema import METHODS, MethodSpec, Param

_INT_RE = re.compile(r"-?\d+")
_MISSING_TEXT = {
    "chat_id": "chat_id is empty",
    "text": "message text is empty",
    "photo": "there is no photo in the request",
    "document": "there is no document in the request",
    "message_id": "message identifier is not specified",
    "callback_query_id": "query is too old and response timeout expired or query ID is invalid",
    "file_id": "invalid file_id",
}


@dataclass(frozen=True)
class Upload:
    filename: str | None
    content_type: str | None
    data: bytes


async def read_raw(request: web.Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return raw
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise bad_request("can't parse JSON body (simulator)") from None
        if not isinstance(body, dict):
            raise bad_request("JSON body must be an object (simulator)")
        raw.update(body)
        return raw
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            raw[name] = Upload(value.filename, value.content_type, value.file.read())
        else:
            raw[name] = value
    return raw


KNOWN_PARAMETER_NAMES = frozenset(p.name for m in METHODS.values() for p in m.params)


def coerce(spec: MethodSpec, raw: dict[str, Any], *, strict: bool) -> dict[str, Any]:
    uploads = {name: value for name, value in raw.items() if isinstance(value, Upload)}
    attached = {
        v[len("attach://") :] for v in raw.values() if isinstance(v, str) and v.startswith("attach://")
    }
    params: dict[str, Any] = {}
    for name, value in raw.items():
        param = spec.param(name)
        if param is None:
            if name in attached:
                continue
            # Telegram ignores parameters a method doesn't take (PTB sends a default parse_mode with
            # editMessageReplyMarkup, for one); strict mode only catches names no method has: typos.
            if strict and name not in KNOWN_PARAMETER_NAMES:
                raise bad_request(f"unknown parameter {name} (simulator strict mode)")
            continue
        if value is None:
            continue
        params[name] = _convert(param, value, uploads)
    for param in spec.params:
        if param.required and param.name not in params:
            raise bad_request(_MISSING_TEXT.get(param.name, f"{param.name} is empty"))
    return params


def _convert(param: Param, value: Any, uploads: dict[str, Upload]) -> Any:
    for kind in param.types:
        ok, converted = _try(kind, value, uploads)
        if ok:
            return converted
    raise bad_request(
        f'can\'t parse parameter "{param.name}": expected {" or ".join(param.types)} (simulator)'
    )


def _try(kind: str, value: Any, uploads: dict[str, Upload]) -> tuple[bool, Any]:
    if kind == "Integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return True, value
        if isinstance(value, str) and _INT_RE.fullmatch(value.strip()):
            return True, int(value)
        return False, None
    if kind == "Float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True, float(value)
        try:
            return (True, float(value)) if isinstance(value, str) else (False, None)
        except ValueError:
            return False, None
    if kind == "Boolean":
        if isinstance(value, bool):
            return True, value
        lowered = value.lower() if isinstance(value, str) else None
        if lowered in ("true", "1"):
            return True, True
        if lowered in ("false", "0"):
            return True, False
        return False, None
    if kind == "String":
        if isinstance(value, str):
            return True, value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True, str(value)
        return False, None
    if kind == "InputFile":
        if isinstance(value, Upload):
            return True, value
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in uploads:
            return True, uploads[value[9:]]
        return False, None
    expected: type = list if kind.startswith("Array of ") else dict
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return False, None
    return (True, value) if isinstance(value, expected) else (False, None)


def redact(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as recorded for tests: uploads are summarised instead of keeping their bytes twice."""
    return {
        name: f"<upload {value.filename!r} {len(value.data)} bytes>" if isinstance(value, Upload) else value
        for name, value in params.items()
    }
