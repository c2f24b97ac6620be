"""The Evaluasi AKIP page through its callbacks: who sees which office's LKE, who writes which column, the live
scores of the hand-worked LKE as a person reads them, and an evaluator that cannot change any office figure."""
from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from sqlmodel import select

from models.akun.akses import PESAN_KANTOR, PESAN_PERAN
from models.db import session_scope
from models.kinerja.iku import iku_kantor
from models.kinerja.realisasi import Isian, simpan_draf
from models.perencanaan.anggaran import IsianAnggaran, simpan_anggaran
from models.perencanaan.dokumen_kinerja import tetapkan_target_renstra
from models.perencanaan.perjanjian_kinerja import buat_draf, simpan_rencana_aksi, tambah_indikator
from models.perencanaan.target import ubah_target
from models.tables import EvaluasiAkip, JawabanLke, Kabupaten, User
from models.tindak_lanjut import bukti_lke
from models.tindak_lanjut import evaluasi_akip as ea
from models.tindak_lanjut.bukti_lke import Tautan, Usulan
from models.tindak_lanjut.lhe import PESAN_EVALUATOR_BELUM_FINAL
from models.umum.penolakan import Ditolak
from tests import lke_contoh
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, payload, sidik_basis_data, tabel_jawaban, teks_jawaban
from tests.fabrik import kantor, pengguna

HARI = date(2026, 3, 10)
TAHUN = 2025


def _kunci(app, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == f"callbacks.evaluasi_akip.{nama}")


def _panggil(client, app, nama: str, kode: str | None = None, **nilai):
    """A callback of the page as the browser calls it; `kode`: the criterion of a per-criterion component."""
    client.get("/_dash-layout")
    kunci = _kunci(app, nama)
    body = payload(kunci, daftar_callback(app)[kunci], nilai)
    if kode is not None:
        teks = json.dumps(body).replace('"index": 1', f'"index": "{kode}"').replace('\\"index\\":1',
                                                                                     f'\\"index\\":\\"{kode}\\"')
        body = json.loads(teks)
    return client.post("/_dash-update-component", json=body)


def _komponen(isi, ident: str) -> dict | None:
    """The props of the component `ident` in an answer."""
    if isinstance(isi, dict):
        if isinstance(isi.get("props"), dict) and isi["props"].get("id") == ident:
            return isi["props"]
        isi = list(isi.values())
    if isinstance(isi, list):
        return next((p for v in isi if (p := _komponen(v, ident)) is not None), None)
    return None


def _ev(demo, kec: str = "Poncokusumo") -> int:
    with session_scope(demo) as s:
        return ea.evaluasi_kantor(s, kantor(s, nama=kec).id, TAHUN).id


def _final(demo) -> int:
    """Poncokusumo's Evaluasi AKIP 2025 answered and finalised as in tests/lke_contoh.py."""
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        evaluator = pengguna(s, peran="evaluator", kabupaten="Malang")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        for kode, (m, _e) in lke_contoh.JAWABAN.items():
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=m, catatan=None, oleh=evapor)
        ea.kirim(s, evaluasi_id=ev.id, oleh=evapor)
        for kode, (_m, e) in lke_contoh.JAWABAN.items():
            ea.jawab_evaluator(s, evaluasi_id=ev.id, kode=kode, jawaban=e, catatan=None, oleh=evaluator)
        ea.finalkan(s, evaluasi_id=ev.id, temuan="Temuan uji.", tanggal_lhe=HARI, oleh=evaluator, hari_ini=HARI)
        return ev.id


