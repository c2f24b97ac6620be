"""The house's shape: no import cycle anywhere in the project, in-function imports included (a cycle hidden in a
function hid a design fault before: the state machine importing the figure it carries)."""
from __future__ import annotations

import grimp


def _siklus(graf: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    indeks: dict[str, int] = {}
    rendah: dict[str, int] = {}
    tumpukan: list[str] = []
    di_tumpukan: set[str] = set()
    hasil: list[list[str]] = []
    for awal in sorted(graf):
        if awal in indeks:
            continue
        kerja = [(awal, iter(sorted(graf[awal])))]
        indeks[awal] = rendah[awal] = len(indeks)
        tumpukan.append(awal)
        di_tumpukan.add(awal)
        while kerja:
            v, anak = kerja[-1]
            w = next(anak, None)
            if w is not None:
                if w not in indeks:
                    indeks[w] = rendah[w] = len(indeks)
                    tumpukan.append(w)
                    di_tumpukan.add(w)
                    kerja.append((w, iter(sorted(graf[w]))))
                elif w in di_tumpukan:
                    rendah[v] = min(rendah[v], indeks[w])
                continue
            kerja.pop()
            if kerja:
                rendah[kerja[-1][0]] = min(rendah[kerja[-1][0]], rendah[v])
            if rendah[v] == indeks[v]:
                kelompok = []
                while True:
                    w = tumpukan.pop()
                    di_tumpukan.discard(w)
                    kelompok.append(w)
                    if w == v:
                        break
                if len(kelompok) > 1:
                    hasil.append(sorted(kelompok))
    return hasil


def test_the_cycle_finder_finds_a_cycle():
    assert _siklus({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_of_the_project_imports_itself_round_a_cycle():
    g = grimp.build_graph("models", "dashboard", "callbacks", "seed")
    graf = {m: set(g.find_modules_directly_imported_by(m)) for m in g.modules}
    assert _siklus(graf) == []


def test_importing_app_builds_nothing_and_server_is_built_on_first_use():
    """`from app import create_app` reads no setting (production without SECRET_KEY imports fine); asking for
    `server`, as gunicorn and flask --app do, builds the app from the environment and says what is missing."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    akar = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "APP_ENV")} | {"APP_ENV": "production"}
    kode = ("import app\nassert app._dibangun is None\ntry:\n    app.server\nexcept Exception as e:\n"
            "    print(type(e).__name__, e)\n")
    hasil = subprocess.run([sys.executable, "-c", kode], cwd=akar, env=env, capture_output=True, text=True, timeout=60)
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == ("KonfigurasiSalah SECRET_KEY wajib diisi di luar lingkungan pengembangan "
                                    "(APP_ENV=development).")


def test_every_kind_of_work_is_listed_once_and_registered_by_muat():
    """Each JenisKerja has its hooks in models.jenis_kerja, and muat() registers all of them with the state machine;
    no module registers a kind as a side effect of being imported."""
    from pathlib import Path

    from models.jenis_kerja import JENIS_KERJA, muat
    from models.sop.alur import _SUBJEK, jenis_subjek
    from models.umum.status import JenisKerja

    muat()
    assert set(JENIS_KERJA) == set(JenisKerja)
    assert {str(j) for j in JenisKerja} <= set(_SUBJEK)
    assert all(jenis_subjek(j).nama and jenis_subjek(j).halaman for j in JenisKerja)
    models_dir = Path(__file__).resolve().parents[2] / "models"
    pemanggil = [p.name for p in models_dir.rglob("*.py")
                 if "daftarkan_subjek(" in p.read_text() and p.name not in ("alur.py", "jenis_kerja.py")]
    assert pemanggil == []


