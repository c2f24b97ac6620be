"""Speed of the dashboards' callbacks at a kabupaten's scale and at a province's.

    make bench          # SQLite, 33 kecamatan × 5 years (instance/bench-33x5.db, built once by demo generate)
    BENCH_PG_URL=postgresql+psycopg://sakip:sakip@127.0.0.1:5432 make bench
                        # and PostgreSQL at 33 and at 600 kecamatan (databases sakip_bench_33 and sakip_bench_600
                        # on that server, built once: Malang's 33 offices through the state machine, then 567
                        # synthetic offices in 19 kabupaten copied in bulk), side by side
    BENCH_SARING=Perbandingan make bench   # only the calls whose label holds the text
    BENCH_PUTARAN=1 make bench             # one run instead of three
    BENCH_PG_SKALA=600 make bench          # on PostgreSQL only the 600-office database

Each callback of Beranda, Capaian IKU, Waktu Siklus, Persetujuan, Tindak Lanjut, Perbandingan, Katalog and
Monitoring SOP is called through Dash's real endpoint (POST /_dash-update-component, in-process, so the time is the
server's) as camat.poncokusumo, as kabupaten.malang over its offices, and as kabupaten.malang for one office; then
the detail views, Kalender SAKIP, the targets' history, Pengguna, Hari Libur; the yearly documents' pages
(Perjanjian Kinerja, Laporan Kinerja, Anggaran, Evaluasi AKIP: one office's sheet and the kabupaten's table) and
Unggah SOP's preview of a seed document; the LKj and LHE files in Word and PDF (GET, as the browser downloads
them); the admin's views over every kabupaten; and the pages whose layout reads the database. The registered callbacks not called are named (the writes are timed under load by tests/muat). At a
province's scale the kabupaten still sees its own 33 offices: the growth factor (p95 at 600 / p95 at 33) shows what
the other 567 offices' rows cost it. Beside each, the same aggregation as one bare SQL query shows the overhead.
The slowest statement of each call is recorded; the plans of the three slowest calls at the largest scale are
printed (EXPLAIN ANALYZE on PostgreSQL). The whole measure runs three times (BENCH_PUTARAN), since one run's p95 on
a shared machine moves by about ±30 %: each cell reads the median of the runs' p50 / the median of their p95 [each
run's p95] / the bare SQL's median in ms / the largest answer in KB. Fails (exit 1) when that median p95 exceeds
100 ms for a call of one kecamatan or of a kabupaten's view, 1.5 s for an admin's view or 3 s for one file; when a
response carries more than 1 MB of figure data, or an admin's answer more than 1 MB.
"""
from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "kunci-bench")

BATAS_KANTOR_MS = 100.0  # every callback for one kecamatan
BATAS_KABUPATEN_MS = 100.0  # a kabupaten's views over all its offices
BATAS_FIGUR = 1_000_000
BATAS_ADMIN_MS = 1500.0  # the admin's views over every kabupaten
BATAS_BERKAS_MS = 3000.0  # writing one LKj or LHE file (Word or PDF)
BATAS_JAWABAN = 1_000_000  # bytes of one answer of the admin's views
ULANG = int(os.environ.get("BENCH_ULANG", "40"))
SARING = os.environ.get("BENCH_SARING", "")  # only the calls whose label contains this text (e.g. "Perbandingan")
KECAMATAN_PROVINSI = 600
PUTARAN = max(1, int(os.environ.get("BENCH_PUTARAN", "3")))  # whole runs; the limits hold the median of their p95
SKALA_PG = [int(x) for x in os.environ.get("BENCH_PG_SKALA", f"33,{KECAMATAN_PROVINSI}").split(",") if x.strip()]


@dataclass
class Ukuran:
    """One call measured at one scale."""

    label: str
    siapa: str
    p50: float
    p95: float
    sql: float
    figur: int
    batas: float
    kueri: tuple[float, str, object] = field(default=(0.0, "", None))  # its slowest statement: ms, SQL, parameters
    jumlah_kueri: int = 0  # statements one call runs
    total_kueri: float = 0.0  # and their time, ms
    jawaban: int = 0  # bytes of the largest answer
    p95_putaran: tuple[float, ...] = ()  # each run's p95 when several runs were combined


# Tindak Lanjut's callback: its overview, the chooser and the page of the list the database serves.
KUNCI_TL = ("..tl-isi.children...tl-pilih.options...tl-pilih.value...tl-minta.data...tl-tabel.children..."
            "tl-keterangan.children...tl-halaman.max_value...tl-halaman.active_page...tl-daftar.hidden..")