NILAI_LKE_CONTOH = [
    ["Komponen", "Bobot", "Mandiri", "Evaluator"],
    ["1. Perencanaan Kinerja", "30,00", "24,00", "21,53"],
    ["1.1", "6,00", "6,00", "5,14"], ["1.2", "9,00", "6,75", "6,08"], ["1.3", "15,00", "11,25", "10,31"],
    ["2. Pengukuran Kinerja", "30,00", "24,00", "21,64"],
    ["2.1", "6,00", "6,00", "6,00"], ["2.2", "9,00", "6,75", "7,39"], ["2.3", "15,00", "11,25", "8,25"],
    ["3. Pelaporan Kinerja", "15,00", "12,00", "11,50"],
    ["3.1", "3,00", "3,00", "2,50"], ["3.2", "4,50", "3,38", "3,38"], ["3.3", "7,50", "5,63", "5,63"],
    ["4. Evaluasi Akuntabilitas Kinerja Internal", "25,00", "20,00", "15,46"],
    ["4.1", "5,00", "5,00", "3,33"], ["4.2", "7,50", "5,63", "5,25"], ["4.3", "12,50", "9,38", "6,88"],
    ["Nilai total", "100", "80,00", "70,13"],
    ["Predikat", "", "BB (Sangat Baik)", "BB (Sangat Baik)"],
]


@pytest.mark.parametrize("username", ["evapor.poncokusumo", "camat.poncokusumo", "kabupaten.malang",
                                      "inspektorat.malang"])
def test_the_hand_worked_lke_reads_the_same_on_the_page(client, app, demo, username):
    """The scores of tests/lke_contoh.py (worked by hand in its docstring and in test_evaluasi_akip.py) as every
    reader of Poncokusumo's LKE sees them: 3.2's office score is 4,5 x 0,75 = 3,375 -> 3,38."""
    ev_id = _final(demo)
    masuk(client, username)
    r = _panggil(client, app, "nilai", evaluasi_id=ev_id)
    assert tabel_jawaban(r, "akip-tabel-nilai") == NILAI_LKE_CONTOH
    r = _panggil(client, app, "tampilkan", kecamatan="Poncokusumo" if username.startswith(("kab", "insp")) else None,
                 tahun=TAHUN)
    assert r.get_json()["response"]["akip-evaluasi"]["data"] == ev_id
    teks = teks_jawaban(_panggil(client, app, "kepala", evaluasi_id=ev_id))
    assert "Evaluasi AKIP 2025 Kecamatan Poncokusumo" in teks and "Final" in teks
    assert "Nilai 70,13 · predikat BB (Sangat Baik)" in teks and "LHE tanggal 10 Maret 2026." in teks
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        assert (ev.nilai, ev.predikat) == (float(lke_contoh.TOTAL), lke_contoh.PREDIKAT)


CATATAN_EVALUATOR = "Bukti reviu evaluator belum mendukung jawaban"


def _kolom_evaluator(isi) -> list:
    """The evaluator's answer and note fields (pattern ids) in a callback's answer."""
    if isinstance(isi, dict):
        ident = isi.get("id")
        sendiri = [isi] if isinstance(ident, dict) and ident.get("type") in ("akip-evaluator",
                                                                             "akip-catatan-evaluator") else []
        return sendiri + [x for v in isi.values() for x in _kolom_evaluator(v)]
    if isinstance(isi, list):
        return [x for v in isi for x in _kolom_evaluator(v)]
    return []


def _dalam_reviu(demo) -> int:
    """Poncokusumo's LKE of tests/lke_contoh.py sent and answered in full by the evaluator, each criterion with a
    note, and 2.2.4 sent back with a question the office has answered: still in review."""
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        evaluator = pengguna(s, peran="evaluator", kabupaten="Malang")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        for kode, (m, _e) in lke_contoh.JAWABAN.items():
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=m, catatan=None, oleh=evapor)
        ea.kirim(s, evaluasi_id=ev.id, oleh=evapor)
        for kode, (_m, e) in lke_contoh.JAWABAN.items():
            ea.jawab_evaluator(s, evaluasi_id=ev.id, kode=kode, jawaban=e, catatan=f"{CATATAN_EVALUATOR} {kode}.",
                               oleh=evaluator)
        ea.kembalikan(s, evaluasi_id=ev.id, kode="2.2.4", pertanyaan="Mana berita acara TW IV?", oleh=evaluator)
        ea.jawab_mandiri(s, evaluasi_id=ev.id, kode="2.2.4", jawaban=lke_contoh.JAWABAN["2.2.4"][0],
                         catatan="BA dilampirkan.", oleh=evapor)
        # the office's new answer clears the evaluator's on 2.2.4, who judges it again
        ea.jawab_evaluator(s, evaluasi_id=ev.id, kode="2.2.4", jawaban=lke_contoh.JAWABAN["2.2.4"][1],
                           catatan=f"{CATATAN_EVALUATOR} 2.2.4.", oleh=evaluator)
        assert ev.status == "reviu"
        return ev.id


