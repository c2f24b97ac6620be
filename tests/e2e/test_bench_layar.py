"""make bench-layar runs to its table: two pages of each user drawn in Chromium on the demo database. It runs as
its own process, as `make bench-layar` does (its browser is its own, beside the browser tests' one)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_page_bench_draws_each_users_pages_and_measures_their_answers(demo):
    from tests.bench.bench_layar import KEPALA

    url = demo.url.render_as_string(hide_password=False)
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "bench_layar.py"), "--db", url, "--pengguna",
                        "admin,kabupaten.malang", "--halaman", "Beranda"], capture_output=True, text=True, cwd=ROOT,
                       timeout=600)
    kode, keluaran = r.returncode, r.stdout
    assert kode in (0, 1), r.stderr[-2000:]
    assert KEPALA in keluaran
    baris = [b.split() for b in keluaran.splitlines() if b.startswith(("admin ", "kabupaten.malang "))]
    assert [(b[0], b[1]) for b in baris] == [("admin", "Beranda"), ("kabupaten.malang", "Beranda")]
    for b in baris:
        detik, kb = float(b[2]), float(b[3])
        assert 0 < detik < 5 and 0 < kb < 1000, b
    assert kode == 0 and "2 halaman; 0 melewati batas" in keluaran
