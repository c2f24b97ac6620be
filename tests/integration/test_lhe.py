"""The LHE of an Evaluasi AKIP: its scores from the evaluator's answers printed as PDF and Word, who may read it,
and its recommendations followed up in Tindak Lanjut as "Evaluasi AKIP <tahun>".

A hand-worked LKE (the regulation's, seed/lke.toml) for Poncokusumo 2025, the evaluator's answer to every criterion
and each score worked out by hand (a sub-component scores its points times the average value of its criteria;
Y = 1, T = 0; A = 1, B = 0,75, C = 0,5, D = 0,25, E = 0; printed to two decimals, half up):

1 Perencanaan Kinerja (30)
  1.1 (6 points, 7 criteria)   Y Y Y Y Y Y T            6 × 6/7           = 5,142857  -> 5,14
  1.2 (9, 10)                  B B B B B B B B B B      9 × 0,75          = 6,75      -> 6,75
  1.3 (15, 8)                  A A B B C C B B          15 × 6/8          = 11,25     -> 11,25
  component 1                                         23,142857 -> 23,14
2 Pengukuran Kinerja (30)
  2.1 (6, 3)                   Y Y Y                    6 × 3/3           = 6         -> 6,00
  2.2 (9, 7)                   A A B A C B B            9 × 5,75/7        = 7,392857  -> 7,39
  2.3 (15, 10)                 C × 10                   15 × 0,5          = 7,5       -> 7,50
  component 2                                         20,892857 -> 20,89
3 Pelaporan Kinerja (15)
  3.1 (3, 6)                   Y Y Y Y T Y              3 × 5/6           = 2,5       -> 2,50
  3.2 (4,5, 9)                 B × 9                    4,5 × 0,75        = 3,375     -> 3,38
  3.3 (7,5, 7)                 C C C C C C D            7,5 × 3,25/7      = 3,482143  -> 3,48
  component 3                                         9,357143 -> 9,36
4 Evaluasi Akuntabilitas Kinerja Internal (25)
  4.1 (5, 3)                   Y Y T                    5 × 2/3           = 3,333333  -> 3,33
  4.2 (7,5, 5)                 B B B B A                7,5 × 4/5         = 6         -> 6,00
  4.3 (12,5, 5)                C × 5                    12,5 × 0,5        = 6,25      -> 6,25
  component 4                                         15,583333 -> 15,58
Total 23,142857 + 20,892857 + 9,357143 + 15,583333 = 68,976190 -> 68,98 (the printed components add up to
68,97: the total is summed before rounding): predicate B (above 60 up to 70), "Baik".
"""
from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from pypdf import PdfReader
from sqlmodel import col, select
from werkzeug.security import generate_password_hash

from models.dasbor.kueri import tindak_lanjut
from models.db import session_scope
from models.tables import (
    AuditLog,
    Evaluasi,
    EvaluasiAkip,
    JawabanLke,
    Kabupaten,
    Kecamatan,
    Rekomendasi,
    TindakLanjut,
    User,
)
from models.tindak_lanjut.cetak_lhe import CATATAN_PEMBULATAN, docx_lhe, pdf_lhe
from models.tindak_lanjut.lhe import (
    PESAN_BELUM_FINAL,
    PESAN_BUKAN_EVALUATOR,
    RekomendasiBaruLhe,
    isi_lhe,
    nilai_evaluator,
    rekomendasi_lhe,
)
from models.tindak_lanjut.lke import baca_struktur, bulat, isi_bawaan
from models.tindak_lanjut.rekomendasi import akui, mulai_tindak_lanjut, pengingat, periksa, serahkan
from models.umum import periode
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import (
    buka_halaman,
    daftar_callback,
    panggil,
    payload,
    sidik_basis_data,
    teks_jawaban,
)
from tests.fabrik import KATA_SANDI, kabupaten, kantor, pengguna