def siapkan_sqlite() -> str:
    """The 33-office SQLite file, built once."""
    from models.db import get_engine
    from models.migrasi import pastikan_skema
    from seed.riwayat import buat_riwayat

    berkas = Path(os.environ.get("BENCH_DB", ROOT / "instance" / "bench-33x5.db"))
    url = f"sqlite:///{berkas}"
    if berkas.exists():
        pastikan_skema(get_engine(url))  # a file kept from an older schema is upgraded in place
        return url
    berkas.parent.mkdir(exist_ok=True)
    sementara = berkas.with_suffix(".baru")
    sementara.unlink(missing_ok=True)
    engine = get_engine(f"sqlite:///{sementara}")
    pastikan_skema(engine)
    hasil = buat_riwayat(engine, kabupaten="Malang", kecamatan=33, tahun=5, seed=1, tulis=print)
    engine.dispose()
    sementara.rename(berkas)
    print(hasil.kalimat())
    return url


def siapkan_pg(server: str, kecamatan: int) -> str:
    """A PostgreSQL database of `kecamatan` offices on the server, built once: Malang's 33 through the state
    machine; a larger one as a copy of that with synthetic offices added in bulk."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from models.db import dispose_engine, get_engine
    from models.migrasi import pastikan_skema
    from seed.riwayat import buat_riwayat
    from seed.sintetis import buat_sintetis

    nama = f"sakip_bench_{kecamatan}"
    url = make_url(server).set(database=nama).render_as_string(hide_password=False)
    admin = create_engine(make_url(server).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        ada = c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": nama}).first()
    if ada:
        pastikan_skema(get_engine(url))
        admin.dispose()
        return url
    baru = f"{nama}_baru"
    sementara = make_url(server).set(database=baru).render_as_string(hide_password=False)
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{baru}" WITH (FORCE)'))
        if kecamatan <= 33:
            c.execute(text(f'CREATE DATABASE "{baru}"'))
        else:
            dasar = siapkan_pg(server, 33)
            dispose_engine(dasar)
            c.execute(text(f'CREATE DATABASE "{baru}" TEMPLATE "sakip_bench_33"'))
    engine = get_engine(sementara)
    pastikan_skema(engine)
    if kecamatan <= 33:
        hasil = buat_riwayat(engine, kabupaten="Malang", kecamatan=kecamatan, tahun=5, seed=1, tulis=print)
    else:
        hasil = buat_sintetis(engine, dari="Malang", jumlah=kecamatan - 33, tulis=print)
    print(hasil.kalimat())
    dispose_engine(sementara)
    with admin.connect() as c:
        c.execute(text(f'ALTER DATABASE "{baru}" RENAME TO "{nama}"'))
    admin.dispose()
    with get_engine(url).connect() as c:  # fresh planner statistics after the bulk load
        c.execute(text("ANALYZE"))
        c.commit()
    return url


def _persentil(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo = int(k)
    return xs[lo] + (xs[min(lo + 1, len(xs) - 1)] - xs[lo]) * (k - lo)


def _figur(jawaban: dict) -> int:
    """Bytes of figure data in a Dash response (every `figure` prop, however deep)."""
    n = 0

    def jelajah(x):
        nonlocal n
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "figure" and isinstance(v, dict):
                    n += len(json.dumps(v))
                else:
                    jelajah(v)
        elif isinstance(x, list):
            for v in x:
                jelajah(v)

    jelajah(jawaban)
    return n


SEED_SOP = ROOT / "seed" / "dokumen" / "000_6054f635fdfc85ee.txt"  # a seed SOP as the office uploads it


def _isi_berkas(berkas: Path) -> str:
    """A file as dcc.Upload sends it: a data URL."""
    import base64

    return "data:text/plain;base64," + base64.b64encode(berkas.read_bytes()).decode()


def _kasus(engine) -> tuple[list[tuple], list[int], int]:
    """The calls measured, the ids of kabupaten.malang's offices, and Poncokusumo's."""
    from sqlmodel import select

    from models.db import session_scope
    from models.tables import CatatanLangkah, Eksekusi, EvaluasiAkip, Kecamatan, Realisasi, Rekomendasi, Sop
    from models.umum.periode import periode_baku

    th, tw = periode_baku()
    with session_scope(engine) as s:
        ponco_kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Poncokusumo")).one()
        ponco = ponco_kec.id
        kantor = list(s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == ponco_kec.kabupaten_id)))
        kunci = s.exec(select(Sop.kunci).where(Sop.kecamatan_id == ponco).where(Sop.nama.like("%Administrasi%"))
                       ).first()
        eks = s.exec(select(Eksekusi.id).where(Eksekusi.kecamatan_id == ponco).where(Eksekusi.tahun == th)
                     .order_by(Eksekusi.id.desc())).first()
        rea = s.exec(select(Realisasi.id).where(Realisasi.kecamatan_id == ponco).where(Realisasi.tahun == th)
                     .order_by(Realisasi.id)).first()
        kecamatan = ponco_kec.nama
        terbuka = s.exec(select(CatatanLangkah.id).join(Eksekusi, Eksekusi.id == CatatanLangkah.eksekusi_id)
                         .where(Eksekusi.kecamatan_id == ponco).where(CatatanLangkah.selesai_pada.is_(None))
                         .order_by(CatatanLangkah.id)).first()
        rek = s.exec(select(Rekomendasi.id).where(Rekomendasi.kecamatan_id == ponco)
                     .order_by(Rekomendasi.id.desc())).first()
        ind = s.exec(select(Realisasi.indikator_id).where(Realisasi.kecamatan_id == ponco)).first()
        sop_id = s.exec(select(Sop.id).where(Sop.kecamatan_id == ponco).where(Sop.kunci == kunci)).one()
        th_lhe = s.exec(select(EvaluasiAkip.tahun).where(EvaluasiAkip.kecamatan_id == ponco)
                        .order_by(EvaluasiAkip.tahun.desc())).first()
    # (label, callback key, arguments by name, bare SQL of the same aggregation, its parameters)
    sql_capaian = ("SELECT r.indikator_id, r.tahun, r.triwulan, r.pembilang, r.penyebut, r.nilai, r.status, t.nilai "
                   "FROM realisasi r LEFT JOIN target t ON t.indikator_id = r.indikator_id AND "
                   "t.kecamatan_id = r.kecamatan_id AND t.tahun = r.tahun AND t.triwulan IS NULL AND t.berlaku "
                   "WHERE r.kecamatan_id IN ({k}) AND r.tahun BETWEEN ? AND ?")
    sql_siklus = ("SELECT l.urutan, c.diterima_pada, c.dimulai_pada, c.selesai_pada, l.waktu_menit "
                  "FROM catatanlangkah c JOIN eksekusi e ON e.id = c.eksekusi_id JOIN soplangkah l ON "
                  "l.id = c.langkah_id JOIN soprevisi v ON v.id = e.revisi_id JOIN sop s ON s.id = v.sop_id "
                  "WHERE s.kunci = ? AND e.kecamatan_id IN ({k}) AND e.tahun = ?")
    sql_antrian = ("SELECT c.role_kode, l.keputusan, COUNT(*) FROM catatanlangkah c JOIN eksekusi e ON "
                   "e.id = c.eksekusi_id JOIN soplangkah l ON l.id = c.langkah_id WHERE e.kecamatan_id IN ({k}) "
                   "AND e.status = 'berjalan' AND c.selesai_pada IS NULL GROUP BY c.role_kode, l.keputusan")
    sql_beranda = ("SELECT e.kecamatan_id, COUNT(*) FROM catatanlangkah c JOIN eksekusi e ON e.id = c.eksekusi_id "
                   "WHERE e.kecamatan_id IN ({k}) AND e.tahun = ? AND e.triwulan = ? GROUP BY e.kecamatan_id")
    sql_tl = ("SELECT r.role_kode, r.status, COUNT(*), MIN(r.jatuh_tempo) FROM rekomendasi r JOIN evaluasi v ON "
              "v.id = r.evaluasi_id WHERE r.kecamatan_id IN ({k}) AND v.tahun = ? GROUP BY r.role_kode, r.status")
    sql_garis = "SELECT * FROM catatanlangkah WHERE eksekusi_id = ? ORDER BY diterima_pada"
    sql_katalog = ("SELECT s.id, r.nama, k.nama FROM sop s JOIN soprevisi r ON r.sop_id = s.id AND r.berlaku "
                   "JOIN kecamatan k ON k.id = s.kecamatan_id WHERE s.kecamatan_id IN ({k}) AND lower(r.nama) LIKE ?")
    sql_rincian = "SELECT * FROM realisasi r JOIN catatanlangkah c ON c.eksekusi_id = r.eksekusi_id WHERE r.id = ?"
    kasus = []
    for user, kec in (("camat.poncokusumo", None), ("kabupaten.malang", ""), ("kabupaten.malang", kecamatan)):
        kasus += [
            (user, kec, "Beranda", "beranda-isi.children", {"kecamatan": kec, "tahun": th, "triwulan": tw},
             sql_beranda, (th, tw)),
            (user, kec, "Capaian IKU", "capaian-isi.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw, "indikator": None}, sql_capaian, (th - 4, th)),
            (user, kec, "Waktu Siklus (setahun)",
             "..siklus-isi.children...siklus-eksekusi.options...siklus-eksekusi.value..",
             {"kecamatan": kec, "tahun": th, "triwulan": 0, "sop": kunci}, sql_siklus, (kunci, th)),
            # Persetujuan opens on two calls: the open steps per role, and the queue's first page overdue first.
            (user, kec, "Persetujuan: ringkasan", "fn:callbacks.persetujuan.isi", {"kecamatan": kec, "_pesan": None},
             sql_antrian, ()),
            (user, kec, "Persetujuan: daftar", "fn:callbacks.persetujuan.daftar",
             {"kecamatan": kec, "_pesan": None, "cari": None, "urut": "terlambat", "halaman": 1}, sql_antrian, ()),
            (user, kec, "Tindak Lanjut (setahun)",
             KUNCI_TL,
             {"kecamatan": kec, "tahun": th, "triwulan": 0, "minta": None}, sql_tl, (th,)),
            (user, kec, "Perbandingan: kepatuhan", "pk-kepatuhan.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_beranda, (th, tw)),
            (user, kec, "Perbandingan: capaian", "pk-capaian.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_capaian, (th, th)),
            (user, kec, "Perbandingan: tindak", "pk-tindak.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_tl, (th,)),
            (user, kec, "Perbandingan: proses SOP", "pk-proses.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw, "sop": kunci}, sql_siklus, (kunci, th)),
            (user, kec, "Katalog (cari)", "fn:callbacks.katalog.tampilkan",
             {"cari": "pengumpulan", "kecamatan": kec or None, "halaman": 1}, sql_katalog, ("%pengumpulan%",)),
            (user, kec, "Monitoring SOP", "..monsop-monitoring.children...monsop-evaluasi.children..",
             {"kecamatan": kec, "tahun": th, "semester": 1 if tw <= 2 else 2}, sql_siklus, (kunci, th)),
        ]
    kasus += [("camat.poncokusumo", None, "Garis waktu", "siklus-garis.children", {"eksekusi_id": eks},
               sql_garis, (eks,)),
              ("camat.poncokusumo", None, "Rincian titik",
               "..capaian-rincian.children...capaian-rincian-jendela.is_open..", {"realisasi_id": rea},
               sql_rincian, (rea,)),
              ("camat.poncokusumo", None, "Persetujuan: rincian", "fn:callbacks.persetujuan.tampilkan",
               {"catatan_id": terbuka, "_pesan": None}, "SELECT * FROM catatanlangkah WHERE id = ?", (terbuka,)),
              ("camat.poncokusumo", None, "Tindak Lanjut: rincian", "fn:callbacks.tindak_lanjut.tampil_rinci",
               {"rekomendasi_id": rek, "_pesan": None}, "SELECT * FROM tindaklanjut WHERE rekomendasi_id = ?", (rek,)),
              ("camat.poncokusumo", None, "Kalender SAKIP (kantor)", "fn:callbacks.kalender_sakip.kantor",
               {"tahun": th}, "SELECT * FROM eksekusi WHERE kecamatan_id = ? AND tahun = ?", (ponco, th)),
              ("evapor.poncokusumo", None, "IKU & Target: riwayat", "fn:callbacks.iku.riwayat",
               {"indikator_id": ind, "tahun": th}, "SELECT * FROM target WHERE indikator_id = ? AND kecamatan_id = ?",
               (ind, ponco)),
              ("kabupaten.malang", "", "Kalender SAKIP (jadwal)", "fn:callbacks.kalender_sakip.jadwal",
               {"kabupaten": None, "_versi": None}, "SELECT * FROM jadwalsakip WHERE kabupaten_id = ?",
               (ponco_kec.kabupaten_id,)),
              ("admin", "", "Pengguna (daftar)", "fn:callbacks.pengguna.tampilkan", {"cari": "poncokusumo",
               "_versi": None}, "SELECT * FROM pengguna WHERE username LIKE ?", ("%poncokusumo%",)),
              ("admin", "", "Hari Libur", "fn:callbacks.hari_libur.tampilkan", {"tahun": th, "_versi": None},
               "SELECT * FROM harilibur", ())]
    # The yearly documents' pages: the Perjanjian Kinerja, the Laporan Kinerja, the Evaluasi AKIP (the kabupaten's
    # table and one office's sheet), the budget, and Unggah SOP's preview of a seed document.
    lalu = th - 1  # the last year whose documents are complete in the history
    for user, kec in (("camat.poncokusumo", None), ("kabupaten.malang", kecamatan)):
        kasus += [
            (user, kec, "Perjanjian Kinerja", "fn:callbacks.perjanjian_kinerja.tampil",
             {"kecamatan": kec, "tahun": th}, "SELECT * FROM perjanjiankinerja WHERE kecamatan_id = ? AND tahun = ?",
             (ponco, th)),
            (user, kec, "Laporan Kinerja", "fn:callbacks.laporan_kinerja.tampil",
             {"kecamatan": kec, "tahun": lalu}, "SELECT * FROM laporankinerja WHERE kecamatan_id = ? AND tahun = ?",
             (ponco, lalu)),
            (user, kec, "Anggaran", "fn:callbacks.anggaran.tampil", {"kecamatan": kec, "tahun": th},
             "SELECT * FROM anggaran WHERE kecamatan_id = ? AND tahun = ?", (ponco, th)),
            (user, kec, "Evaluasi AKIP (kantor)", "fn:callbacks.evaluasi_akip.tampilkan",
             {"kecamatan": kec, "tahun": lalu}, "SELECT * FROM evaluasiakip WHERE kecamatan_id = ? AND tahun = ?",
             (ponco, lalu)),
        ]
    kasus += [
        ("kabupaten.malang", "", "Evaluasi AKIP (kabupaten)", "fn:callbacks.evaluasi_akip.tampilkan",
         {"kecamatan": "", "tahun": lalu}, "SELECT * FROM evaluasiakip WHERE kecamatan_id IN ({k}) AND tahun = ?",
         (lalu,)),
        ("camat.poncokusumo", None, "Unggah SOP: pratinjau", "fn:callbacks.unggah_sop.tampil",
         {"isi": _isi_berkas(SEED_SOP), "kantor": ponco, "nama": SEED_SOP.name}, None, ()),
    ]
    # Files written on request: the office's LKj and the LHE of its Evaluasi AKIP, in Word and PDF.
    for jenis, user, tahun in (("lkj", "camat.poncokusumo", lalu), ("lhe", "kabupaten.malang", th_lhe)):
        for ext in ("docx", "pdf"):
            if tahun is not None:  # a history too short for an Evaluasi AKIP has no LHE to write
                kasus.append((user, None, f"Berkas {jenis.upper()} .{ext}", f"get:/cetak/{jenis}/{ponco}/{tahun}.{ext}",
                              {}, None, (), BATAS_BERKAS_MS))
    # The admin's views over every kabupaten (all offices, or the summary the page opens on).
    for label, kunci_cb, nilai in (
            ("Beranda", "beranda-isi.children", {"kecamatan": "", "tahun": th, "triwulan": tw}),
            ("Perbandingan: kepatuhan", "pk-kepatuhan.children", {"kecamatan": "", "tahun": th, "triwulan": tw}),
            ("Perbandingan: capaian", "pk-capaian.children", {"kecamatan": "", "tahun": th, "triwulan": tw}),
            ("Perbandingan: tindak", "pk-tindak.children", {"kecamatan": "", "tahun": th, "triwulan": tw}),
            ("Persetujuan: ringkasan", "fn:callbacks.persetujuan.isi", {"kecamatan": "", "_pesan": None}),
            ("Persetujuan: daftar", "fn:callbacks.persetujuan.daftar",
             {"kecamatan": "", "_pesan": None, "cari": None, "urut": "terlambat", "halaman": 1}),
            ("Tindak Lanjut (setahun)", KUNCI_TL,
             {"kecamatan": "", "tahun": th, "triwulan": 0, "minta": None}),
            ("Monitoring SOP", "..monsop-monitoring.children...monsop-evaluasi.children..",
             {"kecamatan": "", "tahun": th, "semester": 1 if tw <= 2 else 2}),
            ("Katalog (cari)", "fn:callbacks.katalog.tampilkan", {"cari": "pengumpulan", "kecamatan": None, "halaman": 1}),
            ("Pengguna (halaman pertama)", "fn:callbacks.pengguna.tampilkan",
             {"cari": None, "urut": None, "halaman": 1, "_versi": None})):
        kasus.append(("admin", "", label, kunci_cb, nilai, None, (), BATAS_ADMIN_MS))
    # Pages whose layout reads the database, opened as the browser opens them (the pages router's callback).
    for user, alamat in (("evapor.poncokusumo", f"/realisasi?tahun={th}&triwulan={tw}"),
                         ("evapor.poncokusumo", "/iku"), ("camat.poncokusumo", "/pekerjaan"),
                         ("camat.poncokusumo", f"/sop/{sop_id}"), ("camat.poncokusumo", "/kalender-sakip"),
                         ("camat.poncokusumo", "/perjanjian-kinerja"), ("camat.poncokusumo", "/laporan-kinerja"),
                         ("camat.poncokusumo", "/evaluasi-akip"), ("camat.poncokusumo", "/anggaran"),
                         ("kabupaten.malang", "/kalender-sakip"), ("kabupaten.malang", "/evaluasi-akip/rekap"),
                         ("admin", "/"), ("admin", "/perbandingan"), ("admin", "/monitoring-sop"),
                         ("admin", "/tindak-lanjut"), ("admin", "/sop"), ("admin", "/pengguna")):
        batas = BATAS_ADMIN_MS if user == "admin" else BATAS_KABUPATEN_MS if user.startswith("kab") else None
        kasus.append((user, None if batas is None else "", "Halaman " + re.sub(r"\d+", "…", alamat.split("?")[0]),
                      f"halaman:{alamat}", {}, None, (), batas or BATAS_KANTOR_MS))

    return kasus, kantor, ponco


def ukur(url: str, *, ulang: int = ULANG, saring: str = SARING, cakupan_cetak: bool = True
         ) -> dict[tuple[str, str], Ukuran]:
    """Every call measured on one database: p50/p95 of `ulang` calls after two warm-up calls, the bare SQL's
    median, the figure bytes, and the slowest statement of one more call."""
    from sqlalchemy import event

    from app import create_app
    from tests.conftest import masuk
    from tests.dash_util import badan_halaman, daftar_callback, payload

    app = create_app({"DATABASE_URL": url, "APP_ENV": "test", "SECRET_KEY": "kunci-bench",
                      "UPLOAD_DIR": str(ROOT / "instance" / "bench-unggahan")})
    engine = app.server.extensions["sakip_engine"]
    kasus, kantor, ponco = _kasus(engine)
    pg = engine.dialect.name == "postgresql"
    rekam: list[tuple[float, str, object]] | None = None

    @event.listens_for(engine, "before_cursor_execute")
    def _mulai(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        conn.info["bench_t"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _selesai(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if rekam is not None:
            rekam.append(((time.perf_counter() - conn.info["bench_t"]) * 1000, statement, parameters))

    klien, callbacks, hasil = {}, daftar_callback(app), {}
    nama_fungsi = {f"{cb['callback'].__module__}.{cb['callback'].__name__}": k for k, cb in callbacks.items()}
    diukur: set[str] = set()
    for user, kec, label, kunci_cb, nilai, sql, param, *batas_kasus in kasus:
        if saring.lower() not in label.lower():
            continue
        batas = (batas_kasus[0] if batas_kasus else BATAS_ADMIN_MS if user == "admin"
                 else BATAS_KABUPATEN_MS if kec == "" else BATAS_KANTOR_MS)
        if user not in klien:
            c = app.server.test_client()
            masuk(c, user)
            c.get("/")
            klien[user] = c
        c = klien[user]
        body = None
        if kunci_cb.startswith("halaman:"):
            body = badan_halaman(kunci_cb.removeprefix("halaman:"))
        elif kunci_cb.startswith("get:"):
            alamat = kunci_cb.removeprefix("get:")
        else:
            kunci_cb = nama_fungsi.get(kunci_cb.removeprefix("fn:"), kunci_cb)
            body = payload(kunci_cb, callbacks[kunci_cb], nilai)
        if not kunci_cb.startswith("get:"):
            diukur.add(kunci_cb if not kunci_cb.startswith("halaman:") else "_pages_content")
        waktu, figur, jawaban = [], 0, 0
        kali = min(ulang, 10) if body is None or batas > BATAS_KABUPATEN_MS else ulang  # the slow ones fewer times
        for i in range(kali + 3):
            rekam = [] if i == kali + 2 else None
            t = time.perf_counter()
            r = c.get(alamat) if body is None else c.post("/_dash-update-component", json=body)
            isi = r.get_data()
            dt = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{label} {user}: {r.status_code} {r.get_data(as_text=True)[:200]}")
            if 2 <= i < kali + 2:  # the first calls warm caches; the last records its statements
                waktu.append(dt)
            jawaban = max(jawaban, len(isi))
            if body is not None:
                figur = max(figur, _figur(r.get_json()))
        terlama = max(rekam, default=(0.0, "", None), key=lambda x: x[0])
        jumlah, total = len(rekam), sum(x[0] for x in rekam)
        rekam = None
        ids = [ponco] if kec != "" else kantor
        sql_t = []
        if sql:
            q = sql.replace("{k}", ",".join(str(k) for k in ids))
            if pg:
                q = q.replace("?", "%s")
            with engine.connect() as conn:
                for _ in range(ulang):
                    t = time.perf_counter()
                    conn.exec_driver_sql(q, tuple(param)).fetchall()
                    sql_t.append((time.perf_counter() - t) * 1000)
        siapa = user + ("" if kec is None else (" (semua)" if kec == "" else f" ({kec})"))
        hasil[(label, siapa)] = Ukuran(label, siapa, _persentil(waktu, 0.5), _persentil(waktu, 0.95),
                                       statistics.median(sql_t) if sql_t else float("nan"), figur,
                                       batas, terlama, jumlah, total, jawaban)
    engine.dispose()
    if cakupan_cetak and not saring:
        print(cakupan(callbacks, diukur) + "\n")
    return hasil


def gabung(putaran: list[dict[tuple[str, str], Ukuran]]) -> dict[tuple[str, str], Ukuran]:
    """Several runs of the same calls as one: the median of their p50 and of their p95 (each run's p95 kept), the
    largest answer and figure, the statements of the last run."""
    hasil = {}
    for k, akhir in putaran[-1].items():
        semua = [p[k] for p in putaran if k in p]
        hasil[k] = Ukuran(akhir.label, akhir.siapa, statistics.median(u.p50 for u in semua),
                          statistics.median(u.p95 for u in semua), akhir.sql, max(u.figur for u in semua),
                          akhir.batas, akhir.kueri, akhir.jumlah_kueri, akhir.total_kueri,
                          max(u.jawaban for u in semua), tuple(u.p95 for u in semua) if len(semua) > 1 else ())
    return hasil


# Callbacks that write, measured under concurrent users by `make load` (tests/muat) rather than here.
DIUKUR_MUAT = {"callbacks.realisasi.simpan", "callbacks.persetujuan.bertindak", "callbacks.tindak_lanjut.bertindak"}


def cakupan(callbacks: dict, diukur: set[str]) -> str:
    """Which of the callbacks the pages register were measured: here, under load, or not (and so named)."""
    def nama(k: str) -> str:
        f = callbacks[k]["callback"]
        return f"{f.__module__}.{f.__name__}"

    sisa = sorted(nama(k) for k in callbacks if not any(k.startswith(d) or d in k for d in diukur)
                  and nama(k) not in DIUKUR_MUAT)
    return (f"Callback terdaftar: {len(callbacks)}; diukur di sini: {len(callbacks) - len(sisa) - len(DIUKUR_MUAT)}; "
            f"menulis, diukur oleh make load: {len(DIUKUR_MUAT)}; tidak diukur: {len(sisa)} ({', '.join(sisa)})")


def rencana(url: str, ukuran: Ukuran) -> str:
    """The plan of a call's slowest statement: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on
    SQLite."""
    from models.db import get_engine

    _, sql, param = ukuran.kueri
    if not sql:
        return "(tidak ada kueri)"
    engine = get_engine(url)
    awal = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    with engine.connect() as conn:
        baris = conn.exec_driver_sql(awal + sql, param or ()).fetchall()
    return "\n".join(" ".join(str(x) for x in b) for b in baris)


def laporan(skala: list[tuple[str, str, dict[tuple[str, str], Ukuran]]]) -> tuple[str, list[str]]:
    """The table of every call at every scale side by side, the growth from the first to the last, and the
    failures against the limits."""
    lebar = 34 if all(not u.p95_putaran for _, _, h in skala for u in h.values()) else 46
    judul = f"{'Panggilan':<26}{'Pengguna':<34}"
    for nama, _, _ in skala:
        judul += f"{'│ ' + nama:<{lebar}}"
    if len(skala) > 1:
        judul += f"{'tumbuh':>8}"
    kepala = "│ p50 / p95 / SQL ms / KB" if lebar == 34 else "│ p50 / p95 [tiap putaran] / SQL ms / KB"
    baris = [judul, f"{'':<60}" + "".join(f"{kepala:<{lebar}}" for _ in skala)]
    gagal = []
    kunci = list(skala[0][2])
    for k in kunci:
        teks = f"{k[0]:<26}{k[1]:<34}"
        for nama, _, hasil in skala:
            u = hasil.get(k)
            if u is None:
                teks += f"{'│ –':<{lebar}}"
                continue
            sql = "–" if u.sql != u.sql else f"{u.sql:.1f}"  # NaN: a page load, no single query to compare
            tiap = f" [{', '.join(f'{x:.0f}' for x in u.p95_putaran)}]" if u.p95_putaran else ""
            teks += f"{f'│ {u.p50:.0f} / {u.p95:.0f}{tiap} / {sql} / {u.jawaban / 1000:.0f}':<{lebar}}"
            if u.p95 > u.batas:
                gagal.append(f"{nama}: {u.label} {u.siapa}: p95 {u.p95:.0f} ms > {u.batas:.0f} ms")
            if u.figur > BATAS_FIGUR:
                gagal.append(f"{nama}: {u.label} {u.siapa}: data figur {u.figur} B > 1 MB")
            if u.siapa.startswith("admin") and u.jawaban > BATAS_JAWABAN:
                gagal.append(f"{nama}: {u.label} {u.siapa}: jawaban {u.jawaban} B > 1 MB")
        if len(skala) > 1 and k in skala[-1][2] and k in skala[0][2]:
            teks += f"{skala[-1][2][k].p95 / max(skala[0][2][k].p95, 0.01):>7.1f}×"
        baris.append(teks)
    return "\n".join(baris), gagal


def main() -> int:
    server = os.environ.get("BENCH_PG_URL")
    skala = [("SQLite 33 kec", siapkan_sqlite())]
    if server:
        skala += [(f"PostgreSQL {n} kec", siapkan_pg(server, n)) for n in SKALA_PG]
    print(f"{ULANG} panggilan per kasus, {PUTARAN} putaran; batas median p95: {BATAS_KANTOR_MS:.0f} ms untuk satu "
          f"kecamatan dan tampilan kabupaten, {BATAS_ADMIN_MS:.0f} ms untuk admin, {BATAS_BERKAS_MS:.0f} ms untuk "
          f"berkas\n")
    diukur = []
    for i, (nama, url) in enumerate(skala):
        putaran = []
        for j in range(PUTARAN):
            mulai = time.perf_counter()
            putaran.append(ukur(url, cakupan_cetak=i == 0 and j == 0))
            print(f"{nama}: putaran {j + 1} dari {PUTARAN} selesai dalam {time.perf_counter() - mulai:.0f} detik",
                  flush=True)
        diukur.append((nama, url, gabung(putaran)))
    gagal: list[str] = []
    for kelompok in ([diukur[0]], diukur[1:]):  # SQLite alone; PostgreSQL's two scales side by side
        if kelompok:
            tabel, g = laporan(kelompok)
            print(tabel + "\n")
            gagal += g
    nama, url, terbesar = diukur[-1]
    print(f"Rencana kueri terlama dari tiga panggilan terlambat ({nama}):")
    for u in sorted(terbesar.values(), key=lambda u: -u.p95)[:3]:
        ms, sql, _ = u.kueri
        print(f"\n── {u.label} · {u.siapa} · p95 {u.p95:.0f} ms; {u.jumlah_kueri} kueri {u.total_kueri:.1f} ms, "
              f"terlama {ms:.1f} ms:")
        print("   " + " ".join(sql.split())[:600])
        print("   " + rencana(url, u).replace("\n", "\n   "))
    for g in gagal:
        print("GAGAL:", g)
    if not gagal:
        print("\nSemua panggilan dalam batas p95 dan data figur ≤ 1 MB.")
    return 1 if gagal else 0


if __name__ == "__main__":
    raise SystemExit(main())
