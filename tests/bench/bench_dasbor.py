"""Speed of the dashboards' callbacks on the 33-kecamatan, five-year demo history (SQLite).

    make bench            # builds instance/bench-33x5.db once (flask demo generate …), then measures
    BENCH_SARING=Perbandingan make bench   # only the calls whose label holds the text

Each callback of Beranda, Capaian IKU, Waktu Siklus, Persetujuan, Tindak Lanjut, Perbandingan, Katalog and
Monitoring SOP is called through Dash's real endpoint
(POST /_dash-update-component, in-process, so the time is the server's), as camat.poncokusumo and as
kabupaten.malang, over several filters. Beside each, the same aggregation as one bare SQL query on the same file
shows the overhead as a ratio. Fails (exit 1) when a p95 exceeds 100 ms or a response carries more than 1 MB
of figure data.
"""
from __future__ import annotations

import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("SECRET_KEY", "kunci-bench")

BATAS_P95_MS = 100.0
BATAS_FIGUR = 1_000_000
ULANG = int(os.environ.get("BENCH_ULANG", "25"))
SARING = os.environ.get("BENCH_SARING", "")  # only the calls whose label contains this text (e.g. "Perbandingan")


def _db() -> Path:
    from models.db import get_engine
    from models.migrasi import pastikan_skema
    from seed.riwayat import buat_riwayat

    berkas = Path(os.environ.get("BENCH_DB", ROOT / "instance" / "bench-33x5.db"))
    if berkas.exists():
        pastikan_skema(get_engine(f"sqlite:///{berkas}"))  # a file kept from an older schema is upgraded in place
        return berkas

    berkas.parent.mkdir(exist_ok=True)
    sementara = berkas.with_suffix(".baru")
    sementara.unlink(missing_ok=True)
    engine = get_engine(f"sqlite:///{sementara}")
    pastikan_skema(engine)
    t = time.perf_counter()
    hasil = buat_riwayat(engine, kabupaten="Malang", kecamatan=33, tahun=5, seed=1)
    engine.dispose()
    sementara.rename(berkas)
    print(f"{hasil.kalimat()} ({time.perf_counter() - t:.0f} s)")
    return berkas


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


