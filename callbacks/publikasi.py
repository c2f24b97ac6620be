"""Publish or withdraw one signed document from its page's button (dashboard.components.publikasi): one callback
per kind of document (the Perjanjian Kinerja page's and the Laporan Kinerja page's), so the document's id is
checked against the user's office before the domain (models.perencanaan.publikasi) checks who may and what."""
from __future__ import annotations

from dash import MATCH, Dash, Input, Output, State, html, no_update
from flask_login import current_user
from sqlmodel import SQLModel

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.publikasi import label_tombol
from dashboard.data import sesi
from models.perencanaan.publikasi import PENERBIT, judul_dokumen, slug, tarik, terbitkan
from models.tables import Kabupaten, Kecamatan, LaporanKinerja, PerjanjianKinerja, User

JENIS: dict[str, type[SQLModel]] = {"pk": PerjanjianKinerja, "lkj": LaporanKinerja}


def _pesan(teks: str, warna: str) -> html.Span:
    return html.Span(teks, className=f"text-{warna}")


def _daftarkan(app: Dash, jenis: str, model: type[SQLModel]) -> None:
    def k(tipe: str) -> dict:
        return {"type": tipe, "jenis": jenis, "index": MATCH}

    def publikasi(_n, dok_id, aksi):
        if not dok_id:
            return no_update, no_update, no_update
        with sesi() as s:
            user = s.get(User, current_user.id)
            fungsi = tarik if aksi == "tarik" else terbitkan
            dok = fungsi(s, jenis=jenis, id=int(dok_id), oleh=user)
            judul = judul_dokumen(jenis, dok)
            kab = s.get(Kabupaten, s.get(Kecamatan, dok.kecamatan_id).kabupaten_id)
            alamat = f"/publik/{slug(kab.nama)}"
        if aksi == "tarik":
            return _pesan(f"{judul} ditarik dari halaman publik.", "success"), label_tombol(False), "terbitkan"
        return (html.Span([f"{judul} dipublikasikan di ", html.A(alamat, href=alamat, target="_blank"), "."],
                          className="text-success"), label_tombol(True), "tarik")

    publikasi.__name__ = publikasi.__qualname__ = f"publikasi_{jenis}"
    callback(app, Output(k(ids.PUBLIKASI_PESAN), "children"), Output(k(ids.PUBLIKASI_TOMBOL), "children"),
             Output(k(ids.PUBLIKASI_AKSI), "children"), Input(k(ids.PUBLIKASI_TOMBOL), "n_clicks"),
             State(k(ids.PUBLIKASI_DOKUMEN), "children"), State(k(ids.PUBLIKASI_AKSI), "children"),
             peran=PENERBIT, objek={"dok_id": model}, prevent_initial_call=True,
             tolak=lambda pesan: (_pesan(pesan, "danger"), no_update, no_update))(publikasi)


def register(app: Dash) -> None:
    for jenis, model in JENIS.items():
        _daftarkan(app, jenis, model)
