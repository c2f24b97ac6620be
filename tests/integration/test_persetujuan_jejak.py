"""Persetujuan after a return, after an action, and when a step is finished with nothing of its kelengkapan ticked.

Poncokusumo's Renja 2027 (twelve steps, each listing its kelengkapan): steps 1-5 done, the Kasubag Evapor returns
step 6 to step 5 with a reason. The Staf's step 5 (attempt 2) then shows who returned it, when and why, and every
earlier step's note; the Kasubag Evapor, once the Staf has finished step 5 again, reads the Staf's note and that it
was finished without its "Konsep Renja" (which the Staf had to confirm: the first request only asks, and writes
nothing). After each action the step leaves the list and the panel, "Tugas saya (n)" counts again, and the last
step says the work has ended.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.pekerjaan import mulai_pekerjaan
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.sop.jejak import jejak_eksekusi, jejak_sebelum
from models.tables import AuditLog, CatatanLangkah, Eksekusi
from models.umum.penolakan import Ditolak
from models.umum.status import KeadaanLangkah, StatusEksekusi
from tests.conftest import masuk
from tests.dash_util import daftar_callback, payload, sidik_basis_data, teks_jawaban
from tests.fabrik import nama_pengguna, pengguna, sop

T = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)  # 20 November 2026 09.00 WIB
ALASAN = "Target IKU-2 belum sesuai Renstra; perbaiki tabel sasaran."


def _sampai(s, eks_id: int, peran: str) -> CatatanLangkah:
    """Finish the run's steps (each by its own role) until the open one waits on `peran`."""
    while (rec := catatan_terbuka(s, eks_id)).role_kode != peran:
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode), pada=T,
                   catatan=f"Catatan langkah oleh {rec.role_kode}.")
    return rec


@pytest.fixture
def dikembalikan(demo):
    """Renja 2027 returned by the Kasubag Evapor at step 6 to the Staf's step 5; the ids of its run and open step."""
    with session_scope(demo) as s:
        renja = sop(s, nama="Penyusunan Rencana Kerja (Renja)")
        eks = mulai_pekerjaan(s, sop_id=renja.id, judul="Renja 2027", tahun=2027, triwulan=None,
                              oleh=pengguna(s, peran="camat"), pada=T)
        _sampai(s, eks.id, "staf")
        rec = catatan_terbuka(s, eks.id)
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran="staf"), pada=T, catatan="Konsep pertama.")
        rec = catatan_terbuka(s, eks.id)
        assert rec.role_kode == "kasubag_evapor"
        baru = putuskan(s, catatan_id=rec.id, setuju=False, alasan=ALASAN, oleh=pengguna(s, peran="kasubag_evapor"),
                        pada=T)
        return {"eksekusi": eks.id, "langkah": baru.id}


def _panggil(client, app, fungsi: str, pemicu: str | None = None, modul: str = "callbacks.persetujuan", **nilai):
    kunci, cb = next((k, v) for k, v in daftar_callback(app).items()
                     if v["callback"].__module__ == modul and v["callback"].__name__ == fungsi)
    badan = payload(kunci, cb, nilai)
    if pemicu:
        badan["changedPropIds"] = [f"{pemicu}.{'value' if pemicu == 'tugas-pilih' else 'n_clicks'}"]
    return client.post("/_dash-update-component", json=badan)


def test_the_step_a_return_brought_back_knows_who_returned_it_when_and_why(demo, dikembalikan):
    with session_scope(demo) as s:
        rec = s.get(CatatanLangkah, dikembalikan["langkah"])
        assert (rec.role_kode, rec.percobaan) == ("staf", 2)
        lalu = jejak_sebelum(s, rec)
        evapor = pengguna(s, peran="kasubag_evapor")
        assert lalu.kembali is not None
        assert (lalu.kembali.alasan, lalu.kembali.oleh, lalu.kembali.peran, lalu.kembali.langkah_no,
                lalu.kembali.pada) == (ALASAN, evapor.nama, "Kasubag Evapor", "6", T)
        # Every earlier step, in order, with its result and note: steps 1-5 finished, step 6 returned.
        assert [(j.langkah_no, j.hasil) for j in lalu.sebelumnya] == [
            (str(n), KeadaanLangkah.SELESAI) for n in range(1, 6)] + [("6", KeadaanLangkah.DIKEMBALIKAN)]
        assert lalu.sebelumnya[0].catatan == "Catatan langkah oleh camat."
        assert lalu.sebelumnya[4].catatan == "Konsep pertama."
        # The run seen from the Waktu Siklus timeline is the same trail.
        assert jejak_eksekusi(s, dikembalikan["eksekusi"]) == lalu
        # A step opened in the ordinary way (step 6 after step 5 is done again) was not brought back by a return.
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran="staf"), pada=T)
        assert jejak_sebelum(s, catatan_terbuka(s, dikembalikan["eksekusi"])).kembali is None