def main() -> int:
    berkas = _db()
    from sqlmodel import select

    from app import create_app
    from models.db import session_scope
    from models.tables import Eksekusi, Kecamatan, Realisasi, Sop
    from models.umum.periode import periode_baku
    from tests.conftest import masuk
    from tests.dash_util import daftar_callback, payload

    app = create_app({"DATABASE_URL": f"sqlite:///{berkas}", "APP_ENV": "test", "SECRET_KEY": "kunci-bench",
                      "UPLOAD_DIR": str(ROOT / "instance" / "bench-unggahan")})
    engine = app.server.extensions["sakip_engine"]
    th, tw = periode_baku()
    with session_scope(engine) as s:
        ponco = s.exec(select(Kecamatan.id).where(Kecamatan.nama == "Poncokusumo")).one()
        kunci = s.exec(select(Sop.kunci).where(Sop.kecamatan_id == ponco).where(Sop.nama.like("%Administrasi%"))
                       ).first()
        eks = s.exec(select(Eksekusi.id).where(Eksekusi.kecamatan_id == ponco).where(Eksekusi.tahun == th)
                     .order_by(Eksekusi.id.desc())).first()
        rea = s.exec(select(Realisasi.id).where(Realisasi.kecamatan_id == ponco).where(Realisasi.tahun == th)
                     .order_by(Realisasi.id)).first()
        kecamatan = s.exec(select(Kecamatan).where(Kecamatan.id == ponco)).one().nama
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
                   "JOIN kecamatan k ON k.id = s.kecamatan_id WHERE s.kecamatan_id IN ({k}) AND lower(r.nama) LIKE "
                   "'%pengumpulan%'")
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
            (user, kec, "Persetujuan", "persetujuan-isi.children", {"kecamatan": kec, "_pesan": None},
             sql_antrian, ()),
            (user, kec, "Tindak Lanjut (setahun)",
             "..tl-isi.children...tl-pilih.options...tl-pilih.value...tl-minta.data..",
             {"kecamatan": kec, "tahun": th, "triwulan": 0, "minta": None}, sql_tl, (th,)),
            (user, kec, "Perbandingan: kepatuhan", "pk-kepatuhan.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_beranda, (th, tw)),
            (user, kec, "Perbandingan: capaian", "pk-capaian.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_capaian, (th, th)),
            (user, kec, "Perbandingan: tindak", "pk-tindak.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw}, sql_tl, (th,)),
            (user, kec, "Perbandingan: proses SOP", "pk-proses.children",
             {"kecamatan": kec, "tahun": th, "triwulan": tw, "sop": kunci}, sql_siklus, (kunci, th)),
            (user, kec, "Katalog (cari)", "..katalog-hasil.children...katalog-jumlah.children..",
             {"cari": "pengumpulan", "kecamatan": kec or None}, sql_katalog, ()),
            (user, kec, "Monitoring SOP", "..monsop-monitoring.children...monsop-evaluasi.children..",
             {"kecamatan": kec, "tahun": th, "semester": 1 if tw <= 2 else 2}, sql_siklus, (kunci, th)),
        ]
    kasus += [("camat.poncokusumo", None, "Garis waktu", "siklus-garis.children", {"eksekusi_id": eks},
               sql_garis, (eks,)),
              ("camat.poncokusumo", None, "Rincian titik",
               "..capaian-rincian.children...capaian-rincian-jendela.is_open..", {"realisasi_id": rea},
               sql_rincian, (rea,))]

    client_per_user = {}
    callbacks = None
    semua_ids = {}
    with session_scope(engine) as s:
        semua_ids["kabupaten.malang"] = [k for k in s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == (
            s.get(Kecamatan, ponco).kabupaten_id)))]
    print(f"Basis data: {berkas} ({berkas.stat().st_size / 1e6:.0f} MB); periode {tw}/{th}; {ULANG} kali per kasus")
    print(f"{'Panggilan':<28}{'Pengguna':<30}{'p50 ms':>8}{'p95 ms':>8}{'SQL ms':>8}{'rasio':>7}{'figur KB':>10}")
    gagal = []
    db = sqlite3.connect(str(berkas))
    for user, kec, label, kunci_cb, nilai, sql, param in kasus:
        if SARING.lower() not in label.lower():
            continue
        if user not in client_per_user:
            c = app.server.test_client()
            masuk(c, user)
            c.get("/")
            client_per_user[user] = c
        c = client_per_user[user]
        callbacks = callbacks or daftar_callback(app)
        body = payload(kunci_cb, callbacks[kunci_cb], nilai)
        waktu, figur = [], 0
        for i in range(ULANG + 2):
            t = time.perf_counter()
            r = c.post("/_dash-update-component", json=body)
            dt = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{label} {user}: {r.status_code} {r.get_data(as_text=True)[:200]}")
            if i >= 2:  # the first calls warm caches
                waktu.append(dt)
            figur = max(figur, _figur(r.get_json()))
        kec_ids = [ponco] if kec not in ("",) else semua_ids["kabupaten.malang"]
        q = sql.replace("{k}", ",".join(str(k) for k in kec_ids))
        sql_t = []
        for _ in range(ULANG):
            t = time.perf_counter()
            db.execute(q, param).fetchall()
            sql_t.append((time.perf_counter() - t) * 1000)
        p50, p95, s50 = _persentil(waktu, 0.5), _persentil(waktu, 0.95), statistics.median(sql_t)
        siapa = user + ("" if kec is None else (" (semua)" if kec == "" else f" ({kec})"))
        print(f"{label:<28}{siapa:<30}{p50:>8.1f}{p95:>8.1f}{s50:>8.2f}{p50 / max(s50, 0.01):>7.0f}"
              f"{figur / 1024:>10.1f}")
        if p95 > BATAS_P95_MS:
            gagal.append(f"{label} {siapa}: p95 {p95:.0f} ms > {BATAS_P95_MS:.0f} ms")
        if figur > BATAS_FIGUR:
            gagal.append(f"{label} {siapa}: data figur {figur} B > 1 MB")
    for g in gagal:
        print("GAGAL:", g)
    print("Semua panggilan memenuhi p95 ≤ 100 ms dan data figur ≤ 1 MB." if not gagal else "")
    return 1 if gagal else 0


if __name__ == "__main__":
    raise SystemExit(main())
