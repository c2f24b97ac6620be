"""The Flask-only parts: login and the guard, downloads, print routes; their HTML lives in templates/.

Each module is one Blueprint (`bp`); `register_all` registers them in the order of BLUEPRINT.
"""
from __future__ import annotations

from importlib import import_module

from flask import Flask

# Registered in this order, which is also the order of their app-wide hooks: the guard (auth) before the request
# log (sehat).
BLUEPRINT = ("vendor", "auth", "sehat", "unduhan", "cetak", "publik")


def register_all(server: Flask) -> None:
    """Register every Blueprint of this package on the Flask server."""
    for nama in BLUEPRINT:
        server.register_blueprint(import_module(f"{__name__}.{nama}").bp)
