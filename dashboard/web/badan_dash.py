"""A callback request Dash cannot read is answered 400 by the product before Dash sees it.

Dash reads the body of POST /_dash-update-component trusting its shape: a body that is not a JSON object, an
`output` no callback registers, `outputs`, `inputs` or `state` of another shape than the callback's registered
dependencies, or `changedPropIds` that are not texts made Dash itself answer 500, and a writing callback whose
request lacked `outputs` committed its work before Dash failed on the answer. `periksa_badan` checks the body
against the callback the app registered (`app.callback_map`), so a callback runs only on a request the browser
could have sent. A refused body is logged, not audited: nothing was asked of the domain, so there is no action to
name (the request log line has the 400, the app log the reason).
"""
from __future__ import annotations

import json
from typing import Any

from dash import Dash
from dash.dependencies import Wildcard
from flask import Flask, current_app, jsonify, request

ALAMAT = "/_dash-update-component"
PESAN = "Permintaan tidak dapat dibaca"
WILDCARD = ("MATCH", "ALL", "ALLSMALLER")
# A concrete value of a pattern-matching id's wildcard key, as the renderer sends it.
NILAI_ID = (str, int, float, bool)


# Values Dash's own callbacks read (the pages router): the browser sends the address as text.
NILAI_DASH = {("_pages_location", "pathname"): str, ("_pages_location", "search"): (str, type(None))}


class BadanTidakSah(Exception):
    """Why a body does not fit the callback it names (for the log; the person reads PESAN)."""


def _pola(ident: Any) -> dict | None:
    """A registered pattern-matching id as a dict (wildcards as ["MATCH"], ...), or None for a plain id."""
    if isinstance(ident, dict):
        return {k: json.loads(v.to_json()) if isinstance(v, Wildcard) else v for k, v in ident.items()}
    if isinstance(ident, str) and ident.startswith("{"):
        return json.loads(ident)
    return None


def _wildcard(v: Any) -> str | None:
    return v[0] if isinstance(v, list) and len(v) == 1 and v[0] in WILDCARD else None


def _satu(terdaftar: Any, prop: str, dikirim: Any, pola: dict | None, apa: str) -> None:
    """One dependency as sent: {"id", "property"[, "value"]} with the registered id (wildcards resolved to
    concrete values) and property."""
    sifat = dikirim.get("property") if isinstance(dikirim, dict) else None
    # An output registered with allow_duplicate is sent as "children@<hash>".
    if not isinstance(sifat, str) or sifat.split("@", 1)[0] != prop or "id" not in dikirim:
        raise BadanTidakSah(f"{apa}: bukan {terdaftar}.{prop}")
    ident = dikirim["id"]
    if prop == "id" and "value" in dikirim and dikirim["value"] != ident:  # a component's id is its id
        raise BadanTidakSah(f"{apa}: nilai id bukan id komponennya")
    if pola is None:
        if ident != terdaftar:
            raise BadanTidakSah(f"{apa}: id {ident!r} bukan {terdaftar!r}")
        return
    if not isinstance(ident, dict) or set(ident) != set(pola):
        raise BadanTidakSah(f"{apa}: id {ident!r} tidak cocok dengan pola {pola!r}")
    for k, v in pola.items():
        if _wildcard(v):
            if not isinstance(ident[k], NILAI_ID):
                raise BadanTidakSah(f"{apa}: nilai id {k} tidak sah")
        elif ident[k] != v:
            raise BadanTidakSah(f"{apa}: id {k}={ident[k]!r} bukan {v!r}")


def _ketergantungan(terdaftar: Any, prop: str, dikirim: Any, apa: str) -> None:
    """A dependency with an ALL or ALLSMALLER wildcard is a list of matching components; any other is one."""
    pola = _pola(terdaftar)
    if pola is not None and any(_wildcard(v) in ("ALL", "ALLSMALLER") for v in pola.values()):
        if not isinstance(dikirim, list):
            raise BadanTidakSah(f"{apa}: harus daftar")
        for d in dikirim:
            _satu(terdaftar, prop, d, pola, apa)
    else:
        _satu(terdaftar, prop, dikirim, pola, apa)


def _daftar(terdaftar: list[dict], dikirim: Any, apa: str) -> None:
    if not isinstance(dikirim, list) or len(dikirim) != len(terdaftar):
        raise BadanTidakSah(f"{apa}: harus daftar {len(terdaftar)} butir")
    for i, (dep, d) in enumerate(zip(terdaftar, dikirim)):
        _ketergantungan(dep["id"], dep["property"], d, f"{apa}[{i}]")


def _keluaran(cb: dict, dikirim: Any) -> None:
    """`outputs` as the renderer sends it: a list for a callback of several outputs, one item otherwise."""
    if cb.get("no_output"):
        return
    terdaftar = cb["output"]
    if isinstance(terdaftar, (list, tuple)):
        _daftar([{"id": o.component_id, "property": o.component_property} for o in terdaftar], dikirim, "outputs")
    else:
        _ketergantungan(terdaftar.component_id, terdaftar.component_property, dikirim, "outputs")


def periksa_badan(badan: Any, callback_map: dict) -> None:
    """Raise BadanTidakSah unless `badan` is a request for a registered callback in the shape of its
    dependencies."""
    if not isinstance(badan, dict):
        raise BadanTidakSah("badan bukan objek JSON")
    kunci = badan.get("output")
    cb = callback_map.get(kunci) if isinstance(kunci, str) else None
    if cb is None or cb.get("callback") is None:
        raise BadanTidakSah("output tidak terdaftar")
    _keluaran(cb, badan.get("outputs"))
    _daftar(cb["inputs"], badan.get("inputs"), "inputs")
    _daftar(cb["state"], badan.get("state", []), "state")
    for dep in badan["inputs"]:
        jenis = NILAI_DASH.get((dep["id"], dep["property"])) if isinstance(dep, dict) and isinstance(dep["id"], str) \
            else None
        if jenis and not isinstance(dep.get("value"), jenis):
            raise BadanTidakSah(f"nilai {dep['id']}.{dep['property']} bukan teks")
        if jenis is str and not dep["value"].startswith("/"):  # the router resolves only an address from the root
            raise BadanTidakSah(f"nilai {dep['id']}.{dep['property']} bukan alamat")
    ubah = badan.get("changedPropIds", [])
    if not isinstance(ubah, list) or not all(isinstance(u, str) for u in ubah):
        raise BadanTidakSah("changedPropIds harus daftar teks")


def pasang_pemeriksa_badan(server: Flask, app: Dash) -> None:
    """Check every callback request's body before Dash reads it (after the login guard, so a request without a
    session is still told to sign in)."""

    @server.before_request
    def periksa_permintaan_dash():
        if request.path != ALAMAT or request.method != "POST":
            return None
        try:
            try:
                badan = request.get_json(silent=True)
            except RecursionError:  # JSON nested thousands deep: json.loads gives up on it, Dash would too
                raise BadanTidakSah("JSON terlalu dalam") from None
            periksa_badan(badan, app.callback_map)
        except BadanTidakSah as e:
            current_app.logger.info("permintaan callback ditolak (400): %s", e)
            return jsonify({"galat": f"{PESAN}; muat ulang halaman."}), 400
        return None