@pytest.mark.parametrize("username", ["evapor.poncokusumo", "camat.poncokusumo", "sekcam.poncokusumo"])
def test_the_office_sees_the_evaluators_answers_notes_and_scores_only_once_final(client, app, demo, username):
    """As the LHE (models.tindak_lanjut.lhe.evaluator_terlihat): during the review the office reads its own column
    and the evaluator's question, and one line in place of the evaluator's answers, notes and scores."""
    ev_id = _dalam_reviu(demo)
    masuk(client, username)
    r = _panggil(client, app, "nilai", evaluasi_id=ev_id)
    assert tabel_jawaban(r, "akip-tabel-nilai") == [b[:3] for b in NILAI_LKE_CONTOH]
    teks = teks_jawaban(r)
    assert _komponen(r.get_json(), "akip-evaluator-tersembunyi")["children"] == \
        "Jawaban dan nilai evaluator tampil setelah evaluasi final." == PESAN_EVALUATOR_BELUM_FINAL
    for bocor in ("Evaluator", "70,13", "21,53", "Kolom evaluator"):
        assert bocor not in teks, bocor
    r = _panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN)
    teks = teks_jawaban(r)
    assert _komponen(r.get_json(), "akip-evaluator-tersembunyi")["children"] == PESAN_EVALUATOR_BELUM_FINAL
    assert CATATAN_EVALUATOR not in teks and _kolom_evaluator(r.get_json()) == []
    assert teks.count("Tampil setelah evaluasi final.") == len(lke_contoh.JAWABAN)
    assert "Pertanyaan evaluator (sudah dijawab): " in teks and "Mana berita acara TW IV?" in teks
    assert "BA dilampirkan." in teks  # the office's own note
    # Final: the office reads everything, as in the hand-worked page test.
    with session_scope(demo) as s:
        ea.finalkan(s, evaluasi_id=ev_id, temuan="Temuan uji.", tanggal_lhe=HARI,
                    oleh=pengguna(s, peran="evaluator", kabupaten="Malang"), hari_ini=HARI)
    r = _panggil(client, app, "nilai", evaluasi_id=ev_id)
    assert tabel_jawaban(r, "akip-tabel-nilai") == NILAI_LKE_CONTOH
    assert PESAN_EVALUATOR_BELUM_FINAL not in teks_jawaban(r)
    r = _panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN)
    teks = teks_jawaban(r)
    assert f"{CATATAN_EVALUATOR} 2.2.4." in teks and PESAN_EVALUATOR_BELUM_FINAL not in teks
    assert "Tampil setelah evaluasi final." not in teks
    assert {x["id"]["index"]: x["value"] for x in _kolom_evaluator(r.get_json())
            if x["id"]["type"] == "akip-evaluator"} == {k: e for k, (_m, e) in lke_contoh.JAWABAN.items()}


@pytest.mark.parametrize("username", ["inspektorat.malang", "kabupaten.malang", "admin"])
def test_the_evaluator_kabupaten_and_admin_see_the_evaluators_side_during_review(client, app, demo, username):
    ev_id = _dalam_reviu(demo)
    masuk(client, username)
    r = _panggil(client, app, "nilai", evaluasi_id=ev_id)
    assert tabel_jawaban(r, "akip-tabel-nilai") == NILAI_LKE_CONTOH
    assert PESAN_EVALUATOR_BELUM_FINAL not in teks_jawaban(r)
    r = _panggil(client, app, "tampilkan", kecamatan="Poncokusumo", tahun=TAHUN)
    teks = teks_jawaban(r)
    assert f"{CATATAN_EVALUATOR} 2.2.4." in teks and PESAN_EVALUATOR_BELUM_FINAL not in teks
    assert "Tampil setelah evaluasi final." not in teks
    assert {x["id"]["index"]: x["value"] for x in _kolom_evaluator(r.get_json())
            if x["id"]["type"] == "akip-evaluator"} == {k: e for k, (_m, e) in lke_contoh.JAWABAN.items()}


