"""The parse contract on the seed documents and on other documents of the same families."""
from __future__ import annotations

import pytest

from models.sop.berkas import baca_dokumen_banyak
from models.sop.dokumen import DokumenTidakTerbaca, baca_dokumen
from seed import dokumen_seed


@pytest.fixture(scope="module")
def seed_prosedur():
    return baca_dokumen_banyak([(p.name, p.read_text(encoding="utf-8")) for p in dokumen_seed()])


def _cari(prosedur, kecamatan, potongan_nama):
    hasil = [p for p in prosedur if p.kecamatan == kecamatan and potongan_nama.lower() in p.nama.lower()]
    assert len(hasil) == 1, [p.nama for p in hasil]
    return hasil[0]


def test_seed_documents_give_16_procedures_15_distinct(seed_prosedur):
    assert len(seed_prosedur) == 16
    salinan = [p for p in seed_prosedur if p.duplikat_dari]
    assert len(salinan) == 1
    assert salinan[0].sumber.startswith("004")
    assert salinan[0].duplikat_dari == {
        "kecamatan": "Kalipare",
        "nama": "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam",
    }


def test_procedures_per_document(seed_prosedur):
    per = {}
    for p in seed_prosedur:
        per[p.sumber[:3]] = per.get(p.sumber[:3], 0) + 1
    assert per == {"000": 3, "001": 9, "002": 1, "003": 2, "004": 1}


def test_offices_are_title_case_without_the_words(seed_prosedur):
    kantor = {(p.kabupaten, p.kecamatan) for p in seed_prosedur}
    assert kantor == {("Malang", "Kalipare"), ("Malang", "Poncokusumo"), ("Malang", "Karangploso"),
                      ("Tanjung Jabung Barat", "Muara Papalik"), (None, None)}


def test_karangploso_total_is_1155_minutes_as_printed(seed_prosedur):
    p = _cari(seed_prosedur, "Karangploso", "Pelaporan Kinerja")
    assert p.total_menit == 1155
    assert p.total_tercetak == "2 hari 3 jam 15 menit"
    assert [lk.waktu_menit for lk in p.langkah] == [60, 480, 480, 60, 60, 15]
    assert p.langkah[2].keputusan is True  # "apakah akan diteruskan ... atau draft diperbaiki"


def test_kalipare_identity_after_tables_is_matched_by_nama(seed_prosedur):
    kalipare = [p for p in seed_prosedur if p.kecamatan == "Kalipare"]
    assert [p.total_menit for p in kalipare] == [170, 170, 170]
    siskamling = _cari(seed_prosedur, "Kalipare", "Siskamling")
    # The identity blocks stand in another order than the tables; Siskamling's has no Keterkaitan.
    assert siskamling.keterkaitan == []
    assert siskamling.peralatan == ["Seperangkat Komputer yang dilengkapi aplikasi office (word, excell)"]
    assert siskamling.pelaksana == ["Camat", "Sekretaris", "Kasi Trantib", "Sub. Evapor"]
    adminduk = _cari(seed_prosedur, "Kalipare", "Administrasi Kependudukan")
    assert adminduk.keterkaitan == ["SOP Pelayanan Pengantar KTP", "SOP Pelayanan Pengantar KK",
                                    "SOP Pelayanan Mutasi Pindah Penduduk"]
    musren = seed_prosedur[0]
    assert musren.nomor == "070 / / 35.07.11/2019"
    assert (musren.tanggal_pembuatan, musren.tanggal_revisi, musren.tanggal_efektif) == (
        "2016-01-01", "2019-08-01", "2019-08-01")
    assert musren.disahkan_oleh == {"jabatan": "CAMAT KALIPARE", "nama": "NEPO MARIS, S'Pd, MM",
                                    "nip": "19631116 199010 2 002"}
    assert musren.dasar_hukum[1].startswith("Permenpan & Reformasi Birokrasi nomor 53")  # &amp; decoded
    assert musren.peringatan is None and musren.pencatatan == "Dokumen Renja"


def test_poncokusumo_numbering_restarts_and_is_kept_as_printed(seed_prosedur):
    pemantauan = _cari(seed_prosedur, "Poncokusumo", "Pemantauan Kinerja")
    assert [lk.no for lk in pemantauan.langkah] == ["1", "2", "1", "2", "3", "4"]
    evaluasi = _cari(seed_prosedur, "Poncokusumo", "Evaluasi Data Kinerja")
    assert [lk.no for lk in evaluasi.langkah] == ["1", "2", "1", "2", "3", "4", "5", "6", "7"]
    assert evaluasi.langkah[3].waktu == "0" and evaluasi.langkah[3].waktu_menit == 0
    assert evaluasi.pelaksana == ["Camat", "Sekretaris", "Tim", "Kasi terkait", "Sub. Evapor"]


