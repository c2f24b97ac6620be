"""The SAKIP Kecamatan dashboard: `create_app()` builds it; `app` and `server` (WSGI) are built on first use.

Nothing is built at import: `from app import create_app` reads no setting and opens no database, while
`flask --app app:server`, `gunicorn app:server` and `python app.py` get the app built from the environment.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Dash, html, page_container
from flask import Flask

from models.db import get_engine
from models.settings import INSTANCE, load_settings
from models.umum.tembolok import naikkan_saat_mulai

ROOT = Path(__file__).resolve().parent
BOOTSTRAP_CSS = "/vendor/bootstrap/css/bootstrap.min.css"  # vendored with its licence; served by the app, no CDN


def create_app(config: dict | None = None) -> Dash:
    """Build the app; `config` overrides environment settings (DATABASE_URL, SECRET_KEY, APP_ENV, ...)."""
    settings = load_settings(config)
    server = Flask(__name__, instance_path=str(INSTANCE), root_path=str(ROOT),
                   template_folder=str(ROOT / "dashboard" / "web" / "templates"))
    server.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Secure cookies outside development; COOKIE_SECURE=0 for a production test without HTTPS.
        SESSION_COOKIE_SECURE=not settings.development and os.environ.get("COOKIE_SECURE", "1") != "0",
        REMEMBER_COOKIE_HTTPONLY=True,
        MAX_CONTENT_LENGTH=settings.maks_permintaan,
        SESI_MENGANGGUR_MENIT=settings.sesi_menganggur_menit,
        SESI_MAKS_JAM=settings.sesi_maks_jam,
    )
    if settings.jumlah_proxy:
        from werkzeug.middleware.proxy_fix import ProxyFix

        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=settings.jumlah_proxy, x_proto=settings.jumlah_proxy)
    server.extensions["sakip_settings"] = settings
    server.extensions["sakip_engine"] = get_engine(settings.database_url)
    # Answers kept by an earlier build of the code are not served by this one.
    naikkan_saat_mulai(server.extensions["sakip_engine"])

    app = Dash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(ROOT / "dashboard" / "pages"),
        assets_folder=str(ROOT / "assets"),
        assets_ignore=r"vendor/",  # linked once, ahead of app.css, as an external stylesheet
        external_stylesheets=[BOOTSTRAP_CSS],
        title="SAKIP Kecamatan",
        update_title="Memuat…",
        serve_locally=True,
        suppress_callback_exceptions=True,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="id">')

    # Every kind of work registers its hooks with the SOP state machine, whichever pages use it.
    from models.jenis_kerja import muat as muat_jenis_kerja

    muat_jenis_kerja()
    from dashboard.components.navbar import navbar
    from dashboard.web import register_all as register_web

    register_web(server)  # login and the guard, health, downloads, print routes, vendored Bootstrap
    from dashboard.web.badan_dash import pasang_pemeriksa_badan

    pasang_pemeriksa_badan(server, app)  # after the guard: a callback request Dash cannot read is answered 400
    # A function: evaluated per request, after the guard, with the signed-in user known.
    from dashboard import ids

    app.layout = lambda: html.Div([navbar(), dbc.Container([html.Div(id=ids.PESAN_GLOBAL, role="status"),
                                                            page_container], fluid=True, className="pb-5")])
    from callbacks import register_all as register_callbacks

    register_callbacks(app)

    from dashboard.cli import register_cli

    register_cli(server)
    # Dash finishes its set-up on the first request, flagging it done before it has registered the component
    # bundles it may serve; a gunicorn thread serving a bundle meanwhile answers 500 and the page stays blank.
    # Do that set-up here, once, before any request.
    with server.test_request_context("/"):
        app._setup_server()
    from dashboard.web.keamanan import pasang_kepala_keamanan

    pasang_kepala_keamanan(server, app, https=server.config["SESSION_COOKIE_SECURE"])
    # What start-up built (modules, page registry, layouts) lives as long as the process: kept out of the garbage
    # collector's full passes, which otherwise walk it all and add 150 ms to one request in ten.
    gc.collect()
    gc.freeze()
    return app


_dibangun: Dash | None = None


def __getattr__(nama: str):
    """`app` and `server`, built from the environment the first time something asks for them."""
    global _dibangun
    if nama not in ("app", "server"):
        raise AttributeError(f"module {__name__!r} has no attribute {nama!r}")
    if _dibangun is None:
        _dibangun = create_app()
        globals().update(app=_dibangun, server=_dibangun.server)  # so `flask --app app` finds them too
    return _dibangun if nama == "app" else _dibangun.server


if __name__ == "__main__":
    create_app().run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=False)