def test_unanswered_scores_read_belum_lengkap_never_zero(client, app, demo, monkeypatch):
    monkeypatch.setattr(bukti_lke, "PEMBACA", {})  # no proposals from the records: every criterion lacks a proof
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        for kode in ("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7"):
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban="T", catatan=None, oleh=evapor)
        ev_id = ev.id
    masuk(client, "evapor.poncokusumo")  # the office: its own column alone before final
    baris = tabel_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id), "akip-tabel-nilai")
    assert baris[1] == ["1. Perencanaan Kinerja", "30,00", "belum lengkap"]
    assert baris[2] == ["1.1", "6,00", "0,00"]  # seven T: a real 0
    assert baris[-2:] == [["Nilai total", "100", "belum lengkap"], ["Predikat", "", "belum lengkap"]]
    teks = teks_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id))
    assert "Penilaian mandiri: 73 kriteria belum dijawab." in teks and "Kolom evaluator" not in teks
    assert "Bukti belum ada (80 kriteria, tanpa berkas dan tanpa usulan dari catatan kantor): " in teks
    masuk(client, "inspektorat.malang")
    baris = tabel_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id), "akip-tabel-nilai")
    assert baris[1] == ["1. Perencanaan Kinerja", "30,00", "belum lengkap", "belum lengkap"]
    assert baris[2] == ["1.1", "6,00", "0,00", "belum lengkap"]
    assert baris[-2:] == [["Nilai total", "100", "belum lengkap", "belum lengkap"],
                          ["Predikat", "", "belum lengkap", "belum lengkap"]]
    teks = teks_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id))
    assert "Penilaian mandiri: 73 kriteria belum dijawab." in teks and "Kolom evaluator: 80 kriteria belum dijawab." \
        in teks


def test_the_office_opens_answers_uploads_and_sends_through_the_page(client, app, demo, tmp_path):
    masuk(client, "evapor.poncokusumo")
    r = _panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN)
    assert "Evaluasi AKIP tahun ini belum dibuka." in teks_jawaban(r) and "Mulai penilaian mandiri" in teks_jawaban(r)
    r = _panggil(client, app, "buka", kecamatan=None, tahun=TAHUN)
    assert "Evaluasi AKIP 2025 dibuka dengan LKE PermenPAN-RB Nomor 88 Tahun 2021." in teks_jawaban(r)
    ev_id = _ev(demo)
    r = _panggil(client, app, "simpan_mandiri", kode="2.2.4", jawaban="B", catatan="Empat pengukuran.",
                 evaluasi_id=ev_id)
    assert "Jawaban mandiri 2.2.4 disimpan: B." in teks_jawaban(r)
    r = _panggil(client, app, "simpan_mandiri", kode="1.1.1", jawaban="A", catatan="", evaluasi_id=ev_id)
    assert 'Jawaban "A" tidak ada pada skala Y/T.' in teks_jawaban(r)
    pdf = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 bukti").decode()
    r = _panggil(client, app, "unggah_bukti", kode="2.2.4", isi=pdf, nama_berkas="BA Pengukuran.pdf",
                 evaluasi_id=ev_id)
    assert "BA_Pengukuran.pdf" in teks_jawaban(r)
    teks = teks_jawaban(_panggil(client, app, "kepala", evaluasi_id=ev_id))
    assert "Kirim ke evaluator" in teks and "Finalkan evaluasi" not in teks
    r = _panggil(client, app, "kirim", evaluasi_id=ev_id, versi=1)
    assert "Penilaian mandiri belum lengkap; kriteria yang belum dijawab: 1.1.1, 1.1.2," in teks_jawaban(r)
    with session_scope(demo) as s:
        j = ea.jawaban_evaluasi(s, ev_id)
        assert (j["2.2.4"].mandiri, j["2.2.4"].catatan_mandiri, set(j)) == ("B", "Empat pengukuran.", {"2.2.4"})
        assert s.get(EvaluasiAkip, ev_id).status == "mandiri"
    # the office's user cannot answer the evaluator's column, nor send back, nor finalise (403, nothing written)
    sebelum = sidik_basis_data(demo)
    for nama, nilai in (("simpan_evaluator", {"kode": "2.2.4", "jawaban": "A", "catatan": ""}),
                        ("kembalikan", {"kode": "2.2.4", "pertanyaan": "?"}),
                        ("finalkan", {"temuan": "x", "tanggal_lhe": "1 Maret 2026", "versi": 1})):
        r = _panggil(client, app, nama, evaluasi_id=ev_id, **nilai)
        assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_PERAN})
    assert sidik_basis_data(demo) == sebelum