def test_poncokusumo_identity_before_each_table(seed_prosedur):
    poncokusumo = [p for p in seed_prosedur if p.kecamatan == "Poncokusumo"]
    assert [p.nama for p in poncokusumo] == [
        "Penyusunan Renstra", "Penyusunan Rencana Kerja (Renja)",
        "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam",
        "Prosedur Pengumpulan Data Kinerja Indikator Administrasi Kependudukan",
        "Prosedur Pengumpulan Data Kinerja Indikator Keaktifan Siskamling",
        "Pemantauan Kinerja", "Pengukuran Kinerja", "Evaluasi Data Kinerja", "Penyusunan Laporan Kinerja (LKj)",
    ]
    assert all(p.tanggal_revisi is None for p in poncokusumo)  # printed "-"
    assert all(p.tanggal_efektif == "2018-01-11" for p in poncokusumo)
    renstra = poncokusumo[0]
    assert renstra.total_menit == 1640
    assert [lk.keputusan for lk in renstra.langkah].count(True) == 2
    # The Administrasi Kependudukan identity strikes the name through (<del>) and splits it over paragraphs.
    assert poncokusumo[3].disahkan_oleh == {"jabatan": "CAMAT PONCOKUSUMO", "nama": "Drs. SUKARLIN, M.Si.",
                                            "nip": "19650202 198710 1 001"}
    pengukuran = _cari(seed_prosedur, "Poncokusumo", "Pengukuran Kinerja")
    assert pengukuran.pelaksana == ["Sekretaris", "Tim", "Sub. Evapor"]  # header without "Pelaksana"
    assert pengukuran.pencatatan is None
    assert pengukuran.peringatan.startswith("Pengukuran Kinerja dilakukan oleh Tim")


def test_muara_papalik_both_layouts(seed_prosedur):
    pertama = _cari(seed_prosedur, "Muara Papalik", "Penyusunan Mekanisme")
    assert pertama.nomor == "900/ /KCMP/2022"
    assert (pertama.tanggal_pembuatan, pertama.tanggal_revisi, pertama.tanggal_efektif) == ("2022-01", None, "2022-02")
    assert pertama.disahkan_oleh == {"jabatan": "CAMAT MUARA PAPALIK", "nama": "JOAN PRAYUDA, SE, ME",
                                     "nip": "198108292010011010"}
    assert [lk.waktu for lk in pertama.langkah][:3] == ["1Hari", "1 Hari", "2 Hari"]
    assert len(pertama.langkah) == 10  # the table goes on after blank lines, rows 8-10 one cell shorter
    assert pertama.langkah[7].kelengkapan == "Dokument Final Penyusunan Data Kinerja"
    assert pertama.langkah[7].waktu_menit == 1440
    assert pertama.total_menit == 7220
    assert pertama.dasar_hukum[0] == ("Peraturan Presiden Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan "
                                      "Kinerja Instansi Pemerintah")
    assert len(pertama.dasar_hukum) == 3
    (kedua,) = [p for p in seed_prosedur if p.nama == "MEKANISME PENGUMPULAN DATA KINERJA"]
    assert kedua.nama == "MEKANISME PENGUMPULAN DATA KINERJA"  # no identity: the table's heading
    assert kedua.nomor is None and kedua.duplikat_dari is None
    assert kedua.pelaksana == ["Kasubbag Perencanaan, dan Keuangan", "Analisis Perencanaan",
                               "Kasubbag Umum dan Kepegawaian", "Sekretaris Camat"]
    assert [lk.waktu_menit for lk in kedua.langkah] == [5, 5, 10, 480, 480, 480]
    assert kedua.langkah[5].output == ""


def test_json_contract_keys_in_order(seed_prosedur):
    data = seed_prosedur[0].as_json()
    assert list(data) == [
        "kabupaten", "kecamatan", "nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
        "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan", "peringatan",
        "pencatatan", "pelaksana", "langkah", "total_menit", "duplikat_dari",
    ]
    assert list(data["langkah"][0]) == ["no", "kegiatan", "kelengkapan", "waktu", "waktu_menit", "output",
                                        "keterangan", "keputusan", "pelaksana_tanda"]
    assert all(lk["pelaksana_tanda"] == [] for p in seed_prosedur for lk in p.as_json()["langkah"])  # text: no marks


def test_two_offices_adopting_the_same_steps_are_not_copies(seed_prosedur):
    ponco = _cari(seed_prosedur, "Poncokusumo", "Partisipasi Delegasi")
    kalipare = _cari(seed_prosedur, "Kalipare", "Partisipasi Delegasi")
    assert ponco.sidik_langkah() == kalipare.sidik_langkah()
    assert ponco.duplikat_dari is None


# ---------------------------------------------------------------- other documents of the same families

