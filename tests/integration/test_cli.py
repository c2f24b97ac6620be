"""The command line: sop parse prints the contract and writes nothing; sop import stores; demo load."""
from __future__ import annotations

import json

from sqlalchemy import func
from sqlmodel import select

from models.db import session_scope
from models.tables import Sop
from seed import dokumen_seed
from tests.fabrik import kantor


def _jumlah_sop(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(Sop.id))).one()


def test_sop_parse_prints_json_and_writes_nothing(app, engine):
    runner = app.server.test_cli_runner()
    hasil = runner.invoke(args=["sop", "parse", *[str(p) for p in dokumen_seed()]])
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert len(data) == 16
    assert sum(1 for p in data if p["duplikat_dari"]) == 1
    karangploso = next(p for p in data if p["kecamatan"] == "Karangploso")
    assert karangploso["total_menit"] == 1155
    assert _jumlah_sop(engine) == 0


def test_sop_parse_error_names_the_file_and_line(app, tmp_path):
    rusak = tmp_path / "rusak.txt"
    rusak.write_text("Judul\nNo\tKegiatan\tCamat\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
                     "1\tMemeriksa\t\tSurat\tlama sekali\tHasil\t\n", encoding="utf-8")
    hasil = app.server.test_cli_runner().invoke(args=["sop", "parse", str(rusak)])
    assert hasil.exit_code == 1
    assert f'{rusak}, baris 3: langkah 1: waktu "lama sekali" tidak dapat dibaca' in hasil.output


def test_sop_import_is_idempotent(app, engine):
    runner = app.server.test_cli_runner()
    berkas = [str(p) for p in dokumen_seed()]
    pertama = runner.invoke(args=["sop", "import", *berkas])
    assert pertama.exit_code == 0, pertama.output
    assert pertama.output.count("Disimpan:") == 15
    assert "Tidak disimpan: salinan dari" in pertama.output
    kedua = runner.invoke(args=["sop", "import", *berkas])
    assert kedua.exit_code == 0
    assert kedua.output.count("Tidak berubah:") == 15
    assert _jumlah_sop(engine) == 15


def test_sop_import_of_a_bad_document_stores_nothing(app, engine, tmp_path):
    rusak = tmp_path / "rusak.txt"
    rusak.write_text(dokumen_seed()[2].read_text(encoding="utf-8").replace("\t1 hari\t", "\t?\t", 1), encoding="utf-8")
    hasil = app.server.test_cli_runner().invoke(args=["sop", "import", str(dokumen_seed()[0]), str(rusak)])
    assert hasil.exit_code == 1
    assert 'waktu "?" tidak dapat dibaca Tidak ada yang disimpan.' in hasil.output
    assert _jumlah_sop(engine) == 0


def test_demo_load_fills_an_empty_database_once(app, engine):
    runner = app.server.test_cli_runner()
    hasil = runner.invoke(args=["demo", "load"])
    assert hasil.output.strip() == "Data demo dimuat: 17 SOP dari 4 kecamatan, 41 pengguna (kata sandi demo12345)."
    lagi = runner.invoke(args=["demo", "load"])
    assert lagi.exit_code == 1
    assert "data demo hanya dimuat ke basis data kosong" in lagi.output
    lewati = runner.invoke(args=["demo", "load", "--jika-kosong"])
    assert lewati.exit_code == 0 and "tidak dimuat" in lewati.output
    assert _jumlah_sop(engine) == 17


def test_user_create_for_a_new_installation(app, engine):
    runner = app.server.test_cli_runner()
    hasil = runner.invoke(args=["user", "create", "--username", "Admin.Baru", "--nama", "Admin Baru",
                                "--password", "rahasia-panjang"])
    assert hasil.exit_code == 0, hasil.output
    assert hasil.output.strip() == "Pengguna admin.baru dibuat."
    pendek = runner.invoke(args=["user", "create", "--username", "admin.x", "--nama", "X", "--password", "pendek"])
    assert pendek.exit_code == 1
    assert "Kata sandi sedikitnya 8 karakter. Pengguna tidak dibuat." in pendek.output
    kantor = runner.invoke(args=["user", "create", "--username", "camat.x", "--nama", "X", "--role", "camat",
                                 "--kecamatan", "Entah", "--password", "rahasia-panjang"])
    assert 'Kecamatan "Entah" tidak ada. Pengguna tidak dibuat.' in kantor.output
    from models.tables import User

    with session_scope(engine) as s:
        assert [u.username for u in s.exec(select(User))] == ["admin.baru"]