def test_the_evaluator_answers_sends_back_and_finalises_through_the_page(client, app, demo):
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        for kode, j in lke_contoh.jawaban_mandiri().items():
            ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=j, catatan=None, oleh=evapor)
        ea.kirim(s, evaluasi_id=ev.id, oleh=evapor)
        ev_id = ev.id
    masuk(client, "inspektorat.malang")
    r = _panggil(client, app, "simpan_evaluator", kode="3.1.5", jawaban="T", catatan="LKj belum dipublikasikan.",
                 evaluasi_id=ev_id)
    assert "Penilaian evaluator 3.1.5 disimpan: T." in teks_jawaban(r)
    r = _panggil(client, app, "kembalikan", kode="2.2.4", pertanyaan="Mana berita acara TW IV?", evaluasi_id=ev_id)
    assert "Kriteria 2.2.4 dikembalikan ke kecamatan dengan pertanyaan." in teks_jawaban(r)
    teks = teks_jawaban(_panggil(client, app, "kepala", evaluasi_id=ev_id))
    assert "Finalkan evaluasi" in teks and "Kirim ke evaluator" not in teks and "Reviu evaluator" in teks
    r = _panggil(client, app, "finalkan", temuan="Temuan", tanggal_lhe="9 Maret 2026", evaluasi_id=ev_id, versi=1)
    assert "Kriteria 2.2.4 masih dikembalikan ke kecamatan; tunggu jawabannya sebelum memfinalkan." in teks_jawaban(r)
    sebelum = sidik_basis_data(demo)
    for nama, nilai in (("simpan_mandiri", {"kode": "2.2.4", "jawaban": "A", "catatan": ""}),
                        ("kirim", {"versi": 1}), ("pakai_usulan", {"kode": "2.2.4"})):
        r = _panggil(client, app, nama, evaluasi_id=ev_id, **nilai)
        assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_PERAN})
    assert sidik_basis_data(demo) == sebelum
    # The office reads the question (not the evaluator's answer before final), and may answer only the returned
    # criterion.
    client.post("/logout")
    masuk(client, "sekcam.poncokusumo")
    teks = teks_jawaban(_panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN))
    assert "Dikembalikan evaluator: " in teks and "Mana berita acara TW IV?" in teks
    assert "LKj belum dipublikasikan." not in teks and PESAN_EVALUATOR_BELUM_FINAL in teks
    r = _panggil(client, app, "simpan_mandiri", kode="2.2.4", jawaban="A", catatan="BA dilampirkan.", evaluasi_id=ev_id)
    assert "Jawaban mandiri 2.2.4 disimpan: A." in teks_jawaban(r)
    with session_scope(demo) as s:
        j = ea.jawaban_evaluasi(s, ev_id)
        assert (j["2.2.4"].dikembalikan, j["3.1.5"].evaluator, j["3.1.5"].catatan_evaluator) == (
            False, "T", "LKj belum dipublikasikan.")


