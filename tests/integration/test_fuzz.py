"""The bounded property-based run over every callback and route (tests/fuzz): no 500, no write on a refused
request, an audit row for each refusal that must have one. `make fuzz` runs the same properties at length."""
from __future__ import annotations

import os

import pytest

from tests.fuzz.penguji import Penguji, jalankan

JUMLAH = int(os.environ.get("FUZZ_UJI_JUMLAH", "400"))


@pytest.fixture
def penguji(app, demo):
    p = Penguji(app)
    yield p
    p.tutup()


def test_random_and_hostile_requests_as_every_role_never_fail_nor_write_when_refused(penguji):
    """Hypothesis draws JUMLAH requests (derandomized: the same ones on every run): well-formed callback requests
    with random and hostile values, callback bodies bent out of Dash's shape, raw bodies, and every route with random
    path values and query strings, as every role and anonymous. The full database fingerprint is compared with the
    write watch after each request."""
    jalankan(penguji, JUMLAH, kumpulkan=False, sidik_tiap=1)
    c = penguji.catatan
    assert c.dicoba >= JUMLAH
    assert set(c.jenis) == {"callback", "badan_rusak", "badan_mentah", "rute"}