def test_capaian_hitung_reads_a_csv_and_prints_csv(app, tmp_path):
    berkas = tmp_path / "iku.csv"
    berkas.write_text(
        "indikator,polaritas,rumus_negatif,agregasi,target,realisasi_t1,realisasi_t2,realisasi_t3,realisasi_t4\n"
        'Pengantar KTP,positif,,kumulatif,"1.200",300,280,310,330\n'
        "Konflik sosial,negatif,2T-R,terakhir,0,0,,1,0\n", encoding="utf-8")
    hasil = app.server.test_cli_runner().invoke(args=["capaian", "hitung", str(berkas)])
    assert hasil.exit_code == 0, hasil.output
    assert hasil.output.splitlines() == [
        '"indikator","capaian_t1","capaian_t2","capaian_t3","capaian_t4","capaian_tahun","predikat_tahun"',
        '"Pengantar KTP","25.00","48.33","74.17","101.67","101.67","Sangat Baik"',
        '"Konflik sosial","100.00","","","100.00","",""',
    ]
    berkas.write_text("indikator,target\nA,1\n", encoding="utf-8")
    salah = app.server.test_cli_runner().invoke(args=["capaian", "hitung", str(berkas)])
    assert salah.exit_code == 1
    assert "kolom tidak ada: polaritas" in salah.output


def test_iku_import_adds_a_kecamatans_own_indicator_once(app, demo, tmp_path):

    from models.db import session_scope
    from models.kinerja.iku import iku_kantor

    berkas = tmp_path / "iku.toml"
    berkas.write_text('[[iku]]\nkabupaten = "Malang"\nkecamatan = "Kalipare"\nkode = "IKU-K1"\n'
                      'nama = "Jumlah konflik sosial"\npembilang = "Konflik sosial"\npolaritas = "negatif"\n',
                      encoding="utf-8")
    runner = app.server.test_cli_runner()
    assert runner.invoke(args=["iku", "import", str(berkas)]).output == "1 IKU baru disimpan, 0 sudah ada.\n"
    assert runner.invoke(args=["iku", "import", str(berkas)]).output == "0 IKU baru disimpan, 1 sudah ada.\n"
    with session_scope(demo) as s:
        kalipare, ponco = kantor(s, nama="Kalipare"), kantor(s)
        assert [i.kode for i in iku_kantor(s, kalipare.id)] == ["IKU-1", "IKU-2", "IKU-3", "IKU-K1"]
        assert "IKU-K1" not in [i.kode for i in iku_kantor(s, ponco.id)]
    berkas.write_text('[[iku]]\nkabupaten = "Malang"\nkecamatan = "Atlantis"\nkode = "X"\nnama = "X"\n'
                      'pembilang = "X"\n', encoding="utf-8")
    salah = runner.invoke(args=["iku", "import", str(berkas)])
    assert salah.exit_code == 1 and "Kecamatan Atlantis tidak ada di Kabupaten Malang. Tidak ada yang disimpan." \
        in salah.output


def _kalipare_docx(tmp_path, ubah=None):
    """Kalipare's seed document (three collection SOPs) as a Word file with its flowchart marks."""
    from models.sop.berkas import baca_dokumen_banyak
    from models.sop.dokumen import kunci_nama
    from seed import kurasi_pelaksana
    from tests.docx_contoh import Tanda, tulis_docx

    teks = dokumen_seed()[0]
    kurasi = kurasi_pelaksana()
    isi = []
    for p in baca_dokumen_banyak([(teks.name, teks.read_text(encoding="utf-8"))]):
        tanda = [Tanda(x.pelaksana, bool(x.keputusan)) for x in kurasi[("kalipare", kunci_nama(p.nama))]]
        isi.append((p, ubah(tanda) if ubah else tanda))
    berkas = tmp_path / "kalipare.docx"
    berkas.write_bytes(tulis_docx(isi))
    return berkas