def test_an_office_user_cannot_read_another_offices_lke(client, app, demo):
    _final(demo)
    ev_id = _ev(demo)
    masuk(client, "evapor.kalipare")
    r = buka_halaman(client, "/evaluasi-akip?kecamatan=Poncokusumo&tahun=2025")
    assert r.status_code == 403 and "Poncokusumo" not in r.get_data(as_text=True)
    with session_scope(demo) as s:
        kec_id = kantor(s, nama="Poncokusumo").id
    assert client.get(f"/evaluasi-akip?kecamatan={kec_id}&tahun=2025").status_code == 403
    for nama, nilai in (("tampilkan", {"kecamatan": "Poncokusumo", "tahun": TAHUN}),
                        ("nilai", {"evaluasi_id": ev_id})):
        r = _panggil(client, app, nama, **nilai)
        assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_KANTOR}), nama
    # Its own office's page shows its own (not yet opened) evaluation.
    r = _panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN)
    assert "Kecamatan Kalipare" in teks_jawaban(r) and "Poncokusumo" not in teks_jawaban(r)


def test_the_kabupaten_picks_an_office_and_sees_the_recap_link(client, app, demo):
    masuk(client, "kabupaten.malang")
    r = buka_halaman(client, "/evaluasi-akip?kecamatan=Poncokusumo&tahun=2025")
    teks = json.dumps(r.get_json(), ensure_ascii=False)
    assert r.status_code == 200 and "/evaluasi-akip/rekap" in teks and "LKE yang berlaku" in teks
    with session_scope(demo) as s:
        kec_id = kantor(s, nama="Poncokusumo").id
    r = buka_halaman(client, f"/evaluasi-akip?kecamatan={kec_id}&tahun=2025")  # the office by its id
    assert r.status_code == 200
    assert _komponen(r.get_json(), "akip-kecamatan")["value"] == "Poncokusumo"
    r = _panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN)
    assert "Pilih satu kecamatan untuk melihat LKE-nya." in teks_jawaban(r)
    r = _panggil(client, app, "tampilkan", kecamatan="Poncokusumo", tahun=TAHUN)
    assert "Evaluasi AKIP tahun ini belum dibuka." in teks_jawaban(r) and "Buka Evaluasi AKIP" not in teks_jawaban(r)
    masuk(client, "inspektorat.malang")
    r = buka_halaman(client, "/evaluasi-akip")
    assert "LKE yang berlaku" in r.get_data(as_text=True)
    masuk(client, "camat.poncokusumo")
    teks = json.dumps(buka_halaman(client, "/evaluasi-akip").get_json(), ensure_ascii=False)
    assert "LKE yang berlaku" not in teks and "/evaluasi-akip/rekap" not in teks
    masuk(client, "inspektorat.malang")
    assert "Buka Evaluasi AKIP" in teks_jawaban(_panggil(client, app, "tampilkan", kecamatan="Poncokusumo",
                                                          tahun=TAHUN))
    masuk(client, "inspektorat.tanjungjabungbarat")
    r = _panggil(client, app, "tampilkan", kecamatan="Poncokusumo", tahun=TAHUN)
    assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_KANTOR})


def test_the_proposal_from_the_records_is_shown_and_copied_into_the_answer(client, app, demo, monkeypatch):
    kunci = bukti_lke.kunci_kriteria("Pengukuran kinerja telah dilakukan secara berkala.")
    usulan = Usulan("B", "Tiga dari empat Pengukuran Kinerja selesai tepat waktu.",
                    (Tautan("Pengukuran Kinerja TW I", "/persetujuan?tahun=2025"),))
    monkeypatch.setattr(bukti_lke, "PEMBACA", {kunci: lambda _s, _k, _t: usulan})  # this one proposal alone
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        ev_id = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI).id
    masuk(client, "evapor.poncokusumo")
    teks = teks_jawaban(_panggil(client, app, "tampilkan", kecamatan=None, tahun=TAHUN))
    assert "Usulan dari catatan kantor: " in teks and "Tiga dari empat Pengukuran Kinerja selesai tepat waktu." in teks
    assert "Pengukuran Kinerja TW I" in teks and teks.count("Pakai usulan") == 1
    r = _panggil(client, app, "pakai_usulan", kode="2.2.4", evaluasi_id=ev_id)
    jawab = r.get_json()["response"]
    assert [list(v.values())[0] for v in jawab.values()] == ["B", "Tiga dari empat Pengukuran Kinerja selesai tepat "
                                                                  "waktu."]
    with session_scope(demo) as s:  # the person still saves: nothing written yet
        assert s.exec(select(JawabanLke)).all() == []
    # 2.2.4 has a proposal: it is not among the criteria without proof.
    teks = teks_jawaban(_panggil(client, app, "nilai", evaluasi_id=ev_id))
    assert "Bukti belum ada (79 kriteria" in teks and "2.2.4" not in teks.split("Bukti belum ada")[1]


