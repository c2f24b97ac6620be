"""Progress of a long command: at most one line per interval, the time left at the rate so far, the end once."""
from models.umum.kemajuan import Kemajuan


def test_lines_are_throttled_estimate_the_time_left_and_report_the_end_once():
    baris: list[str] = []
    jam = iter([0.0, 0.2, 1.5, 1.7, 3.0, 3.1, 3.2]).__next__
    k = Kemajuan("Riwayat", 4, tulis=baris.append, jam=jam)  # started at 0.0
    k.maju(0)  # 0.2: the first line, no rate yet
    k.maju(1)  # 1.5: one of four in 1.5 s, three more at that rate
    k.maju(2)  # 1.7: within a second of the last line: quiet
    k.maju(4)  # 3.0: the end is always reported
    k.maju(4, paksa=True)  # 3.1: and only once
    assert baris == ["Riwayat:   0% (0/4) · 0 detik · memperkirakan sisa waktu…",
                     "Riwayat:  25% (1/4) · 2 detik · sisa ± 4 detik",
                     "Riwayat: 100% (4/4) · 3 detik · selesai"]
