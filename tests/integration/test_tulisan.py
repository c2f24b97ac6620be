"""What pages print of periods reads as the office writes it: "Triwulan III 2026", never "Triwulan iii 2026"."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlmodel import select

from dashboard.components.pekerjaan import tabel_berjalan
from dashboard.components.tindak_lanjut import rincian
from models.db import session_scope
from models.perencanaan.pekerjaan import daftar_berjalan
from models.tables import Kecamatan, Sop
from models.tindak_lanjut.evaluasi import catat_evaluasi
from models.tindak_lanjut.rekomendasi import tambah_rekomendasi
from tests.fabrik import kantor, nama_pengguna, pekerjaan, pengguna, realisasi

T = datetime(2026, 10, 26, 2, 0, tzinfo=timezone.utc)


def _teks(komponen) -> str:
    if isinstance(komponen, str):
        return komponen
    if isinstance(komponen, (list, tuple)):
        return " ".join(_teks(k) for k in komponen)
    anak = getattr(komponen, "children", None)
    return _teks(anak) if anak is not None else ""


def test_a_follow_up_and_a_running_piece_of_work_name_their_quarter_in_roman_capitals(demo):
    with session_scope(demo) as s:
        kec, tim = kantor(s), pengguna(s, peran="tim")
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3,
                            tanggal=date(2026, 10, 26), peserta="Tim", temuan="IKU-3 di bawah target.", oleh=tim,
                            pada=T)
        rek = tambah_rekomendasi(s, evaluasi_id=ev.id, teks="Perbarui data poskamling.", role_kode="kasi_trantib",
                                 jatuh_tempo=date(2026, 12, 15), oleh=tim, pada=T)
        assert "Triwulan III 2026, 26 Oktober 2026" in _teks(rincian(s, rek.id))
        pekerjaan(s, sop="Pengukuran Kinerja", judul="Pengukuran Kinerja triwulan III 2026", tahun=2026, triwulan=3,
                  pada=T)  # by the Camat
        teks = _teks(tabel_berjalan(s, kec.id, daftar_berjalan(s, kec.id)))
        assert "Triwulan III 2026" in teks and "iii" not in teks


def _halaman(client, alamat: str) -> str:
    import json

    from tests.dash_util import buka_halaman

    r = buka_halaman(client, alamat)
    assert r.status_code == 200
    return json.dumps(r.get_json(), ensure_ascii=False)


def test_pages_show_what_a_person_understands_not_settings_or_file_names(client, app, demo):
    from tests.conftest import masuk

    masuk(client, "admin")
    libur = _halaman(client, "/hari-libur")
    assert "Senin–Jumat 08.00–16.00" in libur and "JAM_KERJA" not in libur
    with session_scope(demo) as s:
        sop = s.exec(select(Sop).where(Sop.nama == "Pengukuran Kinerja")).one()
    detail = _halaman(client, f"/sop/{sop.id}")
    assert ".txt" not in detail and "dari dokumen SOP kantor." in detail


def test_the_sop_trail_names_who_acted_and_on_whose_behalf(demo):
    from dashboard.components.realisasi import riwayat
    from models.kinerja.realisasi import jejak
    from models.sop.alur import catatan_terbuka, putuskan
    from models.tables import Eksekusi

    with session_scope(demo) as s:
        kec, evapor = kantor(s), pengguna(s, peran="kasubag_evapor")
        r = realisasi(s, indikator="IKU-1", tahun=2026, triwulan=3, pembilang="45", penyebut="50", oleh=evapor,
                      status="diajukan", pada=T)
        eks = s.get(Eksekusi, r.eksekusi_id)
        putuskan(s, catatan_id=catatan_terbuka(s, eks.id).id, setuju=True, oleh=evapor, pada=T)
        teks = " ".join(_teks(riwayat(r, jejak(s, eks.id), kec.zona_waktu)).split())
    assert ("Langkah 1 (Kasi Ekonomi dan Pembangunan): selesai oleh Kasubag Evapor Poncokusumo atas nama Kasi "
            "Ekonomi dan Pembangunan ·") in teks
    assert "Langkah 3 (Kasubag Evapor): disetujui oleh Kasubag Evapor Poncokusumo ·" in teks
    assert "Langkah 4 (Kasubag Evapor): menunggu ·" in teks


def test_a_finished_recommendation_stops_ageing(demo):
    from datetime import timedelta

    from models.dasbor.kueri import tindak_lanjut
    from models.tables import Rekomendasi

    with session_scope(demo) as s:
        kec, tim = kantor(s), pengguna(s, peran="tim")
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=1,
                            tanggal=date(2026, 4, 20), peserta="Tim", temuan="IKU-3 di bawah target.", oleh=tim,
                            pada=T.replace(month=4, day=20))
        rek = tambah_rekomendasi(s, evaluasi_id=ev.id, teks="Perbarui data poskamling.", role_kode="kasi_trantib",
                                 jatuh_tempo=date(2026, 6, 15), oleh=tim, pada=T.replace(month=4, day=20))
        rek = s.get(Rekomendasi, rek.id)
        rek.status, rek.selesai_pada = "selesai", rek.dibuat_pada + timedelta(days=30)
        s.add(rek)
        s.flush()
        df = tindak_lanjut(s, kecamatan_ids=[kec.id], tahun=2026, triwulan=1, hari_ini=date(2026, 11, 27))
        assert df.set_index("rekomendasi_id").loc[rek.id, "umur"] == 30  # not the 221 days to 27 November


def test_an_overdue_follow_up_of_an_earlier_year_is_listed_and_a_reminder_opens_it(demo, app, client):
    import json

    from models.dasbor.kueri import tindak_lanjut
    from tests.conftest import masuk
    from tests.dash_util import daftar_callback, panggil

    with session_scope(demo) as s:
        kec, tim = kantor(s), pengguna(s, peran="tim")
        lama = T.replace(year=2025, month=4, day=21)
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2025, triwulan=1,
                            tanggal=date(2025, 4, 21), peserta="Tim", temuan="IKU-2 di bawah target.", oleh=tim,
                            pada=lama)
        rek = tambah_rekomendasi(s, evaluasi_id=ev.id, teks="Rekap register pelayanan setiap akhir bulan.",
                                 role_kode="kasi_pem", jatuh_tempo=date(2025, 6, 30), oleh=tim, pada=lama)
        rek_id = rek.id
        df = tindak_lanjut(s, kecamatan_ids=[kec.id], tahun=2026, triwulan=None, hari_ini=date(2026, 11, 27))
        baris = df.set_index("rekomendasi_id").loc[rek_id]
        assert (baris["periode"], bool(baris["terlambat"]), baris["hari_terlambat"]) == ("Triwulan I 2025", True, 515)
    masuk(client, nama_pengguna("camat"))
    client.get("/")
    beranda = json.dumps(panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026,
                                 triwulan=3).get_json(), ensure_ascii=False)
    assert f"/tindak-lanjut?tahun=2025&triwulan=1&rekomendasi={rek_id}" in beranda
    assert f'"id": "tl-minta", "data": {rek_id}' in _halaman(client, f"/tindak-lanjut?rekomendasi={rek_id}")
    kunci = next(k for k in daftar_callback(app) if k.startswith("..tl-isi.children...tl-pilih.options"))
    jawab = panggil(client, app, kunci, kecamatan=None, tahun=2026, triwulan=0, _pesan=None, _pesan_ev=None,
                    minta=rek_id).get_json()["response"]
    assert jawab["tl-pilih"]["value"] == rek_id and jawab["tl-minta"]["data"] is None
    assert rek_id in [p["value"] for p in jawab["tl-pilih"]["options"]]


def _iku1_kuartal_iii(s, nama: str, *, ajukan_juga: bool) -> Kecamatan:
    """An office's IKU-1 figure of triwulan III 2026, 44/50 (97,78 % of the target 90), entered by its Kasubag Evapor
    and submitted when asked."""
    realisasi(s, indikator="IKU-1", kecamatan=nama, tahun=2026, triwulan=3, pembilang="44", penyebut="50",
              oleh=pengguna(s, peran="kasubag_evapor", kecamatan=nama), status="diajukan" if ajukan_juga else "draf",
              pada=T)
    return kantor(s, nama=nama)


def test_a_kabupaten_tells_a_draft_from_a_submitted_and_an_official_figure(demo, app, client):
    import json

    from tests.conftest import masuk
    from tests.dash_util import panggil

    with session_scope(demo) as s:
        for nama, ajukan_juga in (("Kalipare", False), ("Poncokusumo", True)):
            _iku1_kuartal_iii(s, nama, ajukan_juga=ajukan_juga)
    masuk(client, "kabupaten.malang")
    client.get("/")
    teks = json.dumps(panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=3).get_json(),
                      ensure_ascii=False)
    # 44/50 = 88 % against 90: 97,78 % in both offices, read as a draft in Kalipare and as submitted in Poncokusumo.
    assert '"97,78% (draf)"' in teks and '"97,78%*"' in teks
    # The download holds the table on the screen: the same offices, the same columns, the same states.
    assert "/unduh/beranda-kabupaten.csv?" in teks
    csv = client.get("/unduh/beranda-kabupaten.csv?tahun=2026&triwulan=3").get_data(as_text=True).lstrip("\ufeff")
    baris = [[x.strip('"') for x in b.split(";")] for b in csv.strip().splitlines()]
    assert baris[0] == ["Kecamatan", "IKU-1 capaian (%)", "IKU-1 keadaan", "IKU-2 capaian (%)", "IKU-2 keadaan",
                        "IKU-3 capaian (%)", "IKU-3 keadaan", "IKU-7 capaian (%)", "IKU-7 keadaan",  # Poncokusumo's own
                        "Rata-rata capaian (tiap capaian dihitung paling tinggi 120%) (%)", "Langkah menunggu",
                        "Tindak lanjut terlambat", "Dalam mutu baku (%)"]
    per_kantor = {b[0]: b for b in baris[1:]}
    assert per_kantor["Kalipare"][1:3] == ["97,78", "Draf"]
    assert per_kantor["Poncokusumo"][1:3] == ["97,78", "Dalam proses SOP"]
    assert sorted(per_kantor) == ["Kalipare", "Karangploso", "Poncokusumo"]


def test_controls_are_shown_to_those_who_can_use_them(demo, app, client):
    import json

    from tests.conftest import masuk
    from tests.dash_util import panggil

    masuk(client, nama_pengguna("staf"))
    assert "excel-unggah" not in _halaman(client, "/realisasi") and "Unduh templat" not in _halaman(client, "/realisasi")
    masuk(client, nama_pengguna("kasubag_evapor"))
    assert "excel-unggah" in _halaman(client, "/realisasi")
    # A kabupaten reader opening an office's Beranda sees its queue, not "my approvals" of someone with none there.
    masuk(client, "kabupaten.malang")
    client.get("/")
    teks = json.dumps(panggil(client, app, "beranda-isi.children", kecamatan="Poncokusumo", tahun=2026,
                              triwulan=3).get_json(), ensure_ascii=False)
    assert "Langkah menunggu" in teks and "Persetujuan saya" not in teks


def test_a_target_reads_the_same_on_every_page(demo, app, client):
    """Beranda's card, IKU & Target and Isi Realisasi print Poncokusumo's IKU-1 target of 90 alike: "90%"."""
    import json

    from tests.conftest import masuk
    from tests.dash_util import panggil

    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/")
    beranda = json.dumps(panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026,
                                 triwulan=3).get_json(), ensure_ascii=False)
    assert "Target tahun: 90%" in beranda and "Target tahun: 90,00" not in beranda
    iku = _halaman(client, "/iku")
    assert '"90%"' in iku
    realisasi = _halaman(client, "/realisasi?tahun=2026&triwulan=3")
    assert '"90%"' in realisasi


def test_the_follow_up_action_form_is_for_people_of_an_office(client, demo):
    import json

    from tests.conftest import masuk

    def tersembunyi(x):
        if isinstance(x, dict):
            if x.get("props", {}).get("id") == "tl-tindakan":
                return x["props"].get("hidden")
            return next((h for v in x.values() if (h := tersembunyi(v)) is not None), None)
        if isinstance(x, list):
            return next((h for v in x if (h := tersembunyi(v)) is not None), None)
        return None

    masuk(client, "kabupaten.malang")
    assert tersembunyi(json.loads(_halaman(client, "/tindak-lanjut"))) is True
    masuk(client, nama_pengguna("kasi_pem"))
    assert tersembunyi(json.loads(_halaman(client, "/tindak-lanjut"))) is False


def test_the_office_card_tells_a_draft_from_a_submitted_figure(demo):
    """IKU-1 (the quarter's own figure counts): a draft in Poncokusumo, submitted in Kalipare; the cards differ."""
    from dashboard.components.kartu import kartu_iku as tampil
    from models.dasbor.kueri import kartu_iku
    with session_scope(demo) as s:
        kartu = {}
        for nama, ajukan_juga in (("Poncokusumo", False), ("Kalipare", True)):
            kec = _iku1_kuartal_iii(s, nama, ajukan_juga=ajukan_juga)
            kartu[nama] = next(k for k in kartu_iku(s, kecamatan_id=kec.id, tahun=2026, triwulan=3)
                               if k.indikator.kode == "IKU-1")
        assert (kartu["Poncokusumo"].keadaan, kartu["Kalipare"].keadaan) == ("draf", "diajukan")
        assert "Draf" in _teks(tampil(kartu["Poncokusumo"], 2))
        assert "Dalam proses SOP" in _teks(tampil(kartu["Kalipare"], 2))