def test_the_kabupaten_adopts_a_revised_lke_through_the_page(client, app, demo):
    from tests.integration.test_evaluasi_akip import _toml

    masuk(client, "kabupaten.malang")
    isi = "data:application/octet-stream;base64," + base64.b64encode(_toml("LKE Malang 2026", 5)).decode()
    r = _panggil(client, app, "adopsi_lke", isi=isi, nama_berkas="lke.toml", tahun="2026")
    teks = teks_jawaban(r)
    assert "LKE Malang 2026 berlaku mulai 2026 untuk evaluasi yang dibuka sesudah ini." in teks
    assert "Mulai 2026: LKE Malang 2026" in teks
    masuk(client, "camat.poncokusumo")
    r = _panggil(client, app, "adopsi_lke", isi=isi, nama_berkas="lke.toml", tahun="2026")
    assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_PERAN})


def test_admin_creates_an_evaluator_at_a_kabupaten(client, app, demo):
    from models.akun.pengguna import buat_pengguna

    masuk(client, "admin")
    client.get("/_dash-layout")
    with session_scope(demo) as s:
        kab_id = s.exec(select(Kabupaten.id).where(Kabupaten.nama == "Malang")).one()
    kunci = next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "buat"
                 and cb["callback"].__module__ == "callbacks.pengguna")
    body = payload(kunci, daftar_callback(app)[kunci], {"username": "evaluator2.malang", "nama": "Evaluator Dua",
                                                         "peran": "evaluator", "kantor": f"kab:{kab_id}",
                                                         "sandi": "sandi-rahasia-1", "versi": 0})
    r = client.post("/_dash-update-component", json=body)
    assert "Pengguna evaluator2.malang dibuat." in teks_jawaban(r)
    with session_scope(demo) as s:
        u = s.exec(select(User).where(User.username == "evaluator2.malang")).one()
        assert (u.role_kode, u.kabupaten_id, u.kecamatan_id) == ("evaluator", kab_id, None)
        with pytest.raises(Ditolak, match="Pengguna kabupaten harus terikat pada satu kabupaten."):
            buat_pengguna(s, username="evaluator3", nama="Tanpa kabupaten", password="sandi-rahasia-1",
                          role_kode="evaluator", kecamatan_id=kantor(s, nama="Kalipare").id)


