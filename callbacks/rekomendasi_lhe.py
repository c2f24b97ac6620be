"""The evaluator's form for the LHE's recommendations (dashboard.components.rekomendasi_lhe): thin, the domain
(models.tindak_lanjut.lhe.rekomendasi_lhe) checks who, when and what."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State
from flask_login import current_user

from dashboard.akses import callback
from dashboard.components.rekomendasi_lhe import BARIS, ID_EVALUASI, ID_PESAN, ID_SIMPAN, id_baris
from dashboard.data import sesi
from models.tables import User
from models.tindak_lanjut.evaluasi import baca_rekomendasi
from models.tindak_lanjut.lhe import RekomendasiBaruLhe, rekomendasi_lhe
from models.umum.isian import nomor_id
from models.umum.penolakan import Ditolak


def _baris(n: int, isi, indikator_id, role_kode, jatuh_tempo) -> RekomendasiBaruLhe:
    r = baca_rekomendasi(n, isi, indikator_id, role_kode, jatuh_tempo)
    return RekomendasiBaruLhe(teks=r.teks, role_kode=r.role_kode, jatuh_tempo=r.jatuh_tempo,
                              indikator_id=r.indikator_id)


def register(app: Dash) -> None:
    isian = [State(i, "value") for n in range(1, BARIS + 1) for i in id_baris(n)]

    @callback(app, Output(ID_PESAN, "children"), Input(ID_SIMPAN, "n_clicks"), State(ID_EVALUASI, "value"), *isian,
              peran=("evaluator",), prevent_initial_call=True, tolak=0)
    def simpan(_n, evaluasi_akip_id, *nilai):
        if not evaluasi_akip_id:
            raise Ditolak("Pilih Evaluasi AKIP yang rekomendasinya dicatat.")
        evaluasi_akip_id = nomor_id(evaluasi_akip_id, label="Evaluasi AKIP")
        rek = [_baris(n, *nilai[i:i + 4]) for n, i in enumerate(range(0, len(nilai), 4), start=1)]
        with sesi() as s:
            hasil = rekomendasi_lhe(s, evaluasi_akip_id=evaluasi_akip_id, rekomendasi=rek,
                                    oleh=s.get(User, current_user.id))
            n = len(hasil)
        return dbc.Alert(f"{n} rekomendasi LHE tersimpan; kecamatan menindaklanjutinya di Tindak Lanjut.",
                         color="success")