WIB = ZoneInfo("Asia/Jakarta")
TAHUN = 2025
JAWABAN = {
    "1.1": "YYYYYYT", "1.2": "BBBBBBBBBB", "1.3": "AABBCCBB",
    "2.1": "YYY", "2.2": "AABACBB", "2.3": "CCCCCCCCCC",
    "3.1": "YYYYTY", "3.2": "BBBBBBBBB", "3.3": "CCCCCCD",
    "4.1": "YYT", "4.2": "BBBBA", "4.3": "CCCCC",
}
NILAI_SUB = {"1.1": "5,14", "1.2": "6,75", "1.3": "11,25", "2.1": "6,00", "2.2": "7,39", "2.3": "7,50",
             "3.1": "2,50", "3.2": "3,38", "3.3": "3,48", "4.1": "3,33", "4.2": "6,00", "4.3": "6,25"}
NILAI_KOMPONEN = {"1": "23,14", "2": "20,89", "3": "9,36", "4": "15,58"}
TOTAL, PREDIKAT = "68,98", "B"


@pytest.fixture(autouse=True)
def _hari_ini():
    periode.atur_hari_ini(date(2026, 4, 20))
    yield
    periode.atur_hari_ini(None)


def evaluator(s, kab: str = "Malang") -> User:
    """The kabupaten's evaluator ("inspektorat.malang"), made here when the demo has none."""
    username = f"inspektorat.{kab.lower().replace(' ', '')}"
    ada = s.exec(select(User).where(User.username == username)).first()
    if ada:
        return ada
    u = User(username=username, nama=f"Evaluator Inspektorat {kab}", role_kode="evaluator",
             kabupaten_id=kabupaten(s, nama=kab).id, password_hash=generate_password_hash(KATA_SANDI),
             nip="197501012000031001", jabatan=f"Inspektur Kabupaten {kab}")
    s.add(u)
    s.flush()
    return u


def evaluasi_akip(s, *, status: str = "final", kecamatan: str = "Poncokusumo") -> EvaluasiAkip:
    """Poncokusumo's Evaluasi AKIP 2025 answered by the evaluator as the module docstring says."""
    kec = kantor(s, nama=kecamatan)
    ev = EvaluasiAkip(kecamatan_id=kec.id, tahun=TAHUN, lke=isi_bawaan(), status=status,
                      evaluator_id=evaluator(s).id, temuan="Rencana Aksi belum dipantau setiap triwulan.",
                      tanggal_lhe=date(2026, 4, 15) if status == "final" else None)
    s.add(ev)
    s.flush()
    struktur = baca_struktur(ev.lke)
    for km in struktur.komponen:
        for sub in km.sub:
            for k, j in zip(sub.kriteria, JAWABAN[sub.kode], strict=True):
                s.add(JawabanLke(evaluasi_akip_id=ev.id, kode=k.kode, mandiri=j, evaluator=j))
    s.flush()
    return ev


def test_the_hand_worked_lke_in_the_lhe_pdf_and_word(demo):
    with session_scope(demo) as s:
        ev = evaluasi_akip(s)
        lhe = isi_lhe(s, ev)
    nilai = {b.kode: b.nilai for b in lhe.baris}
    assert nilai == {**NILAI_SUB, **NILAI_KOMPONEN}
    assert (lhe.total, lhe.predikat, lhe.arti) == (TOTAL, PREDIKAT, "Baik")

    teks = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_lhe(lhe))).pages)
    teks = " ".join(teks.split())
    assert "LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH" in teks
    assert "Kecamatan Poncokusumo Tahun 2025" in teks
    for kode, n in {**NILAI_SUB, **NILAI_KOMPONEN}.items():
        assert f"{kode} " in teks and n in teks, kode
    assert "Predikat: B (Baik)" in teks
    assert ("Nilai hasil evaluasi AKIP Kecamatan Poncokusumo tahun 2025 adalah 68,98 dengan predikat B (Baik)."
            in teks)
    assert "Rencana Aksi belum dipantau setiap triwulan." in teks
    assert "Inspektur Kabupaten Malang" in teks and "Malang, 15 April 2026" in teks
    assert "dibulatkan dua desimal saat dicetak" in teks  # printed parts may miss their printed sum by 0,01

    doc = Document(io.BytesIO(docx_lhe(lhe)))
    baris = {r.cells[0].text: (r.cells[2].text, r.cells[3].text) for r in doc.tables[0].rows[1:]}
    assert {k: v[1] for k, v in baris.items() if k} == {**NILAI_SUB, **NILAI_KOMPONEN}
    assert baris["1"] == ("30,00", "23,14") and baris["3.2"] == ("4,50", "3,38")
    assert doc.tables[0].rows[-1].cells[1].text == "Nilai akhir" and doc.tables[0].rows[-1].cells[3].text == TOTAL
    paragraf = [p.text for p in doc.paragraphs]
    assert "Predikat: B (Baik)" in paragraf and CATATAN_PEMBULATAN in paragraf


