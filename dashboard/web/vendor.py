"""Bootstrap's CSS, vendored with its licence under assets/vendor/bootstrap and served by the app itself (the
`vendor` Blueprint): offices have weak internet, so no page loads anything from a CDN."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("vendor", __name__)


@bp.route("/vendor/bootstrap/<path:berkas>")
def vendor_bootstrap(berkas: str):
    return send_from_directory(Path(current_app.root_path) / "assets" / "vendor" / "bootstrap", berkas, max_age=86400)
