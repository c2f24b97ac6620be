"""A refusal inside the workflow, asked for through the page as the browser asks: the person reads the domain's
message, nothing else changes, and exactly one `aksi.ditolak` row names who, which office, which record, which
action and why (written by the one wrapper every callback goes through, after the rollback)."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from models.db import session_scope
from models.perencanaan.pekerjaan import mulai_pekerjaan
from models.sop.alur import catatan_terbuka
from models.tables import AuditLog, Kecamatan, Rekomendasi
from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
from models.tindak_lanjut.rekomendasi import mulai_tindak_lanjut, periksa, serahkan
from tests.conftest import masuk
from tests.dash_util import daftar_callback, payload, sidik_basis_data, teks_jawaban
from tests.fabrik import nama_pengguna, pengguna, sop

PADA = datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _audit(engine) -> list[AuditLog]:
    with session_scope(engine) as s:
        return list(s.exec(select(AuditLog).order_by(AuditLog.id)).all())


def _panggil(client, app, modul: str, fungsi: str, pemicu: str, **nilai):
    """POST the callback `modul.fungsi` as the browser does when `pemicu` (an input id) was clicked."""
    kunci, cb = next((k, v) for k, v in daftar_callback(app).items()
                     if v["callback"].__module__ == modul and v["callback"].__name__ == fungsi)
    badan = payload(kunci, cb, nilai)
    badan["changedPropIds"] = [f"{pemicu}.n_clicks"]
    return client.post("/_dash-update-component", json=badan)


def _satu_penolakan(engine, sebelum_sidik: str, sebelum_audit: int, *, staf_id: int, kecamatan_id: int) -> AuditLog:
    """Nothing but one aksi.ditolak row was written; return it."""
    assert sidik_basis_data(engine) == sebelum_sidik
    baru = _audit(engine)[sebelum_audit:]
    assert [a.aksi for a in baru] == ["aksi.ditolak"]
    (a,) = baru
    assert (a.user_id, a.kecamatan_id) == (staf_id, kecamatan_id)
    return a


def test_a_staf_finishing_another_roles_step_is_refused_and_audited_once(client, app, demo):
    with session_scope(demo) as s:
        camat, staf = pengguna(s, peran="camat"), pengguna(s, peran="staf")
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="Renja 2027", tahun=2027, triwulan=None, oleh=camat)
        rec = catatan_terbuka(s, eks.id)
        assert rec is not None and rec.role_kode != "staf"
        rec_id, staf_id, kec_id = rec.id, staf.id, eks.kecamatan_id
    masuk(client, nama_pengguna("staf"))
    client.get("/persetujuan")
    sidik, n_audit = sidik_basis_data(demo), len(_audit(demo))
    r = _panggil(client, app, "callbacks.persetujuan", "bertindak", "tugas-selesai", catatan_id=rec_id, alasan="x")
    pesan = "Langkah ini menunggu pelaksana lain; Anda tidak dapat menyelesaikannya."
    assert pesan in teks_jawaban(r)
    a = _satu_penolakan(demo, sidik, n_audit, staf_id=staf_id, kecamatan_id=kec_id)
    assert (a.objek, a.objek_id, a.sesudah, a.keterangan) == ("catatan_langkah", rec_id,
                                                              {"aksi": "langkah.selesaikan"}, pesan)


def test_a_staf_acknowledging_the_camats_recommendation_is_refused_and_audited_once(client, app, demo):
    with session_scope(demo) as s:
        kasi, sekcam = pengguna(s, peran="kasi_pem"), pengguna(s, peran="sekcam")
        staf = pengguna(s, peran="staf")
        kec = s.exec(select(Kecamatan).where(Kecamatan.id == kasi.kecamatan_id)).one()
        ev = catat_evaluasi_lengkap(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3,
                                    tanggal=date(2026, 11, 20), peserta="Camat, Tim", temuan="Adminduk di bawah target",
                                    oleh=pengguna(s, peran="tim"), pada=PADA,
                                    rekomendasi=[RekomendasiBaru("Percepat KTP-el", "kasi_pem", date(2026, 12, 20))])
        rid = s.exec(select(Rekomendasi.id).where(Rekomendasi.evaluasi_id == ev.id)).one()
        mulai_tindak_lanjut(s, rekomendasi_id=rid, oleh=kasi, pada=PADA)
        serahkan(s, rekomendasi_id=rid, uraian="Jemput bola di 3 desa", oleh=kasi, pada=PADA)
        periksa(s, rekomendasi_id=rid, terima=True, oleh=sekcam, pada=PADA)
        staf_id, kec_id = staf.id, kec.id
    masuk(client, nama_pengguna("staf"))
    client.get("/tindak-lanjut")
    sidik, n_audit = sidik_basis_data(demo), len(_audit(demo))
    r = _panggil(client, app, "callbacks.tindak_lanjut", "bertindak", "tl-akui", rekomendasi_id=rid)
    pesan = "Hanya Camat yang dapat mengakui tindak lanjut sebagai selesai."
    assert pesan in teks_jawaban(r)
    a = _satu_penolakan(demo, sidik, n_audit, staf_id=staf_id, kecamatan_id=kec_id)
    assert (a.objek, a.objek_id, a.sesudah, a.keterangan) == ("rekomendasi", rid, {"aksi": "rekomendasi.akui"}, pesan)


def test_a_refused_pekerjaan_start_is_audited_once_and_starts_nothing(client, app, demo):
    with session_scope(demo) as s:
        staf = pengguna(s, peran="staf")
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        renja_id, renja_nama, staf_id, kec_id = renja.id, renja.nama, staf.id, staf.kecamatan_id
    masuk(client, nama_pengguna("staf"))
    client.get("/pekerjaan")
    sidik, n_audit = sidik_basis_data(demo), len(_audit(demo))
    r = _panggil(client, app, "callbacks.pekerjaan", "mulai", "pekerjaan-mulai", sop_id=renja_id, judul="Renja 2027",
                 tahun=2027, triwulan=0)
    pesan = f"{renja_nama} dimulai oleh pelaksana langkah pertamanya atau Camat kecamatan ini."
    assert pesan in teks_jawaban(r)
    a = _satu_penolakan(demo, sidik, n_audit, staf_id=staf_id, kecamatan_id=kec_id)
    assert (a.objek, a.objek_id, a.sesudah["aksi"], a.keterangan) == ("sop", renja_id, "pekerjaan.mulai", pesan)


def test_beranda_and_isi_realisasi_name_a_reopened_and_a_returned_figure_the_same_way(client, app, demo):
    """IKU-1 of triwulan II 2026 reopened by the Camat, IKU-2 returned at the Camat's decision: the Beranda card
    and table, and the Isi Realisasi list and form, print the same words for each (one vocabulary)."""
    import json

    from plotly.utils import PlotlyJSONEncoder

    from dashboard.components.kartu import kartu_iku as tampil
    from models.dasbor.kueri import Saringan, kartu_iku
    from models.dasbor.laporan import tabel_iku_triwulan
    from tests.fabrik import kantor, realisasi

    with session_scope(demo) as s:
        realisasi(s, indikator="IKU-1", tahun=2026, triwulan=2, pembilang=60, penyebut=72, status="dibuka")
        # IKU-2 sums over the year: its quarter I official, so quarter II has a (provisional) capaian to show
        realisasi(s, indikator="IKU-2", tahun=2026, triwulan=1, pembilang=480, penyebut=500, status="resmi")
        realisasi(s, indikator="IKU-2", tahun=2026, triwulan=2, pembilang=500, penyebut=520, status="dikembalikan")
        kec_id = kantor(s).id
        kartu = kartu_iku(s, kecamatan_id=kec_id, tahun=2026, triwulan=2)
        tabel = tabel_iku_triwulan(s, Saringan(kecamatan_id=kec_id, kecamatan_ids=[kec_id], tahun=2026, triwulan=2),
                                   kartu)
        beranda = json.dumps([tampil(k, 1).to_plotly_json() for k in kartu], cls=PlotlyJSONEncoder,
                             ensure_ascii=False) + json.dumps(tabel.baris(), ensure_ascii=False)
    masuk(client, nama_pengguna("camat"))
    isi = _halaman(client, "/realisasi?tahun=2026&triwulan=2")
    formulir = _halaman(client, "/realisasi?tahun=2026&triwulan=2&indikator=" + _indikator_id(demo, "IKU-1"))
    for teks in ("Dibuka kembali", "Dikembalikan untuk perbaikan"):
        assert beranda.count(teks) == 2 and teks in isi  # the card and the table row; the list
    assert "Dibuka kembali" in formulir
    for lama in ("Diajukan, belum disahkan", "Sementara, belum disahkan"):
        assert lama not in beranda


def _halaman(client, alamat: str) -> str:
    import json

    from tests.dash_util import buka_halaman

    r = buka_halaman(client, alamat)
    assert r.status_code == 200
    return json.dumps(r.get_json(), ensure_ascii=False)


def _indikator_id(engine, kode: str) -> str:
    from tests.fabrik import indikator

    with session_scope(engine) as s:
        return str(indikator(s, kode=kode).id)


def test_starting_work_on_a_step_is_its_own_pelaksanas_not_a_stand_ins(demo):
    """The Kasubag Evapor may complete a Kasi's entry steps for her (a stand-in), but starting work on a step times
    its pelaksana's waiting and working, so only the step's own role (or the Camat) may say it started."""
    import pytest

    from models.sop.alur import mulai_kerjakan
    from models.umum.penolakan import Ditolak
    from tests.fabrik import realisasi

    with session_scope(demo) as s:
        r = realisasi(s, indikator="IKU-1", tahun=2026, triwulan=2, pembilang=60, penyebut=72, status="dikembalikan")
        rec = catatan_terbuka(s, r.eksekusi_id)
        assert rec is not None and rec.role_kode.startswith("kasi"), rec.role_kode
        rec_id, peran = rec.id, rec.role_kode
    sidik = sidik_basis_data(demo)
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        mulai_kerjakan(s, catatan_id=rec_id, oleh=pengguna(s, peran="kasubag_evapor"))
    assert str(e.value) == "Langkah ini menunggu pelaksana lain; Anda tidak dapat mengerjakannya."
    assert (e.value.objek, e.value.objek_id, e.value.aksi) == ("catatan_langkah", rec_id, "langkah.mulai_kerjakan")
    assert sidik_basis_data(demo) == sidik
    with session_scope(demo) as s:
        assert mulai_kerjakan(s, catatan_id=rec_id, oleh=pengguna(s, peran=peran)).dimulai_pada is not None