def test_lhe_routes_follow_who_may_read(client, app, demo):
    """The evaluator and the kabupaten read their offices' LHE; the office reads its own once final, never
    another's; another kabupaten's users are refused."""
    with session_scope(demo) as s:
        ev = evaluasi_akip(s, status="reviu")
        kec_id, ev_id = ev.kecamatan_id, ev.id
        evaluator(s, "Tanjung Jabung Barat")
    alamat = f"/cetak/lhe/{kec_id}/2025.pdf"
    masuk(client, "inspektorat.malang")
    r = client.get(alamat)
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert "DRAF — Evaluasi AKIP belum final" in PdfReader(io.BytesIO(r.data)).pages[0].extract_text()
    assert client.get(f"/cetak/lhe/{kec_id}/2024.pdf").status_code == 404
    masuk(client, "camat.poncokusumo")
    r = client.get(alamat)
    assert r.status_code == 403 and "LHE dapat dibaca setelah Evaluasi AKIP final." in r.get_data(as_text=True)
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        ev.status, ev.tanggal_lhe = "final", date(2026, 4, 15)
        s.add(ev)
    r = client.get(f"/cetak/lhe/{kec_id}/2025.docx")
    assert r.status_code == 200
    assert Document(io.BytesIO(r.data)).tables[0].rows[-1].cells[3].text == TOTAL
    for username, pesan in (("camat.kalipare", "LHE ini milik kecamatan lain."),
                            ("kabupaten.tanjungjabungbarat", "LHE ini milik kecamatan di kabupaten lain."),
                            ("inspektorat.tanjungjabungbarat", "LHE ini milik kecamatan di kabupaten lain.")):
        masuk(client, username)
        r = client.get(alamat)
        assert r.status_code == 403 and pesan in r.get_data(as_text=True), username
    masuk(client, "kabupaten.malang")
    assert client.get(alamat).status_code == 200
    with session_scope(demo) as s:
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "aksi.ditolak")
                      .where(AuditLog.objek == "evaluasi_akip")).all()


def _wib(y, m, d, h=10) -> datetime:
    return datetime(y, m, d, h, tzinfo=WIB)


REKOMENDASI = [("Pantau Rencana Aksi setiap triwulan dalam rapat pimpinan", "sekcam", date(2026, 6, 30)),
               ("Lengkapi definisi operasional IKU kependudukan", "kasi_pem", date(2026, 4, 30))]


