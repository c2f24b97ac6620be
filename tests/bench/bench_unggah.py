"""Time and memory of reading an uploaded document: a seed SOP written as Word, a hostile Word document (one
procedure table of 11,000 step rows, about 30 MB of document.xml in a 240 KB file; and one of 2,000 rows, 5.5 MB of XML), the Isi Realisasi template and
a hostile workbook (one row of 500,000 cells in a 7 KB file).

    .venv/bin/python tests/bench/bench_unggah.py            # every case
    .venv/bin/python tests/bench/bench_unggah.py docx_jahat # one case
    .venv/bin/python tests/bench/bench_unggah.py --sehat http://127.0.0.1:8162
                    # against a running server (gunicorn, demo data): /sehat's latency alone, then while 8
                    # Camats preview the hostile Word document on Unggah SOP at once (BENCH_PARALEL, BENCH_LANGKAH)

Each case runs in a fresh Python process, so that its peak resident memory is its own: the figures are the wall
time of the read and the growth of the process's peak resident size during it (lxml's and libxml2's memory
included) over the same process after the imports and the file's build, then the peak of Python's allocations
(tracemalloc) during a second, traced read.
The read is what every upload goes through: models.sop.berkas.baca_berkas for Unggah SOP, and
models.umum.lembar_kerja.buka_xlsx + baca_baris (as Isi Realisasi reads its sheet) for a workbook. A refused file
counts as read: its message is printed.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

KASUS = ("docx_seed", "docx_jahat", "docx_jahat_2000", "xlsx_templat", "xlsx_jahat")


def _berkas(kasus: str) -> bytes:
    from tests.berkas_jahat import docx_banyak_langkah, docx_seed, xlsx_satu_baris

    if kasus == "docx_seed":
        return docx_seed("001_2e3896f4ba278037.txt")
    if kasus == "docx_jahat":
        return docx_banyak_langkah(11_000)
    if kasus == "docx_jahat_2000":  # under document.xml's 8 MB: read until a bound stops it
        return docx_banyak_langkah(2_000)
    if kasus == "xlsx_jahat":
        return xlsx_satu_baris(500_000)
    from models.kinerja.excel import BARIS_JUDUL, KOLOM, LEMBAR, MAKS_BARIS
    from models.umum.lembar_kerja import buku_templat, simpan_xlsx

    wb, ws = buku_templat(lembar=LEMBAR, judul="Realisasi", isian=[("Tahun", 2025), ("Triwulan", 2)], catatan=[],
                          kolom=KOLOM, baris_judul=BARIS_JUDUL)
    for n in range(MAKS_BARIS):  # the template filled to its bound
        for i in range(len(KOLOM)):
            ws.cell(row=BARIS_JUDUL + 1 + n, column=i + 1, value=f"isi {n}" if i else f"IKU-{n}")
    return simpan_xlsx(wb)


def _baca(kasus: str, data: bytes) -> str:
    from models.umum.penolakan import Ditolak

    try:
        if kasus.startswith("docx"):
            from models.sop.berkas import baca_berkas

            prosedur = baca_berkas("bench.docx", data)
            return f"{len(prosedur)} prosedur, {sum(len(p.langkah) for p in prosedur)} langkah"
        from models.kinerja.excel import BARIS_JUDUL, KOLOM, LEMBAR, MAKS_BARIS
        from models.umum.lembar_kerja import baca_baris, buka_xlsx

        wb = buka_xlsx(data)
        baris = baca_baris(wb, wb.sheetnames[0] if LEMBAR not in wb.sheetnames else LEMBAR,
                           baris=BARIS_JUDUL + MAKS_BARIS, kolom=len(KOLOM) + 1)
        return f"{len(baris)} baris"
    except Ditolak as e:
        return f"ditolak: {e}"


def satu(kasus: str) -> dict:
    data = _berkas(kasus)
    import models.sop.berkas  # noqa: F401  (imports out of the measure)
    import models.umum.lembar_kerja  # noqa: F401

    rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mulai = time.perf_counter()
    hasil = _baca(kasus, data)
    detik = time.perf_counter() - mulai
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_awal
    tracemalloc.start()  # a second read, traced (tracemalloc slows it, so it is not the one timed)
    _baca(kasus, data)
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"kasus": kasus, "berkas_kb": round(len(data) / 1024, 1), "detik": round(detik, 2),
            "puncak_python_mb": round(puncak / 2**20, 1), "tambah_rss_mb": round(rss / 1024, 1), "hasil": hasil}


def sehat(alamat: str) -> None:
    """/sehat's latency (median and worst of requests one after another) alone and under parallel hostile previews."""
    import base64
    import re
    import threading

    import requests

    from dashboard import ids
    from tests.berkas_jahat import docx_banyak_langkah

    paralel = int(os.environ.get("BENCH_PARALEL", "8"))
    bom = docx_banyak_langkah(int(os.environ.get("BENCH_LANGKAH", "11000")))
    isi = ("data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,"
           + base64.b64encode(bom).decode())
    badan = {"output": f"..{ids.UNGGAH_SOP_PRATINJAU}.children...{ids.UNGGAH_SOP_SIMPAN}.disabled..."
                       f"{ids.UNGGAH_SOP_PESAN}.children..",
             "outputs": [{"id": ids.UNGGAH_SOP_PRATINJAU, "property": "children"},
                         {"id": ids.UNGGAH_SOP_SIMPAN, "property": "disabled"},
                         {"id": ids.UNGGAH_SOP_PESAN, "property": "children"}],
             "inputs": [{"id": ids.UNGGAH_SOP_BERKAS, "property": "contents", "value": isi},
                        {"id": ids.UNGGAH_SOP_KANTOR, "property": "value", "value": None}],
             "state": [{"id": ids.UNGGAH_SOP_BERKAS, "property": "filename", "value": "bom.docx"}],
             "changedPropIds": [f"{ids.UNGGAH_SOP_BERKAS}.contents"]}

    def sesi() -> requests.Session:
        r = requests.Session()
        token = re.search(r'name="csrf_token" value="([^"]+)"', r.get(f"{alamat}/login").text).group(1)
        r.post(f"{alamat}/login", data={"username": "camat.poncokusumo", "password": "demo12345",
                                        "csrf_token": token})
        return r

    def ukur_sehat(selesai: threading.Event | None) -> list[float]:
        waktu = []
        while True:
            mulai = time.perf_counter()
            requests.get(f"{alamat}/sehat", timeout=300)
            waktu.append(time.perf_counter() - mulai)
            if selesai is None and len(waktu) >= 20 or selesai is not None and selesai.is_set():
                return waktu
            time.sleep(0.1)

    sendiri = ukur_sehat(None)
    print(f"/sehat alone: median {statistics.median(sendiri) * 1000:.0f} ms, worst {max(sendiri) * 1000:.0f} ms")
    sesi_camat = [sesi() for _ in range(paralel)]
    jawaban: list[tuple[int, int, float]] = []

    def pratinjau(r: requests.Session) -> None:
        mulai = time.perf_counter()
        x = r.post(f"{alamat}/_dash-update-component", json=badan, timeout=600)
        jawaban.append((x.status_code, len(x.content), time.perf_counter() - mulai))

    selesai = threading.Event()
    benang = [threading.Thread(target=pratinjau, args=(r,)) for r in sesi_camat]
    mulai = time.perf_counter()
    for b in benang:
        b.start()
    hasil: list[float] = []
    pengukur = threading.Thread(target=lambda: hasil.extend(ukur_sehat(selesai)))
    pengukur.start()
    for b in benang:
        b.join()
    selesai.set()
    pengukur.join()
    print(f"{paralel} hostile previews at once: all answered in {time.perf_counter() - mulai:.1f} s "
          f"(status {sorted({j[0] for j in jawaban})}, largest answer {max(j[1] for j in jawaban):,} bytes); "
          f"/sehat meanwhile: median {statistics.median(hasil) * 1000:.0f} ms, worst {max(hasil) * 1000:.0f} ms")


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--sehat":
        sehat(argv[1])
        return 0
    if len(argv) == 2 and argv[0] == "--satu":
        print(json.dumps(satu(argv[1])))
        return 0
    for kasus in argv or KASUS:
        r = subprocess.run([sys.executable, __file__, "--satu", kasus], capture_output=True, text=True, cwd=ROOT)
        if r.returncode:
            print(kasus, "gagal:", r.stderr[-2000:])
            continue
        x = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"{x['kasus']:<13} {x['berkas_kb']:>8} KB  {x['detik']:>6} s  Python {x['puncak_python_mb']:>7} MB  "
              f"RSS +{x['tambah_rss_mb']:>7} MB  {x['hasil'][:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
