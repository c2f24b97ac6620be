"""Bootstrap's CSS, vendored with its licence under assets/vendor/bootstrap and served by the app itself (the
`vendor` Blueprint): offices have weak internet, so no page loads anything from a CDN. And /favicon.ico."""
from __future__ import annotations

import pkgutil
from pathlib import Path

from flask import Blueprint, Response, current_app, send_from_directory

bp = Blueprint("vendor", __name__)


@bp.route("/vendor/bootstrap/<path:berkas>")
def vendor_bootstrap(berkas: str):
    return send_from_directory(Path(current_app.root_path) / "assets" / "vendor" / "bootstrap", berkas, max_age=86400)


@bp.route("/favicon.ico")
def favicon():
    """The icon a browser asks for on the Flask pages (login, 404): Dash's own, as its pages link it."""
    return Response(pkgutil.get_data("dash", "favicon.ico"), mimetype="image/x-icon",
                    headers={"Cache-Control": "public, max-age=86400"})