def test_persetujuan_shows_the_staf_the_return_and_the_earlier_notes(demo, dikembalikan, app, client):
    masuk(client, nama_pengguna("staf"))
    client.get("/persetujuan")
    r = _panggil(client, app, "tampilkan", "tugas-pilih", catatan_id=dikembalikan["langkah"])
    teks = teks_jawaban(r)
    assert "Dikembalikan untuk diperbaiki." in teks
    assert "Kasubag Evapor Poncokusumo (Kasubag Evapor), langkah 6, 20 November 2026 09.00 WIB: " in teks
    assert ALASAN in teks
    assert "Catatan langkah sebelumnya" in teks and "Catatan langkah oleh sekcam." in teks
    assert "Konsep pertama." in teks


@pytest.mark.parametrize("username, boleh", [(nama_pengguna("camat"), True), (nama_pengguna("kabupaten", "Malang"), True),
                                             (nama_pengguna("camat", "Kalipare"), False)])
def test_the_waktu_siklus_timeline_shows_the_same_trail_to_whoever_may_see_the_run(demo, dikembalikan, app, client,
                                                                                   username, boleh):
    masuk(client, username)
    client.get("/siklus")
    r = _panggil(client, app, "garis_waktu", modul="callbacks.siklus", eksekusi_id=dikembalikan["eksekusi"])
    if not boleh:
        assert r.status_code == 403 and ALASAN not in r.get_data(as_text=True)
        return
    teks = teks_jawaban(r)
    assert "Kasubag Evapor Poncokusumo (Kasubag Evapor), langkah 6, 20 November 2026 09.00 WIB: " in teks
    assert ALASAN in teks and "Catatan langkah sebelumnya" in teks and "Konsep pertama." in teks


def test_the_notes_are_not_shown_to_another_office(demo, dikembalikan, app, client):
    masuk(client, nama_pengguna("staf", "Kalipare"))
    client.get("/persetujuan")
    r = _panggil(client, app, "tampilkan", "tugas-pilih", catatan_id=dikembalikan["langkah"])
    assert r.status_code == 403
    assert ALASAN not in r.get_data(as_text=True)


def test_finishing_without_any_kelengkapan_is_asked_first_then_recorded_and_shown(demo, dikembalikan, app, client):
    rec_id = dikembalikan["langkah"]
    masuk(client, nama_pengguna("staf"))
    client.get("/persetujuan")
    sidik = sidik_basis_data(demo)
    r = _panggil(client, app, "bertindak", "tugas-selesai", catatan_id=rec_id, alasan="Konsep diperbaiki.", bukti=[])
    teks = teks_jawaban(r)
    assert ("Belum ada kelengkapan langkah 5 yang dicentang: Konsep Renja. Centang yang tersedia, atau nyatakan "
            "bahwa langkah ini diselesaikan tanpa kelengkapan") in teks
    jawaban = r.get_json()["response"]
    assert jawaban["tugas-tanpa-bukti"]["className"] == "mt-1"  # the confirmation is offered
    assert jawaban["tugas-konfirmasi"]["data"] == {"catatan_id": rec_id, "tombol": "tugas-selesai"}
    assert sidik_basis_data(demo) == sidik  # asked, nothing written

    # A confirmation for another step is refused.
    r = _panggil(client, app, "bertindak", "tugas-tanpa-bukti", catatan_id=rec_id, alasan="x", bukti=[],
                 konfirmasi={"catatan_id": rec_id + 1000, "tombol": "tugas-selesai"})
    assert "Konfirmasi ini bukan untuk langkah yang dipilih" in teks_jawaban(r)
    assert sidik_basis_data(demo) == sidik

    r = _panggil(client, app, "bertindak", "tugas-tanpa-bukti", catatan_id=rec_id, alasan="Konsep diperbaiki.",
                 bukti=[], konfirmasi={"catatan_id": rec_id, "tombol": "tugas-selesai"})
    teks = teks_jawaban(r)
    assert "Langkah diselesaikan; berkas diteruskan ke langkah 6 (Kasubag Evapor)." in teks
    assert "Dicatat pada langkah ini: diselesaikan tanpa kelengkapan yang dicentang." in teks
    with session_scope(demo) as s:
        rec = s.get(CatatanLangkah, rec_id)
        assert (rec.hasil, rec.bukti, rec.catatan) == ("selesai", [], "Konsep diperbaiki.")
        audit = s.exec(select(AuditLog).where(AuditLog.objek == "catatan_langkah")
                       .where(AuditLog.objek_id == rec_id)).all()
        assert [(a.aksi, a.sesudah["tanpa_kelengkapan"]) for a in audit] == [("langkah.selesai", ["Konsep Renja"])]
        berikut = catatan_terbuka(s, dikembalikan["eksekusi"]).id

    # The Kasubag Evapor, at step 6 again, reads it.
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/persetujuan")
    teks = teks_jawaban(_panggil(client, app, "tampilkan", "tugas-pilih", catatan_id=berikut))
    assert "Konsep diperbaiki." in teks
    assert "Diselesaikan tanpa kelengkapan yang dicentang: Konsep Renja." in teks
    assert "Dikembalikan untuk diperbaiki." not in teks.split("Catatan langkah sebelumnya")[0]  # not a return now


