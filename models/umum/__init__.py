"""What every part of the office's work uses: periods, dates, numbers, the work calendar, the audit log."""
