"""A WhatsApp Business Cloud API simulator over real HTTP: the Graph API endpoints Burenbot uses, validated
like Meta (limits, templates, the 24-hour window, pair rate and throughput), signed webhooks to the bot,
status callbacks, media upload and download, fault injection, and a control API for tests and the demo.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import json
import secrets
from collections.abc import Callable
from datetime import datetime

import aiohttp
from aiohttp import web

from wasim import validate
from wasim.chat import WINDOW, WINDOW_CLOSED, Limits, Member, Template, WaMessage, utc_now
from wasim.validate import JSON, GraphError

VERSION = "v21.0"
SERVER_ERRORS = {1, 2, 131000, 131016}


class WhatsAppSimulator:
    def __init__(
        self,
        *,
        phone_number_id: str = "100200300",
        display_number: str = "31612345678",
        now: Callable[[], datetime] = utc_now,
        monotonic: Callable[[], float] | None = None,
    ) -> None:
        self.phone_number_id = phone_number_id
        self.display_number = display_number
        self.token = secrets.token_hex(12)
        self.app_secret = secrets.token_hex(12)
        self.verify_token = secrets.token_hex(6)
        self.now = now
        self.limits = Limits(monotonic) if monotonic else Limits()
        self.members: dict[str, Member] = {}
        self.templates: dict[tuple[str, str], Template] = {}
        self.media: dict[str, tuple[bytes, str]] = {}
        self.webhook_url: str | None = None
        self.faults: list[int] = []  # error codes the next sends fail with
        self.refusals: list[tuple[str, int]] = []  # (wa_id, code) of every refused send
        self.webhook_answers: list[int] = []
        self._ids = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    # Running.

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=20 * 2**20)
        app.router.add_post("/{version}/{phone}/messages", self._messages)
        app.router.add_post("/{version}/{phone}/media", self._upload)
        app.router.add_get("/{version}/{media_id}", self._media_info)
        app.router.add_get("/media-files/{media_id}", self._media_file)
        app.router.add_post("/_control/{wa_id}/text", self._control_text)
        app.router.add_get("/_control/{wa_id}/chat", self._control_chat)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._session = aiohttp.ClientSession()

    async def stop(self) -> None:
        await self.settle()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def settle(self) -> None:
        """Until every status callback in flight reached the bot."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # Set-up by the test or the demo.

    def add_member(self, wa_id: str, name: str) -> Member:
        return self.members.setdefault(wa_id, Member(wa_id, name))

    def approve_template(self, template: Template) -> None:
        self.templates[(template.name, template.language)] = template

    def chat_view(self, wa_id: str) -> list[WaMessage]:
        return list(self.members[wa_id].chat)

    # What a member does (each returns the HTTP status the bot's webhook answered).

    async def member_sends_text(self, wa_id: str, text: str) -> int:
        return await self._inbound(wa_id, {"type": "text", "text": {"body": text}}, text)

    async def member_presses(self, wa_id: str, title: str) -> int:
        """Press the newest button or list row with this title; a template's quick reply too."""
        for message in reversed(self.members[wa_id].chat):
            if not message.from_bot:
                continue
            for choice_id, choice_title in message.choices:
                if title.lower() in choice_title.lower():
                    return await self._press(wa_id, message, choice_id, choice_title)
        raise AssertionError(f"{wa_id} sees no choice {title!r}")

    async def member_sends_image(self, wa_id: str, data: bytes, caption: str = "") -> int:
        media_id = self._store_media(data, "image/jpeg")
        image = {"id": media_id, "mime_type": "image/jpeg", "sha256": hashlib.sha256(data).hexdigest()}
        if caption:
            image["caption"] = caption
        return await self._inbound(wa_id, {"type": "image", "image": image}, caption or "[foto]")

    async def _press(self, wa_id: str, message: WaMessage, choice_id: str, title: str) -> int:
        if message.kind == "template":
            body: JSON = {"type": "button", "button": {"payload": choice_id, "text": title}}
        elif message.kind == "list":
            body = {
                "type": "interactive",
                "interactive": {"type": "list_reply", "list_reply": {"id": choice_id, "title": title}},
            }
        else:
            body = {
                "type": "interactive",
                "interactive": {"type": "button_reply", "button_reply": {"id": choice_id, "title": title}},
            }
        body["context"] = {"from": self.display_number, "id": message.wamid}
        return await self._inbound(wa_id, body, title)

    async def _inbound(self, wa_id: str, body: JSON, shown: str) -> int:
        member = self.members[wa_id]
        wamid = self._wamid()
        member.chat.append(WaMessage(wamid, False, body["type"], shown))
        member.last_inbound = self.now()
        for message in member.chat:  # opening the chat reads everything before
            if message.from_bot and message.status in ("sent", "delivered"):
                message.status = "read"
                self._status_later(member, message, "read")
        await self.settle()
        inbound = {"from": wa_id, "id": wamid, "timestamp": str(int(self.now().timestamp())), **body}
        value = {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": self.display_number,
                "phone_number_id": self.phone_number_id,
            },
            "contacts": [{"profile": {"name": member.name}, "wa_id": wa_id}],
            "messages": [inbound],
        }
        return await self.deliver_webhook(self.envelope(value))

    def envelope(self, value: JSON) -> JSON:
        return {
            "object": "whatsapp_business_account",
            "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}],
        }

    async def deliver_webhook(self, payload: JSON, *, signature: str | None = None) -> int:
        """POST one signed webhook to the bot (``signature`` forges it); the HTTP status it answered."""
        assert self.webhook_url and self._session, "no webhook configured"
        raw = json.dumps(payload).encode()
        sign = (
            signature
            if signature is not None
            else "sha256=" + hmac.new(self.app_secret.encode(), raw, hashlib.sha256).hexdigest()
        )
        async with self._session.post(
            self.webhook_url,
            data=raw,
            headers={"Content-Type": "application/json", "X-Hub-Signature-256": sign},
        ) as response:
            self.webhook_answers.append(response.status)
            return response.status

    # The Graph API.

    def _authorized(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            raise GraphError(190, "Invalid OAuth access token", status=401)

    async def _messages(self, request: web.Request) -> web.Response:
        try:
            self._authorized(request)
            if request.match_info["phone"] != self.phone_number_id:
                raise GraphError(100, "Unsupported post request: unknown phone number id")
            body = await request.json()
            message = self._accept(body)
        except GraphError as error:
            return web.json_response(error.body(), status=error.status)
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": message.wamid}],
            }
        )

    def _accept(self, body: JSON) -> WaMessage:
        if (
            body.get("messaging_product") != "whatsapp"
            or body.get("recipient_type", "individual") != "individual"
        ):
            raise GraphError(validate.INVALID_PARAMETER, "messaging_product must be whatsapp, one-to-one")
        member = self.members.get(str(body.get("to")))
        if member is None:
            raise GraphError(131026, "Message undeliverable: not a WhatsApp user")
        kind = body.get("type")
        message = self._render(kind, body)
        if kind != "template" and (member.last_inbound is None or self.now() - member.last_inbound >= WINDOW):
            raise self._refuse(member, GraphError(WINDOW_CLOSED, "Re-engagement message: more than 24 hours"))
        if self.faults:
            code = self.faults.pop(0)
            # Meta answers its own trouble (131000 something went wrong, 131016 unavailable) with a 5xx.
            status = 500 if code in SERVER_ERRORS else 400
            raise self._refuse(member, GraphError(code, "injected fault", status=status))
        limit = self.limits.refusal(member)
        if limit is not None:
            raise self._refuse(
                member, GraphError(limit, "rate limit hit", status=400 if limit != 130429 else 429)
            )
        member.chat.append(message)
        self._status_later(member, message, "sent")
        self._status_later(member, message, "delivered")
        return message

    def _refuse(self, member: Member, error: GraphError) -> GraphError:
        self.refusals.append((member.wa_id, error.code))
        return error

    def _render(self, kind: str | None, body: JSON) -> WaMessage:
        wamid = self._wamid()
        if kind == "text":
            return WaMessage(wamid, True, "text", validate.check_text(body))
        if kind == "interactive":
            text, choices = validate.check_interactive(body)
            return WaMessage(wamid, True, body["interactive"]["type"], text, choices)
        if kind in ("image", "document"):
            media = body.get(kind) or {}
            if media.get("id") not in self.media:
                raise GraphError(validate.MEDIA_MISSING, "media id not found")
            return WaMessage(wamid, True, kind, validate.check_caption(media), media_id=media["id"])
        if kind == "template":
            spec = body.get("template") or {}
            language = (spec.get("language") or {}).get("code", "")
            template = self.templates.get((spec.get("name", ""), language))
            if template is None:
                raise GraphError(
                    validate.TEMPLATE_MISSING, f"template {spec.get('name')!r} ({language}) does not exist"
                )
            values = validate.check_template_parameters(template.body, spec.get("components", []))
            choices = [(f"tpl:{template.name}:{i}", title) for i, title in enumerate(template.buttons)]
            return WaMessage(
                wamid, True, "template", validate.fill(template.body, values), choices, template.name
            )
        raise GraphError(validate.INVALID_PARAMETER, f"unsupported message type {kind!r}")

    def _status_later(self, member: Member, message: WaMessage, status: str) -> None:
        if not self.webhook_url:
            return
        value = {
            "messaging_product": "whatsapp",
            "metadata": {
                "display_phone_number": self.display_number,
                "phone_number_id": self.phone_number_id,
            },
            "statuses": [
                {
                    "id": message.wamid,
                    "status": status,
                    "timestamp": str(int(self.now().timestamp())),
                    "recipient_id": member.wa_id,
                }
            ],
        }
        if status != "read":
            message.status = status
        task = asyncio.get_running_loop().create_task(self._post_status(value))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _post_status(self, value: JSON) -> None:
        with contextlib.suppress(aiohttp.ClientError):  # Meta retries later; the simulator drops it
            await self.deliver_webhook(self.envelope(value))

    # Media.

    def _store_media(self, data: bytes, mime_type: str) -> str:
        media_id = str(10**15 + next(self._ids))
        self.media[media_id] = (data, mime_type)
        return media_id

    async def _upload(self, request: web.Request) -> web.Response:
        try:
            self._authorized(request)
        except GraphError as error:
            return web.json_response(error.body(), status=error.status)
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField) or form.get("messaging_product") != "whatsapp":
            return web.json_response(
                GraphError(100, "file and messaging_product are required").body(), status=400
            )
        return web.json_response({"id": self._store_media(upload.file.read(), upload.content_type)})

    async def _media_info(self, request: web.Request) -> web.Response:
        media_id = request.match_info["media_id"]
        if media_id not in self.media:
            return web.json_response(GraphError(100, "media not found").body(), status=404)
        data, mime_type = self.media[media_id]
        return web.json_response(
            {
                "url": f"{self.base_url}/media-files/{media_id}",
                "mime_type": mime_type,
                "sha256": hashlib.sha256(data).hexdigest(),
                "file_size": len(data),
                "id": media_id,
                "messaging_product": "whatsapp",
            }
        )

    async def _media_file(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.Response(status=401)
        data, mime_type = self.media[request.match_info["media_id"]]
        return web.Response(body=data, content_type=mime_type)

    # The control API over HTTP (the demo's web page and scripts use it).

    async def _control_text(self, request: web.Request) -> web.Response:
        wa_id = request.match_info["wa_id"]
        self.add_member(wa_id, request.query.get("name", wa_id))
        status = await self.member_sends_text(wa_id, (await request.json())["text"])
        return web.json_response({"webhook_status": status})

    async def _control_chat(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["wa_id"])
        chat = member.chat if member else []
        return web.json_response(
            [
                {
                    "from_bot": m.from_bot,
                    "kind": m.kind,
                    "text": m.text,
                    "choices": [t for _, t in m.choices],
                    "status": m.status,
                }
                for m in chat
            ]
        )

    def _wamid(self) -> str:
        return f"wamid.SIM{next(self._ids):012d}"
