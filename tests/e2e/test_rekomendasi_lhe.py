"""In Chromium: the kabupaten's evaluator enters the LHE's recommendation of Poncokusumo's final Evaluasi AKIP of last
year on Tindak Lanjut; the Camat finds it there as "Evaluasi AKIP <tahun>", not under a quarter; the Sekretaris
Camat starts its follow-up."""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from models.db import session_scope
from models.tables import EvaluasiAkip, Rekomendasi
from models.tindak_lanjut.lke import isi_bawaan
from models.umum.tanggal import tanggal_panjang
from seed.akip_demo import pastikan_evaluator
from tests.e2e.conftest import masuk_sebagai, tunggu_js
from tests.fabrik import kabupaten, kantor

TEKS = "Pantau capaian Rencana Aksi setiap triwulan dalam rapat pimpinan (uji LHE)"


def test_the_evaluator_enters_an_lhe_recommendation_the_office_follows_it_up(page, server_url, e2e_engine):
    tahun = date.today().year - 1
    tempo = date.today() + timedelta(days=90)  # not due soon: other tests' reminders stay as they are
    with session_scope(e2e_engine) as s:
        pastikan_evaluator(s, kabupaten(s, nama="Malang"))
        s.add(EvaluasiAkip(kecamatan_id=kantor(s).id, tahun=tahun, lke=isi_bawaan(), status="final",
                           nilai=68.98, predikat="B", temuan="Rencana Aksi belum dipantau setiap triwulan.",
                           tanggal_lhe=date.today() - timedelta(days=3)))
    pg = page
    masuk_sebagai(pg, server_url, "inspektorat.malang")
    pg.goto(server_url + "/tindak-lanjut")
    pg.wait_for_selector("#lhe-rekomendasi")
    pg.locator("#lhe-rek-evaluasi").click()
    pg.get_by_role("option", name=f"Kecamatan Poncokusumo · Evaluasi AKIP {tahun}", exact=True).click()
    pg.fill("#lhe-rek-teks-1", TEKS)
    pg.locator("#lhe-rek-peran-1").click()
    pg.get_by_role("option", name="Sekretaris Camat", exact=True).click()
    pg.fill("#lhe-rek-tempo-1", tanggal_panjang(tempo))
    pg.click("#lhe-rek-simpan")
    pg.wait_for_selector("#lhe-rek-pesan .alert-success")
    assert pg.inner_text("#lhe-rek-pesan") == "1 rekomendasi LHE tersimpan; kecamatan menindaklanjutinya di Tindak Lanjut."
    with session_scope(e2e_engine) as s:
        r = s.exec(select(Rekomendasi).where(Rekomendasi.teks == TEKS)).one()
        assert (r.status, r.role_kode, r.jatuh_tempo) == ("baru", "sekcam", tempo)

    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + f"/tindak-lanjut?tahun={tahun}&triwulan=0")
    pg.wait_for_selector("#tabel-tl-daftar")
    assert f"Evaluasi AKIP {tahun}" in pg.inner_text("#tabel-tl-daftar")
    pg.goto(server_url + f"/tindak-lanjut?tahun={tahun}&triwulan=4")
    pg.wait_for_selector("#tl-jumlah-baru")
    assert TEKS[:40] not in pg.inner_text("#tl-isi")

    masuk_sebagai(pg, server_url, "sekcam.poncokusumo")
    pg.goto(server_url + f"/tindak-lanjut?tahun={tahun}&triwulan=0")
    pg.wait_for_selector("#tabel-tl-daftar")
    pg.locator("#tl-pilih").click()
    pg.get_by_role("option", name=f"Poncokusumo · Evaluasi AKIP {tahun} · {TEKS[:30]}", exact=False).first.click()
    pg.wait_for_selector("#tl-riwayat")
    assert f"Evaluasi AKIP {tahun}" in pg.inner_text("#tl-rinci")
    tunggu_js(pg, "!document.querySelector('#tl-mulai').disabled")
    pg.click("#tl-mulai")
    pg.wait_for_selector("#tl-pesan .alert-success")
    with session_scope(e2e_engine) as s:
        assert s.exec(select(Rekomendasi).where(Rekomendasi.teks == TEKS)).one().status == "dalam proses"
