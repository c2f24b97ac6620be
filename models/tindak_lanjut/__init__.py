"""Monitoring and evaluation of performance, their recommendations and the follow-up of each."""
# An evaluation is a subject of the SOP state machine: importing the package registers it.
from models.tindak_lanjut import evaluasi as _evaluasi  # noqa: F401
