"""The Flask-only parts: login and the guard, downloads, print routes; their HTML lives in templates/.

Each module is one Blueprint (`bp`); `register_all` registers them in the order of BLUEPRINT.
"""
from __future__ import annotations

from importlib import import_module

from flask import Flask, request
from werkzeug.routing import IntegerConverter, ValidationError

from models.umum.isian import MAKS_ID, bulat

# Registered in this order, which is also the order of their app-wide hooks: the guard (auth) before the request
# log (sehat).
BLUEPRINT = ("vendor", "auth", "sehat", "unduhan", "cetak", "publik")


class NomorTerbatas(IntegerConverter):
    """`<int:...>` in every route: a number an id column holds (0 to MAKS_ID). A longer or larger number matches no
    route, so the address is a 404 (the guard), never an OverflowError or Python's limit on digits."""

    def __init__(self, peta, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAKS_ID)
        super().__init__(peta, *args, **kwargs)

    def to_python(self, value: str):
        if len(value) > len(str(MAKS_ID)):
            raise ValidationError()
        return super().to_python(value)


def bulat_kueri(nama: str) -> int | None:
    """A whole number in the request's query (a record id, a year, a quarter: within what an id column holds), None
    when absent; otherwise refused with Ditolak (400, audited, auth.jawaban_penolakan) naming the parameter, never a
    ValueError or an OverflowError."""
    return bulat(request.args.get(nama), label=f"Parameter {nama}", maksimum=MAKS_ID, wajib=False)


def register_all(server: Flask) -> None:
    """Register every Blueprint of this package on the Flask server, their `<int:...>` bounded (NomorTerbatas)."""
    server.url_map.converters["int"] = NomorTerbatas
    for nama in BLUEPRINT:
        server.register_blueprint(import_module(f"{__name__}.{nama}").bp)
