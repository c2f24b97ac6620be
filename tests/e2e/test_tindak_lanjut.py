"""In Chromium: the Tim records an evaluation with three recommendations, the Kasi Pem hands one in, the Sekretaris
returns it, and the Camat's status page and reminders follow each step."""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, Rekomendasi, TindakLanjut
from models.umum.periode import ROMAWI, periode_baku
from models.umum.tanggal import tanggal_panjang
from tests.e2e.conftest import masuk_sebagai, tunggu_js

TEKS = ("Register pelayanan KTP dicatat harian dan direkap mingguan",
        "Permohonan pindah yang tertunda diselesaikan sebelum akhir bulan",
        "Daftar hadir Musrenbangcam dipisahkan per unsur masyarakat")


def _pengingat(pg, url: str) -> str:
    pg.goto(url + "/")
    pg.wait_for_selector("#beranda-isi .isi-kantor", timeout=20000)
    return pg.inner_text("#beranda-pengingat") if pg.locator("#beranda-pengingat").count() else ""


def _jumlah(pg, status: str) -> str:
    return pg.inner_text(f"#tl-jumlah-{status.replace(' ', '-')}")


def _pilih(pg, teks: str) -> None:
    pg.locator("#tl-pilih").click()
    pg.get_by_role("option", name=teks[:40], exact=False).first.click()
    pg.wait_for_selector("#tl-riwayat")


def test_evaluation_follow_up_return_and_the_camat_sees_it(page, server_url, e2e_engine):
    hari_ini = date.today()
    th, tw = periode_baku()
    pg = page
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    assert TEKS[0][:30] not in _pengingat(pg, server_url)

    # The Tim records the evaluation and its three recommendations.
    masuk_sebagai(pg, server_url, "tim.poncokusumo")
    pg.goto(server_url + "/tindak-lanjut")
    pg.click("#tl-buka-formulir")
    pg.wait_for_selector("#tl-ev-peserta", state="visible")
    pg.fill("#tl-ev-tahun", str(th))
    pg.locator("#tl-ev-triwulan").click()
    pg.get_by_role("option", name=f"Triwulan {ROMAWI[tw]}", exact=True).click()
    pg.fill("#tl-ev-tanggal", tanggal_panjang(hari_ini))
    pg.fill("#tl-ev-peserta", "Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pem, Kasi Ekbang, Tim")
    pg.fill("#tl-ev-temuan", "Realisasi Adminduk di bawah target; daftar hadir Musrenbangcam belum terpilah.")
    tempo = (hari_ini + timedelta(days=5), hari_ini + timedelta(days=30), hari_ini + timedelta(days=3))
    for n, (teks, peran, jatuh) in enumerate(zip(TEKS, ("Kasi Pemerintahan", "Kasi Pemerintahan",
                                                          "Kasi Ekonomi dan Pembangunan"), tempo), start=1):
        pg.fill(f"#tl-rek-teks-{n}", teks)
        pg.locator(f"#tl-rek-peran-{n}").click()
        pg.get_by_role("option", name=peran, exact=True).click()
        pg.fill(f"#tl-rek-tempo-{n}", jatuh.strftime("%d/%m/%Y"))
    pg.click("#tl-ev-simpan")
    pg.wait_for_selector("#tl-ev-pesan .alert-success")
    assert pg.inner_text("#tl-ev-pesan") == "Evaluasi tersimpan dengan 3 rekomendasi."
    with session_scope(e2e_engine) as s:
        rek = {r.teks: r for r in s.exec(select(Rekomendasi).where(Rekomendasi.teks.in_(TEKS)))}
        assert {t: (r.status, r.role_kode) for t, r in rek.items()} == {
            TEKS[0]: ("baru", "kasi_pem"), TEKS[1]: ("baru", "kasi_pem"), TEKS[2]: ("baru", "kasi_ekbang")}
        id_satu = rek[TEKS[0]].id

    # The Camat is reminded of the two due within seven days.
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    teks = _pengingat(pg, server_url)
    assert "Pengingat tindak lanjut (2)" in teks and TEKS[0][:40] in teks and TEKS[2][:40] in teks
    assert TEKS[1][:40] not in teks

    # The Kasi Pem starts and hands in the first, with evidence.
    masuk_sebagai(pg, server_url, "kasipem.poncokusumo")
    assert TEKS[0][:40] in _pengingat(pg, server_url)
    pg.goto(server_url + "/tindak-lanjut")
    pg.wait_for_selector("#tabel-tl-daftar")
    _pilih(pg, TEKS[0])
    pg.click("#tl-mulai")
    pg.wait_for_selector("#tl-pesan .alert-success")
    tunggu_js(pg, "!document.querySelector('#tl-serahkan').disabled")
    pg.fill("#tl-uraian", "Register harian dibuat mulai pekan ini; rekap mingguan diserahkan ke Sekretariat.")
    pg.fill("#tl-bukti", "Register pelayanan harian, Rekap minggu pertama")
    pg.click("#tl-serahkan")
    pg.wait_for_selector("text=Tindak lanjut diserahkan kepada Sekretaris Camat.")
    assert TEKS[0][:40] not in _pengingat(pg, server_url)  # it now waits on the Sekretaris

    # The Sekretaris returns it with a reason.
    masuk_sebagai(pg, server_url, "sekcam.poncokusumo")
    pg.goto(server_url + "/tindak-lanjut")
    pg.wait_for_selector("#tabel-tl-daftar")
    _pilih(pg, TEKS[0])
    pg.click("#tl-kembalikan")
    pg.wait_for_selector("#tl-pesan .alert-danger")
    assert pg.inner_text("#tl-pesan") == "Alasan pengembalian wajib diisi."
    pg.fill("#tl-uraian", "Rekap minggu pertama belum ditandatangani Kasi.")
    pg.click("#tl-kembalikan")
    pg.wait_for_selector("text=Tindak lanjut dikembalikan kepada penanggung jawab.")

    with session_scope(e2e_engine) as s:
        r = s.get(Rekomendasi, id_satu)
        tl = s.exec(select(TindakLanjut).where(TindakLanjut.rekomendasi_id == id_satu)).one()
        assert r.status == "dikembalikan"
        assert (tl.keputusan, tl.alasan, tl.bukti) == ("dikembalikan", "Rekap minggu pertama belum ditandatangani Kasi.",
                                                       ["Register pelayanan harian", "Rekap minggu pertama"])
        aksi = [a.aksi for a in s.exec(select(AuditLog).where(AuditLog.objek == "rekomendasi")
                                       .where(AuditLog.objek_id == id_satu).order_by(AuditLog.id))]
        assert aksi == ["rekomendasi.tambah", "rekomendasi.mulai", "rekomendasi.serahkan", "rekomendasi.kembalikan"]

    # The Camat's status page and reminders follow.
    masuk_sebagai(pg, server_url, "camat.poncokusumo")
    pg.goto(server_url + f"/tindak-lanjut?tahun={th}&triwulan={tw}")
    pg.wait_for_selector("#tl-jumlah-dikembalikan")
    assert _jumlah(pg, "dikembalikan") == "Dikembalikan: 1" and _jumlah(pg, "baru") == "Baru: 2"
    assert _jumlah(pg, "diserahkan") == "Diserahkan: 0"
    _pilih(pg, TEKS[0])
    riwayat = pg.inner_text("#tl-riwayat")
    assert "Tindak lanjut dikembalikan" in riwayat and "belum ditandatangani" in riwayat
    teks = _pengingat(pg, server_url)
    assert "Pengingat tindak lanjut (2)" in teks and "Dikembalikan" in teks
