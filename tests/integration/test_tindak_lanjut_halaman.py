"""Recording an evaluation with its recommendations (all or nothing), reminders, the page's counts, and its
callbacks refusing what the rules refuse."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from models.dasbor.kueri import rekap_tindak_lanjut, tindak_lanjut
from models.db import session_scope
from models.tables import AuditLog, Evaluasi, Rekomendasi
from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
from models.tindak_lanjut.rekomendasi import (
    menunggu,
    mulai_tindak_lanjut,
    pengingat,
    serahkan,
)
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import panggil, sidik_basis_data
from tests.fabrik import kantor, nama_pengguna, pengguna

HARI_INI = date(2026, 11, 21)
PADA = datetime(2026, 11, 21, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _catat(s, rekomendasi, peran="tim"):
    kec = kantor(s).id
    return catat_evaluasi_lengkap(s, kecamatan_id=kec, jenis="evaluasi", tahun=2026, triwulan=3,
                                  tanggal=date(2026, 11, 20), peserta="Camat, Tim", temuan="Adminduk di bawah target",
                                  oleh=pengguna(s, peran=peran), rekomendasi=rekomendasi, pada=PADA)


def test_a_bad_row_saves_nothing_and_names_the_row(demo):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak, match="^Rekomendasi 2: Jatuh tempo wajib diisi.$"):
        with session_scope(demo) as s:
            _catat(s, [RekomendasiBaru("Satu", "kasi_pem", date(2026, 12, 1)), RekomendasiBaru("Dua", "kasi_pem", None)])
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        ev = _catat(s, [RekomendasiBaru("", None, None), RekomendasiBaru("Dua", "kasi_pem", date(2026, 12, 1))])
        assert [r.teks for r in s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.id))] == ["Dua"]


def test_a_row_without_its_responsible_role_says_so(demo):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak, match="^Rekomendasi 1: Penanggung jawab rekomendasi wajib dipilih.$"):
        with session_scope(demo) as s:
            _catat(s, [RekomendasiBaru("Tanpa penanggung jawab", None, date(2026, 12, 1))])
    assert sidik_basis_data(demo) == sebelum


def test_reminders_follow_whom_the_item_waits_on(demo):
    with session_scope(demo) as s:
        ev = _catat(s, [RekomendasiBaru("Dekat", "kasi_pem", HARI_INI + timedelta(days=7)),
                        RekomendasiBaru("Jauh", "kasi_pem", HARI_INI + timedelta(days=8)),
                        RekomendasiBaru("Ekbang", "kasi_ekbang", HARI_INI + timedelta(days=1))])
        rek = {r.teks: r for r in s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.id))}
        teks = lambda p: [(r.teks, telat) for r, telat in pengingat(s, pengguna(s, peran=p), HARI_INI)]  # noqa: E731
        assert teks("kasi_pem") == [("Dekat", False)]  # due on day 7 counts, day 8 does not
        assert teks("camat") == [("Ekbang", False), ("Dekat", False)]
        assert teks("sekcam") == []
        mulai_tindak_lanjut(s, rekomendasi_id=rek["Dekat"].id, oleh=pengguna(s, peran="kasi_pem"), pada=PADA)
        serahkan(s, rekomendasi_id=rek["Dekat"].id, uraian="Selesai", oleh=pengguna(s, peran="kasi_pem"), pada=PADA)
        assert menunggu(rek["Dekat"]) == "sekcam"
        assert teks("kasi_pem") == [] and teks("sekcam") == [("Dekat", False)]
        sekcam = pengguna(s, peran="sekcam")
        assert [(r.teks, telat) for r, telat in pengingat(s, sekcam, HARI_INI + timedelta(days=8))] == [
            ("Dekat", True)]


def test_counts_by_status_per_role_and_quarter(demo):
    with session_scope(demo) as s:
        ev = _catat(s, [RekomendasiBaru("A", "kasi_pem", date(2026, 11, 25)),
                        RekomendasiBaru("B", "kasi_pem", date(2026, 11, 1) + timedelta(days=30)),
                        RekomendasiBaru("C", "kasi_ekbang", date(2026, 12, 20))])
        a = s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.id).where(Rekomendasi.teks == "A")).one()
        mulai_tindak_lanjut(s, rekomendasi_id=a.id, oleh=pengguna(s, peran="kasi_pem"), pada=PADA)
        kec = ev.kecamatan_id
        df = tindak_lanjut(s, kecamatan_ids=[kec], tahun=2026, triwulan=None, hari_ini=date(2026, 12, 5))
        # On 5 December A (due 25 November) is 10 days late, B (due 1 December) 4: the latest first, C not late
        assert df["teks"].tolist() == ["A", "B", "C"] and df["hari_terlambat"].tolist() == [10, 4, 0]
        assert df.set_index("teks")["umur"].to_dict() == {"A": 14, "B": 14, "C": 14}
        rekap = rekap_tindak_lanjut(df, "penanggung_jawab").set_index("penanggung_jawab")
        assert rekap.loc["Kasi Pemerintahan", ["baru", "dalam proses", "terlambat", "jumlah"]].tolist() == [1, 1, 2, 2]
        assert rekap.loc["Kasi Ekonomi dan Pembangunan", ["baru", "terlambat", "jumlah"]].tolist() == [1, 0, 1]


def test_another_periods_overdue_item_is_counted_and_said_to_be_so(demo):
    """Viewing triwulan IV 2026 on 5 December: A and B of triwulan III are overdue and shown, marked as of another
    period in the list and counted apart in the recaps; C (not overdue, triwulan III) is not shown. Quarters are
    in calendar order."""
    from models.dasbor.kueri import Saringan
    from models.dasbor.laporan import tabel_tl_daftar, tabel_tl_rekap

    with session_scope(demo) as s:
        ev = _catat(s, [RekomendasiBaru("A", "kasi_pem", date(2026, 11, 25)),
                        RekomendasiBaru("B", "kasi_pem", date(2026, 12, 1)),
                        RekomendasiBaru("C", "kasi_ekbang", date(2026, 12, 20))])
        kec = ev.kecamatan_id
        df = tindak_lanjut(s, kecamatan_ids=[kec], tahun=2026, triwulan=4, hari_ini=date(2026, 12, 5))
        assert df[["teks", "periode_lain"]].values.tolist() == [["A", True], ["B", True]]
        sar = Saringan(kecamatan_ids=[kec], kecamatan_id=kec, tahun=2026, triwulan=4)
        daftar = tabel_tl_daftar(s, sar, df)
        assert [b[1] for b in daftar.baris()] == ["Triwulan III 2026 (periode lain, terlambat)"] * 2
        rekap = tabel_tl_rekap(s, sar, "penanggung_jawab", df)
        nama = [k.nama for k in rekap.kolom]
        baris = dict(zip(nama, rekap.baris()[0]))
        assert {k: baris[k] for k in ("Penanggung jawab", "Terlambat", "Jumlah", "Dari periode lain")} == {
            "Penanggung jawab": "Kasi Pemerintahan", "Terlambat": 2, "Jumlah": 2, "Dari periode lain": 2}
        setahun = tindak_lanjut(s, kecamatan_ids=[kec], tahun=2026, triwulan=None, hari_ini=date(2026, 12, 5))
        assert not setahun["periode_lain"].any()
        # An overdue item of 2026 seen from 2025 is another period's; its quarter sorts after 2025's.
        lalu = tindak_lanjut(s, kecamatan_ids=[kec], tahun=2025, triwulan=None, hari_ini=date(2026, 12, 5))
        assert lalu["periode_lain"].tolist() == [True, True]


def test_the_per_quarter_recap_is_in_calendar_order():
    import pandas as pd

    df = pd.DataFrame({"periode": ["Triwulan I 2026", "Triwulan II 2025", "Triwulan I 2025"], "tahun": [2026, 2025, 2025],
                       "triwulan": [1, 2, 1], "status": ["baru"] * 3, "terlambat": [True, False, False],
                       "periode_lain": [True, False, False], "umur": [3, 2, 1]})
    assert rekap_tindak_lanjut(df, "periode")["periode"].tolist() == ["Triwulan I 2025", "Triwulan II 2025",
                                                                      "Triwulan I 2026"]


def test_page_callbacks_refuse_what_the_rules_refuse(demo, app, client):
    with session_scope(demo) as s:
        ev = _catat(s, [RekomendasiBaru("A", "kasi_pem", date(2026, 12, 25))])
        rid = s.exec(select(Rekomendasi.id).where(Rekomendasi.evaluasi_id == ev.id)).one()
    masuk(client, nama_pengguna("kasi_ekbang"))
    client.get("/tindak-lanjut")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, "..tl-pesan.children...tl-uraian.value..", rekomendasi_id=rid, _m=1)
    assert r.status_code == 200
    assert ("Rekomendasi ini menjadi tanggung jawab Kasi Pemerintahan; hanya Kasi Pemerintahan atau Camat yang "
            "dapat menindaklanjutinya.") in r.get_data(as_text=True)
    assert sidik_basis_data(demo) == sebelum
    # A role that may not record evaluations is refused by the server before anything runs.
    r = panggil(client, app, "tl-ev-pesan.children", _n=1, jenis="evaluasi", tahun=2026, triwulan=3,
                tanggal="2026-11-20", peserta="x", temuan="y")
    assert r.status_code == 403
    with session_scope(demo) as s:
        assert s.exec(select(func.count(Evaluasi.id))).one() == 1
        assert s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "akses.ditolak")).one() == 1


def test_the_kasi_terkait_step_of_an_evaluation_waits_on_every_kasi(demo):
    from models.sop.alur import antrian, catatan_terbuka, selesaikan
    from models.tables import CatatanLangkah, SopLangkah

    with session_scope(demo) as s:
        ev = _catat(s, [])
        t = PADA
        while True:  # walk the Evaluasi Data Kinerja SOP as its pelaksana until the Kasi's step
            rec = catatan_terbuka(s, ev.eksekusi_id)
            if rec.role_kode == "kasi_terkait":
                break
            t = t + timedelta(minutes=10)
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode), pada=t)
        assert s.get(SopLangkah, rec.langkah_id).no == "3"
        for kasi in ("kasi_pem", "kasi_ekbang", "kasi_trantib"):
            assert rec.id in {x.catatan.id for x in antrian(s, pengguna(s, peran=kasi))}
        assert rec.id not in {x.catatan.id for x in antrian(s, pengguna(s, peran="staf"))}
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran="kasi_ekbang"), pada=t + timedelta(minutes=10))
        assert s.get(CatatanLangkah, rec.id).pelaku_id == pengguna(s, peran="kasi_ekbang").id
