"""The API docs pages load their scripts from this server, and every page has an icon."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


class TestApiDocs:
    def test_docs_pages_name_no_other_host(self, client: TestClient) -> None:
        for path in ("/docs", "/redoc"):
            page = client.get(path)
            assert page.status_code == 200, path
            assert re.findall(r'(?:src|href)="(https?:)?//', page.text) == [], path

    def test_docs_assets_are_served(self, client: TestClient) -> None:
        for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
            response = client.get(f"/static/docs/{asset}")
            assert response.status_code == 200, asset
            assert len(response.content) > 10_000, asset

    def test_the_openapi_document_has_no_docs_paths(self, client: TestClient) -> None:
        paths = client.get("/openapi.json").json()["paths"]
        assert not [p for p in paths if p.startswith(("/docs", "/redoc", "/static"))]


class TestFavicon:
    def test_favicon_ico_leads_to_the_icon(self, client: TestClient) -> None:
        response = client.get("/favicon.ico")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert response.text.startswith("<svg")

    def test_pages_link_the_icon(self, client: TestClient) -> None:
        assert 'rel="icon" href="/static/favicon.svg"' in client.get("/").text