def test_lhe_recommendations_are_followed_up_in_tindak_lanjut(demo):
    """Two recommendations of the LHE: listed with the year as "Evaluasi AKIP 2025", not under a quarter; the
    Sekcam's carried to selesai through the same states; the Kasi Pem's overdue on 1 May 2026 in the Camat's
    reminders."""
    with session_scope(demo) as s:
        ev = evaluasi_akip(s)
        insp = evaluator(s)
        hasil = rekomendasi_lhe(s, evaluasi_akip_id=ev.id, rekomendasi=REKOMENDASI, oleh=insp,
                                pada=_wib(2026, 4, 16))
        induk = s.get(Evaluasi, ev.evaluasi_id)
        assert (induk.jenis, induk.tahun, induk.triwulan, induk.tanggal) == ("evaluasi_akip", 2025, None,
                                                                             date(2026, 4, 15))
        assert [(r.teks, r.role_kode, r.status) for r in hasil] == [(t, rl, "baru") for t, rl, _ in REKOMENDASI]
        # A second call adds to the same Evaluasi.
        rekomendasi_lhe(s, evaluasi_akip_id=ev.id, rekomendasi=[RekomendasiBaruLhe(
            "Publikasikan Laporan Kinerja di laman kecamatan", "kasubag_evapor", date(2026, 7, 31))], oleh=insp,
            pada=_wib(2026, 4, 17))
        assert len(s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == induk.id)).all()) == 3
        kec_id, sekcam_rek, kasi_rek = ev.kecamatan_id, hasil[0].id, hasil[1].id

        setahun = tindak_lanjut(s, kecamatan_ids=[kec_id], tahun=2025, triwulan=None, hari_ini=date(2026, 4, 20))
        assert set(setahun["periode"]) == {"Evaluasi AKIP 2025"} and len(setahun) == 3
        assert not setahun["periode_lain"].any()
        triwulan = tindak_lanjut(s, kecamatan_ids=[kec_id], tahun=2025, triwulan=4, hari_ini=date(2026, 4, 20))
        assert triwulan.empty
        lhe = isi_lhe(s, s.get(EvaluasiAkip, ev.id))
        assert [(r.teks, r.penanggung_jawab, r.jatuh_tempo) for r in lhe.rekomendasi][:2] == [
            ("Pantau Rencana Aksi setiap triwulan dalam rapat pimpinan", "Sekretaris Camat", "30 Juni 2026"),
            ("Lengkapi definisi operasional IKU kependudukan", "Kasi Pemerintahan", "30 April 2026")]

        sekcam, camat = pengguna(s, peran="sekcam"), pengguna(s, peran="camat")
        mulai_tindak_lanjut(s, rekomendasi_id=sekcam_rek, oleh=sekcam, pada=_wib(2026, 4, 20))
        tl = serahkan(s, rekomendasi_id=sekcam_rek, uraian="Rencana Aksi dibahas pada rapat pimpinan April",
                      oleh=sekcam, pada=_wib(2026, 4, 27))
        periksa(s, rekomendasi_id=sekcam_rek, terima=True, oleh=camat, pada=_wib(2026, 4, 28))
        r = akui(s, rekomendasi_id=sekcam_rek, oleh=camat, pada=_wib(2026, 4, 28, 11))
        assert r.status == "selesai" and s.get(TindakLanjut, tl.id).keputusan == "diterima"
        ingat = pengingat(s, camat, date(2026, 5, 1))
        assert [(x.id, telat) for x, telat in ingat] == [(kasi_rek, True)]
        # After the day chosen, an overdue LHE recommendation stays in sight in a quarter of 2026, marked.
        lain = tindak_lanjut(s, kecamatan_ids=[kec_id], tahun=2026, triwulan=2, hari_ini=date(2026, 5, 1))
        assert list(zip(lain["periode"], lain["periode_lain"], strict=True)) == [("Evaluasi AKIP 2025", True)]


def test_only_the_kabupatens_evaluator_adds_lhe_recommendations_once_final(demo):
    with session_scope(demo) as s:
        ev = evaluasi_akip(s, status="reviu")
        insp = evaluator(s)
        with pytest.raises(Ditolak) as e:
            rekomendasi_lhe(s, evaluasi_akip_id=ev.id, rekomendasi=REKOMENDASI, oleh=insp)
        assert str(e.value) == PESAN_BELUM_FINAL == ("Rekomendasi LHE ditambahkan setelah Evaluasi AKIP final; "
                                                     "selesaikan penilaiannya lebih dulu.")
        ev.status, ev.tanggal_lhe = "final", date(2026, 4, 15)
        s.add(ev)
        s.flush()
        lain = evaluator(s, "Tanjung Jabung Barat")
        for oleh in (pengguna(s, peran="camat"), pengguna(s, peran="kabupaten", kabupaten="Malang"), lain):
            with pytest.raises(Ditolak) as e:
                rekomendasi_lhe(s, evaluasi_akip_id=ev.id, rekomendasi=REKOMENDASI, oleh=oleh)
            assert str(e.value) == PESAN_BUKAN_EVALUATOR == (
                "Rekomendasi LHE hanya dapat ditambahkan oleh Evaluator Inspektorat kabupaten kecamatan ini.")
        with pytest.raises(Ditolak) as e:
            rekomendasi_lhe(s, evaluasi_akip_id=ev.id, oleh=insp, rekomendasi=[
                REKOMENDASI[0], ("Tanpa penanggung jawab", None, date(2026, 6, 30))])
        assert str(e.value) == "Rekomendasi 2: Penanggung jawab rekomendasi wajib dipilih."
        with pytest.raises(Ditolak) as e:
            rekomendasi_lhe(s, evaluasi_akip_id=ev.id, oleh=insp,
                            rekomendasi=[("Terlalu awal", "sekcam", date(2026, 4, 1))])
        assert str(e.value) == ("Rekomendasi 1: Jatuh tempo (1 April 2026) tidak boleh sebelum tanggal evaluasi "
                                "(15 April 2026).")
        s.rollback()
    with session_scope(demo) as s:
        assert s.exec(select(Rekomendasi)).all() == [] or all(
            s.get(Evaluasi, r.evaluasi_id).jenis != "evaluasi_akip" for r in s.exec(select(Rekomendasi)))


