"""make bench-layar runs to its table: two pages of each user drawn in Chromium on the demo database."""
from __future__ import annotations


def test_the_page_bench_draws_each_users_pages_and_measures_their_answers(demo, capsys):
    from tests.bench.bench_layar import KEPALA, main

    url = demo.url.render_as_string(hide_password=False)
    kode = main(["--db", url, "--pengguna", "admin,kabupaten.malang", "--halaman", "Beranda"])
    keluaran = capsys.readouterr().out
    assert KEPALA in keluaran
    baris = [b.split() for b in keluaran.splitlines() if b.startswith(("admin ", "kabupaten.malang "))]
    assert [(b[0], b[1]) for b in baris] == [("admin", "Beranda"), ("kabupaten.malang", "Beranda")]
    for b in baris:
        detik, kb = float(b[2]), float(b[3])
        assert 0 < detik < 5 and 0 < kb < 1000, b
    assert kode == 0 and "2 halaman; 0 melewati batas" in keluaran
