"""The few Graph API calls the bot makes, with plain aiohttp (see README: why not pywa)."""

from __future__ import annotations

from typing import Any

import aiohttp

JSON = dict[str, Any]


class GraphError(Exception):
    """Meta refused a call: its error code (131047 window closed, 131056 pair rate, 130429 throughput...)."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(f"WhatsApp error {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class GraphClient:
    def __init__(self, base_url: str, phone_number_id: str, token: str) -> None:
        self._base = base_url.rstrip("/")
        self._phone = phone_number_id
        self._headers = {"Authorization": f"Bearer {token}"}
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None, "GraphClient.open() first"
        return self._session

    async def send(self, to: str, body: JSON) -> str:
        """Send one message; WhatsApp's message id."""
        payload = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **body}
        async with self.session.post(
            f"{self._base}/{self._phone}/messages", json=payload, headers=self._headers
        ) as response:
            answer = await _json(response)
        return str(answer["messages"][0]["id"])

    async def upload(self, data: bytes, mime_type: str, file_name: str) -> str:
        form = aiohttp.FormData()
        form.add_field("messaging_product", "whatsapp")
        form.add_field("type", mime_type)
        form.add_field("file", data, filename=file_name, content_type=mime_type)
        async with self.session.post(
            f"{self._base}/{self._phone}/media", data=form, headers=self._headers
        ) as response:
            return str((await _json(response))["id"])

    async def media_info(self, media_id: str) -> JSON:
        async with self.session.get(f"{self._base}/{media_id}", headers=self._headers) as response:
            return await _json(response)

    async def download(self, media_id: str) -> bytes:
        url = (await self.media_info(media_id))["url"]
        async with self.session.get(url, headers=self._headers) as response:
            if response.status != 200:
                raise GraphError(response.status, 0, "media download failed")
            return await response.read()


async def _json(response: aiohttp.ClientResponse) -> JSON:
    answer: JSON = await response.json(content_type=None)
    if response.status >= 400 or "error" in answer:
        error = answer.get("error") or {}
        raise GraphError(response.status, int(error.get("code", 0)), str(error.get("message", "")))
    return answer