def test_the_evaluator_enters_lhe_recommendations_on_tindak_lanjut(demo, app, client):
    """Tindak Lanjut shows the evaluator the form for the kabupaten's final evaluations; saving through it makes the
    recommendations; an office user calling the callback is refused before anything runs."""
    with session_scope(demo) as s:
        ev_id = evaluasi_akip(s).id
        evaluator(s)
    masuk(client, "inspektorat.malang")
    halaman = teks_jawaban(buka_halaman(client, "/tindak-lanjut"))
    assert "Rekomendasi LHE" in halaman and "Kecamatan Poncokusumo · Evaluasi AKIP 2025" in halaman
    r = panggil(client, app, "lhe-rek-pesan.children", evaluasi_akip_id=ev_id, _n=1)
    assert "Isi sekurang-kurangnya satu rekomendasi." in teks_jawaban(r)
    cb = daftar_callback(app)["lhe-rek-pesan.children"]
    badan = payload("lhe-rek-pesan.children", cb, {})
    for d, v in zip(badan["state"], [ev_id, "Pantau Rencana Aksi setiap triwulan", None, "sekcam", "30 Juni 2026"],
                    strict=False):  # the evaluation, then the first row: text, IKU, role, due date
        d["value"] = v
    r = client.post("/_dash-update-component", json=badan)
    assert "1 rekomendasi LHE tersimpan; kecamatan menindaklanjutinya di Tindak Lanjut." in teks_jawaban(r)
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        assert [(r.teks, r.role_kode, r.jatuh_tempo) for r in s.exec(
            select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.evaluasi_id))] == [
            ("Pantau Rencana Aksi setiap triwulan", "sekcam", date(2026, 6, 30))]
    masuk(client, "camat.poncokusumo")
    sebelum = sidik_basis_data(demo)
    assert panggil(client, app, "lhe-rek-pesan.children", evaluasi_akip_id=ev_id, _n=1).status_code == 403
    assert sidik_basis_data(demo) == sebelum
    # The camat reads the recommendation on Tindak Lanjut with its source.
    kunci = next(k for k in daftar_callback(app) if k.startswith("..tl-isi.children...tl-pilih.options"))
    isi = teks_jawaban(panggil(client, app, kunci, kecamatan=None, tahun=2025, triwulan=0, _pesan=None,
                               _pesan_ev=None, minta=None))
    assert "Evaluasi AKIP 2025 · Pantau Rencana Aksi setiap triwulan · Baru" in isi
    isi = teks_jawaban(panggil(client, app, kunci, kecamatan=None, tahun=2025, triwulan=4, _pesan=None,
                               _pesan_ev=None, minta=None))
    assert "Evaluasi AKIP 2025" not in isi