def test_an_evaluator_cannot_change_any_office_figure(demo):
    """The office's write functions, called as the kabupaten's evaluator on Poncokusumo, each refuse and write
    nothing (the callbacks are refused by role: tests/integration/test_akses.py with inspektorat.malang)."""
    with session_scope(demo) as s:
        kec = kantor(s, nama="Poncokusumo").id
        iku = iku_kantor(s, kec)[0].id
    panggilan = [
        (ubah_target, dict(indikator_id=iku, kecamatan_id=kec, tahun=2026, nilai=90.0)),
        (ubah_target, dict(indikator_id=iku, kecamatan_id=kec, tahun=2026, nilai=20.0, triwulan=1)),
        (simpan_draf, dict(kecamatan_id=kec, tahun=2025, triwulan=1,
                           isian=Isian(indikator_id=iku, pembilang="40", penyebut="50"))),
        (simpan_anggaran, dict(kecamatan_id=kec, tahun=2026, isian=IsianAnggaran(
            kode_program="7.01.01", program="Program", kode_kegiatan="7.01.01.2.01", kegiatan="Kegiatan",
            kode_sub_kegiatan="7.01.01.2.01.01", sub_kegiatan="Sub", pagu="1000000"))),
        (buat_draf, dict(kecamatan_id=kec, tahun=2026, role_kode="camat")),
        (tambah_indikator, dict(kecamatan_id=kec, tahun=2026, role_kode="sekcam", indikator_id=iku, nama="X",
                                satuan="%", target="90")),
        (simpan_rencana_aksi, dict(kecamatan_id=kec, tahun=2026, triwulan=1, indikator_id=iku, kegiatan="K",
                                   role_kode="kasi_pem", terlaksana=None)),
        (tetapkan_target_renstra, dict(indikator_id=iku, kecamatan_id=kec, tahun_awal=2025, tahun_akhir=2029,
                                       nilai=95.0)),
    ]
    sebelum = sidik_basis_data(demo)
    for fungsi, kw in panggilan:
        with pytest.raises(Ditolak), session_scope(demo) as s:
            fungsi(s, oleh=pengguna(s, peran="evaluator", kabupaten="Malang"), **kw)
            pytest.fail(f"{fungsi.__name__} menerima evaluator")
    assert sidik_basis_data(demo) == sebelum


def test_a_proof_is_read_by_its_office_and_its_kabupaten_only(client, app, demo):
    app.server.extensions["sakip_settings"].upload_dir.mkdir(parents=True, exist_ok=True)
    with session_scope(demo) as s:
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")
        ev = ea.buka(s, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        x = ea.unggah_bukti(s, evaluasi_id=ev.id, kode="2.1.3", nama_berkas="SOP.pdf", data=b"%PDF-1.4 sop",
                            oleh=evapor, folder=app.server.extensions["sakip_settings"].upload_dir)
        x_id = x.id
    for username, status in (("evapor.kalipare", 403), ("inspektorat.tanjungjabungbarat", 403),
                             ("kabupaten.tanjungjabungbarat", 403), ("inspektorat.malang", 200),
                             ("camat.poncokusumo", 200)):
        masuk(client, username)
        r = client.get(f"/lampiran/{x_id}")
        assert r.status_code == status, username
        assert (r.data == b"%PDF-1.4 sop") == (status == 200)


def test_the_kabupaten_sets_who_reviews_the_lkj_on_its_settings_page(client, app, demo):
    def kunci(nama: str) -> str:
        return next(k for k, cb in daftar_callback(app).items()
                    if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == f"callbacks.pengaturan_kabupaten.{nama}")

    from tests.dash_util import panggil

    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    r = panggil(client, app, kunci("isi"), kabupaten=None)
    assert r.get_json()["response"]["pengaturan-reviu-lkj"]["value"] == "sekcam"
    r = panggil(client, app, kunci("simpan"), kabupaten=None, bupati="Bupati Malang", batas="120", awal="",
                ditetapkan="", reviu_lkj="bupati")
    assert ("Pilih siapa yang mereviu Laporan Kinerja: Sekretaris Camat atau Inspektorat kabupaten."
            in teks_jawaban(r))
    r = panggil(client, app, kunci("simpan"), kabupaten=None, bupati="Bupati Malang", batas="120", awal="",
                ditetapkan="", reviu_lkj="inspektorat")
    assert "Pengaturan Kabupaten Malang disimpan." in teks_jawaban(r)
    with session_scope(demo) as s:
        kab = s.exec(select(Kabupaten).where(Kabupaten.nama == "Malang")).one()
        assert kab.reviu_lkj == "inspektorat"
    r = panggil(client, app, kunci("isi"), kabupaten=None)
    assert r.get_json()["response"]["pengaturan-reviu-lkj"]["value"] == "inspektorat"
    masuk(client, "inspektorat.malang")  # the evaluator does not change the kabupaten's settings
    r = panggil(client, app, kunci("simpan"), kabupaten=None, bupati="", batas="120", awal="", ditetapkan="",
                reviu_lkj="sekcam")
    assert (r.status_code, r.get_json()) == (403, {"galat": PESAN_PERAN})
