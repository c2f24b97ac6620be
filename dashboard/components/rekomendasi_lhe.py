"""The evaluator's form for the LHE's recommendations (models.tindak_lanjut.lhe.rekomendasi_lhe): which final
Evaluasi AKIP, then up to five rows of recommendation, responsible role, IKU and due date. The Evaluasi AKIP page
includes it for the evaluation it shows; Tindak Lanjut shows it to evaluators for their kabupaten's final ones."""
from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlmodel import Session, col, select

from dashboard.components.pilihan import dropdown
from models.akun.peran import PERAN, PERAN_KANTOR
from models.kinerja.iku import iku_kantor
from models.tables import EvaluasiAkip, Kecamatan, User
from models.tindak_lanjut.lhe import FINAL

BARIS = 5
ID_EVALUASI, ID_SIMPAN, ID_PESAN = "lhe-rek-evaluasi", "lhe-rek-simpan", "lhe-rek-pesan"


def id_baris(n: int) -> tuple[str, str, str, str]:
    """(teks, IKU, penanggung jawab, jatuh tempo) of row n."""
    return f"lhe-rek-teks-{n}", f"lhe-rek-iku-{n}", f"lhe-rek-peran-{n}", f"lhe-rek-tempo-{n}"


def evaluasi_final(s: Session, user: User) -> list[EvaluasiAkip]:
    """The final Evaluasi AKIP of the evaluator's kabupaten, latest year first, by office."""
    return list(s.exec(select(EvaluasiAkip).join(Kecamatan, col(Kecamatan.id) == EvaluasiAkip.kecamatan_id)
                       .where(Kecamatan.kabupaten_id == user.kabupaten_id).where(EvaluasiAkip.status == FINAL)
                       .order_by(col(EvaluasiAkip.tahun).desc(), col(Kecamatan.nama))).all())


def formulir_rekomendasi_lhe(s: Session, evaluasi: list[EvaluasiAkip]) -> html.Div:
    """The form for these evaluations (one: chosen already, its office's IKU offered; several: the kabupaten's
    shared IKU, which every office reports on)."""
    kantor = {k.id: k.nama for k in s.exec(select(Kecamatan).where(
        col(Kecamatan.id).in_({e.kecamatan_id for e in evaluasi})))} if evaluasi else {}
    pilihan = [{"label": f"Kecamatan {kantor[e.kecamatan_id]} · Evaluasi AKIP {e.tahun}", "value": e.id}
               for e in evaluasi]
    iku = [{"label": f"{i.kode} {i.nama}", "value": i.id}
           for i in (iku_kantor(s, evaluasi[0].kecamatan_id) if evaluasi else [])
           if len(evaluasi) == 1 or i.kecamatan_id is None]
    peran = [{"label": p.nama, "value": p.kode} for p in PERAN if p.kode in PERAN_KANTOR]
    baris = [dbc.Row([
        dbc.Col(dbc.Input(id=teks, placeholder=f"Rekomendasi {n}"), md=5),
        dbc.Col(dropdown(id=ind, options=iku, placeholder="IKU (bila ada)"), md=3),
        dbc.Col(dropdown(id=peran_id, options=peran, placeholder="Penanggung jawab"), md=2),
        dbc.Col(html.Div(dbc.Input(id=tempo, placeholder="jatuh tempo, mis. 30 Juni 2026"), title="Jatuh tempo"),
                md=2),
    ], className="g-2 mb-2") for n, (teks, ind, peran_id, tempo) in ((n, id_baris(n)) for n in range(1, BARIS + 1))]
    return dbc.Card(dbc.CardBody([
        html.H5("Rekomendasi LHE"),
        html.P("Rekomendasi hasil evaluasi yang harus ditindaklanjuti kecamatan; tampil di Tindak Lanjut kecamatan "
               "sebagai \"Evaluasi AKIP <tahun>\". Baris kosong dilewati.", className="small text-muted"),
        dropdown(id=ID_EVALUASI, options=pilihan, value=evaluasi[0].id if len(evaluasi) == 1 else None,
                 placeholder="Pilih Evaluasi AKIP yang sudah final…", clearable=False, className="mb-2"),
        *baris,
        dbc.Button("Simpan rekomendasi", id=ID_SIMPAN, color="primary"),
        html.Div(id=ID_PESAN, className="mt-2"),
    ]), className="mb-3", id="lhe-rekomendasi")