def test_sop_parse_and_import_read_a_word_document_and_its_marks_decide_who_does_each_step(app, engine, tmp_path):
    from models.tables import SopLangkah, SopPelaksana, SopRevisi

    runner = app.server.test_cli_runner()
    berkas = _kalipare_docx(tmp_path)
    hasil = runner.invoke(args=["sop", "parse", str(berkas)])
    assert hasil.exit_code == 0, hasil.output
    data = json.loads(hasil.output)
    assert [lk["pelaksana_tanda"] for lk in data[0]["langkah"]] == [
        ["Kasi Ekbang"], ["Kasi Ekbang"], ["Sub. Evapor"], ["Sub. Evapor"], ["Camat", "Sekretaris"], ["Sub. Evapor"]]
    assert [lk["keputusan"] for lk in data[0]["langkah"]] == [False, False, True, False, True, False]
    assert _jumlah_sop(engine) == 0

    hasil = runner.invoke(args=["sop", "import", str(berkas)])
    assert hasil.exit_code == 0, hasil.output
    assert hasil.output.count("Disimpan:") == 3
    with session_scope(engine) as s:
        rev = s.exec(select(SopRevisi).where(SopRevisi.nama.like("Pengumpulan%Musrenbangcam"))).one()
        langkah = s.exec(select(SopLangkah).where(SopLangkah.revisi_id == rev.id).order_by(SopLangkah.urutan)).all()
        pelaksana = [[(x.role_kode, x.sumber) for x in s.exec(select(SopPelaksana).where(
            SopPelaksana.langkah_id == lk.id).order_by(SopPelaksana.urutan))] for lk in langkah]
    # Step 5: the Sekretaris (nearer to where the work was) before the Camat, as the arrow runs.
    assert pelaksana == [[("kasi_ekbang", "tanda")], [("kasi_ekbang", "tanda")], [("kasubag_evapor", "tanda")],
                         [("kasubag_evapor", "tanda")], [("sekcam", "tanda"), ("camat", "tanda")],
                         [("kasubag_evapor", "tanda")]]
    # Nothing in these shapes says where a "tidak" goes back to: the suggestion (the previous pelaksana's step) stays.
    assert [(lk.keputusan, lk.kembali_ke_urutan) for lk in langkah][2:5] == [(True, 2), (False, None), (True, 4)]

    # The office moves step 6 to the Sekretaris in Word: a new revision, the old one kept.
    from tests.docx_contoh import Tanda

    def pindah(tanda):
        return [*tanda[:5], Tanda(("Sekretaris",), False)]

    hasil = runner.invoke(args=["sop", "import", str(_kalipare_docx(tmp_path, pindah))])
    assert hasil.exit_code == 0, hasil.output
    assert hasil.output.count("Revisi ke-2 disimpan") == 3
    with session_scope(engine) as s:
        baru = s.exec(select(SopRevisi).where(SopRevisi.sop_id == rev.sop_id).where(SopRevisi.berlaku == True)  # noqa: E712
                      ).one()
        akhir = s.exec(select(SopLangkah).where(SopLangkah.revisi_id == baru.id).where(SopLangkah.urutan == 6)).one()
        assert [x.role_kode for x in s.exec(select(SopPelaksana).where(SopPelaksana.langkah_id == akhir.id))] == [
            "sekcam"]
        assert len(s.exec(select(SopRevisi).where(SopRevisi.sop_id == rev.sop_id)).all()) == 2


def test_sop_import_of_a_damaged_word_file_names_it_and_stores_nothing(app, engine, tmp_path):
    rusak = tmp_path / "rusak.docx"
    rusak.write_bytes(_kalipare_docx(tmp_path).read_bytes()[:3000])
    hasil = app.server.test_cli_runner().invoke(args=["sop", "import", str(dokumen_seed()[1]), str(rusak)])
    assert hasil.exit_code == 1
    assert f"{rusak}: berkas bukan dokumen Word (.docx) yang utuh Tidak ada yang disimpan." in hasil.output
    assert _jumlah_sop(engine) == 0
