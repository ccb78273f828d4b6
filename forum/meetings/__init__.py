"""Network meetings: programme, RSVPs, notes threads, iCalendar feeds and reminders."""
