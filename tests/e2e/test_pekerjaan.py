"""In Chromium: Poncokusumo's Camat starts "Renja 2027" on Pekerjaan SOP; each pelaksana carries its step on
Persetujuan, ticking its kelengkapan; the Kasubag Evapor attaches the draft at step 4 and returns it once at step 6;
the finished run shows on Waktu Siklus."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.sop.alur import daftar_bukti
from models.sop.keluaran import keluaran_eksekusi
from models.tables import AuditLog, CatatanLangkah, Eksekusi, Sop, SopLangkah
from tests.e2e.conftest import masuk_sebagai

JUDUL = "Renja 2027"
RANCANGAN = b"%PDF-1.4\n% Rancangan Renja Kecamatan Poncokusumo 2027\n"
# (user, step, button) in the order the SOP passes the work on; step 6 returns it to step 5 once.
JALAN = [("camat", "1", "tugas-selesai"), ("sekcam", "2", "tugas-selesai"), ("tim", "3", "tugas-selesai"),
         ("evapor", "4", "tugas-selesai"), ("staf", "5", "tugas-selesai"), ("evapor", "6", "tugas-kembali"),
         ("staf", "5", "tugas-selesai"), ("evapor", "6", "tugas-setuju"), ("tim", "7", "tugas-setuju"),
         ("sekcam", "8", "tugas-selesai"), ("camat", "9", "tugas-selesai"), ("sekcam", "10", "tugas-selesai"),
         ("umum", "11", "tugas-selesai"), ("staf", "12", "tugas-selesai")]


def test_renja_2027_is_started_carried_with_a_return_and_timed(page, server_url, e2e_engine):
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + "/pekerjaan")
    pg.locator("#pekerjaan-sop").click()
    pg.get_by_role("option", name="Penyusunan Rencana Kerja (Renja)", exact=True).click()
    pg.fill("#pekerjaan-judul", JUDUL)
    pg.fill("#pekerjaan-tahun", "2027")
    pg.click("#pekerjaan-mulai")
    pg.wait_for_selector("#pekerjaan-pesan .alert-success")
    assert pg.inner_text("#pekerjaan-pesan") == f'"{JUDUL}" dimulai; langkah pertamanya menunggu di Persetujuan.'
    assert JUDUL in pg.inner_text("#pekerjaan-daftar")

    siapa = "camat"
    for pengguna, no, tombol in JALAN:
        if pengguna != siapa:
            masuk_sebagai(pg, server_url, f"{pengguna}.poncokusumo")
            siapa = pengguna
        pg.goto(server_url + "/persetujuan")
        pg.locator(".daftar-tugas label", has_text=f"{JUDUL} · langkah {no} · diterima").first.click()
        pg.wait_for_selector(f"#tugas-rinci >> text={JUDUL}")
        if no == "4" and pengguna == "evapor":  # the draft Renja, as the step's output
            pg.set_input_files("#tugas-unggah input[type=file]", files=[
                {"name": "Rancangan Renja 2027.pdf", "mimeType": "application/pdf", "buffer": RANCANGAN}])
            pg.wait_for_selector("#tugas-pesan .alert-success")
            assert "Rancangan_Renja_2027.pdf" in pg.inner_text("#tugas-keluaran")
        if tombol == "tugas-kembali":
            pg.fill("#tugas-alasan", "Rancangan belum memuat program prioritas kecamatan")
        else:  # the step's kelengkapan, all at hand
            for kotak in pg.locator("#tugas-bukti input").all():
                kotak.check()
        pg.click(f"#{tombol}")
        pg.wait_for_selector("#tugas-pesan .alert-success")

    with session_scope(e2e_engine) as s:
        eks = s.exec(select(Eksekusi).where(Eksekusi.judul == JUDUL)).one()
        assert (eks.status, eks.subjek_jenis, eks.tahun, eks.triwulan) == ("selesai", "dokumen", 2027, None)
        catatan = s.exec(select(CatatanLangkah).where(CatatanLangkah.eksekusi_id == eks.id)).all()
        assert len(catatan) == len(JALAN)
        assert [c.catatan for c in catatan if c.hasil == "dikembalikan"] == [
            "Rancangan belum memuat program prioritas kecamatan"]
        langkah = {lk.id: lk for lk in s.exec(select(SopLangkah).where(SopLangkah.revisi_id == eks.revisi_id))}
        assert all(c.bukti == (daftar_bukti(langkah[c.langkah_id].kelengkapan) or None)
                   for c in catatan if c.hasil != "dikembalikan")
        assert [(b.nama_berkas, b.ukuran) for b in keluaran_eksekusi(s, eks.id)] == [
            ("Rancangan_Renja_2027.pdf", len(RANCANGAN))]
        mulai = s.exec(select(AuditLog).where(AuditLog.aksi == "eksekusi.mulai")
                       .where(AuditLog.objek_id == eks.id)).one()
        assert mulai.username == "camat.poncokusumo"
        kunci = s.exec(select(Sop.kunci).where(Sop.nama == "Penyusunan Rencana Kerja (Renja)")
                       .where(Sop.kecamatan_id == eks.kecamatan_id)).one()

    pg.goto(server_url + "/pekerjaan")
    pg.wait_for_selector("#pekerjaan-daftar")
    assert JUDUL not in pg.inner_text("#pekerjaan-daftar")
    pg.goto(f"{server_url}/siklus?tahun=2027&triwulan=0&sop={kunci}")
    pg.wait_for_selector("#siklus-isi > div", timeout=20000)
    pg.locator("#siklus-eksekusi").click()
    assert pg.get_by_role("option", name=JUDUL, exact=False).count() == 1
