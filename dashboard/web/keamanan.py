"""The response headers every answer carries: what the browser may load and run, who may frame the app, and that
nothing but the static files is kept in a cache.

The Content-Security-Policy lets scripts come only from this server plus Dash's one inline start-up script (by its
hash, computed from the app); no inline script of anyone else runs, and no page of another site may frame the app.
"""
from __future__ import annotations

from dash import Dash
from flask import Flask, request

STATIS = ("/assets/", "/_dash-component-suites/", "/vendor/", "/_favicon.ico", "/favicon.ico")


def kebijakan_csp(app: Dash) -> str:
    skrip = " ".join(["'self'", *app.csp_hashes()])  # each hash comes quoted: 'sha256-…'
    return "; ".join([
        "default-src 'self'",
        f"script-src {skrip}",
        "style-src 'self' 'unsafe-inline'",  # React and Plotly set styles on elements as they draw
        "img-src 'self' data: blob:",  # a chart downloaded as PNG is drawn into a data: image first
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def pasang_kepala_keamanan(server: Flask, app: Dash, *, https: bool) -> None:
    """Add the headers to every response; HSTS only where the app is served over HTTPS (production)."""
    simpan: dict[int, str] = {}

    def csp() -> str:
        # Dash adds its own inline scripts (the pages' title updates) as it sets up: hashed once they are known.
        n = len(app._inline_scripts)
        if n not in simpan:
            simpan[n] = kebijakan_csp(app)
        return simpan[n]

    @server.after_request
    def kepala(jawaban):
        h = jawaban.headers
        h.setdefault("Content-Security-Policy", csp())
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("Referrer-Policy", "same-origin")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if https:
            h.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if not request.path.startswith(STATIS):
            # Pages, callbacks and downloads hold an office's data: never kept by the browser or a proxy.
            h["Cache-Control"] = "no-store"
            h.setdefault("Pragma", "no-cache")
        return jawaban