def test_the_domain_refuses_finishing_without_kelengkapan_unconfirmed(demo, dikembalikan):
    sidik = sidik_basis_data(demo)
    with pytest.raises(Ditolak, match="Belum ada kelengkapan langkah 5 yang dicentang: Konsep Renja."):
        with session_scope(demo) as s:
            selesaikan(s, catatan_id=dikembalikan["langkah"], oleh=pengguna(s, peran="staf"), bukti=[])
    assert sidik_basis_data(demo) == sidik
    with session_scope(demo) as s:  # one item ticked: no question asked, nothing recorded as missing
        selesaikan(s, catatan_id=dikembalikan["langkah"], oleh=pengguna(s, peran="staf"), bukti=["Konsep Renja"])
        a = s.exec(select(AuditLog).where(AuditLog.objek_id == dikembalikan["langkah"])
                   .where(AuditLog.aksi == "langkah.selesai")).one()
        assert "tanpa_kelengkapan" not in a.sesudah


def test_after_an_action_the_step_leaves_the_panel_and_the_count_is_redrawn(demo, dikembalikan, app, client):
    rec_id = dikembalikan["langkah"]
    masuk(client, nama_pengguna("staf"))
    halaman = json.dumps(client.post("/_dash-update-component", json={
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/persetujuan"},
                   {"id": "_pages_location", "property": "search", "value": ""}],
        "state": [], "changedPropIds": ["_pages_location.pathname"]}).get_json(), ensure_ascii=False)
    assert "Tugas saya (1)" in halaman
    r = _panggil(client, app, "bertindak", "tugas-selesai", catatan_id=rec_id, alasan="", bukti=["Konsep Renja"])
    jawaban = r.get_json()["response"]
    assert jawaban["tugas-judul"]["children"] == "Tugas saya (0)"
    assert jawaban["tugas-pilih"] == {"options": [], "value": None}
    # The panel, asked again with nothing chosen, no longer shows the step just completed.
    r = _panggil(client, app, "tampilkan", "tugas-pesan", catatan_id=None)
    jawaban = r.get_json()["response"]
    assert "Renja 2027" not in json.dumps(jawaban)
    assert "Pilih langkah di sebelah kiri." in teks_jawaban(r)
    assert jawaban["tugas-bukti"] == {"options": [], "value": []}


def test_the_last_step_says_the_work_has_ended(demo, dikembalikan, app, client):
    with session_scope(demo) as s:
        rec = catatan_terbuka(s, dikembalikan["eksekusi"])
        selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran="staf"), pada=T)
        while True:  # steps 6-11; the last, step 12, is the Staf's again
            rec = catatan_terbuka(s, dikembalikan["eksekusi"])
            lk_no = rec.langkah_id
            if rec.role_kode == "staf":
                break
            oleh = pengguna(s, peran=rec.role_kode)
            from models.tables import SopLangkah
            if s.get(SopLangkah, lk_no).keputusan:
                putuskan(s, catatan_id=rec.id, setuju=True, oleh=oleh, pada=T)
            else:
                selesaikan(s, catatan_id=rec.id, oleh=oleh, pada=T)
        terakhir = rec.id
    masuk(client, nama_pengguna("staf"))
    client.get("/persetujuan")
    r = _panggil(client, app, "bertindak", "tugas-selesai", catatan_id=terakhir, alasan="",
                 bukti=["Dokumen Renja yang sudah disahkan"])
    teks = teks_jawaban(r)
    assert "Langkah diselesaikan. Pekerjaan \"Renja 2027\" telah selesai: semua langkah SOP sudah dilalui." in teks
    assert "diteruskan" not in teks
    with session_scope(demo) as s:
        assert s.get(Eksekusi, dikembalikan["eksekusi"]).status == StatusEksekusi.SELESAI