DOKUMEN_BARU = """
 <p><b>PEMERINTAH KABUPATEN MALANG</b></p> <p><b>KANTOR KECAMATAN SUMBER&nbsp;PUCUNG</b></p>\tNomor SOP\t: 060/12/35.07.20/2023
\tTanggal Pembuatan\t: 3 Maret 2023
\tTanggal Revisi\t-
\tTanggal Efektif\tApril 2023
\tDisahkan oleh\t<p>CAMAT SUMBERPUCUNG</p> <p><u>BUDI &amp; RAHAYU, S.Sos</u></p> <p>Penata Tk. I</p> <p>NIP. 19700101 199001 1 001</p>
\tNama SOP\t<b>Verifikasi Data Kinerja</b>

Dasar Hukum\tKualifikasi pelaksana
1. Peraturan Presiden nomor 29 Tahun 2014 tentang SAKIP 2. Permenpan RB nomor 53 Tahun 2014\t<ol><li>Teliti</li></ol>
Keterkaitan\tPeralatan/perlengkapan
\t<ol><li>Komputer</li><li>Printer</li></ol>
Peringatan\tPencatatan dan pendataan
Data yang tidak lengkap dikembalikan.\t

**Prosedur Verifikasi Data Kinerja**

No.\tKegiatan\tPelaksana\t\t\tMutu Baku\t\t\tKeterangan
\t\tCamat\tSekcam\tKasi Pem\tKelengkapan\tWaktu\tOutput\t
1\tKasi menyiapkan data&nbsp;awal\t\t\t\tRegister\t: 30 menit\tRekap\t
2\tMemeriksa rekap. Jika setuju, diteruskan kepada Camat. Jika tidak, dikembalikan kepada Kasi Pem untuk diperbaiki.\t\t\t\tRekap\t1 jam\tRekap diperiksa\t
3\tMenandatangani\t\t\t\tRekap diperiksa\t1Hari\tRekap sah\tArsip
"""


def test_a_new_document_of_the_same_family():
    (p,) = baca_dokumen(DOKUMEN_BARU, "baru.txt")
    assert (p.kabupaten, p.kecamatan) == ("Malang", "Sumber Pucung")
    assert p.nomor == "060/12/35.07.20/2023"
    assert (p.tanggal_pembuatan, p.tanggal_revisi, p.tanggal_efektif) == ("2023-03-03", None, "2023-04")
    assert p.disahkan_oleh == {"jabatan": "CAMAT SUMBERPUCUNG", "nama": "BUDI & RAHAYU, S.Sos",
                               "nip": "19700101 199001 1 001"}
    assert p.dasar_hukum == ["Peraturan Presiden nomor 29 Tahun 2014 tentang SAKIP",
                             "Permenpan RB nomor 53 Tahun 2014"]
    assert p.keterkaitan == [] and p.peralatan == ["Komputer", "Printer"]
    assert p.peringatan == "Data yang tidak lengkap dikembalikan." and p.pencatatan is None
    assert p.pelaksana == ["Camat", "Sekcam", "Kasi Pem"]
    assert [(lk.waktu, lk.waktu_menit) for lk in p.langkah] == [("30 menit", 30), ("1 jam", 60), ("1Hari", 480)]
    assert p.langkah[0].kegiatan == "Kasi menyiapkan data awal"
    assert [lk.keputusan for lk in p.langkah] == [False, True, False]
    assert p.langkah[2].keterangan == "Arsip"
    assert p.total_menit == 570


def test_waktu_menit_layout_without_pelaksana_header():
    teks = ("Judul Mekanisme Baru\n\nNo\tAktivitas\tSekretaris Camat\tKasubbag Umum dan Kepegawaian\tKelengkapan\t"
            "Waktu (menit)\tOutput\tKeterangan\n1.\tMenghimpun data\t\t\tDokumen\t480\tRekap\t\n"
            "2.\tMenyampaikan rekap\t\t\tRekap\t15\tSurat\tSelesai\n")
    (p,) = baca_dokumen(teks, "mekanisme.txt")
    assert p.nama == "Judul Mekanisme Baru" and p.kecamatan is None
    assert p.pelaksana == ["Sekretaris Camat", "Kasubbag Umum dan Kepegawaian"]
    assert [lk.waktu_menit for lk in p.langkah] == [480, 15]
    assert p.total_menit == 495


def test_unreadable_time_names_the_line():
    teks = DOKUMEN_BARU.replace("\t1 jam\t", "\tsebentar\t")
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_dokumen(teks, "rusak.txt")
    baris = DOKUMEN_BARU.split("\n").index(next(x for x in DOKUMEN_BARU.split("\n") if x.startswith("2\t"))) + 1
    assert str(e.value) == f'rusak.txt, baris {baris}: langkah 2: waktu "sebentar" tidak dapat dibaca'


def test_bad_date_names_the_line():
    teks = DOKUMEN_BARU.replace(": 3 Maret 2023", ": 31 Februari 2023")
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_dokumen(teks, "tgl.txt")
    assert str(e.value) == 'tgl.txt, baris 3: tanggal "31 Februari 2023" tidak ada di kalender'


def test_document_without_a_table_is_refused():
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_dokumen("Surat biasa tanpa tabel\n", "surat.txt")
    assert str(e.value) == 'surat.txt: tidak ditemukan tabel prosedur (kepala tabel "No" dan "Kegiatan"/"Aktivitas")'


def test_table_without_time_column_is_refused():
    teks = "Judul\nNo\tKegiatan\tCamat\tKelengkapan\tOutput\n1\tA\t\tB\tC\n"
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_dokumen(teks, "x.txt")
    assert str(e.value) == "x.txt, baris 2: kepala tabel prosedur tidak memuat kolom Waktu sesudah Kelengkapan"
