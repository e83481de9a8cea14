"""A local AfterShip Tracking API: ``GET /tracking/{version}/trackings`` with the ``as-api-key`` header,
answers and errors in AfterShip's ``meta``/``data`` envelope."""

from __future__ import annotations

from typing import Any

from tests.commerce.fake_http import FakeServer, Reply, Request

Json = dict[str, Any]


def checkpoint(at: str, tag: str, subtag: str, message: str, city: str = "") -> Json:
    return {
        "checkpoint_time": at,
        "tag": tag,
        "subtag": subtag,
        "subtag_message": subtag,
        "message": message,
        "city": city or None,
        "state": None,
        "country_region": None,
        "location": None,
        "country_region_name": None,
        "slug": "dhl",
        "created_at": at,
    }


class FakeAfterShip(FakeServer):
    def __init__(self, api_key: str = "as_test", version: str = "2025-07") -> None:
        super().__init__()
        self.api_key, self.version = api_key, version
        self.trackings: list[Json] = []

    def handle(self, request: Request) -> Reply:
        if request.headers.get("as-api-key") != self.api_key:
            return _meta(401, 401, "Invalid API key.", "Unauthorized")
        if request.method != "GET" or request.path != f"/tracking/{self.version}/trackings":
            return _meta(404, 4004, "Tracking does not exist.", "NotFound")
        numbers = request.query.get("tracking_numbers", "").split(",")
        found = [t for t in self.trackings if t["tracking_number"] in numbers]
        pagination = {"total": len(found), "next_cursor": None, "has_next_page": False}
        return Reply(
            200,
            {
                "meta": {"code": 200, "message": "OK", "type": "OK"},
                "data": {"pagination": pagination, "trackings": found},
            },
        )


def _meta(status: int, code: int, message: str, kind: str) -> Reply:
    return Reply(status, {"meta": {"code": code, "message": message, "type": kind}, "data": {}})
