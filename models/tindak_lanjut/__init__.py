"""Monitoring and evaluation of performance, their recommendations and the follow-up of each."""
