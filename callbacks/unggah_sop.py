"""Unggah SOP: preview an uploaded document, redraw a procedure's difference and flowchart as its pelaksana are
corrected, save the whole document. Every call checks who asks and reads the document on the server; the document is
parsed once per process for the same file (models.sop.unggah.baca_sekali), not in each call. The preview is a
function of the file, the office chosen, who asks and the stored SOPs, so the same file's preview again (the same
upload chosen again, or after a refresh) is served from the shared cache (dashboard.tembolok) until a write."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Dash, Input, Output, State, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.akses import callback, pesan_tolak
from dashboard.components.unggah_sop import bagian_diagram, bagian_selisih, tampil_pratinjau
from dashboard.data import pengaturan, sesi
from models.sop.unggah import PERAN_UNGGAH, pratinjau, simpan
from models.tables import User
from models.umum.berkas import dari_unggahan, nama_aman
from models.umum.isian import bulat, nomor_id
from models.umum.penolakan import Ditolak

PELAKSANA = {"type": ids.UNGGAH_PELAKSANA, "p": ALL, "l": ALL}
KEMBALI = {"type": ids.UNGGAH_KEMBALI, "p": ALL, "l": ALL}
MAKS_POSISI = 10_000  # far beyond the procedures and steps a document may hold (models.sop.docx_baca's bounds)


def _posisi(ident) -> tuple[int, int]:
    """(procedure index, step position) of a correction's component id; Ditolak for an id the page never made."""
    if not isinstance(ident, dict):
        raise Ditolak("Isian koreksi tidak sah; muat ulang halaman.")
    p = bulat(ident.get("p"), label="Nomor prosedur", maksimum=MAKS_POSISI)
    posisi = bulat(ident.get("l"), label="Nomor langkah", maksimum=MAKS_POSISI)
    assert p is not None and posisi is not None  # wajib
    return p, posisi


def _koreksi(nilai: list | None, ident: list | None) -> dict[tuple[int, int], list[str]]:
    hasil = {}
    for v, i in zip(nilai or [], ident or []):
        if not isinstance(v, list | None) or not all(isinstance(x, str) for x in v or []):
            raise Ditolak("Pelaksana tidak sah; pilih dari daftar.")
        hasil[_posisi(i)] = list(v or [])
    return hasil


def _kembali(nilai: list | None, ident: list | None) -> dict[tuple[int, int], int | None]:
    return {_posisi(i): bulat(v, label="Langkah kembali", maksimum=MAKS_POSISI, wajib=False)
            for v, i in zip(nilai or [], ident or [])}


def _baca(s, isi: str, nama: str | None, kantor, koreksi=None, kembali=None):
    user = s.get(User, current_user.id)
    return user, pratinjau(s, dari_unggahan(isi), nama_aman(nama or "sop.docx"), user,
                           kecamatan_id=nomor_id(kantor, label="Kecamatan") if kantor else None, koreksi=koreksi,
                           kembali=kembali, menit_per_hari=pengaturan().menit_per_hari)


def register(app: Dash) -> None:
    @callback(app, Output(ids.UNGGAH_SOP_PRATINJAU, "children"), Output(ids.UNGGAH_SOP_SIMPAN, "disabled"),
              Output(ids.UNGGAH_SOP_PESAN, "children"),
              Input(ids.UNGGAH_SOP_BERKAS, "contents"), Input(ids.UNGGAH_SOP_KANTOR, "value"),
              State(ids.UNGGAH_SOP_BERKAS, "filename"),
              peran=PERAN_UNGGAH, kecamatan=("kantor",), prevent_initial_call=True, tolak=lambda pesan: (pesan_tolak(pesan), True, None),
              tembolok=True)
    def tampil(isi, kantor, nama):
        if not isi:
            return no_update, True, None
        with sesi() as s:
            _, pr = _baca(s, isi, nama, kantor)
        return tampil_pratinjau(pr, pengaturan().menit_per_hari), not pr.bisa_disimpan, None

    @callback(app, Output({"type": ids.UNGGAH_SELISIH, "p": MATCH}, "children"),
              Output({"type": ids.UNGGAH_DIAGRAM, "p": MATCH}, "children"),
              Input({"type": ids.UNGGAH_PELAKSANA, "p": MATCH, "l": ALL}, "value"),
              Input({"type": ids.UNGGAH_KEMBALI, "p": MATCH, "l": ALL}, "value"),
              State({"type": ids.UNGGAH_PELAKSANA, "p": MATCH, "l": ALL}, "id"),
              State({"type": ids.UNGGAH_KEMBALI, "p": MATCH, "l": ALL}, "id"),
              State(ids.UNGGAH_SOP_BERKAS, "contents"), State(ids.UNGGAH_SOP_BERKAS, "filename"),
              State(ids.UNGGAH_SOP_KANTOR, "value"),
              peran=PERAN_UNGGAH, kecamatan=("kantor",), prevent_initial_call=True, tolak=0)
    def koreksi(nilai, nilai_kembali, ident, ident_kembali, isi, nama, kantor):
        if not isi or not ident:
            return no_update, no_update
        with sesi() as s:
            _, pr = _baca(s, isi, nama, kantor, _koreksi(nilai, ident), _kembali(nilai_kembali, ident_kembali))
        indeks = int(ident[0]["p"])
        pp = next((x for x in pr.prosedur if x.indeks == indeks), None)
        if pp is None:
            return no_update, no_update
        return bagian_selisih(pp), bagian_diagram(pp, pengaturan().menit_per_hari)

    @callback(app, Output(ids.UNGGAH_SOP_PESAN, "children", allow_duplicate=True),
              Output(ids.UNGGAH_SOP_PRATINJAU, "children", allow_duplicate=True),
              Output(ids.UNGGAH_SOP_SIMPAN, "disabled", allow_duplicate=True),
              Input(ids.UNGGAH_SOP_SIMPAN, "n_clicks"),
              State(ids.UNGGAH_SOP_BERKAS, "contents"), State(ids.UNGGAH_SOP_BERKAS, "filename"),
              State(ids.UNGGAH_SOP_KANTOR, "value"), State(PELAKSANA, "value"), State(PELAKSANA, "id"),
              State(KEMBALI, "value"), State(KEMBALI, "id"),
              peran=PERAN_UNGGAH, kecamatan=("kantor",), prevent_initial_call=True, tolak=0)
    def simpan_semua(_n, isi, nama, kantor, nilai, ident, nilai_kembali, ident_kembali):
        if not isi:
            raise Ditolak("Unggah dokumen SOP terlebih dahulu.", aksi="sop.unggah")
        with sesi() as s:
            user, pr = _baca(s, isi, nama, kantor, _koreksi(nilai, ident), _kembali(nilai_kembali, ident_kembali))
            hasil = simpan(s, pr, user)
        baris = [html.Li([h.kalimat(), " ", html.A("Lihat SOP", href=f"/sop/{h.sop_id}")] if h.sop_id
                         else h.kalimat()) for h in hasil]
        return (dbc.Alert([html.Strong("Tersimpan. "), html.Ul(baris, className="mb-0")], color="success",
                          id="unggah-sop-berhasil"), None, True)
