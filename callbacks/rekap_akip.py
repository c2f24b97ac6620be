"""Rekap Evaluasi AKIP: the recap of the chosen kabupaten and year, and the release of a final predicate to the
public page (models.perencanaan.publikasi). The kabupaten is checked against the user's scope before anything is
read; the domain checks again who may release."""
from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import MATCH, Dash, Input, Output, State, html, no_update
from flask_login import current_user
from sqlmodel import col, select

from dashboard import ids
from dashboard.akses import callback
from dashboard.components.rekap_akip import peta_sub, tabel_rekap
from dashboard.data import sesi
from models.perencanaan.publikasi import PERILIS, rilis_predikat, slug, tarik_rilis
from models.tables import EvaluasiAkip, Kabupaten, Kecamatan, User
from models.tindak_lanjut.rekap_akip import PENGLIHAT, rekap_akip
from models.umum.isian import bulat
from models.umum.penolakan import Ditolak
from models.umum.periode import tahun_sah


def _tahun(v) -> int:
    try:
        return tahun_sah(bulat(v, label="Tahun", maksimum=2100))
    except Ditolak:
        raise Ditolak("Pilih tahunnya.") from None


def register(app: Dash) -> None:
    @callback(app, Output(ids.REKAP_AKIP_ISI, "children"), Input(ids.REKAP_AKIP_KABUPATEN, "value"),
              Input(ids.REKAP_AKIP_TAHUN, "value"), peran=PENGLIHAT, objek={"kabupaten": Kabupaten}, tolak=0, tembolok=True)
    def tampil(kabupaten, tahun):
        th = _tahun(tahun)
        with sesi() as s:
            kab = s.get(Kabupaten, int(kabupaten)) if kabupaten else None
            if kab is None:
                return dbc.Alert("Pilih kabupatennya.", color="light")
            user = s.get(User, current_user.id)
            kantor = s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kab.id)
                            .order_by(col(Kecamatan.nama))).all()
            r = rekap_akip(s, kecamatan_ids=list(kantor), tahun=th)
            perilis = user.role_kode in PERILIS and user.kabupaten_id == kab.id
            q = urlencode({"kabupaten": kab.id, "tahun": th})
            final = sum(1 for b in r.baris if b.total is not None)
            return html.Div([
                html.H4([f"Kabupaten {kab.nama} · Evaluasi AKIP {th}",
                         html.Span([html.A("CSV", href=f"/evaluasi-akip/rekap.csv?{q}",
                                           className="btn btn-outline-secondary btn-sm ms-2"),
                                    html.A("Excel", href=f"/evaluasi-akip/rekap.xlsx?{q}",
                                           className="btn btn-outline-secondary btn-sm ms-1")],
                                   className="text-nowrap")], className="h5"),
                html.P(className="small text-muted mb-2", id="rekap-akip-ringkas", children=[f"{final} dari {len(r.baris)} kecamatan sudah final. Predikat yang dirilis tampil "
                                 "di halaman publik ", html.A(f"/publik/{slug(kab.nama)}",
                                                              href=f"/publik/{slug(kab.nama)}", target="_blank"),
                                 "."]),
                tabel_rekap(r, perilis=perilis),
                html.H5("Peta subkomponen", className="mt-3"),
                html.P("Nilai tiap subkomponen sebagai persen dari bobotnya (keberadaan 20 %, kualitas 30 %, "
                       "pemanfaatan 50 % dari komponen). Kecamatan tanpa evaluasi final tidak berangka.",
                       className="small text-muted"),
                peta_sub(r),
            ])

    def k(tipe: str) -> dict:
        return {"type": tipe, "index": MATCH}

    @callback(app, Output(k(ids.RILIS_PESAN), "children"), Output(k(ids.RILIS_TOMBOL), "children"),
              Output(k(ids.RILIS_AKSI), "children"), Input(k(ids.RILIS_TOMBOL), "n_clicks"),
              State(k(ids.RILIS_EVALUASI), "children"), State(k(ids.RILIS_AKSI), "children"),
              peran=PERILIS, objek={"evaluasi_akip_id": EvaluasiAkip}, prevent_initial_call=True,
              tolak=lambda pesan: (html.Span(pesan, className="text-danger"), no_update, no_update))
    def rilis(_n, evaluasi_akip_id, aksi):
        if not evaluasi_akip_id:
            return no_update, no_update, no_update
        with sesi() as s:
            user = s.get(User, current_user.id)
            if aksi == "tarik":
                tarik_rilis(s, evaluasi_akip_id=int(evaluasi_akip_id), oleh=user)
                return html.Span("Rilis ditarik.", className="text-success"), "Rilis predikat", "rilis"
            ev = rilis_predikat(s, evaluasi_akip_id=int(evaluasi_akip_id), oleh=user)
            return (html.Span(f"Predikat {ev.predikat} dirilis ke halaman publik.", className="text-success"),
                    "Tarik rilis", "tarik")