def test_the_demo_history_holds_a_final_evaluasi_akip_per_office(engine):
    """The offices of a small history of each kabupaten: a final Evaluasi AKIP of 2025 each, its frozen score the evaluator's answers
    scored, between 55 and 80, answers differing between offices, findings and the LHE's date; Malang's predicates
    released, Tanjung Jabung Barat's not; two or three LHE recommendations each, some followed up."""
    from seed.riwayat import buat_riwayat

    for kab in ("Malang", "Tanjung Jabung Barat"):
        buat_riwayat(engine, kabupaten=kab, kecamatan=2, tahun=2, seed=2, hari_ini=date(2026, 11, 20))
    with session_scope(engine) as s:
        semua = s.exec(select(EvaluasiAkip)).all()
        assert len(semua) >= 4  # every office of the history (a kabupaten's demo offices with SOPs count too)
        jawaban_kantor = []
        for ev in semua:
            kab = s.get(Kabupaten, s.get(Kecamatan, ev.kecamatan_id).kabupaten_id).nama
            _, n = nilai_evaluator(s, ev)
            assert (ev.tahun, ev.status, ev.nilai, ev.predikat) == (2025, "final", float(bulat(n.total)), n.predikat)
            assert 55 <= ev.nilai <= 80 and ev.temuan and ev.tanggal_lhe and ev.evaluator_id
            assert (ev.dirilis_pada is not None) == (kab == "Malang")
            assert s.get(User, ev.evaluator_id).role_kode == "evaluator"
            rek = s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.evaluasi_id)).all()
            assert 2 <= len(rek) <= 3
            jawaban_kantor.append(tuple(sorted((j.kode, j.evaluator) for j in s.exec(
                select(JawabanLke).where(JawabanLke.evaluasi_akip_id == ev.id)))))
        assert len(set(jawaban_kantor)) == len(semua)
        lhe_ev = {ev.evaluasi_id for ev in semua}
        assert s.exec(select(TindakLanjut).join(Rekomendasi).where(col(Rekomendasi.evaluasi_id).in_(lhe_ev))).all()


def test_the_per_period_recap_puts_a_years_evaluasi_akip_after_its_fourth_quarter():
    import pandas as pd

    from models.dasbor.kueri import rekap_tindak_lanjut

    df = pd.DataFrame({"periode": ["Triwulan I 2026", "Evaluasi AKIP 2025", "Triwulan IV 2025", "Triwulan I 2025"],
                       "tahun": [2026, 2025, 2025, 2025], "triwulan": [1, None, 4, 1], "status": ["baru"] * 4,
                       "terlambat": [False] * 4, "periode_lain": [False] * 4, "umur": [1, 2, 3, 4]})
    assert rekap_tindak_lanjut(df, "periode")["periode"].tolist() == [
        "Triwulan I 2025", "Triwulan IV 2025", "Evaluasi AKIP 2025", "Triwulan I 2026"]


def test_two_first_batches_of_recommendations_make_one_evaluation(demo):
    """Both evaluators had the final evaluation open without its Evaluasi; the first saves and commits; the
    second's batch joins the same Evaluasi (its link is written only where still empty, a compare-and-set), so the
    LHE holds both batches and there is one Evaluasi AKIP of the year in Tindak Lanjut."""
    with session_scope(demo) as s:
        ev_id = evaluasi_akip(s).id
        evaluator(s)
    with session_scope(demo) as s1, session_scope(demo) as s2:
        assert s1.get(EvaluasiAkip, ev_id).evaluasi_id is None and s2.get(EvaluasiAkip, ev_id).evaluasi_id is None
        rekomendasi_lhe(s1, evaluasi_akip_id=ev_id, rekomendasi=REKOMENDASI[:1], oleh=evaluator(s1))
        s1.commit()
        rekomendasi_lhe(s2, evaluasi_akip_id=ev_id, rekomendasi=REKOMENDASI[1:], oleh=evaluator(s2))
        s2.commit()
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        induk = s.exec(select(Evaluasi).where(Evaluasi.jenis == "evaluasi_akip")).all()
        assert [e.id for e in induk] == [ev.evaluasi_id]
        assert sorted(r.teks for r in s.exec(select(Rekomendasi).where(Rekomendasi.evaluasi_id == ev.evaluasi_id))) == \
            sorted(r[0] for r in REKOMENDASI)
